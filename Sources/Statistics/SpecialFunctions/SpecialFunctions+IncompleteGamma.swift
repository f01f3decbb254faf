import Foundation

/// Both tails of the regularized incomplete gamma function at one point, in log space.
struct IncompleteGammaTails: Sendable {
    /// log P(a, x), the lower tail.
    var logLower: Double
    /// log Q(a, x) = log(1 − P(a, x)), the upper tail.
    var logUpper: Double
    /// log(x^a e^(−x) / Γ(a+1)); the density of Gamma(a, 1) at x is a·e^this/x.
    var logDensityFactor: Double

    static let nan = IncompleteGammaTails(logLower: .nan, logUpper: .nan, logDensityFactor: .nan)
}

extension SpecialFunctions {
    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a).
    ///
    /// P(a, x) = (1/Γ(a)) ∫₀^x t^(a−1) e^(−t) dt, the CDF of the Gamma(a, 1) distribution.
    /// The smaller tail is always computed directly (series for x < a + 1, Legendre's continued
    /// fraction otherwise, and a dedicated expansion for the upper tail when a < 1), so
    /// P keeps its relative accuracy down to the underflow threshold.
    ///
    /// - Parameters:
    ///   - a: the shape, a finite number > 0.
    ///   - x: the argument, ≥ 0; +∞ gives 1.
    /// - Returns: P(a, x) in [0, 1]; `NaN` if a ≤ 0, a non-finite a, x < 0, or either is `NaN`.
    /// - Complexity: O(√a) iterations for x near a, O(1) away from it.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        Foundation.exp(incompleteGammaTails(a, x).logLower)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x).
    ///
    /// Computed directly, not as 1 − P, so tiny upper tails (down to ~1e-308) keep full relative
    /// accuracy. See ``regularizedGammaP(_:_:)`` for the method.
    ///
    /// - Parameters:
    ///   - a: the shape, a finite number > 0.
    ///   - x: the argument, ≥ 0; +∞ gives 0.
    /// - Returns: Q(a, x) in [0, 1]; `NaN` for invalid arguments as for P.
    /// - Complexity: O(√a) iterations for x near a, O(1) away from it.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        Foundation.exp(incompleteGammaTails(a, x).logUpper)
    }

    /// log(x^a e^(−x) / Γ(a+1)) via Loader's saddle-point form −δ(a) − bd0(a, x) − ½log(2πa),
    /// which stays accurate for large a where the naive a·log x − x − log Γ(a+1) cancels. For
    /// a < 1 the naive form has no large terms to cancel, while δ(a) and ½log(2πa) grow like
    /// log(1/a) and cancel each other, so it is used there (and where x is subnormal).
    static func logGammaDensityFactor(_ a: Double, _ x: Double) -> Double {
        if a < 1 || x < 1e-300 {
            return a * Foundation.log(x) - x - logGammaOnePlus(a)
        }
        return -stirlingError(a) - deviance(a, x) - Constants.logSqrt2Pi - 0.5 * Foundation.log(a)
    }

    /// Both tails of P(a, x), each computed so that the smaller one is never formed as 1 − larger.
    static func incompleteGammaTails(_ a: Double, _ x: Double) -> IncompleteGammaTails {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        if x == 0 { return IncompleteGammaTails(logLower: -.infinity, logUpper: 0, logDensityFactor: -.infinity) }
        if x == .infinity {
            return IncompleteGammaTails(logLower: 0, logUpper: -.infinity, logDensityFactor: -.infinity)
        }
        let logFactor = logGammaDensityFactor(a, x)
        if x < a + 1 {
            let logLower = logFactor + Foundation.log(lowerGammaSeries(a, x))
            let logUpper = a < 1 ? Foundation.log(upperGammaSmallShape(a, x)) : log1mexp(logLower)
            return IncompleteGammaTails(logLower: logLower, logUpper: logUpper, logDensityFactor: logFactor)
        }
        let logUpper = logFactor + Foundation.log(a) + Foundation.log(upperGammaContinuedFraction(a, x))
        return IncompleteGammaTails(logLower: log1mexp(logUpper), logUpper: logUpper, logDensityFactor: logFactor)
    }

    /// Σₙ xⁿ / ((a+1)(a+2)…(a+n)), so that P(a, x) = x^a e^(−x)/Γ(a+1) · this. Positive terms.
    private static func lowerGammaSeries(_ a: Double, _ x: Double) -> Double {
        var sum = 1.0
        var term = 1.0
        var denominator = a
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if term <= sum * 1e-17 { break }
        }
        return sum
    }

    /// Legendre's continued fraction 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …))) by the modified
    /// Lentz method, so that Q(a, x) = a · x^a e^(−x)/Γ(a+1) · this. Converges fast for x ≥ a + 1.
    private static func upperGammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if Swift.abs(d) < tiny { d = tiny }
            c = b + an / c
            if Swift.abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if Swift.abs(delta - 1) <= Double.ulpOfOne { break }
            i += 1
        }
        return h
    }

    /// Q(a, x) for a < 1 and x < a + 1 (< 2), where 1 − P would cancel as a → 0:
    /// Q = −expm1(a·log x − log Γ(1+a)) − (x^a/Γ(a)) · Σₙ≥₁ (−x)ⁿ/(n!(a+n))
    /// (DiDonato & Morris 1986, eq. 15 form).
    private static func upperGammaSmallShape(_ a: Double, _ x: Double) -> Double {
        let logRatio = a * Foundation.log(x) - logGammaOnePlus(a)  // log(x^a/Γ(1+a))
        let head = -Foundation.expm1(logRatio)
        var sum = 0.0
        var term = 1.0
        var n = 1.0
        while n < 200 {
            term *= -x / n
            let contribution = term / (a + n)
            sum += contribution
            if Swift.abs(contribution) <= Swift.abs(sum) * 1e-17 { break }
            n += 1
        }
        return head - a * Foundation.exp(logRatio) * sum  // x^a/Γ(a) = a·x^a/Γ(1+a)
    }
}
