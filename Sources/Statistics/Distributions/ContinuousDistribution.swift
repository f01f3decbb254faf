/// A univariate continuous probability distribution with accurate tails.
///
/// Every conforming type evaluates both tails directly: ``survival(_:)`` is not `1 − cdf(x)`,
/// so an upper-tail probability of 1e-300 keeps its relative accuracy, and
/// ``survivalQuantile(_:)`` inverts it for tiny upper-tail probabilities.
///
/// Conventions shared by every distribution in this module:
/// - `NaN` in gives `NaN` out.
/// - ``quantile(_:)`` returns `NaN` for p outside [0, 1]; `quantile(0)` is the lower end of
///   the support (−∞ or 0) and `quantile(1)` is +∞. ``survivalQuantile(_:)`` mirrors this.
/// - ±∞ is accepted as an argument of `cdf`, `survival` and the densities.
public protocol ContinuousDistribution: Sendable {
    /// The smallest closed interval holding all the probability, e.g. `0...Double.infinity`.
    var support: ClosedRange<Double> { get }

    /// The expected value; +∞ where it diverges, `NaN` where it is undefined.
    var mean: Double { get }

    /// The variance; +∞ where it diverges, `NaN` where it is undefined.
    var variance: Double { get }

    /// The probability density f(x); 0 outside the support.
    func pdf(_ x: Double) -> Double

    /// log f(x), accurate where f(x) underflows; −∞ outside the support.
    func logPDF(_ x: Double) -> Double

    /// The cumulative distribution function F(x) = P(X ≤ x).
    func cdf(_ x: Double) -> Double

    /// The survival function S(x) = P(X > x), computed directly (not as 1 − F).
    func survival(_ x: Double) -> Double

    /// log F(x), finite where F(x) underflows to 0 wherever the type can evaluate it in log space.
    func logCDF(_ x: Double) -> Double

    /// log S(x), finite where S(x) underflows to 0 wherever the type can evaluate it in log space.
    func logSurvival(_ x: Double) -> Double

    /// The quantile function F⁻¹(p): the x with F(x) = p.
    ///
    /// For p > ½ the upper tail is inverted at 1 − p, which is exact in floating point, so
    /// `quantile(p)` and `survivalQuantile(1 − p)` agree there; for p close to 1 the resolution
    /// is limited by p itself (the spacing of doubles below 1 is 1.1e-16) — use
    /// ``survivalQuantile(_:)`` with the upper-tail probability when it is known.
    func quantile(_ p: Double) -> Double

    /// The inverse survival function S⁻¹(q): the x with S(x) = q, accurate for tiny q.
    func survivalQuantile(_ q: Double) -> Double
}

extension ContinuousDistribution {
    /// Draws one variate by inversion, x = F⁻¹(u) with u = ``SeededGenerator/nextUniform()``,
    /// so a draw depends only on the generator's stream and is reproducible across platforms
    /// up to the accuracy of the quantile function.
    ///
    /// - Parameter generator: the generator to advance by one 64-bit output.
    /// - Returns: one variate.
    /// - Complexity: one quantile evaluation.
    public func sample(using generator: inout SeededGenerator) -> Double {
        quantile(generator.nextUniform())
    }
}
