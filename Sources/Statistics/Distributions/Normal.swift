import Foundation

/// The normal (Gaussian) distribution N(μ, σ²).
///
/// Density f(x) = exp(−z²/2)/(σ√(2π)) with z = (x − μ)/σ, support (−∞, ∞).
///
/// ```swift
/// let normal = try Normal(mean: 0, standardDeviation: 1)
/// normal.quantile(0.975)       // 1.959963984540054
/// Normal.standard.survival(40)     // 0: the true 3.66e-350 is below the double range
/// Normal.standard.logSurvival(40)  // -804.6084420137538
/// ```
public struct Normal: ContinuousDistribution, Hashable {
    /// μ, the mean.
    public let mean: Double
    /// σ > 0, the standard deviation.
    public let standardDeviation: Double

    /// The standard normal N(0, 1).
    public static let standard = Normal(uncheckedMean: 0, standardDeviation: 1)

    /// Creates N(μ, σ²).
    ///
    /// - Parameters:
    ///   - mean: μ, any finite number.
    ///   - standardDeviation: σ, a finite number > 0.
    /// - Throws: ``StatisticsError/invalidParameter(name:value:requirement:)`` if μ is not
    ///   finite or σ is not finite and positive.
    public init(mean: Double, standardDeviation: Double) throws(StatisticsError) {
        try StatisticsError.requireFinite(mean, name: "mean")
        try StatisticsError.requirePositiveFinite(standardDeviation, name: "standardDeviation")
        self.init(uncheckedMean: mean, standardDeviation: standardDeviation)
    }

    private init(uncheckedMean mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// (−∞, ∞).
    public var support: ClosedRange<Double> { -Double.infinity...Double.infinity }

    /// σ².
    public var variance: Double { standardDeviation * standardDeviation }

    private func standardized(_ x: Double) -> Double { (x - mean) / standardDeviation }

    /// f(x) = exp(−z²/2)/(σ√(2π)); z² is formed exactly so the tail density keeps its accuracy.
    public func pdf(_ x: Double) -> Double { Foundation.exp(logPDF(x)) }

    /// log f(x) = −z²/2 − log σ − ½log(2π); −∞ for x = ±∞.
    public func logPDF(_ x: Double) -> Double {
        let z = standardized(x)
        let normalization = Foundation.log(standardDeviation) + Constants.logSqrt2Pi
        if Swift.abs(z) > 1e150 { return -0.5 * z * z - normalization }  // z² needs no low part
        let square = SpecialFunctions.twoProduct(z, z)
        return -0.5 * square.hi - (0.5 * square.lo + normalization)
    }

    /// Φ((x − μ)/σ), via the complementary error function of −z/√2 (see ``survival(_:)``).
    public func cdf(_ x: Double) -> Double { NormalTail.upper(-standardized(x)) }

    /// 1 − Φ((x − μ)/σ) = ½·erfc(z/√2), computed directly; the rounding of z/√2 is corrected to
    /// first order, so the relative error stays near 1e-15 down to 1e-300.
    public func survival(_ x: Double) -> Double { NormalTail.upper(standardized(x)) }

    /// log Φ(z); for z < −30 the asymptotic series −z²/2 − log(−z) − ½log(2π) + log(1 − 1/z² + 3/z⁴ …).
    public func logCDF(_ x: Double) -> Double { NormalTail.logUpper(-standardized(x)) }

    /// log(1 − Φ(z)); for z > 30 the asymptotic series as in ``logCDF(_:)``.
    public func logSurvival(_ x: Double) -> Double { NormalTail.logUpper(standardized(x)) }

    /// μ + σ·Φ⁻¹(p) with Wichura's AS 241 (PPND16), relative accuracy about 1e-16, computed with
    /// a platform-independent logarithm so the result is bit-identical everywhere.
    ///
    /// - Returns: −∞ for p = 0, +∞ for p = 1, `NaN` for p outside [0, 1] or `NaN`.
    public func quantile(_ p: Double) -> Double {
        mean + standardDeviation * NormalQuantile.standard(p)
    }

    /// μ − σ·Φ⁻¹(q), exact by symmetry for tiny q.
    ///
    /// - Returns: +∞ for q = 0, −∞ for q = 1, `NaN` for q outside [0, 1] or `NaN`.
    public func survivalQuantile(_ q: Double) -> Double {
        mean - standardDeviation * NormalQuantile.standard(q)
    }
}

/// The standard normal upper tail Q(z) = 1 − Φ(z) and its logarithm.
enum NormalTail {
    /// Q(z) = ½·erfc(z/√2). u = z/√2 is rounded; with u_low the rounding remainder,
    /// erfc(u + u_low) ≈ erfc(u)·(1 − u_low·h(u)), h = 2e^(−u²)/(√π·erfc(u)) ≈ 2u + 1/u for large u.
    static func upper(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        let u = z * Constants.sqrtHalf
        let uLow = (-u).addingProduct(z, Constants.sqrtHalf) + z * Constants.sqrtHalfLow
        let tail = Foundation.erfc(u)
        if tail == 0 || !u.isFinite { return 0.5 * tail }
        let h = u < 26 ? Constants.twoOverSqrtPi * Foundation.exp(-u * u) / tail : 2 * u + 1 / u
        return 0.5 * tail * (1 - uLow * h)
    }

    /// log Q(z); asymptotic expansion beyond z = 30, where Q < 5e-198.
    static func logUpper(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z < -5 { return Foundation.log1p(-upper(-z)) }
        if z <= 30 { return Foundation.log(upper(z)) }
        if z > 1e150 { return -0.5 * z * z }  // −∞ at z = ∞; log z and the series are negligible
        // Q(z) = φ(z)/z · (1 − 1/z² + 3/z⁴ − 15/z⁶ + …); ten terms are below 1e-18 at z = 30.
        let inverseSquare = 1 / (z * z)
        var series = 1.0
        var term = 1.0
        var k = 1.0
        while k <= 10 {
            term *= -(2 * k - 1) * inverseSquare
            series += term
            k += 1
        }
        let square = SpecialFunctions.twoProduct(z, z)
        return -0.5 * square.hi - (0.5 * square.lo + Foundation.log(z) + Constants.logSqrt2Pi - Foundation.log(series))
    }
}

/// Wichura's algorithm AS 241 (PPND16) for the standard normal quantile, Applied Statistics
/// 37 (1988) 477–484: rational approximations of degree 7 in three regions, relative accuracy
/// about 1e-16 for min(p, 1−p) > 1e-316. Evaluated with ``PortableMath/log(_:)`` and basic
/// arithmetic only, so the result is the same bit pattern on every platform.
enum NormalQuantile {
    static func standard(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        let q = p - 0.5
        if Swift.abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let numerator =
                (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                    + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                    + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                    + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
            let denominator =
                (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                    + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                    + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                    + 4.2313330701600911252e1) * r + 1)
            return q * numerator / denominator
        }
        var r = q < 0 ? p : 1 - p  // exact: 1 − p for p > ½
        if r == 0 { return q < 0 ? -.infinity : .infinity }
        r = (-PortableMath.log(r)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            let numerator =
                (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                    + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                    + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let denominator =
                (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                    + 2.05319162663775882187e0) * r + 1)
            value = numerator / denominator
        } else {
            r -= 5
            let numerator =
                (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                    + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                    + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                    + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
            let denominator =
                (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                    + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                    + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                    + 5.99832206555887937690e-1) * r + 1)
            value = numerator / denominator
        }
        return q < 0 ? -value : value
    }
}
