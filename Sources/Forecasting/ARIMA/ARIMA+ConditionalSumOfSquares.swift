import Foundation

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
