import Foundation
import Testing
import UrbanCast

/// Cancels the task running a run at the run's first progress report and keeps every report, so a
/// test sees deterministically that the run stopped and how far it came, without sleeping.
final class CancellingObserver: ProgressObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var cancel: (@Sendable () -> Void)?
    private var cancelRequested = false
    private var received: [RunProgress] = []

    /// The reports so far, in the order they arrived.
    var reports: [RunProgress] { lock.withLock { received } }

    func observe(_ progress: RunProgress) {
        lock.withLock {
            received.append(progress)
            cancelRequested = true
            cancel?()
        }
    }

    /// Runs `body` in a new task, which this observer cancels at the first report (at once if the
    /// report came before the task's handle was stored), and returns what `body` threw.
    func errorThrown<Failure: Error>(by body: @escaping @Sendable () async throws(Failure) -> Void) async -> Failure? {
        let task = Task { () async -> Failure? in
            do throws(Failure) {
                try await body()
                return nil
            } catch {
                return error
            }
        }
        lock.withLock {
            cancel = { task.cancel() }
            if cancelRequested { task.cancel() }
        }
        return await task.value
    }
}

/// Every long run stops when its task is cancelled and ends with its cancelled error, not a partial
/// result; the observer that cancels sees far fewer items than the run has.
@Suite struct CancellationTests {
    /// Items that keep any machine's cores busy several times over, so that stopping early shows.
    static let width = ProcessInfo.processInfo.activeProcessorCount

    static func panel(count: Int, length: Int = 24) throws -> SeriesPanel {
        try SeriesPanel((0..<count).map { i in
            KeyedSeries(key: ["series": "s\(i)"], unit: nil,
                        series: TimeSeries(start: try SeriesDate(parsing: "2000"), frequency: .yearly,
                                           values: (0..<length).map { 100 + Double(i) + Double($0 % 5) }))
        })
    }

    @Test func batchForecasterThrowsCancellationError() async throws {
        let series = (0..<(4 * Self.width + 20)).map { i in
            BatchSeries(values: (0..<30).map { 10 + Double(i) + Double($0 % 4) }, seasonLength: 4)
        }
        let observer = CancellingObserver()
        let error = await observer.errorThrown { () async throws(CancellationError) in
            _ = try await BatchForecaster.run(series, model: .theta, horizon: 4, levels: [80, 95], progress: observer)
        }
        #expect(error != nil)
        // The report that cancels is the last: no series is received after it.
        #expect(observer.reports == [RunProgress(completed: 1, total: series.count)])
    }

    @Test func backtestThrowsCancelled() async throws {
        let values = (0..<200).map { 50 + Double($0 % 7) }
        let observer = CancellingObserver()
        let error = await observer.errorThrown { () async throws(ForecastingError) in
            _ = try await Backtest(values, model: .naive, seasonLength: 7,
                                   configuration: .init(horizon: 3, windows: 100), concurrency: 2, progress: observer)
        }
        #expect(error == .cancelled)
        #expect(observer.reports == [RunProgress(completed: 1, total: 100)])
    }

    @Test func forecastRunThrowsCancelled() async throws {
        let panel = try Self.panel(count: 4 * Self.width + 20)
        let observer = CancellingObserver()
        let error = await observer.errorThrown { () async throws(ForecastRunError) in
            _ = try await ForecastRun(panel, configuration: .init(model: .theta, horizon: 3), progress: observer)
        }
        #expect(error == .cancelled)
        #expect(observer.reports.count == 1)
    }

    /// Windows of several series run at once, so a few more may be reported before every task has
    /// seen the cancellation; never all of them.
    @Test func backtestRunThrowsCancelled() async throws {
        let inFlight = Self.width * Self.width + Self.width
        let panel = try Self.panel(count: inFlight + 20, length: 30)
        let configuration = BacktestRun.Configuration(models: [.naive], backtest: .init(horizon: 2, windows: 5))
        let total = (inFlight + 20) * 5
        let observer = CancellingObserver()
        let error = await observer.errorThrown { () async throws(BacktestRunError) in
            _ = try await BacktestRun(panel, configuration: configuration, progress: observer)
        }
        #expect(error == .cancelled)
        let reached = observer.reports.map(\.completed).max() ?? 0
        #expect(reached >= 1 && reached <= inFlight * 5, "\(reached) of \(total)")
    }

    @Test func benchRunThrowsCancelled() async throws {
        let series = (0..<40).map { i in ("s\(i)", (0..<20).map { 30 + Double(i) + Double($0 % 3) }) }
        let path = try BenchTests.file(BenchTests.csv(series))
        let observer = CancellingObserver()
        let error = await observer.errorThrown { () async throws(BacktestRunError) in
            _ = try await BenchRun(
                BenchRun.Request(file: path, models: [.naive, .theta], horizon: 3, threads: 2, chunkBytes: 256),
                progress: observer)
        }
        #expect(error == .cancelled)
        // One block of the first model's pass, named for the model; the rest of the file is not fitted.
        let reports = observer.reports
        #expect(reports.count == 1 && reports.first?.stage == "naive", "\(reports)")
        #expect((reports.first?.completed ?? 40) < 40)
    }

    @Test func scenarioRunThrowsCancelled() async throws {
        let observer = CancellingObserver()
        let specification = ScenarioInMemoryTests.specification()
        let history = try ScenarioInMemoryTests.history()
        let error = await observer.errorThrown { () async throws(ScenarioError) in
            _ = try await ScenarioRun(specification, history: history,
                                      options: .init(draws: 2_000, seed: 1, threads: 1), progress: observer)
        }
        #expect(error == .cancelled)
        #expect(observer.reports.count == 1 && (observer.reports.first?.completed ?? 0) < 2_000)
    }

    /// Whole blocks only: what was written before the cancellation is a prefix of the full text.
    @Test func simulationStopsBetweenBlocks() async throws {
        let model = try SimulationModel(.ets(try ETSSpecification(parsing: "ANN")), parameters: ["alpha": 0.3, "sigma": 1, "level": 50])
        let run = try SimulationRun(SimulationRun.Request(
            model: model, count: 3 * SimulationRun.blockSize, length: 12, start: try SeriesDate(parsing: "2000-01"),
            frequency: .monthly, threads: 2))
        let observer = CancellingObserver()
        let written = Written()
        let error = await observer.errorThrown { () async throws in
            try await run.write(progress: observer) { written.append($0) }
        }
        #expect(error is CancellationError)
        #expect(observer.reports == [RunProgress(completed: SimulationRun.blockSize, total: 3 * SimulationRun.blockSize)])
        var full: [UInt8] = []
        try await run.write { full += $0 }
        let partial = written.bytes
        #expect(partial.count < full.count && Array(full.prefix(partial.count)) == partial)
        #expect(partial.last == UInt8(ascii: "\n"))
    }

    /// Reports of one run never overlap and count up to the total, also when windows of several
    /// series finish at once.
    @Test func reportsCountUpToTheTotal() async throws {
        let panel = try Self.panel(count: 12, length: 30)
        let recorder = Recorder()
        let run = try await BacktestRun(
            panel, configuration: .init(models: [.naive, .theta], backtest: .init(horizon: 2, windows: 4)),
            progress: ProgressHandler { recorder.append($0) })
        #expect(run.perSeries.count == 24)
        #expect(recorder.reports.map(\.completed) == Array(1...96))
        #expect(recorder.reports.allSatisfy { $0.total == 96 && $0.stage == nil })
        #expect(recorder.reports.last?.fractionCompleted == 1)
    }
}

/// Bytes handed over by a writer, kept across tasks.
final class Written: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [UInt8] = []
    var bytes: [UInt8] { lock.withLock { kept } }
    func append(_ more: [UInt8]) { lock.withLock { kept += more } }
}

/// Progress reports kept across tasks.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [RunProgress] = []
    var reports: [RunProgress] { lock.withLock { kept } }
    func append(_ report: RunProgress) { lock.withLock { kept.append(report) } }
}
