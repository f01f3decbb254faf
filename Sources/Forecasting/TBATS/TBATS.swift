import Foundation
import LinearAlgebra
import Statistics

/// A TBATS model's structure: which components it has (De Livera, Hyndman & Snyder 2011).
///
/// The letters of R's `TBATS(λ, {p,q}, φ, {<m₁,k₁>, …})`: a Box–Cox transform, a trend (damped
/// or not), trigonometric seasonal terms with `kᵢ` harmonics for each period `mᵢ` (which need not
/// be an integer: 365.25), and ARMA(p, q) errors.
public struct TBATSConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Whether the series is Box–Cox transformed with an estimated λ (R's `use.box.cox`).
    public var useBoxCox: Bool
    /// Whether the model has a trend (R's `use.trend`).
    public var useTrend: Bool
    /// Whether the trend is damped (R's `use.damped.trend`); ignored without a trend.
    public var useDamping: Bool
    /// The seasonal periods, ascending, each above 1 (may be fractional).
    public var periods: [Double]
    /// The harmonics `kᵢ ≥ 1` per period.
    public var harmonics: [Int]
    /// The ARMA orders of the errors.
    public var p: Int, q: Int

    /// A configuration.
    ///
    /// - Parameters:
    ///   - useBoxCox: estimate a Box–Cox λ in (0, 1).
    ///   - useTrend: include a trend.
    ///   - useDamping: damp the trend (only with a trend).
    ///   - periods: seasonal periods, ascending, each above 1.
    ///   - harmonics: harmonics per period, each at least 1.
    ///   - p: AR order of the errors.
    ///   - q: MA order of the errors.
    public init(useBoxCox: Bool, useTrend: Bool, useDamping: Bool, periods: [Double], harmonics: [Int],
                p: Int = 0, q: Int = 0) {
        self.useBoxCox = useBoxCox
        self.useTrend = useTrend
        self.useDamping = useTrend && useDamping
        self.periods = periods
        self.harmonics = harmonics
        self.p = p
        self.q = q
    }

    /// State dimension `1 + trend + 2 Σ kᵢ + p + q`.
    public var stateCount: Int { 1 + (useTrend ? 1 : 0) + 2 * harmonics.reduce(0, +) + p + q }

    /// R's printed form without λ's value, e.g. `TBATS(λ, {5,4}, -, {<48,14>, <336,6>})`, or
    /// `BATS(λ, {2,2}, -, -)` without periods.
    public var description: String {
        let seasons = zip(periods, harmonics).map { "<\(TBATSModel.format(period: $0.0)),\($0.1)>" }
        let head = "(\(useBoxCox ? "λ" : "1"), {\(p),\(q)}, \(useTrend ? (useDamping ? "φ" : "1") : "-"), "
        return periods.isEmpty ? "BATS" + head + "-)" : "TBATS" + head + "{" + seasons.joined(separator: ", ") + "})"
    }
}

/// The estimated parameters of a TBATS model.
public struct TBATSParameters: Sendable, Equatable {
    /// Box–Cox λ, `nil` without a transform.
    public var lambda: Double?
    /// Level smoothing α.
    public var alpha: Double
    /// Trend smoothing β, `nil` without a trend.
    public var beta: Double?
    /// Damping φ: 1 for an undamped trend, `nil` without a trend.
    public var phi: Double?
    /// Seasonal smoothing γ₁ and γ₂ per period.
    public var gammaOne: [Double], gammaTwo: [Double]
    /// AR and MA coefficients of the errors.
    public var ar: [Double], ma: [Double]
}

/// The innovations state-space form of a TBATS model on the transformed scale, R's
/// `w`, `F` and `g` (`makeTBATSWMatrix`, `makeTBATSFMatrix`, `updateTBATSGMatrix`).
///
/// State `x = (ℓ, b, s₁₁…s₁ₖ₁, s*₁₁…s*₁ₖ₁, …, d₁…d_p, ε₁…ε_q)`. With `a = Σ φᵢ dᵢ + Σ θⱼ εⱼ` and
/// `u = a + e`:
///
///     ŷ = ℓ + φ b + Σᵢ Σⱼ sᵢⱼ + a
///     ℓ' = ℓ + φ b + α u,   b' = φ b + β u
///     sᵢⱼ' = cos λᵢⱼ sᵢⱼ + sin λᵢⱼ s*ᵢⱼ + γ₁ᵢ u,   s*ᵢⱼ' = −sin λᵢⱼ sᵢⱼ + cos λᵢⱼ s*ᵢⱼ + γ₂ᵢ u
///     d₁' = u, dᵢ' = dᵢ₋₁,   ε₁' = e, εⱼ' = εⱼ₋₁
///
/// with `λᵢⱼ = 2πj/mᵢ`; that is `x' = F x + g e` and `ŷ = w'x`, run in O(state) per step.
struct TBATSStateSpace {
    let configuration: TBATSConfiguration
    var parameters: TBATSParameters
    /// cos and sin of every harmonic, in state order.
    let cosines: [Double], sines: [Double]
    /// γ₁ and γ₂ per harmonic, in state order.
    var gammaOneBold: [Double], gammaTwoBold: [Double]

    init(configuration: TBATSConfiguration, parameters: TBATSParameters) {
        self.configuration = configuration
        self.parameters = parameters
        var cosines: [Double] = [], sines: [Double] = []
        for (m, k) in zip(configuration.periods, configuration.harmonics) {
            for j in 1...max(k, 1) where j <= k {
                let angle = 2 * Double.pi * Double(j) / m
                cosines.append(Foundation.cos(angle))
                sines.append(Foundation.sin(angle))
            }
        }
        self.cosines = cosines
        self.sines = sines
        gammaOneBold = []
        gammaTwoBold = []
        setGammas()
    }

    mutating func setGammas() {
        gammaOneBold.removeAll(keepingCapacity: true)
        gammaTwoBold.removeAll(keepingCapacity: true)
        for (i, k) in configuration.harmonics.enumerated() {
            for _ in 0..<k {
                gammaOneBold.append(parameters.gammaOne[i])
                gammaTwoBold.append(parameters.gammaTwo[i])
            }
        }
    }

    var trendOffset: Int { configuration.useTrend ? 1 : 0 }
    var harmonicCount: Int { cosines.count }
    var seasonalStart: Int { 1 + trendOffset }

    /// `w'x`.
    @inline(__always)
    func predict(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
        var yHat = x[0]
        if configuration.useTrend { yHat += (parameters.phi ?? 1) * x[1] }
        var position = seasonalStart
        for k in configuration.harmonics {
            for j in 0..<k { yHat += x[position + j] }
            position += 2 * k
        }
        yHat += armaCombination(x)
        return yHat
    }

    @inline(__always)
    func armaCombination(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
        let start = seasonalStart + 2 * harmonicCount
        var a = 0.0
        for i in 0..<configuration.p { a += parameters.ar[i] * x[start + i] }
        for j in 0..<configuration.q { a += parameters.ma[j] * x[start + configuration.p + j] }
        return a
    }

    /// `x ← F x + g e`, in place.
    @inline(__always)
    func advance(_ x: UnsafeMutableBufferPointer<Double>, error e: Double) {
        let a = armaCombination(x)
        let u = a + e
        let alpha = parameters.alpha
        if configuration.useTrend {
            let phi = parameters.phi ?? 1
            let b = x[1]
            x[0] = x[0] + phi * b + alpha * u
            x[1] = phi * b + (parameters.beta ?? 0) * u
        } else {
            x[0] = x[0] + alpha * u
        }
        var position = seasonalStart, h = 0
        for k in configuration.harmonics {
            for j in 0..<k {
                let s = x[position + j], sStar = x[position + k + j]
                let c = cosines[h + j], sn = sines[h + j]
                x[position + j] = c * s + sn * sStar + gammaOneBold[h + j] * u
                x[position + k + j] = -sn * s + c * sStar + gammaTwoBold[h + j] * u
            }
            position += 2 * k
            h += k
        }
        let p = configuration.p, q = configuration.q
        if p > 0 {
            var i = p - 1
            while i > 0 { x[position + i] = x[position + i - 1]; i -= 1 }
            x[position] = u
        }
        if q > 0 {
            let start = position + p
            var j = q - 1
            while j > 0 { x[start + j] = x[start + j - 1]; j -= 1 }
            x[start] = e
        }
    }

    /// `w` as a dense vector.
    var w: [Double] {
        var w = [Double](repeating: 0, count: configuration.stateCount)
        w[0] = 1
        if configuration.useTrend { w[1] = parameters.phi ?? 1 }
        var position = seasonalStart
        for k in configuration.harmonics {
            for j in 0..<k { w[position + j] = 1 }
            position += 2 * k
        }
        for i in 0..<configuration.p { w[position + i] = parameters.ar[i] }
        for j in 0..<configuration.q { w[position + configuration.p + j] = parameters.ma[j] }
        return w
    }

    /// `g` as a dense vector.
    var g: [Double] {
        var g = [Double](repeating: 0, count: configuration.stateCount)
        g[0] = parameters.alpha
        if configuration.useTrend { g[1] = parameters.beta ?? 0 }
        var position = seasonalStart, h = 0
        for k in configuration.harmonics {
            for j in 0..<k {
                g[position + j] = gammaOneBold[h + j]
                g[position + k + j] = gammaTwoBold[h + j]
            }
            position += 2 * k
            h += k
        }
        if configuration.p > 0 { g[position] = 1 }
        if configuration.q > 0 { g[position + configuration.p] = 1 }
        return g
    }

    /// `F x` for a dense vector.
    func transition(_ vector: [Double]) -> [Double] {
        var x = vector
        x.withUnsafeMutableBufferPointer { advance($0, error: 0) }
        return x
    }

    /// `D = F − g w'` as a dense matrix (row-major rows).
    func discountMatrix() -> Matrix {
        let n = configuration.stateCount
        var columns: [[Double]] = []
        columns.reserveCapacity(n)
        for j in 0..<n {
            var unit = [Double](repeating: 0, count: n)
            unit[j] = 1
            columns.append(transition(unit))
        }
        let w = self.w, g = self.g
        for j in 0..<n where w[j] != 0 {
            for i in 0..<n { columns[j][i] -= g[i] * w[j] }
        }
        return Matrix(columns: columns)
    }

    /// Run the filter over `y` from `seed`: the sum of squared errors, and optionally the
    /// one-step predictions, errors and final state.
    func filter(_ y: [Double], seed: [Double], state: inout [Double],
                predictions: UnsafeMutablePointer<Double>? = nil,
                errors: UnsafeMutablePointer<Double>? = nil) -> Double {
        for i in state.indices { state[i] = seed[i] }
        var sse = 0.0
        state.withUnsafeMutableBufferPointer { x in
            for t in y.indices {
                let yHat = predict(x)
                let e = y[t] - yHat
                predictions?[t] = yHat
                errors?[t] = e
                sse += e * e
                advance(x, error: e)
            }
        }
        return sse
    }
}

/// A TBATS model fitted as R `forecast::tbats` fits one configuration (`fitSpecificTBATS`,
/// forecast 8.20): trigonometric seasonality, Box–Cox transform, ARMA errors, trend and
/// seasonal components (De Livera, Hyndman & Snyder 2011, *JASA* 106:1513–1527).
///
/// Estimation, step by step as R:
/// 1. Starting values `α = 0.09`, `β = 0.05`, `φ = 0.999` (damped), `γ₁ = γ₂ = 0`, AR and MA
///    coefficients 0, and λ from ``BoxCox/guerreroLambda(_:seasonLength:lower:upper:)`` on
///    [0, 1] with the largest period (R's `BoxCox.lambda(y, lower = 0, upper = 1)` on an `msts`).
/// 2. Seed states: the errors `ỹ` of a pass from a zero state at the starting values are
///    regressed, without intercept, on `w̃ₜ' = w'Dᵗ⁻¹` (`D = F − g w'`, ARMA columns dropped;
///    R's `lm`, computed as R by ``LINPACKLeastSquares``); the ARMA seeds are 0. With Box–Cox the
///    seeds are back-transformed with the starting λ and re-transformed with each trial λ.
/// 3. R's objective `L = n log Σ eₜ² − 2(λ − 1) Σ log yₜ` (the second term only with Box–Cox),
///    +∞ when not admissible: λ outside (0, 1), φ outside [0.8, 1], an AR or MA root within
///    1.01 of the unit circle, or an eigenvalue of `D` of modulus 1.01 or more.
/// 4. R's `optim` Nelder–Mead (``NelderMead``) on `(λ, α, φ, β, γ₁…, γ₂…, φ₁…, θ₁…)` with
///    `parscale = (0.001, 0.01, 0.01, 0.01, 10⁻⁵…, 0.1…)` and `maxit = 100·npar²`.
/// 5. `AIC = L + 2 (npar + states)`, `σ² = Σ e²/n` on the transformed scale.
///
/// ``likelihood`` is R's `fit$likelihood` (the objective `L`, which is −2 log-likelihood up to a
/// constant); ``summary`` reports `−L/2` as the log-likelihood and R's AIC.
///
/// Forecasts are R's `forecast.tbats`: the state run forward by `F`, intervals from the
/// transformed-scale variance `σ² (1 + Σ_{j<h} (w'Fʲ⁻¹g)²)` back-transformed (medians; no bias
/// adjustment, as R's default), the lower bound floored at 0 when λ < 1. One documented
/// difference: forecast 8.20's `forecast.tbats` builds its `g` from `object$beta.v`, a field
/// the fitted object does not have, so for a model with a trend R's intervals use a `g` without
/// the trend's β and with the seasonal γ's shifted one place; here the intervals use the `g` the
/// model was estimated with. Point forecasts do not involve `g` and agree with R's.
public struct TBATSModel: FittedForecaster {
    /// The model's structure.
    public let configuration: TBATSConfiguration
    /// The estimated parameters.
    public let parameters: TBATSParameters
    /// R's objective at the estimates (`fit$likelihood`).
    public let likelihood: Double
    /// R's AIC, `likelihood + 2 (parameters + states)`.
    public let aic: Double
    /// Innovation variance on the transformed scale, `Σ e²/n`.
    public let variance: Double
    /// The seed states `x₀` on the transformed scale.
    public let seedStates: [Double]
    /// The state after the last observation.
    public let finalState: [Double]
    /// One-step errors on the transformed scale (R's `fit$errors`).
    public let innovations: [Double]
    /// One-step fitted values, back-transformed.
    public let fittedValues: [Double]
    /// `y − ŷ` on the scale of the data.
    public let residuals: [Double]
    /// Objective evaluations the optimiser used and why it stopped.
    public let evaluations: Int, optimiserStatus: NelderMead.Status

    /// The transform, `nil` without Box–Cox.
    public var boxCox: BoxCox? { parameters.lambda.map { BoxCox(lambda: $0) } }

    /// Fit one configuration as R's `fitSpecificTBATS`.
    ///
    /// - Parameters:
    ///   - values: the series, finite; positive when `configuration.useBoxCox`.
    ///   - configuration: the model's structure; periods ascending and above 1, harmonics ≥ 1.
    ///   - initialLambda: the starting λ (R's `init.box.cox`); `nil` takes Guerrero's on [0, 1].
    /// - Throws: `ForecastingError.missingValues`; `.invalidSpecification` for a bad
    ///   configuration or Box–Cox on non-positive data; `.tooShort` below `states + 2`
    ///   observations; `.notConverged` when the seed regression is rank deficient or the
    ///   objective is infinite at the start (R's fit fails there too).
    /// - Complexity: O(n · states²) for the seeds, then per evaluation O(n · states + states³).
    public static func fit(_ values: [Double], configuration: TBATSConfiguration,
                           initialLambda: Double? = nil) throws(ForecastingError) -> TBATSModel {
        try validate(values, configuration: configuration)
        return try fitValidated(values, configuration: configuration, initialLambda: initialLambda)
    }

    /// R's `fitSpecificBATS` without seasonal periods, the non-seasonal candidate R's `tbats`
    /// compares with (through `bats`): the TBATS recursion without seasonal states, with BATS's
    /// settings — α's scale 0.1, an inadmissible point valued 10²⁰ (not +∞), no NaN check, and
    /// R's BFGS (``BFGSMinimizer``) instead of Nelder–Mead when α is the only parameter.
    ///
    /// - Parameters:
    ///   - values: the series, finite.
    ///   - configuration: a configuration without periods.
    ///   - initialLambda: the starting λ (`bats` takes Guerrero's with a season of 2).
    /// - Throws: as ``fit(_:configuration:initialLambda:)``.
    /// - Complexity: as ``fit(_:configuration:initialLambda:)``.
    static func fitNonSeasonalBATS(_ values: [Double], configuration: TBATSConfiguration,
                                   initialLambda: Double?) throws(ForecastingError) -> TBATSModel {
        try validate(values, configuration: configuration, allowNonSeasonal: true)
        guard configuration.periods.isEmpty else {
            throw .invalidSpecification("the non-seasonal BATS fit takes no seasonal periods")
        }
        return try fitValidated(values, configuration: configuration, initialLambda: initialLambda)
    }

    static func fitValidated(_ values: [Double], configuration: TBATSConfiguration,
                             initialLambda: Double?) throws(ForecastingError) -> TBATSModel {
        let bats = configuration.periods.isEmpty
        let n = values.count
        let c = configuration
        let point = try startingPoint(values, configuration: c, initialLambda: initialLambda)
        var model = point.model
        let seed = point.seed, start = point.start, startLambda = point.start.lambda
        let states = c.stateCount
        var state = [Double](repeating: 0, count: states)
        let untransformedSeed = startLambda.map { lam in seed.map { BoxCox(lambda: lam).inverse($0) } }

        // Parameter vector, R's `parameterise` order, and its scales (`makeParscale`).
        var startVector: [Double] = [], scales: [Double] = []
        if let lam = startLambda { startVector.append(lam); scales.append(0.001) }
        startVector.append(start.alpha); scales.append(bats ? 0.1 : 0.01)
        if c.useTrend {
            if c.useDamping { startVector.append(0.999); scales.append(0.01) }
            startVector.append(0.05); scales.append(0.01)
        }
        startVector += start.gammaOne + start.gammaTwo
        scales += [Double](repeating: 1e-5, count: 2 * c.periods.count)
        startVector += start.ar + start.ma
        scales += [Double](repeating: 0.1, count: c.p + c.q)
        let logSum = c.useBoxCox ? values.reduce(0) { $0 + Foundation.log($1) } : 0
        var yTransformed = values
        var seedNow = seed
        // `bound`: NelderMead's early-stop contract (see ``NelderMead/minimize(start:options:bounded:)``).
        // A point whose likelihood term is already at or above the value it must beat is rejected
        // whether or not it is admissible (the penalty, +∞ or 10²⁰, is above that term too), so
        // its O(states³) eigenvalue test is skipped.
        func objective(_ vector: [Double], bound: Double = .infinity) -> Double {
            let parameters = Self.unpack(vector, configuration: c)
            model.parameters = parameters
            model.setGammas()
            if let lam = parameters.lambda, let untransformed = untransformedSeed {
                let transform = BoxCox(lambda: lam)
                for i in 0..<n { yTransformed[i] = transform.transform(values[i]) }
                for i in 0..<states { seedNow[i] = transform.transform(untransformed[i]) }
            }
            let sse = model.filter(yTransformed, seed: seedNow, state: &state)
            var value = Double(n) * Foundation.log(sse)
            if let lam = parameters.lambda { value -= 2 * (lam - 1) * logSum }
            if value >= bound { return value }
            if bats { return Self.isAdmissible(model) ? value : 1e20 }
            if value.isNaN { return .infinity }
            return Self.isAdmissible(model) ? value : .infinity
        }
        let name = bats ? "BATS" : "TBATS"
        let estimateVector: [Double], optimum: Double, evaluations: Int, status: NelderMead.Status
        if bats && startVector.count == 1 {
            let options = BFGSOptions(parameterScale: scales)
            guard let result = try? BFGSMinimizer.minimize(start: startVector, options: options, objective: { objective($0) }),
                  result.value.isFinite else {
                throw .notConverged(model: name, detail: "the likelihood is not finite at R's starting values")
            }
            estimateVector = result.parameters
            optimum = result.value
            evaluations = result.functionEvaluations
            status = result.converged ? .converged : .maximumEvaluationsReached
        } else {
            let scaledStart = zip(startVector, scales).map { $0 / $1 }
            let options = NelderMead.Options(maximumEvaluations: 100 * startVector.count * startVector.count)
            let result = NelderMead.minimize(start: scaledStart, options: options, bounded: { point, bound in
                objective(zip(point, scales).map { $0 * $1 }, bound: bound)
            })
            guard result.status != .infeasibleStart, result.objective.isFinite else {
                throw .notConverged(model: name, detail: "the likelihood is not finite at R's starting values")
            }
            estimateVector = zip(result.parameters, scales).map { $0 * $1 }
            optimum = result.objective
            evaluations = result.evaluations
            status = result.status
        }
        let estimates = Self.unpack(estimateVector, configuration: c)
        model.parameters = estimates
        model.setGammas()
        let transform = estimates.lambda.map { BoxCox(lambda: $0) }
        let finalSeed = transform.map { t in (untransformedSeed ?? seed).map { t.transform($0) } } ?? seed
        let yFinal = transform?.transform(values) ?? values
        var predictions = [Double](repeating: 0, count: n), errors = [Double](repeating: 0, count: n)
        let sse = predictions.withUnsafeMutableBufferPointer { p in
            errors.withUnsafeMutableBufferPointer { e in
                model.filter(yFinal, seed: finalSeed, state: &state, predictions: p.baseAddress, errors: e.baseAddress)
            }
        }
        let fitted = transform.map { t in predictions.map { t.inverse($0) } } ?? predictions
        let parameterCount = startVector.count
        return TBATSModel(
            configuration: c, parameters: estimates, likelihood: optimum,
            aic: optimum + 2 * Double(parameterCount + states), variance: sse / Double(n),
            seedStates: finalSeed, finalState: state, innovations: errors, fittedValues: fitted,
            residuals: zip(values, fitted).map { $0 - $1 }, evaluations: evaluations,
            optimiserStatus: status)
    }

    /// R's objective `n log Σe² − 2(λ − 1) Σ log y` at given parameters, with the seed states R's
    /// fit derives for `configuration` (+∞ where not admissible): for checking the objective
    /// against R's at R's own estimates.
    ///
    /// - Parameters:
    ///   - values: the series.
    ///   - configuration: the structure.
    ///   - vector: parameters in R's order `(λ, α, φ, β, γ₁…, γ₂…, φ₁…, θ₁…)` (unscaled).
    ///   - initialLambda: R's starting λ (without periods: the non-seasonal BATS objective, 10²⁰
    ///     where not admissible).
    /// - Throws: as ``fit(_:configuration:initialLambda:)``.
    /// - Complexity: O(n · states²).
    public static func objective(_ values: [Double], configuration c: TBATSConfiguration, at vector: [Double],
                                 initialLambda: Double? = nil) throws(ForecastingError) -> Double {
        try validate(values, configuration: c, allowNonSeasonal: true)
        let bats = c.periods.isEmpty
        let point = try startingPoint(values, configuration: c, initialLambda: initialLambda)
        var model = point.model, seed = point.seed
        let startLambda = point.start.lambda
        var state = [Double](repeating: 0, count: c.stateCount)
        let parameters = unpack(vector, configuration: c)
        model.parameters = parameters
        model.setGammas()
        var y = values
        if let lam = parameters.lambda, let lam0 = startLambda {
            let t = BoxCox(lambda: lam), t0 = BoxCox(lambda: lam0)
            seed = seed.map { t.transform(t0.inverse($0)) }
            y = t.transform(values)
        }
        let sse = model.filter(y, seed: seed, state: &state)
        var value = Double(values.count) * Foundation.log(sse)
        if let lam = parameters.lambda { value -= 2 * (lam - 1) * values.reduce(0) { $0 + Foundation.log($1) } }
        if bats { return isAdmissible(model) ? value : 1e20 }
        if value.isNaN { return .infinity }
        return isAdmissible(model) ? value : .infinity
    }

    /// R's starting values (step 1) and seed states (step 2): the state space at the start, the
    /// starting parameters and the seeds on the starting λ's scale.
    static func startingPoint(_ values: [Double], configuration c: TBATSConfiguration, initialLambda: Double?)
        throws(ForecastingError) -> (model: TBATSStateSpace, start: TBATSParameters, seed: [Double])
    {
        let startLambda: Double? = c.useBoxCox
            ? (initialLambda ?? BoxCox.guerreroLambda(values, seasonLength: Int(c.periods.last ?? 1), lower: 0, upper: 1))
            : nil
        let start = TBATSParameters(
            lambda: startLambda, alpha: 0.09, beta: c.useTrend ? 0.05 : nil,
            phi: c.useTrend ? (c.useDamping ? 0.999 : 1) : nil,
            gammaOne: [Double](repeating: 0, count: c.periods.count),
            gammaTwo: [Double](repeating: 0, count: c.periods.count),
            ar: [Double](repeating: 0, count: c.p), ma: [Double](repeating: 0, count: c.q))
        let model = TBATSStateSpace(configuration: c, parameters: start)
        let yStart = startLambda.map { BoxCox(lambda: $0).transform(values) } ?? values
        var state = [Double](repeating: 0, count: c.stateCount)
        var yTilde = [Double](repeating: 0, count: values.count)
        _ = yTilde.withUnsafeMutableBufferPointer { e in
            model.filter(yStart, seed: [Double](repeating: 0, count: c.stateCount), state: &state, errors: e.baseAddress)
        }
        return (model, start, try seedStates(model: model, yTilde: yTilde))
    }

    static func validate(_ values: [Double], configuration c: TBATSConfiguration,
                         allowNonSeasonal: Bool = false) throws(ForecastingError) {
        guard values.allSatisfy(\.isFinite) else { throw .missingValues(model: "TBATS") }
        guard c.periods.count == c.harmonics.count, allowNonSeasonal || !c.periods.isEmpty else {
            throw .invalidSpecification("TBATS needs one harmonic count per seasonal period, and at least one period")
        }
        guard c.periods.allSatisfy({ $0 > 1 && $0.isFinite }), zip(c.periods, c.periods.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidSpecification("TBATS seasonal periods must be distinct, ascending and above 1")
        }
        guard c.harmonics.allSatisfy({ $0 >= 1 }), c.p >= 0, c.q >= 0 else {
            throw .invalidSpecification("TBATS needs at least one harmonic per period and non-negative ARMA orders")
        }
        if c.useBoxCox, values.contains(where: { $0 <= 0 }) {
            throw .invalidSpecification("a Box–Cox TBATS needs positive data")
        }
        let minimum = c.stateCount + 2
        guard values.count >= minimum else { throw .tooShort(model: "TBATS", count: values.count, minimum: minimum) }
    }

    /// R's `unParameteriseTBATS`.
    static func unpack(_ v: [Double], configuration c: TBATSConfiguration) -> TBATSParameters {
        var i = 0
        func next() -> Double { defer { i += 1 }; return v[i] }
        let lambda: Double? = c.useBoxCox ? next() : nil
        let alpha = next()
        var beta: Double?, phi: Double?
        if c.useTrend {
            phi = c.useDamping ? next() : 1
            beta = next()
        }
        let m = c.periods.count
        let gammaOne = Array(v[i..<(i + m)]); i += m
        let gammaTwo = Array(v[(i)..<(i + m)]); i += m
        let ar = Array(v[i..<(i + c.p)]); i += c.p
        let ma = Array(v[i..<(i + c.q)])
        return TBATSParameters(lambda: lambda, alpha: alpha, beta: beta, phi: phi, gammaOne: gammaOne,
                               gammaTwo: gammaTwo, ar: ar, ma: ma)
    }

    /// R's `checkAdmissibility` with `bc.lower = 0`, `bc.upper = 1`.
    static func isAdmissible(_ model: TBATSStateSpace) -> Bool {
        let p = model.parameters
        if let lam = p.lambda, lam <= 0 || lam >= 1 { return false }
        if let phi = p.phi, model.configuration.useTrend, phi < 0.8 || phi > 1 { return false }
        if !p.ar.isEmpty, ARIMAPolynomial.minimumRootModulus(ar: p.ar, tolerance: 1e-8) < 1.01 { return false }
        if !p.ma.isEmpty, ARIMAPolynomial.minimumRootModulus(ma: p.ma, tolerance: 1e-8) < 1.01 { return false }
        guard let eigen = try? GeneralEigenvalues(model.discountMatrix()) else { return false }
        return eigen.moduli.allSatisfy { $0 < 1.01 }
    }

    /// R's seed regression: `lm(ỹ ~ w̃ − 1)` with `w̃ₜ = w̃ₜ₋₁ D`, ARMA columns dropped, ARMA seeds 0.
    static func seedStates(model: TBATSStateSpace, yTilde: [Double]) throws(ForecastingError) -> [Double] {
        let c = model.configuration
        let n = yTilde.count, states = c.stateCount
        let kept = states - c.p - c.q
        let d = model.discountMatrix()
        var row = model.w
        var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: kept)
        var next = [Double](repeating: 0, count: states)
        for t in 0..<n {
            for j in 0..<kept { columns[j][t] = row[j] }
            if t == n - 1 { break }
            for j in 0..<states {
                var sum = 0.0
                for i in 0..<states where row[i] != 0 { sum += row[i] * d[i, j] }
                next[j] = sum
            }
            swap(&row, &next)
        }
        guard let fit = try? LINPACKLeastSquares(design: columns, response: yTilde), fit.rank == kept else {
            throw .notConverged(model: "TBATS", detail: "the seed-state regression is rank deficient (R's lm gives NA)")
        }
        return fit.coefficients + [Double](repeating: 0, count: c.p + c.q)
    }

    /// Periods as R prints them: `48`, `365.25`.
    static func format(period: Double) -> String {
        period == period.rounded() && abs(period) < 1e15 ? String(Int(period)) : String(period)
    }

    /// R's `as.character.tbats` name, e.g. `TBATS(0.081, {5,4}, -, {<48,14>, <336,6>})`, with the
    /// parameters (`lambda`, `alpha`, `beta`, `phi`, `gamma1.i`, `gamma2.i`, `ar.i`, `ma.i`), σ²,
    /// log-likelihood `−L/2` and R's AIC.
    public var summary: ModelSummary {
        let c = configuration, p = parameters
        let lambdaText = p.lambda.map { String(format: "%.3f", $0) } ?? "1"
        let phiText = c.useTrend ? (c.useDamping ? String(format: "%.3f", p.phi ?? 1) : "1") : "-"
        let seasons = zip(c.periods, c.harmonics).map { "<\(Self.format(period: $0.0)),\($0.1)>" }
        let name = c.periods.isEmpty
            ? "BATS(\(lambdaText), {\(c.p),\(c.q)}, \(phiText), -)"
            : "TBATS(\(lambdaText), {\(c.p),\(c.q)}, \(phiText), {" + seasons.joined(separator: ", ") + "})"
        var named: [(name: String, value: Double)] = []
        if let lam = p.lambda { named.append(("lambda", lam)) }
        named.append(("alpha", p.alpha))
        if let beta = p.beta { named.append(("beta", beta)) }
        if c.useDamping, let phi = p.phi { named.append(("phi", phi)) }
        for (i, g) in p.gammaOne.enumerated() { named.append(("gamma1.\(i + 1)", g)) }
        for (i, g) in p.gammaTwo.enumerated() { named.append(("gamma2.\(i + 1)", g)) }
        for (i, a) in p.ar.enumerated() { named.append(("ar\(i + 1)", a)) }
        for (i, m) in p.ma.enumerated() { named.append(("ma\(i + 1)", m)) }
        return ModelSummary(name: name, parameters: named, sigma2: variance, logLikelihood: -likelihood / 2, aic: aic)
    }

    /// Point forecasts on the transformed scale, `w'Fʰ⁻¹x_n`.
    func transformedForecasts(horizon: Int) -> [Double] {
        let model = TBATSStateSpace(configuration: configuration, parameters: parameters)
        var x = finalState
        var out = [Double](repeating: 0, count: horizon)
        x.withUnsafeMutableBufferPointer { buffer in
            for h in 0..<horizon {
                out[h] = model.predict(buffer)
                model.advance(buffer, error: 0)
            }
        }
        return out
    }

    /// `cⱼ = w'Fʲ⁻¹g` for j = 1 … horizon − 1: the response of the forecast j steps after a unit error.
    func errorWeights(horizon: Int) -> [Double] {
        let model = TBATSStateSpace(configuration: configuration, parameters: parameters)
        var v = model.g
        var weights: [Double] = []
        weights.reserveCapacity(max(horizon - 1, 0))
        v.withUnsafeMutableBufferPointer { buffer in
            for _ in 0..<max(horizon - 1, 0) {
                weights.append(model.predict(buffer))
                model.advance(buffer, error: 0)
            }
        }
        return weights
    }

    /// Forecast as R's `forecast.tbats` (with the model's own `g`, see the type's notes).
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, at least 1.
    ///   - levels: interval levels in percent.
    /// - Returns: back-transformed medians and intervals.
    /// - Throws: `ForecastingError.invalidSpecification` for a bad horizon or level.
    /// - Complexity: O(horizon · states).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try Forecast.validate(horizon: horizon, levels: levels)
        let mean = transformedForecasts(horizon: horizon)
        let weights = errorWeights(horizon: horizon)
        var multiplier = 1.0
        var standardErrors = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            if h > 0 { multiplier += weights[h - 1] * weights[h - 1] }
            standardErrors[h] = (variance * multiplier).squareRoot()
        }
        var result = normalIntervals(mean: mean, standardErrors: standardErrors, levels: levels)
        if let transform = boxCox {
            result.mean = mean.map(transform.inverse)
            for k in result.levels.indices {
                result.lower[k] = result.lower[k].map { transform.inverse($0) }
                if transform.lambda < 1 { result.lower[k] = result.lower[k].map { Swift.max($0, 0) } }
                result.upper[k] = result.upper[k].map(transform.inverse)
            }
        }
        return result
    }
}
