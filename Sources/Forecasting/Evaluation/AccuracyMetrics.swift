import Foundation
import Statistics

/// Point-forecast accuracy on a test set, with the definitions of R `forecast::accuracy` (8.20).
///
/// With errors `eₜ = yₜ − ŷₜ` and percentage errors `pₜ = 100 eₜ / yₜ` (missing pairs skipped):
/// - `ME = mean(e)`, `RMSE = √mean(e²)`, `MAE = mean|e|`, `MPE = mean(p)`, `MAPE = mean|p|`;
/// - `sMAPE = mean(200 |e| / (|y| + |ŷ|))` (Hyndman's M3 definition, in percent);
/// - `MASE = mean|e| / Q` with `Q = mean|∇ₘ y|` on the training data, the in-sample seasonal naive
///   error (lag `m` = the season length when it is above 1, else lag 1), as R's `accuracy`;
/// - `RMSSE = √(mean(e²) / mean((∇ₘ y)²))` with the same differencing (Makridakis et al., M5).
public struct AccuracyMetrics: Sendable, Equatable {
    /// Mean error.
    public let me: Double
    /// Root mean squared error.
    public let rmse: Double
    /// Mean absolute error.
    public let mae: Double
    /// Mean percentage error (percent).
    public let mpe: Double
    /// Mean absolute percentage error (percent).
    public let mape: Double
    /// Symmetric MAPE (percent, 0–200).
    public let smape: Double
    /// Mean absolute scaled error.
    public let mase: Double
    /// Root mean squared scaled error.
    public let rmsse: Double

    /// Compute the metrics.
    ///
    /// - Parameters:
    ///   - actual: the held-out observations.
    ///   - forecast: the point forecasts, at least as many as `actual`.
    ///   - training: the data the model was fitted on (for the scale of MASE and RMSSE).
    ///   - seasonLength: the season length `m` of the data.
    /// - Returns: the metrics; a scale of zero (a constant training series) gives infinite or NaN
    ///   MASE and RMSSE, as in R.
    /// - Complexity: O(n + test length).
    public init(actual: [Double], forecast: [Double], training: [Double], seasonLength: Int) {
        precondition(forecast.count >= actual.count, "Not enough forecasts for the test data")
        var errors: [Double] = [], percentages: [Double] = [], symmetric: [Double] = []
        for (y, f) in zip(actual, forecast) where !(y - f).isNaN {
            errors.append(y - f)
            let p = 100 * (y - f) / y
            if !p.isNaN { percentages.append(p) }
            let s = 200 * Swift.abs(y - f) / (Swift.abs(y) + Swift.abs(f))
            if !s.isNaN { symmetric.append(s) }
        }
        func average(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
        me = average(errors)
        rmse = average(errors.map { $0 * $0 }).squareRoot()
        mae = average(errors.map(Swift.abs))
        mpe = average(percentages)
        mape = average(percentages.map(Swift.abs))
        smape = average(symmetric)
        let scale = Self.seasonalDifferenceScale(training, seasonLength: seasonLength)
        mase = mae / scale.absolute
        rmsse = (average(errors.map { $0 * $0 }) / scale.squared).squareRoot()
    }

    /// The scales of MASE and RMSSE: the mean absolute and mean squared in-sample difference at lag
    /// m (lag 1 when m ≤ 1), missing differences skipped; NaN when there is none.
    ///
    /// - Complexity: O(n).
    static func seasonalDifferenceScale(_ training: [Double], seasonLength: Int) -> (absolute: Double, squared: Double) {
        let lag = seasonLength > 1 ? seasonLength : 1
        var absolute = 0.0, squared = 0.0, count = 0
        if training.count > lag {
            for t in lag..<training.count {
                let d = training[t] - training[t - lag]
                if d.isNaN { continue }
                absolute += Swift.abs(d)
                squared += d * d
                count += 1
            }
        }
        guard count > 0 else { return (.nan, .nan) }
        return (absolute / Double(count), squared / Double(count))
    }
}

/// Scores of prediction intervals and probabilistic forecasts.
public enum IntervalScores {
    /// The share of observations inside `[lower, upper]` (missing observations skipped).
    ///
    /// - Parameters:
    ///   - actual: the observations (NaN for missing).
    ///   - lower: the interval's lower bounds, one per observation.
    ///   - upper: the interval's upper bounds, one per observation.
    /// - Returns: the share in [0, 1], or NaN when no observation is present.
    /// - Complexity: O(n).
    public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
        var inside = 0, total = 0
        for i in actual.indices where !actual[i].isNaN {
            total += 1
            if actual[i] >= lower[i] && actual[i] <= upper[i] { inside += 1 }
        }
        return total == 0 ? .nan : Double(inside) / Double(total)
    }

    /// The mean Winkler (interval) score at level `1 − α`:
    /// `(u − l) + (2/α)(l − y)[y < l] + (2/α)(y − u)[y > u]` (Winkler 1972; Gneiting & Raftery 2007).
    ///
    /// - Parameters:
    ///   - actual: the observations (NaN for missing, skipped).
    ///   - lower: the interval's lower bounds `l`, one per observation.
    ///   - upper: the interval's upper bounds `u`, one per observation.
    ///   - level: the interval level in percent, e.g. 95 (so α = 0.05).
    /// - Returns: the mean score over the observations present, NaN when there are none.
    /// - Complexity: O(n).
    public static func winkler(actual: [Double], lower: [Double], upper: [Double], level: Double) -> Double {
        let alpha = 1 - level / 100
        var total = 0.0, count = 0
        for i in actual.indices where !actual[i].isNaN {
            var score = upper[i] - lower[i]
            if actual[i] < lower[i] { score += 2 / alpha * (lower[i] - actual[i]) }
            if actual[i] > upper[i] { score += 2 / alpha * (actual[i] - upper[i]) }
            total += score
            count += 1
        }
        return count == 0 ? .nan : total / Double(count)
    }

    /// The mean pinball (quantile) loss of quantile forecasts `q` at probability `τ`:
    /// `max(τ (y − q), (τ − 1)(y − q))`.
    ///
    /// - Complexity: O(n).
    public static func pinball(actual: [Double], quantile: [Double], probability tau: Double) -> Double {
        var total = 0.0, count = 0
        for i in actual.indices where !(actual[i] - quantile[i]).isNaN {
            let u = actual[i] - quantile[i]
            total += Swift.max(tau * u, (tau - 1) * u)
            count += 1
        }
        return count == 0 ? .nan : total / Double(count)
    }

    /// The mean continuous ranked probability score of Gaussian forecasts `N(μ, σ²)`:
    /// `σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π]` with `z = (y − μ)/σ` (Gneiting et al. 2005).
    ///
    /// - Complexity: O(n).
    public static func gaussianCRPS(actual: [Double], mean: [Double], standardDeviation: [Double]) -> Double {
        var total = 0.0, count = 0
        let normal = Normal.standard
        for i in actual.indices where !(actual[i] - mean[i]).isNaN {
            let sigma = standardDeviation[i]
            let z = (actual[i] - mean[i]) / sigma
            total += sigma * (z * (2 * normal.cdf(z) - 1) + 2 * normal.pdf(z) - 1 / Double.pi.squareRoot())
            count += 1
        }
        return count == 0 ? .nan : total / Double(count)
    }
}
