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
        resetInitialState()
    }

    /// R's `upARIMA`: new coefficients (same lengths), a zero state and the stationary `P₀`.
    mutating func update(phi newPhi: UnsafePointer<Double>, theta newTheta: UnsafePointer<Double>) {
        for i in 0..<phi.count { phi[i] = newPhi[i] }
        for i in 0..<theta.count { theta[i] = newTheta[i] }
        resetInitialState()
    }

    mutating func resetInitialState() {
        let rd = self.rd
        for i in 0..<rd { a[i] = 0 }
        for i in 0..<(rd * rd) { predicted[i] = 0 }
        ARIMAStateSpace.stationaryCovariance(phi: phi, theta: theta, r: r, into: &predicted, leadingDimension: rd)
        for i in 0..<d { predicted[(r + i) + rd * (r + i)] = kappa }
    }

    /// The stationary covariance `Q₀` of the ARMA block: the solution of `Q = T Q Tᵀ + R Rᵀ`
    /// with `T` the companion matrix of `φ` and `R = (1, θ₁, …, θ_{r−1})ᵀ` — the matrix that
    /// Gardner, Harvey & Phillips (1980, AS 154) compute.
    ///
    /// For `p = 0`, `T` is nilpotent and `Q[i, j] = Σₖ R[i+k] R[j+k]` exactly. Otherwise the
    /// doubling iteration `Q ← Q + A Q Aᵀ`, `A ← A²` sums `Σ Tᵏ R Rᵀ Tᵀᵏ` in O(r³ log k) instead
    /// of AS 154's O(r⁶); the sum converges whenever `φ` is stationary, which the transformed
    /// parameters guarantee.
    static func stationaryCovariance(phi: [Double], theta: [Double], r: Int, into out: inout [Double], leadingDimension ld: Int) {
        let p = phi.count
        var rv = [Double](repeating: 0, count: r)
        rv[0] = 1
        for i in 1..<max(r, 1) where i - 1 < theta.count { rv[i] = theta[i - 1] }
        if r == 1 {
            out[0] = p > 0 ? 1 / (1 - phi[0] * phi[0]) : 1
            return
        }
        if p == 0 {
            for i in 0..<r {
                for j in i..<r {
                    var s = 0.0
                    var k = 0
                    while j + k < r { s += rv[i + k] * rv[j + k]; k += 1 }
                    out[i + ld * j] = s
                    out[j + ld * i] = s
                }
            }
            return
        }
        var q = [Double](repeating: 0, count: r * r)
        var a = [Double](repeating: 0, count: r * r)
        var tmp = [Double](repeating: 0, count: r * r)
        var tmp2 = [Double](repeating: 0, count: r * r)
        for j in 0..<r { for i in 0..<r { q[i + r * j] = rv[i] * rv[j] } }
        for i in 0..<p { a[i] = phi[i] }
        for i in 1..<r { a[(i - 1) + r * i] = 1 }
        q.withUnsafeMutableBufferPointer { qb in
            a.withUnsafeMutableBufferPointer { ab in
                tmp.withUnsafeMutableBufferPointer { tb in
                    tmp2.withUnsafeMutableBufferPointer { t2 in
                        for _ in 0..<80 {
                            // tmp = A Q
                            for j in 0..<r {
                                for i in 0..<r { tb[i + r * j] = 0 }
                                for k in 0..<r {
                                    let qkj = qb[k + r * j]
                                    if qkj == 0 { continue }
                                    for i in 0..<r { tb[i + r * j] += ab[i + r * k] * qkj }
                                }
                            }
                            // increment = tmp Aᵀ, added to Q
                            var largestIncrement = 0.0, largest = 0.0
                            for j in 0..<r {
                                for i in 0..<r {
                                    var s = 0.0
                                    for k in 0..<r { s += tb[i + r * k] * ab[j + r * k] }
                                    qb[i + r * j] += s
                                    largestIncrement = max(largestIncrement, abs(s))
                                    largest = max(largest, abs(qb[i + r * j]))
                                }
                            }
                            if !(largestIncrement > 1e-17 * largest) { break }
                            // A ← A²
                            for j in 0..<r {
                                for i in 0..<r { t2[i + r * j] = 0 }
                                for k in 0..<r {
                                    let akj = ab[k + r * j]
                                    if akj == 0 { continue }
                                    for i in 0..<r { t2[i + r * j] += ab[i + r * k] * akj }
                                }
                            }
                            for i in 0..<(r * r) { ab[i] = t2[i] }
                        }
                    }
                }
            }
        }
        for j in 0..<r {
            for i in 0..<r {
                // Symmetrise: rounding in A Q Aᵀ can leave tiny asymmetries.
                out[i + ld * j] = 0.5 * (q[i + r * j] + q[j + r * i])
            }
        }
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
/// likelihood evaluation.
final class ARIMAFilterWorkspace {
    var anew: [Double]
    var gainVector: [Double]
    var product: [Double]

    init(stateDimension rd: Int) {
        anew = [Double](repeating: 0, count: rd)
        gainVector = [Double](repeating: 0, count: rd)
        product = [Double](repeating: 0, count: rd * rd)
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
        phi.withUnsafeBufferPointer { phi in
        theta.withUnsafeBufferPointer { theta in
        delta.withUnsafeBufferPointer { delta in
        a.withUnsafeMutableBufferPointer { a in
        covariance.withUnsafeMutableBufferPointer { P in
        predicted.withUnsafeMutableBufferPointer { Pnew in
        workspace.anew.withUnsafeMutableBufferPointer { anew in
        workspace.gainVector.withUnsafeMutableBufferPointer { M in
        workspace.product.withUnsafeMutableBufferPointer { mm in
            for l in 0..<y.count {
                for i in 0..<r {
                    var tmp = i < r - 1 ? a[i + 1] : 0
                    if i < p { tmp += phi[i] * a[0] }
                    anew[i] = tmp
                }
                if d > 0 {
                    if d > 1 { for i in stride(from: rd - 1, through: r + 1, by: -1) { anew[i] = a[i - 1] } }
                    var tmp = a[0]
                    for i in 0..<d { tmp += delta[i] * a[r + i] }
                    anew[r] = tmp
                }
                if l > 0 {
                    if d == 0 {
                        for i in 0..<r {
                            let vi = i == 0 ? 1.0 : (i - 1 < q ? theta[i - 1] : 0)
                            for j in 0..<r {
                                var tmp = j == 0 ? vi : (j - 1 < q ? vi * theta[j - 1] : 0)
                                if i < p && j < p { tmp += phi[i] * phi[j] * P[0] }
                                if i < r - 1 && j < r - 1 { tmp += P[i + 1 + r * (j + 1)] }
                                if i < p && j < r - 1 { tmp += phi[i] * P[j + 1] }
                                if j < p && i < r - 1 { tmp += phi[j] * P[i + 1] }
                                Pnew[i + r * j] = tmp
                            }
                        }
                    } else {
                        // mm = T P
                        for j in 0..<rd {
                            let pj = rd * j
                            for i in 0..<r {
                                var tmp = i < p ? phi[i] * P[pj] : 0
                                if i < r - 1 { tmp += P[i + 1 + pj] }
                                mm[i + pj] = tmp
                            }
                            var tmp = P[pj]
                            for k in 0..<d { tmp += delta[k] * P[r + k + pj] }
                            mm[r + pj] = tmp
                            if d > 1 { for i in 1..<d { mm[r + i + pj] = P[r + i - 1 + pj] } }
                        }
                        // Pnew = mm Tᵀ
                        for i in 0..<r {
                            for j in 0..<rd {
                                var tmp = i < p ? phi[i] * mm[j] : 0
                                if i < r - 1 { tmp += mm[rd * (i + 1) + j] }
                                Pnew[j + rd * i] = tmp
                            }
                        }
                        for j in 0..<rd {
                            var tmp = mm[j]
                            for k in 0..<d { tmp += delta[k] * mm[rd * (r + k) + j] }
                            Pnew[rd * r + j] = tmp
                        }
                        if d > 1 {
                            for i in 1..<d { for j in 0..<rd { Pnew[rd * (r + i) + j] = mm[rd * (r + i - 1) + j] } }
                        }
                        for i in 0...q {
                            let vi = i == 0 ? 1.0 : theta[i - 1]
                            for j in 0...q { Pnew[i + rd * j] += vi * (j == 0 ? 1.0 : theta[j - 1]) }
                        }
                    }
                }
                let yl = y[l]
                if !yl.isNaN {
                    var resid = yl - anew[0]
                    for i in 0..<d { resid -= delta[i] * anew[r + i] }
                    for i in 0..<rd {
                        var tmp = Pnew[i]
                        for j in 0..<d { tmp += Pnew[i + (r + j) * rd] * delta[j] }
                        M[i] = tmp
                    }
                    var gain = M[0]
                    for j in 0..<d { gain += delta[j] * M[r + j] }
                    if gain < 1e4 {
                        nu += 1
                        ssq += resid * resid / gain
                        sumlog += Foundation.log(gain)
                    }
                    if let out = standardizedResiduals { out[l] = resid / gain.squareRoot() }
                    let scaled = resid / gain
                    for i in 0..<rd { a[i] = anew[i] + M[i] * scaled }
                    for j in 0..<rd {
                        let mj = M[j] / gain
                        for i in 0..<rd { P[i + j * rd] = Pnew[i + j * rd] - M[i] * mj }
                    }
                } else {
                    for i in 0..<rd { a[i] = anew[i] }
                    for i in 0..<(rd * rd) { P[i] = Pnew[i] }
                    if let out = standardizedResiduals { out[l] = .nan }
                }
            }
        }}}}}}}}}
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
    for l in 0..<min(ncond, n) { resid[l] = 0 }
    var ssq = 0.0
    var nu = 0
    let p = phi.count, q = theta.count
    if ncond < n {
        for l in ncond..<n {
            var tmp = w[l]
            for j in 0..<p { tmp -= phi[j] * w[l - j - 1] }
            let jmax = min(l - ncond, q)
            for j in 0..<jmax { tmp -= theta[j] * resid[l - j - 1] }
            resid[l] = tmp
            if !tmp.isNaN {
                nu += 1
                ssq += tmp * tmp
            }
        }
    }
    return ssq / Double(nu)
}
