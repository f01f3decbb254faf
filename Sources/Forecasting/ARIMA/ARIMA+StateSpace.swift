import Foundation

/// The state-space form of an ARIMA model that R's `makeARIMA` builds (Harvey 1989; Durbin &
/// Koopman 2012, §3.4): a state of length `rd = r + d`, `r = max(p, q + 1)`, whose first `r`
/// entries carry the ARMA part and whose last `d` entries carry the past values that the
/// differencing polynomial `Δ` needs, so the filter works on the undifferenced series.
///
/// Storage is column-major (`P[i + rd·j]`) in contiguous buffers that the filter updates in place.
struct ARIMAStateSpace: Sendable {
    var phi: [Double]
    var theta: [Double]
    /// Coefficients of `−(Δ(B) − 1)`: `y_t = Σ deltaᵢ y_{t−i} + w_t`.
    var delta: [Double]
    let r: Int
    let d: Int
    var rd: Int { r + d }
    /// Filtered state `a_{t|t}` (after a run) or the initial state (zero).
    var a: [Double]
    /// Filtered covariance `P_{t|t}`.
    var covariance: [Double]
    /// Predicted covariance; before a run, the initial covariance `P₀`.
    var predicted: [Double]
    /// Variance given to the diffuse (differencing) states, R's `kappa`.
    let kappa: Double
    /// Workspace of the `Q₀` solver, allocated once per model.
    private var q0Scratch: [Double]

    /// R's `makeARIMA(phi, theta, Delta, kappa)` with the Gardner et al. (1980) initial covariance.
    init(phi: [Double], theta: [Double], delta: [Double], kappa: Double = 1e6) {
        self.phi = phi
        self.theta = theta
        self.delta = delta
        self.r = max(phi.count, theta.count + 1)
        self.d = delta.count
        self.kappa = kappa
        let rd = r + delta.count
        a = [Double](repeating: 0, count: rd)
        covariance = [Double](repeating: 0, count: rd * rd)
        predicted = [Double](repeating: 0, count: rd * rd)
        q0Scratch = [Double](repeating: 0, count: ARIMAStateSpace.q0ScratchCount(p: phi.count, r: r))
        resetInitialState()
    }

    /// R's `upARIMA`: new coefficients (same lengths), a zero state and the stationary `P₀`.
    mutating func update(phi newPhi: UnsafePointer<Double>, theta newTheta: UnsafePointer<Double>) {
        for i in 0..<phi.count { phi[i] = newPhi[i] }
        for i in 0..<theta.count { theta[i] = newTheta[i] }
        resetInitialState()
    }

    /// Give this ARMA-only model (`d = 0`) the coefficients of `full` and the ARMA block of
    /// `full`'s initial covariance `Q₀` — to be called before `full` filters, which overwrites it.
    /// - Complexity: O(r²).
    mutating func takeStationaryStart(from full: ARIMAStateSpace) {
        copyCoefficients(from: full)
        let r = self.r, rd = full.rd
        for j in 0..<r { for i in 0..<r { predicted[i + r * j] = full.predicted[i + rd * j] } }
    }

    /// The ARMA coefficients of `full`, whose ARMA part must have this model's orders.
    private mutating func copyCoefficients(from full: ARIMAStateSpace) {
        precondition(d == 0 && full.r == r && full.phi.count == phi.count && full.theta.count == theta.count,
                     "an ARMA-only model takes over from the full model of the same orders")
        for i in 0..<phi.count { phi[i] = full.phi[i] }
        for i in 0..<theta.count { theta[i] = full.theta[i] }
    }

    /// `out = T P Tᵀ + R Rᵀ` for the ARMA block (`r × r`, leading dimension `r`) from a filtered
    /// `P` stored with leading dimension `ld`, using the companion structure of `T`:
    /// `out[i, j] = P[σi, σj] + φᵢ P[0, σj] + φⱼ P[σi, 0] + φᵢ φⱼ P[0, 0] + θ̂ᵢ θ̂ⱼ`,
    /// `σi = i + 1` (no term for `i = r − 1`), `θ̂ = (1, θ₁, …)`.
    /// - Complexity: O(r²).
    static func predictedCovariance(phi: UnsafeBufferPointer<Double>, theta: UnsafeBufferPointer<Double>, r: Int,
                                    filtered pf: UnsafePointer<Double>, leadingDimension ld: Int,
                                    into out: UnsafeMutablePointer<Double>) {
        let p = phi.count, q = theta.count
        @inline(__always) func ph(_ i: Int) -> Double { i < p ? phi[i] : 0 }
        @inline(__always) func th(_ i: Int) -> Double { i == 0 ? 1 : (i <= q ? theta[i &- 1] : 0) }
        @inline(__always) func P(_ i: Int, _ j: Int) -> Double { pf[i &+ ld &* j] }
        for j in 0..<r {
            for i in 0..<r {
                var v = ph(i) * ph(j) * P(0, 0) + th(i) * th(j)
                if i + 1 < r { v += ph(j) * P(i &+ 1, 0) }
                if j + 1 < r { v += ph(i) * P(0, j &+ 1) }
                if i + 1 < r && j + 1 < r { v += P(i &+ 1, j &+ 1) }
                out[i &+ r &* j] = v
            }
        }
    }

    /// Start this ARMA-only model (`d = 0`) where `full`'s filter stopped: the same ARMA
    /// coefficients, the ARMA block of `full`'s filtered state and covariance, and the predicted
    /// covariance `T P Tᵀ + R Rᵀ` for the next step (the filter uses it at its first step).
    ///
    /// Exact when `full`'s differencing states are known (see `ARIMAObjectiveWorkspace.armaModel`).
    /// - Complexity: O(r²).
    mutating func continueFrom(_ full: ARIMAStateSpace) {
        copyCoefficients(from: full)
        let r = self.r, rd = full.rd
        for i in 0..<r { a[i] = full.a[i] }
        for j in 0..<r { for i in 0..<r { covariance[i + r * j] = full.covariance[i + rd * j] } }
        phi.withUnsafeBufferPointer { ph in
        theta.withUnsafeBufferPointer { th in
        full.covariance.withUnsafeBufferPointer { pf in
        predicted.withUnsafeMutableBufferPointer { out in
            ARIMAStateSpace.predictedCovariance(phi: ph, theta: th, r: r, filtered: pf.baseAddress!, leadingDimension: rd,
                                                into: out.baseAddress!)
        }}}}
    }

    mutating func resetInitialState() {
        let rd = self.rd, r = self.r
        for i in 0..<rd { a[i] = 0 }
        phi.withUnsafeBufferPointer { ph in
        theta.withUnsafeBufferPointer { th in
        predicted.withUnsafeMutableBufferPointer { out in
        q0Scratch.withUnsafeMutableBufferPointer { sc in
            let o = out.baseAddress!
            for i in 0..<(rd * rd) { o[i] = 0 }
            ARIMAStateSpace.stationaryCovariance(phi: ph, theta: th, r: r, into: o, leadingDimension: rd,
                                                 scratch: sc.baseAddress!)
        }}}}
        for i in 0..<d { predicted[(r + i) + rd * (r + i)] = kappa }
    }

    /// The stationary covariance `Q₀` of the ARMA block: the solution of `Q = T Q Tᵀ + R Rᵀ`
    /// with `T` the companion matrix of `φ` and `R = (1, θ₁, …, θ_{r−1})ᵀ` — the matrix that
    /// Gardner, Harvey & Phillips (1980, AS 154) compute.
    ///
    /// For `p = 0`, `T` is nilpotent and `Q[i, j] = Σₖ R[i+k] R[j+k]` exactly. Otherwise the
    /// equation is solved directly in O(p³ + r²) instead of AS 154's O(r⁶):
    ///
    /// 1. the autocovariances `γ(0…p)` of the ARMA process (σ² = 1) solve the `(p+1)`-square system
    ///    `γ(k) − Σᵢ φᵢ γ(|k−i|) = Σ_{j≥k} θⱼ ψ_{j−k}` (ψ the MA(∞) weights, `θ₀ = 1`), and the
    ///    same recursion continues to `γ(r)`;
    /// 2. the first row is `Q[0, k] = Cov(xₜ, aₜ[k]) = Σ_{j≥k} (φ_{j+1} γ(j−k+1) + θⱼ ψ_{j−k})`,
    ///    since `aₜ[k] = Σ_{j≥k} φ_{j+1} x_{t−1−j+k} + θⱼ ε_{t−j+k}`;
    /// 3. the rest follows from the Lyapunov equation element by element,
    ///    `Q[i, k] = Q[i+1, k+1] + φ_{i+1} Q[0, k+1] + φ_{k+1} Q[i+1, 0] + φ_{i+1} φ_{k+1} Q[0, 0] + θᵢ θₖ`,
    ///    from the last row backwards.
    ///
    /// The solution exists and is unique whenever `φ` is stationary, which the transformed
    /// parameters guarantee. `scratch` must hold at least ``q0ScratchCount(p:r:)`` values.
    static func stationaryCovariance(phi: UnsafeBufferPointer<Double>, theta: UnsafeBufferPointer<Double>, r: Int,
                                     into out: UnsafeMutablePointer<Double>, leadingDimension ld: Int,
                                     scratch: UnsafeMutablePointer<Double>) {
        let p = phi.count, q = theta.count
        @inline(__always) func th(_ j: Int) -> Double { j == 0 ? 1 : (j <= q ? theta[j - 1] : 0) }
        @inline(__always) func ph(_ j: Int) -> Double { j >= 1 && j <= p ? phi[j - 1] : 0 }  // φ_j, 1-based
        if r == 1 {
            out[0] = p > 0 ? 1 / (1 - phi[0] * phi[0]) : 1
            return
        }
        if p == 0 {
            for i in 0..<r {
                for j in i..<r {
                    var s = 0.0
                    var k = 0
                    while j + k < r { s += th(i + k) * th(j + k); k += 1 }
                    out[i + ld * j] = s
                    out[j + ld * i] = s
                }
            }
            return
        }
        // Layout of scratch: ψ (r), γ (r + 1), system (p+1)², right-hand side (p+1), first row (r + 1).
        let psi = scratch
        let gamma = psi + r
        let system = gamma + (r + 1)
        let rhs = system + (p + 1) * (p + 1)
        let row = rhs + (p + 1)
        psi[0] = 1
        if r > 1 {
            for n in 1..<r {
                var s = th(n)
                for i in 1...min(n, p) { s += phi[i - 1] * psi[n - i] }
                psi[n] = s
            }
        }
        // b_k = Σ_{j=k}^{q} θⱼ ψ_{j−k}, for k = 0…max(p, r).
        @inline(__always) func b(_ k: Int) -> Double {
            var s = 0.0
            if k <= q { for j in k...q { s += th(j) * psi[j - k] } }
            return s
        }
        let np = p + 1
        for i in 0..<(np * np) { system[i] = 0 }
        for k in 0...p {
            system[k + np * k] += 1
            for i in 1...p { system[k + np * abs(k - i)] -= phi[i - 1] }
            rhs[k] = b(k)
        }
        // Gaussian elimination with partial pivoting (column-major `system`).
        for c in 0..<np {
            var piv = c
            var best = abs(system[c + np * c])
            for i in (c + 1)..<max(np, c + 1) where abs(system[i + np * c]) > best {
                best = abs(system[i + np * c]); piv = i
            }
            if piv != c {
                for j in c..<np { let t = system[c + np * j]; system[c + np * j] = system[piv + np * j]; system[piv + np * j] = t }
                let t = rhs[c]; rhs[c] = rhs[piv]; rhs[piv] = t
            }
            let d = system[c + np * c]
            if c + 1 < np {
                for i in (c + 1)..<np {
                    let f = system[i + np * c] / d
                    if f == 0 { continue }
                    for j in (c + 1)..<np { system[i + np * j] -= f * system[c + np * j] }
                    rhs[i] -= f * rhs[c]
                }
            }
        }
        var k = p
        while k >= 0 {
            var s = rhs[k]
            if k + 1 < np { for j in (k + 1)..<np { s -= system[k + np * j] * gamma[j] } }
            gamma[k] = s / system[k + np * k]
            k -= 1
        }
        if r > p {
            for k in (p + 1)...r {
                var s = b(k)
                for i in 1...p { s += phi[i - 1] * gamma[k - i] }
                gamma[k] = s
            }
        }
        // First row Q[0, k], k = 0…r−1, and Q[0, r] = 0.
        for k in 0..<r {
            var s = 0.0
            for j in k..<r { s += ph(j + 1) * gamma[j - k + 1] + th(j) * psi[j - k] }
            row[k] = s
        }
        row[r] = 0
        let q00 = row[0]
        for k in 0..<r { out[ld * k] = row[k]; out[k] = row[k] }
        // Backward recursion on the remaining entries (i, k ≥ 1), using symmetry.
        var i = r - 1
        while i >= 1 {
            let phiI = ph(i + 1), thI = th(i)
            for kk in stride(from: r - 1, through: i, by: -1) {
                let next = (i + 1 < r && kk + 1 < r) ? out[(i + 1) + ld * (kk + 1)] : 0
                let v = next + phiI * row[kk + 1] + ph(kk + 1) * row[i + 1] + phiI * ph(kk + 1) * q00 + thI * th(kk)
                out[i + ld * kk] = v
                out[kk + ld * i] = v
            }
            i -= 1
        }
    }

    /// Scratch size that ``stationaryCovariance(phi:theta:r:into:leadingDimension:scratch:)`` needs.
    static func q0ScratchCount(p: Int, r: Int) -> Int {
        r + (r + 1) + (p + 1) * (p + 1) + (p + 1) + (r + 1)
    }

    /// The transition matrix `T` (column-major `rd × rd`), as `makeARIMA` builds it.
    func transitionMatrix() -> [Double] {
        let rd = self.rd
        var t = [Double](repeating: 0, count: rd * rd)
        for i in 0..<phi.count { t[i] = phi[i] }
        if r > 1 { for i in 1..<r { t[(i - 1) + rd * i] = 1 } }
        if d > 0 {
            t[r] = 1
            for j in 0..<d { t[r + rd * (r + j)] = delta[j] }
            if d > 1 { for i in 1..<d { t[(r + i) + rd * (r + i - 1)] = 1 } }
        }
        return t
    }
}

/// Scratch buffers for the ARIMA Kalman filter, allocated once per fit and reused by every
/// likelihood evaluation (single-threaded, so runtime exclusivity checks are switched off).
final class ARIMAFilterWorkspace {
    @exclusivity(unchecked) var anew: [Double]
    @exclusivity(unchecked) var gainVector: [Double]
    /// `φ` padded with zeros to the state length.
    @exclusivity(unchecked) var paddedPhi: [Double]
    /// `P δ̂` in the prediction step, then row 0 of `P` and `M / gain` (symmetric storage).
    @exclusivity(unchecked) var deltaProduct: [Double]
    /// Positions of the non-zero differencing coefficients.
    @exclusivity(unchecked) var deltaIndex: [Int]

    init(stateDimension rd: Int) {
        anew = [Double](repeating: 0, count: rd)
        gainVector = [Double](repeating: 0, count: rd)
        paddedPhi = [Double](repeating: 0, count: rd)
        deltaProduct = [Double](repeating: 0, count: 3 * rd)
        deltaIndex = [Int](repeating: 0, count: rd)
    }

    /// Buffers of ``ARIMAStateSpace/chandrasekharSums(_:head:differencingSteps:workspace:)``.
    @exclusivity(unchecked) var chandrasekhar: [Double] = []

    /// Grow the Chandrasekhar buffers for state length `r` and rank at most `k`.
    func prepareChandrasekhar(stateDimension r: Int, rank k: Int) {
        let needed = 4 * r + r * k + k * k + 2 * k + r * r + r * k
        if chandrasekhar.count < needed { chandrasekhar = [Double](repeating: 0, count: needed) }
    }

    /// Grow the buffers when a model with a larger state reuses the workspace.
    func prepare(stateDimension rd: Int, differencing d: Int) {
        guard anew.count < rd || deltaIndex.count < d else { return }
        let n = max(rd, d)
        anew = [Double](repeating: 0, count: n)
        gainVector = [Double](repeating: 0, count: n)
        paddedPhi = [Double](repeating: 0, count: n)
        deltaProduct = [Double](repeating: 0, count: 3 * n)
        deltaIndex = [Int](repeating: 0, count: n)
    }
}

/// The sums the exact likelihood needs.
struct ARIMALikelihoodSums: Sendable {
    /// `Σ vₜ² / Fₜ` over the non-diffuse steps.
    var sumOfSquares: Double
    /// `Σ log Fₜ` over the same steps.
    var sumOfLogs: Double
    /// Number of steps counted (`Fₜ < 10⁴`, so the diffuse start is excluded as in R).
    var count: Int
}

extension ARIMAStateSpace {
    /// The Kalman filter of R's `ARIMA_Like` (Durbin & Koopman 2012, §4.3) on `y` (NaN = missing,
    /// skipped by the update), starting from the model's `a` and `predicted`, leaving the filtered
    /// state in `a` and `covariance`.
    ///
    /// Steps whose prediction variance `Fₜ` is ≥ 10⁴ belong to the diffuse start and are left out
    /// of the sums, R's approximation of the diffuse likelihood with `κ = 10⁶`.
    ///
    /// - Parameter standardizedResiduals: when non-nil, receives `vₜ / √Fₜ` (NaN where missing).
    /// - Complexity: O(n · rd²), no allocation.
    mutating func filter(_ y: UnsafeBufferPointer<Double>, workspace: ARIMAFilterWorkspace,
                         standardizedResiduals: UnsafeMutableBufferPointer<Double>?) -> ARIMALikelihoodSums {
        let r = self.r, d = self.d, rd = self.rd
        let p = phi.count, q = theta.count
        var ssq = 0.0, sumlog = 0.0, nu = 0
        workspace.prepare(stateDimension: rd, differencing: d)
        phi.withUnsafeBufferPointer { phi in
        theta.withUnsafeBufferPointer { theta in
        delta.withUnsafeBufferPointer { delta in
        a.withUnsafeMutableBufferPointer { a in
        covariance.withUnsafeMutableBufferPointer { P in
        predicted.withUnsafeMutableBufferPointer { Pnew in
        workspace.anew.withUnsafeMutableBufferPointer { anew in
        workspace.gainVector.withUnsafeMutableBufferPointer { M in
        workspace.paddedPhi.withUnsafeMutableBufferPointer { phiHat in
        workspace.deltaProduct.withUnsafeMutableBufferPointer { h in
        workspace.deltaIndex.withUnsafeMutableBufferPointer { deltaIndex in
            // Raw pointers and wrapping index arithmetic keep the inner loops free of overflow
            // checks, so they vectorise.
            let phi = phi.baseAddress, theta = theta.baseAddress, delta = delta.baseAddress
            let a = a.baseAddress!, P = P.baseAddress!, Pnew = Pnew.baseAddress!, anew = anew.baseAddress!
            let M = M.baseAddress!, phiHat = phiHat.baseAddress!, h = h.baseAddress!, deltaIndex = deltaIndex.baseAddress!
            // φ̂: φ padded with zeros to the state length; the non-zero entries of δ.
            for i in 0..<rd { phiHat[i] = i < p ? phi![i] : 0 }
            var nd = 0
            for k in 0..<d where delta![k] != 0 { deltaIndex[nd] = k; nd &+= 1 }
            // The predicted covariance T P Tᵀ + R Rᵀ is formed directly from the structure of T:
            // row i of T picks state σ(i) (i+1 in the ARMA block, i−1 in the differencing block,
            // none for i = r−1 and i = r) plus φᵢ times state 0; row r is δ̂ᵀ = e₀ᵀ + Σ δₖ e_{r+k}ᵀ.
            // So, with h = P δ̂,
            //   Pnew[i, j] = P[σi, σj] + φ̂ᵢ P[0, σj] + φ̂ⱼ P[σi, 0] + φ̂ᵢ φ̂ⱼ P[0, 0]   (i, j ≠ r),
            //   Pnew[i, r] = φ̂ᵢ h[0] + h[σi],   Pnew[r, r] = δ̂ᵀ h,
            // plus θᵢ θⱼ for i, j ≤ q: O(rd²) per step with no dense products.
            //
            // Larger states (seasonal models) form only the upper triangles of P and Pnew, which
            // halves the work; σ is increasing, so the upper triangle of Pnew needs only the
            // upper triangle of P. Small states keep the full matrices: R's order of operations
            // to the last bit, which matters on flat likelihoods of short series.
            let symmetric = rd > 8
            // Symmetric path: the current prediction, the buffer for the next one, and M / gain.
            var cur = Pnew, nxt = P
            let mv = h + 2 &* rd
            for i in 0..<rd { M[i] = 0; mv[i] = 0 }
            for l in 0..<y.count {
                for i in 0..<(r &- 1) { anew[i] = a[i &+ 1] }
                anew[r &- 1] = 0
                let a0 = a[0]
                for i in 0..<p { anew[i] += phi![i] * a0 }
                if d > 0 {
                    var i = rd &- 1
                    while i > r { anew[i] = a[i &- 1]; i &-= 1 }
                    var tmp = a0
                    for t in 0..<nd { let k = deltaIndex[t]; tmp += delta![k] * a[r &+ k] }
                    anew[r] = tmp
                }
                if l > 0 {
                    if symmetric {
                        // Only the upper triangles (i ≤ j) are formed: σ is increasing, so the upper
                        // triangle of Pnew needs only the upper triangle of P. P itself is not
                        // stored: P[a, b] = cur[a, b] − M[a] (M[b] / gain) is formed where it is read,
                        // with the very operations of the separate update, and the new Pnew goes
                        // to the other buffer.
                        let u = h + rd  // u[x] = P[0, x] = P[x, 0]
                        let m0 = M[0]
                        for x in 0..<rd { u[x] = cur[rd &* x] - m0 * mv[x] }
                        let p00 = u[0]
                        if d > 0 {
                            for x in 0..<rd { h[x] = u[x] }
                            for t in 0..<nd {
                                let k = deltaIndex[t], dk = delta![k], c = r &+ k, col = cur + rd &* c
                                let mc = mv[c], Mc = M[c]
                                for x in 0...c { h[x] += dk * (col[x] - M[x] * mc) }
                                if c + 1 < rd { for x in (c &+ 1)..<rd { h[x] += dk * (cur[c &+ rd &* x] - Mc * mv[x]) } }
                            }
                        }
                        for j in 0..<rd where j != r {
                            let sj = j < r &- 1 ? j &+ 1 : (j > r ? j &- 1 : -1)
                            let phj = phiHat[j]
                            let cj = sj >= 0 ? u[sj] : 0  // P[0, σj]
                            let out = nxt + rd &* j
                            let base = cj + phj * p00
                            let up = u + 1  // P[i + 1, 0]
                            let armaRows = min(j &+ 1, r &- 1)
                            if sj >= 0 {
                                let src = cur + (rd &* sj &+ 1), msj = mv[sj], Mup = M + 1
                                for i in 0..<armaRows { out[i] = (src[i] - Mup[i] * msj) + phj * up[i] + phiHat[i] * base }
                                if j > r {
                                    let src2 = cur + (rd &* sj &- 1), down = u - 1, Mdown = M - 1
                                    for i in (r &+ 1)...j { out[i] = (src2[i] - Mdown[i] * msj) + phj * down[i] }
                                }
                            } else {
                                for i in 0..<armaRows { out[i] = phj * up[i] + phiHat[i] * base }
                                if j > r { for i in (r &+ 1)...j { out[i] = phj * u[i &- 1] } }
                            }
                            if j >= r &- 1 { out[r &- 1] = phiHat[r &- 1] * base }
                            if d > 0 && j > r { out[r] = phj * h[0] + (sj >= 0 ? h[sj] : 0) }
                        }
                        if d > 0 {
                            let out = nxt + rd &* r
                            let h0 = h[0]
                            for i in 0..<(r &- 1) { out[i] = phiHat[i] * h0 + h[i &+ 1] }
                            out[r &- 1] = phiHat[r &- 1] * h0
                            var s = h0
                            for t in 0..<nd { let k = deltaIndex[t]; s += delta![k] * h[r &+ k] }
                            out[r] = s
                        }
                        for j in 0...q {
                            let vj = j == 0 ? 1.0 : theta![j &- 1]
                            let out = nxt + rd &* j
                            out[0] += vj
                            if j > 0 { for i in 1...j { out[i] += theta![i &- 1] * vj } }
                        }
                        swap(&cur, &nxt)
                    } else {
                        let p00 = P[0]
                        if d > 0 {
                            for x in 0..<rd { h[x] = P[x] }
                            for t in 0..<nd {
                                let k = deltaIndex[t], dk = delta![k], col = P + rd &* (r &+ k)
                                for x in 0..<rd { h[x] += dk * col[x] }
                            }
                        }
                        for j in 0..<rd where j != r {
                            let sj = j < r &- 1 ? j &+ 1 : (j > r ? j &- 1 : -1)
                            let phj = phiHat[j]
                            let cj = sj >= 0 ? P[rd &* sj] : 0  // P[0, σj]
                            let out = Pnew + rd &* j
                            let base = cj + phj * p00
                            let up = P + 1  // P[i + 1, 0]
                            if sj >= 0 {
                                let src = P + (rd &* sj &+ 1)
                                for i in 0..<(r &- 1) { out[i] = src[i] + phj * up[i] + phiHat[i] * base }
                                if d > 1 {
                                    let src2 = P + (rd &* sj &- 1), down = P - 1
                                    for i in (r &+ 1)..<rd { out[i] = src2[i] + phj * down[i] }
                                }
                            } else {
                                for i in 0..<(r &- 1) { out[i] = phj * up[i] + phiHat[i] * base }
                                if d > 1 { for i in (r &+ 1)..<rd { out[i] = phj * P[i &- 1] } }
                            }
                            out[r &- 1] = phiHat[r &- 1] * base
                            if d > 0 { out[r] = phj * h[0] + (sj >= 0 ? h[sj] : 0) }
                        }
                        if d > 0 {
                            let out = Pnew + rd &* r
                            let h0 = h[0]
                            for i in 0..<(r &- 1) { out[i] = phiHat[i] * h0 + h[i &+ 1] }
                            out[r &- 1] = phiHat[r &- 1] * h0
                            if d > 1 { for i in (r &+ 1)..<rd { out[i] = phiHat[i] * h0 + h[i &- 1] } }
                            var s = h0
                            for t in 0..<nd { let k = deltaIndex[t]; s += delta![k] * h[r &+ k] }
                            out[r] = s
                        }
                        for j in 0...q {
                            let vj = j == 0 ? 1.0 : theta![j &- 1]
                            let out = Pnew + rd &* j
                            out[0] += vj
                            for i in 1..<(q &+ 1) { out[i] += theta![i &- 1] * vj }
                        }
                    }
                }
                let yl = y[l]
                if !yl.isNaN {
                    var resid = yl - anew[0]
                    for t in 0..<nd { let k = deltaIndex[t]; resid -= delta![k] * anew[r &+ k] }
                    if symmetric {
                        // M = Pnew Zᵀ from the upper triangle of Pnew.
                        for i in 0..<rd { M[i] = cur[rd &* i] }
                        for t in 0..<nd {
                            let k = deltaIndex[t], dk = delta![k], c = r &+ k, col = cur + c &* rd
                            for i in 0...c { M[i] += col[i] * dk }
                            if c + 1 < rd { for i in (c &+ 1)..<rd { M[i] += cur[c &+ rd &* i] * dk } }
                        }
                    } else {
                        for i in 0..<rd { M[i] = Pnew[i] }
                        for t in 0..<nd {
                            let k = deltaIndex[t], dk = delta![k], col = Pnew + (r &+ k) &* rd
                            for i in 0..<rd { M[i] += col[i] * dk }
                        }
                    }
                    var gain = M[0]
                    for t in 0..<nd { let k = deltaIndex[t]; gain += delta![k] * M[r &+ k] }
                    if gain < 1e4 {
                        nu &+= 1
                        ssq += resid * resid / gain
                        sumlog += Foundation.log(gain)
                    }
                    if let out = standardizedResiduals { out[l] = resid / gain.squareRoot() }
                    let scaled = resid / gain
                    for i in 0..<rd { a[i] = anew[i] + M[i] * scaled }
                    if symmetric {
                        for j in 0..<rd { mv[j] = M[j] / gain }
                    } else {
                        for j in 0..<rd {
                            let mj = M[j] / gain
                            let dst = P + j &* rd, src = Pnew + j &* rd
                            for i in 0..<rd { dst[i] = src[i] - M[i] * mj }
                        }
                    }
                } else {
                    for i in 0..<rd { a[i] = anew[i] }
                    if symmetric {
                        // P = Pnew: cur − 0 · 0 reproduces it exactly.
                        for i in 0..<rd { M[i] = 0; mv[i] = 0 }
                    } else {
                        for i in 0..<(rd &* rd) { P[i] = Pnew[i] }
                    }
                    if let out = standardizedResiduals { out[l] = .nan }
                }
            }
            if symmetric {
                // Leave Pnew in `predicted` and the filtered P in `covariance`, both complete.
                if cur != Pnew {
                    for j in 0..<rd { for i in 0...j { Pnew[i &+ rd &* j] = cur[i &+ rd &* j] } }
                }
                for j in 0..<rd {
                    let mj = mv[j], dst = P + j &* rd, src = Pnew + j &* rd
                    for i in 0...j { dst[i] = src[i] - M[i] * mj }
                }
                for j in 0..<rd {
                    for i in 0..<j { P[j &+ rd &* i] = P[i &+ rd &* j]; Pnew[j &+ rd &* i] = Pnew[i &+ rd &* j] }
                }
            }
        }}}}}}}}}}}
        return ARIMALikelihoodSums(sumOfSquares: ssq, sumOfLogs: sumlog, count: nu)
    }

    /// The likelihood sums of R's filter computed by the Chandrasekhar (CKMS) recursions
    /// (Morf, Sidhu & Kailath 1974; Herbst 2015) instead of the Riccati update, for this
    /// ARMA-only model (`d = 0`) on a complete series.
    ///
    /// When the change of the predicted covariance has low rank, `P_{t+1} − P_t = L_t S_t L_tᵀ`
    /// with `L_t` an `r × k` matrix and `S_t` a symmetric `k × k` matrix, the filter needs only
    /// `K_t = T P_t Zᵀ`, `F_t = Z P_t Zᵀ`, `L_t` and `S_t`. With `g = L_tᵀ Zᵀ` (row 0 of `L_t`):
    ///
    ///     v_t = y_t − a_t[0],          a_{t+1} = T a_t + K_t v_t / F_t,
    ///     K_{t+1} = K_t + T L_t S_t g,  L_{t+1} = T L_t − K_t gᵀ / F_t,
    ///     F_{t+1} = F_t + gᵀ S_t g,     S_{t+1} = S_t − S_t g gᵀ S_t / F_{t+1},
    ///
    /// which is the Kalman filter in exact arithmetic, at O(r·k) per step instead of O(r²).
    ///
    /// - Without `head`, the filter starts as R's does for `d = 0`: `a₁ = 0`, `P₁ = Q₀`
    ///   (stationary, held in `predicted`), so `P₂ − P₁ = −K₁K₁ᵀ/F₁` and `k = 1`.
    /// - With `head` (R's full filter after the first `d + mD` observations, see
    ///   `ARIMAObjectiveWorkspace`), it continues from the ARMA block of `head`'s filtered state
    ///   and covariance. Each of those steps lowered the stationary covariance by a rank-one
    ///   term, so the next predicted covariance is `P₁ = Q₀ − U Uᵀ` with `U` of at most
    ///   `differencingSteps` columns (found by a pivoted Cholesky factorisation of `Q₀ − P₁`),
    ///   and `P₂ − P₁ = −(TU)(TU)ᵀ + U Uᵀ − K₁K₁ᵀ/F₁`: `k ≤ 2(d + mD) + 1`.
    ///
    /// Steps with `Fₜ ≥ 10⁴` are left out of the sums, as in R. The model's `a` and
    /// `covariance` are not updated (`predicted` must hold `Q₀`, as after `update`).
    /// - Complexity: O(n · r · k + r²), no allocation after the workspace has grown.
    func chandrasekharSums(_ y: UnsafeBufferPointer<Double>, head: ARIMAStateSpace?, differencingSteps: Int,
                           workspace: ARIMAFilterWorkspace) -> ARIMALikelihoodSums {
        let r = self.r, p = phi.count, q = theta.count
        precondition(d == 0, "the Chandrasekhar recursions here need a model without differencing states")
        let maxRank = head == nil ? 1 : 2 * differencingSteps + 1
        workspace.prepareChandrasekhar(stateDimension: r, rank: maxRank)
        var ssq = 0.0, sumlog = 0.0, nu = 0
        phi.withUnsafeBufferPointer { phi in
        theta.withUnsafeBufferPointer { theta in
        predicted.withUnsafeBufferPointer { q0 in
        workspace.chandrasekhar.withUnsafeMutableBufferPointer { buffer in
            let phi = phi.baseAddress, theta = theta.baseAddress, q0 = q0.baseAddress!
            // Layout: a (r), K (r), L (r·maxRank), two work vectors (2r), S (maxRank²), g, Sg
            // (maxRank), then P₁ and U (r² and r·differencingSteps) for the start after a head.
            let a = buffer.baseAddress!, kv = a + r, l = kv + r, tl = l + r &* maxRank
            let sm = tl + 2 &* r, g = sm + maxRank &* maxRank, sg = g + maxRank
            let p1 = sg + maxRank, u = p1 + r &* r
            @inline(__always) func ph(_ i: Int) -> Double { i < p ? phi![i] : 0 }
            var f: Double
            var k: Int
            if let head {
                let rd = head.rd
                // P₁ = T P_h Tᵀ + R Rᵀ from the filtered ARMA block P_h, and a₁ = T a_h.
                head.covariance.withUnsafeBufferPointer { pf in
                    ARIMAStateSpace.predictedCovariance(phi: UnsafeBufferPointer(start: phi, count: p),
                                                        theta: UnsafeBufferPointer(start: theta, count: q), r: r,
                                                        filtered: pf.baseAddress!, leadingDimension: rd, into: p1)
                }
                for i in 0..<r { a[i] = (i + 1 < r ? head.a[i &+ 1] : 0) + ph(i) * head.a[0] }
                // Q₀ − P₁ = U Uᵀ by pivoted Cholesky (positive semi-definite, rank ≤ d + mD);
                // the residual is rounding noise. p1 becomes Q₀ − P₁ in its lower triangle.
                var columns = 0
                for j in 0..<r { for i in j..<r { p1[i &+ r &* j] = q0[i &+ r &* j] - p1[i &+ r &* j] } }
                // The diagonal of the residual, updated as columns are taken out.
                for _ in 0..<differencingSteps {
                    var pivot = -1, best = 0.0
                    for i in 0..<r {
                        var dii = p1[i &+ r &* i]
                        for c in 0..<columns { let v = u[i &+ r &* c]; dii -= v * v }
                        if dii > best { best = dii; pivot = i }
                    }
                    guard pivot >= 0, best > 0 else { break }
                    let scale = 1 / best.squareRoot()
                    let col = u + r &* columns
                    for i in 0..<r {
                        var v = i >= pivot ? p1[i &+ r &* pivot] : p1[pivot &+ r &* i]
                        for c in 0..<columns { v -= u[i &+ r &* c] * u[pivot &+ r &* c] }
                        col[i] = v * scale
                    }
                    columns &+= 1
                }
                // K₁ = T P₁ e₀ with P₁ = Q₀ − U Uᵀ, F₁ = P₁[0, 0].
                for i in 0..<r {
                    var pi0 = q0[i]
                    for c in 0..<columns { pi0 -= u[i &+ r &* c] * u[r &* c] }
                    tl[i] = pi0  // column 0 of P₁, temporarily
                }
                f = tl[0]
                for i in 0..<r { kv[i] = (i + 1 < r ? tl[i &+ 1] : 0) + ph(i) * tl[0] }
                // L = [T U, U, K₁], S = diag(−1…, +1…, −1/F₁).
                k = 2 &* columns &+ 1
                for c in 0..<columns {
                    let src = u + r &* c, tcol = l + r &* c, ucol = l + r &* (columns &+ c)
                    for i in 0..<r { tcol[i] = (i + 1 < r ? src[i &+ 1] : 0) + ph(i) * src[0]; ucol[i] = src[i] }
                }
                let last = l + r &* (k &- 1)
                for i in 0..<r { last[i] = kv[i] }
                for i in 0..<(k &* k) { sm[i] = 0 }
                for c in 0..<columns { sm[c &+ k &* c] = -1; sm[(columns &+ c) &* (k &+ 1)] = 1 }
                sm[(k &- 1) &* (k &+ 1)] = -1 / f
            } else {
                for i in 0..<r {
                    let v = (i + 1 < r ? q0[i &+ 1] : 0) + ph(i) * q0[0]
                    kv[i] = v
                    l[i] = v
                    a[i] = 0
                }
                f = q0[0]
                k = 1
                sm[0] = -1 / f
            }
            for t in 0..<y.count {
                let resid = y[t] - a[0]
                if f < 1e4 {
                    nu &+= 1
                    ssq += resid * resid / f
                    sumlog += Foundation.log(f)
                }
                let scaled = resid / f
                let inverseF = 1 / f
                // g = row 0 of L, S g, gᵀ S g.
                for j in 0..<k { g[j] = l[r &* j] }
                var sigma = 0.0
                for i in 0..<k {
                    var v = 0.0
                    for j in 0..<k { v += sm[i &+ k &* j] * g[j] }
                    sg[i] = v
                    sigma += g[i] * v
                }
                // v = L S g from the old L, into tl's first column.
                for i in 0..<r { tl[i] = 0 }
                for j in 0..<k {
                    let col = l + r &* j, c = sg[j]
                    for i in 0..<r { tl[i] += col[i] * c }
                }
                // With (T x)[i] = x[i+1] + φᵢ x[0]:
                //   a ← T a + K v/F,  L[:, j] ← T L[:, j] − K gⱼ/F = shift(L[:, j]) + gⱼ (φ − K/F),
                //   K ← K + T L S g = K + shift(L S g) + φ gᵀS g.
                // c = φ − K/F from the old K goes into tl's second column.
                let c = tl + r
                for i in 0..<r { c[i] = ph(i) - kv[i] * inverseF }
                let a0 = a[0]
                for i in 0..<(r &- 1) { a[i] = a[i &+ 1] + kv[i] * scaled }
                a[r &- 1] = kv[r &- 1] * scaled
                for i in 0..<p { a[i] += phi![i] * a0 }
                for j in 0..<k {
                    let col = l + r &* j, gj = g[j]
                    for i in 0..<(r &- 1) { col[i] = col[i &+ 1] + gj * c[i] }
                    col[r &- 1] = gj * c[r &- 1]
                }
                for i in 0..<(r &- 1) { kv[i] += tl[i &+ 1] }
                for i in 0..<p { kv[i] += phi![i] * sigma }
                f += sigma
                let inverseNext = 1 / f
                for j in 0..<k { for i in 0..<k { sm[i &+ k &* j] -= sg[i] * sg[j] * inverseNext } }
            }
        }}}}
        return ARIMALikelihoodSums(sumOfSquares: ssq, sumOfLogs: sumlog, count: nu)
    }

    /// R's `KalmanForecast`: means `Z aₜ₊ₕ` and variances `Z Pₜ₊ₕ Zᵀ` (in units of σ²) for
    /// `h = 1…horizon` from the filtered state.
    func forecast(horizon: Int) -> (mean: [Double], variance: [Double]) {
        let rd = self.rd
        let t = transitionMatrix()
        var z = [Double](repeating: 0, count: rd)
        z[0] = 1
        for i in 0..<d { z[r + i] = delta[i] }
        var rv = [Double](repeating: 0, count: rd)
        rv[0] = 1
        for i in 0..<theta.count where i + 1 < r { rv[i + 1] = theta[i] }
        var state = a
        var p = covariance
        var mm = [Double](repeating: 0, count: rd * rd)
        var means = [Double](), variances = [Double]()
        var next = [Double](repeating: 0, count: rd)
        for _ in 0..<horizon {
            var fc = 0.0
            for i in 0..<rd {
                var s = 0.0
                for k in 0..<rd { s += t[i + rd * k] * state[k] }
                next[i] = s
                fc += s * z[i]
            }
            state = next
            means.append(fc)
            for j in 0..<rd {
                for i in 0..<rd {
                    var s = 0.0
                    for k in 0..<rd { s += t[i + rd * k] * p[k + rd * j] }
                    mm[i + rd * j] = s
                }
            }
            var v = 0.0
            for j in 0..<rd {
                for i in 0..<rd {
                    var s = rv[i] * rv[j]
                    for k in 0..<rd { s += mm[i + rd * k] * t[j + rd * k] }
                    p[i + rd * j] = s
                }
            }
            for j in 0..<rd { for i in 0..<rd { v += z[i] * z[j] * p[i + rd * j] } }
            variances.append(v)
        }
        return (means, variances)
    }
}

/// `w = (1 − B)^d (1 − B^m)^D y` in place of `w`'s first `n` entries; returns `d + mD`, the
/// index of the first complete difference (entries before it are partial and unused).
///
/// - Complexity: O(n (d + D)), no allocation.
func arimaDifference(_ y: UnsafeBufferPointer<Double>, orders: ARMAOrders,
                     into w: UnsafeMutableBufferPointer<Double>) -> Int {
    let n = y.count
    for l in 0..<n { w[l] = y[l] }
    for _ in 0..<orders.d {
        var l = n - 1
        while l > 0 { w[l] -= w[l - 1]; l -= 1 }
    }
    let ns = orders.period
    for _ in 0..<orders.seasonalD {
        var l = n - 1
        while l >= ns { w[l] -= w[l - ns]; l -= 1 }
    }
    return min(n, orders.d + ns * orders.seasonalD)
}

/// R's `ARIMA_CSS`: difference `y` (`d` times at lag 1, `D` times at lag `m`), then the
/// conditional residuals `eₜ = wₜ − Σφⱼ wₜ₋ⱼ − Σθⱼ eₜ₋ⱼ` from `t = ncond`, with
/// `e` before `ncond` taken as zero. Returns `Σe² / #finite` and writes `e` into `residuals`.
///
/// - Complexity: O(n (p + q)), no allocation.
func arimaConditionalSumOfSquares(_ y: UnsafeBufferPointer<Double>, orders: ARMAOrders,
                                  phi: UnsafeBufferPointer<Double>, theta: UnsafeBufferPointer<Double>,
                                  conditioning ncond: Int, differenced w: UnsafeMutableBufferPointer<Double>,
                                  residuals resid: UnsafeMutableBufferPointer<Double>) -> Double {
    let n = y.count
    _ = arimaDifference(y, orders: orders, into: w)
    for l in 0..<min(ncond, n) { resid[l] = 0 }
    var ssq = 0.0
    var nu = 0
    let p = phi.count, q = theta.count
    guard ncond < n else { return ssq / Double(nu) }
    // Seasonal polynomials are mostly zeros: while every value is finite, a zero coefficient
    // contributes exactly nothing, so only the non-zero lags are visited. A non-finite value
    // (missing data, overflow) switches to the full sums, which propagate it as R does.
    var finite = true
    for l in 0..<n where !w[l].isFinite { finite = false; break }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: p + q + 1) { lags in
        let arLags = lags.baseAddress!, maLags = arLags + p
        var np = 0, nq = 0
        for j in 0..<p where phi[j] != 0 { arLags[np] = j; np += 1 }
        for j in 0..<q where theta[j] != 0 { maLags[nq] = j; nq += 1 }
        for l in ncond..<n {
            var tmp = w[l]
            let jmax = min(l - ncond, q)
            if finite {
                for t in 0..<np { let j = arLags[t]; tmp -= phi[j] * w[l &- j &- 1] }
                for t in 0..<nq {
                    let j = maLags[t]
                    if j >= jmax { break }
                    tmp -= theta[j] * resid[l &- j &- 1]
                }
                if !tmp.isFinite { finite = false }
            } else {
                for j in 0..<p { tmp -= phi[j] * w[l &- j &- 1] }
                for j in 0..<jmax { tmp -= theta[j] * resid[l &- j &- 1] }
            }
            resid[l] = tmp
            if !tmp.isNaN {
                nu += 1
                ssq += tmp * tmp
            }
        }
    }
    return ssq / Double(nu)
}
