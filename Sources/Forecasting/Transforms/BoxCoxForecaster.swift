import Statistics

/// A model fitted on the Box–Cox scale whose forecasts are transformed back, as R `forecast` does
/// with `lambda =` (and `biasadj =`).
///
/// Interval bounds are back-transformed directly (they are quantiles, which the monotone transform
/// preserves). The point forecast is the back-transformed median, or with bias adjustment the mean
/// `ŷ (1 + ½ σ²_h (1 − λ)/ŷ^(2λ))`, where `σ_h` is read off the widest interval as R's `InvBoxCox`
/// does: `σ_h = (upper − lower) / (2 z_{(1+level)/2})`.
public struct BoxCoxForecaster: FittedForecaster {
    /// The model fitted on the transformed scale.
    public let base: any FittedForecaster
    /// The transform.
    public let transform: BoxCox
    /// Whether point forecasts are bias-adjusted to means.
    public let biasAdjusted: Bool
    /// Fitted values back-transformed to the original scale (medians).
    public let fittedValues: [Double]
    /// `y − fitted` on the original scale.
    public let residuals: [Double]

    /// Fit `fit` on `transform(values)`.
    ///
    /// - Parameters:
    ///   - values: the series on its original scale.
    ///   - lambda: the Box–Cox power.
    ///   - biasAdjusted: return mean forecasts rather than medians.
    ///   - fit: fits the base model to the transformed series.
    /// - Throws: whatever `fit` throws.
    /// - Complexity: O(n) plus the base fit.
    public init(_ values: [Double], lambda: Double, biasAdjusted: Bool = false,
                fit: ([Double]) throws(ForecastingError) -> any FittedForecaster) throws(ForecastingError) {
        transform = BoxCox(lambda: lambda)
        self.biasAdjusted = biasAdjusted
        base = try fit(transform.transform(values))
        let fitted = base.fittedValues.map(transform.inverse)
        fittedValues = fitted
        residuals = zip(values, fitted).map { $0 - $1 }
    }

    /// The model's name, parameters and fit statistics.
    public var summary: ModelSummary {
        var summary = base.summary
        summary.parameters.append(("lambda", transform.lambda))
        return summary
    }

    /// Forecast on the transformed scale and transform back.
    ///
    /// - Complexity: that of the base forecast plus O(horizon × levels).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        var generator = SeededGenerator(seed: 1)
        return try forecast(horizon: horizon, levels: levels, generator: &generator)
    }

    /// Forecast on the transformed scale (drawing simulated intervals from `generator`) and transform back.
    ///
    /// - Complexity: that of the base forecast plus O(horizon × levels).
    public func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError) -> Forecast {
        // Bias adjustment needs a variance, which R reads off the widest interval.
        let computeLevels = biasAdjusted && levels.isEmpty ? [95.0] : levels
        let raw = try base.forecast(horizon: horizon, levels: computeLevels, generator: &generator)
        var mean = raw.mean.map(transform.inverse)
        if biasAdjusted, let widest = raw.levels.indices.max(by: { raw.levels[$0] < raw.levels[$1] }) {
            let z = Normal.standard.quantile(0.5 + raw.levels[widest] / 200)
            mean = (0..<horizon).map { h in
                let sd = (raw.upper[widest][h] - raw.lower[widest][h]) / (2 * z)
                return transform.inverseBiasAdjusted(raw.mean[h], variance: sd * sd)
            }
        }
        let keep = levels.isEmpty ? [] : Array(raw.levels.indices)
        return Forecast(mean: mean, levels: keep.map { raw.levels[$0] },
                        lower: keep.map { raw.lower[$0].map(transform.inverse) },
                        upper: keep.map { raw.upper[$0].map(transform.inverse) })
    }
}
