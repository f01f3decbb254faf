/// The least-cost set of measures that brings a plan's central concentration to a target by a
/// year, solved exactly by branch and bound.
///
/// Minimise Σ_{m ∈ M} annualCost_m subject to C(year; M) ≤ target (``MitigationPlan/concentration(year:measures:shares:trend:)``
/// with the central shares and trend). Measures are explored in order of cost per µg/m³ when
/// applied alone (the marginal abatement cost), including each before excluding it; a branch is
/// cut when its cost reaches the best found so far, or when adding every remaining measure
/// cannot reach the target (concentration falls as measures are added, so both bounds are
/// valid and the result is optimal). Ties in cost keep the first portfolio found.
public enum MitigationPortfolio {
    /// The optimal portfolio.
    public struct Solution: Sendable, Equatable {
        /// The measures, as indices into ``MitigationPlan/measures``, ascending.
        public let measures: [Int]
        /// Their annual cost in the target year.
        public let annualCost: Double
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
        let order = marginalAbatementOrder(plan, year: year)
        let costs = plan.measures.map { $0.annualCost }
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
            let measure = order[depth]
            chosen.append(measure)
            search(depth + 1, cost + (year >= plan.measures[measure].start ? costs[measure] : 0))
            chosen.removeLast()
            search(depth + 1, cost)
        }
        search(0, 0)
        guard let best else { return nil }
        let measures = best.measures.sorted()
        return Solution(
            measures: measures, annualCost: plan.cost(year: year, measures: measures),
            concentration: plan.concentration(year: year, measures: measures), nodes: nodes)
    }

    /// The measures in order of cost per µg/m³ removed when each is applied alone in `year`
    /// (measures removing nothing last, then by name).
    ///
    /// - Complexity: O(n log n) for n measures.
    public static func marginalAbatementOrder(_ plan: MitigationPlan, year: Int) -> [Int] {
        let baseline = plan.concentration(year: year, measures: [])
        let ratio = plan.measures.indices.map { index -> Double in
            let removed = baseline - plan.concentration(year: year, measures: [index])
            let cost = plan.cost(year: year, measures: [index])
            return removed > 0 ? cost / removed : .infinity
        }
        return plan.measures.indices.sorted { (ratio[$0], plan.measures[$0].name) < (ratio[$1], plan.measures[$1].name) }
    }
}
