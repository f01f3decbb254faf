import Forecasting

extension ForecastRun {
    /// The document of `urbancast forecast --format json`; its coding keys are the contract
    /// (`Schemas/forecast.schema.json`).
    ///
    /// `{"series": [{"key": {...}, "model": {"name", "parameters": {...}, "sigma2",
    /// "logLikelihood", "aic", "aicc", "bic"}, "forecast": [{"date", "mean", "lower": {"80": …,
    /// "95": …}, "upper": {…}}], "error": null}]}`. A failed series has `"model": null,
    /// "forecast": []` and its error message; a series rescued by the fallback also carries
    /// `"fallback"` (the model used) and the original error.
    public struct Document: Codable, Sendable {
        /// One series' model and forecast.
        public struct Series: Codable, Sendable {
            /// The series key, as an object of column → value.
            public var key: SeriesKey
            /// The model fitted; `null` when the series failed.
            @ExplicitNull public var model: Model?
            /// The forecast, step by step; empty when the series failed.
            public var forecast: [Step]
            /// Why the requested model failed, also when the fallback then succeeded.
            @ExplicitNull public var error: String?
            /// The fallback model used, when the requested one failed; absent otherwise.
            public var fallback: ModelSpecification?
            /// The series' unit, when the layout includes units and the data has one; absent otherwise.
            public var unit: String?
            /// What the missing-value policy did, when it was not `refuse`; absent otherwise.
            public var missingValues: MissingValueTreatment?
            /// The values the model was fitted on and its fitted values, when the layout includes
            /// the history; absent otherwise.
            public var history: [HistoryStep]?
        }

        /// One period of a series' history.
        public struct HistoryStep: Codable, Sendable {
            /// The period's date.
            public var date: SeriesDate
            /// The value the model was fitted on (`null` where missing).
            @ExplicitNull public var y: Double?
            /// The one-step-ahead fitted value (`null` where undefined).
            @ExplicitNull public var fitted: Double?
        }

        /// A fitted model's name, parameters and information criteria (`null` when the model
        /// has none).
        public struct Model: Codable, Sendable {
            /// The model's name, e.g. `ETS(A,N,N)`.
            public var name: String
            /// The estimated parameters by name, in the model's order.
            public var parameters: NamedValues<Double>
            /// The innovation variance σ².
            @ExplicitNull public var sigma2: Double?
            /// The log-likelihood.
            @ExplicitNull public var logLikelihood: Double?
            /// Akaike's information criterion.
            @ExplicitNull public var aic: Double?
            /// AIC with the small-sample correction.
            @ExplicitNull public var aicc: Double?
            /// The Bayesian information criterion.
            @ExplicitNull public var bic: Double?

            /// The model part of `summary`.
            public init(_ summary: ModelSummary) {
                name = summary.name
                parameters = NamedValues(summary.parameters)
                sigma2 = summary.sigma2
                logLikelihood = summary.logLikelihood
                aic = summary.aic
                aicc = summary.aicc
                bic = summary.bic
            }
        }

        /// One forecast step.
        public struct Step: Codable, Sendable {
            /// The step's date.
            public var date: SeriesDate
            /// The point forecast.
            public var mean: Double
            /// The lower interval bound by level (`"80"`, `"95"`).
            public var lower: NamedValues<Double>
            /// The upper interval bound by level.
            public var upper: NamedValues<Double>
        }

        /// Every series, in the panel's order.
        public var series: [Series]
    }

    /// The run as its JSON document.
    ///
    /// - Complexity: O(series × horizon × levels).
    public var document: Document { document(OutputLayout()) }

    /// The run as its JSON document, with the unit and history when `layout` includes them
    /// (its style and digits concern the CSV only).
    ///
    /// - Complexity: O(series × (history + horizon × levels)).
    public func document(_ layout: OutputLayout) -> Document {
        Document(series: results.map { result in
            var steps: [Document.Step] = []
            var model: Document.Model?
            if let summary = result.model, let dated = result.forecast {
                let forecast = dated.forecast
                let labels = forecast.levels.map(Self.label)
                model = Document.Model(summary)
                steps = (0..<forecast.horizon).map { h in
                    Document.Step(date: dated.dates[h], mean: forecast.mean[h],
                                  lower: NamedValues(zip(labels, forecast.lower.map { $0[h] }).map { ($0, $1) }),
                                  upper: NamedValues(zip(labels, forecast.upper.map { $0[h] }).map { ($0, $1) }))
                }
            }
            var history: [Document.HistoryStep]?
            if layout.includesHistory, result.hasForecast {
                let values = result.historyValues
                history = result.historyDates.indices.map { t in
                    let y = values[t], fitted = t < result.fittedValues.count ? result.fittedValues[t] : .nan
                    return Document.HistoryStep(date: result.historyDates[t], y: y.isNaN ? nil : y,
                                                fitted: fitted.isNaN ? nil : fitted)
                }
            }
            return Document.Series(key: result.key, model: model, forecast: steps, error: result.error?.description,
                                   fallback: result.fallback, unit: layout.includesUnit ? result.unit : nil,
                                   missingValues: result.missingValues, history: history)
        })
    }
}
