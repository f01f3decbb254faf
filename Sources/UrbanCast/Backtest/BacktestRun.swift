import Forecasting
import Foundation

/// A rolling-origin backtest of several models on a panel of series: select series, backtest every
/// model on every series in parallel, and pool the scores per model.
///
/// The run takes its series as a ``SeriesPanel``; ``init(_:progress:)`` is the adapter that reads
/// a long-format file first, as `urbancast backtest` does. Rows come in a stable order: models in
/// the order requested, and for each model the series in the panel's order.
public struct BacktestRun: Sendable {
    /// What to backtest, apart from the data.
    public struct Configuration: Sendable {
        /// The models, in output order.
        public var models: [ModelSpecification]
        /// Horizon, windows, step, training window and interval levels.
        public var backtest: Backtest.Configuration
        /// Keep series whose key column equals the value; all must hold.
        public var filters: [(column: String, value: String)]
        /// Seed of the random streams (simulated intervals).
        public var seed: UInt64
        /// What to do with missing values before backtesting; ``MissingValuePolicy/refuse`` (the
        /// default) leaves them to the models. `interpolate` fills the whole series before it is
        /// cut into windows, as `tsCV(na.interp(y), ...)` would in R.
        public var missingValues: MissingValuePolicy = .refuse
        /// Keep only the series of this shard (``SeriesShard``), after the filters; `nil` keeps
        /// every series. A shard that holds none of the selected series gives a run without series.
        /// Each series keeps the random stream (simulated intervals) it has in a run of every
        /// series, so a shard's results are one run's.
        public var shard: SeriesShard?

        /// A configuration with seed 1.
        ///
        /// - Parameters:
        ///   - models: At least one model.
        ///   - backtest: The windows and levels.
        ///   - filters: Key filters, all of which must hold.
        ///   - seed: The random seed.
        public init(models: [ModelSpecification], backtest: Backtest.Configuration,
                    filters: [(column: String, value: String)] = [], seed: UInt64 = 1) {
            self.models = models
            self.backtest = backtest
            self.filters = filters
            self.seed = seed
        }
    }

    /// A backtest run on a long-format series file, as `urbancast backtest` asks for it.
    public struct Request: Sendable {
        /// The long-format series file.
        public var file: String
        /// The models, windows, filters and seed.
        public var configuration: Configuration
        /// Season length for every series instead of the frequency's default.
        public var seasonLength: Int?
        /// Bounds on the file's columns, repeated diagnostics and missing periods.
        public var limits = InputLimits()
        /// The frequency of every series instead of inferring it; `nil` infers it per series.
        public var frequency: Frequency?
        /// How the file is written: dialect, date and value columns, date order.
        public var format = InputFormat()
        /// The file's bytes when they were read elsewhere (standard input); `file` then only
        /// names them in messages. `nil` reads `file`.
        public var contents: [UInt8]?

        /// A request with seed 1.
        ///
        /// - Parameters:
        ///   - file: the long-format CSV file.
        ///   - models: at least one model.
        ///   - configuration: the windows and levels.
        ///   - seasonLength: an override of every series' season length, or `nil`.
        ///   - filters: key filters, all of which must hold.
        ///   - seed: the random seed.
        public init(file: String, models: [ModelSpecification], configuration: Backtest.Configuration,
                    seasonLength: Int? = nil, filters: [(column: String, value: String)] = [], seed: UInt64 = 1) {
            self.file = file
            self.configuration = Configuration(models: models, backtest: configuration, filters: filters, seed: seed)
            self.seasonLength = seasonLength
        }
    }

    /// One model on one series.
    public struct SeriesResult: Sendable {
        /// The series key.
        public let key: SeriesKey
        /// The model.
        public let model: ModelSpecification
        /// The series' dates, to name windows by the date of their first forecast step.
        public let dates: [SeriesDate]
        /// The series' unit, or `nil` when the data has none.
        public let unit: String?
        /// The backtest, or `nil` when the series could not be backtested.
        public let backtest: Backtest?
        /// Why the series could not be backtested (e.g. `.tooShort` naming the minimum), or `nil`.
        public let error: ForecastingError?
        /// What the run's missing-value policy did to the series; `nil` under
        /// ``MissingValuePolicy/refuse`` or when it could not be applied.
        public internal(set) var missingValues: MissingValueTreatment? = nil
        /// The series' values as backtested (after the missing-value policy), oldest first, one
        /// per date: the actuals a chart draws around each window.
        public internal(set) var values: [Double] = []
    }

    /// One model over every series it could be backtested on: each series scored on its own
    /// windows, then the mean over series (``Backtest/Aggregate``; scale-dependent scores per unit
    /// when the series' units differ).
    public struct ModelResult: Sendable {
        /// The model.
        public let model: ModelSpecification
        /// Series that contributed windows.
        public let series: Int
        /// The mean over those series of each series' scores, and the same per unit.
        public let aggregate: Backtest.Aggregate
        /// ``aggregate``'s scores over all the series (ME, RMSE, MAE, Winkler, pinball and CRPS are
        /// NaN when the series' units differ: see ``Backtest/Aggregate/byUnit``).
        public var scores: Backtest.Scores { aggregate.scores }
        /// Every (series, model) result of this model, in the panel's order, failed series included.
        public let results: [SeriesResult]
    }

    /// The configuration the run was made with.
    public let configuration: Configuration
    /// Where the series came from (the file), or `nil` for a panel given in memory.
    public let source: String?
    /// The key columns of the series.
    public let keyColumns: [String]
    /// One entry per model, in request order.
    public let models: [ModelResult]

    /// Every (series, model) result: models in request order, series in the panel's order within each.
    public var perSeries: [SeriesResult] { models.flatMap(\.results) }

    /// The backtest of `model` on the series with key `key`, or `nil` if the run has no such pair.
    ///
    /// ```swift
    /// run[model: .theta, key: ["city": "NYC", "indicator": "water"]]?.backtest?.scores
    /// ```
    ///
    /// - Complexity: O(*m* + *n* *k*) for *m* models and *n* series of *k* key columns.
    public subscript(model model: ModelSpecification, key key: SeriesKey) -> SeriesResult? {
        models.first { $0.model == model }?.results.first { $0.key == key }
    }

    /// Reads a long-format file and backtests every model on every selected series: the file
    /// adapter in front of ``init(_:configuration:progress:)``.
    ///
    /// - Parameters:
    ///   - request: the file, models, windows and filters.
    ///   - progress: told as windows finish, with the number of windows over every series and model.
    /// - Throws: ``BacktestRunError/invalidRequest(_:)`` for a bad configuration or an empty
    ///   model list (before the file is read); ``BacktestRunError/data(_:)`` with every problem in
    ///   the file at its line and column; ``BacktestRunError/noSeries(filters:source:)`` when the
    ///   filters select nothing; ``BacktestRunError/cancelled`` when the calling task is cancelled
    ///   before every window is run.
    /// - Complexity: reading the file, then models × series × windows model fits.
    public init(_ request: Request, progress: (any ProgressObserver)? = nil) async throws(BacktestRunError) {
        try Self.validate(request.configuration)
        let panel: SeriesPanel
        do {
            panel = try SeriesSelection.panel(reading: request.file, contents: request.contents, options: LongFormat.Options(
                frequency: request.frequency, seasonLength: request.seasonLength, limits: request.limits,
                format: request.format))
        } catch {
            throw .data(error)
        }
        try await self.init(panel, configuration: request.configuration, source: request.file, progress: progress)
    }

    /// Backtests every model on every selected series of a panel.
    ///
    /// Backtests run concurrently (across series, models and windows); backtest
    /// `p = model × seriesCount + series` draws window `k` from stream `p·K + k` of the seed, so the
    /// output does not depend on the number of cores.
    ///
    /// - Parameters:
    ///   - panel: The series; each is backtested with its own season length.
    ///   - configuration: The models, windows, filters and seed.
    ///   - progress: told as windows finish, with the number of windows over every series and model.
    /// - Throws: ``BacktestRunError/invalidRequest(_:)`` for a bad configuration or an empty
    ///   model list; ``BacktestRunError/noSeries(filters:source:)`` when the filters select
    ///   nothing; ``BacktestRunError/cancelled`` when the calling task is cancelled before every
    ///   window is run. A series too short for the windows does not throw: its error is on its
    ///   ``SeriesResult``.
    /// - Complexity: models × series × windows model fits, spread over the cores.
    public init(_ panel: SeriesPanel, configuration: Configuration, progress: (any ProgressObserver)? = nil)
        async throws(BacktestRunError)
    {
        try Self.validate(configuration)
        try await self.init(panel, configuration: configuration, source: nil, progress: progress)
    }

    private static func validate(_ configuration: Configuration) throws(BacktestRunError) {
        guard !configuration.models.isEmpty else { throw .invalidRequest("name at least one model") }
        do {
            try configuration.backtest.validate()
        } catch {
            throw .invalidRequest(error.description)
        }
    }

    private init(_ panel: SeriesPanel, configuration run: Configuration, source: String?,
                 progress: (any ProgressObserver)?) async throws(BacktestRunError) {
        self.configuration = run
        self.source = source
        let chosen = SeriesSelection.select(panel, filters: run.filters)
        guard !chosen.isEmpty else { throw .noSeries(filters: SeriesSelection.key(run.filters), source: source) }
        keyColumns = chosen[0].key.columns
        // A shard's series keep the random streams of their positions in the whole selection.
        let positions = chosen.indices.filter { run.shard?.contains(chosen[$0].key) ?? true }
        let prepared = positions.map { PreparedSeries(chosen[$0], policy: run.missingValues) }
        let selected = prepared.map(\.keyed)
        let configuration = run.backtest
        let seriesCount = selected.count
        let pairs = run.models.count * seriesCount
        let windowCount = configuration.windows
        let counter = ProgressCounter(total: pairs * windowCount, observer: progress)
        var results = [SeriesResult?](repeating: nil, count: pairs)
        let width = ProcessInfo.processInfo.activeProcessorCount
        var cancelled = false
        let ranAll = await forEachConcurrently(pairs, width: width) { p in
            let model = run.models[p / seriesCount], keyed = selected[p % seriesCount]
            let treatment = prepared[p % seriesCount].treatment
            do throws(ForecastingError) {
                if let failure = prepared[p % seriesCount].failure { throw failure }
                let backtest = try await Backtest(
                    keyed.series.values, model: model, seasonLength: keyed.series.seasonLength,
                    configuration: configuration, seed: run.seed, firstStream: (p / seriesCount * chosen.count + positions[p % seriesCount]) * windowCount, concurrency: width,
                    progress: counter)
                return SeriesResult(key: keyed.key, model: model, dates: keyed.series.dates, unit: keyed.unit,
                                    backtest: backtest, error: nil, missingValues: treatment, values: keyed.series.values)
            } catch {
                if error != .cancelled { counter.advance(by: windowCount) }
                return SeriesResult(key: keyed.key, model: model, dates: keyed.series.dates, unit: keyed.unit,
                                    backtest: nil, error: error, values: keyed.series.values)
            }
        } receive: { p, result in
            results[p] = result
            // A backtest stopped part-way is not a result.
            if result.error == .cancelled { cancelled = true }
            return !cancelled
        }
        guard ranAll, !cancelled else { throw .cancelled }
        models = run.models.enumerated().map { m, model in
            let own = (0..<seriesCount).map { s in
                results[m * seriesCount + s] ?? SeriesResult(key: selected[s].key, model: model, dates: [],
                                                             unit: selected[s].unit, backtest: nil, error: .numerical("not run"))
            }
            let scored = own.compactMap { result in result.backtest.map { (scores: $0.scores, unit: result.unit) } }
            let aggregate = Backtest.Aggregate(scored, levels: configuration.levels)
            return ModelResult(model: model, series: scored.count, aggregate: aggregate, results: own)
        }
    }
}

/// Counts finished windows across the concurrent backtests of a run and reports the running
/// total, one report at a time, so the observer sees a count that only grows.
private final class ProgressCounter: ProgressObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let observer: (any ProgressObserver)?

    init(total: Int, observer: (any ProgressObserver)?) {
        self.total = total
        self.observer = observer
    }

    /// One backtest's window finished.
    func observe(_ progress: RunProgress) {
        advance(by: 1)
    }

    /// `count` windows finished (or were given up together, as for a series too short for them).
    func advance(by count: Int) {
        guard let observer else { return }
        lock.withLock {
            done += count
            observer.observe(RunProgress(completed: done, total: total))
        }
    }
}

/// Why a backtest run failed as a whole. Each case keeps its parts; ``description`` words them
/// without naming any command-line option.
public enum BacktestRunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read, with every problem at its file, line and column.
    case data(DataError)
    /// The filters (as a key, `city=Nowhere`) selected no series of the file (`source`) or panel.
    case noSeries(filters: SeriesKey, source: String?)
    /// The models or windows are not usable (a usage error).
    case invalidRequest(String)
    /// The task running the run was cancelled before it finished; no partial result is returned.
    case cancelled

    /// A sentence for people, with the file, line and column of file problems.
    public var description: String {
        switch self {
        case .data(let error): error.description
        case let .noSeries(filters, source): SeriesSelection.nothingSelected(source: source, filters: filters)
        case .invalidRequest(let message): message
        case .cancelled: "cancelled before every series was evaluated"
        }
    }
}
