import Foundation

/// The gamma distribution with shape k > 0 and scale θ > 0.
///
/// Density f(x) = x^(k−1) e^(−x/θ)/(Γ(k) θ^k), support [0, ∞); F(x) = P(k, x/θ) and
/// S(x) = Q(k, x/θ), the regularized incomplete gamma functions, each computed directly.
///
/// ```swift
/// let gamma = try GammaDistribution(shape: 2.5, scale: 4)
/// gamma.mean            // 10.0
/// gamma.quantile(0.5)   // 8.702920382191...
/// ```
public struct GammaDistribution: ContinuousDistribution, Hashable {
    /// k > 0, the shape.
    public let shape: Double
    /// θ > 0, the scale (1/rate).
    public let scale: Double

    /// Creates Gamma(k, θ).
    ///
    /// - Parameters:
    ///   - shape: k, a finite number > 0.
    ///   - scale: θ, a finite number > 0 (use 1/rate for a rate parametrisation).
    /// - Throws: ``StatisticsError/invalidParameter(name:value:requirement:)`` if either is not
    ///   finite and positive.
    public init(shape: Double, scale: Double = 1) throws(StatisticsError) {
        try StatisticsError.requirePositiveFinite(shape, name: "shape")
        try StatisticsError.requirePositiveFinite(scale, name: "scale")
        self.shape = shape
        self.scale = scale
    }

    /// [0, ∞).
    public var support: ClosedRange<Double> { 0...Double.infinity }

    /// kθ.
    public var mean: Double { shape * scale }

    /// kθ².
    public var variance: Double { shape * scale * scale }

    /// f(x) = e^logPDF(x); 0 for x < 0 and x = +∞, `NaN` for `NaN`.
    public func pdf(_ x: Double) -> Double { Foundation.exp(logPDF(x)) }

    /// log f(x) = log(s^k e^(−s)/Γ(k+1)) + log k − log x with s = x/θ (Loader's form, accurate for
    /// large k); at x = 0 the density is +∞ for k < 1, 1/θ for k = 1 and 0 for k > 1.
    public func logPDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 {
            if shape == 1 { return -Foundation.log(scale) }
            return shape < 1 ? .infinity : -.infinity
        }
        return SpecialFunctions.logGammaDensityFactor(shape, x / scale) + Foundation.log(shape) - Foundation.log(x)
    }

    /// P(k, x/θ): 0 for x ≤ 0, 1 at +∞, `NaN` for `NaN`.
    public func cdf(_ x: Double) -> Double { Foundation.exp(logCDF(x)) }

    /// Q(k, x/θ), computed directly: 1 for x ≤ 0, 0 at +∞, `NaN` for `NaN`.
    public func survival(_ x: Double) -> Double { Foundation.exp(logSurvival(x)) }

    /// log P(k, x/θ): −∞ for x ≤ 0, finite where P underflows; `NaN` for `NaN`.
    public func logCDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return -.infinity }
        return SpecialFunctions.incompleteGammaTails(shape, x / scale).logLower
    }

    /// log Q(k, x/θ): 0 for x ≤ 0, finite where Q underflows; `NaN` for `NaN`.
    public func logSurvival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.incompleteGammaTails(shape, x / scale).logUpper
    }

    /// θ·P⁻¹(k, p); see ``SpecialFunctions/inverseRegularizedGammaP(_:_:)``.
    ///
    /// - Returns: 0 for p = 0, +∞ for p = 1, `NaN` for p outside [0, 1] or `NaN`.
    public func quantile(_ p: Double) -> Double {
        scale * SpecialFunctions.inverseRegularizedGammaP(shape, p)
    }

    /// θ·Q⁻¹(k, q), accurate for tiny q.
    ///
    /// - Returns: +∞ for q = 0, 0 for q = 1, `NaN` for q outside [0, 1] or `NaN`.
    public func survivalQuantile(_ q: Double) -> Double {
        scale * SpecialFunctions.inverseRegularizedGammaQ(shape, q)
    }
}
