/// The Mann–Kendall test for a monotonic trend in a series, with the variance corrected for ties.
///
/// With observations y₁, …, yₙ in time order (missing values left out),
///
/// - S = Σ_{i<j} sign(yⱼ − yᵢ),
/// - Var(S) = [n(n − 1)(2n + 5) − Σₜ t(t − 1)(2t + 5)] / 18, summing over groups of t tied values,
/// - Z = (S − sign(S)) / √Var(S) with the continuity correction (Hirsch, Slack & Smith 1982;
///   R's `Kendall::MannKendall`, `pymannkendall`), or S / √Var(S) without it (SciPy's
///   `kendalltau(t, y)` with its asymptotic method gives this Z when the times are distinct),
/// - the two-sided p-value 2·Φ(−|Z|), and Kendall's τ = S / (n(n − 1)/2).
///
/// ```swift
/// let test = try MannKendall([1, 3, 2, 5, 4, 6, 8, 7])
/// test.s        // 22
/// test.pValue   // 0.00937 (continuity-corrected)
/// ```
public struct MannKendall: Sendable, Equatable {
    /// The number of non-missing observations.
    public let count: Int
    /// Kendall's S, the number of increasing minus decreasing pairs.
    public let s: Int
    /// The variance of S under no trend, corrected for ties.
    public let variance: Double
    /// The standard normal statistic (with or without the continuity correction).
    public let z: Double
    /// The two-sided p-value 2·Φ(−|Z|).
    public let pValue: Double
    /// Kendall's τ = S / (n(n − 1)/2), in [−1, 1].
    public let tau: Double

    /// Runs the test.
    ///
    /// - Parameters:
    ///   - values: The series in time order; `NaN` values are left out.
    ///   - continuityCorrection: Whether Z uses S − sign(S) (default `true`).
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for fewer than three
    ///   non-missing values; ``StatisticsError/invalidParameter(name:value:requirement:)`` for an
    ///   infinite value.
    /// - Complexity: O(n²) time for S, O(n log n) for the ties; O(n) memory.
    public init(_ values: [Double], continuityCorrection: Bool = true) throws(StatisticsError) {
        let y = try Self.finiteValues(values)
        let n = y.count
        guard n >= 3 else { throw .tooFewObservations(statistic: "Mann–Kendall test", needed: 3, got: n) }
        let (s, variance) = Self.score(y)
        let z = Self.zScore(s: s, variance: variance, continuityCorrection: continuityCorrection)
        let nn = Double(n)
        self.count = n
        self.s = s
        self.variance = variance
        self.z = z
        self.pValue = min(1, 2 * Normal.standard.cdf(-abs(z)))
        self.tau = Double(s) / (nn * (nn - 1) / 2)
    }
}
