/// The χ² distribution with ν > 0 degrees of freedom (non-integer ν allowed).
///
/// χ²(ν) = Gamma(shape ν/2, scale 2): density x^(ν/2−1) e^(−x/2)/(2^(ν/2) Γ(ν/2)) on [0, ∞),
/// F(x) = P(ν/2, x/2), S(x) = Q(ν/2, x/2). Since x/2 is exact, every function inherits the
/// accuracy of the incomplete gamma function.
///
/// ```swift
/// let chi2 = try ChiSquared(degreesOfFreedom: 3)
/// chi2.survivalQuantile(0.05)   // 7.814727903251178
/// ```
public struct ChiSquared: ContinuousDistribution, Hashable {
    /// ν > 0, the degrees of freedom.
    public let degreesOfFreedom: Double
    private let gamma: GammaDistribution

    /// Creates χ²(ν).
    ///
    /// - Parameter degreesOfFreedom: ν, a finite number > 0.
    /// - Throws: ``StatisticsError/invalidParameter(name:value:requirement:)`` if ν is not
    ///   finite and positive.
    public init(degreesOfFreedom: Double) throws(StatisticsError) {
        try StatisticsError.requirePositiveFinite(degreesOfFreedom, name: "degreesOfFreedom")
        self.degreesOfFreedom = degreesOfFreedom
        do {
            self.gamma = try GammaDistribution(shape: 0.5 * degreesOfFreedom, scale: 2)
        } catch {
            // Only a subnormal ν whose half underflows to 0 gets here.
            throw .invalidParameter(
                name: "degreesOfFreedom", value: degreesOfFreedom,
                requirement: StatisticsError.positiveFinite)
        }
    }

    /// [0, ∞).
    public var support: ClosedRange<Double> { 0...Double.infinity }
    /// ν.
    public var mean: Double { degreesOfFreedom }
    /// 2ν.
    public var variance: Double { 2 * degreesOfFreedom }
    /// See ``GammaDistribution/pdf(_:)``.
    public func pdf(_ x: Double) -> Double { gamma.pdf(x) }
    /// See ``GammaDistribution/logPDF(_:)``.
    public func logPDF(_ x: Double) -> Double { gamma.logPDF(x) }
    /// P(ν/2, x/2); see ``GammaDistribution/cdf(_:)``.
    public func cdf(_ x: Double) -> Double { gamma.cdf(x) }
    /// Q(ν/2, x/2), computed directly; see ``GammaDistribution/survival(_:)``.
    public func survival(_ x: Double) -> Double { gamma.survival(x) }
    /// See ``GammaDistribution/logCDF(_:)``.
    public func logCDF(_ x: Double) -> Double { gamma.logCDF(x) }
    /// See ``GammaDistribution/logSurvival(_:)``.
    public func logSurvival(_ x: Double) -> Double { gamma.logSurvival(x) }
    /// See ``GammaDistribution/quantile(_:)``.
    public func quantile(_ p: Double) -> Double { gamma.quantile(p) }
    /// See ``GammaDistribution/survivalQuantile(_:)``.
    public func survivalQuantile(_ q: Double) -> Double { gamma.survivalQuantile(q) }
}
