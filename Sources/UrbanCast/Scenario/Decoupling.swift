/// Tapio's decoupling index: the elasticity of resource use with respect to GDP between two years
/// and the eight states it places a change in (P. Tapio, "Towards a theory of decoupling: degrees
/// of decoupling in the EU and the case of road traffic in Finland between 1970 and 2001",
/// Transport Policy 12 (2005) 137–151, Fig. 2).
///
/// The elasticity is `e = (ΔV / V₀) / (ΔG / G₀)`, the percentage change of resource use `V` over
/// that of GDP `G`. With GDP growing: strong decoupling when use falls (`e < 0`), weak
/// decoupling for `0 ≤ e < 0.8`, expansive coupling for `0.8 ≤ e ≤ 1.2`, expansive negative
/// decoupling for `e > 1.2`. With GDP shrinking: strong negative decoupling when use grows
/// (`e < 0`), weak negative decoupling for `0 ≤ e < 0.8`, recessive coupling for
/// `0.8 ≤ e ≤ 1.2`, recessive decoupling for `e > 1.2`. Tapio draws the band of coupling at
/// 0.8 and 1.2 and leaves its edges unstated; here the edges belong to coupling. Unchanged GDP
/// has no state.
///
/// ```swift
/// Decoupling(baseResource: 100, resource: 95, baseGDP: 50, gdp: 60)?.state   // .strongDecoupling (e = −0.25)
/// ```
public struct Decoupling: Codable, Sendable, Equatable {
    /// Tapio's eight degrees of decoupling.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// GDP grows, use falls.
        case strongDecoupling
        /// GDP grows, use grows less than 0.8 times as fast.
        case weakDecoupling
        /// GDP grows, use grows 0.8 to 1.2 times as fast.
        case expansiveCoupling
        /// GDP grows, use grows more than 1.2 times as fast.
        case expansiveNegativeDecoupling
        /// GDP falls, use grows.
        case strongNegativeDecoupling
        /// GDP falls, use falls less than 0.8 times as fast.
        case weakNegativeDecoupling
        /// GDP falls, use falls 0.8 to 1.2 times as fast.
        case recessiveCoupling
        /// GDP falls, use falls more than 1.2 times as fast.
        case recessiveDecoupling
    }

    /// `e = (ΔV / V₀) / (ΔG / G₀)`.
    public var elasticity: Double
    /// The state `e` and the sign of the GDP change place the change in.
    public var state: State

    /// The decoupling of resource use from GDP between a base year and another.
    ///
    /// - Parameters:
    ///   - baseResource: `V₀`, positive.
    ///   - resource: `V`, ≥ 0.
    ///   - baseGDP: `G₀`, positive.
    ///   - gdp: `G`, ≥ 0.
    /// - Returns: `nil` when GDP is unchanged or changes so little that `e` overflows (no
    ///   elasticity), a value is not finite, `V₀` or `G₀` is not positive, or `V` or `G` is negative.
    /// - Complexity: O(1).
    public init?(baseResource: Double, resource: Double, baseGDP: Double, gdp: Double) {
        guard [baseResource, resource, baseGDP, gdp].allSatisfy(\.isFinite), baseResource > 0, baseGDP > 0,
              resource >= 0, gdp >= 0, gdp != baseGDP else { return nil }
        let resourceChange = (resource - baseResource) / baseResource, gdpChange = (gdp - baseGDP) / baseGDP
        let e = resourceChange / gdpChange
        guard e.isFinite else { return nil }
        elasticity = e
        state = switch (gdpChange > 0, e) {
        case (true, ..<0): .strongDecoupling
        case (true, ..<0.8): .weakDecoupling
        case (true, ...1.2): .expansiveCoupling
        case (true, _): .expansiveNegativeDecoupling
        case (false, ..<0): .strongNegativeDecoupling
        case (false, ..<0.8): .weakNegativeDecoupling
        case (false, ...1.2): .recessiveCoupling
        case (false, _): .recessiveDecoupling
        }
    }
}
