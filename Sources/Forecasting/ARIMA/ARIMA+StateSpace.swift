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
