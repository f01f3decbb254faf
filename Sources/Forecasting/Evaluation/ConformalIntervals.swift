import Statistics

/// How conformal prediction intervals are calibrated: statsforecast's `ConformalIntervals`.
///
/// The model is refitted at `windows` rolling origins at the end of the series, each forecasting
/// the `h` values after it (the last window ends at the last observation, and each earlier one `h`
/// periods before). The conformity score of step j in window i is the absolute error
/// sᵢⱼ = |yᵢⱼ − ŷᵢⱼ|. For a forecast of horizon h the number of windows used is
/// W = min(`windows`, ⌊(n − 1) / h⌋), at least 2, so a series needs 2h + 1 observations.
///
/// With ``Method/distribution`` (statsforecast's default, `conformal_distribution`), the bounds
/// at level L % of step j are the type-7 quantiles at (100 − L) / 200 and 1 − (100 − L) / 200 of
/// the 2W values ŷⱼ ± sᵢⱼ; with ``Method/error`` (`conformal_error`), they are ŷⱼ ∓ q, q the type-7
/// quantile at L / 100 of the W scores sᵢⱼ. Scores of missing observations are left out of a
/// step's quantiles.
///
/// The intervals are distribution-free: under exchangeable errors a level-L interval covers the
/// next value with probability about L %, whatever the model; with few windows the quantiles are
/// coarse (with W = 2 the 95 % bounds are nearly the largest error seen).
public struct ConformalSettings: Sendable, Hashable, CustomStringConvertible {
    /// How the scores become bounds.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Quantiles of the forecast ± each score (statsforecast's `conformal_distribution`).
        case distribution
        /// The forecast ± a quantile of the scores (statsforecast's `conformal_error`).
        case error
    }

    /// The most windows calibrated on (fewer when the series is short); at least 2.
    public let windows: Int
    /// How the scores become bounds.
    public let method: Method

    /// The default: 5 windows and the distribution method. statsforecast's default is 2 windows,
    /// whose 95 % bounds are set by the 4 values ŷ ± s alone; 5 windows cost three more fits of
    /// the model and give 10 values per step, within the reach of most city series (11
    /// observations for a horizon of 2, 31 for 6).
    public static let `default` = ConformalSettings(checked: 5, method: .distribution)

    /// Settings with `windows` windows at most.
    ///
    /// - Parameters:
    ///   - windows: 2 to 1,000.
    ///   - method: ``Method/distribution`` by default.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` for a number of windows outside 2…1000.
    public init(windows: Int, method: Method = .distribution) throws(ForecastingError) {
        guard (2...1000).contains(windows) else {
            throw .invalidSpecification("conformal intervals need 2 to 1000 windows, not \(windows)")
        }
        self.init(checked: windows, method: method)
    }

    private init(checked windows: Int, method: Method) {
        self.windows = windows
        self.method = method
    }

    /// The settings in the model grammar's brackets: `5` or `5,error`.
    public var description: String { method == .distribution ? "\(windows)" : "\(windows),\(method.rawValue)" }
}

/// A model whose prediction intervals are conformal (``ConformalSettings``): the point forecasts,
/// fitted values and residuals are the model's own; the intervals come from its errors at rolling
/// origins, refitting the model at each.
///
/// The grammar writes it `conformal(MODEL)`, `conformal[W](MODEL)` or `conformal[W,error](MODEL)`;
/// the intermittent-demand models, which have no stochastic model, get conformal intervals with
/// the default settings without asking, and since their data are non-negative their lower bounds
/// are raised to 0 (``floor``), where statsforecast's may go below it.
public struct ConformalForecaster: FittedForecaster {
    /// The model, fitted to the whole series.
    public let base: any FittedForecaster
    /// The model as the grammar names it, refitted at each window.
    public let specification: ModelSpecification
    /// The calibration.
    public let settings: ConformalSettings
    /// The series the model was fitted to.
    public let values: [Double]
    /// Observations per season.
    public let seasonLength: Int
    /// The least value the series can take (0 for the intermittent-demand models, whose data are
    /// non-negative), to which lower bounds are raised; `nil` for none. Raising a bound to the
    /// data's floor leaves the coverage of every possible value unchanged.
    public let floor: Double?

    /// Wraps a fitted model.
    ///
    /// - Parameters:
    ///   - base: `specification` fitted to `values`.
    ///   - specification: The model refitted at each window (it must not itself be conformal).
    ///   - settings: The calibration.
    ///   - values: The series.
    ///   - seasonLength: Observations per season.
    ///   - floor: The least value the series can take, or `nil`; lower bounds below it are raised to it.
    public init(base: any FittedForecaster, specification: ModelSpecification, settings: ConformalSettings,
                values: [Double], seasonLength: Int, floor: Double? = nil) {
        self.base = base
        self.specification = specification
        self.settings = settings
        self.values = values
        self.seasonLength = seasonLength
        self.floor = floor
    }

    /// The model's summary, with the intervals' calibration among its parameters
    /// (`conformal.windows`, and `conformal.error` = 1 for the error method).
    public var summary: ModelSummary {
        var summary = base.summary
        summary.parameters.append(("conformal.windows", Double(settings.windows)))
        if settings.method == .error { summary.parameters.append(("conformal.error", 1)) }
        return summary
    }

    /// The model's one-step fitted values.
    public var fittedValues: [Double] { base.fittedValues }
    /// The model's residuals.
    public var residuals: [Double] { base.residuals }

    /// The conformity scores for a horizon: one row per window, oldest first, of |y − ŷ| for
    /// steps 1…`horizon` (NaN where the observation is missing).
    ///
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` for a horizon below 1;
    ///   ``ForecastingError/tooShort(model:count:minimum:)`` when fewer than 2 windows fit
    ///   (2 · `horizon` + 1 observations are needed); the model's errors at any window, with the
    ///   window named.
    /// - Complexity: W fits of the model on at most n observations, and W forecasts.
    public func scores(horizon: Int) throws(ForecastingError) -> [[Double]] {
        guard horizon >= 1 else { throw .invalidSpecification("the horizon must be at least 1, not \(horizon)") }
        let n = values.count
        let windows = Swift.min(settings.windows, (n - 1) / horizon)
        guard windows >= 2 else {
            throw .tooShort(model: "\(specification) (its conformal intervals at horizon \(horizon))", count: n,
                            minimum: 2 * horizon + 1)
        }
        var scores: [[Double]] = []
        scores.reserveCapacity(windows)
        for window in 0..<windows {
            let end = n - (windows - window) * horizon
            let fit: any FittedForecaster
            let mean: [Double]
            do {
                fit = try specification.fitPoint(Array(values[..<end]), seasonLength: seasonLength)
                mean = try fit.forecast(horizon: horizon, levels: []).mean
            } catch {
                throw .invalidSpecification(
                    "conformal intervals refit \(specification) on the first \(end) observations and it failed: \(error)")
            }
            scores.append((0..<horizon).map { abs(values[end + $0] - mean[$0]) })
        }
        return scores
    }

    /// The model's point forecasts with conformal intervals.
    ///
    /// - Throws: as ``scores(horizon:)`` when levels are asked for, and
    ///   ``ForecastingError/invalidSpecification(_:)`` for a bad horizon or level or when a step has
    ///   fewer than 2 scores (its observations missing).
    /// - Complexity: that of the model's forecast, plus ``scores(horizon:)`` and O(h · W log W)
    ///   when levels are asked for.
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try Forecast.validate(horizon: horizon, levels: levels)
        let mean = try base.forecast(horizon: horizon, levels: []).mean
        guard !levels.isEmpty else { return Forecast(mean: mean) }
        let scores = try scores(horizon: horizon)
        var lower = [[Double]](repeating: [Double](repeating: 0, count: horizon), count: levels.count)
        var upper = lower
        for step in 0..<horizon {
            let column = scores.map { $0[step] }.filter { !$0.isNaN }
            guard column.count >= 2 else {
                throw .invalidSpecification(
                    "conformal intervals at step \(step + 1) have \(column.count) scores; the windows' observations are missing")
            }
            let centre = mean[step]
            for (k, level) in levels.enumerated() {
                let bounds: (Double, Double)
                do {
                    switch settings.method {
                    case .distribution:
                        let sample = column.map { centre - $0 } + column.map { centre + $0 }
                        let tail = (100 - level) / 200
                        let q = try Descriptive.quantiles(sample, probabilities: [tail, 1 - tail])
                        bounds = (q[0], q[1])
                    case .error:
                        let q = try Descriptive.quantile(column, probability: level / 100)
                        bounds = (centre - q, centre + q)
                    }
                } catch {
                    throw .invalidSpecification("conformal intervals at step \(step + 1): \(error)")
                }
                lower[k][step] = floor.map { Swift.max(bounds.0, $0) } ?? bounds.0
                upper[k][step] = bounds.1
            }
        }
        return Forecast(mean: mean, levels: levels, lower: lower, upper: upper)
    }
}
