import Statistics

/// STL decomposition with ETS on the seasonally adjusted series, as R `forecast::stlf`
/// (with its defaults: `mstl` seasonal windows `7 + 4i`, `etsmodel = "ZZN"`).
///
/// The seasonally adjusted series (trend + remainder) is forecast by automatic non-seasonal ETS; each
/// seasonal component is forecast by repeating its last cycle (seasonal naive) and added to the
/// point forecast and to both interval bounds, as R's `forecast.stl` does (seasonal uncertainty is
/// not added).
public struct STLForecaster: FittedForecaster {
    /// The decomposition.
    public let decomposition: MSTL
    /// The ETS model of the seasonally adjusted series.
    public let adjustedModel: ETSModel
    /// One-step fitted values on the training data (NaN where undefined).
    public let fittedValues: [Double]
    /// Training residuals `y − ŷ` (NaN where undefined).
    public let residuals: [Double]

    /// Fit STL + ETS.
    ///
    /// - Parameters:
    ///   - values: the series, without missing values.
    ///   - seasonLength: the season length (at least 2, with more than two full cycles).
    ///   - additionalPeriods: further seasonal periods (e.g. 168 for hourly data besides 24).
    /// - Throws: `ForecastingError` from MSTL (too short, missing values) or ETS.
    /// - Complexity: MSTL plus an automatic ETS search.
    public init(_ values: [Double], seasonLength: Int, additionalPeriods: [Int] = []) throws(ForecastingError) {
        let mstl = try MSTL(values, periods: [seasonLength] + additionalPeriods)
        let adjusted = zip(mstl.trend, mstl.remainder).map { $0 + $1 }
        let model = try AutoETS.fit(adjusted, seasonLength: 1)
        decomposition = mstl
        adjustedModel = model
        let seasonalSum = (0..<values.count).map { t in mstl.seasonals.reduce(0.0) { $0 + $1[t] } }
        let fitted = zip(model.fittedValues, seasonalSum).map { $0 + $1 }
        fittedValues = fitted
        residuals = zip(values, fitted).map { $0 - $1 }
    }

    /// The model's name (`STL + ETS(A,N,N)`, or `MSTL[24,168] + ETS(A,N,N)` with several seasonal
    /// periods), parameters and fit statistics.
    public var summary: ModelSummary {
        var summary = adjustedModel.summary
        let periods = decomposition.periods
        summary.name = (periods.count > 1 ? "MSTL[\(periods.map(String.init).joined(separator: ","))] + " : "STL + ")
            + summary.name
        return summary
    }

    /// Forecast `horizon` steps with intervals at `levels` (percent); a fixed seed where intervals are simulated.
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        var generator = SeededGenerator(seed: 1)
        return try forecast(horizon: horizon, levels: levels, generator: &generator)
    }

    /// Forecast the adjusted series and add the repeated seasonal cycles.
    ///
    /// - Complexity: the ETS forecast plus O(horizon × (periods + levels)).
    public func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError) -> Forecast {
        var forecast = try adjustedModel.forecast(horizon: horizon, levels: levels, generator: &generator)
        for (period, seasonal) in zip(decomposition.periods, decomposition.seasonals) {
            let lastCycle = Array(seasonal.suffix(period))
            for h in 0..<horizon {
                let s = lastCycle[h % period]
                forecast.mean[h] += s
                for k in forecast.levels.indices {
                    forecast.lower[k][h] += s
                    forecast.upper[k][h] += s
                }
            }
        }
        return forecast
    }
}
