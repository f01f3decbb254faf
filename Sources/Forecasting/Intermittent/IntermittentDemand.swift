/// Forecasts for intermittent demand — a series of non-negative values with many zeros, such as
/// waste collected from a small district, spare parts or a pump's repairs — by Croston's method and
/// its successors, as R `forecast::croston` and statsforecast define them.
///
/// Every method gives a flat point forecast (the expected demand per period):
/// - ``Method/croston``: Croston (1972). Simple exponential smoothing (SES) with α = 0.1 of the
///   non-zero demand sizes zₖ and of the intervals pₖ between them (periods since the previous
///   demand, the first counted from the start); forecast ẑ / p̂ (R's `croston`, statsforecast's
///   `CrostonClassic`).
/// - ``Method/crostonSBA``: Syntetos–Boylan approximation, the classic forecast × (1 − α/2) = 0.95.
/// - ``Method/crostonOptimized``: α of each SES chosen in [0.1, 0.3] by golden-section search on
///   the in-sample sum of squared one-step errors (statsforecast's `CrostonOptimized`).
/// - ``Method/tsb(demandAlpha:probabilityAlpha:)``: Teunter–Syntetos–Babai (2011), SES of the demand
///   sizes and of the occurrence indicator (1 when there is demand), forecast p̂ · ẑ.
/// - ``Method/adida``: aggregate–disaggregate (Nikolopoulos et al. 2011): the series summed over
///   non-overlapping blocks of k periods (k the mean interval, rounded half to even; the oldest
///   incomplete block dropped), optimised SES of the block sums, forecast / k.
/// - ``Method/imapa``: the mean of ADIDA's forecasts over every k from 1 to the rounded mean
///   interval (Petropoulos & Kourentzes 2015).
///
/// SES with smoothing α on x₀…x_{n−1} starts its level at x₀, and its one-step forecast after
/// xₜ is α xₜ + (1 − α) ℓₜ₋₁; the golden-section search narrows [0.1, 0.3] to a width below
/// 10⁻¹² (stopping early when two probes tie) and returns the midpoint. A series of zeros
/// forecasts 0.
///
/// These methods have no stochastic model, so no analytic prediction intervals (R's `croston`
/// gives none either): ``forecast(horizon:levels:)`` refuses levels. In the model grammar
/// (``ModelSpecification/intermittent(_:)``) they come wrapped in a ``ConformalForecaster``,
/// whose intervals are conformal. Fitted values are the
/// forecasts each method makes from the observations before each period with the smoothing
/// parameters and aggregation levels of the whole fit (NaN in the first period).
public struct IntermittentDemand: FittedForecaster {
    /// The method.
    public enum Method: Sendable, Hashable, CustomStringConvertible {
        /// Croston's classic method, α = 0.1.
        case croston
        /// Croston with the Syntetos–Boylan correction, × 0.95.
        case crostonSBA
        /// Croston with α of sizes and intervals optimised in [0.1, 0.3].
        case crostonOptimized
        /// Teunter–Syntetos–Babai with the given smoothing of sizes and of occurrence, each in (0, 1].
        case tsb(demandAlpha: Double, probabilityAlpha: Double)
        /// Aggregate–disaggregate intermittent demand approach.
        case adida
        /// Intermittent multiple aggregation prediction algorithm.
        case imapa

        /// The name in the model grammar: `croston`, `croston-sba`, `croston-opt`, `tsb[0.1,0.05]`, `adida`, `imapa`.
        public var description: String {
            switch self {
            case .croston: "croston"
            case .crostonSBA: "croston-sba"
            case .crostonOptimized: "croston-opt"
            case let .tsb(d, p): "tsb[\(d),\(p)]"
            case .adida: "adida"
            case .imapa: "imapa"
            }
        }
    }

    /// The method fitted.
    public let method: Method
    /// The flat point forecast: expected demand per period.
    public let level: Double
    /// The smoothing parameters used: demand sizes and intervals (Croston), sizes and occurrence
    /// (TSB), block sums at each aggregation level (ADIDA, IMAPA: one per level).
    public let alphas: [Double]
    /// The aggregation levels (ADIDA: one; IMAPA: 1…k); empty for the Croston family and TSB.
    public let aggregationLevels: [Int]
    /// The observations fitted.
    public let values: [Double]

    /// One-step fitted values (NaN in the first period), computed when asked for: the method refit
    /// on every prefix with the fit's parameters, O(n²) (O(n² · k) for IMAPA), which a forecast
    /// alone, or a conformal window's refit, does not need.
    public var fittedValues: [Double] {
        var fitted = [Double](repeating: .nan, count: values.count)
        for t in 1..<max(1, values.count) {
            fitted[t] = Self.fit(Array(values[..<t]), method: method, alphas: alphas, levels: aggregationLevels).level
        }
        return fitted
    }

    /// `y − ŷ` (NaN in the first period), computed when asked for, as ``fittedValues``.
    public var residuals: [Double] { zip(values, fittedValues).map { $0 - $1 } }

    /// Fits a method to a series.
    ///
    /// - Parameters:
    ///   - values: The observations, oldest first: finite and ≥ 0, no missing values.
    ///   - method: The method.
    /// - Throws: ``ForecastingError/tooShort(model:count:minimum:)`` for an empty series,
    ///   ``ForecastingError/missingValues(model:)`` for NaN,
    ///   ``ForecastingError/invalidSpecification(_:)`` for a negative or infinite value or a TSB
    ///   smoothing outside (0, 1].
    /// - Complexity: O(n) for Croston and TSB, O(n log(1/10⁻¹²)) with an optimised α and
    ///   O(n · k) for IMAPA; ``fittedValues`` and ``residuals`` cost O(n²) more when asked for.
    public init(_ values: [Double], method: Method) throws(ForecastingError) {
        let name = method.description
        guard !values.isEmpty else { throw .tooShort(model: name, count: 0, minimum: 1) }
        if values.contains(where: \.isNaN) { throw .missingValues(model: name) }
        guard values.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw .invalidSpecification("\(name) is for intermittent demand: every value must be finite and ≥ 0")
        }
        if case let .tsb(d, p) = method, !(d > 0 && d <= 1 && p > 0 && p <= 1) {
            throw .invalidSpecification("tsb's smoothing parameters must be in (0, 1], got \(d) and \(p)")
        }
        self.method = method
        let fit = Self.fit(values, method: method)
        level = fit.level
        alphas = fit.alphas
        aggregationLevels = fit.levels
        self.values = values
    }

    /// The model's name and parameters.
    public var summary: ModelSummary {
        var parameters: [(name: String, value: Double)] = []
        switch method {
        case .croston, .crostonSBA, .crostonOptimized:
            if alphas.count == 2 { parameters = [("alpha.demand", alphas[0]), ("alpha.interval", alphas[1])] }
        case .tsb:
            if alphas.count == 2 { parameters = [("alpha.demand", alphas[0]), ("alpha.probability", alphas[1])] }
        case .adida, .imapa:
            parameters = zip(aggregationLevels, alphas).map { ("alpha.k\($0)", $1) }
        }
        let present = residuals.filter { !$0.isNaN }
        let sigma2 = present.isEmpty ? nil : present.reduce(0) { $0 + $1 * $1 } / Double(present.count)
        return ModelSummary(name: method.description, parameters: parameters, sigma2: sigma2)
    }

    /// The flat point forecast; these methods have no intervals.
    ///
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` for a horizon below 1 or when
    ///   levels are asked for.
    /// - Complexity: O(horizon).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try Forecast.validate(horizon: horizon, levels: levels)
        guard levels.isEmpty else {
            throw .invalidSpecification("\(method) gives point forecasts only (it has no stochastic model, as in R's croston); "
                + "ask for no interval levels")
        }
        return Forecast(mean: [Double](repeating: level, count: horizon))
    }

    // MARK: - The methods

    /// The forecast of `method` on `values`, with given smoothing parameters and aggregation
    /// levels (for fitted values) or estimated ones (`nil`).
    static func fit(_ values: [Double], method: Method, alphas given: [Double]? = nil, levels givenLevels: [Int]? = nil)
        -> (level: Double, alphas: [Double], levels: [Int]) {
        let demand = values.filter { $0 > 0 }
        guard !demand.isEmpty else { return (0, given ?? [], givenLevels ?? []) }
        switch method {
        case .croston, .crostonSBA, .crostonOptimized:
            let gaps = intervals(values)
            let alphaDemand: Double, alphaInterval: Double
            if let given, given.count == 2 {
                (alphaDemand, alphaInterval) = (given[0], given[1])
            } else if case .crostonOptimized = method {
                (alphaDemand, alphaInterval) = (goldenSection(demand), goldenSection(gaps))
            } else {
                (alphaDemand, alphaInterval) = (0.1, 0.1)
            }
            let size = ses(demand, alpha: alphaDemand), interval = ses(gaps, alpha: alphaInterval)
            var forecast = interval != 0 ? size / interval : size
            if case .crostonSBA = method { forecast *= 0.95 }
            return (forecast, [alphaDemand, alphaInterval], [])
        case let .tsb(alphaDemand, alphaProbability):
            let occurrence = values.map { $0 != 0 ? 1.0 : 0.0 }
            return (ses(occurrence, alpha: alphaProbability) * ses(demand, alpha: alphaDemand), [alphaDemand, alphaProbability], [])
        case .adida:
            let k = givenLevels?.first ?? roundedMeanInterval(values)
            let (sum, alpha) = blockForecast(values, k: k, alpha: given?.first)
            return (sum / Double(k), [alpha], [k])
        case .imapa:
            let levels = givenLevels ?? Array(1...roundedMeanInterval(values))
            var total = 0.0, alphas: [Double] = []
            for (j, k) in levels.enumerated() {
                let (sum, alpha) = blockForecast(values, k: k, alpha: given.flatMap { j < $0.count ? $0[j] : nil })
                total += sum / Double(k)
                alphas.append(alpha)
            }
            return (total / Double(levels.count), alphas, levels)
        }
    }

    /// The periods from each demand to the previous one (the first from the start of the series).
    static func intervals(_ values: [Double]) -> [Double] {
        var out: [Double] = [], previous = 0
        for (t, value) in values.enumerated() where value != 0 {
            out.append(Double(t + 1 - previous))
            previous = t + 1
        }
        return out
    }

    /// The mean interval between demands rounded half to even (as numpy's `round`), at least 1.
    static func roundedMeanInterval(_ values: [Double]) -> Int {
        let gaps = intervals(values)
        guard !gaps.isEmpty else { return 1 }
        return max(1, Int((gaps.reduce(0, +) / Double(gaps.count)).rounded(.toNearestOrEven)))
    }

    /// SES's one-step forecast after the last value, level started at the first.
    static func ses(_ x: [Double], alpha: Double) -> Double {
        guard var level = x.first else { return 0 }
        guard x.count > 1 else { return level }
        for value in x { level = alpha * value + (1 - alpha) * level }
        return level
    }

    /// Σ (xₜ − ℓₜ₋₁)² over t ≥ 1, with ℓ₀ = x₀.
    static func sumOfSquares(_ x: [Double], alpha: Double) -> Double {
        guard x.count >= 2 else { return 0 }
        var level = x[0], sum = 0.0
        for t in 1..<x.count {
            level = alpha * x[t - 1] + (1 - alpha) * level
            let error = x[t] - level
            sum += error * error
        }
        return sum
    }

    /// The α in [lower, upper] minimising ``sumOfSquares(_:alpha:)`` by golden-section search,
    /// narrowing the bracket below 10⁻¹² or stopping when two probes tie; the bracket's midpoint.
    static func goldenSection(_ x: [Double], lower: Double = 0.1, upper: Double = 0.3) -> Double {
        let ratio = (5.0.squareRoot() + 1) / 2
        var a = lower, b = upper
        var c = b - (b - a) / ratio, d = a + (b - a) / ratio
        var fc = sumOfSquares(x, alpha: c), fd = sumOfSquares(x, alpha: d)
        while abs(b - a) >= 1e-12 {
            if fc < fd {
                b = d; d = c; fd = fc
                c = b - (b - a) / ratio
                fc = sumOfSquares(x, alpha: c)
            } else if fd < fc {
                a = c; c = d; fc = fd
                d = a + (b - a) / ratio
                fd = sumOfSquares(x, alpha: d)
            } else {
                break
            }
        }
        return (a + b) / 2
    }

    /// The optimised-SES forecast of the sums of non-overlapping blocks of `k` periods, the
    /// oldest incomplete block dropped (the last value when no block is complete, the one
    /// block's sum when there is one), and the α used (`alpha` when given).
    static func blockForecast(_ values: [Double], k: Int, alpha given: Double?) -> (sum: Double, alpha: Double) {
        let n = values.count, lost = n % k
        guard n - lost >= k else { return (values[n - 1], given ?? .nan) }
        let sums = stride(from: lost, to: n, by: k).map { start in values[start..<(start + k)].reduce(0, +) }
        guard sums.count > 1 else { return (sums[0], given ?? .nan) }
        let alpha = given ?? goldenSection(sums)
        return (ses(sums, alpha: alpha), alpha)
    }
}
