import Foundation

extension SpecialFunctions {
    /// The inverse of P(a, ·): the x ≥ 0 with P(a, x) = p.
    ///
    /// For p ≤ ½ the lower tail is inverted directly; for p > ½ the upper tail Q = 1 − p is
    /// inverted (1 − p is exact there). Start: Wilson–Hilferty and the small-x form
    /// x ≈ (p·Γ(a+1))^(1/a); then safeguarded Newton on log P against log x.
    ///
    /// - Parameters:
    ///   - a: the shape, a finite number > 0.
    ///   - p: a probability in [0, 1].
    /// - Returns: x with P(a, x) = p; 0 for p = 0, +∞ for p = 1, `NaN` for p outside [0, 1] or
    ///   invalid a. Quantiles below ~1e-280 are returned from the small-x form, which is exact
    ///   to O(x) there.
    /// - Complexity: a handful of evaluations of P or Q.
    public static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
        guard a > 0, a.isFinite, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return p <= 0.5
            ? gammaQuantile(a, logTarget: Foundation.log(p), probability: p, upperTail: false)
            : gammaQuantile(a, logTarget: Foundation.log1p(-p), probability: 1 - p, upperTail: true)
    }

    /// The inverse of Q(a, ·): the x ≥ 0 with Q(a, x) = q, accurate for tiny q.
    ///
    /// - Parameters:
    ///   - a: the shape, a finite number > 0.
    ///   - q: an upper-tail probability in [0, 1].
    /// - Returns: x with Q(a, x) = q; +∞ for q = 0, 0 for q = 1, `NaN` for q outside [0, 1] or
    ///   invalid a.
    /// - Complexity: a handful of evaluations of P or Q.
    public static func inverseRegularizedGammaQ(_ a: Double, _ q: Double) -> Double {
        guard a > 0, a.isFinite, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        return q <= 0.5
            ? gammaQuantile(a, logTarget: Foundation.log(q), probability: q, upperTail: true)
            : gammaQuantile(a, logTarget: Foundation.log1p(-q), probability: 1 - q, upperTail: false)
    }

    /// The inverse of I_·(a, b): the x in [0, 1] with I_x(a, b) = p.
    ///
    /// Solved on the odds r = x/(1 − x) with the same safeguarded Newton iteration as the
    /// F quantile; for p > ½ the upper tail 1 − p is inverted.
    ///
    /// - Parameters:
    ///   - p: a probability in [0, 1].
    ///   - a: a finite number > 0.
    ///   - b: a finite number > 0.
    /// - Returns: x with I_x(a, b) = p; 0 for p = 0, 1 for p = 1, `NaN` for invalid arguments.
    ///   Near x = 1 the result carries absolute (not relative) accuracy in 1 − x.
    /// - Complexity: a handful of evaluations of I.
    public static func inverseRegularizedBeta(_ p: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let odds =
            p <= 0.5
            ? betaOddsQuantile(a, b, logTarget: Foundation.log(p), probability: p, upperTail: false)
            : betaOddsQuantile(a, b, logTarget: Foundation.log1p(-p), probability: 1 - p, upperTail: true)
        return odds.isInfinite ? 1 : odds / (1 + odds)
    }

    /// x with P(a, x) = e^logTarget (or Q(a, x) when `upperTail`); `probability` = e^logTarget ≤ ½.
    static func gammaQuantile(_ a: Double, logTarget: Double, probability: Double, upperTail: Bool) -> Double {
        // Wilson–Hilferty: (x/a)^(1/3) ≈ normal with mean 1 − 1/(9a) and variance 1/(9a).
        let z = upperTail ? -NormalQuantile.standard(probability) : NormalQuantile.standard(probability)
        let c = 1 / (9 * a)
        let base = 1 - c + z * c.squareRoot()
        let wilsonHilferty = base > 0 ? a * base * base * base : Double.nan
        let guess: Double
        let alternative: Double
        if upperTail {
            // Q ≈ x^(a−1) e^(−x)/Γ(a) far out.
            let exponential = -logTarget - logGamma(a)
            let tail = exponential > 1 ? exponential + (a - 1) * Foundation.log(exponential) : Double.nan
            guess = wilsonHilferty
            alternative = tail
        } else {
            // P ≤ x^a/Γ(a+1), so this is a lower bound, and the answer where x is tiny.
            let small = Foundation.exp((logTarget + logGamma(a + 1)) / a)
            if small < 1e-280 { return small }
            guess = small
            alternative = wilsonHilferty
        }
        return TailInversion.solve(
            target: logTarget, increasing: !upperTail, guess: guess, alternative: alternative
        ) { x in
            let tails = incompleteGammaTails(a, x)
            let logValue = upperTail ? tails.logUpper : tails.logLower
            let slope = Foundation.exp(Foundation.log(a) + tails.logDensityFactor - logValue)
            return TailEvaluation(logValue: logValue, logSlope: upperTail ? -slope : slope)
        }
    }

    /// The odds r = x/(1−x) with I_x(a, b) = e^logTarget (or 1 − I_x(a, b) when `upperTail`).
    static func betaOddsQuantile(
        _ a: Double, _ b: Double, logTarget: Double, probability: Double,
        upperTail: Bool
    ) -> Double {
        let logBetaAB = logBeta(a, b)
        // Fisher: ½·log F is nearly normal, F = r·b/a with d1 = 2a, d2 = 2b.
        let z = upperTail ? -NormalQuantile.standard(probability) : NormalQuantile.standard(probability)
        let logFMean = 1 / (2 * b) - 1 / (2 * a)
        let logFDeviation = (1 / a + 1 / b).squareRoot()
        let fisher = Foundation.exp(logFMean + z * logFDeviation + Foundation.log(a / b))
        // Tails: I ≈ r^a/(a·B) near 0 and 1 − I ≈ r^(−b)/(b·B) near ∞, with relative error O(r)
        // and O(1/r); beyond e^±690 that is below rounding, and the odds under- or overflow.
        let logTail =
            upperTail
            ? -(logTarget + Foundation.log(b) + logBetaAB) / b
            : (logTarget + Foundation.log(a) + logBetaAB) / a
        if Swift.abs(logTail) > 690 { return Foundation.exp(logTail) }
        let tail = Foundation.exp(logTail)
        return TailInversion.solve(
            target: logTarget, increasing: !upperTail, guess: fisher, alternative: tail
        ) { r in
            let tails = incompleteBetaTails(a, b, BetaArgument(odds: r, logOdds: Foundation.log(r)))
            let logValue = upperTail ? tails.logUpper : tails.logLower
            let slope = Foundation.exp(tails.logPrefactor - logValue)
            return TailEvaluation(logValue: logValue, logSlope: upperTail ? -slope : slope)
        }
    }
}
