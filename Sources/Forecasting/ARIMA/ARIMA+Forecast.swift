import Foundation
import Statistics

extension ARIMAModel {
    /// Forecast `horizon` steps ahead with Gaussian intervals, as R's `forecast.Arima`.
    ///
    /// The mean is the Kalman forecast of the ARIMA errors plus the regression part
    /// (`μ`, `δ (n + h)`); the standard error is `√(σ² Fₕ)` with `Fₕ` the forecast variance in units
    /// of σ², and the bounds are `mean ± z_{(1+level/100)/2} · se`.
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, ≥ 1.
    ///   - levels: interval levels in percent, each in (0, 100).
    /// - Returns: the forecast.
    /// - Throws: `ForecastingError.invalidSpecification` when the model has user regressors (use
    ///   ``forecast(horizon:levels:futureRegressors:)``), or for a bad horizon or level.
    /// - Complexity: O(horizon · (r + d)³).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        guard regressorNames.isEmpty else {
            throw .invalidSpecification("this model has regressors \(regressorNames.joined(separator: ", ")); "
                + "pass their future values with forecast(horizon:levels:futureRegressors:)")
        }
        return try forecast(horizon: horizon, levels: levels, futureRegressors: [])
    }

    /// Forecast with future values of the regressors (R's `forecast(fit, xreg = newxreg)`).
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, ≥ 1.
    ///   - levels: interval levels in percent, each in (0, 100).
    ///   - futureRegressors: one regressor per fitted regressor, same names and order, each with
    ///     `horizon` finite values.
    /// - Returns: the forecast.
    /// - Throws: `ForecastingError.invalidSpecification` naming the missing or mismatched regressor.
    /// - Complexity: O(horizon · (r + d)³).
    public func forecast(horizon: Int, levels: [Double], futureRegressors: [ARIMARegressor]) throws(ForecastingError) -> Forecast {
        try validateFuture(horizon: horizon, futureRegressors: futureRegressors)
        for level in levels where !(level > 0 && level < 100) {
            throw .invalidSpecification("interval levels must lie strictly between 0 and 100, got \(level)")
        }
        let kalman = state.forecast(horizon: horizon)
        var mean = kalman.mean
        var index = 0
        let n = series.count
        if hasIntercept {
            for h in 0..<horizon { mean[h] += regressionCoefficients[index] }
            index += 1
        }
        if hasDrift {
            for h in 0..<horizon { mean[h] += regressionCoefficients[index] * Double(n + h + 1) }
            index += 1
        }
        for r in futureRegressors {
            for h in 0..<horizon { mean[h] += regressionCoefficients[index] * r.values[h] }
            index += 1
        }
        let se = kalman.variance.map { ($0 * sigma2).squareRoot() }
        let sorted = levels.sorted()
        var lower: [[Double]] = [], upper: [[Double]] = []
        for level in sorted {
            let z = Normal.standard.quantile(0.5 * (1 + level / 100))
            lower.append((0..<horizon).map { mean[$0] - z * se[$0] })
            upper.append((0..<horizon).map { mean[$0] + z * se[$0] })
        }
        return Forecast(mean: mean, levels: sorted, lower: lower, upper: upper)
    }

    /// Checks a forecast's horizon and future regressors: `horizon ≥ 1`, one regressor per
    /// fitted regressor (same names and order), each with `horizon` finite values.
    func validateFuture(horizon: Int, futureRegressors: [ARIMARegressor]) throws(ForecastingError) {
        guard horizon >= 1 else { throw .invalidSpecification("horizon must be at least 1, got \(horizon)") }
        guard futureRegressors.map(\.name) == regressorNames else {
            throw .invalidSpecification("future regressors must be \(regressorNames) in this order, got \(futureRegressors.map(\.name))")
        }
        for r in futureRegressors where r.values.count != horizon || r.values.contains(where: { !$0.isFinite }) {
            throw .invalidSpecification("future regressor \(r.name) needs \(horizon) finite values, got \(r.values.count)")
        }
    }
}
