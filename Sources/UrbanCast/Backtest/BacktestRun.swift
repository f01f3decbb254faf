import Forecasting
import Foundation

/// A rolling-origin backtest of several models on a long-format series file, as
/// `urbancast backtest` performs it: read and validate the file, select series, backtest every
/// model on every series in parallel, and pool the scores per model.
///
/// Rows come in a stable order: models in the order requested, and for each model the series in
/// file order. Backtests run concurrently (across series, models and windows); backtest `p =
/// model × seriesCount + series` draws window `k` from stream `p·K + k` of the seed, so the output
/// does not depend on the number of cores.
public struct BacktestRun: Sendable {
    /// What to backtest.
    public struct Request: Sendable {
        /// The long-format series file.
        public var file: String
        /// The models, in output order.
        public var models: [ModelSpecification]
        /// Horizon, windows, step, training window and interval levels.
        public var configuration: Backtest.Configuration
        /// Season length for every series instead of the frequency's default.
        public var seasonLength: Int?
        /// Keep series whose key column equals the value; all must hold.
        public var filters: [(column: String, value: String)]
        /// Seed of the random streams (simulated intervals).
        public var seed: UInt64
        /// Bounds on the file's columns, repeated diagnostics and missing periods.
        public var limits = InputLimits()

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
            self.models = models
            self.configuration = configuration
            self.seasonLength = seasonLength
            self.filters = filters
            self.seed = seed
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
        /// Every (series, model) result of this model, in file order, failed series included.
        public let results: [SeriesResult]
    }

    /// The request.
    public let request: Request
    /// The key columns of the file.
    public let keyColumns: [String]
    /// One entry per model, in request order.
    public let models: [ModelResult]

    /// Every (series, model) result: models in request order, series in file order within each.
    public var perSeries: [SeriesResult] { models.flatMap(\.results) }

    /// Read the file and backtest every model on every selected series.
    ///
    /// - Parameters:
    ///   - request: the file, models, windows and filters.
    ///   - progress: called with (finished, total) windows as they finish, from any task.
    /// - Throws: `BacktestRunError.data` with every problem in the file as `FILE:LINE:COLUMN`;
    ///   `.noSeries` when the filters select nothing; `.invalidRequest` for a bad configuration or
    ///   an empty model list. A series too short for the windows does not throw: its error is on
    ///   its ``SeriesResult``.
    /// - Complexity: models × series × windows model fits, spread over the cores.
    public init(_ request: Request, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws(BacktestRunError) {
        self.request = request
        guard !request.models.isEmpty else { throw .invalidRequest("name at least one model") }
        do {
            try request.configuration.validate()
        } catch {
            throw .invalidRequest(error.description)
        }
        let all: [KeyedSeries]
        do {
            all = try LongFormat.read(contentsOf: request.file, options: LongFormat.Options(seasonLength: request.seasonLength, limits: request.limits))
        } catch {
            throw .data(error.description)
        }
        let selected = all.filter { keyed in request.filters.allSatisfy { keyed.key[$0.column] == $0.value } }
        guard !selected.isEmpty else {
            let text = request.filters.map { "\($0.column)=\($0.value)" }.joined(separator: " ")
            throw .noSeries("\(request.file): no series match \(text)")
        }
        keyColumns = selected[0].key.columns
        let configuration = request.configuration
        let seriesCount = selected.count
        let pairs = request.models.count * seriesCount
        let windowCount = configuration.windows
        let counter = ProgressCounter(total: pairs * windowCount, report: progress)
        var results = [SeriesResult?](repeating: nil, count: pairs)
        let width = ProcessInfo.processInfo.activeProcessorCount
        await withTaskGroup(of: (Int, SeriesResult).self) { group in
            var next = 0
            func submit(_ p: Int) {
                let model = request.models[p / seriesCount], keyed = selected[p % seriesCount]
                group.addTask {
                    let values = keyed.series.values
                    do throws(ForecastingError) {
                        let backtest = try await Backtest(
                            values, model: model, seasonLength: keyed.series.seasonLength, configuration: configuration,
                            seed: request.seed, firstStream: p * windowCount, concurrency: width,
                            progress: { _, _ in counter.advance(by: 1) })
                        return (p, SeriesResult(key: keyed.key, model: model, dates: keyed.series.dates, unit: keyed.unit,
                                                backtest: backtest, error: nil))
                    } catch {
                        counter.advance(by: windowCount)
                        return (p, SeriesResult(key: keyed.key, model: model, dates: keyed.series.dates, unit: keyed.unit,
                                                backtest: nil, error: error))
                    }
                }
            }
            while next < Swift.min(width, pairs) { submit(next); next += 1 }
            while let (p, result) = await group.next() {
                results[p] = result
                if next < pairs { submit(next); next += 1 }
            }
        }
        models = request.models.enumerated().map { m, model in
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

/// Counts finished windows across tasks and reports the running total.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func advance(by count: Int) {
        guard let report else { return }
        lock.lock()
        done += count
        let now = done
        lock.unlock()
        report(now, total)
    }
}

/// Why a backtest run failed as a whole; the message is ready to print.
public enum BacktestRunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Problems in the file, one per line as `FILE:LINE:COLUMN: message`.
    case data(String)
    /// The filters selected no series.
    case noSeries(String)
    /// The models or windows are not usable (a usage error).
    case invalidRequest(String)

    /// The message.
    public var description: String {
        switch self {
        case let .data(message), let .noSeries(message), let .invalidRequest(message): message
        }
    }
}
