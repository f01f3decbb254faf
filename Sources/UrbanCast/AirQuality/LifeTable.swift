import Foundation

/// Remaining life expectancy by age, for years of life lost: an abridged life table's e(x) at
/// the start ages of its groups, interpolated linearly between them and held at the last value
/// beyond the last age.
///
/// ```swift
/// let table = try LifeTable(ages: [0, 30, 60], remainingLifeExpectancy: [80, 51, 23])
/// table.remainingLifeExpectancy(atAge: 45)     // 37
/// ```
public struct LifeTable: Sendable, Equatable {
    /// The start ages, strictly increasing, the first ≥ 0.
    public let ages: [Double]
    /// The remaining life expectancy e(x) at each age, in years, ≥ 0.
    public let remainingLifeExpectancy: [Double]
    /// Where the table comes from, as printed.
    public let source: String

    /// Creates a life table.
    ///
    /// - Parameters:
    ///   - ages: The start ages, strictly increasing, ≥ 0.
    ///   - remainingLifeExpectancy: e(x) at each age, ≥ 0, as many as `ages`.
    ///   - source: Where it comes from.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for an empty table, lengths that differ,
    ///   ages not increasing or negative, or a negative or non-finite expectancy.
    public init(ages: [Double], remainingLifeExpectancy: [Double], source: String = "") throws(AirQualityError) {
        guard !ages.isEmpty, ages.count == remainingLifeExpectancy.count else {
            throw .invalidSetting("health.lifeTable: a life table needs one remaining life expectancy per age, and at least one age")
        }
        guard ages[0] >= 0, zip(ages, ages.dropFirst()).allSatisfy({ $0 < $1 }), ages.allSatisfy(\.isFinite) else {
            throw .invalidSetting("health.lifeTable: ages must be ≥ 0 and strictly increasing")
        }
        guard remainingLifeExpectancy.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw .invalidSetting("health.lifeTable: remaining life expectancies must be finite and ≥ 0")
        }
        self.ages = ages
        self.remainingLifeExpectancy = remainingLifeExpectancy
        self.source = source
    }

    /// e(age) by linear interpolation; the first value below the first age, the last beyond the last.
    ///
    /// - Parameter age: The age, years.
    /// - Returns: The remaining life expectancy, years.
    /// - Complexity: O(ages).
    public func remainingLifeExpectancy(atAge age: Double) -> Double {
        guard let upper = ages.firstIndex(where: { $0 > age }) else { return remainingLifeExpectancy[ages.count - 1] }
        guard upper > 0 else { return remainingLifeExpectancy[0] }
        let (a0, a1) = (ages[upper - 1], ages[upper])
        let (e0, e1) = (remainingLifeExpectancy[upper - 1], remainingLifeExpectancy[upper])
        return e0 + (e1 - e0) * (age - a0) / (a1 - a0)
    }
}
