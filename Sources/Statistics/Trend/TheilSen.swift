/// The Theil–Sen estimator of a linear trend: the median of all pairwise slopes.
///
/// For observations (xᵢ, yᵢ), the slope is b = median{ (yⱼ − yᵢ)/(xⱼ − xᵢ) : i < j, xᵢ ≠ xⱼ }
/// (Theil 1950, Sen 1968), and the intercept a = median{ yᵢ − b·xᵢ } (Conover 1980), so the line
/// passes through the middle of the residuals. Pairs with equal x are left out, as in R's
/// `zyp`/`openair` and SciPy's `theilslopes`. The estimator resists outliers: up to 29 % of the
/// points may be arbitrarily wrong before the slope breaks down.
///
/// ```swift
/// let fit = try TheilSen(x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 50])
/// fit.slope       // 1.0 — the outlier does not move it
/// fit.intercept   // 0.0
/// ```
public struct TheilSen: Sendable, Equatable {
    /// The median pairwise slope, in units of y per unit of x.
    public let slope: Double
    /// The median of yᵢ − slope·xᵢ.
    public let intercept: Double
    /// The number of pairs with distinct x whose slopes entered the median.
    public let pairCount: Int

    /// Fits the Theil–Sen line; `NaN` observations (in x or y) are left out.
    ///
    /// - Parameters:
    ///   - x: The abscissae (for a trend, time in years), finite or `NaN`.
    ///   - y: The observations, same count as `x`.
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` when fewer than two
    ///   complete observations with distinct x remain; ``StatisticsError/invalidParameter(name:value:requirement:)``
    ///   for an infinite value.
    /// - Precondition: `x` and `y` have the same count.
    /// - Complexity: O(n² log n) time and O(n²) memory for the n(n − 1)/2 pairwise slopes.
    public init(x: [Double], y: [Double]) throws(StatisticsError) {
        precondition(x.count == y.count, "\(x.count) abscissae but \(y.count) observations")
        let points = try Self.completePoints(x: x, y: y)
        var slopes: [Double] = []
        slopes.reserveCapacity(points.count * (points.count - 1) / 2)
        for i in points.indices {
            for j in (i + 1)..<points.count where points[j].x != points[i].x {
                slopes.append((points[j].y - points[i].y) / (points[j].x - points[i].x))
            }
        }
        guard !slopes.isEmpty else {
            throw .tooFewObservations(statistic: "Theil–Sen slope (points with distinct x)", needed: 2, got: min(points.count, 1))
        }
        let slope = try Descriptive.median(slopes)
        self.slope = slope
        self.intercept = try Descriptive.median(points.map { $0.y - slope * $0.x })
        self.pairCount = slopes.count
    }

    /// The observations with finite x and y, refusing infinities.
    static func completePoints(x: [Double], y: [Double]) throws(StatisticsError) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = []
        points.reserveCapacity(x.count)
        for (a, b) in zip(x, y) where !a.isNaN && !b.isNaN {
            guard a.isFinite else { throw .invalidParameter(name: "x", value: a, requirement: "finite or NaN") }
            guard b.isFinite else { throw .invalidParameter(name: "y", value: b, requirement: "finite or NaN") }
            points.append((a, b))
        }
        return points
    }
}
