import Forecasting

extension ForecastRun {
    /// The forecast of one series: its key and unit, the model fitted, the dated forecast with its
    /// intervals, the fitted values and residuals on the history's dates, or why it failed.
    ///
    /// A value to compute with, not a second JSON shape: the run's JSON is its contract document,
    /// ``ForecastRun/document`` (`Schemas/forecast.schema.json`), built from these results.
    public struct SeriesResult: Sendable {
        /// The series key.
        public let key: SeriesKey
        /// The unit of the series, which is also that of the forecast, fitted values and residuals.
        public let unit: String?
        /// The fitted model's name, parameters and information criteria (of the fallback when it
        /// was used); `nil` when the series failed.
        public let model: ModelSummary?
        /// The fallback model that produced the forecast, when the requested model failed.
        public let fallback: ModelSpecification?
        /// Why the requested model failed, also when a fallback then succeeded; `nil` otherwise.
        public let error: ForecastingError?
        /// The dated point forecast and intervals; `nil` when the series failed.
        public let forecast: DatedForecast?
        /// The date of every period of the history, aligned with ``fittedValues`` and ``residuals``.
        public let historyDates: [SeriesDate]
        /// The values of the history, aligned with ``historyDates``: as observed (NaN where
        /// missing), or as the model saw them after the run's missing-value policy filled or
        /// trimmed them (see ``missingValues``). Present also when the series failed.
        public let historyValues: [Double]
        /// One-step-ahead fitted values on the history (NaN where undefined); empty on failure.
        public let fittedValues: [Double]
        /// Residuals `y − ŷ` on the history (NaN where undefined); empty on failure.
        public let residuals: [Double]

        /// What the run's missing-value policy did to the series; `nil` when it was
        /// ``MissingValuePolicy/refuse`` (nothing changed) or could not be applied.
        public let missingValues: MissingValueTreatment?

        init(_ keyed: KeyedSeries, outcome: BatchOutcome, horizon: Int, missingValues: MissingValueTreatment?) {
            key = keyed.key
            unit = keyed.unit
            model = outcome.summary
            fallback = outcome.fallback
            error = outcome.error
            forecast = outcome.forecast.map {
                DatedForecast(datesMatching: keyed.series.futureDates(horizon: horizon), forecast: $0)
            }
            historyDates = keyed.series.dates
            historyValues = keyed.series.values
            fittedValues = outcome.fittedValues
            residuals = outcome.residuals
            self.missingValues = missingValues
        }

        /// A result from its parts (for derived runs).
        init(key: SeriesKey, unit: String?, model: ModelSummary?, fallback: ModelSpecification?, error: ForecastingError?,
             forecast: DatedForecast?, historyDates: [SeriesDate], historyValues: [Double], fittedValues: [Double],
             residuals: [Double], missingValues: MissingValueTreatment?) {
            self.key = key
            self.unit = unit
            self.model = model
            self.fallback = fallback
            self.error = error
            self.forecast = forecast
            self.historyDates = historyDates
            self.historyValues = historyValues
            self.fittedValues = fittedValues
            self.residuals = residuals
            self.missingValues = missingValues
        }

        /// A series that was not fitted, with the reason (its missing values could not be treated).
        init(_ keyed: KeyedSeries, failure: ForecastingError) {
            key = keyed.key
            unit = keyed.unit
            model = nil
            fallback = nil
            error = failure
            forecast = nil
            historyDates = keyed.series.dates
            fittedValues = []
            residuals = []
            historyValues = keyed.series.values
            missingValues = nil
        }

        /// Whether the series has a forecast (from its model or the fallback).
        public var hasForecast: Bool { forecast != nil }
    }
}
