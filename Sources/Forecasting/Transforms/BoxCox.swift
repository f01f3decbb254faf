import Foundation
import Statistics

/// The Box–Cox power transform as R's `forecast::BoxCox`, with its inverse and bias adjustment.
///
/// `w = (sign(y)|y|^λ − 1)/λ` for `λ ≠ 0` and `w = log y` for `λ = 0`. For `λ < 0`, negative `y`
/// map to NaN (R's convention); the inverse maps `w > −1/λ` to NaN.
///
/// Forecasts made on the transformed scale and back-transformed are medians of the forecast
/// distribution; with bias adjustment they are means, `ŷ · (1 + ½ σ²_h (1 − λ) / ŷ^(2λ))`
/// (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, §5.6).
public struct BoxCox: Sendable, Equatable {
    /// The power λ.
    public let lambda: Double

    /// A transform with power `lambda`.
    public init(lambda: Double) {
        self.lambda = lambda
    }

    /// Transform one value.
    public func transform(_ y: Double) -> Double {
        if lambda < 0 && y < 0 { return .nan }
        if lambda == 0 { return Foundation.log(y) }
        let sign: Double = y < 0 ? -1 : (y > 0 ? 1 : 0)
        return (sign * Foundation.pow(Swift.abs(y), lambda) - 1) / lambda
    }

    /// Transform a series; missing values stay missing.
    ///
    /// - Complexity: O(n).
    public func transform(_ values: [Double]) -> [Double] { values.map(transform) }

    /// Back-transform one value (the median on the original scale).
    public func inverse(_ w: Double) -> Double {
        if lambda < 0 && w > -1 / lambda { return .nan }
        if lambda == 0 { return Foundation.exp(w) }
        let xx = w * lambda + 1
        let sign: Double = xx < 0 ? -1 : (xx > 0 ? 1 : 0)
        return sign * Foundation.pow(Swift.abs(xx), 1 / lambda)
    }

    /// Back-transform a forecast mean with bias adjustment to the mean on the original scale.
    ///
    /// - Parameters:
    ///   - w: the forecast on the transformed scale.
    ///   - variance: the forecast variance on the transformed scale.
    /// - Returns: `ŷ (1 + ½ variance (1 − λ) / ŷ^(2λ))` with `ŷ = inverse(w)`.
    public func inverseBiasAdjusted(_ w: Double, variance: Double) -> Double {
        let median = inverse(w)
        return median * (1 + 0.5 * variance * (1 - lambda) / Foundation.pow(median, 2 * lambda))
    }

    /// Guerrero's (1993) choice of λ, as R's `BoxCox.lambda(x, method = "guerrero")`.
    ///
    /// The series is cut into consecutive subseries of length `max(2, seasonLength)` (ending at the
    /// last observation); λ minimises the coefficient of variation of `sdᵢ / meanᵢ^(1−λ)` over the
    /// subseries, found by Brent's method on `[lower, upper]` as R's `optimize`.
    ///
    /// - Parameters:
    ///   - values: the series (missing values allowed).
    ///   - seasonLength: the season length (`frequency` in R).
    ///   - lower: smallest λ considered (R: −1; `BoxCox(x, "auto")` uses −0.9). Raised to 0 when the
    ///     data contain values ≤ 0.
    ///   - upper: largest λ considered (R: 2).
    /// - Returns: λ; exactly 1 (no transform) when the series has at most `2 · seasonLength` values,
    ///   as R.
    /// - Complexity: O(n) per evaluation, about 20 evaluations.
    public static func guerreroLambda(_ values: [Double], seasonLength: Int, lower: Double = -1,
                                      upper: Double = 2) -> Double {
        var lower = lower
        if values.contains(where: { !$0.isNaN && $0 <= 0 }) { lower = Swift.max(lower, 0) }
        if values.count <= 2 * seasonLength { return 1 }
        let period = Swift.max(2, seasonLength)
        let years = values.count / period
        let used = Array(values[(values.count - years * period)...])
        var means: [Double] = [], deviations: [Double] = []
        for k in 0..<years {
            let block = used[(k * period)..<((k + 1) * period)].filter { !$0.isNaN }
            means.append((try? Descriptive.mean(block)) ?? .nan)
            deviations.append((try? Descriptive.standardDeviation(block)) ?? .nan)
        }
        let result = BrentMinimizer.minimize(lower: lower, upper: upper) { lam in
            let ratios = zip(deviations, means).map { $0 / Foundation.pow($1, 1 - lam) }.filter { !$0.isNaN }
            guard let sd = try? Descriptive.standardDeviation(ratios), let mean = try? Descriptive.mean(ratios) else { return .nan }
            return sd / mean
        }
        return result.minimum
    }
}
