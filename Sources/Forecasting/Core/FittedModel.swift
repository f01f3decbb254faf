import Statistics

/// A model fitted to a dated series: the fitted forecaster together with the history's dates, so
/// that its fitted values, residuals and forecasts are all labelled with the periods they belong to.
///
/// Made by ``ModelSpecification/fit(_:)``, the one way to fit a model to a ``TimeSeries``:
///
/// ```swift
/// let series = TimeSeries(start: try SeriesDate(parsing: "2020-01"), frequency: .monthly,
///                         values: (0..<48).map { 100 + Double($0) + 10 * sin(Double($0) * .pi / 6) })
/// let fit = try ModelSpecification.autoETS.fit(series)      // season length 12, from the series
/// let forecast = try fit.forecast(horizon: 12, levels: [80, 95])
/// forecast.dates.first?.description                         // "2024-01"
/// ```
public struct FittedModel: Sendable {
    /// The model as asked for, e.g. `.autoETS` (``summary`` names the model chosen).
    public let specification: ModelSpecification
    /// The fitted forecaster, for what only the undated interface offers (refiltering, simulation).
    public let forecaster: any FittedForecaster
    /// The series the model was fitted to.
    public let history: TimeSeries

    /// Wraps a fitted forecaster with the series it was fitted to.
    ///
    /// - Parameters:
    ///   - specification: The model as asked for.
    ///   - forecaster: The forecaster fitted to `history.values`.
    ///   - history: The series.
    public init(specification: ModelSpecification, forecaster: any FittedForecaster, history: TimeSeries) {
        self.specification = specification
        self.forecaster = forecaster
        self.history = history
    }

    /// The model's name, estimated parameters and information criteria.
    public var summary: ModelSummary { forecaster.summary }

    /// The date of every observation of the history, aligned with ``fittedValues`` and ``residuals``.
    ///
    /// - Complexity: O(*n*).
    public var dates: [SeriesDate] { history.dates }

    /// One-step-ahead fitted values on the history, one per date of ``dates`` (NaN where undefined,
    /// e.g. before the first difference of an ARIMA model can be formed).
    public var fittedValues: [Double] { forecaster.fittedValues }

    /// Residuals `y − ŷ` on the scale of the data, one per date of ``dates`` (NaN where undefined).
    public var residuals: [Double] { forecaster.residuals }

    /// Forecasts `horizon` periods after the last observation, dated.
    ///
    /// Models whose intervals are simulated (ETS with a multiplicative trend) draw them from their
    /// own fixed stream, so the same fit gives the same forecast every time.
    ///
    /// - Parameters:
    ///   - horizon: Steps ahead, at least 1.
    ///   - levels: Interval levels in percent, each strictly between 0 and 100 (80 and 95 by
    ///     default, as R's `forecast`).
    /// - Returns: The point forecasts and intervals of the undated
    ///   ``FittedForecaster/forecast(horizon:levels:)``, labelled with
    ///   ``TimeSeries/futureDates(horizon:)``.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` for a horizon below 1 or a level
    ///   outside (0, 100); the model's errors when its intervals cannot be computed.
    /// - Complexity: that of the model's forecast, plus O(`horizon`) for the dates.
    public func forecast(horizon: Int, levels: [Double] = [80, 95]) throws(ForecastingError) -> DatedForecast {
        try Forecast.validate(horizon: horizon, levels: levels)
        return DatedForecast(
            datesMatching: history.futureDates(horizon: horizon),
            forecast: try forecaster.forecast(horizon: horizon, levels: levels))
    }

    /// Forecasts `horizon` periods ahead, drawing any simulated intervals from `generator`
    /// (batch runs give each series its own stream, so that results do not depend on threads).
    ///
    /// - Parameters:
    ///   - horizon: Steps ahead, at least 1.
    ///   - levels: Interval levels in percent, each strictly between 0 and 100.
    ///   - generator: The random stream for simulated intervals; models with analytic intervals
    ///     leave it untouched.
    /// - Returns: The dated point forecasts and intervals.
    /// - Throws: As ``forecast(horizon:levels:)``.
    /// - Complexity: that of the model's forecast.
    public func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError)
        -> DatedForecast
    {
        try Forecast.validate(horizon: horizon, levels: levels)
        return DatedForecast(
            datesMatching: history.futureDates(horizon: horizon),
            forecast: try forecaster.forecast(horizon: horizon, levels: levels, generator: &generator))
    }
}

extension ModelSpecification {
    /// Fits this model to a dated series: the one way to fit a model.
    ///
    /// The season length is the series' own (``TimeSeries/seasonLength``, the frequency's default
    /// unless the series was built with another), so a monthly series is fitted with seasons of 12.
    ///
    /// ```swift
    /// let fit = try ModelSpecification.autoETS.fit(series)
    /// fit.summary.name                  // e.g. "ETS(M,A,M)"
    /// try fit.forecast(horizon: 12)     // dated, with 80 % and 95 % intervals
    /// ```
    ///
    /// - Parameter series: The observations on a regular grid, `NaN` where missing (for the
    ///   models that can take missing values).
    /// - Returns: The fitted model, which knows the history's dates.
    /// - Throws: The model's ``ForecastingError``, e.g. ``ForecastingError/tooShort(model:count:minimum:)``
    ///   naming the minimum length.
    /// - Complexity: that of the model.
    public func fit(_ series: TimeSeries) throws(ForecastingError) -> FittedModel {
        FittedModel(
            specification: self, forecaster: try fit(series.values, seasonLength: series.seasonLength),
            history: series)
    }

    /// Fits a regression with ARIMA errors (R's `Arima(y, xreg =)` / `auto.arima(y, xreg =)`) to a
    /// dated series, keeping the regressors' future values so the model forecasts like any other.
    ///
    /// - Parameters:
    ///   - series: The observations.
    ///   - regressors: One value per period of `series` for each regressor.
    ///   - futureRegressors: The same regressors over the forecast horizon, one value per period
    ///     after the series' end.
    /// - Returns: The fitted model; its forecasts reach as far as the future regressors do.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` unless the model is `auto-arima` or
    ///   `arima(…)`; the ARIMA fit's errors.
    /// - Complexity: that of the ARIMA fit.
    public func fit(_ series: TimeSeries, regressors: [ARIMARegressor], futureRegressors: [ARIMARegressor])
        throws(ForecastingError) -> FittedModel
    {
        FittedModel(
            specification: self,
            forecaster: try fit(
                series.values, seasonLength: series.seasonLength, regressors: regressors,
                futureRegressors: futureRegressors),
            history: series)
    }
}
