import Foundation

/// Fisher–Snedecor's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom.
///
/// F = (U₁/d₁)/(U₂/d₂) for independent χ² variables; support [0, ∞). With r = d₁x/d₂,
/// F(x) = I_u(d₁/2, d₂/2) where u = r/(1 + r), and the survival function is
/// I_(1−u)(d₂/2, d₁/2), both formed from r without computing 1 − u.
///
/// ```swift
/// let f = try FDistribution(numeratorDegreesOfFreedom: 5, denominatorDegreesOfFreedom: 20)
/// f.quantile(0.95)   // 2.710889837209691...
/// ```
public struct FDistribution: ContinuousDistribution, Hashable {
    /// d₁ > 0, the numerator degrees of freedom.
    public let numeratorDegreesOfFreedom: Double
    /// d₂ > 0, the denominator degrees of freedom.
    public let denominatorDegreesOfFreedom: Double

    /// Creates F(d₁, d₂).
    ///
    /// - Parameters:
    ///   - numeratorDegreesOfFreedom: d₁, a finite number > 0.
    ///   - denominatorDegreesOfFreedom: d₂, a finite number > 0.
    /// - Throws: ``StatisticsError/invalidParameter(name:value:requirement:)`` if either is not
    ///   finite and positive.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) throws(StatisticsError) {
        try StatisticsError.requirePositiveFinite(numeratorDegreesOfFreedom, name: "numeratorDegreesOfFreedom")
        try StatisticsError.requirePositiveFinite(denominatorDegreesOfFreedom, name: "denominatorDegreesOfFreedom")
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    /// [0, ∞).
    public var support: ClosedRange<Double> { 0...Double.infinity }

    /// d₂/(d₂ − 2) for d₂ > 2, +∞ otherwise.
    public var mean: Double {
        let d2 = denominatorDegreesOfFreedom
        return d2 > 2 ? d2 / (d2 - 2) : .infinity
    }

    /// 2d₂²(d₁ + d₂ − 2)/(d₁(d₂ − 2)²(d₂ − 4)) for d₂ > 4, +∞ for 2 < d₂ ≤ 4, `NaN` for d₂ ≤ 2.
    public var variance: Double {
        let d1 = numeratorDegreesOfFreedom
        let d2 = denominatorDegreesOfFreedom
        if d2 > 4 { return 2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4)) }
        return d2 > 2 ? .infinity : .nan
    }

    private var a: Double { 0.5 * numeratorDegreesOfFreedom }
    private var b: Double { 0.5 * denominatorDegreesOfFreedom }

    /// Both beta tails at x > 0 (finite).
    private func tails(_ x: Double) -> IncompleteBetaTails {
        let ratio = numeratorDegreesOfFreedom / denominatorDegreesOfFreedom
        let odds = numeratorDegreesOfFreedom * x / denominatorDegreesOfFreedom
        return SpecialFunctions.incompleteBetaTails(
            a, b, BetaArgument(odds: odds, logOdds: Foundation.log(ratio) + Foundation.log(x)))
    }

    /// f(x) = e^logPDF(x); 0 for x < 0 and x = +∞, `NaN` for `NaN`.
    public func pdf(_ x: Double) -> Double { Foundation.exp(logPDF(x)) }

    /// log f(x) = log(u^(d₁/2)(1−u)^(d₂/2)/B(d₁/2, d₂/2)) − log x; −∞ for x < 0 and x = +∞.
    /// At x = 0 the density is +∞ for d₁ < 2, 1 for d₁ = 2 and 0 for d₁ > 2.
    public func logPDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 {
            if numeratorDegreesOfFreedom == 2 { return 0 }
            return numeratorDegreesOfFreedom < 2 ? .infinity : -.infinity
        }
        return tails(x).logPrefactor - Foundation.log(x)
    }

    /// I_u(d₁/2, d₂/2) with u = d₁x/(d₁x + d₂): 0 for x ≤ 0, 1 at +∞, `NaN` for `NaN`.
    public func cdf(_ x: Double) -> Double { Foundation.exp(logCDF(x)) }

    /// I_(1−u)(d₂/2, d₁/2), computed directly: 1 for x ≤ 0, 0 at +∞, `NaN` for `NaN`.
    public func survival(_ x: Double) -> Double { Foundation.exp(logSurvival(x)) }

    /// log F(x): −∞ for x ≤ 0, finite where F underflows; `NaN` for `NaN`.
    public func logCDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return -.infinity }
        if x == .infinity { return 0 }
        return tails(x).logLower
    }

    /// log S(x): 0 for x ≤ 0, finite where S underflows; `NaN` for `NaN`.
    public func logSurvival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return -.infinity }
        return tails(x).logUpper
    }

    /// F⁻¹(p); inverts the lower tail for p ≤ ½ and the upper tail at 1 − p otherwise.
    ///
    /// - Returns: 0 for p = 0, +∞ for p = 1, `NaN` for p outside [0, 1] or `NaN`.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return p <= 0.5
            ? solve(logTarget: Foundation.log(p), probability: p, upperTail: false)
            : solve(logTarget: Foundation.log1p(-p), probability: 1 - p, upperTail: true)
    }

    /// S⁻¹(q), accurate for tiny q.
    ///
    /// - Returns: +∞ for q = 0, 0 for q = 1, `NaN` for q outside [0, 1] or `NaN`.
    public func survivalQuantile(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        return q <= 0.5
            ? solve(logTarget: Foundation.log(q), probability: q, upperTail: true)
            : solve(logTarget: Foundation.log1p(-q), probability: 1 - q, upperTail: false)
    }

    private func solve(logTarget: Double, probability: Double, upperTail: Bool) -> Double {
        let odds = SpecialFunctions.betaOddsQuantile(
            a, b, logTarget: logTarget, probability: probability, upperTail: upperTail)
        return odds * denominatorDegreesOfFreedom / numeratorDegreesOfFreedom
    }
}
