import Foundation

extension ARIMAStateSpace {
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
}
