import Forecasting

extension BacktestRun {
    /// The document of `urbancast backtest --format json`; its coding keys are the contract
    /// (`Schemas/backtest.schema.json`):
    ///
    ///     {"models": [{"model", "series", "windows", "failed", "me", "rmse", "mae", "mpe", "mape",
    ///                  "smape", "mase", "rmsse", "coverage": {"80": …, "95": …},
    ///                  "winkler": {"80": …, "95": …}, "pinball": {"0.025": …, "0.1": …, …}, "crps",
    ///                  "failures": [{"key": {…}, "window", "origin", "error"}],
    ///                  "skipped": [{"key": {…}, "error"}],
    ///                  "aggregation": "mean over series",
    ///                  "byUnit": [{"unit", "series", "windows", "failed", "me", … as above}]}],
    ///      "perSeries": [{"key": {…}, "model", "unit", "windows", "failed", … as above, "error"}]}
    ///
    /// Each series is scored over its own windows and steps; a model's scores are the mean over
    /// its series (``Backtest/Aggregate``). `series` counts the series that contributed windows,
    /// `windows` the windows attempted over them and `failed` those whose model failed (listed in
    /// `failures`, with the date of the window's first forecast step as `origin`). Series too
    /// short for the windows are in `skipped`. `byUnit` repeats the scores for each unit's series;
    /// when the series have more than one unit, the model's ME, RMSE, MAE, Winkler, pinball and
    /// CRPS are `null` (they are in the data's units) and only `byUnit` has them. Coverage is a
    /// share in [0, 1]; `crps` is `null` without levels; scores with no successful window are
    /// `null`. `perSeries` is present only when asked for.
    public struct Document: Codable, Sendable {
        /// Every model's scores.
        public var models: [Model]
        /// Every series' scores per model, when asked for.
        public var perSeries: [SeriesScores]?
    }

    /// Scores in the document: `null` (`nil`) where a score does not exist.
    public struct DocumentScores: Codable, Sendable, Equatable {
        /// Windows attempted.
        public var windows: Int
        /// Windows whose model failed.
        public var failed: Int
        /// Mean error.
        @ExplicitNull public var me: Double?
        /// Root mean squared error.
        @ExplicitNull public var rmse: Double?
        /// Mean absolute error.
        @ExplicitNull public var mae: Double?
        /// Mean percentage error, percent.
        @ExplicitNull public var mpe: Double?
        /// Mean absolute percentage error, percent.
        @ExplicitNull public var mape: Double?
        /// Symmetric MAPE, percent (0–200).
        @ExplicitNull public var smape: Double?
        /// Mean absolute scaled error.
        @ExplicitNull public var mase: Double?
        /// Root mean squared scaled error.
        @ExplicitNull public var rmsse: Double?
        /// Interval coverage by level (`"80"`), a share in [0, 1].
        public var coverage: NamedValues<ExplicitNull<Double>>
        /// Winkler score by level.
        public var winkler: NamedValues<ExplicitNull<Double>>
        /// Pinball loss by quantile probability (`"0.025"`).
        public var pinball: NamedValues<ExplicitNull<Double>>
        /// The continuous ranked probability score approximated from the bounds; `null` without levels.
        @ExplicitNull public var crps: Double?

        /// The document form of `scores`.
        public init(_ scores: Backtest.Scores) {
            let score = { (x: Double) in ExplicitNull(wrappedValue: x.isFinite ? x : nil) }
            windows = scores.windows
            failed = scores.failed
            me = score(scores.me).wrappedValue
            rmse = score(scores.rmse).wrappedValue
            mae = score(scores.mae).wrappedValue
            mpe = score(scores.mpe).wrappedValue
            mape = score(scores.mape).wrappedValue
            smape = score(scores.smape).wrappedValue
            mase = score(scores.mase).wrappedValue
            rmsse = score(scores.rmsse).wrappedValue
            coverage = NamedValues(zip(scores.levels, scores.coverage).map { (ForecastRun.label($0), score($1)) })
            winkler = NamedValues(zip(scores.levels, scores.winkler).map { (ForecastRun.label($0), score($1)) })
            pinball = NamedValues(scores.pinball.map { ("\($0.probability)", score($0.loss)) })
            crps = scores.crps.flatMap { $0.isFinite ? $0 : nil }
        }
    }

    /// One model's row of the document.
    public struct Model: Codable, Sendable {
        /// The model, in the command line's grammar.
        public var model: ModelSpecification
        /// The series that contributed windows.
        public var series: Int
        /// The mean over series of each series' scores.
        public var scores: DocumentScores
        /// The windows whose model failed.
        public var failures: [Failure]
        /// The series too short for the windows.
        public var skipped: [Skipped]
        /// How the model's scores aggregate the series' (``Backtest/Aggregate/aggregation``).
        public var aggregation: String
        /// The scores per unit of the series.
        public var byUnit: [UnitScores]

        private enum CodingKeys: String, CodingKey {
            case model, series, failures, skipped, aggregation, byUnit
        }

        /// The model part of `result`.
        public init(_ result: ModelResult) {
            model = result.model
            series = result.series
            scores = DocumentScores(result.scores)
            failures = result.results.flatMap { series in
                (series.backtest?.failures ?? []).map {
                    Failure(key: series.key, window: $0.window, origin: series.originDate(window: $0.window),
                            error: $0.error.description)
                }
            }
            skipped = result.results.compactMap { series in
                series.error.map { Skipped(key: series.key, error: $0.description) }
            }
            aggregation = Backtest.Aggregate.aggregation
            byUnit = result.aggregate.byUnit.map {
                UnitScores(unit: $0.unit, series: $0.series, scores: DocumentScores($0.scores))
            }
        }

        /// Decode a model row; the scores are its top-level score keys.
        ///
        /// - Throws: `DecodingError` for a missing or mistyped key.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            model = try container.decode(ModelSpecification.self, forKey: .model)
            series = try container.decode(Int.self, forKey: .series)
            scores = try DocumentScores(from: decoder)
            failures = try container.decode([Failure].self, forKey: .failures)
            skipped = try container.decode([Skipped].self, forKey: .skipped)
            aggregation = try container.decode(String.self, forKey: .aggregation)
            byUnit = try container.decode([UnitScores].self, forKey: .byUnit)
        }

        /// Encode the row with the scores as its own keys, after `model` and `series`.
        ///
        /// - Throws: Whatever the encoder throws.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(model, forKey: .model)
            try container.encode(series, forKey: .series)
            try scores.encode(to: encoder)
            try container.encode(failures, forKey: .failures)
            try container.encode(skipped, forKey: .skipped)
            try container.encode(aggregation, forKey: .aggregation)
            try container.encode(byUnit, forKey: .byUnit)
        }
    }

    /// A window whose model failed.
    public struct Failure: Codable, Sendable {
        /// The series.
        public var key: SeriesKey
        /// The window, from 0.
        public var window: Int
        /// The date of the window's first forecast step.
        @ExplicitNull public var origin: String?
        /// Why the model failed.
        public var error: String
    }

    /// A series too short for the windows.
    public struct Skipped: Codable, Sendable {
        /// The series.
        public var key: SeriesKey
        /// Why it was skipped.
        public var error: String
    }

    /// The scores of one unit's series.
    public struct UnitScores: Codable, Sendable {
        /// The unit; `null` for series without one.
        @ExplicitNull public var unit: String?
        /// The unit's series.
        public var series: Int
        /// Their mean scores.
        public var scores: DocumentScores

        private enum CodingKeys: String, CodingKey { case unit, series }

        init(unit: String?, series: Int, scores: DocumentScores) {
            self.unit = unit
            self.series = series
            self.scores = scores
        }

        /// Decode a unit's row; the scores are its top-level score keys.
        ///
        /// - Throws: `DecodingError` for a missing or mistyped key.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            unit = try container.decodeIfPresent(String.self, forKey: .unit)
            series = try container.decode(Int.self, forKey: .series)
            scores = try DocumentScores(from: decoder)
        }

        /// Encode the row with the scores as its own keys, after `unit` and `series`.
        ///
        /// - Throws: Whatever the encoder throws.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(unit, forKey: .unit)
            try container.encode(series, forKey: .series)
            try scores.encode(to: encoder)
        }
    }

    /// One series' scores under one model.
    public struct SeriesScores: Codable, Sendable {
        /// The series.
        public var key: SeriesKey
        /// The model.
        public var model: ModelSpecification
        /// The series' unit.
        @ExplicitNull public var unit: String?
        /// The series' scores (all `null`, `windows` 0, when it was skipped).
        public var scores: DocumentScores
        /// Why the series was skipped.
        @ExplicitNull public var error: String?
        /// What the missing-value policy did to the series; absent under `refuse`.
        public var missingValues: MissingValueTreatment?

        private enum CodingKeys: String, CodingKey { case key, model, unit, error, missingValues }

        init(key: SeriesKey, model: ModelSpecification, unit: String?, scores: DocumentScores, error: String?,
             missingValues: MissingValueTreatment? = nil) {
            self.key = key
            self.model = model
            self.unit = unit
            self.scores = scores
            self.error = error
            self.missingValues = missingValues
        }

        /// Decode a series' row; the scores are its top-level score keys.
        ///
        /// - Throws: `DecodingError` for a missing or mistyped key.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(SeriesKey.self, forKey: .key)
            model = try container.decode(ModelSpecification.self, forKey: .model)
            unit = try container.decodeIfPresent(String.self, forKey: .unit)
            scores = try DocumentScores(from: decoder)
            error = try container.decodeIfPresent(String.self, forKey: .error)
            missingValues = try container.decodeIfPresent(MissingValueTreatment.self, forKey: .missingValues)
        }

        /// Encode the row with the scores as its own keys, between `unit` and `error`.
        ///
        /// - Throws: Whatever the encoder throws.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(model, forKey: .model)
            try container.encode(unit, forKey: .unit)
            try scores.encode(to: encoder)
            try container.encode(error, forKey: .error)
            try container.encodeIfPresent(missingValues, forKey: .missingValues)
        }
    }

    /// The run as its JSON document.
    ///
    /// - Parameter includePerSeries: add the per-series rows.
    /// - Returns: the document.
    /// - Complexity: O(rows × levels + failures).
    public func document(perSeries includePerSeries: Bool) -> Document {
        Document(
            models: models.map(Model.init),
            perSeries: includePerSeries
                ? perSeries.map {
                    SeriesScores(key: $0.key, model: $0.model, unit: $0.unit,
                                 scores: DocumentScores($0.scores(levels: configuration.backtest.levels)),
                                 error: $0.error?.description, missingValues: $0.missingValues)
                } : nil)
    }
}
