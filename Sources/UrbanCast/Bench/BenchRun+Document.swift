import Forecasting

extension BenchRun {
    /// The document of `urbancast bench --format json`; its coding keys are the contract
    /// (`Schemas/bench.schema.json`):
    ///
    ///     {"models": [{"model", "series", "failed", "seriesPerSecond", "medianMilliseconds",
    ///                  "p95Milliseconds", "peakMemoryBytes", "mase", "smape", "rmsse", "coverage80",
    ///                  "coverage95", "winkler95", "fitSeconds", "peakMemorySource",
    ///                  "failures": [{"reason", "count", "firstSeries": {…key…}}],
    ///                  "aggregation": "mean over series",
    ///                  "byUnit": [{"unit", "series", "mase", "smape", "rmsse", "coverage80",
    ///                              "coverage95", "winkler95"}]}],
    ///      "machine": {"operatingSystem", "cpu", "logicalCores", "activeCores", "memoryBytes"},
    ///      "threads", "horizon", "seasonLength", "seed", "file", "version"}
    ///
    /// The keys up to `winkler95` are the original benchmark contract. `series` counts the series
    /// fitted and forecast, `failed` the others; times are milliseconds of fit + forecast per
    /// series; coverage is a share in [0, 1]; sMAPE is in percent (0–200). Each series is scored
    /// as a one-window backtest and the accuracy columns are the mean over series of its scores
    /// (`aggregation`); `byUnit` repeats them per unit, and when the series' units differ
    /// `winkler95` (in the data's units) is `null` and given only there. Numbers that do not exist
    /// (no successful series, an unknown peak) are `null`; `seasonLength` is `null` when each
    /// series uses its frequency's default; `seed` is a string, as a 64-bit unsigned integer may
    /// exceed what JSON readers hold exactly.
    public struct Document: Codable, Sendable {
        /// One model's speed and accuracy.
        public struct Model: Codable, Sendable {
            /// The model.
            public var model: ModelSpecification
            /// Series fitted and forecast.
            public var series: Int
            /// Series that failed.
            public var failed: Int
            /// Series per second of fit + forecast.
            @NullWhenNotFinite public var seriesPerSecond: Double
            /// Median milliseconds per series.
            @NullWhenNotFinite public var medianMilliseconds: Double
            /// 95th percentile of milliseconds per series.
            @NullWhenNotFinite public var p95Milliseconds: Double
            /// Peak resident memory, bytes.
            @ExplicitNull public var peakMemoryBytes: Int?
            /// Mean over series of MASE.
            @NullWhenNotFinite public var mase: Double
            /// Mean over series of sMAPE, percent.
            @NullWhenNotFinite public var smape: Double
            /// Mean over series of RMSSE.
            @NullWhenNotFinite public var rmsse: Double
            /// Mean over series of the 80% coverage.
            @NullWhenNotFinite public var coverage80: Double
            /// Mean over series of the 95% coverage.
            @NullWhenNotFinite public var coverage95: Double
            /// Mean over series of the 95% Winkler score.
            @NullWhenNotFinite public var winkler95: Double
            /// Seconds of fit + forecast over all series.
            @NullWhenNotFinite public var fitSeconds: Double
            /// How the peak memory was measured.
            @ExplicitNull public var peakMemorySource: PeakMemory.Source?
            /// The failures, grouped by reason.
            public var failures: [Failure]
            /// How the accuracy columns aggregate the series' scores.
            public var aggregation: String
            /// The accuracy columns per unit.
            public var byUnit: [Unit]
        }

        /// One unit's accuracy columns.
        public struct Unit: Codable, Sendable {
            /// The unit; `null` for series without one.
            @ExplicitNull public var unit: String?
            /// The unit's series.
            public var series: Int
            /// Mean MASE.
            @NullWhenNotFinite public var mase: Double
            /// Mean sMAPE.
            @NullWhenNotFinite public var smape: Double
            /// Mean RMSSE.
            @NullWhenNotFinite public var rmsse: Double
            /// Mean 80% coverage.
            @NullWhenNotFinite public var coverage80: Double
            /// Mean 95% coverage.
            @NullWhenNotFinite public var coverage95: Double
            /// Mean 95% Winkler score.
            @NullWhenNotFinite public var winkler95: Double
        }

        /// Every model, in request order.
        public var models: [Model]
        /// The machine the bench ran on.
        public var machine: MachineDescription
        /// Threads.
        public var threads: Int
        /// Held-out points per series.
        public var horizon: Int
        /// The season length asked for; `null` for each frequency's default.
        @ExplicitNull public var seasonLength: Int?
        /// The seed, as text.
        public var seed: String
        /// The input file.
        public var file: String
        /// UrbanCast's version.
        public var version: String
    }

    /// The run as its JSON document.
    ///
    /// - Complexity: O(models + failures).
    public var document: Document {
        Document(
            models: models.map { model in
                Document.Model(
                    model: model.model, series: model.series, failed: model.failed, seriesPerSecond: model.seriesPerSecond,
                    medianMilliseconds: model.medianMilliseconds, p95Milliseconds: model.p95Milliseconds,
                    peakMemoryBytes: model.peakMemoryBytes, mase: model.mase, smape: model.smape, rmsse: model.rmsse,
                    coverage80: model.coverage80, coverage95: model.coverage95, winkler95: model.winkler95,
                    fitSeconds: model.fitSeconds, peakMemorySource: model.peakMemorySource, failures: model.failures,
                    aggregation: Backtest.Aggregate.aggregation,
                    byUnit: model.aggregate.byUnit.map { group in
                        let s = group.scores
                        return Document.Unit(
                            unit: group.unit, series: group.series, mase: s.mase, smape: s.smape, rmsse: s.rmsse,
                            coverage80: s.coverage(level: 80) ?? .nan, coverage95: s.coverage(level: 95) ?? .nan,
                            winkler95: s.winkler(level: 95) ?? .nan)
                    })
            },
            machine: machine, threads: request.threads, horizon: request.horizon, seasonLength: request.seasonLength,
            seed: String(request.seed), file: request.file, version: UrbanCastVersion.string)
    }
}
