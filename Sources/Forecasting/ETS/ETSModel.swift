import Foundation
import Statistics

/// An exponential smoothing state-space model, ETS(error, trend, season), fitted by maximum
/// likelihood as R forecast 8.20's `ets` does it.
///
/// Estimation follows R step by step: initial states as R's `initstate` (classical decomposition,
/// or a trend-plus-Fourier regression for short seasonal series, then a line through the first
/// max(10, 2m) deseasonalised values), starting smoothing parameters as `initparam`, then
/// Nelder–Mead (R's `nmmin`, 2000 evaluations, tolerance √ε) on R's criterion
///
///     lik = n·log(Σε²) + 2·Σlog|μ[t]|      (the second sum for multiplicative errors only)
///
/// over (α, β, γ, φ, ℓ₀, b₀, s₀ … s_{m−2}); the last initial season is fixed so that the seasons
/// sum to 0 (additive) or m (multiplicative). Parameters outside ``ETSOptions/bounds`` count as
/// infinitely bad. R's reported figures follow:
///
///     logLik = −lik/2,  AIC = lik + 2k,  AICc = AIC + 2k(k+1)/(n−k−1),  BIC = lik + k·log n,
///     σ² = Σε²/(n − k + 1)
///
/// with k = number of estimated parameters and free initial states + 1 (R counts σ²). Note that
/// R's log-likelihood omits the constant −(n/2)(1 + log(2π/n)), so it is not comparable with
/// ARIMA log-likelihoods; we report R's figure.
///
/// ```swift
/// let model = try ETSModel.fit(airPassengers, seasonLength: 12,
///                              specification: ETSSpecification(parsing: "MAdM"))
/// model.summary.name          // "ETS(M,Ad,M)"
/// let f = try model.forecast(horizon: 24, levels: [80, 95])
/// ```
public struct ETSModel: FittedForecaster {
    /// The fitted form.
    public let specification: ETSSpecification
    /// Observations per season (1 for non-seasonal models).
    public let seasonLength: Int
    /// Level smoothing α.
    public let alpha: Double
    /// Trend smoothing β, nil without a trend.
    public let beta: Double?
    /// Seasonal smoothing γ, nil without a season.
    public let gamma: Double?
    /// Damping φ, nil when the trend is not damped.
    public let phi: Double?
    /// Initial states in R's order and names: `l`, `b`, `s1` … `sm` (s1 the latest season of the
    /// first cycle; all m seasons, including the implied one).
    public let initialStates: [Double]
    /// Final states after the last observation, same order as ``initialStates``.
    public let finalStates: [Double]
    /// Name, parameters (α, β, γ, φ then `l`, `b`, `s0` … `s{m−2}` as R's `par`), σ², log-likelihood,
    /// AIC, AICc and BIC, all as R reports them.
    public let summary: ModelSummary
    /// One-step-ahead forecasts μ[t] on the training data.
    public let fittedValues: [Double]
    /// `y − μ` on the scale of the data (for multiplicative errors R's own residuals are the relative
    /// errors ε; see ``innovations``).
    public let residuals: [Double]
    /// The model's innovations ε[t]: `y − μ` (additive error) or `(y − μ)/μ` (multiplicative), R's `residuals(fit)`.
    public let innovations: [Double]
    /// σ², the innovation variance as R computes it.
    public let sigma2: Double
    /// Estimation options used (they also carry the simulation settings for intervals).
    public let options: ETSOptions
    /// Number of optimiser evaluations and its stopping reason.
    public let optimizer: (evaluations: Int, status: NelderMead.Status)
    /// Maximum likelihood, or R's Holt–Winters fallback for short series (then the summary has no
    /// likelihood or information criteria, as in R).
    public let estimation: Estimation

    /// Fits one ETS form to a series.
    ///
    /// - Parameters:
    ///   - y: the observations, oldest first; finite values only.
    ///   - seasonLength: observations per season m (12 monthly, 4 quarterly, 1 none); a seasonal
    ///     form needs 2 ≤ m ≤ 24.
    ///   - specification: the form, e.g. `ETSSpecification(parsing: "AAdN")`.
    ///   - options: bounds and optimiser settings, R's defaults.
    /// - Returns: the fitted model.
    /// - Throws: `ForecastingError.invalidSpecification` for R's forbidden forms and season-length
    ///   violations; `.nonPositiveData` for multiplicative components on data ≤ 0; `.missingValues`
    ///   for NaN or infinite values; `.tooShort` when there are more parameters than n − 2, or when
    ///   even R's short-series fallback cannot be fitted (an empty series, or a season with n < 2m
    ///   and no other way out); `.notConverged` when the
    ///   likelihood cannot be evaluated at the starting values.
    ///
    /// As R, a seasonal form on a series no longer than one season (n ≤ m) is fitted without its
    /// season, and the summary's name says so.
    ///
    /// When n ≤ 4 + R's rough parameter count (`2 + 2·trend + m·season + damped`), R does not use
    /// maximum likelihood but a Holt–Winters least-squares fit whose form may differ from the one
    /// asked for (e.g. a seasonal request on a short series gets a trend); so do we, recorded in
    /// ``estimation`` and in the summary's name.
    /// - Complexity: O(E·n) for E ≤ 2000 likelihood evaluations of O(n) each, with no allocation
    ///   inside the optimiser loop.
    public static func fit(
        _ y: [Double], seasonLength: Int, specification: ETSSpecification,
        options: ETSOptions = ETSOptions()
    ) throws(ForecastingError) -> ETSModel {
        var specification = specification
        // R drops the season before any other check when the series is no longer than one cycle.
        if specification.season != .none && seasonLength >= 1 && y.count <= seasonLength {
            specification.season = .none
        }
        try specification.validate(seasonLength: seasonLength)
        try checkData(y, specification: specification)
        let minimum = specification.roughParameterCount(seasonLength: seasonLength) + 5
        if y.count < minimum {
            return try shortSeriesFit(
                y, seasonLength: seasonLength, trend: specification.trend,
                season: specification.season, options: options, label: specification.name)
        }
        return try estimate(y, seasonLength: seasonLength, specification: specification, options: options)
    }

    static func checkData(_ y: [Double], specification: ETSSpecification) throws(ForecastingError) {
        if y.contains(where: { !$0.isFinite }) { throw .missingValues(model: specification.name) }
        let multiplicative =
            specification.error == .multiplicative || specification.season == .multiplicative
            || specification.trend.code == 2
        if multiplicative && y.contains(where: { $0 <= 0 }) { throw .nonPositiveData(model: specification.name) }
    }

    /// R's `etsmodel`: everything after the model-level checks.
    static func estimate(
        _ y: [Double], seasonLength: Int, specification: ETSSpecification,
        options: ETSOptions
    ) throws(ForecastingError) -> ETSModel {
        let m = specification.season == .none ? 1 : seasonLength
        let hasTrend = specification.trend != .none
        let hasSeason = specification.season != .none
        let damped = specification.trend.isDamped
        let smoothing = ETSInitialization.parameters(
            specification: specification, seasonLength: m,
            bounds: options.bounds, lower: options.lower, upper: options.upper)
        var scratch = [Double](repeating: 0, count: ETSAdmissibility.scratchCount(seasonLength: m))
        let startAdmissible = scratch.withUnsafeMutableBufferPointer { buffer in
            ETSAdmissibility.check(
                alpha: smoothing[0], beta: hasTrend ? smoothing[1] : 0,
                gamma: hasSeason ? smoothing[hasTrend ? 2 : 1] : 0,
                phi: damped ? smoothing[smoothing.count - 1] : 1,
                hasTrend: hasTrend, hasSeason: hasSeason, damped: damped, seasonLength: m,
                options: options, scratch: buffer)
        }
        guard startAdmissible else {
            throw .notConverged(model: specification.name, detail: "the starting parameters are outside the bounds")
        }
        let states = try ETSInitialization.states(y, specification: specification, seasonLength: m)
        let start = smoothing + states
        if start.count >= y.count - 1 {
            throw .tooShort(model: specification.name, count: y.count, minimum: start.count + 2)
        }
        let objective = ETSObjective(
            specification: specification, seasonLength: m, parameterCount: smoothing.count,
            options: options)
        let lower = [Double](repeating: -.infinity, count: start.count)
        let result = y.withUnsafeBufferPointer { series in
            objective.withWorkspace { workspace in
                NelderMead.minimize(
                    start: start,
                    options: NelderMead.Options(
                        relativeTolerance: options.relativeTolerance,
                        maximumEvaluations: options.maximumEvaluations,
                        lower: lower, upper: nil)
                ) { parameters, bound in
                    objective.value(parameters, y: series, workspace: workspace, bound: bound)
                }
            }
        }
        if result.status == .infeasibleStart {
            throw .notConverged(
                model: specification.name, detail: "the likelihood is not finite at the starting values")
        }
        return assemble(
            y, seasonLength: m, specification: specification, parameters: result.parameters,
            smoothingCount: smoothing.count, options: options,
            optimizer: (result.evaluations, result.status))
    }

    /// Refilters at the optimum and computes R's reported statistics.
    static func assemble(
        _ y: [Double], seasonLength m: Int, specification: ETSSpecification, parameters: [Double],
        smoothingCount: Int, options: ETSOptions,
        optimizer: (evaluations: Int, status: NelderMead.Status)
    ) -> ETSModel {
        let hasTrend = specification.trend != .none
        let hasSeason = specification.season != .none
        let damped = specification.trend.isDamped
        var index = 0
        let alpha = parameters[index]
        index += 1
        let beta: Double? = hasTrend ? parameters[index] : nil
        if hasTrend { index += 1 }
        let gamma: Double? = hasSeason ? parameters[index] : nil
        if hasSeason { index += 1 }
        let phi: Double? = damped ? parameters[index] : nil
        let freeStates = Array(parameters[smoothingCount...])
        let initial = ETSObjective.fullState(freeStates, specification: specification, seasonLength: m)
        let recursion = ETSRecursion(
            specification: specification, seasonLength: m, alpha: alpha, beta: beta ?? 0,
            gamma: gamma ?? 0, phi: phi ?? 1)
        let n = y.count
        var innovations = [Double](repeating: 0, count: n)
        var fitted = [Double](repeating: 0, count: n)
        var level = initial[0]
        var slope = hasTrend ? initial[1] : 0
        let seasonStart = hasTrend ? 2 : 1
        var ring = [Double](repeating: 0, count: m)
        if hasSeason { for i in 0..<m { ring[i] = initial[seasonStart + m - 1 - i] } }
        var position = 0
        let lik = y.withUnsafeBufferPointer { series in
            ring.withUnsafeMutableBufferPointer { ringBuffer in
                innovations.withUnsafeMutableBufferPointer { e in
                    fitted.withUnsafeMutableBufferPointer { f in
                        recursion.filter(
                            y: series, level: &level, slope: &slope, ring: ringBuffer, position: &position,
                            residuals: e, fitted: f)
                    }
                }
            }
        }
        var final = [level]
        if hasTrend { final.append(slope) }
        if hasSeason {
            // Back to R's order: s1 is the latest season, sm the one due next.
            for k in 0..<m { final.append(ring[(position + m - 1 - k) % m]) }
        }
        let k = parameters.count + 1
        let sampleSize = Double(n)
        let aic = lik + 2 * Double(k)
        let bic = lik + Foundation.log(sampleSize) * Double(k)
        let aicc = aic + 2 * Double(k) * Double(k + 1) / (sampleSize - Double(k) - 1)
        let sigma2 = innovations.reduce(0) { $0 + $1 * $1 } / (sampleSize - Double(parameters.count))

        var named: [(name: String, value: Double)] = [("alpha", alpha)]
        if let beta { named.append(("beta", beta)) }
        if let gamma { named.append(("gamma", gamma)) }
        if let phi { named.append(("phi", phi)) }
        named.append(("l", freeStates[0]))
        if hasTrend { named.append(("b", freeStates[1])) }
        if hasSeason {
            for j in 0..<(m - 1) { named.append(("s\(j)", freeStates[seasonStart + j])) }
        }
        let summary = ModelSummary(
            name: specification.name, parameters: named, sigma2: sigma2,
            logLikelihood: -0.5 * lik, aic: aic, aicc: aicc, bic: bic)
        let residuals = (0..<n).map { y[$0] - fitted[$0] }
        return ETSModel(
            specification: specification, seasonLength: m, alpha: alpha, beta: beta, gamma: gamma,
            phi: phi, initialStates: initial, finalStates: final, summary: summary,
            fittedValues: fitted, residuals: residuals, innovations: innovations, sigma2: sigma2,
            options: options, optimizer: optimizer, estimation: .maximumLikelihood)
    }

    /// R's `ets(values, model = self, use.initial.values = TRUE)`: the same smoothing parameters
    /// and initial states, filtered through `values`; σ², the likelihood and the criteria are
    /// recomputed, nothing is estimated.
    ///
    /// - Throws: `.missingValues` for non-finite values; `.tooShort` for an empty series.
    /// - Complexity: one pass of the recursions, O(n · m).
    public func refiltered(on values: [Double]) throws(ForecastingError) -> (any FittedForecaster)? {
        if values.contains(where: { !$0.isFinite }) { throw .missingValues(model: specification.name) }
        guard !values.isEmpty else { throw .tooShort(model: specification.name, count: 0, minimum: 1) }
        var parameters = [alpha]
        if let beta { parameters.append(beta) }
        if let gamma { parameters.append(gamma) }
        if let phi { parameters.append(phi) }
        let smoothingCount = parameters.count
        // The free initial states: all but the implied last season.
        parameters += specification.season == .none ? initialStates : Array(initialStates.dropLast())
        return ETSModel.assemble(values, seasonLength: seasonLength, specification: specification, parameters: parameters,
                                 smoothingCount: smoothingCount, options: options, optimizer: (0, .converged))
    }

    var recursion: ETSRecursion {
        ETSRecursion(
            specification: specification, seasonLength: seasonLength, alpha: alpha, beta: beta ?? 0,
            gamma: gamma ?? 0, phi: phi ?? 1)
    }
}

/// R's `etsTargetFunction` for `opt.crit = "lik"`: unpacks the optimiser's vector, rejects
/// parameters outside the bounds or negative multiplicative seasons, and filters the series.
struct ETSObjective {
    let specification: ETSSpecification
    let seasonLength: Int
    let parameterCount: Int
    let options: ETSOptions

    /// Buffers reused by every evaluation: the season ring and the polynomial scratch.
    struct Workspace {
        let ring: UnsafeMutableBufferPointer<Double>
        let scratch: UnsafeMutableBufferPointer<Double>
    }

    func withWorkspace<R>(_ body: (Workspace) -> R) -> R {
        let m = seasonLength
        var ring = [Double](repeating: 0, count: m)
        var scratch = [Double](repeating: 0, count: ETSAdmissibility.scratchCount(seasonLength: m))
        return ring.withUnsafeMutableBufferPointer { r in
            scratch.withUnsafeMutableBufferPointer { s in body(Workspace(ring: r, scratch: s)) }
        }
    }

    /// The initial state with the implied last season appended (R: m·[multiplicative] − Σ others).
    static func fullState(_ free: [Double], specification: ETSSpecification, seasonLength m: Int) -> [Double] {
        guard specification.season != .none else { return free }
        let seasonStart = specification.trend == .none ? 1 : 2
        var total = 0.0
        for i in seasonStart..<free.count { total += free[i] }
        return free + [(specification.season == .multiplicative ? Double(m) : 0) - total]
    }

    /// R's target value at `p`, or any value `≥ bound` once it is known to be at least `bound`
    /// (the contract of ``NelderMead/minimize(start:options:bounded:)``, which makes the
    /// optimiser's path the same as with the exact value).
    ///
    /// Two shortcuts follow from that contract. For additive errors `lik = n·log Σε²` only grows
    /// with each step, so the pass stops once `Σε² > exp(bound/n)·(1 + 10⁻¹²)` (the margin keeps
    /// rounding from deciding). And the characteristic-polynomial part of the admissibility test
    /// runs after the pass, only for points below the bound: a point at or above it is dropped
    /// whether it is admissible or not.
    func value(_ p: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, workspace: Workspace,
               bound: Double = .infinity) -> Double {
        let hasTrend = specification.trend != .none
        let hasSeason = specification.season != .none
        let damped = specification.trend.isDamped
        var index = 0
        let alpha = p[index]
        index += 1
        let beta = hasTrend ? p[index] : 0
        if hasTrend { index += 1 }
        let gamma = hasSeason ? p[index] : 0
        if hasSeason { index += 1 }
        let phi = damped ? p[index] : 1
        let m = seasonLength
        guard
            ETSAdmissibility.check(
                alpha: alpha, beta: beta, gamma: gamma, phi: phi, hasTrend: hasTrend,
                hasSeason: hasSeason, damped: damped, seasonLength: m, options: options,
                scratch: workspace.scratch, polynomialTest: false)
        else { return .infinity }

        var level = p[parameterCount]
        var slope = hasTrend ? p[parameterCount + 1] : 0
        if hasSeason {
            let seasonStart = parameterCount + (hasTrend ? 2 : 1)
            let ring = workspace.ring
            // ring[0] is the season due first: R's implied last season s_{m−1}.
            var total = 0.0
            for j in 0..<(m - 1) {
                let s = p[seasonStart + j]
                ring[m - 1 - j] = s
                total += s
            }
            ring[0] = (specification.season == .multiplicative ? Double(m) : 0) - total
            if specification.season == .multiplicative {
                for j in 0..<m where ring[j] < 0 { return .infinity }
            }
        }
        var position = 0
        let recursion = ETSRecursion(
            specification: specification, seasonLength: m, alpha: alpha, beta: beta,
            gamma: gamma, phi: phi)
        var limit = Double.infinity
        if specification.error == .additive && bound.isFinite {
            limit = Foundation.exp(bound / Double(y.count)) * (1 + 1e-12)
        }
        var lik = recursion.filter(y: y, level: &level, slope: &slope, ring: workspace.ring, position: &position,
                                   sumOfSquaresLimit: limit)
        // R's guards: a perfect fit is capped, undefined values are infinitely bad.
        if lik < -1e10 { lik = -1e10 }
        if lik.isNaN { return .infinity }
        if lik >= bound { return .infinity }
        if hasSeason && options.bounds != .usual {
            let admissible = ETSAdmissibility.check(
                alpha: alpha, beta: beta, gamma: gamma, phi: phi, hasTrend: hasTrend,
                hasSeason: hasSeason, damped: damped, seasonLength: m, options: options,
                scratch: workspace.scratch)
            if !admissible { return .infinity }
        }
        return lik
    }
}
