import Forecasting
import Foundation
import Statistics

/// A speed, memory and accuracy benchmark of several models on a long-format series file, as
/// `urbancast bench` performs it: a one-window hold-out per series.
///
/// For every model in turn, the file is streamed (``LongFormatStream``): each series' last `h`
/// observations are held out, the model is fitted on the rest and forecasts `h` steps with 80% and
/// 95% intervals. Per model it reports:
/// - **speed** — series per second (series attempted ÷ the wall time of the fitting phases, which
///   excludes reading and parsing the file), and the median and 95th percentile (type 7) of the
///   per-series fit + forecast time, failed series included;
/// - **memory** — the process's peak resident set size during the model's pass (``PeakMemory``),
///   reset before each model where Linux allows it;
/// - **accuracy** on the held-out points, scored as a one-window ``Backtest`` of each series and
///   aggregated as every backtest is (``Backtest/Aggregate``): the means over series of each
///   series' MASE, sMAPE and RMSSE (scaled by the in-sample seasonal naive errors at lag m, as R's
///   `accuracy` and the M4/M5 competitions; a series whose metric is NaN, e.g. with every held-out
///   value missing, is left out of that mean; a zero scale gives ∞, as in R), of the coverage of
///   its 80% and 95% intervals and of its mean Winkler score at 95% (per unit when the series'
///   units differ);
/// - **failures** — series the model could not fit or forecast (including series too short to hold
///   out `h`), counted per reason.
///
/// Memory stays flat in the number of series: the per-series state kept is one time per series
/// (8 bytes) for the percentiles; scores are running sums. Rows come in request order; everything
/// but the timings and memory is identical from run to run and for any number of threads: series
/// `i` (counting the series selected by the filters, in file order) draws simulated intervals from
/// `SeededGenerator(seed: seed).split(stream: i)` for every model.
public struct BenchRun: Sendable {
    /// What to benchmark.
    public struct Request: Sendable {
        /// The long-format series file.
        public var file: String
        /// The models, in output order.
        public var models: [ModelSpecification]
        /// Held-out points per series, `h ≥ 1`.
        public var horizon: Int
        /// Series fitted at once, at least 1.
        public var threads: Int
        /// Season length for every series instead of the frequency's default.
        public var seasonLength: Int?
        /// Keep series whose key column equals the value; all must hold.
        public var filters: [(column: String, value: String)]
        /// Seed of the random streams (simulated intervals).
        public var seed: UInt64
        /// Bytes read per block of the stream (see ``LongFormatStream/chunkBytes``).
        public var chunkBytes: Int
        /// Bounds on the file's columns, repeated diagnostics and missing periods.
        public var limits = InputLimits()
        /// The frequency of every series instead of inferring it; `nil` infers it per series.
        public var frequency: Frequency?
        /// How the file is written: dialect, date and value columns, date order.
        public var format = InputFormat()
        /// The file's bytes when they were read elsewhere (standard input); `file` then only
        /// names them in messages. `nil` streams `file`.
        public var contents: [UInt8]?
        /// Benchmark only the series of this shard (``SeriesShard``), after the filters; `nil`
        /// benchmarks every series. A shard without series fails as the filters do
        /// (``BacktestRunError/noSeries(filters:source:)``).
        /// Each series keeps the random stream (simulated intervals) it has in a run of every
        /// series, so a shard's results are one run's.
        public var shard: SeriesShard?

        /// A request.
        ///
        /// - Parameters:
        ///   - file: the long-format CSV file.
        ///   - models: at least one model.
        ///   - horizon: points held out per series.
        ///   - threads: series fitted at once (default 1, as the peers' single-thread runs).
        ///   - seasonLength: an override of every series' season length, or `nil`.
        ///   - filters: key filters, all of which must hold (none: every series).
        ///   - seed: the random seed.
        ///   - chunkBytes: the stream's block size.
        public init(
            file: String, models: [ModelSpecification], horizon: Int, threads: Int = 1,
            seasonLength: Int? = nil, filters: [(column: String, value: String)] = [], seed: UInt64 = 1,
            chunkBytes: Int = 1 << 20
        ) {
            self.file = file
            self.models = models
            self.horizon = horizon
            self.threads = threads
            self.seasonLength = seasonLength
            self.filters = filters
            self.seed = seed
            self.chunkBytes = chunkBytes
        }
    }

    /// Series that failed for one reason.
    public struct Failure: Sendable, Equatable, Codable {
        /// The model's message.
        public let reason: String
        /// How many series failed with it.
        public let count: Int
        /// The key of the first such series in the file.
        public let firstSeries: SeriesKey
    }

    /// One model's benchmark.
    public struct ModelResult: Sendable {
        /// The model.
        public let model: ModelSpecification
        /// Series fitted and forecast.
        public let series: Int
        /// Series that failed.
        public let failed: Int
        /// Wall time of the fitting phases in seconds (file reading excluded).
        public let fitSeconds: Double
        /// `(series + failed) / fitSeconds`.
        public let seriesPerSecond: Double
        /// Median fit + forecast time per series in milliseconds (NaN without series).
        public let medianMilliseconds: Double
        /// 95th percentile (type 7) of the fit + forecast time per series in milliseconds.
        public let p95Milliseconds: Double
        /// Peak resident memory in bytes during the model's pass, or `nil` where unknown.
        public let peakMemoryBytes: Int?
        /// Where the peak was read.
        public let peakMemorySource: PeakMemory.Source?
        /// The one-window backtest scores: the mean over series of each series' scores, and the
        /// same per unit (``Backtest/Aggregate``).
        public let aggregate: Backtest.Aggregate
        /// Mean MASE over series.
        public var mase: Double { aggregate.scores.mase }
        /// Mean sMAPE over series (percent, 0–200).
        public var smape: Double { aggregate.scores.smape }
        /// Mean RMSSE over series.
        public var rmsse: Double { aggregate.scores.rmsse }
        /// Mean over series of the share of held-out points inside the 80% interval.
        public var coverage80: Double { aggregate.scores.coverage(level: 80) ?? .nan }
        /// Mean over series of the share of held-out points inside the 95% interval.
        public var coverage95: Double { aggregate.scores.coverage(level: 95) ?? .nan }
        /// Mean over series of the 95% interval's mean Winkler score (units of the data; NaN when
        /// the series' units differ, see ``aggregate``).
        public var winkler95: Double { aggregate.scores.winkler(level: 95) ?? .nan }
        /// Failures by reason, most frequent first (ties by reason).
        public let failures: [Failure]
    }

    /// The interval levels scored.
    public static let levels: [Double] = [80, 95]

    /// The request.
    public let request: Request
    /// One result per model, in request order.
    public let models: [ModelResult]
    /// The machine.
    public let machine: MachineDescription

    /// Read the file once per model and benchmark it.
    ///
    /// - Parameters:
    ///   - request: the file, models, horizon, threads and filters.
    ///   - progress: told after each block of series, one stage per model (named as the model is
    ///     written), with the series done in that model's pass; the total is unknown as the file is
    ///     streamed.
    /// - Throws: ``BacktestRunError`` (bench is a one-window backtest): `.invalidRequest` for no
    ///   models, a horizon or thread count below 1;
    ///   `.data` with the file's problems as `FILE:LINE:COLUMN`; `.noSeries` for a file without
    ///   series; `.cancelled` when the calling task is cancelled before every model's pass ends. A
    ///   model failing on a series does not throw: it is counted in ``ModelResult/failures``.
    /// - Complexity: models × series fits, spread over `threads` tasks; memory O(block + series × 8 bytes).
    public init(_ request: Request, progress: (any ProgressObserver)? = nil) async throws(BacktestRunError) {
        guard !request.models.isEmpty else { throw .invalidRequest("name at least one model") }
        guard request.horizon >= 1 else {
            throw .invalidRequest("the horizon must be at least 1, not \(request.horizon)")
        }
        guard request.threads >= 1 else { throw .invalidRequest("threads must be at least 1, not \(request.threads)") }
        if let m = request.seasonLength, m < 1 {
            throw .invalidRequest("the season length must be at least 1, not \(m)")
        }
        self.request = request
        machine = MachineDescription.current
        var results: [ModelResult] = []
        for model in request.models {
            results.append(try await Self.bench(model, request: request) { done in
                progress?.observe(RunProgress(completed: done, total: nil, stage: model.description))
            })
        }
        models = results
    }

    /// One pass over the file with one model.
    private static func bench(_ model: ModelSpecification, request: Request, progress: (Int) -> Void)
        async throws(BacktestRunError)
        -> ModelResult
    {
        let wasReset = PeakMemory.reset()
        var stream: LongFormatStream
        do {
            let options = LongFormat.Options(
                frequency: request.frequency, seasonLength: request.seasonLength, limits: request.limits,
                format: request.format)
            if let contents = request.contents {
                stream = LongFormatStream(contents, file: request.file, options: options, chunkBytes: request.chunkBytes)
            } else {
                stream = try LongFormatStream(contentsOf: request.file, options: options, chunkBytes: request.chunkBytes)
            }
        } catch {
            throw .data(error)
        }
        var totals = BenchTotals()
        let clock = ContinuousClock()
        var fitting = Duration.zero
        // Series draw from the stream of their position among the filters' series, in a shard too.
        var selectedBefore = 0
        while true {
            var batch: [KeyedSeries]
            var streams: [Int]
            do {
                guard let next = try stream.next() else { break }
                batch = next.filter { keyed in request.filters.allSatisfy { keyed.key[$0.column] == $0.value } }
                streams = Array(selectedBefore..<(selectedBefore + batch.count))
                selectedBefore += batch.count
                if let shard = request.shard {
                    let kept = batch.indices.filter { shard.contains(batch[$0].key) }
                    (batch, streams) = (kept.map { batch[$0] }, kept.map { streams[$0] })
                }
            } catch {
                throw .data(error)
            }
            if batch.isEmpty { continue }
            let started = clock.now
            guard let outcomes = await evaluate(batch, streams: streams, model: model, request: request) else {
                throw .cancelled
            }
            fitting += clock.now - started
            for (keyed, outcome) in zip(batch, outcomes) { totals.add(outcome, key: keyed.key, unit: keyed.unit) }
            progress(totals.attempted)
        }
        guard totals.attempted > 0 else {
            throw .noSeries(filters: SeriesSelection.key(request.filters), source: request.file)
        }
        let peak = PeakMemory.current(wasReset: wasReset)
        return totals.result(model: model, fitSeconds: fitting.inSeconds, peak: peak)
    }

    /// Fit, forecast and score a batch on up to `threads` tasks, series `i` drawing from stream
    /// `streams[i]`; outcomes in batch order, or `nil` when the calling task is cancelled first.
    private static func evaluate(
        _ batch: [KeyedSeries], streams: [Int], model: ModelSpecification, request: Request
    ) async -> [SeriesOutcome]? {
        var outcomes = [SeriesOutcome?](repeating: nil, count: batch.count)
        let finished = await forEachConcurrently(batch.count, width: request.threads) { i in
            SeriesOutcome(
                batch[i].series.values, seasonLength: batch[i].series.seasonLength, model: model,
                horizon: request.horizon, seed: request.seed, stream: streams[i])
        } receive: { i, outcome in
            outcomes[i] = outcome
            return true
        }
        guard finished else { return nil }
        return outcomes.map { $0 ?? SeriesOutcome(failure: .numerical("not run")) }
    }
}

/// The hold-out evaluation of one model on one series: a one-window ``Backtest``.
struct SeriesOutcome: Sendable {
    /// Fit + forecast time in seconds (0 when the series was refused before fitting).
    var seconds = 0.0
    /// The window's scores, or `nil` when the model failed.
    var scores: Backtest.Scores?
    var error: ForecastingError?

    init(failure: ForecastingError) { error = failure }

    /// Hold out the last `horizon` values, fit on the rest, forecast and score.
    init(_ values: [Double], seasonLength: Int, model: ModelSpecification, horizon: Int, seed: UInt64, stream: Int) {
        guard values.count > horizon else {
            error = .tooShort(
                model: "holding out \(horizon) point\(horizon == 1 ? "" : "s")", count: values.count,
                minimum: horizon + 1)
            return
        }
        do throws(ForecastingError) {
            let backtest = try Backtest(
                holdingOut: horizon, of: values, model: model, seasonLength: seasonLength, levels: BenchRun.levels,
                seed: seed, stream: stream)
            // Fit + forecast only, as the peers are timed: the window's scoring is left out.
            seconds = backtest.windows.first?.fitSeconds ?? 0
            if let failure = backtest.windows.first?.error {
                error = failure
            } else {
                scores = backtest.scores
            }
        } catch {
            self.error = error
        }
    }
}

/// Running sums of one model's pass, in file order so sums are reproducible.
struct BenchTotals {
    var attempted = 0, succeeded = 0
    var seconds: [Double] = []
    var scores = Backtest.Accumulator(levels: BenchRun.levels)
    /// Reasons in first-seen order with their counts; at most `reasonLimit` distinct reasons.
    var reasons: [String: (order: Int, count: Int, first: SeriesKey)] = [:]
    static let reasonLimit = 100
    static let otherReasons = "other reasons (more than \(reasonLimit) distinct messages)"

    mutating func add(_ outcome: SeriesOutcome, key: SeriesKey, unit: String?) {
        attempted += 1
        seconds.append(outcome.seconds)
        if let error = outcome.error {
            var reason = error.description
            if reasons[reason] == nil && reasons.count >= Self.reasonLimit { reason = Self.otherReasons }
            let entry = reasons[reason] ?? (reasons.count, 0, key)
            reasons[reason] = (entry.order, entry.count + 1, entry.first)
            return
        }
        succeeded += 1
        if let scores = outcome.scores { self.scores.add(scores, unit: unit) }
    }

    func result(model: ModelSpecification, fitSeconds: Double, peak: (bytes: Int, source: PeakMemory.Source)?)
        -> BenchRun.ModelResult
    {
        let milliseconds = seconds.map { $0 * 1000 }
        let percentiles = (try? Descriptive.quantiles(milliseconds, probabilities: [0.5, 0.95])) ?? [.nan, .nan]
        let failures = reasons.map {
            BenchRun.Failure(reason: $0.key, count: $0.value.count, firstSeries: $0.value.first)
        }
        .sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
        return BenchRun.ModelResult(
            model: model, series: succeeded, failed: attempted - succeeded, fitSeconds: fitSeconds,
            seriesPerSecond: fitSeconds > 0 ? Double(attempted) / fitSeconds : .nan,
            medianMilliseconds: percentiles[0], p95Milliseconds: percentiles[1], peakMemoryBytes: peak?.bytes,
            peakMemorySource: peak?.source, aggregate: scores.aggregate, failures: failures)
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
