import Statistics

/// The equally weighted mean of several models' forecasts, as a model of its own.
///
/// Point forecasts are the mean of the members' point forecasts, which is hard to beat in practice
/// (M3: the mean of ETS, ARIMA and Theta beats each of them). Interval bounds are the means of the
/// members' bounds at each level ("quantile averaging"; Lichtendahl, Grushka-Cockayne & Winkler
/// 2013), which keeps their ordering and is never wider than the widest member.
public struct Combination: FittedForecaster {
    /// The fitted members.
    public let members: [any FittedForecaster]
    /// One-step fitted values on the training data (NaN where undefined).
    public let fittedValues: [Double]
    /// Training residuals `y − ŷ` (NaN where undefined).
    public let residuals: [Double]

    /// Combine fitted models of the same series.
    ///
    /// - Parameters:
    ///   - members: at least two fitted models.
    ///   - data: the series they were fitted to, for the combined fitted values and residuals.
    public init(_ members: [any FittedForecaster], data: [Double]) {
        precondition(members.count >= 2, "A combination needs at least two models")
        self.members = members
        let n = data.count
        var fitted = [Double](repeating: 0, count: n)
        for member in members {
            for t in 0..<n { fitted[t] += member.fittedValues[t] / Double(members.count) }
        }
        fittedValues = fitted
        residuals = (0..<n).map { data[$0] - fitted[$0] }
    }

    /// The model's name, parameters and fit statistics.
    public var summary: ModelSummary {
        ModelSummary(name: "Combination(" + members.map { $0.summary.name }.joined(separator: ", ") + ")")
    }

    /// Forecast `horizon` steps with intervals at `levels` (percent); a fixed seed where intervals are simulated.
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        var generator = SeededGenerator(seed: 1)
        return try forecast(horizon: horizon, levels: levels, generator: &generator)
    }

    /// Average the members' forecasts and bounds.
    ///
    /// - Complexity: the members' forecasts plus O(members × horizon × levels).
    public func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError) -> Forecast {
        var forecasts: [Forecast] = []
        for member in members { forecasts.append(try member.forecast(horizon: horizon, levels: levels, generator: &generator)) }
        let k = Double(forecasts.count)
        let first = forecasts[0]
        var mean = [Double](repeating: 0, count: horizon)
        var lower = [[Double]](repeating: [Double](repeating: 0, count: horizon), count: first.levels.count)
        var upper = lower
        for f in forecasts {
            for h in 0..<horizon { mean[h] += f.mean[h] / k }
            for l in first.levels.indices {
                for h in 0..<horizon {
                    lower[l][h] += f.lower[l][h] / k
                    upper[l][h] += f.upper[l][h] / k
                }
            }
        }
        return Forecast(mean: mean, levels: first.levels, lower: lower, upper: upper)
    }
}
