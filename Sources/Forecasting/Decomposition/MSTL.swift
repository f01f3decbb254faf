/// Multiple seasonal decomposition by repeated STL, as R `forecast::mstl` (Bandara, Hyndman &
/// Bergmeir 2021): `y = trend + Σᵢ seasonalᵢ + remainder`.
///
/// Seasonal periods are taken in ascending order; periods with fewer than two full cycles in the
/// data (`period ≥ n/2`) are dropped, as R drops them. Each pass adds back one seasonal component,
/// re-estimates it with STL (seasonal window `7 + 4i` for the i-th period unless given), and removes
/// it again; with several periods the passes are repeated `iterations` times (R: 2), with one period
/// once. The trend is that of the last STL fit.
public struct MSTL: Sendable, Equatable {
    /// The seasonal periods kept, ascending.
    public let periods: [Int]
    /// The trend.
    public let trend: [Double]
    /// One seasonal component per kept period.
    public let seasonals: [[Double]]
    /// `y − trend − Σ seasonals`.
    public let remainder: [Double]

    /// Decompose a series with one or more seasonal periods.
    ///
    /// - Parameters:
    ///   - values: the series, without missing values.
    ///   - periods: the seasonal periods (e.g. `[24, 168]` for hourly data); values ≤ 1 are ignored.
    ///   - seasonalWindows: STL seasonal spans per kept period; `nil` for R's `7 + 4i`.
    ///   - iterations: passes when there are several periods (R: 2).
    /// - Throws: `ForecastingError.invalidSpecification` when no period has two full cycles;
    ///   `.missingValues`; STL's errors.
    /// - Complexity: O(iterations × periods × STL).
    public init(_ values: [Double], periods: [Int], seasonalWindows: [Int]? = nil, iterations: Int = 2) throws(ForecastingError) {
        let n = values.count
        let kept = Array(Set(periods.filter { $0 > 1 && Double($0) < Double(n) / 2 })).sorted()
        guard !kept.isEmpty else {
            throw .invalidSpecification("MSTL needs a seasonal period with at least two full cycles in \(n) observations")
        }
        guard !values.contains(where: { $0.isNaN }) else { throw .missingValues(model: "MSTL") }
        let windows = seasonalWindows ?? kept.indices.map { 7 + 4 * ($0 + 1) }
        guard windows.count == kept.count else {
            throw .invalidSpecification("give one seasonal window per seasonal period (\(kept.count))")
        }
        var seasonals = [[Double]](repeating: [Double](repeating: 0, count: n), count: kept.count)
        var deseasonal = values
        var trend = [Double](repeating: 0, count: n)
        let passes = kept.count > 1 ? Swift.max(1, iterations) : 1
        for _ in 0..<passes {
            for (i, period) in kept.enumerated() {
                for t in 0..<n { deseasonal[t] += seasonals[i][t] }
                let fit = try STL(deseasonal, period: period, seasonalWindow: .span(windows[i]))
                seasonals[i] = fit.seasonal
                trend = fit.trend
                for t in 0..<n { deseasonal[t] -= seasonals[i][t] }
            }
        }
        self.periods = kept
        self.trend = trend
        self.seasonals = seasonals
        remainder = (0..<n).map { deseasonal[$0] - trend[$0] }
    }

    /// Seasonal strength of each component, `max(0, min(1, 1 − var(R)/var(R + Sᵢ)))`, the statistic
    /// of R `forecast`'s `nsdiffs(test = "seas")`, which differences seasonally when it exceeds 0.64.
    public var seasonalStrengths: [Double] {
        let remainderVariance = sampleVariance(remainder)
        return seasonals.map { s in
            Swift.max(0, Swift.min(1, 1 - remainderVariance / sampleVariance(zip(remainder, s).map { $0 + $1 })))
        }
    }
}
