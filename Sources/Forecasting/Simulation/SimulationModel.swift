import Foundation
import Statistics

/// A time-series model with every parameter stated, to simulate series from: a seasonal ARIMA or
/// an ETS model, named in the ``ModelSpecification`` grammar and given its parameters by name.
///
/// **ARIMA** — `arima(p,d,q)`, `arima(p,d,q)(P,D,Q)[m]`, with `+mean` or `+drift`:
///
///     yₜ = μ + δ·t + ηₜ,   φ(B) Φ(Bᵐ) (1 − B)ᵈ (1 − Bᵐ)ᴰ ηₜ = θ(B) Θ(Bᵐ) εₜ,   εₜ ~ N(0, σ²)
///
/// (``ARIMASpecification``'s model, R's sign convention, `t = 1, 2, …`). Parameters: `ar1…arp`,
/// `ma1…maq`, `sar1…sarP`, `sma1…smaQ`, `mean` (alias `intercept`) with `+mean`, `drift` with
/// `+drift` — each required — and `sigma`, the innovations' standard deviation (default 1). The
/// AR polynomial `φ(z)Φ(zᵐ)` must be stationary (all roots outside the unit circle). As R's
/// `arima.sim`, the ARMA part starts from zeros and runs a burn-in of
/// `p* + q* + ⌈6 / log(min |root|)⌉` steps (`p*`, `q*` the expanded orders; the last term at most
/// 100,000, where R has no cap) that is discarded; the differencing is then undone from zero
/// starting values.
///
/// **ETS** — `ets(XYZ)` with R's letters (`ets(ANN)`, `ets(MAdM)`), the innovations state space
/// model of Hyndman et al. (2008), simulated as R's `simulate.ets` from a stated initial state:
/// `yₜ = μₜ + εₜ` (additive errors) or `μₜ(1 + εₜ)` (multiplicative, `εₜ` truncated at −1),
/// `εₜ ~ N(0, σ²)`. Parameters: `alpha`, `beta` (trend), `gamma` (season), `phi` (damped), `sigma`
/// — each required where the model has it — within R's usual region `0 < α < 1`, `0 < β ≤ α`,
/// `0 < γ ≤ 1 − α`, `0 < φ ≤ 1`; initial states `level` (default 100), `slope` (default 0 for an
/// additive trend, 1 for a multiplicative one), and the seasons of the first m simulated periods
/// `s1…sm`, or else `amplitude` A: `A·sin(2πj/m)` additive (default A = level/10) or
/// `1 + A·sin(2πj/m)` multiplicative (default A = 0.1), `j = 1…m`.
///
/// ```swift
/// let model = try SimulationModel(.arima(.init(p: 1, includeMean: false)), parameters: ["ar1": 0.5])
/// var generator = SeededGenerator(seed: 1)
/// let path = model.simulate(length: 120, generator: &generator)   // an AR(1) path, σ = 1
/// ```
public struct SimulationModel: Sendable, Equatable {
    /// The model's form.
    public let specification: ModelSpecification
    /// The parameters by name, defaults filled in.
    public let parameters: [String: Double]
    /// Observations per season for ETS (the ARIMA period is in its specification).
    public let seasonLength: Int

    /// What to simulate.
    let kind: Kind

    enum Kind: Sendable, Equatable {
        /// Expanded AR and MA polynomials, differencing polynomial, mean, drift, σ, burn-in.
        case arima(ar: [Double], ma: [Double], delta: [Double], mean: Double, drift: Double, sigma: Double, burnIn: Int)
        /// R-ordered initial state `[ℓ, b, s₁ … s_m]` and the smoothing parameters.
        case ets(
            letters: ETSSpecification, state: [Double], alpha: Double, beta: Double, gamma: Double, phi: Double,
            sigma: Double)
    }

    /// States a model.
    ///
    /// - Parameters:
    ///   - specification: `.arima(…)` or `.ets(…)`; other models cannot be simulated.
    ///   - parameters: values by name (see the type's documentation).
    ///   - seasonLength: observations per season for a seasonal ETS model (ignored otherwise).
    /// - Throws: `ForecastingError.invalidSpecification` for another model, an unknown or missing
    ///   parameter (naming the accepted ones), a non-stationary AR polynomial, parameters outside
    ///   the ETS region, non-positive initial states where the model multiplies, or a season
    ///   length the ETS model refuses.
    /// - Complexity: O((p* + q*)²) for the AR roots.
    public init(_ specification: ModelSpecification, parameters: [String: Double], seasonLength: Int = 1)
        throws(ForecastingError)
    {
        for (name, value) in parameters where !value.isFinite {
            throw .invalidSpecification("parameter \(name) must be a finite number, not \(value)")
        }
        self.specification = specification
        self.seasonLength = seasonLength
        switch specification {
        case .arima(let order):
            (kind, self.parameters) = try Self.arima(order, parameters)
        case .ets(let specification):
            (kind, self.parameters) = try Self.ets(specification, parameters, seasonLength: seasonLength)
        default:
            throw .invalidSpecification(
                "only arima(…) and ets(…) models with stated parameters can be simulated, not \(specification)")
        }
    }

    /// One simulated series.
    ///
    /// - Parameters:
    ///   - length: observations, at least 1.
    ///   - generator: the random stream; `length` (plus the ARIMA burn-in) normal draws are taken.
    /// - Returns: the series, oldest first. An ETS model with a multiplicative trend whose slope
    ///   turns negative gives NaN from then on, as R's.
    /// - Complexity: O(length × (p* + q* + d + Dm)) for ARIMA, O(length) for ETS.
    public func simulate(length: Int, generator: inout SeededGenerator) -> [Double] {
        precondition(length >= 1, "simulate at least one observation")
        switch kind {
        case .arima(let ar, let ma, let delta, let mean, let drift, let sigma, let burnIn):
            return Self.simulateARIMA(
                length: length, ar: ar, ma: ma, delta: delta, mean: mean, drift: drift, sigma: sigma,
                burnIn: burnIn, generator: &generator)
        case .ets(let letters, let state, let alpha, let beta, let gamma, let phi, let sigma):
            let recursion = ETSRecursion(
                specification: letters, seasonLength: seasonLength, alpha: alpha, beta: beta,
                gamma: gamma, phi: phi)
            let multiplicative = letters.error == .multiplicative
            let innovations = (0..<length).map { _ in
                let e = sigma * generator.nextNormal()
                return multiplicative ? Swift.max(-1, e) : e
            }
            var ring = [Double](repeating: 0, count: Swift.max(seasonLength, 1))
            var output = [Double](repeating: 0, count: length)
            innovations.withUnsafeBufferPointer { e in
                ring.withUnsafeMutableBufferPointer { r in
                    output.withUnsafeMutableBufferPointer { out in
                        recursion.simulate(state: state, innovations: e, ring: r, output: out)
                    }
                }
            }
            return output
        }
    }

    // MARK: - ARIMA

    /// The product of two polynomials in B written as `1 − Σ aᵢBⁱ` (or `1 + Σ`, the same rule).
    static func multiply(_ a: [Double], _ b: [Double], sign: Double) -> [Double] {
        // (1 + s·Σaᵢzⁱ)(1 + s·Σbⱼzʲ) = 1 + s·Σ(aᵢ + bᵢ)zⁱ + Σ aᵢbⱼ z^(i+j), as coefficients of s·zᵏ.
        var out = [Double](repeating: 0, count: a.count + b.count)
        for (i, x) in a.enumerated() { out[i] += x }
        for (j, y) in b.enumerated() { out[j] += y }
        for (i, x) in a.enumerated() { for (j, y) in b.enumerated() { out[i + j + 1] += sign * x * y } }
        while let last = out.last, last == 0 { out.removeLast() }
        return out
    }

    private static func arima(_ order: ARIMASpecification, _ given: [String: Double])
        throws(ForecastingError)
        -> (Kind, [String: Double])
    {
        let m = order.seasonLength
        var names: [String] =
            (0..<order.p).map { "ar\($0 + 1)" } + (0..<order.q).map { "ma\($0 + 1)" }
            + (0..<order.seasonalP).map { "sar\($0 + 1)" } + (0..<order.seasonalQ).map { "sma\($0 + 1)" }
        var values = given
        if let intercept = values.removeValue(forKey: "intercept") {
            guard values["mean"] == nil else { throw .invalidSpecification("give mean or intercept, not both") }
            values["mean"] = intercept
        }
        if order.estimatesMean { names.append("mean") }
        if order.estimatesDrift { names.append("drift") }
        let accepted = names + ["sigma"]
        let model = ModelSpecification.arima(order).description
        try checkNames(values, accepted: accepted, model: model)
        if let missing = names.first(where: { values[$0] == nil }) {
            throw .invalidSpecification(
                "\(model) needs a value for \(missing); its parameters are \(accepted.joined(separator: ", "))")
        }
        let sigma = values["sigma"] ?? 1
        values["sigma"] = sigma
        guard sigma > 0 else { throw .invalidSpecification("sigma must be positive, not \(sigma)") }
        func coefficients(_ prefix: String, _ count: Int) -> [Double] {
            (0..<count).map { values["\(prefix)\($0 + 1)"] ?? 0 }
        }
        func seasonal(_ c: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: c.count * m)
            for (k, x) in c.enumerated() { out[(k + 1) * m - 1] = x }
            return out
        }
        let ar = multiply(coefficients("ar", order.p), seasonal(coefficients("sar", order.seasonalP)), sign: -1)
        let ma = multiply(coefficients("ma", order.q), seasonal(coefficients("sma", order.seasonalQ)), sign: 1)
        let smallest = ARIMAPolynomial.minimumRootModulus(ar: ar)
        guard smallest > 1 else {
            throw .invalidSpecification(
                "the AR part is not stationary: its polynomial has a root of modulus "
                    + String(format: "%.4g", smallest) + "; every root must lie outside the unit circle")
        }
        // (1 − B)ᵈ (1 − Bᵐ)ᴰ = 1 − Σ δᵢ Bⁱ.
        var delta: [Double] = []
        for _ in 0..<order.d { delta = multiply(delta, [1], sign: -1) }
        for _ in 0..<order.seasonalD {
            var lagged = [Double](repeating: 0, count: m)
            lagged[m - 1] = 1
            delta = multiply(delta, lagged, sign: -1)
        }
        // A root just outside the unit circle would ask for an unbounded burn-in; R has no cap.
        let memory = ar.isEmpty ? 0 : Swift.min((6 / Foundation.log(smallest)).rounded(.up), Double(Self.maximumBurnIn))
        let burnIn = ar.count + ma.count + Int(memory)
        let kind = Kind.arima(
            ar: ar, ma: ma, delta: delta, mean: values["mean"] ?? 0,
            drift: values["drift"] ?? 0, sigma: sigma, burnIn: burnIn)
        return (kind, values)
    }

    /// The most burn-in steps the AR roots may ask for.
    static let maximumBurnIn = 100_000

    private static func simulateARIMA(
        length n: Int, ar: [Double], ma: [Double], delta: [Double], mean: Double, drift: Double,
        sigma: Double, burnIn: Int, generator: inout SeededGenerator
    ) -> [Double] {
        let total = n + burnIn
        var e = [Double](repeating: 0, count: total)
        var w = e
        for t in 0..<total { e[t] = sigma * generator.nextNormal() }
        for t in 0..<total {
            var value = e[t]
            for (i, phi) in ar.enumerated() where t > i { value += phi * w[t - i - 1] }
            for (j, theta) in ma.enumerated() where t > j { value += theta * e[t - j - 1] }
            w[t] = value
        }
        // Undo the differencing, (1 − Σδᵢ Bⁱ) y = w, from zeros before the first value.
        var y = Array(w[burnIn...])
        if !delta.isEmpty {
            for t in 0..<n {
                for (i, d) in delta.enumerated() where t > i { y[t] += d * y[t - i - 1] }
            }
        }
        for t in 0..<n { y[t] += mean + drift * Double(t + 1) }
        return y
    }

    // MARK: - ETS

    private static func ets(_ letters: ETSSpecification, _ given: [String: Double], seasonLength: Int)
        throws(ForecastingError)
        -> (Kind, [String: Double])
    {
        let hasTrend = letters.trend != .none
        let seasonal = letters.season != .none
        let m = seasonal ? seasonLength : 1
        if seasonal { try letters.validate(seasonLength: seasonLength) }
        var required = ["alpha", "sigma"]
        if hasTrend { required.append("beta") }
        if seasonal { required.append("gamma") }
        if letters.trend.isDamped { required.append("phi") }
        var optional = ["level"]
        if hasTrend { optional.append("slope") }
        if seasonal { optional += ["amplitude"] + (1...m).map { "s\($0)" } }
        let model = "ets(\(letters))"
        try checkNames(given, accepted: required + optional, model: model)
        let missing = required.filter { given[$0] == nil }
        guard missing.isEmpty else {
            throw .invalidSpecification(
                "\(model) needs \(missing.joined(separator: ", ")); parameters: "
                    + (required + optional).joined(separator: ", "))
        }
        var values = given
        let alpha = values["alpha"] ?? 0
        let beta = values["beta"] ?? 0
        let gamma = values["gamma"] ?? 0
        let phi = values["phi"] ?? 1
        let sigma = values["sigma"] ?? 0
        guard alpha > 0 && alpha < 1 else { throw .invalidSpecification("alpha must lie in (0, 1), not \(alpha)") }
        if hasTrend && !(beta > 0 && beta <= alpha) {
            throw .invalidSpecification("beta must lie in (0, alpha], not \(beta)")
        }
        if seasonal && !(gamma > 0 && gamma <= 1 - alpha) {
            throw .invalidSpecification("gamma must lie in (0, 1 − alpha], not \(gamma)")
        }
        if letters.trend.isDamped && !(phi > 0 && phi <= 1) {
            throw .invalidSpecification("phi must lie in (0, 1], not \(phi)")
        }
        guard sigma > 0 else { throw .invalidSpecification("sigma must be positive, not \(sigma)") }
        let multiplicativeTrend = letters.trend == .multiplicative || letters.trend == .multiplicativeDamped
        let level = values["level"] ?? 100
        let slope = values["slope"] ?? (multiplicativeTrend ? 1 : 0)
        values["level"] = level
        if hasTrend { values["slope"] = slope }
        let multiplies = letters.error == .multiplicative || multiplicativeTrend || letters.season == .multiplicative
        if multiplies && level <= 0 {
            throw .invalidSpecification("\(model) multiplies: level must be positive, not \(level)")
        }
        if multiplicativeTrend && slope <= 0 {
            throw .invalidSpecification(
                "\(model) has a multiplicative trend: slope is a growth ratio and must be positive, not \(slope)")
        }
        var seasons: [Double] = []
        if seasonal {
            let stated = (1...m).compactMap { values["s\($0)"] }
            if !stated.isEmpty {
                guard stated.count == m, values["amplitude"] == nil else {
                    throw .invalidSpecification("give all \(m) seasons s1…s\(m), or amplitude, not both or some")
                }
                seasons = stated
            } else {
                let additive = letters.season == .additive
                let amplitude = values["amplitude"] ?? (additive ? level / 10 : 0.1)
                values["amplitude"] = amplitude
                seasons = (1...m).map { j in
                    let wave = amplitude * Foundation.sin(2 * Double.pi * Double(j) / Double(m))
                    return additive ? wave : 1 + wave
                }
            }
            if letters.season == .multiplicative, let bad = seasons.first(where: { $0 <= 0 }) {
                throw .invalidSpecification("\(model) has multiplicative seasons: each must be positive, not \(bad)")
            }
        }
        // R's state order: level, slope, then the seasons from the latest back, s₁ being the season
        // of the period just before the first simulated one, i.e. the last of the cycle.
        let state = [level] + (hasTrend ? [slope] : []) + seasons.reversed()
        return (
            .ets(letters: letters, state: state, alpha: alpha, beta: beta, gamma: gamma, phi: phi, sigma: sigma), values
        )
    }

    /// Refuses a name outside `accepted`, naming the accepted ones.
    private static func checkNames(_ values: [String: Double], accepted: [String], model: String)
        throws(ForecastingError)
    {
        if let unknown = values.keys.sorted().first(where: { !accepted.contains($0) }) {
            throw .invalidSpecification(
                "\(model) has no parameter '\(unknown)'; its parameters are \(accepted.joined(separator: ", "))")
        }
    }
}
