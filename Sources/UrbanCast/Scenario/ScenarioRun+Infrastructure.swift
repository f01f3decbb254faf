import Foundation
import Statistics

/// One facility in one scenario of a run: how likely demand is to exceed its capacity in each
/// year, the capacity needed at its reliability, and the least-cost expansion plan that meets it.
///
/// Every figure comes from the same Monte Carlo draws as `forecast.csv`: the exceedance
/// probability is the share of draws above the capacity, the capacity needed is the type-7
/// quantile of the draws at the reliability (the quantile definition of `forecast.csv`, so at a
/// reliability of 0.975 it equals `hi95`). With no draws the central path stands alone: the
/// exceedance is 0 or 1 and the capacity needed is the central value.
public struct InfrastructureOutcome: Sendable, Codable, Equatable {
    /// One projected year.
    public struct Year: Sendable, Codable, Equatable {
        /// The year.
        public var year: Int
        /// The demand on the central path (the running total for a cumulative demand).
        @NullWhenNotFinite public var central: Double
        /// The capacity needed: the reliability quantile of demand over the draws.
        @NullWhenNotFinite public var capacityNeeded: Double
        /// The capacity in place under the least-cost plan; `null` when no plan meets the reliability.
        public var capacityPlanned: Double?
        /// P(demand > today's capacity): the share of draws above it.
        @NullWhenNotFinite public var exceedance: Double
        /// The 95 % Wilson score interval of ``exceedance`` from the draw count; `null` without draws.
        public var exceedanceLower95: Double?
        /// The upper end of the interval.
        public var exceedanceUpper95: Double?
        /// P(demand > capacity in place under the plan); `null` when there is no plan.
        public var exceedancePlanned: Double?
        /// For a cumulative demand, the share of draws whose running total has passed today's
        /// capacity in this year or before (the distribution of the year it is used up).
        public var exhaustedShare: Double?
    }

    /// The first year the exceedance probability with today's capacity passes 1 − reliability.
    public struct FirstExceedance: Sendable, Codable, Equatable {
        /// The first year the share of draws above capacity is above 1 − reliability.
        public var year: Int
        /// The first year whose 95 % Wilson interval reaches above 1 − reliability (the interval
        /// straddles or lies above it): before it, the draws show the risk acceptable.
        public var earliest: Int?
        /// The first year whose whole 95 % Wilson interval lies above 1 − reliability; `null`
        /// when none does by the horizon.
        public var latest: Int?
    }

    /// When a cumulative demand uses up today's capacity.
    public struct Exhaustion: Sendable, Codable, Equatable {
        /// The year the central path's running total passes the capacity; `null` after the horizon.
        public var central: Int?
        /// The first year by which 10 %, 50 % and 90 % of the draws have passed it; `null` after
        /// the horizon.
        public var quantile10: Int?
        /// The median year.
        public var median: Int?
        /// The 90 % year.
        public var quantile90: Int?
        /// The share of draws that do not pass it by the horizon.
        @NullWhenNotFinite public var beyondHorizon: Double
    }

    /// The least-cost expansion plan.
    public struct Plan: Sendable, Codable, Equatable {
        /// One option built.
        public struct Build: Sendable, Codable, Equatable {
            /// The option's name.
            public var expansion: String
            /// The capacity it adds.
            public var add: Double
            /// The first year of construction (first service year − lead years).
            public var constructionStart: Int
            /// The first year of service.
            public var firstServiceYear: Int
            /// Its net present cost (``Economics/Investment/netPresentCost(firstServiceYear:horizon:discounting:)``).
            public var netPresentCost: Double
            /// This first service year minus the baseline scenario's (years of deferral when
            /// positive); `null` in the baseline or when the baseline does not build it.
            public var deferredYears: Int?
        }

        /// Whether a plan meets the reliability in every year to the horizon.
        public var feasible: Bool
        /// When not feasible, the first year no choice of options meets the capacity needed.
        public var failsIn: Int?
        /// The options built, by first service year then name; empty when none is needed.
        public var builds: [Build]
        /// The total net present cost at the end of the base year; `null` when not feasible.
        public var netPresentCost: Double?
        /// The baseline's (`bau`) plan cost minus this one: what the scenario saves in capacity
        /// (positive when it defers or avoids building); `null` in the baseline or when either is
        /// not feasible.
        public var savingVersusBaseline: Double?
        /// Options the baseline builds that this plan does not.
        public var avoidedVersusBaseline: [String]?
    }

    /// The scenario.
    public var scenario: String
    /// The facility.
    public var facility: String
    /// The demand: an indicator's name or `cumulative(NAME)`.
    public var demand: String
    /// The indicator's unit (for a cumulative demand, unit × years).
    public var unit: String?
    /// The currency of the costs.
    public var currency: String
    /// Today's capacity.
    public var capacity: Double
    /// The wanted P(demand ≤ capacity) in every year.
    public var reliability: Double
    /// The real discount rate of the plan's costs.
    public var discountRate: Double
    /// The first year the exceedance passes 1 − reliability; `null` when it does not by the horizon.
    public var firstExceedance: FirstExceedance?
    /// For a cumulative demand, when today's capacity is used up.
    public var exhaustion: Exhaustion?
    /// The least-cost plan.
    public var plan: Plan
    /// Every projected year.
    public var years: [Year]
}

extension ScenarioRun {
    /// The z of a two-sided 95 % interval.
    static let z95 = 1.959963984540054

    /// The Wilson score interval of a proportion with `successes` of `n`, at 95 %.
    ///
    /// - Complexity: O(1).
    static func wilson(_ successes: Int, _ n: Int) -> (lower: Double, upper: Double) {
        guard n > 0 else { return (.nan, .nan) }
        let p = Double(successes) / Double(n), nn = Double(n), z2 = z95 * z95
        let centre = (p + z2 / (2 * nn)) / (1 + z2 / nn)
        let half = z95 / (1 + z2 / nn) * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    /// Every facility in every scenario, from the draws (or the central path when `draws` is `nil`).
    ///
    /// Memory: one running total per draw for a cumulative demand and one sorting buffer.
    ///
    /// - Complexity: O(scenarios × facilities × years × draws log draws + scenarios × facilities
    ///   × years × 3^options).
    static func infrastructureOutcomes(_ spec: ScenarioSpecification, years: [Int], central: [[[Double]]], units: [String?],
                                       draws: ((Int, Int, Int) -> ArraySlice<Double>)?) -> [InfrastructureOutcome] {
        var out: [InfrastructureOutcome] = []
        for (s, scenario) in spec.scenarios.enumerated() {
            for facility in spec.infrastructure {
                guard let i = spec.indicators.firstIndex(where: { $0.name == facility.demand.indicator }) else { continue }
                var outcome = infrastructureOutcome(facility, spec: spec, scenario: scenario.name, years: years,
                                                    central: central[s][i]) { h in draws?(s, i, h) }
                outcome.unit = units[i].map { facility.demand.isCumulative ? "\($0) × years" : $0 }
                out.append(outcome)
            }
        }
        compareWithBaseline(&out, baseline: spec.scenarios.first?.name ?? "bau")
        return out
    }

    /// One facility in one scenario; `sample(h)` is the draws of the indicator in year `h` (`nil`
    /// for the central path alone).
    static func infrastructureOutcome(_ facility: ScenarioSpecification.Facility, spec: ScenarioSpecification, scenario: String,
                                      years: [Int], central: [Double], sample: (Int) -> ArraySlice<Double>?) -> InfrastructureOutcome {
        let cumulative = facility.demand.isCumulative
        let threshold = 1 - facility.reliability
        var centralDemand = central
        if cumulative {
            var total = 0.0
            for h in centralDemand.indices { total += centralDemand[h]; centralDemand[h] = total }
        }
        /// Calls `body(h, values)` for each year with the year's demand over the draws.
        func eachYear(_ body: (Int, ArraySlice<Double>) -> Void) {
            var running: [Double] = []
            for h in years.indices {
                guard let values = sample(h) else {
                    body(h, [centralDemand[h]])
                    continue
                }
                if cumulative {
                    if running.isEmpty { running = [Double](repeating: 0, count: values.count) }
                    for (k, v) in zip(running.indices, values) { running[k] += v }
                    body(h, running[...])
                } else {
                    body(h, values)
                }
            }
        }
        var rows: [InfrastructureOutcome.Year] = []
        var exhausted: [Bool] = []
        var exhaustedCount = 0
        let hasDraws = sample(0) != nil
        eachYear { h, values in
            var sorted = Array(values)
            sorted.sort()
            let needed = (try? Descriptive.quantiles(sorted, probabilities: [facility.reliability]))?.first ?? .nan
            let above = values.reduce(0) { $0 + ($1 > facility.capacity ? 1 : 0) }
            let n = values.count
            var row = InfrastructureOutcome.Year(year: years[h], central: centralDemand[h], capacityNeeded: needed,
                                                 exceedance: n > 0 ? Double(above) / Double(n) : .nan)
            if hasDraws {
                let interval = wilson(above, n)
                row.exceedanceLower95 = interval.lower
                row.exceedanceUpper95 = interval.upper
            }
            if cumulative {
                if exhausted.isEmpty { exhausted = [Bool](repeating: false, count: n) }
                for (k, v) in zip(exhausted.indices, values) where !exhausted[k] && v > facility.capacity {
                    exhausted[k] = true
                    exhaustedCount += 1
                }
                row.exhaustedShare = n > 0 ? Double(exhaustedCount) / Double(n) : .nan
            }
            rows.append(row)
        }

        var first: InfrastructureOutcome.FirstExceedance?
        if let h = rows.firstIndex(where: { $0.exceedance > threshold }) {
            first = .init(year: rows[h].year,
                          earliest: rows.first { ($0.exceedanceUpper95 ?? $0.exceedance) > threshold }?.year,
                          latest: rows.first { ($0.exceedanceLower95 ?? $0.exceedance) > threshold }?.year)
        }
        var exhaustion: InfrastructureOutcome.Exhaustion?
        if cumulative {
            func by(_ share: Double) -> Int? { rows.first { ($0.exhaustedShare ?? 0) >= share }?.year }
            exhaustion = .init(central: rows.first { $0.central > facility.capacity }?.year,
                               quantile10: by(0.1), median: by(0.5), quantile90: by(0.9),
                               beyondHorizon: 1 - (rows.last?.exhaustedShare ?? .nan))
        }

        let discounting = spec.discounting
        let options = facility.expansions.map {
            InfrastructurePlanner.Option(add: $0.add, investment: $0.investment, firstServiceYear: $0.firstServiceYear(baseYear: spec.baseYear))
        }
        var plan = InfrastructureOutcome.Plan(feasible: false, builds: [])
        switch InfrastructurePlanner.leastCost(capacity: facility.capacity, needed: rows.map(\.capacityNeeded), years: years,
                                               options: options, discounting: discounting) {
        case .infeasible(let year):
            plan.failsIn = year
        case .tooManyOptions:
            // The specification allows fewer options than the search takes; nothing to plan.
            break
        case let .plan(serviceYears, cost):
            plan.feasible = true
            plan.netPresentCost = cost
            for (j, year) in serviceYears.enumerated() {
                guard let year else { continue }
                let option = facility.expansions[j]
                plan.builds.append(.init(expansion: option.name, add: option.add, constructionStart: year - option.investment.leadYears,
                                         firstServiceYear: year,
                                         netPresentCost: option.investment.netPresentCost(firstServiceYear: year, horizon: spec.horizon,
                                                                                          discounting: discounting)))
            }
            plan.builds.sort { ($0.firstServiceYear, $0.expansion) < ($1.firstServiceYear, $1.expansion) }
            for h in rows.indices {
                rows[h].capacityPlanned = facility.capacity + plan.builds.filter { $0.firstServiceYear <= years[h] }.reduce(0) { $0 + $1.add }
            }
            eachYear { h, values in
                let planned = rows[h].capacityPlanned ?? facility.capacity
                rows[h].exceedancePlanned = values.isEmpty ? .nan
                    : Double(values.reduce(0) { $0 + ($1 > planned ? 1 : 0) }) / Double(values.count)
            }
        }
        return InfrastructureOutcome(scenario: scenario, facility: facility.name, demand: facility.demand.description, unit: nil,
                                     currency: facility.currency, capacity: facility.capacity, reliability: facility.reliability,
                                     discountRate: discounting.rate, firstExceedance: first, exhaustion: exhaustion, plan: plan,
                                     years: rows)
    }

    /// Fills each alternative's savings and deferrals against the baseline's plan.
    private static func compareWithBaseline(_ outcomes: inout [InfrastructureOutcome], baseline: String) {
        let base = Dictionary(outcomes.filter { $0.scenario == baseline }.map { ($0.facility, $0.plan) }, uniquingKeysWith: { a, _ in a })
        for k in outcomes.indices where outcomes[k].scenario != baseline {
            guard let reference = base[outcomes[k].facility] else { continue }
            if let mine = outcomes[k].plan.netPresentCost, let theirs = reference.netPresentCost {
                outcomes[k].plan.savingVersusBaseline = theirs - mine
            }
            guard outcomes[k].plan.feasible, reference.feasible else { continue }
            for b in outcomes[k].plan.builds.indices {
                let name = outcomes[k].plan.builds[b].expansion
                if let year = reference.builds.first(where: { $0.expansion == name })?.firstServiceYear {
                    outcomes[k].plan.builds[b].deferredYears = outcomes[k].plan.builds[b].firstServiceYear - year
                }
            }
            let built = Set(outcomes[k].plan.builds.map(\.expansion))
            outcomes[k].plan.avoidedVersusBaseline = reference.builds.map(\.expansion).filter { !built.contains($0) }
        }
    }

    /// `infrastructure.csv`: one row per scenario, facility and projected year:
    /// `scenario,facility,demand,year,central,capacity_needed,capacity_today,capacity_planned,exceedance,exceedance_lo95,exceedance_hi95,exceedance_planned,exhausted_share,unit`.
    ///
    /// `exceedance` is the share of draws above today's capacity, with its 95 % Wilson interval;
    /// `capacity_needed` the reliability quantile of the draws (type 7, as `forecast.csv`);
    /// `capacity_planned` the capacity in place under the least-cost plan (empty when no plan meets
    /// the reliability); `exhausted_share` (cumulative demands) the share of draws whose running
    /// total has passed today's capacity by that year. Only the header when the specification
    /// has no `infrastructure:`.
    public var infrastructureCSV: String {
        var lines = ["scenario,facility,demand,year,central,capacity_needed,capacity_today,capacity_planned,exceedance,"
            + "exceedance_lo95,exceedance_hi95,exceedance_planned,exhausted_share,unit"]
        func optional(_ x: Double?) -> String { x.map(Self.number) ?? "" }
        for outcome in infrastructure {
            for row in outcome.years {
                lines.append(Self.row([outcome.scenario, outcome.facility, outcome.demand, String(row.year), Self.number(row.central),
                                       Self.number(row.capacityNeeded), Self.number(outcome.capacity), optional(row.capacityPlanned),
                                       Self.number(row.exceedance), optional(row.exceedanceLower95), optional(row.exceedanceUpper95),
                                       optional(row.exceedancePlanned), optional(row.exhaustedShare), outcome.unit ?? ""]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
