import Statistics

/// The historical-mean benchmark, as R `forecast::meanf`.
///
/// Every forecast is the sample mean `ȳ` of the non-missing values; the intervals are
/// `ȳ ± t_{(1+level)/2, n−1} · s · √(1 + 1/n)`, with `s` the sample standard deviation and `n` the
/// length of the series (R counts missing values in `n` here; so do we, to match it).
public struct MeanForecast: FittedForecaster {
    /// The sample mean.
    public let mean: Double
    /// The sample standard deviation.
    public let standardDeviation: Double
    /// The length of the series, `n`.
    public let count: Int
    /// One-step fitted values on the training data (NaN where undefined).
    public let fittedValues: [Double]
    /// Training residuals `y − ŷ` (NaN where undefined).
    public let residuals: [Double]

    /// Fit the mean method.
    ///
    /// - Parameter values: the series; missing values are NaN.
    /// - Throws: `ForecastingError.tooShort` with fewer than 2 non-missing values (the standard
    ///   deviation, and so the intervals, need two).
    /// - Complexity: O(n).
    public init(_ values: [Double]) throws(ForecastingError) {
        let present = values.filter { !$0.isNaN }
        guard present.count >= 2,
              let mean = try? Descriptive.mean(present),
              let sd = try? Descriptive.standardDeviation(present) else {
            throw .tooShort(model: "Mean", count: present.count, minimum: 2)
        }
        self.mean = mean
        standardDeviation = sd
        count = values.count
        fittedValues = [Double](repeating: mean, count: values.count)
        residuals = values.map { $0 - mean }
    }

    /// The model's name, parameters and fit statistics.
    public var summary: ModelSummary {
        ModelSummary(name: "Mean", parameters: [("mean", mean)], sigma2: standardDeviation * standardDeviation)
    }

    /// Constant forecasts with Student-t intervals, as R's `meanf`.
    ///
    /// - Complexity: O(horizon × levels).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try validate(horizon: horizon, levels: levels)
        let point = [Double](repeating: mean, count: horizon)
        let sorted = levels.sorted()
        var lower: [[Double]] = [], upper: [[Double]] = []
        guard let t = try? StudentT(degreesOfFreedom: Double(count - 1)) else {
            throw .numerical("Student t with \(count - 1) degrees of freedom")
        }
        let n = Double(count)
        for level in sorted {
            let width = t.quantile(0.5 + level / 200) * standardDeviation * (1 + 1 / n).squareRoot()
            lower.append([Double](repeating: mean - width, count: horizon))
            upper.append([Double](repeating: mean + width, count: horizon))
        }
        return Forecast(mean: point, levels: sorted, lower: lower, upper: upper)
    }
}
