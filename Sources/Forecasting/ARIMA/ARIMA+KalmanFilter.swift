import Foundation

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
}

extension ARIMAStateSpace {
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
