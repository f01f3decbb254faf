import Foundation
import Statistics

/// Rolling-origin evaluation of one model on one series (time-series cross-validation).
///
/// The series `y₀ … yₙ₋₁` is cut at `K` forecast origins. Window `k = 0 … K−1` (oldest first) is
/// trained on the observations before its origin
///
///     tₖ = n − h − (K − 1 − k)·s
///
/// and forecasts the `h` observations `yₜₖ … yₜₖ₊ₕ₋₁`, so the last window's forecast ends at the
/// last observation and origins step back by `s`. An expanding window trains on `y₀ … yₜₖ₋₁`; a
/// sliding window of length `L` on `yₜₖ₋L … yₜₖ₋₁`. This is R `forecast`'s `tsCV(y, f, h, window)`
/// restricted to the origins `i = tₖ` (R's `i` is the 1-based index of the last training
/// observation, which is our `tₖ`): R's error `e[i, j]` is our `actual[j−1] − forecast.mean[j−1]`
/// in window `k`.
///
/// By default the model is refitted at every origin. With `refit: false` it is fitted once, at
/// the first origin, and every later window runs that fitted model — coefficients, smoothing
/// parameters and initial states held — through its own training data and forecasts from there
/// (``FittedForecaster/refiltered(on:)``; R's `Arima(y, model = fit)`, statsforecast's
/// `cross_validation(refit = False)`). ARIMA and ETS models (automatic ones included: the model
/// chosen at the first origin is kept) and naive and seasonal naive support it; for other models
/// the later windows fail with an error that says so.
///
/// Windows run concurrently; window `k` draws any simulated intervals from
/// `SeededGenerator(seed: seed).split(stream: firstStream + k)`, so results do not depend on the
/// number of tasks. A window whose model fails is kept with its error and left out of the scores.
///
/// ```swift
/// let backtest = try await Backtest(nile, model: .naive, seasonLength: 1,
///                                   configuration: .init(horizon: 3, windows: 10))
/// backtest.scores.mase      // mean over the 10 windows and 3 steps of |e| / Q
/// backtest.windows[9].test  // 97..<100, the last three observations
/// ```
public struct Backtest: Sendable {
    /// Which observations before an origin a window trains on.
    public enum TrainingWindow: Sendable, Hashable, CustomStringConvertible {
        /// All observations from the start of the series (R's `tsCV` default).
        case expanding
        /// The most recent `length` observations (R's `tsCV(window = length)`).
        case sliding(length: Int)

        /// `expanding` or `sliding(L)`.
        public var description: String {
            switch self {
            case .expanding: "expanding"
            case .sliding(let length): "sliding(\(length))"
            }
        }
    }

    /// Where the windows go and what is scored.
    public struct Configuration: Sendable, Hashable {
        /// Steps ahead forecast from every origin, `h ≥ 1`.
        public var horizon: Int
        /// Number of forecast origins, `K ≥ 1`.
        public var windows: Int
        /// Observations between consecutive origins, `s ≥ 1`.
        public var step: Int
        /// Expanding or sliding training window.
        public var trainingWindow: TrainingWindow
        /// Interval levels in percent, ascending and distinct, each in (0, 100).
        public var levels: [Double]
        /// Refit at every origin (`true`, R's `tsCV`), or fit at the first origin only and hold
        /// the parameters (`false`).
        public var refit: Bool

        /// A configuration; `levels` are sorted and duplicates dropped.
        ///
        /// - Parameters:
        ///   - horizon: steps ahead `h`.
        ///   - windows: number of origins `K`.
        ///   - step: distance `s` between origins.
        ///   - trainingWindow: expanding (default) or sliding.
        ///   - levels: interval levels in percent; default R's 80 and 95; empty for point forecasts only.
        ///   - refit: refit at every origin (default) or hold the first origin's parameters.
        public init(horizon: Int, windows: Int, step: Int = 1, trainingWindow: TrainingWindow = .expanding,
                    levels: [Double] = [80, 95], refit: Bool = true) {
            self.horizon = horizon
            self.windows = windows
            self.step = step
            self.trainingWindow = trainingWindow
            self.levels = Array(Set(levels)).sorted()
            self.refit = refit
        }

        /// The fewest observations a series needs for these windows: `h + (K − 1)·s + 1` with an
        /// expanding window (at least one training observation at the first origin), and
        /// `L + h + (K − 1)·s` with a sliding window of length `L`.
        ///
        /// The model may need more at the first origin; it then fails on the early windows, which
        /// are counted as failed with the model's own error.
        ///
        /// - Complexity: O(1).
        public var minimumLength: Int {
            let span = horizon + (windows - 1) * step
            switch trainingWindow {
            case .expanding: return span + 1
            case .sliding(let length): return span + length
            }
        }

        /// Check the parameters.
        ///
        /// - Throws: `ForecastingError.invalidSpecification` naming the parameter to change.
        /// - Complexity: O(levels).
        public func validate() throws(ForecastingError) {
            guard horizon >= 1 else { throw .invalidSpecification("the backtest horizon must be at least 1, not \(horizon)") }
            guard windows >= 1 else { throw .invalidSpecification("a backtest needs at least 1 window, not \(windows)") }
            guard step >= 1 else { throw .invalidSpecification("the backtest step must be at least 1, not \(step)") }
            if case .sliding(let length) = trainingWindow, length < 1 {
                throw .invalidSpecification("the sliding window length must be at least 1, not \(length)")
            }
            for level in levels where !(level > 0 && level < 100) {
                throw .invalidSpecification("interval level \(level) must be a percentage strictly between 0 and 100")
            }
        }

        /// The training and test index ranges of every window, oldest origin first.
        ///
        /// - Parameter count: the series length `n`, at least ``minimumLength``.
        /// - Returns: `K` pairs `(training, test)`; `test = tₖ ..< tₖ + h`.
        /// - Complexity: O(K).
        public func ranges(count: Int) -> [(training: Range<Int>, test: Range<Int>)] {
            precondition(count >= minimumLength, "A series of \(count) is shorter than the backtest minimum \(minimumLength)")
            return (0..<windows).map { k in
                let origin = count - horizon - (windows - 1 - k) * step
                let start: Int = switch trainingWindow {
                case .expanding: 0
                case .sliding(let length): origin - length
                }
                return (start..<origin, origin..<(origin + horizon))
            }
        }

        /// "naive with 5 windows of horizon 3 and step 1" (and the sliding length), for messages.
        func describe(_ model: ModelSpecification) -> String {
            var text = "a backtest of \(model) with \(windows) window\(windows == 1 ? "" : "s") of horizon \(horizon) and step \(step)"
            if case .sliding(let length) = trainingWindow { text += " on a sliding window of \(length)" }
            if !refit { text += ", parameters held from the first origin" }
            return text
        }
    }

    /// One forecast origin: what was trained on, what was forecast, and how it scored.
    public struct Window: Sendable {
        /// The window's position, 0 for the oldest origin.
        public let index: Int
        /// Indices of the training observations.
        public let training: Range<Int>
        /// Indices of the forecast observations, `h` of them.
        public let test: Range<Int>
        /// The held-out observations `y[test]` (NaN where missing).
        public let actual: [Double]
        /// The forecast, or `nil` when the model failed.
        public let forecast: Forecast?
        /// ``AccuracyMetrics`` of this window (scaled on its own training data), or `nil` on failure.
        public let metrics: AccuracyMetrics?
        /// Why the model failed on this window, or `nil`.
        public let error: ForecastingError?
        /// `mean|∇ₘ y|` and `mean (∇ₘ y)²` on the training data: the MASE and RMSSE scales.
        let scale: (absolute: Double, squared: Double)
        /// Wall time in seconds of the window's fit (or re-filter) and forecast, scoring excluded;
        /// up to the failure for a failed window, 0 for one that was not run.
        public var fitSeconds = 0.0

        /// The forecast errors `actual − mean`, or `nil` on failure (R `tsCV`'s row `e[tₖ, ]`).
        ///
        /// - Complexity: O(h).
        public var errors: [Double]? {
            forecast.map { f in zip(actual, f.mean).map { $0 - $1 } }
        }
    }

    /// The model evaluated.
    public let model: ModelSpecification
    /// The season length given to the model and used for the MASE/RMSSE scale.
    public let seasonLength: Int
    /// The windows and levels.
    public let configuration: Configuration
    /// Every window, oldest origin first, failed ones included.
    public let windows: [Window]
    /// Scores over all successful windows and steps (see ``Scores``).
    public let scores: Scores

    /// Run a rolling-origin backtest.
    ///
    /// - Parameters:
    ///   - values: the series, oldest first; NaN for missing (missing test values are skipped in the
    ///     scores; missing training values are up to the model).
    ///   - model: the model fitted at every origin.
    ///   - seasonLength: observations per season (1 for none), for the model and the scales.
    ///   - configuration: horizon, windows, step, training window and levels.
    ///   - seed: seed of the random streams (simulated intervals).
    ///   - firstStream: window `k` uses stream `firstStream + k`; callers running several backtests
    ///     under one seed give each its own block of streams.
    ///   - concurrency: the most windows fitted at once; default the number of active processors.
    ///   - progress: told after each finished window, with the total K.
    /// - Throws: `ForecastingError.invalidSpecification` for a bad configuration;
    ///   `ForecastingError.tooShort` naming ``Configuration/minimumLength`` when the series is too
    ///   short for the windows; `ForecastingError.cancelled` when the calling task is cancelled
    ///   before every window is run. A model failing on a window does not throw: see ``Window/error``.
    /// - Complexity: K model fits, divided by `concurrency` when the machine allows, plus O(K·h·levels).
    public init(_ values: [Double], model: ModelSpecification, seasonLength: Int, configuration: Configuration,
                seed: UInt64 = 1, firstStream: Int = 0,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: (any ProgressObserver)? = nil) async throws(ForecastingError) {
        try configuration.validate()
        guard values.count >= configuration.minimumLength else {
            throw .tooShort(model: configuration.describe(model), count: values.count, minimum: configuration.minimumLength)
        }
        precondition(firstStream >= 0, "firstStream must be ≥ 0")
        let ranges = configuration.ranges(count: values.count)
        let total = ranges.count
        let root = SeededGenerator(seed: seed)
        let season = Swift.max(1, seasonLength)
        var results = [Window?](repeating: nil, count: total)
        // Without refitting, the first origin's fit serves every window.
        var base: Result<any FittedForecaster, ForecastingError>? = nil
        if !configuration.refit, let first = ranges.first {
            do throws(ForecastingError) {
                base = .success(try model.fit(Array(values[first.training]), seasonLength: season))
            } catch {
                base = .failure(error)
            }
        }
        let held = base
        var finished = 0
        let ranAll = await forEachConcurrently(total, width: concurrency) { k in
            let (training, test) = ranges[k]
            return Self.evaluate(index: k, training: training, test: test, trainingValues: Array(values[training]),
                                 actual: Array(values[test]), model: model, seasonLength: season, levels: configuration.levels,
                                 generator: root.split(stream: firstStream + k), base: held)
        } receive: { k, window in
            results[k] = window
            finished += 1
            progress?.observe(RunProgress(completed: finished, total: total))
            return true
        }
        guard ranAll else { throw .cancelled }
        self.model = model
        self.seasonLength = season
        self.configuration = configuration
        self.windows = results.enumerated().map { k, window in
            window ?? Window(index: k, training: ranges[k].training, test: ranges[k].test, actual: Array(values[ranges[k].test]),
                             forecast: nil, metrics: nil, error: .numerical("window \(k) was not run"), scale: (.nan, .nan))
        }
        self.scores = Scores(windows: self.windows, levels: configuration.levels)
    }

    /// A one-window backtest, run on the calling thread: hold out the last `horizon` observations,
    /// fit on the rest, forecast and score — the hold-out evaluation of the M competitions.
    ///
    /// It is the rolling-origin backtest with ``Configuration/windows`` 1 and an expanding
    /// window, and gives the same windows and scores as
    /// `Backtest(values, model:, seasonLength:, configuration: .init(horizon: h, windows: 1, levels: levels),
    /// seed: seed, firstStream: stream)` without the cost of a task group, for runs that already
    /// spread many series over the cores.
    ///
    /// - Parameters:
    ///   - horizon: observations held out, `h ≥ 1`.
    ///   - values: the series, oldest first; NaN for missing.
    ///   - model: the model.
    ///   - seasonLength: observations per season (1 for none), for the model and the scales.
    ///   - levels: interval levels in percent.
    ///   - seed: seed of the random streams (simulated intervals).
    ///   - stream: the window draws from `SeededGenerator(seed: seed).split(stream: stream)`.
    /// - Throws: `ForecastingError.invalidSpecification` for a bad horizon or level;
    ///   `ForecastingError.tooShort` when the series has `horizon` observations or fewer. A failing
    ///   model does not throw: see ``Window/error``.
    /// - Complexity: one model fit plus O(h·levels).
    public init(holdingOut horizon: Int, of values: [Double], model: ModelSpecification, seasonLength: Int,
                levels: [Double] = [80, 95], seed: UInt64 = 1, stream: Int = 0) throws(ForecastingError) {
        let configuration = Configuration(horizon: horizon, windows: 1, levels: levels)
        try configuration.validate()
        guard values.count >= configuration.minimumLength else {
            throw .tooShort(model: configuration.describe(model), count: values.count, minimum: configuration.minimumLength)
        }
        precondition(stream >= 0, "stream must be ≥ 0")
        let (training, test) = configuration.ranges(count: values.count)[0]
        let season = Swift.max(1, seasonLength)
        let window = Self.evaluate(
            index: 0, training: training, test: test, trainingValues: Array(values[training]), actual: Array(values[test]),
            model: model, seasonLength: season, levels: configuration.levels,
            generator: SeededGenerator(seed: seed).split(stream: stream))
        self.model = model
        self.seasonLength = season
        self.configuration = configuration
        self.windows = [window]
        self.scores = Scores(windows: windows, levels: configuration.levels)
    }

    /// Fit (or, with `base`, re-filter the first origin's fit), forecast and score one window.
    static func evaluate(index: Int, training: Range<Int>, test: Range<Int>, trainingValues: [Double], actual: [Double],
                         model: ModelSpecification, seasonLength: Int, levels: [Double],
                         generator: SeededGenerator, base: Result<any FittedForecaster, ForecastingError>? = nil) -> Window {
        var generator = generator
        let scale = AccuracyMetrics.seasonalDifferenceScale(trainingValues, seasonLength: seasonLength)
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        var window: Window
        do {
            let fitted: any FittedForecaster
            if let base {
                let held = try base.get()
                if index == 0 {
                    fitted = held
                } else if let refiltered = try held.refiltered(on: trainingValues) {
                    fitted = refiltered
                } else {
                    throw ForecastingError.invalidSpecification(
                        "\(model) cannot run on new data with its parameters held; backtest it with refitting")
                }
            } else {
                fitted = try model.fit(trainingValues, seasonLength: seasonLength)
            }
            let forecast = try fitted.forecast(horizon: actual.count, levels: levels, generator: &generator)
            let seconds = elapsed()
            guard forecast.mean.count == actual.count, forecast.levels == levels else {
                throw ForecastingError.numerical("\(model) returned \(forecast.mean.count) steps at levels \(forecast.levels); "
                    + "expected \(actual.count) at \(levels)")
            }
            let metrics = AccuracyMetrics(actual: actual, forecast: forecast.mean, training: trainingValues, seasonLength: seasonLength)
            window = Window(index: index, training: training, test: test, actual: actual, forecast: forecast, metrics: metrics,
                            error: nil, scale: scale)
            window.fitSeconds = seconds
            return window
        } catch let error as ForecastingError {
            window = Window(index: index, training: training, test: test, actual: actual, forecast: nil, metrics: nil,
                            error: error, scale: scale)
        } catch {
            window = Window(index: index, training: training, test: test, actual: actual, forecast: nil, metrics: nil,
                            error: .numerical(String(describing: error)), scale: scale)
        }
        window.fitSeconds = elapsed()
        return window
    }
}
