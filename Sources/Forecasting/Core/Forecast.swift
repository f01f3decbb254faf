import Statistics

/// Point forecasts with prediction intervals for the next `horizon` periods.
///
/// Levels are percentages (`80`, `95`), as practitioners and R's `forecast` say them. For every
/// level, `lower[k][h] ≤ mean[h] ≤ upper[k][h]`, and intervals nest: a higher level is wider.
public struct Forecast: Sendable, Equatable, Codable {
    /// The point forecast (the mean, or the median after an unadjusted Box–Cox back-transform)
    /// for steps `1…horizon`.
    public var mean: [Double]
    /// Interval levels in percent, ascending, each strictly between 0 and 100.
    public var levels: [Double]
    /// `lower[k]` holds the lower bounds at `levels[k]`, one per step.
    public var lower: [[Double]]
    /// `upper[k]` holds the upper bounds at `levels[k]`, one per step.
    public var upper: [[Double]]

    /// A forecast from its parts.
    ///
    /// - Parameters:
    ///   - mean: point forecasts, one per step.
    ///   - levels: interval levels in percent, ascending.
    ///   - lower: lower bounds per level, each of the length of `mean`.
    ///   - upper: upper bounds per level, each of the length of `mean`.
    public init(mean: [Double], levels: [Double] = [], lower: [[Double]] = [], upper: [[Double]] = []) {
        precondition(lower.count == levels.count && upper.count == levels.count, "One bound array per level")
        precondition(lower.allSatisfy { $0.count == mean.count } && upper.allSatisfy { $0.count == mean.count },
                     "Bounds must have one value per step")
        self.mean = mean
        self.levels = levels
        self.lower = lower
        self.upper = upper
    }

    /// The number of steps ahead.
    public var horizon: Int { mean.count }

    /// Checks that a forecast can be asked for: a horizon of at least 1 and every level a
    /// percentage strictly between 0 and 100.
    ///
    /// - Parameters:
    ///   - horizon: Steps ahead.
    ///   - levels: Interval levels in percent.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` naming the value refused.
    public static func validate(horizon: Int, levels: [Double]) throws(ForecastingError) {
        guard horizon >= 1 else { throw .invalidSpecification("the horizon must be at least 1, not \(horizon)") }
        for level in levels where !(level > 0 && level < 100) {
            throw .invalidSpecification(
                "interval level \(level) is outside (0, 100); levels are percentages, e.g. 80 and 95")
        }
    }

    /// The bounds at one level.
    ///
    /// Levels are percentages, as everywhere in the library: `interval(level: 95)`. A level that
    /// was not computed, a fraction such as `0.95` included, throws rather than returning nothing,
    /// and the error names the levels there are.
    ///
    /// - Parameter level: An interval level in percent, one of ``levels``.
    /// - Returns: The lower and upper bounds, one per step.
    /// - Throws: ``ForecastingError/levelNotComputed(level:computed:)`` when `level` is not one of
    ///   ``levels``.
    /// - Complexity: O(number of levels).
    public func interval(level: Double) throws(ForecastingError) -> (lower: [Double], upper: [Double]) {
        guard let k = levels.firstIndex(of: level) else { throw .levelNotComputed(level: level, computed: levels) }
        return (lower[k], upper[k])
    }
}

/// What a fitted model reports about itself, in the vocabulary of R's `forecast`.
public struct ModelSummary: Sendable, Equatable {
    /// The model as R names it: `ARIMA(2,1,1)(0,1,0)[12] with drift`, `ETS(M,Ad,M)`, `Theta`, `Naive`.
    public var name: String
    /// Estimated parameters by name, in a stable order (`ar1`, `ma1`, `sar1`, `intercept`,
    /// `drift`, regressor names; `alpha`, `beta`, `gamma`, `phi` for ETS).
    public var parameters: [(name: String, value: Double)]
    /// Innovation variance σ².
    public var sigma2: Double?
    /// Log-likelihood at the estimates.
    public var logLikelihood: Double?
    /// Akaike information criterion.
    public var aic: Double?
    /// AIC corrected for small samples.
    public var aicc: Double?
    /// Bayesian information criterion.
    public var bic: Double?

    /// A summary from its parts.
    public init(name: String, parameters: [(name: String, value: Double)] = [], sigma2: Double? = nil,
                logLikelihood: Double? = nil, aic: Double? = nil, aicc: Double? = nil, bic: Double? = nil) {
        self.name = name
        self.parameters = parameters
        self.sigma2 = sigma2
        self.logLikelihood = logLikelihood
        self.aic = aic
        self.aicc = aicc
        self.bic = bic
    }

    /// Equality of all stored fields.
    public static func == (lhs: ModelSummary, rhs: ModelSummary) -> Bool {
        lhs.name == rhs.name && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
            && lhs.parameters.map(\.value) == rhs.parameters.map(\.value) && lhs.sigma2 == rhs.sigma2
            && lhs.logLikelihood == rhs.logLikelihood && lhs.aic == rhs.aic && lhs.aicc == rhs.aicc && lhs.bic == rhs.bic
    }
}

/// A model fitted to one series, ready to forecast.
public protocol FittedForecaster: Sendable {
    /// The model's name, parameters and information criteria.
    var summary: ModelSummary { get }
    /// One-step-ahead fitted values on the training data (NaN where undefined).
    var fittedValues: [Double] { get }
    /// Training residuals `y − ŷ` on the scale of the data (NaN where undefined).
    var residuals: [Double] { get }
    /// Forecast `horizon` steps ahead with intervals at `levels` (percent).
    ///
    /// - Throws: `ForecastingError` when the intervals cannot be computed.
    func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast
    /// Forecast, drawing any simulated intervals from `generator` (models with analytic intervals
    /// ignore it). Batch runs give each series its own stream so results do not depend on threads.
    func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError) -> Forecast
    /// The same model with every estimated quantity held (coefficients, smoothing parameters,
    /// initial states) and only its state run through `values` — "no refit" in a rolling-origin
    /// backtest, as R's `Arima(y, model = fit)` and `ets(y, model = fit, use.initial.values = TRUE)`.
    /// `nil` for models that have no such form (they must be refitted).
    ///
    /// - Throws: `ForecastingError` when `values` cannot be filtered (missing values where the
    ///   model cannot take them, too short).
    func refiltered(on values: [Double]) throws(ForecastingError) -> (any FittedForecaster)?
}

extension FittedForecaster {
    /// Models that cannot hold their parameters on new data return `nil`.
    public func refiltered(on values: [Double]) throws(ForecastingError) -> (any FittedForecaster)? { nil }

    /// Models with analytic intervals need no random stream.
    public func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError) -> Forecast {
        try forecast(horizon: horizon, levels: levels)
    }
}

/// Why a time-series model could not be fitted or forecast. Each message says what to change.
public enum ForecastingError: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    /// The series has `count` usable observations; the model needs at least `minimum`.
    case tooShort(model: String, count: Int, minimum: Int)
    /// The model specification is not allowed (e.g. `ETS(A,N,M)`), with the reason.
    case invalidSpecification(String)
    /// The series has missing values the model cannot handle.
    case missingValues(model: String)
    /// Multiplicative components need strictly positive data.
    case nonPositiveData(model: String)
    /// The optimiser did not converge and no documented fallback applies.
    case notConverged(model: String, detail: String)
    /// A numerical step failed.
    case numerical(String)
    /// An interval was asked for at a level (in percent) that the forecast does not have.
    case levelNotComputed(level: Double, computed: [Double])
    /// The task running the work was cancelled before the work finished; nothing partial is returned.
    case cancelled

    /// A sentence for people: what went wrong or what the value is.
    public var description: String {
        switch self {
        case let .tooShort(model, count, minimum):
            return "\(model) needs at least \(minimum) observations; the series has \(count)"
        case let .invalidSpecification(reason):
            return reason
        case let .missingValues(model):
            return "\(model) cannot handle missing values; fill or trim them first"
        case let .nonPositiveData(model):
            return "\(model) has multiplicative components and needs strictly positive data"
        case let .notConverged(model, detail):
            return "\(model) did not converge: \(detail)"
        case let .numerical(message):
            return message
        case let .levelNotComputed(level, computed):
            let have = computed.isEmpty ? "no intervals" : "intervals at " + computed.map(Self.percent).joined(separator: ", ")
            let hint = level > 0 && level < 1 && computed.contains(where: { abs($0 - level * 100) < 1e-9 })
                ? "; levels are percentages, so write \(Self.percent(level * 100)) for \(level)" : ""
            return "no interval at level \(Self.percent(level)); the forecast has \(have)\(hint)"
        case .cancelled:
            return "cancelled before it finished"
        }
    }

    /// `80` for 80.0, `97.5` for 97.5.
    private static func percent(_ level: Double) -> String {
        level == level.rounded() && abs(level) < 1e15 ? String(Int(level)) : String(level)
    }
}
