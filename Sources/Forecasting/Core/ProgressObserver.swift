/// How far a long run has come: items completed out of a total, within an optional stage.
///
/// An item is what the run counts: a series for a forecast, a window for a backtest, a draw for
/// a scenario. A run that passes over its input once per model (a benchmark) reports each pass as
/// a ``stage`` named for the model, counting from zero again in each.
public struct RunProgress: Sendable, Hashable {
    /// Items finished so far in this stage, from 1.
    public var completed: Int
    /// Items in the stage, or `nil` when the run cannot know before it ends (a streamed file).
    public var total: Int?
    /// What the run is doing, e.g. the model being benchmarked; `nil` for a run of one stage.
    public var stage: String?

    /// A progress report.
    ///
    /// - Parameters:
    ///   - completed: Items finished so far in this stage.
    ///   - total: Items in the stage, or `nil` when unknown.
    ///   - stage: The stage's name, or `nil` for a run of one stage.
    public init(completed: Int, total: Int?, stage: String? = nil) {
        self.completed = completed
        self.total = total
        self.stage = stage
    }

    /// `completed / total`, in [0, 1]; `nil` when the total is unknown or zero.
    public var fractionCompleted: Double? {
        guard let total, total > 0 else { return nil }
        return Double(Swift.min(completed, total)) / Double(total)
    }
}

/// Receives the progress of a long run: the forecast, backtest, benchmark, simulation and
/// scenario runs all take an optional observer as their `progress` argument.
///
/// A run calls ``observe(_:)`` after each item (or block of items) it finishes, on one of the
/// run's own tasks: any thread of the cooperative pool, not the main thread and not necessarily the
/// caller's. Calls for one run do not overlap, and within a stage ``RunProgress/completed`` grows
/// with every call, reaching ``RunProgress/total`` when the stage completes; observers shared by
/// several runs at once see their reports interleaved. The run waits for the call to return, so an
/// observer must be cheap (record the numbers, or hand them to the main actor to draw) and safe to
/// call from any thread; it must not wait on the run it observes.
///
/// An observer may cancel the task running the run (a Stop button, a deadline): the run then stops
/// scheduling work and throws its `cancelled` error.
///
/// ```swift
/// let outcomes = try await BatchForecaster.run(
///     series, model: .theta, horizon: 12, levels: [80, 95],
///     progress: ProgressHandler { print($0.completed, "of", $0.total ?? 0) })
/// ```
public protocol ProgressObserver: Sendable {
    /// Records that the run has come this far.
    ///
    /// - Parameter progress: Items completed, the total and the stage.
    func observe(_ progress: RunProgress)
}

/// A ``ProgressObserver`` that calls a closure, for callers who need no type of their own.
public struct ProgressHandler: ProgressObserver {
    private let body: @Sendable (RunProgress) -> Void

    /// An observer that calls `body` with every report.
    ///
    /// - Parameter body: Called as ``ProgressObserver/observe(_:)`` is; it must be cheap and safe
    ///   to call from any thread.
    public init(_ body: @escaping @Sendable (RunProgress) -> Void) {
        self.body = body
    }

    /// Calls the closure.
    ///
    /// - Parameter progress: Items completed, the total and the stage.
    public func observe(_ progress: RunProgress) {
        body(progress)
    }
}
