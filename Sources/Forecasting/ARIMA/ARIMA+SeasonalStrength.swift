/// The seasonal-strength statistic behind AutoARIMA's seasonal differencing test, on the shared
/// ``STL`` (which matches R's `stats::stl` to 1e-9 of the data scale).
enum ARIMASeasonalDecomposition {
    /// forecast's `seas.heuristic`: seasonal strength `max(0, min(1, 1 − Var(R) / Var(R + S)))`
    /// from `mstl`, i.e. STL with `s.window = 11`. Missing values are linearly interpolated first
    /// (R's `na.interp` uses an STL-based fill for seasonal series; see the ARIMA report).
    static func seasonalStrength(_ x: [Double], period: Int) -> Double? {
        let filled = linearlyInterpolated(x)
        guard filled.count > 2 * period, period >= 2 else { return nil }
        guard let fit = try? STL(filled, period: period, seasonalWindow: .span(11)) else { return nil }
        let seasonal = fit.seasonal, trend = fit.trend
        var remainder: [Double] = [], combined: [Double] = []
        for i in filled.indices where !x[i].isNaN {
            let r = filled[i] - seasonal[i] - trend[i]
            remainder.append(r)
            combined.append(r + seasonal[i])
        }
        func variance(_ v: [Double]) -> Double {
            let mean = v.reduce(0, +) / Double(v.count)
            return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
        }
        let strength = 1 - variance(remainder) / variance(combined)
        guard strength.isFinite else { return nil }
        return max(0, min(1, strength))
    }

    static func linearlyInterpolated(_ x: [Double]) -> [Double] {
        let known = x.indices.filter { !x[$0].isNaN }
        guard let first = known.first, let last = known.last else { return x }
        var out = x
        for i in 0..<first { out[i] = x[first] }
        for i in (last + 1)..<max(last + 1, x.count) { out[i] = x[last] }
        var previous = first
        for i in known.dropFirst() {
            if i > previous + 1 {
                for j in (previous + 1)..<i {
                    let t = Double(j - previous) / Double(i - previous)
                    out[j] = x[previous] + t * (x[i] - x[previous])
                }
            }
            previous = i
        }
        return out
    }
}
