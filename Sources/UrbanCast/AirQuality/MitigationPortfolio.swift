/// The least-cost set of measures that brings a plan's central concentration to a target by a
/// year, solved exactly by branch and bound.
///
/// Minimise the net present cost over the plan's horizon, Σ_{m ∈ M} NPC_m
/// (``MitigationPlan/netPresentCost(of:)``: capital, operating costs, renewals and residual
/// values discounted to the end of the base year; costs of different measures do not interact),
/// subject to C(year; M) ≤ target (``MitigationPlan/concentration(year:measures:shares:deviation:)``
/// with the central shares and trend). Measures are explored in order of levelised cost per unit
/// removed when applied alone (the marginal abatement cost), including each before excluding it; a branch is
/// cut when its cost reaches the best found so far, when adding every remaining measure cannot
/// reach the target, or when its cost plus a fractional-knapsack lower bound on the cost still
/// needed reaches the best (each remaining measure can remove at most its reduction on top of
/// the branch's measures, because 1 − Π(1 − eₘ) ≤ Σ eₘ within a sector). All three bounds are
/// valid, so the result is optimal. Ties in cost keep the first portfolio found.
public enum MitigationPortfolio {
    /// The optimal portfolio.
    public struct Solution: Sendable, Equatable {
        /// The measures, as indices into ``MitigationPlan/measures``, ascending.
        public let measures: [Int]
        /// Their undiscounted cost in the target year (operating costs, and capital paid that year).
        public let annualCost: Double
        /// Their net present cost over the horizon: the quantity minimised.
        public let netPresentCost: Double
        /// The central concentration in the target year.
        public let concentration: Double
        /// The branch-and-bound nodes visited.
        public let nodes: Int
    }

    /// Solves the least-cost problem.
    ///
    /// - Parameters:
    ///   - plan: The plan.
    ///   - target: The concentration to reach.
    ///   - year: The year to reach it by.
    /// - Returns: The least-cost portfolio, or `nil` when even every measure together misses the target.
    /// - Complexity: O(2ⁿ) in the worst case for n measures; the bounds keep city catalogues
    ///   (about 30 measures) fast.
    public static func leastCost(_ plan: MitigationPlan, target: Double, year: Int) -> Solution? {
        let all = Array(plan.measures.indices)
        guard plan.concentration(year: year, measures: all) <= target + 1e-12 else { return nil }
        let order = marginalAbatementOrder(plan)
        let costs = plan.measures.indices.map { plan.netPresentCost(of: $0) }
        var best: (measures: [Int], cost: Double)?
        var nodes = 0
        var chosen: [Int] = []

        func search(_ depth: Int, _ cost: Double) {
            nodes += 1
            if let best, cost >= best.cost { return }
            if plan.concentration(year: year, measures: chosen) <= target + 1e-12 {
                best = (chosen, cost)
                return
            }
            guard depth < order.count else { return }
            // Infeasible even with every remaining measure: cut.
            if plan.concentration(year: year, measures: chosen + order[depth...]) > target + 1e-12 { return }
            // Cost bound: a remaining measure removes at most its reduction on top of `chosen`
            // alone, since 1 − Π(1 − eₘ) ≤ Σ eₘ within a sector; the cheapest way to cover the
            // gap with such reductions, fractionally (a knapsack relaxation), bounds the extra cost.
            if let best {
                let current = plan.concentration(year: year, measures: chosen)
                var gap = current - target
                var offers: [(ratio: Double, reduction: Double, cost: Double)] = []
                for measure in order[depth...] {
                    let reduction = current - plan.concentration(year: year, measures: chosen + [measure])
                    guard reduction > 0 else { continue }
                    offers.append((costs[measure] / reduction, reduction, costs[measure]))
                }
                offers.sort { $0.ratio < $1.ratio }
                var bound = 0.0
                for offer in offers where gap > 0 {
                    let used = min(1, gap / offer.reduction)
                    bound += used * offer.cost
                    gap -= used * offer.reduction
                }
                if cost + bound >= best.cost - 1e-9 * max(1, best.cost) { return }
            }
            let measure = order[depth]
            chosen.append(measure)
            search(depth + 1, cost + costs[measure])
            chosen.removeLast()
            search(depth + 1, cost)
        }
        search(0, 0)
        guard let best else { return nil }
        let measures = best.measures.sorted()
        return Solution(
            measures: measures, annualCost: plan.cost(year: year, measures: measures),
            netPresentCost: plan.netPresentCost(measures: measures), concentration: plan.concentration(year: year, measures: measures), nodes: nodes)
    }

    /// The levelised cost of one measure applied alone: its net present cost divided by the
    /// discounted concentration it removes, NPC_m / Σ_y d(y) · (C(y; ∅) − C(y; {m})) over the base
    /// year to the horizon (``Economics/levelisedCost(cost:quantities:discounting:)``): the constant
    /// cost per year of one unit of concentration removed for a year whose present value equals the
    /// measure's cost. For a measure with a constant annual cost and a constant reduction from the
    /// year after the base year it is annual cost / reduction. `nil` when it removes nothing.
    ///
    /// - Complexity: O(years × (sectors + measures)).
    public static func levelisedCost(_ plan: MitigationPlan, measure index: Int) -> Double? {
        let removed = (plan.baseYear...plan.horizon).map { year in
            (year: year, amount: plan.concentration(year: year, measures: []) - plan.concentration(year: year, measures: [index]))
        }
        return Economics.levelisedCost(cost: plan.netPresentCost(of: index), quantities: removed, discounting: plan.discounting)
    }

    /// The measures in order of levelised cost per unit of concentration removed when each is
    /// applied alone (``levelisedCost(_:measure:)``; measures removing nothing last, then by name).
    ///
    /// - Complexity: O(n log n + n × years × (sectors + measures)) for n measures.
    public static func marginalAbatementOrder(_ plan: MitigationPlan) -> [Int] {
        let ratio = plan.measures.indices.map { levelisedCost(plan, measure: $0) ?? .infinity }
        return plan.measures.indices.sorted { (ratio[$0], plan.measures[$0].name) < (ratio[$1], plan.measures[$1].name) }
    }
}
