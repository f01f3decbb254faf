import Foundation

/// Student's t distribution with ν degrees of freedom (ν > 0, not necessarily an integer).
///
/// Density f(t) = (1 + t²/ν)^(−(ν+1)/2) / (√ν·B(ν/2, ½)), support (−∞, ∞). As ν → ∞ it
/// approaches the standard normal; ν = 1 is the Cauchy distribution.
///
/// Tails use the incomplete beta function: P(|T| > t) = I_x(ν/2, ½) with x = ν/(ν + t²),
/// where x and 1 − x are both formed in double-double arithmetic, so the relative accuracy holds
/// for ν = 1e10 as well as for ν = 1, and for tail probabilities down to 1e-300.
///
/// ```swift
/// let t = try StudentT(degreesOfFreedom: 10)
/// t.quantile(0.975)   // 2.228138851986274
/// t.survival(40)      // 1.1404288715428...e-12
/// ```
public struct StudentT: ContinuousDistribution, Hashable {
    /// ν > 0, the degrees of freedom.
    public let degreesOfFreedom: Double

    /// Creates Student's t with ν degrees of freedom.
    ///
    /// - Parameter degreesOfFreedom: ν, a finite number > 0 (non-integer values allowed).
    /// - Throws: ``StatisticsError/invalidParameter(name:value:requirement:)`` if ν is not
    ///   finite and positive. For the limit ν = ∞ use ``Normal/standard``.
    public init(degreesOfFreedom: Double) throws(StatisticsError) {
        try StatisticsError.requirePositiveFinite(degreesOfFreedom, name: "degreesOfFreedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// (−∞, ∞).
    public var support: ClosedRange<Double> { -Double.infinity...Double.infinity }

    /// 0 for ν > 1; `NaN` (undefined) for ν ≤ 1.
    public var mean: Double { degreesOfFreedom > 1 ? 0 : .nan }

    /// ν/(ν − 2) for ν > 2; +∞ for 1 < ν ≤ 2; `NaN` (undefined) for ν ≤ 1.
    public var variance: Double {
        if degreesOfFreedom > 2 { return degreesOfFreedom / (degreesOfFreedom - 2) }
        return degreesOfFreedom > 1 ? .infinity : .nan
    }

    /// Both beta tails at |t|: lower = I_x(ν/2, ½) = 2·P(T > |t|).
    private func tails(_ t: Double) -> IncompleteBetaTails {
        SpecialFunctions.incompleteBetaTails(
            0.5 * degreesOfFreedom, 0.5, BetaArgument(studentT: t, degreesOfFreedom: degreesOfFreedom))
    }

    /// f(t) = e^logPDF(t); 0 at ±∞, `NaN` for `NaN`.
    public func pdf(_ x: Double) -> Double { Foundation.exp(logPDF(x)) }

    /// log f(t) = log(x^(ν/2)·(1−x)^(1/2)/B(ν/2, ½)) − log|t| with x = ν/(ν+t²), which avoids the
    /// cancellation of log Γ((ν+1)/2) − log Γ(ν/2) for large ν.
    public func logPDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let magnitude = Swift.abs(x)
        if magnitude < 1e-150 {
            return -0.5 * Foundation.log(degreesOfFreedom) - SpecialFunctions.logBeta(0.5 * degreesOfFreedom, 0.5)
        }
        if magnitude == .infinity { return -.infinity }
        return tails(x).logPrefactor - Foundation.log(magnitude)
    }

    /// P(T ≤ t): ½·I_x(ν/2, ½) for t < 0, 1 − ½·I_x(ν/2, ½) = ½(1 + I_(1−x)(½, ν/2)) for t ≥ 0.
    public func cdf(_ x: Double) -> Double { Foundation.exp(logCDF(x)) }

    /// P(T > t), computed directly as ½·I_x(ν/2, ½) for t > 0.
    public func survival(_ x: Double) -> Double { Foundation.exp(logSurvival(x)) }

    /// log P(T ≤ t) = log P(T > −t), finite far beyond the underflow of ``cdf(_:)``; `NaN` for `NaN`.
    public func logCDF(_ x: Double) -> Double { logTail(-x) }

    /// log P(T > t), finite far beyond the underflow of ``survival(_:)``; `NaN` for `NaN`.
    public func logSurvival(_ x: Double) -> Double { logTail(x) }

    /// log P(T > t).
    private func logTail(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t == 0 { return -Constants.ln2 }
        let betaTails = tails(t)
        if t > 0 { return betaTails.logLower - Constants.ln2 }
        return Foundation.log1p(Foundation.exp(betaTails.logUpper)) - Constants.ln2
    }

    /// F⁻¹(p): −S⁻¹(p) for p < ½ (by symmetry), 0 at p = ½, S⁻¹(1 − p) for p > ½.
    ///
    /// - Returns: −∞ for p = 0, +∞ for p = 1, `NaN` for p outside [0, 1] or `NaN`.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0.5 { return 0 }
        return p < 0.5 ? -upperQuantile(p) : upperQuantile(1 - p)
    }

    /// S⁻¹(q), accurate for tiny q.
    ///
    /// - Returns: +∞ for q = 0, −∞ for q = 1, `NaN` for q outside [0, 1] or `NaN`.
    public func survivalQuantile(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if q == 0.5 { return 0 }
        return q < 0.5 ? upperQuantile(q) : -upperQuantile(1 - q)
    }

    /// The t > 0 with P(T > t) = q, for 0 ≤ q < ½.
    ///
    /// Starts from the Cornish–Fisher expansion in 1/ν (Abramowitz & Stegun 26.7.5) where z²/ν is
    /// small, otherwise from the power-law tail P(T > t) ≈ t^(−ν)·ν^((ν−1)/2)/(√ν·B(ν/2, ½)), and
    /// refines with safeguarded Newton steps on log P(T > t) against log t.
    private func upperQuantile(_ q: Double) -> Double {
        if q == 0 { return .infinity }
        let nu = degreesOfFreedom
        let z = -NormalQuantile.standard(q)
        let logTarget = Foundation.log(q)
        let logBetaHalf = SpecialFunctions.logBeta(0.5 * nu, 0.5)
        let powerLaw = Foundation.exp((-logTarget + 0.5 * (nu - 2) * Foundation.log(nu) - logBetaHalf) / nu)
        // The power law is exact to O(1/t²); beyond 1e300 (or overflow) it is the answer.
        if powerLaw > 1e300 { return powerLaw }
        let z2 = z * z
        var guess = powerLaw
        if z2 < nu {
            let g1 = (z2 + 1) * z / 4
            let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
            let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
            let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
            guess = z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
        }
        let a = 0.5 * nu
        if q > 0.25 {
            // Near the median t is small and q ≈ ½ carries it only to absolute accuracy, so
            // solve P(0 < T < t) = ½ − q instead: 1 − 2q is exact here, and
            // 2·P(0 < T < t) = I_(1−x)(½, ν/2) is the directly computed beta tail.
            return TailInversion.solve(
                target: Foundation.log(1 - 2 * q), increasing: true, guess: guess, alternative: z
            ) { t in
                let betaTails = SpecialFunctions.incompleteBetaTails(
                    a, 0.5, BetaArgument(studentT: t, degreesOfFreedom: nu))
                let slope = Foundation.exp(Constants.ln2 + betaTails.logPrefactor - betaTails.logUpper)
                return TailEvaluation(logValue: betaTails.logUpper, logSlope: slope)
            }
        }
        return TailInversion.solve(
            target: logTarget, increasing: false, guess: guess, alternative: Swift.max(z, powerLaw)
        ) { t in
            let betaTails = SpecialFunctions.incompleteBetaTails(
                a, 0.5, BetaArgument(studentT: t, degreesOfFreedom: nu))
            let logValue = betaTails.logLower - Constants.ln2
            return TailEvaluation(logValue: logValue, logSlope: -Foundation.exp(betaTails.logPrefactor - logValue))
        }
    }
}
