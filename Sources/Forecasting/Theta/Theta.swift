import Foundation
import Statistics

/// The Theta method of Assimakopoulos & Nikolopoulos (2000) as R `forecast::thetaf`: simple
/// exponential smoothing with drift equal to half the slope of a linear trend (Hyndman & Billah 2003).
///
/// 1. Seasonality test: for `m > 1`, `n > 2m` and a non-constant series, the lag-m autocorrelation
///    `r_m` is significant when `|r_m| / √((1 + 2 Σ_{k<m} r_k²)/n) > z_{0.95}`; then the series is
///    divided by the multiplicative classical decomposition's seasonal indices (R's `decompose`).
/// 2. SES, i.e. ETS(A,N,N), on the (adjusted) series gives `α`, the forecast level and `σ²`.
/// 3. `b = ½ ·` the least-squares slope of the series on time; the forecast at step h is
///    `ℓ + b ((h − 1) + (1 − (1 − α)ⁿ)/α)`, reseasonalised with the last m indices.
/// 4. Intervals: `ŷ ± z σ √(1 + (h − 1) α²)`, as R (not reseasonalised).
public struct Theta: FittedForecaster {
    /// Smoothing parameter of the SES step (at least 1e−10).
    public let alpha: Double
    /// The drift `b`, half the trend slope.
    public let drift: Double
    /// Whether the series was seasonally adjusted.
    public let seasonal: Bool
    /// One-step variance of the SES fit.
    public let sigma2: Double
    /// One-step fitted values on the training data (NaN where undefined).
    public let fittedValues: [Double]
    /// Training residuals `y − ŷ` (NaN where undefined).
    public let residuals: [Double]
    let level: Double
    let count: Int
    let lastSeasonalIndices: [Double]

    /// Fit the Theta method.
    ///
    /// - Parameters:
    ///   - values: the series, without missing values.
    ///   - seasonLength: observations per season (1 for none).
    /// - Throws: `ForecastingError.missingValues`; `.tooShort` below 3 observations; SES errors.
    /// - Complexity: O(n) plus one ETS(A,N,N) fit.
    public init(_ values: [Double], seasonLength: Int) throws(ForecastingError) {
        guard !values.contains(where: { !$0.isFinite }) else { throw .missingValues(model: "Theta") }
        let n = values.count
        guard n >= 3 else { throw .tooShort(model: "Theta", count: n, minimum: 3) }
        let m = seasonLength
        var isSeasonal = false
        if m > 1 && n > 2 * m && Set(values).count > 1 {
            isSeasonal = Self.lagAutocorrelationIsSignificant(values, lag: m)
        }
        var adjusted = values
        var indices = [Double](repeating: 1, count: n)
        if isSeasonal {
            indices = ETSInitialization.classicalSeasonal(values, period: m, multiplicative: true)
            if indices.contains(where: { Swift.abs($0) < 1e-4 }) {
                isSeasonal = false        // R warns and uses the non-seasonal method
                indices = [Double](repeating: 1, count: n)
            } else {
                adjusted = zip(values, indices).map { $0 / $1 }
            }
        }
        let ses = try Self.simpleExponentialSmoothing(adjusted)
        let alpha = Swift.max(1e-10, ses.alpha)
        // R's lsfit(0:(n-1), x) slope; the slope does not depend on where time starts.
        self.alpha = alpha
        drift = ETSInitialization.lineFit(adjusted, count: n).slope / 2
        seasonal = isSeasonal
        sigma2 = ses.sigma2
        level = ses.level
        count = n
        lastSeasonalIndices = isSeasonal ? Array(indices.suffix(m)) : []
        let fitted = zip(ses.fittedValues, indices).map { $0 * $1 }
        fittedValues = fitted
        residuals = zip(values, fitted).map { $0 - $1 }
    }

    /// The model's name, parameters and fit statistics.
    public var summary: ModelSummary {
        ModelSummary(name: "Theta", parameters: [("alpha", alpha), ("drift", drift)], sigma2: sigma2)
    }

    /// Point forecasts and intervals as R's `thetaf`.
    ///
    /// - Complexity: O(horizon × levels).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try validate(horizon: horizon, levels: levels)
        let n = Double(count)
        let shift = (1 - Foundation.pow(1 - alpha, n)) / alpha
        var mean = (0..<horizon).map { level + drift * (Double($0) + shift) }
        if seasonal {
            let m = lastSeasonalIndices.count
            for h in 0..<horizon { mean[h] *= lastSeasonalIndices[h % m] }
        }
        let se = (0..<horizon).map { sigma2.squareRoot() * (Double($0) * alpha * alpha + 1).squareRoot() }
        return normalIntervals(mean: mean, standardErrors: se, levels: levels)
    }

    /// R's `ses`: ETS(A,N,N) with `opt.crit = "mse"`, i.e. Nelder–Mead (R's `etsNelderMead`
    /// settings) on the one-step mean squared error over (α, ℓ₀), α within R's usual bounds
    /// [1e−4, 0.9999], started where R's `initparam` and `initstate` start it:
    /// `α₀ = 1e−4 + 0.2 (0.9999 − 1e−4)` (R divides by m only for seasonal models),
    /// `ℓ₀ = mean(y₁…y_k)` with `k = min(10, n)`.
    /// `σ² = Σe²/(n − 2)`.
    static func simpleExponentialSmoothing(_ y: [Double]) throws(ForecastingError)
        -> (alpha: Double, level: Double, sigma2: Double, fittedValues: [Double]) {
        let n = y.count
        let lower = 1e-4, upper = 0.9999
        let alpha0 = lower + 0.2 * (upper - lower)
        let k = Swift.min(10, n)
        let level0 = y.prefix(k).reduce(0, +) / Double(k)
        let result = y.withUnsafeBufferPointer { series in
            NelderMead.minimize(start: [alpha0, level0],
                                options: NelderMead.Options(maximumEvaluations: 2000)) { p in
                let alpha = p[0]
                guard alpha >= lower && alpha <= upper else { return .infinity }
                var level = p[1], sse = 0.0
                for t in 0..<n {
                    let e = series[t] - level
                    sse += e * e
                    level += alpha * e
                }
                return sse / Double(n)
            }
        }
        guard result.objective.isFinite else {
            throw .notConverged(model: "Theta", detail: "simple exponential smoothing has no finite error")
        }
        let alpha = result.parameters[0]
        var level = result.parameters[1], sse = 0.0
        var fitted = [Double](repeating: 0, count: n)
        for t in 0..<n {
            fitted[t] = level
            let e = y[t] - level
            sse += e * e
            level += alpha * e
        }
        return (alpha, level, sse / Double(n - 2), fitted)
    }

    /// The thetaf seasonality test: the lag-m autocorrelation `r_m` is significant when
    /// `|r_m| / √((1 + 2 Σ_{k<m} r_k²)/n) > z_{0.95}` (Bartlett's standard error; a two-sided test at the 10 % level).
    static func lagAutocorrelationIsSignificant(_ y: [Double], lag m: Int) -> Bool {
        let r = autocorrelations(y, maximumLag: m)
        let stat = ((1 + 2 * r.prefix(m - 1).reduce(0) { $0 + $1 * $1 }) / Double(y.count)).squareRoot()
        return Swift.abs(r[m - 1]) / stat > Normal.standard.quantile(0.95)
    }

    /// Sample autocorrelations r₁…r_maxLag (R's `acf`: denominator Σ(y − ȳ)²).
    static func autocorrelations(_ y: [Double], maximumLag: Int) -> [Double] {
        let n = y.count
        let mean = y.reduce(0, +) / Double(n)
        let centred = y.map { $0 - mean }
        let c0 = centred.reduce(0) { $0 + $1 * $1 }
        return (1...maximumLag).map { k in
            var s = 0.0
            for t in 0..<(n - k) { s += centred[t] * centred[t + k] }
            return s / c0
        }
    }

}
