extension ModelSpecification {
    /// Fit this model to the values of one series, without dates: the lower-level form under
    /// ``fit(_:)`` (which takes a ``TimeSeries`` and is the way to fit), for batch and backtest
    /// engines that slice plain arrays.
    ///
    /// Constants of fixed ARIMA models are explicit in the grammar: `arima(1,0,0)` has no mean,
    /// `arima(1,0,0)+mean` has one (R's `Arima` includes a mean by default; the CLI asks for it).
    ///
    /// - Parameters:
    ///   - values: the observations, oldest first (NaN for missing, where the model allows it).
    ///   - seasonLength: observations per season (1 for none).
    /// - Returns: the fitted model.
    /// - Throws: the model's `ForecastingError`, e.g. `.tooShort` naming the minimum length.
    /// - Complexity: that of the model.
    public func fit(_ values: [Double], seasonLength: Int) throws(ForecastingError) -> any FittedForecaster {
        switch self {
        case .auto:
            return try AutoEnsemble(values, seasonLength: seasonLength)
        case .autoARIMA:
            return try AutoARIMA(seasonLength: seasonLength).fit(values)
        case .autoETS:
            return try AutoETS.fit(values, seasonLength: seasonLength)
        case .arima(let specification):
            return try ARIMAModel.fit(values, specification: specification)
        case .ets(let specification):
            return try ETSModel.fit(values, seasonLength: seasonLength, specification: specification)
        case .theta:
            return try Theta(values, seasonLength: seasonLength)
        case .naive:
            return try LagWalk(values, kind: .naive)
        case .seasonalNaive:
            return try LagWalk(values, kind: .seasonalNaive, seasonLength: seasonLength)
        case .drift:
            return try LagWalk(values, kind: .drift)
        case .mean:
            return try MeanForecast(values)
        case .stlETS:
            return try STLForecaster(values, seasonLength: seasonLength)
        case .mstl(let given):
            let periods = given.isEmpty ? Self.defaultSeasonalPeriods(seasonLength: seasonLength) : given
            guard let first = periods.first else { throw .invalidSpecification("mstl needs a seasonal period") }
            return try STLForecaster(values, seasonLength: first, additionalPeriods: Array(periods.dropFirst()))
        case .tbats(let given):
            let periods = given.isEmpty ? Self.defaultTBATSPeriods(seasonLength: seasonLength) : given
            return try TBATS.fit(values, periods: periods)
        case .combination(let parts):
            var members: [any FittedForecaster] = []
            for part in parts { members.append(try part.fit(values, seasonLength: seasonLength)) }
            return Combination(members, data: values)
        case .autoTheta:
            return try OptimisedTheta(values, seasonLength: seasonLength)
        case .optimisedTheta(let variant):
            return try OptimisedTheta(values, seasonLength: seasonLength, variant: variant)
        case .intermittent:
            return ConformalForecaster(base: try fitPoint(values, seasonLength: seasonLength), specification: self,
                                       settings: .default, values: values, seasonLength: seasonLength, floor: 0)
        case let .conformal(base, settings):
            // Intermittent demand is non-negative (the methods refuse anything else): no bound below 0.
            let floor: Double? = if case .intermittent = base { 0 } else { nil }
            return ConformalForecaster(base: try base.fitPoint(values, seasonLength: seasonLength), specification: base,
                                       settings: settings, values: values, seasonLength: seasonLength, floor: floor)
        case .autoCES, .ces:
            // statsforecast's AutoCES forecasts a constant series with Naive.
            if let first = values.first, values.count >= 2, values.allSatisfy({ $0 == first }) {
                return try LagWalk(values, kind: .naive)
            }
            if case .ces(let form) = self {
                return try ComplexExponentialSmoothing.fit(values, seasonLength: seasonLength, seasonality: form)
            }
            return try AutoCES.fit(values, seasonLength: seasonLength)
        }
    }

    /// The model fitted for its point forecasts only: as ``fit(_:seasonLength:)``, but an
    /// intermittent-demand method or a `conformal(…)` model is its bare model, without the
    /// conformal intervals (which refit it at rolling origins through this function).
    ///
    /// - Parameters:
    ///   - values: the observations, oldest first.
    ///   - seasonLength: observations per season.
    /// - Returns: the fitted model.
    /// - Throws: the model's `ForecastingError`.
    /// - Complexity: that of the model.
    public func fitPoint(_ values: [Double], seasonLength: Int) throws(ForecastingError) -> any FittedForecaster {
        switch self {
        case .intermittent(let method):
            return try IntermittentDemand(values, method: method)
        case .conformal(let base, _):
            return try base.fitPoint(values, seasonLength: seasonLength)
        default:
            return try fit(values, seasonLength: seasonLength)
        }
    }

    /// Fit a regression with ARIMA errors (R's `Arima(y, xreg =)` / `auto.arima(y, xreg =)`), keeping
    /// the regressors' future values so the model forecasts like any other.
    ///
    /// - Parameters:
    ///   - values: the observations.
    ///   - seasonLength: observations per season.
    ///   - regressors: one value per observation for each regressor.
    ///   - futureRegressors: the same regressors over the forecast horizon.
    /// - Throws: `ForecastingError.invalidSpecification` unless the model is `auto-arima` or `arima(…)`;
    ///   the ARIMA fit's errors.
    /// - Complexity: that of the ARIMA fit.
    public func fit(_ values: [Double], seasonLength: Int, regressors: [ARIMARegressor],
                    futureRegressors: [ARIMARegressor]) throws(ForecastingError) -> any FittedForecaster {
        let model: ARIMAModel
        switch self {
        case .autoARIMA:
            model = try AutoARIMA(seasonLength: seasonLength).fit(values, regressors: regressors)
        case .arima(let specification):
            model = try ARIMAModel.fit(values, specification: specification, regressors: regressors)
        default:
            throw .invalidSpecification("regressors need an ARIMA model (auto-arima or arima(p,d,q)), not \(self)")
        }
        return RegressionWithARIMAErrors(model: model, futureRegressors: futureRegressors)
    }
}

/// An ARIMA model with regressors together with the regressors' future values.
public struct RegressionWithARIMAErrors: FittedForecaster {
    /// The fitted model.
    public let model: ARIMAModel
    /// The regressors over the forecast horizon.
    public let futureRegressors: [ARIMARegressor]

    /// The model's name, parameters and fit statistics.
    public var summary: ModelSummary { model.summary }
    /// One-step fitted values on the training data.
    public var fittedValues: [Double] { model.fittedValues }
    /// Training residuals `y − ŷ`.
    public var residuals: [Double] { model.residuals }

    /// Forecast up to the length of the future regressors.
    ///
    /// - Throws: `ForecastingError.invalidSpecification` when `horizon` exceeds the future values given.
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        let available = futureRegressors.map(\.values.count).min() ?? 0
        guard horizon <= available else {
            throw .invalidSpecification("the future regressors cover \(available) periods; the horizon is \(horizon)")
        }
        let future = futureRegressors.map { ARIMARegressor(name: $0.name, values: Array($0.values.prefix(horizon))) }
        return try model.forecast(horizon: horizon, levels: levels, futureRegressors: future)
    }
}
