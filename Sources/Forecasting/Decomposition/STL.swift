import Statistics

/// Seasonal–trend decomposition by Loess (Cleveland, Cleveland, McRae & Terpenning 1990), as R's
/// `stats::stl`: `y = seasonal + trend + remainder`.
///
/// The inner loop alternates (1) smoothing each cycle-subseries with a Loess of span `seasonalWindow`
/// and degree `seasonalDegree`, (2) removing the low-pass filter (moving averages of length m, m, 3
/// and a Loess of span `lowPassWindow`) so that the seasonal component has no trend, and (3) a Loess
/// of span `trendWindow` on the deseasonalised series. With `robust`, an outer loop downweights
/// large remainders with bisquare weights `(1 − (r/6·MAD)²)²`. Defaults follow R: a periodic
/// seasonal window averages each cycle position; `trendWindow` is the next odd integer at or above
/// `1.5 m / (1 − 1.5 / seasonalWindow)`, `lowPassWindow` the next odd integer at or above `m`, jumps are
/// a tenth of each window, 2 inner and 0 outer iterations (1 and 15 when robust).
public struct STL: Sendable, Equatable {
    /// The seasonal component.
    public let seasonal: [Double]
    /// The trend component.
    public let trend: [Double]
    /// `y − seasonal − trend`.
    public let remainder: [Double]
    /// The robustness weights (all 1 without `robust`).
    public let weights: [Double]

    /// How the robust loop finds the median absolute remainder that scales its weights.
    ///
    /// R's Fortran takes it from a partial sort (`psort`) that expects its positions in increasing
    /// order but is given the median's pair in decreasing order, so for an even number of
    /// observations it may not return the exact median; `na.interp`'s weights follow R there. The
    /// exact median is what STL's other callers have always used (air-quality trends), kept so
    /// that their numbers do not change.
    enum RobustScale: Sendable {
        /// The exact median.
        case exactMedian
        /// The reference implementation's partial sort, as R.
        case referencePartialSort
    }

    /// The seasonal smoothing window.
    public enum SeasonalWindow: Sendable, Equatable {
        /// Each cycle position is the mean of its values (R's `s.window = "periodic"`).
        case periodic
        /// A Loess span in cycles (odd, at least 3; an even value is increased by one as R does).
        case span(Int)
    }

    /// Decompose a series.
    ///
    /// - Parameters:
    ///   - values: the series, with no missing values.
    ///   - period: the season length `m ≥ 2`; the series needs more than `2m` values.
    ///   - seasonalWindow: periodic or a span.
    ///   - seasonalDegree: 0 or 1 (R default 0).
    ///   - trendWindow: span of the trend Loess; `nil` for R's default.
    ///   - trendDegree: 0 or 1 (R default 1).
    ///   - lowPassWindow: span of the low-pass Loess; `nil` for the next odd integer ≥ m.
    ///   - robust: use the robust outer loop.
    /// - Throws: `ForecastingError.tooShort` if `n ≤ 2m`; `.missingValues`;
    ///   `.invalidSpecification` for `m < 2` or a degree other than 0 or 1.
    /// - Complexity: O(n · (windows)) per iteration.
    public init(_ values: [Double], period: Int, seasonalWindow: SeasonalWindow, seasonalDegree: Int = 0,
                trendWindow: Int? = nil, trendDegree: Int = 1, lowPassWindow: Int? = nil,
                robust: Bool = false) throws(ForecastingError) {
        try self.init(values, period: period, seasonalWindow: seasonalWindow, seasonalDegree: seasonalDegree,
                      trendWindow: trendWindow, trendDegree: trendDegree, lowPassWindow: lowPassWindow, robust: robust,
                      robustScale: .exactMedian)
    }

    /// Decompose a series, choosing how the robust loop's scale is found (see ``RobustScale``).
    init(_ values: [Double], period: Int, seasonalWindow: SeasonalWindow, seasonalDegree: Int = 0,
         trendWindow: Int? = nil, trendDegree: Int = 1, lowPassWindow: Int? = nil,
         robust: Bool, robustScale: RobustScale) throws(ForecastingError) {
        let n = values.count
        guard period >= 2 else {
            throw .invalidSpecification("STL needs a season length of at least 2, not \(period)")
        }
        guard n > 2 * period else { throw .tooShort(model: "STL", count: n, minimum: 2 * period + 1) }
        guard !values.contains(where: { $0.isNaN }) else { throw .missingValues(model: "STL") }
        guard [0, 1].contains(seasonalDegree), [0, 1].contains(trendDegree) else {
            throw .invalidSpecification("STL degrees must be 0 or 1")
        }
        func nextOdd(_ x: Double) -> Int {
            let r = Int(x.rounded(.toNearestOrEven))
            return r % 2 == 0 ? r + 1 : r
        }
        let periodic = seasonalWindow == .periodic
        let sWindow: Int
        switch seasonalWindow {
        case .periodic: sWindow = 10 * n + 1
        case .span(let s): sWindow = s
        }
        let sDegree = periodic ? 0 : seasonalDegree
        let tWindow = trendWindow ?? nextOdd((1.5 * Double(period) / (1 - 1.5 / Double(sWindow))).rounded(.up))
        let lWindow = lowPassWindow ?? nextOdd(Double(period))
        func jump(_ w: Int) -> Int { Int((Double(w) / 10).rounded(.up)) }
        var engine = STLEngine(
            n: n, period: period, seasonalWindow: sWindow, trendWindow: tWindow, lowPassWindow: lWindow,
            seasonalDegree: sDegree, trendDegree: trendDegree, lowPassDegree: trendDegree,
            seasonalJump: jump(sWindow), trendJump: jump(tWindow), lowPassJump: jump(lWindow),
            inner: robust ? 1 : 2, outer: robust ? 15 : 0)
        engine.robustScale = robustScale
        let (seasonalRaw, trend, weights) = engine.run(values)
        var seasonal = seasonalRaw
        if periodic {
            for position in 0..<period {
                let indices = Array(stride(from: position, to: n, by: period))
                let mean = indices.reduce(0.0) { $0 + seasonalRaw[$1] } / Double(indices.count)
                for i in indices { seasonal[i] = mean }
            }
        }
        self.seasonal = seasonal
        self.trend = trend
        self.weights = weights
        remainder = (0..<n).map { values[$0] - seasonal[$0] - trend[$0] }
    }

    /// The strength of seasonality `max(0, min(1, 1 − var(R)/var(R + S)))` (Wang, Smith & Hyndman 2006),
    /// the statistic of R `forecast`'s seasonal differencing heuristic.
    public var seasonalStrength: Double {
        let combined = zip(remainder, seasonal).map { $0 + $1 }
        return Swift.max(0, Swift.min(1, 1 - sampleVariance(remainder) / sampleVariance(combined)))
    }
}

/// Sample variance with divisor n − 1, skipping NaN (R's `var(x, na.rm = TRUE)`); NaN below two values.
func sampleVariance(_ values: [Double]) -> Double {
    (try? Descriptive.variance(values.filter { !$0.isNaN })) ?? .nan
}
