import Statistics

/// The random-walk family of benchmark forecasts, as R `forecast`'s `naive`, `snaive` and
/// `rwf(drift = TRUE)` (its internal `lagwalk`).
///
/// With lag `k` (1 for naive and drift, the season length for seasonal naive) the fitted value is
/// `ŷₜ = yₜ₋ₖ`, a missing `yₜ₋ₖ` replaced by the value `k` earlier (as R fills it). With drift, the
/// fitted value adds `b`, the mean of the non-missing differences `yₜ − yₜ₋₁`, whose standard error
/// is `s/√n_d`.
///
/// Forecasts repeat the last `k` values, `ŷ_{n+h} = y_{n+h−k·j(h)} + j(h)·b` with `j(h) = ⌈h/k⌉`,
/// and the standard error is `√(σ̂² j + (j · se(b))²)` with `σ̂² = Σ eₜ² / (n_e − 1)` with drift
/// (the estimated drift costs a degree of freedom) and `Σ eₜ² / n_e` without; intervals are
/// Normal, `ŷ ± z σ_h`.
///
/// R writes the divisor as `n_e − (drift != 0)` with the drift from `lm()`. When the differences
/// sum to exactly zero (`y_n = y_1`, common in integer counts) `lm()`'s QR still returns a drift of
/// order 1e−17 in all but about 1% of cases (measured on 3,000 such integer series, where it was
/// exactly zero only for some lengths such as 4 and 16 whose square roots are exact), so the divisor
/// is `n_e − 1` whenever a drift is estimated, not only when the computed mean is non-zero.
public struct LagWalk: FittedForecaster {
    /// Which member of the family.
    public enum Kind: String, Sendable, CaseIterable {
        /// `naive`: the last value.
        case naive
        /// `snaive`: the value one season ago.
        case seasonalNaive
        /// `rwf(drift = TRUE)`: the last value plus the average change.
        case drift
    }

    /// The method.
    public let kind: Kind
    /// The lag `k`.
    public let lag: Int
    /// The drift `b` per period (0 without drift).
    public let drift: Double
    /// Standard error of the drift (0 without drift).
    public let driftStandardError: Double
    /// The residual variance used by the intervals, `Σ eₜ² / (n_e − 1)` with drift, `Σ eₜ² / n_e` without.
    public let meanSquaredError: Double
    /// One-step fitted values on the training data (NaN where undefined).
    public let fittedValues: [Double]
    /// Training residuals `y − ŷ` (NaN where undefined).
    public let residuals: [Double]
    /// The last `lag` values (missing ones filled as R does), repeated into the future.
    let future: [Double]
    /// Naive and seasonal naive hold no estimated parameter, so they are simply run on `values`
    /// (the interval scale comes from those values); drift estimates its slope, so it has no
    /// re-filtered form (`nil`).
    ///
    /// - Complexity: O(n).
    public func refiltered(on values: [Double]) throws(ForecastingError) -> (any FittedForecaster)? {
        kind == .drift ? nil : try LagWalk(values, kind: kind, seasonLength: lag)
    }

    /// Fit a random-walk benchmark.
    ///
    /// - Parameters:
    ///   - values: the series; missing values are NaN.
    ///   - kind: naive, seasonal naive or drift.
    ///   - seasonLength: the season length, the lag of seasonal naive.
    /// - Throws: `ForecastingError.tooShort` when the series has no usable difference at the lag
    ///   (fewer than `lag + 1` values, or `lag + 2` with drift, since the drift's standard error
    ///   needs two differences). A season length of 1 makes seasonal naive the naive method, as in R.
    /// - Complexity: O(n).
    public init(_ values: [Double], kind: Kind, seasonLength: Int = 1) throws(ForecastingError) {
        let lag = kind == .seasonalNaive ? Swift.max(1, seasonLength) : 1
        let n = values.count
        let name = kind == .seasonalNaive ? "Seasonal naive" : (kind == .drift ? "Random walk with drift" : "Naive")
        // R fills a missing value with the one a lag earlier (when that one exists).
        var filled = values
        for i in lag..<Swift.max(lag, n) where filled[i].isNaN { filled[i] = filled[i - lag] }
        var fitted = [Double](repeating: .nan, count: n)
        for t in lag..<Swift.max(lag, n) { fitted[t] = filled[t - lag] }
        var differences: [Double] = []
        for t in 0..<n where !(values[t] - fitted[t]).isNaN { differences.append(values[t] - fitted[t]) }
        let minimum = lag + (kind == .drift ? 2 : 1)
        guard differences.count >= (kind == .drift ? 2 : 1), n >= minimum else {
            throw .tooShort(model: name, count: values.filter { !$0.isNaN }.count, minimum: minimum)
        }
        var b = 0.0, bSE = 0.0
        if kind == .drift {
            let k = Double(differences.count)
            b = (try? Descriptive.mean(differences)) ?? .nan
            let s = (try? Descriptive.standardDeviation(differences)) ?? .nan
            bSE = s / k.squareRoot()
            for t in 0..<n { fitted[t] += b }
        }
        let residuals = (0..<n).map { values[$0] - fitted[$0] }
        let used = residuals.filter { !$0.isNaN }
        let sumSquares = used.reduce(0.0) { $0 + $1 * $1 }
        self.kind = kind
        self.lag = lag
        drift = b
        driftStandardError = bSE
        meanSquaredError = sumSquares / (Double(used.count) - (kind == .drift ? 1 : 0))
        fittedValues = fitted
        self.residuals = residuals
        future = Array(filled.suffix(lag))
    }

    /// The model's name, parameters and fit statistics.
    public var summary: ModelSummary {
        let name: String = switch kind {
        case .naive: "Naive"
        case .seasonalNaive: "Seasonal naive"
        case .drift: "Random walk with drift"
        }
        let parameters: [(name: String, value: Double)] = kind == .drift ? [("drift", drift)] : []
        return ModelSummary(name: name, parameters: parameters, sigma2: meanSquaredError)
    }

    /// Point forecasts and Normal prediction intervals, as R's `forecast.lagwalk`.
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, at least 1.
    ///   - levels: interval levels in percent, each in (0, 100).
    /// - Complexity: O(horizon × levels).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try validate(horizon: horizon, levels: levels)
        var mean = [Double](repeating: 0, count: horizon)
        var se = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            let steps = Double(h / lag + 1)
            mean[h] = future[h % lag] + steps * drift
            se[h] = (meanSquaredError * steps + (steps * driftStandardError) * (steps * driftStandardError)).squareRoot()
        }
        return normalIntervals(mean: mean, standardErrors: se, levels: levels)
    }
}

/// Check a horizon and interval levels.
func validate(horizon: Int, levels: [Double]) throws(ForecastingError) {
    guard horizon >= 1 else { throw .invalidSpecification("the horizon must be at least 1, not \(horizon)") }
    for level in levels where !(level > 0 && level < 100) {
        throw .invalidSpecification("interval level \(level) must be a percentage strictly between 0 and 100")
    }
}

/// Normal intervals `mean ± z_{(1+level)/2} · se` at each level (levels sorted ascending).
func normalIntervals(mean: [Double], standardErrors: [Double], levels: [Double]) -> Forecast {
    let sorted = levels.sorted()
    var lower: [[Double]] = [], upper: [[Double]] = []
    for level in sorted {
        let z = Normal.standard.quantile(0.5 + level / 200)
        lower.append(zip(mean, standardErrors).map { $0 - z * $1 })
        upper.append(zip(mean, standardErrors).map { $0 + z * $1 })
    }
    return Forecast(mean: mean, levels: sorted, lower: lower, upper: upper)
}
