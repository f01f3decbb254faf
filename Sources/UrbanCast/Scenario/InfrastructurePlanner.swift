import Foundation

/// The least-cost expansion plan of a facility: which options enter service in which year so
/// that the capacity in place meets the capacity needed in every year, at the least net present
/// cost.
///
/// Formally, with projected years t = 1…T, today's capacity C₀, the capacity needed Nₜ, options
/// j with added capacity aⱼ, first possible service year eⱼ and net present cost cⱼ(s) when
/// entering service in year s (``Economics/Investment/netPresentCost(firstServiceYear:horizon:discounting:)``):
/// choose sⱼ ∈ {eⱼ…T} ∪ {never} minimising Σⱼ cⱼ(sⱼ) subject to C₀ + Σ_{j: sⱼ ≤ t} aⱼ ≥ Nₜ for
/// every t. Each option is built at most once (its renewals at the end of each lifetime follow
/// the investment convention, so its capacity stays to the horizon).
///
/// Solved exactly by dynamic programming over the years and the set S of options in service:
/// V_t(S′) = min over S ⊆ S′ with S′ ∖ S all available in year t of V_{t−1}(S) + Σ_{j ∈ S′∖S} cⱼ(t),
/// kept only when C₀ + a(S′) ≥ Nₜ. Ties (costs equal within 1e-12 relative) keep the first
/// candidate in a fixed order — previous sets by ascending bit mask of option indices, then added
/// subsets likewise — so the plan does not depend on anything but the inputs.
public enum InfrastructurePlanner {
    /// One expansion option as the planner sees it.
    public struct Option: Sendable, Equatable {
        /// The capacity added, > 0.
        public var add: Double
        /// The costs.
        public var investment: Economics.Investment
        /// The first year the option can serve.
        public var firstServiceYear: Int

        /// An option.
        ///
        /// - Parameters:
        ///   - add: The capacity added.
        ///   - investment: Its costs, lifetime and lead time.
        ///   - firstServiceYear: The first year it can serve (lead time and earliest year applied).
        public init(add: Double, investment: Economics.Investment, firstServiceYear: Int) {
            self.add = add
            self.investment = investment
            self.firstServiceYear = firstServiceYear
        }
    }

    /// The planner's answer.
    public enum Solution: Sendable, Equatable {
        /// A plan: each option's first service year (`nil`: not built) and the total net present cost.
        case plan(serviceYears: [Int?], netPresentCost: Double)
        /// No choice of options meets the capacity needed in `failsIn`, the first such year (all
        /// options available by then in service would still fall short, or the need is not a number).
        case infeasible(failsIn: Int)
        /// More options than ``maximumOptions``: the exact search is not attempted.
        case tooManyOptions(limit: Int)
    }

    /// The most options the exact search takes (2^16 states a year, 3^16 transitions).
    public static let maximumOptions = 16

    /// The least-cost plan.
    ///
    /// - Parameters:
    ///   - capacity: Today's capacity C₀.
    ///   - needed: The capacity needed in each of `years`.
    ///   - years: The projected years, consecutive and ascending, the last one the horizon.
    ///   - options: The expansion options, at most ``maximumOptions``.
    ///   - discounting: The discount rate and base year.
    /// - Returns: The plan, the first year no plan can meet, or ``Solution/tooManyOptions(limit:)``.
    /// - Complexity: O(years × 3^options) time, O(years × 2^options) memory.
    public static func leastCost(capacity: Double, needed: [Double], years: [Int], options: [Option],
                                 discounting: Economics.Discounting) -> Solution {
        guard options.count <= maximumOptions else { return .tooManyOptions(limit: maximumOptions) }
        let m = options.count
        let states = 1 << m
        guard let horizon = years.last else { return .plan(serviceYears: Array(repeating: nil, count: options.count), netPresentCost: 0) }
        var added = [Double](repeating: 0, count: states)
        for set in 1..<states {
            let low = set.trailingZeroBitCount
            added[set] = added[set & (set - 1)] + options[low].add
        }
        var value = [Double](repeating: .infinity, count: states)
        value[0] = 0
        // The set in service the year before, for each set after each year.
        var previous = [[Int32]](repeating: [], count: years.count)
        var subsetCost = [Double](repeating: 0, count: states)
        for (t, year) in years.enumerated() {
            var available = 0
            for j in 0..<m where options[j].firstServiceYear <= year { available |= 1 << j }
            for set in 1..<states where set & available == set {
                let low = set.trailingZeroBitCount
                subsetCost[set] = subsetCost[set & (set - 1)]
                    + options[low].investment.netPresentCost(firstServiceYear: year, horizon: horizon, discounting: discounting)
            }
            var next = [Double](repeating: .infinity, count: states)
            var from = [Int32](repeating: -1, count: states)
            let need = needed[t]
            for set in 0..<states where value[set].isFinite {
                let free = available & ~set
                // Every subset of the free options, the empty one first.
                var sub = 0
                while true {
                    let after = set | sub
                    if need.isFinite, capacity + added[after] >= need {
                        let cost = value[set] + subsetCost[sub]
                        if isBetter(cost, than: next[after]) {
                            next[after] = cost
                            from[after] = Int32(set)
                        }
                    }
                    if sub == free { break }
                    sub = (sub - free) & free
                }
            }
            guard next.contains(where: \.isFinite) else { return .infeasible(failsIn: year) }
            value = next
            previous[t] = from
        }
        var best = 0
        for set in 1..<states where isBetter(value[set], than: value[best]) { best = set }
        var serviceYears = [Int?](repeating: nil, count: options.count)
        var set = best
        for t in stride(from: years.count - 1, through: 0, by: -1) {
            let before = Int(previous[t][set])
            let entered = set & ~before
            for j in 0..<m where entered & (1 << j) != 0 { serviceYears[j] = years[t] }
            set = before
        }
        return .plan(serviceYears: serviceYears, netPresentCost: value[best])
    }

    /// Whether cost `a` beats `b`: `b` is not yet reached, or `a` is lower by more than 1e-12
    /// relative (so rounding in the last digits does not decide between equal plans).
    private static func isBetter(_ a: Double, than b: Double) -> Bool {
        a.isFinite && (!b.isFinite || a < b - 1e-12 * max(1, abs(b)))
    }
}
