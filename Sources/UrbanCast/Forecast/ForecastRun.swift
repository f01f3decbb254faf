import Forecasting
import Foundation

/// A forecast run: select series of a panel, forecast each in parallel, and report in the panel's
/// order, one typed, keyed, dated result per series.
///
/// The run takes its data as values, so a caller that holds its series in memory never writes a
/// file; ``init(_:progress:)`` is the adapter that reads a long-format file first, as
/// `urbancast forecast` does.
///
/// ```swift
/// let water = KeyedSeries(key: ["city": "NYC", "indicator": "water"], unit: "Mgal/d",
///                         series: TimeSeries(start: try SeriesDate(parsing: "2010"), frequency: .yearly,
///                                            values: [1039, 1010, 1008, 1002, 1009, 996, 1002, 990, 1015, 985]))
/// let run = try await ForecastRun(try SeriesPanel([water]),
///                                 configuration: .init(model: .autoETS, horizon: 5))
/// let result = run[["city": "NYC", "indicator": "water"]]
/// result?.forecast?.dates.first?.description   // "2020"
/// result?.unit                                 // "Mgal/d"
/// ```
public struct ForecastRun: Sendable {
    /// What to forecast, apart from the data.
    public struct Configuration: Sendable {
        /// The model for every series.
        public var model: ModelSpecification
        /// Steps ahead.
        public var horizon: Int
        /// Interval levels in percent.
        public var levels: [Double]
        /// Keep series whose key column equals the value; all must hold.
        public var filters: [(column: String, value: String)]
        /// Box–Cox transform before fitting.
        public var boxCox: BoxCoxChoice?
        /// Report bias-adjusted means after a transform.
        public var biasAdjusted: Bool
        /// A model for series where `model` fails.
        public var fallback: ModelSpecification?
        /// Seed of the random streams (simulated intervals): series `i` of the selection draws
        /// from stream `i`, so results do not depend on the number of cores.
        public var seed: UInt64
        /// What to do with missing values before fitting; ``MissingValuePolicy/refuse`` (the
        /// default) leaves them to the model, which may refuse them (ARIMA takes them).
        public var missingValues: MissingValuePolicy = .refuse
        /// Keep only the series of this shard (``SeriesShard``), after the filters; `nil` keeps
        /// every series. A shard that holds none of the selected series gives a run without results.
        /// Each series keeps the random stream (simulated intervals) it has in a run of every
        /// series, so a shard's results are one run's.
        public var shard: SeriesShard?

        /// A configuration with R's default levels (80 and 95) and seed 1.
        ///
        /// - Parameters:
        ///   - model: The model for every series.
        ///   - horizon: Steps ahead, at least 1.
        ///   - levels: Interval levels in percent.
        ///   - filters: Key filters, all of which must hold.
        ///   - boxCox: A Box–Cox transform before fitting, or `nil`.
        ///   - biasAdjusted: With a transform, report means rather than medians.
        ///   - fallback: A model for series where `model` fails, or `nil`.
        ///   - seed: The seed of the random streams.
        public init(
            model: ModelSpecification, horizon: Int, levels: [Double] = [80, 95],
            filters: [(column: String, value: String)] = [], boxCox: BoxCoxChoice? = nil,
            biasAdjusted: Bool = false, fallback: ModelSpecification? = nil, seed: UInt64 = 1
        ) {
            self.model = model
            self.horizon = horizon
            self.levels = levels
            self.filters = filters
            self.boxCox = boxCox
            self.biasAdjusted = biasAdjusted
            self.fallback = fallback
            self.seed = seed
        }
    }

    /// The regressors of one series (regression with ARIMA errors), on the series' own grid.
    public struct SeriesRegressors: Sendable {
        /// One value per period of the series for each regressor.
        public var history: [ARIMARegressor]
        /// The same regressors over the forecast horizon, one value per step.
        public var future: [ARIMARegressor]

        /// Regressor values from their parts.
        ///
        /// - Parameters:
        ///   - history: One value per period of the series for each regressor.
        ///   - future: The same regressors, in the same order, one value per forecast step.
        public init(history: [ARIMARegressor], future: [ARIMARegressor]) {
            self.history = history
            self.future = future
        }
    }

    /// A forecast run on a long-format series file, as `urbancast forecast` asks for it.
    public struct Request: Sendable {
        /// The long-format series file.
        public var file: String
        /// The model, horizon, levels, filters and the other settings of the run.
        public var configuration: Configuration
        /// Season length for every series instead of the frequency's default.
        public var seasonLength: Int?
        /// Regressor columns of the history file (regression with ARIMA errors), or empty.
        public var regressors: [String]
        /// The file with the regressors' values over the forecast horizon (needed with `regressors`).
        public var futureFile: String?
        /// Bounds on the file's columns, repeated diagnostics and missing periods.
        public var limits = InputLimits()
        /// The frequency of every series instead of inferring it; `nil` infers it per series.
        public var frequency: Frequency?
        /// How the file is written: dialect, date and value columns, date order.
        public var format = InputFormat()
        /// Key columns from the bottom of a hierarchy up (`["station", "city"]`), whose series are
        /// summed into every level above and reconciled with ``reconciliation``; empty for none.
        public var hierarchy: [String] = []
        /// The reconciliation method when ``hierarchy`` is given (MinT with shrinkage by default).
        public var reconciliation: Reconciliation.Method = .mintShrink
        /// The file's bytes when they were read elsewhere (standard input); `file` then only
        /// names them in messages. `nil` reads `file`.
        public var contents: [UInt8]?

        /// A request with R's default levels (80 and 95) and seed 1.
        ///
        /// - Parameters: as ``Configuration/init(model:horizon:levels:filters:boxCox:biasAdjusted:fallback:seed:)``,
        ///   and:
        ///   - file: The long-format series file.
        ///   - seasonLength: The season length of every series, or `nil` for the frequency's default.
        ///   - regressors: Regressor columns of `file`, or empty.
        ///   - futureFile: The file with the regressors over the horizon (needed with `regressors`).
        public init(
            file: String, model: ModelSpecification, horizon: Int, levels: [Double] = [80, 95],
            seasonLength: Int? = nil, filters: [(column: String, value: String)] = [],
            boxCox: BoxCoxChoice? = nil, biasAdjusted: Bool = false, fallback: ModelSpecification? = nil,
            seed: UInt64 = 1, regressors: [String] = [], futureFile: String? = nil
        ) {
            self.file = file
            self.configuration = Configuration(
                model: model, horizon: horizon, levels: levels, filters: filters, boxCox: boxCox,
                biasAdjusted: biasAdjusted, fallback: fallback, seed: seed)
            self.seasonLength = seasonLength
            self.regressors = regressors
            self.futureFile = futureFile
        }
    }

    /// The configuration the run was made with.
    public let configuration: Configuration
    /// One result per selected series, in the panel's order.
    public let results: [SeriesResult]
    /// Where the series came from (the file), or `nil` for a panel given in memory.
    public let source: String?
    private let positions: [SeriesKey: Int]

    /// A run from its results, as derived runs (reconciled forecasts) make it.
    init(configuration: Configuration, results: [SeriesResult], source: String?) {
        self.configuration = configuration
        self.results = results
        self.source = source
        var positions: [SeriesKey: Int] = [:]
        for (index, result) in results.enumerated() { positions[result.key] = index }
        self.positions = positions
    }

    /// The result of the series with key `key`, or `nil` if the run has no such series.
    ///
    /// ```swift
    /// run[["city": "NYC", "indicator": "water"]]?.forecast?.mean
    /// ```
    ///
    /// - Complexity: O(*k*) in the number of key columns.
    public subscript(key: SeriesKey) -> SeriesResult? {
        positions[key].map { results[$0] }
    }

    /// Forecasts every selected series of a panel.
    ///
    /// - Parameters:
    ///   - panel: The series; each is forecast with its own season length.
    ///   - configuration: The model, horizon, levels, filters and the other settings.
    ///   - regressors: With a regression model, each selected series' regressors by key; empty
    ///     for none. The history has one value per period of the series as given (cut with it
    ///     by ``MissingValuePolicy/contiguous``), the future one per step after the series the
    ///     model is fitted on.
    ///   - progress: Told as series finish, with the number of series selected.
    /// - Throws: ``ForecastRunError/invalidConfiguration(_:)`` for a horizon below 1 or a level
    ///   outside (0, 100); ``ForecastRunError/noSeries(filters:source:)`` when the filters select
    ///   nothing; ``ForecastRunError/missingRegressors(key:)`` when regressors are given but not for
    ///   every selected series; ``ForecastRunError/cancelled`` when the calling task is cancelled
    ///   before every series is forecast. A series whose model fails does not throw: its error is
    ///   on its result.
    /// - Complexity: the sum of the fits, spread over the cores.
    public init(
        _ panel: SeriesPanel, configuration: Configuration, regressors: [SeriesKey: SeriesRegressors] = [:],
        progress: (any ProgressObserver)? = nil
    ) async throws(ForecastRunError) {
        try Self.validate(configuration)
        try await self.init(
            panel, configuration: configuration, regressors: regressors, source: nil, progress: progress)
    }

    /// A horizon or level that no model could use is refused before any series is read or fitted.
    private static func validate(_ configuration: Configuration) throws(ForecastRunError) {
        do {
            try Forecast.validate(horizon: configuration.horizon, levels: configuration.levels)
        } catch {
            throw .invalidConfiguration(error.description)
        }
    }

    private init(
        _ panel: SeriesPanel, configuration: Configuration, regressors: [SeriesKey: SeriesRegressors],
        source: String?, progress: (any ProgressObserver)?
    ) async throws(ForecastRunError) {
        let chosen = SeriesSelection.select(panel, filters: configuration.filters)
        guard !chosen.isEmpty else {
            throw .noSeries(filters: SeriesSelection.key(configuration.filters), source: source)
        }
        // A shard keeps each series' random stream: its position among the runnable series of
        // the whole selection.
        var prepared = chosen.map { PreparedSeries($0, policy: configuration.missingValues) }
        var streams: [Int] = []
        var runnableBefore = 0
        for series in prepared {
            streams.append(runnableBefore)
            if series.failure == nil { runnableBefore += 1 }
        }
        if let shard = configuration.shard {
            let kept = prepared.indices.filter { shard.contains(prepared[$0].keyed.key) }
            (prepared, streams) = (kept.map { prepared[$0] }, kept.map { streams[$0] })
        }
        let runnable = prepared.indices.filter { prepared[$0].failure == nil }
        var inputs = runnable.map { k in
            var input = BatchSeries(values: prepared[k].keyed.series.values, seasonLength: prepared[k].keyed.series.seasonLength)
            input.stream = streams[k]
            return input
        }
        if !regressors.isEmpty {
            for (input, k) in runnable.enumerated() {
                guard let values = regressors[prepared[k].keyed.key] else { throw .missingRegressors(key: prepared[k].keyed.key) }
                inputs[input].regressors = values.history.map { regressor in
                    ARIMARegressor(name: regressor.name, values: Array(regressor.values[prepared[k].kept]))
                }
                inputs[input].futureRegressors = values.future
            }
        }
        let outcomes: [BatchOutcome]
        do {
            outcomes = try await BatchForecaster.run(
                inputs, model: configuration.model, horizon: configuration.horizon, levels: configuration.levels,
                fallback: configuration.fallback, boxCox: configuration.boxCox, biasAdjusted: configuration.biasAdjusted,
                seed: configuration.seed, progress: progress)
        } catch {
            throw .cancelled
        }
        self.configuration = configuration
        self.source = source
        var outcomeOf: [Int: BatchOutcome] = [:]
        for (input, k) in runnable.enumerated() { outcomeOf[k] = outcomes[input] }
        results = prepared.indices.map { k in
            if let outcome = outcomeOf[k] {
                return SeriesResult(prepared[k].keyed, outcome: outcome, horizon: configuration.horizon,
                                    missingValues: prepared[k].treatment)
            }
            return SeriesResult(prepared[k].keyed, failure: prepared[k].failure ?? .numerical("not run"))
        }
        var positions: [SeriesKey: Int] = [:]
        for (index, result) in results.enumerated() { positions[result.key] = index }
        self.positions = positions
    }

    /// Reads a long-format file (and with regressors, the future file) and forecasts every
    /// selected series: the file adapter in front of ``init(_:configuration:regressors:progress:)``.
    ///
    /// - Parameters:
    ///   - request: The files, model, horizon, levels and filters.
    ///   - progress: Told as series finish, with the number of series selected.
    /// - Throws: ``ForecastRunError/invalidConfiguration(_:)`` for a horizon below 1 or a level
    ///   outside (0, 100), before the file is read; ``ForecastRunError/data(_:)`` with every
    ///   problem in a file at its line and column;
    ///   ``ForecastRunError/noSeries(filters:source:)`` when the filters select nothing; the
    ///   regressor errors (``ForecastRunError/missingFutureRegressors``,
    ///   ``ForecastRunError/unknownRegressor(name:file:available:)``,
    ///   ``ForecastRunError/noDateColumn(file:)``,
    ///   ``ForecastRunError/missingRegressorValue(regressor:key:date:file:)``);
    ///   ``ForecastRunError/cancelled`` when the calling task is cancelled first. A series whose
    ///   model fails does not throw: its error is on its result.
    /// - Complexity: reading the files, then the sum of the fits spread over the cores.
    public init(_ request: Request, progress: (any ProgressObserver)? = nil) async throws(ForecastRunError) {
        try Self.validate(request.configuration)
        let panel: SeriesPanel
        do {
            panel = try SeriesSelection.panel(
                reading: request.file, contents: request.contents,
                options: LongFormat.Options(
                    frequency: request.frequency, seasonLength: request.seasonLength,
                    ignoresUnknownColumns: !request.regressors.isEmpty, limits: request.limits, format: request.format))
        } catch {
            throw .data(error)
        }
        var regressors: [SeriesKey: SeriesRegressors] = [:]
        if !request.regressors.isEmpty {
            let selected = SeriesSelection.select(panel, filters: request.configuration.filters)
            if selected.isEmpty {
                throw .noSeries(filters: SeriesSelection.key(request.configuration.filters), source: request.file)
            }
            guard let futureFile = request.futureFile else { throw .missingFutureRegressors }
            let history = try RegressorAlignment(file: request.file, contents: request.contents, regressors: request.regressors)
            let future = try RegressorAlignment(file: futureFile, regressors: request.regressors)
            for keyed in selected {
                // The forecast starts after the series the model is fitted on, which the
                // missing-value policy may have shortened.
                let fitted = PreparedSeries(keyed, policy: request.configuration.missingValues).keyed.series
                regressors[keyed.key] = SeriesRegressors(
                    history: try history.values(for: keyed.key, at: keyed.series.dates, regressors: request.regressors),
                    future: try future.values(
                        for: keyed.key, at: fitted.futureDates(horizon: request.configuration.horizon),
                        regressors: request.regressors))
            }
        }
        if !request.hierarchy.isEmpty {
            guard regressors.isEmpty else {
                throw .invalidConfiguration("a hierarchy is reconciled without regressors; forecast the regressed series alone")
            }
            self = try await Self.reconciling(
                panel, configuration: request.configuration, hierarchy: request.hierarchy, method: request.reconciliation,
                source: request.file, progress: progress)
            return
        }
        try await self.init(
            panel, configuration: request.configuration, regressors: regressors,
            source: request.file, progress: progress)
    }

    /// The run of a panel as given, for derived runs.
    static func plain(_ panel: SeriesPanel, configuration: Configuration, source: String?,
                      progress: (any ProgressObserver)?) async throws(ForecastRunError) -> ForecastRun {
        try await ForecastRun(panel, configuration: configuration, regressors: [:], source: source, progress: progress)
    }
}

/// Why a forecast run failed as a whole. Each case keeps its parts; ``description`` words them
/// without naming any command-line option.
public enum ForecastRunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The horizon or a level is not usable (a usage error), with the reason.
    case invalidConfiguration(String)
    /// A file could not be read, with every problem at its file, line and column.
    case data(DataError)
    /// The filters (as a key, `city=Nowhere`) selected no series of the file (`source`) or panel.
    case noSeries(filters: SeriesKey, source: String?)
    /// Regressors were given for some series but not for the selected series with this key.
    case missingRegressors(key: SeriesKey)
    /// Regressor columns were named without a file of their values over the forecast horizon.
    case missingFutureRegressors
    /// A regressor column the file does not have.
    case unknownRegressor(name: String, file: String, available: [String])
    /// A file of regressors has no date column to match its rows to the series' dates.
    case noDateColumn(file: String)
    /// The regressor has no value (a missing row or an empty cell) for the series at `date`.
    case missingRegressorValue(regressor: String, key: SeriesKey, date: SeriesDate, file: String)
    /// The task running the forecasts was cancelled before every series was forecast; no partial
    /// result is returned.
    case cancelled

    /// A sentence for people, with the file, line and column of file problems.
    public var description: String {
        switch self {
        case .invalidConfiguration(let reason):
            return reason
        case .data(let error):
            return error.description
        case .noSeries(let filters, let source):
            return SeriesSelection.nothingSelected(source: source, filters: filters)
        case .missingRegressors(let key):
            return "regressors are given for some series but not for \(key.isEmpty ? "the series" : key.description)"
        case .missingFutureRegressors:
            return "regressors need their values over the forecast horizon"
        case .unknownRegressor(let name, let file, let available):
            return "\(file): regressor " + DataError.unknownColumn(name: name, available: available).description
        case .noDateColumn(let file):
            return "\(file): no date column; regressors are matched to the series by date"
        case .missingRegressorValue(let regressor, let key, let date, let file):
            return
                "\(file): missing value of regressor \(regressor) for \(key.isEmpty ? "the series" : key.description) at \(date)"
        case .cancelled:
            return "cancelled before every series was forecast"
        }
    }
}
