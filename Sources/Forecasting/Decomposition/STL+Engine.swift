/// The numerical core of STL, following the structure of Cleveland et al.'s reference
/// implementation (the one R's `stl` calls): Loess estimates at a point (`estimate`), Loess
/// smoothing with jumps and linear interpolation (`smooth`), cycle-subseries smoothing
/// (`smoothSubseries`), the low-pass filter (`lowPass`) and robustness weights (`robustnessWeights`).
/// Indices are one-based inside the kernels to mirror the published algorithm; arrays are padded.
struct STLEngine {
    let n: Int, period: Int
    let seasonalWindow: Int, trendWindow: Int, lowPassWindow: Int
    let seasonalDegree: Int, trendDegree: Int, lowPassDegree: Int
    let seasonalJump: Int, trendJump: Int, lowPassJump: Int
    let inner: Int, outer: Int
    /// How the robustness weights' scale (six times the median absolute remainder) is found.
    var robustScale = STL.RobustScale.exactMedian

    init(n: Int, period: Int, seasonalWindow: Int, trendWindow: Int, lowPassWindow: Int,
         seasonalDegree: Int, trendDegree: Int, lowPassDegree: Int,
         seasonalJump: Int, trendJump: Int, lowPassJump: Int, inner: Int, outer: Int) {
        func odd(_ w: Int) -> Int { let v = Swift.max(3, w); return v % 2 == 0 ? v + 1 : v }
        self.n = n
        self.period = Swift.max(2, period)
        self.seasonalWindow = odd(seasonalWindow)
        self.trendWindow = odd(trendWindow)
        self.lowPassWindow = odd(lowPassWindow)
        self.seasonalDegree = seasonalDegree
        self.trendDegree = trendDegree
        self.lowPassDegree = lowPassDegree
        self.seasonalJump = seasonalJump
        self.trendJump = trendJump
        self.lowPassJump = lowPassJump
        self.inner = inner
        self.outer = outer
    }

    /// Run the inner and outer loops; returns (seasonal, trend, weights), zero-based.
    mutating func run(_ y0: [Double]) -> ([Double], [Double], [Double]) {
        let y = [0] + y0                                   // one-based
        var rw = [Double](repeating: 0, count: n + 1)
        var season = [Double](repeating: 0, count: n + 1)
        var trend = [Double](repeating: 0, count: n + 1)
        var useWeights = false
        var k = 0
        while true {
            step(y, useWeights: useWeights, rw: rw, season: &season, trend: &trend)
            k += 1
            if k > outer { break }
            var fit = [Double](repeating: 0, count: n + 1)
            for i in 1...n { fit[i] = trend[i] + season[i] }
            rw = robustnessWeights(y, fit)
            useWeights = true
        }
        if outer <= 0 { for i in 1...n { rw[i] = 1 } }
        return (Array(season[1...]), Array(trend[1...]), Array(rw[1...]))
    }

    /// One pass of the inner loop, `inner` times.
    private func step(_ y: [Double], useWeights: Bool, rw: [Double], season: inout [Double], trend: inout [Double]) {
        let np = period
        for _ in 0..<inner {
            var detrended = [Double](repeating: 0, count: n + 2 * np + 1)
            for i in 1...n { detrended[i] = y[i] - trend[i] }
            let cycle = smoothSubseries(detrended, useWeights: useWeights, rw: rw)   // length n + 2np, one-based
            let filtered = lowPassFilter(cycle)                                         // length n
            let low = smooth(filtered, count: n, window: lowPassWindow, degree: lowPassDegree, jump: lowPassJump,
                             useWeights: false, rw: rw)
            for i in 1...n { season[i] = cycle[np + i] - low[i] }
            var deseasonal = [Double](repeating: 0, count: n + 1)
            for i in 1...n { deseasonal[i] = y[i] - season[i] }
            trend = smooth(deseasonal, count: n, window: trendWindow, degree: trendDegree, jump: trendJump,
                           useWeights: useWeights, rw: rw)
        }
    }

    /// Smooth each cycle-subseries and extend it by one period at both ends (length n + 2·period).
    private func smoothSubseries(_ y: [Double], useWeights: Bool, rw: [Double]) -> [Double] {
        let np = period
        var season = [Double](repeating: 0, count: n + 2 * np + 1)
        for j in 1...np {
            let k = (n - j) / np + 1
            var sub = [Double](repeating: 0, count: k + 1)
            var subWeights = [Double](repeating: 0, count: k + 1)
            for i in 1...k { sub[i] = y[(i - 1) * np + j] }
            if useWeights { for i in 1...k { subWeights[i] = rw[(i - 1) * np + j] } }
            let smoothed = smooth(sub, count: k, window: seasonalWindow, degree: seasonalDegree, jump: seasonalJump,
                                  useWeights: useWeights, rw: subWeights)
            var extended = [Double](repeating: 0, count: k + 3)   // positions 1…k+2
            for i in 1...k { extended[i + 1] = smoothed[i] }
            var scratch = [Double](repeating: 0, count: k + 1)
            let nright = Swift.min(seasonalWindow, k)
            if let v = estimate(sub, count: k, window: seasonalWindow, degree: seasonalDegree, at: 0, left: 1,
                                right: nright, scratch: &scratch, useWeights: useWeights, rw: subWeights) {
                extended[1] = v
            } else {
                extended[1] = extended[2]
            }
            let nleft = Swift.max(1, k - seasonalWindow + 1)
            if let v = estimate(sub, count: k, window: seasonalWindow, degree: seasonalDegree, at: Double(k + 1),
                                left: nleft, right: k, scratch: &scratch, useWeights: useWeights, rw: subWeights) {
                extended[k + 2] = v
            } else {
                extended[k + 2] = extended[k + 1]
            }
            for m in 1...(k + 2) { season[(m - 1) * np + j] = extended[m] }
        }
        return season
    }

    /// Moving averages of length m, m and 3 of the extended cycle-subseries (length n + 2m → n).
    private func lowPassFilter(_ x: [Double]) -> [Double] {
        let np = period
        let first = movingAverage(x, count: n + 2 * np, length: np)
        let second = movingAverage(first, count: n + np + 1, length: np)
        return movingAverage(second, count: n + 2, length: 3)
    }

    private func movingAverage(_ x: [Double], count: Int, length: Int) -> [Double] {
        let newCount = count - length + 1
        var out = [Double](repeating: 0, count: newCount + 1)
        let flen = Double(length)
        var v = 0.0
        for i in 1...length { v += x[i] }
        out[1] = v / flen
        if newCount > 1 {
            for j in 2...newCount {
                v = v - x[j - 1] + x[length + j - 1]
                out[j] = v / flen
            }
        }
        return out
    }

    /// Loess smoothing of `y[1…count]` evaluated every `jump` points and interpolated linearly between.
    private func smooth(_ y: [Double], count n: Int, window: Int, degree: Int, jump: Int,
                        useWeights: Bool, rw: [Double]) -> [Double] {
        var ys = [Double](repeating: 0, count: n + 1)
        var scratch = [Double](repeating: 0, count: n + 1)
        if n < 2 { ys[1] = y[1]; return ys }
        let newJump = Swift.min(jump, n - 1)
        var nleft = 1, nright = n
        if window >= n {
            nleft = 1; nright = n
            for i in stride(from: 1, through: n, by: newJump) {
                ys[i] = estimate(y, count: n, window: window, degree: degree, at: Double(i), left: nleft, right: nright,
                                 scratch: &scratch, useWeights: useWeights, rw: rw) ?? y[i]
            }
        } else if newJump == 1 {
            let half = (window + 1) / 2
            nleft = 1; nright = window
            for i in 1...n {
                if i > half && nright != n { nleft += 1; nright += 1 }
                ys[i] = estimate(y, count: n, window: window, degree: degree, at: Double(i), left: nleft, right: nright,
                                 scratch: &scratch, useWeights: useWeights, rw: rw) ?? y[i]
            }
        } else {
            let half = (window + 1) / 2
            for i in stride(from: 1, through: n, by: newJump) {
                if i < half {
                    nleft = 1; nright = window
                } else if i >= n - half + 1 {
                    nleft = n - window + 1; nright = n
                } else {
                    nleft = i - half + 1; nright = window + i - half
                }
                ys[i] = estimate(y, count: n, window: window, degree: degree, at: Double(i), left: nleft, right: nright,
                                 scratch: &scratch, useWeights: useWeights, rw: rw) ?? y[i]
            }
        }
        if newJump != 1 {
            for i in stride(from: 1, through: n - newJump, by: newJump) {
                let delta = (ys[i + newJump] - ys[i]) / Double(newJump)
                for j in (i + 1)..<(i + newJump) { ys[j] = ys[i] + delta * Double(j - i) }
            }
            let k = ((n - 1) / newJump) * newJump + 1
            if k != n {
                ys[n] = estimate(y, count: n, window: window, degree: degree, at: Double(n), left: nleft, right: nright,
                                 scratch: &scratch, useWeights: useWeights, rw: rw) ?? y[n]
                if k != n - 1 {
                    let delta = (ys[n] - ys[k]) / Double(n - k)
                    for j in (k + 1)..<n { ys[j] = ys[k] + delta * Double(j - k) }
                }
            }
        }
        return ys
    }

    /// The Loess estimate at `xs` from points `left…right` with tricube weights (times the
    /// robustness weights), locally constant or linear; `nil` when all weights vanish.
    private func estimate(_ y: [Double], count n: Int, window: Int, degree: Int, at xs: Double, left: Int, right: Int,
                          scratch w: inout [Double], useWeights: Bool, rw: [Double]) -> Double? {
        let range = Double(n) - 1
        var h = Swift.max(xs - Double(left), Double(right) - xs)
        if window > n { h += Double((window - n) / 2) }
        let h9 = 0.999 * h, h1 = 0.001 * h
        var a = 0.0
        for j in left...right {
            w[j] = 0
            let r = Swift.abs(Double(j) - xs)
            if r <= h9 {
                if r <= h1 {
                    w[j] = 1
                } else {
                    let q = r / h
                    let t = 1 - q * q * q
                    w[j] = t * t * t
                }
                if useWeights { w[j] *= rw[j] }
                a += w[j]
            }
        }
        guard a > 0 else { return nil }
        for j in left...right { w[j] /= a }
        if h > 0 && degree > 0 {
            var center = 0.0
            for j in left...right { center += w[j] * Double(j) }
            var b = xs - center
            var c = 0.0
            for j in left...right { c += w[j] * (Double(j) - center) * (Double(j) - center) }
            if c.squareRoot() > 0.001 * range {
                b /= c
                for j in left...right { w[j] *= b * (Double(j) - center) + 1 }
            }
        }
        var ys = 0.0
        for j in left...right { ys += w[j] * y[j] }
        return ys
    }

    /// Bisquare robustness weights from the residuals `y − fit`, scaled by six times their median.
    private func robustnessWeights(_ y: [Double], _ fit: [Double]) -> [Double] {
        var r = [Double](repeating: 0, count: n + 1)
        for i in 1...n { r[i] = Swift.abs(y[i] - fit[i]) }
        let mid1 = n / 2 + 1, mid2 = n - mid1 + 1
        let cmad: Double
        switch robustScale {
        case .exactMedian:
            let sorted = Array(r[1...]).sorted()
            cmad = 3 * (sorted[mid1 - 1] + sorted[mid2 - 1])
        case .referencePartialSort:
            var partial = r
            Self.partialSort(&partial, count: n, positions: [0, mid1, mid2])
            cmad = 3 * (partial[mid1] + partial[mid2])
        }
        let c9 = 0.999 * cmad, c1 = 0.001 * cmad
        var rw = [Double](repeating: 0, count: n + 1)
        for i in 1...n {
            if r[i] <= c1 {
                rw[i] = 1
            } else if r[i] <= c9 {
                let q = r[i] / cmad
                rw[i] = (1 - q * q) * (1 - q * q)
            } else {
                rw[i] = 0
            }
        }
        return rw
    }

    /// The reference implementation's partial sort (`psort`, Singleton's quicksort with
    /// insertion sort for short runs) of `a[1…n]`, meant to put the order statistics at
    /// `positions[1…]` in place. It expects the positions in increasing order; the median's pair
    /// (`n/2 + 1`, `n − n/2`) comes in decreasing order for even `n`, and then the lower middle
    /// value may be left out of place. R computes the robustness scale this way, so the weights
    /// follow it rather than an exact median.
    static func partialSort(_ a: inout [Double], count n: Int, positions ind: [Int]) {
        let ni = ind.count - 1
        guard n >= 2, ni > 0 else { return }
        var indu = [Int](repeating: 0, count: 17), indl = indu, iu = indu, il = indu
        var p = 0, jl = 1, ju = ni, i = 1, j = n, m = 1, k = 0, ij = 0, l = 0
        var t = 0.0, tt = 0.0
        indl[1] = 1
        indu[1] = ni
        enum Label { case outer, pop, whileTest, partition, scan, split, insertion, insertionStep }
        var label = Label.outer
        while true {
            switch label {
            case .outer:
                label = i < j ? .partition : .pop
            case .pop:
                m -= 1
                if m == 0 { return }
                i = il[m]; j = iu[m]; jl = indl[m]; ju = indu[m]
                label = jl <= ju ? .whileTest : .pop
            case .whileTest:
                label = j - i > 10 ? .partition : .insertion
            case .partition:
                k = i
                ij = (i + j) / 2
                t = a[ij]
                if a[i] > t { a[ij] = a[i]; a[i] = t; t = a[ij] }
                l = j
                if a[j] < t {
                    a[ij] = a[j]; a[j] = t; t = a[ij]
                    if a[i] > t { a[ij] = a[i]; a[i] = t; t = a[ij] }
                }
                label = .scan
            case .scan:
                l -= 1
                if a[l] <= t {
                    tt = a[l]
                    repeat { k += 1 } while !(a[k] >= t)
                    if k > l { label = .split; continue }
                    a[l] = a[k]
                    a[k] = tt
                }
            case .split:
                indl[m] = jl
                indu[m] = ju
                p = m
                m += 1
                if l - i <= j - k {
                    il[p] = k; iu[p] = j; j = l
                    while jl <= ju && ind[ju] > j { ju -= 1 }
                    if jl > ju { label = .pop; continue }
                    indl[p] = ju + 1
                } else {
                    il[p] = i; iu[p] = l; i = k
                    while jl <= ju && ind[jl] < i { jl += 1 }
                    if jl > ju { label = .pop; continue }
                    indu[p] = jl - 1
                }
                label = .whileTest
            case .insertion:
                if i == 1 { label = .outer; continue }
                i -= 1
                label = .insertionStep
            case .insertionStep:
                i += 1
                if i == j { label = .pop; continue }
                t = a[i + 1]
                if a[i] > t {
                    k = i
                    repeat {
                        a[k + 1] = a[k]
                        k -= 1
                    } while !(t >= a[k])
                    a[k + 1] = t
                }
            }
        }
    }
}
