import Foundation
import Statistics

/// Complex exponential smoothing (Svetunkov & Kourentzes 2015; Svetunkov, Kourentzes & Ord 2022)
/// as statsforecast 2.1.1 fits it (`ces.py`, `ces.cpp`), one seasonal form at a time.
///
/// The level is a complex number `l + i c`, smoothed with the complex parameter `α₀ + i α₁`. With
/// `eₜ = yₜ − ŷₜ`, the states update as
///
///     lₜ = lₚ − (1 − α₁) cₚ + (α₀ − α₁) eₜ
///     cₜ = lₚ + (1 − α₀) cₚ + (α₀ + α₁) eₜ
///
/// where `p = t − 1`, except for the simple seasonal form (`S`), where `p = t − m` (a CES per
/// season). The partial form (`P`) adds an additive seasonal state `sₜ = sₜ₋ₘ + β₀ eₜ`; the full
/// form (`F`) adds a second complex state `(s, d)` smoothed by `β₀ + i β₁` with lag m, as the level.
/// The one-step forecast is `ŷₜ = lₜ₋₁` (`N`), `lₜ₋ₘ` (`S`), or `lₜ₋₁ + sₜ₋ₘ` (`P`, `F`).
///
/// Estimation, as statsforecast:
/// - Initial states: `N` — level the mean of the first `min(10, n)` values, `c = l/1.1`; `S` — the
///   first m values and each over 1.1; `P`/`F` — the mean of the first m values, that over 1.1,
///   the additive classical decomposition's seasonal figure (statsmodels `seasonal_decompose`,
///   with numpy's arithmetic: ``decompositionSeasonal(_:period:)``), and for `F` that figure over 1.1.
/// - The objective is `n · log(Σ eₜ²)` after a forward pass, a backward pass over the reversed
///   series (which back-casts the initial states) and a second forward pass ("backfitting"); NaN
///   maps to −∞ and values below −10¹⁰ to −10¹⁰, as statsforecast does.
/// - It is minimised by ``BoundedNelderMead`` from `α₀ = 1.3, α₁ = 1, β₀ = 0.1 (P) or 1.3 (F),
///   β₁ = 1`, with bounds by position `[0.01, 1.8], [0.01, 1.9], [0.01, 1.5], [0.01, 1.5]`.
/// - Criteria, with `k = components + 1` and `L = n · log(Σ e²)` of the final pass:
///   `AIC = L + 2k`, `BIC = L + k log n`, `AICc = AIC + 2k(k + 1)/(n − k − 1)`, `σ² = Σ e²/(n − k − 1)`
///   (statsforecast's "log-likelihood" is `−L/2`, without the Gaussian constants).
///
/// Intervals differ from statsforecast on purpose: statsforecast 2.1.1 adds `N(0, σ²)` noise to
/// every starting state and propagates it without future innovations (5000 draws, seeded), which
/// is not the model's forecast distribution. Here the model is read as the linear innovations
/// state-space model it is, `yₜ = ŷₜ + εₜ`, `εₜ ~ N(0, σ²)`, so step h has variance
/// `σ² (1 + Σ_{j<h} cⱼ²)` with `cⱼ` the response of the forecast j steps after a unit error, and
/// the intervals are `ŷ ± z σₕ`. ``FittedForecaster/pathSimulator(horizon:)`` draws paths from
/// the same model.
public struct ComplexExponentialSmoothing: FittedForecaster {
    /// The seasonal form, with statsforecast's letters.
    public enum Seasonality: String, Sendable, Hashable, CaseIterable {
        /// No seasonality: `N`.
        case none = "N"
        /// Simple (lagged) seasonality, a CES per season: `S`.
        case simple = "S"
        /// Partial seasonality, an additive seasonal state: `P`.
        case partial = "P"
        /// Full seasonality, a second complex state with lag m: `F`.
        case full = "F"

        /// Number of state components per row.
        var components: Int {
            switch self {
            case .none, .simple: 2
            case .partial: 3
            case .full: 4
            }
        }

        /// statsforecast's code: 0, 1, 2, 3.
        var code: Int {
            switch self {
            case .none: 0
            case .simple: 1
            case .partial: 2
            case .full: 3
            }
        }
    }

    /// The seasonal form fitted (`.none` whenever the season length is 1 or the series is
    /// shorter than two seasons, whatever was asked, as statsforecast).
    public let seasonality: Seasonality
    /// The lag of the seasonal states (1 for `.none`).
    public let seasonLength: Int
    /// The complex smoothing parameter `α₀ + i α₁`.
    public let alpha0: Double, alpha1: Double
    /// The seasonal smoothing parameters: `β₀` for `.partial` and `.full`, `β₁` for `.full`; NaN otherwise.
    public let beta0: Double, beta1: Double
    /// Residual variance `Σ e²/(n − k − 1)`.
    public let sigma2: Double
    /// statsforecast's `n · log(Σ e²)`, the quantity its criteria penalise.
    public let objective: Double
    /// statsforecast's information criteria (see the type's documentation).
    public let aic: Double, aicc: Double, bic: Double
    /// One-step fitted values `y − e` of the final forward pass.
    public let fittedValues: [Double]
    /// Residuals of the final forward pass.
    public let residuals: [Double]
    /// Nelder–Mead iterations used (0 when nothing was estimated).
    public let iterations: Int
    /// The last `seasonLength` state rows, row-major, `components` columns.
    let finalStates: [Double]

    /// Fit one seasonal form.
    ///
    /// - Parameters:
    ///   - values: the series, finite, oldest first.
    ///   - seasonLength: observations per season (1 for none).
    ///   - seasonality: the form; it falls back to `.none` when `seasonLength` is 1 or the series
    ///     holds fewer than two seasons.
    /// - Throws: `ForecastingError.missingValues` for non-finite values; `.invalidSpecification`
    ///   for a season length below 1; `.tooShort` when the series has no more values than the form
    ///   has parameters (statsforecast refuses these too); `.notConverged` when the fit's criterion
    ///   is NaN (the recursion diverged at the optimum).
    /// - Complexity: O(iterations · n · components), iterations at most 1000 · (parameters + 1).
    public static func fit(_ values: [Double], seasonLength: Int, seasonality: Seasonality) throws(ForecastingError)
        -> ComplexExponentialSmoothing
    {
        let model = try fitAllowingNaN(values, seasonLength: seasonLength, seasonality: seasonality, minimumLength: nil)
        guard !model.aicc.isNaN else {
            throw .notConverged(model: "CES(\(model.seasonality.rawValue))", detail: "the recursion diverged at the optimum")
        }
        return model
    }

    /// The form statsforecast would fit for this series (`.none` unless `m > 1` and `n ≥ 2m`).
    static func effectiveSeasonality(_ asked: Seasonality, count n: Int, seasonLength m: Int) -> Seasonality {
        m <= 1 || n < 2 * m ? .none : asked
    }

    /// The fit without the NaN check; ``AutoCES`` skips NaN criteria as statsforecast does.
    /// With `fixed` (α₀, α₁, β₀, β₁), nothing is estimated: the states are initialised and
    /// backfitted on `values` with those parameters (statsforecast's `forward`).
    static func fitAllowingNaN(_ values: [Double], seasonLength: Int, seasonality asked: Seasonality,
                               minimumLength: Int?, fixed: [Double]? = nil) throws(ForecastingError)
        -> ComplexExponentialSmoothing
    {
        guard values.allSatisfy(\.isFinite) else { throw .missingValues(model: "CES") }
        guard seasonLength >= 1 else {
            throw .invalidSpecification("the season length must be at least 1, not \(seasonLength)")
        }
        let n = values.count
        let seasonality = effectiveSeasonality(asked, count: n, seasonLength: seasonLength)
        let parameters = seasonality == .full ? 4 : seasonality == .partial ? 3 : 2
        let minimum = minimumLength ?? parameters + 1
        guard n >= minimum else { throw .tooShort(model: "CES", count: n, minimum: minimum) }
        let m = seasonality == .none ? 1 : seasonLength
        let recursion = CESRecursion(seasonality: seasonality, m: m)
        let initial = initialStates(values, m: m, seasonality: seasonality)
        var start = [1.3, 1.0]
        switch seasonality {
        case .partial: start.append(0.1)
        case .full: start += [1.3, 1.0]
        default: break
        }
        let bounds = BoundedNelderMead(lower: Array([0.01, 0.01, 0.01, 0.01].prefix(parameters)),
                                       upper: Array([1.8, 1.9, 1.5, 1.5].prefix(parameters)))
        var states = [Double](repeating: 0, count: (n + 2 * m) * seasonality.components)
        var errors = [Double](repeating: 0, count: n)
        var estimated: [Double], iterations = 0
        if let fixed {
            estimated = full(fixed, seasonality)
        } else {
            let result = bounds.minimize(start: start) { p in
                let value = recursion.backfit(values, initial: initial, parameters: Self.full(p, seasonality),
                                              states: &states, errors: &errors)
                guard let value else { return -.infinity }
                if value.isNaN { return -.infinity }
                return value < -1e10 ? -1e10 : value
            }
            estimated = full(result.parameters, seasonality)
            iterations = result.iterations
        }
        let likelihood = recursion.backfit(values, initial: initial, parameters: estimated,
                                           states: &states, errors: &errors) ?? .nan
        let k = Double(seasonality.components + 1)
        let count = Double(n)
        let aic = likelihood + 2 * k
        let bic = likelihood + Foundation.log(count) * k
        let aicc = count - k - 1 != 0 ? aic + 2 * k * (k + 1) / (count - k - 1) : .infinity
        let sse = errors.reduce(0) { $0 + $1 * $1 }
        let rowWidth = seasonality.components
        return ComplexExponentialSmoothing(
            seasonality: seasonality, seasonLength: m, alpha0: estimated[0], alpha1: estimated[1],
            beta0: estimated[2], beta1: estimated[3], sigma2: sse / (count - k - 1), objective: likelihood,
            aic: aic, aicc: aicc, bic: bic, fittedValues: zip(values, errors).map { $0 - $1 }, residuals: errors,
            iterations: iterations, finalStates: Array(states[(n * rowWidth)..<((n + m) * rowWidth)]))
    }

    /// (α₀, α₁, β₀, β₁) from the estimated ones, NaN for those the form lacks.
    private static func full(_ p: [Double], _ seasonality: Seasonality) -> [Double] {
        switch seasonality {
        case .none, .simple: [p[0], p[1], .nan, .nan]
        case .partial: [p[0], p[1], p[2], .nan]
        case .full: [p[0], p[1], p[2], p[3]]
        }
    }

    /// statsforecast's `initstate`, row-major `m × components`.
    static func initialStates(_ y: [Double], m: Int, seasonality: Seasonality) -> [Double] {
        let c = seasonality.components
        var states = [Double](repeating: 0, count: m * c)
        switch seasonality {
        case .none:
            let mean = numpySum(y.prefix(Swift.min(10, y.count))) / Double(Swift.min(10, y.count))
            states[0] = mean
            states[1] = mean / 1.1
        case .simple:
            for k in 0..<m { states[k * c] = y[k]; states[k * c + 1] = y[k] / 1.1 }
        case .partial, .full:
            let mean = numpySum(y.prefix(m)) / Double(m)
            let seasonal = decompositionSeasonal(y, period: m)
            for k in 0..<m {
                states[k * c] = mean
                states[k * c + 1] = mean / 1.1
                states[k * c + 2] = seasonal[k]
                if seasonality == .full { states[k * c + 3] = seasonal[k] / 1.1 }
            }
        }
        return states
    }

    /// The m seasonal values of statsmodels' `seasonal_decompose(y, period: m)` (additive, two-sided
    /// moving average), computed with numpy's arithmetic so that CES starts from the same bits as
    /// statsforecast: the moving average as `np.convolve` computes it through OpenBLAS's `ddot`
    /// (weights `½/m, 1/m, …, ½/m` for even m, `1/m` for odd; one fused multiply–add per term, in
    /// order from 0, which is OpenBLAS's path for fewer than 16 terms on FMA CPUs — longer filters,
    /// m ≥ 15, and other BLAS builds can differ in the last bit), the phase means as `np.nanmean`'s
    /// pairwise sums (a missing trend value adds 0 to the sum and nothing to the count), and the
    /// centring by `np.mean`.
    ///
    /// The last bit matters: on a flat, ill-conditioned CES(F) objective (M3 N1672, N2579) it
    /// decides where Nelder–Mead stops after its 1000 iterations.
    static func decompositionSeasonal(_ y: [Double], period m: Int) -> [Double] {
        let n = y.count
        let taps = m % 2 == 0 ? m + 1 : m
        var weights = [Double](repeating: 1.0 / Double(m), count: taps)
        if m % 2 == 0 {
            weights[0] = 0.5 / Double(m)
            weights[taps - 1] = 0.5 / Double(m)
        }
        let head = (taps + 1) / 2 - 1
        var phases = [[Double]](repeating: [], count: m)
        var counts = [Int](repeating: 0, count: m)
        for i in 0..<n {
            guard i >= head && i + (taps - 1 - head) < n else {
                phases[i % m].append(0)
                continue
            }
            var trend = 0.0
            for k in 0..<taps { trend = trend.addingProduct(weights[k], y[i - head + k]) }
            phases[i % m].append(y[i] - trend)
            counts[i % m] += 1
        }
        let averages = (0..<m).map { numpySum(phases[$0][...]) / Double(counts[$0]) }
        let mean = numpySum(averages[...]) / Double(m)
        return averages.map { $0 - mean }
    }

    /// numpy's pairwise summation (`np.sum` of a contiguous float64 array), so that means agree
    /// with statsforecast's to the last bit.
    static func numpySum(_ x: ArraySlice<Double>) -> Double {
        let n = x.count, start = x.startIndex
        if n < 8 {
            var s = 0.0
            for v in x { s += v }
            return s
        }
        if n <= 128 {
            var r = (0..<8).map { x[start + $0] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += x[start + i + j] }
                i += 8
            }
            var s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { s += x[start + i]; i += 1 }
            return s
        }
        var half = n / 2
        half -= half % 8
        return numpySum(x[start..<(start + half)]) + numpySum(x[(start + half)...])
    }

    /// The same form and smoothing parameters on `values`, as statsforecast's `forward`: the
    /// initial states are set from `values` and backfitted (CES's states are not parameters of the
    /// fit: statsforecast re-derives them on every series), nothing is re-estimated. A seasonal form
    /// becomes `N` (keeping α₀, α₁) when `values` holds fewer than two seasons, as in statsforecast.
    ///
    /// - Throws: `ForecastingError.missingValues`; `.tooShort` below `components + 1` values.
    /// - Complexity: O(n · components).
    public func refiltered(on values: [Double]) throws(ForecastingError) -> (any FittedForecaster)? {
        try Self.fitAllowingNaN(values, seasonLength: seasonLength, seasonality: seasonality, minimumLength: nil,
                                fixed: [alpha0, alpha1, beta0, beta1])
    }

    /// The model's name (`CES(N)`, `CES(S)`, `CES(P)`, `CES(F)`), parameters and criteria.
    public var summary: ModelSummary {
        var parameters: [(name: String, value: Double)] = [("alpha0", alpha0), ("alpha1", alpha1)]
        if seasonality == .partial || seasonality == .full { parameters.append(("beta0", beta0)) }
        if seasonality == .full { parameters.append(("beta1", beta1)) }
        return ModelSummary(name: "CES(\(seasonality.rawValue))", parameters: parameters, sigma2: sigma2,
                            logLikelihood: -0.5 * objective, aic: aic, aicc: aicc, bic: bic)
    }

    /// Point forecasts as statsforecast's, with intervals from the innovations model (see the type).
    ///
    /// - Throws: `ForecastingError.invalidSpecification` for a bad horizon or level;
    ///   `.numerical` when intervals are asked for and `σ²` is not a positive number (a series
    ///   with no more values than `components + 1`).
    /// - Complexity: O(horizon · (m + levels)).
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        try validate(horizon: horizon, levels: levels)
        let mean = pointForecasts(horizon: horizon)
        guard !levels.isEmpty else { return Forecast(mean: mean) }
        guard sigma2 > 0, sigma2.isFinite else {
            throw .numerical("CES has no residual variance to build intervals from (σ² = \(sigma2)); the series is too short")
        }
        let weights = errorWeights(horizon: horizon)
        var cumulative = 0.0
        var standardErrors = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            if h > 0 { cumulative += weights[h - 1] * weights[h - 1] }
            standardErrors[h] = (sigma2 * (1 + cumulative)).squareRoot()
        }
        return normalIntervals(mean: mean, standardErrors: standardErrors, levels: levels)
    }

    /// statsforecast's `cesforecast` from the final states.
    func pointForecasts(horizon: Int) -> [Double] {
        CESRecursion(seasonality: seasonality, m: seasonLength)
            .propagate(from: finalStates, horizon: horizon, parameters: [alpha0, alpha1, beta0, beta1], shock: false)
    }

    /// `c₁…c_{horizon−1}`: the change in the forecast j steps after a unit one-step error, from the
    /// same (linear) recursion started at zero.
    func errorWeights(horizon: Int) -> [Double] {
        let zero = [Double](repeating: 0, count: finalStates.count)
        let response = CESRecursion(seasonality: seasonality, m: seasonLength)
            .propagate(from: zero, horizon: horizon, parameters: [alpha0, alpha1, beta0, beta1], shock: true)
        return Array(response.dropFirst())
    }
}

/// The CES state recursion on a row-major state matrix (`rows × components`), as `ces.cpp`.
struct CESRecursion {
    let seasonality: ComplexExponentialSmoothing.Seasonality
    /// The lag of the seasonal states (1 for `.none`).
    let m: Int
    /// statsforecast's "missing" sentinel for a forecast.
    static let missing = -99999.0

    /// The one-step forecast for row `i`.
    @inline(__always)
    func forecast(_ s: UnsafeMutablePointer<Double>, row i: Int) -> Double {
        let c = seasonality.components
        var f = seasonality == .simple ? s[(i - m) * c] : s[(i - 1) * c]
        if seasonality.code > 1 { f += s[(i - m) * c + 2] }
        return f
    }

    /// Writes row `i` from observation `y` (`cesupdate`).
    @inline(__always)
    func update(_ s: UnsafeMutablePointer<Double>, row i: Int, y: Double, _ p: UnsafePointer<Double>) {
        let c = seasonality.components
        let previous = seasonality == .simple ? i - m : i - 1
        var e = y - s[previous * c]
        if seasonality.code > 1 { e -= s[(i - m) * c + 2] }
        let a0 = p[0], a1 = p[1]
        let s0 = s[previous * c], s1 = s[previous * c + 1]
        s[i * c] = s0 - (1.0 - a1) * s1 + (a0 - a1) * e
        s[i * c + 1] = s0 + (1.0 - a0) * s1 + (a0 + a1) * e
        switch seasonality {
        case .partial:
            s[i * c + 2] = s[(i - m) * c + 2] + p[2] * e
        case .full:
            let s2 = s[(i - m) * c + 2], s3 = s[(i - m) * c + 3]
            let b0 = p[2], b1 = p[3]
            s[i * c + 2] = s2 - (1.0 - b1) * s3 + (b0 - b1) * e
            s[i * c + 3] = s2 + (1.0 - b0) * s3 + (b0 + b1) * e
        default:
            break
        }
    }

    /// statsforecast's `cescalc` with backfitting: forward pass, backward pass on the reversed
    /// series and states, forward pass; after each, the m rows past the data are filled with
    /// forecasts. Returns `n · log(Σ e²)` of the last pass, `nil` for statsforecast's sentinel.
    /// `states` must hold `(n + 2m) · components` values; its first m rows are overwritten by `initial`.
    func backfit(_ y: [Double], initial: [Double], parameters: [Double], states: inout [Double],
                 errors: inout [Double]) -> Double? {
        let n = y.count, c = seasonality.components
        let rows = n + 2 * m
        for k in 0..<(rows * c) { states[k] = k < initial.count ? initial[k] : 0 }
        var series = y
        return parameters.withUnsafeBufferPointer { p -> Double? in
            states.withUnsafeMutableBufferPointer { stateBuffer -> Double? in
                errors.withUnsafeMutableBufferPointer { errorBuffer -> Double? in
                    // Never empty (n ≥ 1 observations, at least two parameters); no address, no fit.
                    guard let s = stateBuffer.baseAddress, let e = errorBuffer.baseAddress, let pp = p.baseAddress else {
                        return nil
                    }
                    func pass() -> Double? {
                        var sum = 0.0, sentinel = false
                        series.withUnsafeBufferPointer { values in
                            for i in m..<(n + m) {
                                let f = forecast(s, row: i)
                                if Swift.abs(f - Self.missing) < 1e-10 { sentinel = true; return }
                                let error = values[i - m] - f
                                e[i - m] = error
                                update(s, row: i, y: values[i - m], pp)
                                sum += error * error
                            }
                        }
                        if sentinel { return nil }
                        for i in (n + m)..<(n + 2 * m) { update(s, row: i, y: forecast(s, row: i), pp) }
                        return sum
                    }
                    func reverse() {
                        series.reverse()
                        for r in 0..<(rows / 2) {
                            for k in 0..<c { swap(&s[r * c + k], &s[(rows - 1 - r) * c + k]) }
                        }
                        errorBuffer.reverse()
                    }
                    guard pass() != nil else { return nil }
                    reverse()
                    guard pass() != nil else { return nil }
                    reverse()
                    guard let last = pass() else { return nil }
                    return Double(n) * Foundation.log(last)
                }
            }
        }
    }

    /// Forecasts `horizon` steps from m state rows (`cesfcst`). With `shock`, the first step's
    /// observation is its forecast plus 1 (the impulse response of a linear recursion).
    func propagate(from last: [Double], horizon: Int, parameters: [Double], shock: Bool) -> [Double] {
        let c = seasonality.components
        var buffer = last + [Double](repeating: 0, count: horizon * c)
        var output = [Double](repeating: 0, count: horizon)
        parameters.withUnsafeBufferPointer { p in
            buffer.withUnsafeMutableBufferPointer { b in
                // Never empty (m ≥ 1 state rows, at least two parameters).
                guard let s = b.baseAddress, let pp = p.baseAddress else { return }
                for h in 0..<horizon {
                    let f = forecast(s, row: m + h)
                    output[h] = f
                    update(s, row: m + h, y: shock && h == 0 ? f + 1 : f, pp)
                }
            }
        }
        return output
    }
}
