import Foundation
import Statistics

/// The optimised Theta models of Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler (2016) —
/// STM, OTM, DSTM and DOTM — and their automatic selection, as statsforecast 2.1.1's `AutoTheta`,
/// `Theta`, `OptimizedTheta`, `DynamicTheta` and `DynamicOptimizedTheta` compute them.
///
/// **Seasonal adjustment.** For `m ≥ 4` and `n ≥ 2m` the lag-m autocorrelation is tested as in
/// ``Theta`` (`|r_m| > z_{0.95} √((1 + 2 Σ_{k<m} r_k²)/n)`); a seasonal series is divided by the
/// classical multiplicative decomposition's indices (statsmodels' `seasonal_decompose`), or has
/// the additive indices subtracted when the data are not all positive or an index is below 0.01.
/// Forecasts are reseasonalised with the last m indices.
///
/// **The model** on the (adjusted) series `y₁…yₙ`, with states level `ℓ`, running mean `ȳ`, and
/// the regression line's intercept `A` and slope `B`, `p = 1 − α`, `k = 1 − 1/θ`:
/// `μ_t = ℓ_{t−1} + k (A_{t−1} p^{t−1} + B_{t−1} (1 − p^t)/α)` (t counted from 1),
/// `ℓ_t = α y_t + p ℓ_{t−1}`, `ȳ_t = ((t−1) ȳ_{t−1} + y_t)/t`; the dynamic models update
/// `B_t = ((t−2) B_{t−1} + 6 (y_t − ȳ_{t−1})/t)/(t+1)`, `A_t = ȳ_t − B_t (t+1)/2`, the standard
/// ones keep the least-squares line of the whole series. Initial state: `ℓ₁ = α y₁ + p ℓ₀`,
/// `ȳ₁ = y₁`; dynamic `A₁ = y₁, B₁ = 0, μ₁ = y₁`, static `μ₁ = ℓ₀ + k (A + B)`.
/// STM and DSTM fix `θ = 2`; OTM and DOTM estimate it.
///
/// **Estimation.** ``BoundedNelderMead`` from `ℓ₀ = y₁/2, α = 0.5, θ = 2` within
/// `α ∈ [0.1, 0.99]`, `θ ∈ [1, 10¹⁰]`, `ℓ₀ ∈ [−10¹⁰, 10¹⁰]`, minimising
/// `Σ_{t>3} (y_t − μ_t)² / mean|y|`. AutoTheta fits all four and keeps the least such value.
///
/// **Forecasts** run the recursion on with `y = μ`. **Intervals**: statsforecast draws 200
/// paths of `y = μ + ε`, `ε ~ N(0, σ²)` with `σ` the sample standard deviation (n − 1) of the
/// data-scale residuals after the first three, updating `ℓ, ȳ, A, B` as the dynamic models do (for
/// every variant), and takes the paths' empirical quantiles. Every path is affine in the `ε`s, so
/// this distribution is Gaussian; UrbanCast gives its exact quantiles, `c_h ± z σ ‖w_h‖`, where
/// `c_h` is the path with `ε = 0` and `w_h` its weights on `ε₁…ε_h` (statsforecast's are these
/// up to its 200-draw Monte Carlo error), then reseasonalised as the forecasts.
public struct OptimisedTheta: FittedForecaster {
    /// One of the four models of Fiorucci et al. (2016).
    public enum Variant: String, CaseIterable, Sendable, Hashable {
        /// Standard theta model: θ = 2, the regression line of the whole series.
        case stm
        /// Optimised theta model: θ estimated, the regression line of the whole series.
        case otm
        /// Dynamic standard theta model: θ = 2, the regression line updated each period.
        case dstm
        /// Dynamic optimised theta model: θ estimated, the regression line updated each period.
        case dotm

        /// Whether the regression line is updated each period.
        var isDynamic: Bool { self == .dstm || self == .dotm }
        /// Whether θ is estimated.
        var estimatesTheta: Bool { self == .otm || self == .dotm }
        /// The model's name in capitals, as the paper and statsforecast write it.
        public var name: String { rawValue.uppercased() }
    }

    /// How the series was seasonally adjusted before the model was fitted.
    public enum SeasonalAdjustment: String, Sendable, Hashable {
        /// Not seasonal, not adjusted.
        case none
        /// Divided by the multiplicative indices.
        case multiplicative
        /// The additive indices subtracted.
        case additive
    }

    /// The model fitted (the one chosen, for AutoTheta).
    public let variant: Variant
    /// Whether the variant was chosen automatically among all four.
    public let isAutomatic: Bool
    /// The estimated (or fixed) initial level `ℓ₀`.
    public let initialLevel: Double
    /// The smoothing parameter α.
    public let alpha: Double
    /// The theta coefficient θ (2 for STM and DSTM).
    public let theta: Double
    /// The criterion minimised, `Σ_{t>3} e_t² / mean|y|` on the adjusted series (NaN if undefined).
    public let criterion: Double
    /// The seasonal adjustment applied.
    public let seasonalAdjustment: SeasonalAdjustment
    /// One-step fitted values on the data's scale.
    public let fittedValues: [Double]
    /// Training residuals `y − ŷ` on the data's scale.
    public let residuals: [Double]
    /// The standard deviation of the interval's innovations.
    public let sigma: Double
    let count: Int
    let seasonLength: Int
    let finalState: State
    let adjustedMean: Double
    let lastSeasonalIndices: [Double]

    /// The four states after an observation: level, running mean, intercept and slope.
    struct State: Sendable {
        var level: Double, mean: Double, intercept: Double, slope: Double
    }

    /// Fit one variant, or choose the best of all four (AutoTheta).
    ///
    /// - Parameters:
    ///   - values: the series, without missing values.
    ///   - seasonLength: observations per season (1 for none).
    ///   - variant: the model, or `nil` to fit all four and keep the least criterion.
    /// - Throws: `ForecastingError.missingValues`; `.tooShort` below 4 observations;
    ///   `.notConverged` when no variant has a finite criterion.
    /// - Complexity: O(n) per objective evaluation, at most ~4,000 evaluations per variant.
    public init(_ values: [Double], seasonLength: Int, variant: Variant? = nil) throws(ForecastingError) {
        try self.init(values, seasonLength: seasonLength, variant: variant, fixed: nil, automatic: variant == nil)
    }

    /// Fit, or with `fixed` parameters only run the model through `values` (statsforecast's
    /// `forward_theta`: the seasonal test and decomposition are redone on `values`).
    init(_ values: [Double], seasonLength: Int, variant: Variant?, fixed: Parameters?, automatic: Bool)
        throws(ForecastingError)
    {
        let label = variant?.name ?? "AutoTheta"
        guard !values.contains(where: { !$0.isFinite }) else { throw .missingValues(model: label) }
        let n = values.count
        guard n >= 4 else { throw .tooShort(model: label, count: n, minimum: 4) }
        let m = seasonLength
        var adjustment = SeasonalAdjustment.none
        var indices: [Double] = []
        if m >= 4 && n >= 2 * m && Set(values).count > 1 {
            if Theta.lagAutocorrelationIsSignificant(values, lag: m) {
                let positive = values.allSatisfy { $0 > 0 }
                if positive {
                    indices = ETSInitialization.classicalSeasonal(values, period: m, multiplicative: true)
                    adjustment = .multiplicative
                }
                if !positive || indices.contains(where: { $0 < 0.01 }) {
                    indices = ETSInitialization.classicalSeasonal(values, period: m, multiplicative: false)
                    adjustment = .additive
                }
            }
        }
        var y = values
        switch adjustment {
        case .none: break
        case .multiplicative: for t in 0..<n { y[t] /= indices[t] }
        case .additive: for t in 0..<n { y[t] -= indices[t] }
        }
        var chosen: (variant: Variant, fit: Self.Fit)?
        for candidate in variant.map({ [$0] }) ?? Variant.allCases {
            let fit = Self.fitVariant(candidate, y, fixed: fixed)
            if !fit.criterion.isNaN, fit.criterion < (chosen?.fit.criterion ?? .infinity) { chosen = (candidate, fit) }
        }
        guard let chosen else {
            throw .notConverged(model: label, detail: "no theta model has a finite one-step error")
        }
        let fit = chosen.fit
        self.variant = chosen.variant
        isAutomatic = automatic
        self.seasonLength = seasonLength
        initialLevel = fit.initialLevel
        alpha = fit.alpha
        theta = fit.theta
        criterion = fit.criterion
        seasonalAdjustment = adjustment
        count = n
        finalState = fit.finalState
        adjustedMean = y.reduce(0, +) / Double(n)
        lastSeasonalIndices = adjustment == .none ? [] : Array(indices.suffix(m))
        var fitted = fit.oneStep
        switch adjustment {
        case .none: break
        case .multiplicative: for t in 0..<n { fitted[t] *= indices[t] }
        case .additive: for t in 0..<n { fitted[t] += indices[t] }
        }
        fittedValues = fitted
        let e = zip(values, fitted).map { $0 - $1 }
        residuals = e
        let tail = n - 3 >= 2 ? Array(e.suffix(n - 3)) : e
        let mean = tail.reduce(0, +) / Double(tail.count)
        sigma = (tail.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(tail.count - 1)).squareRoot()
    }

    /// The same model with ``initialLevel``, ``alpha`` and ``theta`` held and only its state run
    /// through `values` — statsforecast's `forward` (the seasonal test and decomposition are redone
    /// on `values`, as statsforecast redoes them). Used by `backtest --no-refit`.
    ///
    /// - Throws: as ``init(_:seasonLength:variant:)``.
    /// - Complexity: O(n).
    public func refiltered(on values: [Double]) throws(ForecastingError) -> (any FittedForecaster)? {
        try OptimisedTheta(values, seasonLength: seasonLength, variant: variant,
                           fixed: Parameters(initialLevel: initialLevel, alpha: alpha, theta: theta),
                           automatic: isAutomatic)
    }

    /// The model's name (e.g. `DOTM`, or `AutoTheta(DOTM)`), its parameters and `σ²`.
    public var summary: ModelSummary {
        ModelSummary(
            name: isAutomatic ? "AutoTheta(\(variant.name))" : variant.name,
            parameters: [("initial_level", initialLevel), ("alpha", alpha), ("theta", theta)],
            sigma2: sigma * sigma)
    }

    /// Point forecasts (the recursion run on with `y = μ`) and the exact quantiles of
    /// statsforecast's simulated interval distribution, reseasonalised.
    ///
    /// - Throws: `ForecastingError.invalidSpecification` for a bad horizon or level.
    /// - Complexity: O(horizon²) for the interval weights, O(horizon × levels) for the bounds.
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try validate(horizon: horizon, levels: levels)
        var state = finalState
        var mean = [Double](repeating: 0, count: horizon)
        for j in 0..<horizon {
            let mu = Self.prediction(state, index: count + j, alpha: alpha, theta: theta)
            mean[j] = mu
            Self.update(&state, index: count + j, observed: mu, alpha: alpha, dynamic: variant.isDynamic)
        }
        let (centre, spread) = intervalDistribution(horizon: horizon)
        let sorted = levels.sorted()
        var lower: [[Double]] = [], upper: [[Double]] = []
        for level in sorted {
            let z = Normal.standard.quantile(0.5 + level / 200)
            lower.append((0..<horizon).map { reseasonalised(centre[$0] - z * spread[$0], step: $0) })
            upper.append((0..<horizon).map { reseasonalised(centre[$0] + z * spread[$0], step: $0) })
        }
        return Forecast(mean: (0..<horizon).map { reseasonalised(mean[$0], step: $0) },
                        levels: sorted, lower: lower, upper: upper)
    }

    /// A value on the adjusted scale put back on the data's scale at forecast step `step`.
    func reseasonalised(_ value: Double, step: Int) -> Double {
        switch seasonalAdjustment {
        case .none: return value
        case .multiplicative: return value * lastSeasonalIndices[step % lastSeasonalIndices.count]
        case .additive: return value + lastSeasonalIndices[step % lastSeasonalIndices.count]
        }
    }

    /// The mean path `c_h` and standard deviation `σ ‖w_h‖` of statsforecast's simulated paths
    /// (adjusted scale): each state is carried as a constant plus weights on `ε₁…ε_h`.
    ///
    /// - Complexity: O(horizon²).
    func intervalDistribution(horizon: Int) -> (centre: [Double], spread: [Double]) {
        var level = Affine(constant: finalState.level, horizon: horizon)
        var runningMean = Affine(constant: adjustedMean, horizon: horizon)
        var intercept = Affine(constant: finalState.intercept, horizon: horizon)
        var slope = Affine(constant: finalState.slope, horizon: horizon)
        var centre = [Double](repeating: 0, count: horizon), spread = centre
        let k = 1 - 1 / theta, p = 1 - alpha
        for j in 0..<horizon {
            let i = Double(count + j)
            let a = k * Foundation.pow(p, i), b = k * (1 - Foundation.pow(p, i + 1)) / alpha
            var sample = level
            sample.add(intercept, times: a)
            sample.add(slope, times: b)
            sample.weights[j] += 1
            centre[j] = sample.constant
            spread[j] = sigma * (sample.weights.prefix(j + 1).reduce(0) { $0 + $1 * $1 }).squareRoot()
            level.scale(p); level.add(sample, times: alpha)
            runningMean.scale(i / (i + 1)); runningMean.add(sample, times: 1 / (i + 1))
            // B = ((i − 1) B + 6 (sample − ȳ)/(i + 1))/(i + 2), with the updated mean
            slope.scale((i - 1) / (i + 2))
            slope.add(sample, times: 6 / ((i + 1) * (i + 2)))
            slope.add(runningMean, times: -6 / ((i + 1) * (i + 2)))
            intercept = runningMean
            intercept.add(slope, times: -(i + 2) / 2)
        }
        return (centre, spread)
    }

    /// A quantity linear in the future innovations: `constant + Σ weights[j] ε_j`.
    struct Affine {
        var constant: Double
        var weights: [Double]
        init(constant: Double, horizon: Int) {
            self.constant = constant
            weights = [Double](repeating: 0, count: horizon)
        }
        mutating func scale(_ c: Double) {
            constant *= c
            for j in weights.indices { weights[j] *= c }
        }
        mutating func add(_ other: Affine, times c: Double) {
            constant += c * other.constant
            for j in weights.indices { weights[j] += c * other.weights[j] }
        }
    }
}

extension OptimisedTheta {
    /// One variant's estimates on the adjusted series.
    struct Fit {
        var initialLevel: Double, alpha: Double, theta: Double
        var criterion: Double
        var oneStep: [Double]
        var finalState: State
    }

    /// The one-step prediction `μ` of the observation with 0-based index `index` from the state
    /// after the previous one.
    @inline(__always)
    static func prediction(_ s: State, index: Int, alpha: Double, theta: Double) -> Double {
        let p = 1 - alpha
        return s.level + (1 - 1 / theta)
            * (s.intercept * Foundation.pow(p, Double(index)) + s.slope * (1 - Foundation.pow(p, Double(index + 1))) / alpha)
    }

    /// The state after observing `observed` at 0-based index `index ≥ 1`.
    @inline(__always)
    static func update(_ s: inout State, index: Int, observed y: Double, alpha: Double, dynamic: Bool) {
        let i = Double(index)
        let previousMean = s.mean
        s.level = alpha * y + (1 - alpha) * s.level
        s.mean = (i * previousMean + y) / (i + 1)
        if dynamic {
            s.slope = ((i - 1) * s.slope + 6 * (y - previousMean) / (i + 1)) / (i + 2)
            s.intercept = s.mean - s.slope * (i + 2) / 2
        }
    }

    /// statsforecast's marker for a failed prediction (its `NA`, −99999).
    static let missingMarker = -99999.0

    /// Run the model through `y`: the criterion `Σ_{t≥3} e_t² / mean|y|` (0-based t; NaN when a
    /// prediction equals statsforecast's missing marker, as statsforecast), the one-step
    /// predictions when `oneStep` is given, and the final state.
    static func filter(_ y: UnsafeBufferPointer<Double>, variant: Variant, initialLevel: Double, alpha: Double,
                       theta: Double, meanAbsolute: Double, oneStep: UnsafeMutableBufferPointer<Double>?)
        -> (criterion: Double, state: State)
    {
        let n = y.count
        var state: State
        let mu0: Double
        if variant.isDynamic {
            state = State(level: 0, mean: y[0], intercept: y[0], slope: 0)
            mu0 = y[0]
        } else {
            // The least-squares line of y on t = 1…n.
            let nn = Double(n)
            var sum = 0.0, weighted = 0.0
            for t in 0..<n { sum += y[t]; weighted += y[t] * Double(t + 1) }
            let mean = sum / nn
            let slope = 6 * (2 * (weighted / nn) - (nn + 1) * mean) / (nn * nn - 1)
            state = State(level: 0, mean: y[0], intercept: mean - (nn + 1) * slope / 2, slope: slope)
            mu0 = initialLevel + (1 - 1 / theta) * (state.intercept + state.slope)
        }
        state.level = alpha * y[0] + (1 - alpha) * initialLevel
        oneStep?[0] = mu0
        var sse = 0.0
        for t in 1..<n {
            let mu = prediction(state, index: t, alpha: alpha, theta: theta)
            if Swift.abs(mu - missingMarker) < 1e-10 { return (.nan, state) }
            oneStep?[t] = mu
            if t >= 3 { let e = y[t] - mu; sse += e * e }
            update(&state, index: t, observed: y[t], alpha: alpha, dynamic: variant.isDynamic)
        }
        return (sse / meanAbsolute, state)
    }

    /// Parameters held fixed when refiltering.
    struct Parameters {
        var initialLevel: Double, alpha: Double, theta: Double
    }

    /// Estimate one variant on the adjusted series as statsforecast does (or only filter with
    /// `fixed` parameters).
    static func fitVariant(_ variant: Variant, _ y: [Double], fixed: Parameters? = nil) -> Fit {
        let n = y.count
        let meanAbsolute = Swift.max(y.reduce(0) { $0 + Swift.abs($1) } / Double(n), 1e-10)
        if let fixed { return evaluate(variant, y, [fixed.initialLevel, fixed.alpha, fixed.theta], meanAbsolute) }
        var start = [y[0] / 2, 0.5], lower = [-1e10, 0.1], upper = [1e10, 0.99]
        if variant.estimatesTheta { start.append(2); lower.append(1); upper.append(1e10) }
        let result = y.withUnsafeBufferPointer { series in
            BoundedNelderMead(lower: lower, upper: upper).minimize(start: start) { p in
                let value = filter(series, variant: variant, initialLevel: p[0], alpha: p[1],
                                   theta: p.count > 2 ? p[2] : 2, meanAbsolute: meanAbsolute, oneStep: nil).criterion
                // statsforecast's target: floored at −1e10, and NaN counted as −∞.
                return value.isNaN ? -.infinity : Swift.max(value, -1e10)
            }
        }
        return evaluate(variant, y, result.parameters, meanAbsolute)
    }

    /// The fit at parameters `p` (ℓ₀, α and, when present, θ; 2 otherwise).
    static func evaluate(_ variant: Variant, _ y: [Double], _ p: [Double], _ meanAbsolute: Double) -> Fit {
        let n = y.count
        let theta = p.count > 2 ? p[2] : 2
        var oneStep = [Double](repeating: .nan, count: n)
        let (criterion, state) = y.withUnsafeBufferPointer { series in
            oneStep.withUnsafeMutableBufferPointer { out in
                filter(series, variant: variant, initialLevel: p[0], alpha: p[1], theta: theta,
                       meanAbsolute: meanAbsolute, oneStep: out)
            }
        }
        return Fit(initialLevel: p[0], alpha: p[1], theta: theta, criterion: criterion, oneStep: oneStep,
                   finalState: state)
    }
}
