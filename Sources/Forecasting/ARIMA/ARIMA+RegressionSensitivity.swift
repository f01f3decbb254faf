extension ARIMAModel {
    /// How the forecast mean moves with each regression coefficient: `∂ŷₙ₊ₕ / ∂βⱼ` for the
    /// intercept, the drift and the regressors, in ``regressionCovariance`` order.
    ///
    /// The forecast of a regression with ARIMA errors is `ŷₙ₊ₕ = cₙ₊ₕᵀ β + Z âₙ₊ₕ(y − Xβ)`, with
    /// `cₙ₊ₕ` the coefficients' future covariates (1, `n + h`, `xⱼ,ₙ₊ₕ`), `X` their in-sample
    /// columns and `âₙ₊ₕ(v)` the Kalman forecast of the errors' state from the data `v` (R's
    /// `KalmanForecast` after the filter of `arima`). The filter starts from a zero state and its
    /// gains depend only on which observations are missing, so `â` is linear in `v` and
    ///
    ///     ∂ŷₙ₊ₕ / ∂βⱼ = cⱼ,ₙ₊ₕ − Z âₙ₊ₕ(xⱼ),
    ///
    /// exactly, for any change of `β`: the errors' forecast takes back the part of the
    /// coefficient's effect that the history has already shown. With random-walk errors
    /// (`d = 1`, no ARMA part) it is `xⱼ,ₙ₊ₕ − xⱼ,ₙ` (the level is re-anchored at the last
    /// residual); with stationary AR(1) errors `xⱼ,ₙ₊ₕ − φʰ xⱼ,ₙ`; with white-noise errors
    /// `xⱼ,ₙ₊ₕ`. Missing observations are skipped as in the fit. The filter approximates the
    /// diffuse start with R's `κ = 10⁶`, so the identities hold to about 10⁻⁶ relative, as in R.
    ///
    /// ```swift
    /// // ARIMA(0,1,0) errors, regressor ending at xₙ = 134.4; future values 136.1, 134.8:
    /// let s = try model.regressionSensitivity(horizon: 2, futureRegressors: [x])
    /// // s == [[1.70, 0.33]]  (xₙ₊ₕ − xₙ), not [[136.1, 134.8]]
    /// ```
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, ≥ 1.
    ///   - futureRegressors: one regressor per fitted regressor, same names and order, each with
    ///     `horizon` finite values (as for ``forecast(horizon:levels:futureRegressors:)``).
    /// - Returns: one array of `horizon` sensitivities per regression coefficient, in the order of
    ///   ``regressionCovariance``'s names; empty when the model has no regression coefficient.
    /// - Throws: `ForecastingError.invalidSpecification` for a bad horizon or a missing or
    ///   mismatched future regressor.
    /// - Complexity: O(k · (n + horizon) · (r + d)³) for `k` coefficients, one filter pass and
    ///   one forecast per coefficient.
    public func regressionSensitivity(horizon: Int, futureRegressors: [ARIMARegressor]) throws(ForecastingError)
        -> [[Double]]
    {
        try validateFuture(horizon: horizon, futureRegressors: futureRegressors)
        let n = series.count
        // The fit's filter sees NaN wherever the series or any column is missing.
        var missing = series.map(\.isNaN)
        for column in regressionColumns { for t in 0..<n where column[t].isNaN { missing[t] = true } }
        let workspace = ARIMAFilterWorkspace(stateDimension: state.rd)
        var column = [Double](repeating: 0, count: n)
        let constants = (hasIntercept ? 1 : 0) + (hasDrift ? 1 : 0)
        var sensitivities: [[Double]] = []
        for j in regressionColumns.indices {
            for t in 0..<n { column[t] = missing[t] ? .nan : regressionColumns[j][t] }
            var errors = ARIMAStateSpace(phi: state.phi, theta: state.theta, delta: state.delta, kappa: state.kappa)
            _ = column.withUnsafeBufferPointer { errors.filter($0, workspace: workspace, standardizedResiduals: nil) }
            let carried = errors.forecast(horizon: horizon).mean
            let future: [Double]
            if j >= constants {
                future = futureRegressors[j - constants].values
            } else if hasDrift && j == constants - 1 {
                future = (1...horizon).map { Double(n + $0) }
            } else {
                future = [Double](repeating: 1, count: horizon)
            }
            sensitivities.append((0..<horizon).map { future[$0] - carried[$0] })
        }
        return sensitivities
    }
}
