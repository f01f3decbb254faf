import Foundation
import Statistics
import Testing
import UrbanCast
import TestSupport

/// The shared cost convention (``Economics``) against an independent year-by-year simulation in
/// exact rational arithmetic (Fixtures/economics/make_economics_fixture.py), and the mitigation
/// plan's net present cost, levelised costs, abatement curve and least-cost portfolio against
/// brute force.
@Suite("Economics: net present cost, levelised cost, least-cost portfolios")
struct EconomicsTests {
    /// 66 investments (6 written to be checked by hand, 60 random: lead times, renewals, residual
    /// values, service before the base year, after the horizon) equal the fixture's NPC to 1e-12
    /// relative.
    @Test func netPresentCostMatchesTheIndependentSimulation() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryPath("Tests/UrbanCastTests/Fixtures/economics/economics_cases.json")))
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(cases.count == 66)
        for (k, item) in cases.enumerated() {
            let number = { (key: String) in (item[key] as? NSNumber)?.doubleValue ?? .nan }
            let integer = { (key: String) in (item[key] as? NSNumber)?.intValue ?? 0 }
            let lifetime = (item["lifetime"] as? NSNumber)?.intValue
            let investment = try Economics.Investment(capital: number("capital"), operating: number("operating"),
                                                      lifetime: lifetime, leadYears: integer("lead"))
            let discounting = try Economics.Discounting(rate: number("rate"), baseYear: integer("base"))
            let npc = investment.netPresentCost(firstServiceYear: integer("service"), horizon: integer("horizon"), discounting: discounting)
            expectClose(npc, number("npc"), .relativeWithFloor(1e-12, floor: 1e-9), "case \(k): \(item)")
        }
    }

    /// By hand: 100 capital, 5 a year, 10-year life, service 2021–2025 at 0 %: 100 + 25 − 50 = 75;
    /// at 5 % with a two-year lead the capital is 50 in each of the two years before service.
    @Test func cashFlowsByHand() throws {
        let asset = try Economics.Investment(capital: 100, operating: 5, lifetime: 10)
        let flows = asset.cashFlows(firstServiceYear: 2021, horizon: 2025, countedFrom: 2020)
        #expect(flows.map(\.year) == [2021, 2022, 2023, 2024, 2025])
        #expect(flows.map(\.amount) == [105, 5, 5, 5, 5 - 50])
        let lead = try Economics.Investment(capital: 100, operating: 0, lifetime: 50, leadYears: 2)
        #expect(lead.cashFlows(firstServiceYear: 2024, horizon: 2024, countedFrom: 2020).map(\.amount) == [50, 50, -98])
        let discounting = try Economics.Discounting(rate: 0.05, baseYear: 2020)
        expectClose(discounting.factor(2022), 1 / 1.1025, .absolute(1e-15))
        #expect(discounting.factor(2019) == 0)   // sunk
    }

    /// Values out of range are refused with the spec key they come from.
    @Test func badValuesNameTheirKey() {
        #expect(throws: EconomicsError.invalid("lifetime", "a capital cost needs a lifetime (years), for renewals and the residual value")) {
            try Economics.Investment(capital: 10)
        }
        #expect((try? Economics.Investment(operating: -1)) == nil)
        #expect((try? Economics.Investment(capital: .nan, lifetime: 3)) == nil)
        #expect((try? Economics.Investment(capital: 1, lifetime: 0)) == nil)
        #expect((try? Economics.Investment(leadYears: -1)) == nil)
        for rate in [-0.01, 1.5, Double.nan, .infinity] { #expect((try? Economics.Discounting(rate: rate, baseYear: 2020)) == nil) }
        // Years no calendar holds give no flows instead of trapping on the span's arithmetic.
        let asset = try? Economics.Investment(capital: 1, operating: 1, lifetime: 5, leadYears: 2)
        #expect(asset?.cashFlows(firstServiceYear: Int.min, horizon: 2030).isEmpty == true)
        #expect(asset?.cashFlows(firstServiceYear: 2020, horizon: Int.max).isEmpty == true)
        #expect(asset?.cashFlows(firstServiceYear: Int.max - 3, horizon: Int.max).isEmpty == true)
    }

    /// A random plan whose measures have capital, lifetimes and operating costs.
    static func randomPlan(_ generator: inout SeededGenerator, measures count: Int) throws -> MitigationPlan {
        let sectorCount = 1 + Int(generator.nextUniform() * 3)
        var raw = (0..<sectorCount).map { _ in 0.1 + generator.nextUniform() }
        let total = raw.reduce(0, +)
        raw = raw.map { $0 / total }
        let sectors = raw.enumerated().map { MitigationPlan.Sector(name: "s\($0)", share: $1, growth: 0.02 * (generator.nextUniform() - 0.5)) }
        let measures = (0..<count).map { k in
            let capital = generator.nextUniform() < 0.5 ? 0 : (300 * generator.nextUniform()).rounded()
            return MitigationPlan.Measure(
                name: "m\(k)", sector: "s\(Int(generator.nextUniform() * Double(sectorCount)))",
                reduction: 0.05 + 0.45 * generator.nextUniform(), start: 2019 + Int(generator.nextUniform() * 6),
                ramp: 1 + Int(generator.nextUniform() * 3), annualCost: (60 * generator.nextUniform()).rounded(),
                capital: capital, lifetime: capital > 0 ? 3 + Int(generator.nextUniform() * 12) : nil)
        }
        return try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 50, trendPerYear: -1, horizon: 2032,
            sectors: sectors, measures: measures, health: try HealthImpact(population: 1e6, baselineMortality: 0.007),
            discountRate: [0, 0.03, 0.07][Int(generator.nextUniform() * 3)])
    }

    /// The branch-and-bound portfolio has exactly the least net present cost over all 2ⁿ subsets
    /// that meet the target (n up to 12), where the cost of a subset is summed here from each
    /// measure's undiscounted yearly costs (``MitigationPlan/cost(year:measures:)``) discounted by
    /// hand; no portfolio exists below the all-measures floor.
    @Test func leastNetPresentCostEqualsBruteForce() throws {
        var generator = SeededGenerator(seed: 20_261_207)
        for trial in 0..<48 {
            let count = 1 + trial % 12
            let plan = try Self.randomPlan(&generator, measures: count)
            let year = 2021 + trial % 8
            let baseline = plan.concentration(year: year, measures: [])
            let floor = plan.concentration(year: year, measures: Array(0..<count))
            let target = floor + (baseline - floor) * (0.1 + 0.8 * generator.nextUniform())
            let rate = plan.discountRate
            func presentCost(_ subset: [Int]) -> Double {
                (plan.baseYear...plan.horizon).reduce(0) { total, y in
                    total + plan.cost(year: y, measures: subset) / pow(1 + rate, Double(y - plan.baseYear))
                }
            }
            var best = Double.infinity
            for mask in 0..<(1 << count) {
                let subset = (0..<count).filter { mask & (1 << $0) != 0 }
                if plan.concentration(year: year, measures: subset) <= target + 1e-12 { best = min(best, presentCost(subset)) }
            }
            let solution = try #require(MitigationPortfolio.leastCost(plan, target: target, year: year), "trial \(trial)")
            expectClose(solution.netPresentCost, best, .relativeWithFloor(1e-10, floor: 1e-9), "trial \(trial)")
            expectClose(presentCost(solution.measures), best, .relativeWithFloor(1e-10, floor: 1e-9), "trial \(trial)")
            #expect(solution.concentration <= target + 1e-12)
            #expect(MitigationPortfolio.leastCost(plan, target: floor * 0.99, year: year) == nil)
        }
    }

    /// The abatement curve: each step's levelised cost equals its net present cost over its
    /// discounted reductions summed year by year here, the steps are in increasing levelised
    /// cost, and each cumulative reduction is that of the measures up to it applied together.
    @Test func abatementCurveByBruteForce() throws {
        var generator = SeededGenerator(seed: 7)
        for trial in 0..<10 {
            let plan = try Self.randomPlan(&generator, measures: 2 + trial % 6)
            let run = MitigationRun(plan: plan, levels: [])
            #expect(run.curve.count == plan.measures.count)
            var applied: [Int] = []
            for step in run.curve {
                let index = try #require(plan.measures.firstIndex { $0.name == step.measure })
                applied.append(index)
                var cost = 0.0, removed = 0.0
                for y in plan.baseYear...plan.horizon {
                    let d = 1 / pow(1 + plan.discountRate, Double(y - plan.baseYear))
                    cost += plan.cost(year: y, measures: [index]) * d
                    removed += (plan.concentration(year: y, measures: []) - plan.concentration(year: y, measures: [index])) * d
                }
                expectClose(step.netPresentCost, cost, .relativeWithFloor(1e-10, floor: 1e-9), "trial \(trial) \(step.measure)")
                if removed > 1e-12 {
                    expectClose(try #require(step.levelisedCost), cost / removed, .relativeWithFloor(1e-10, floor: 1e-9))
                } else {
                    #expect(step.levelisedCost == nil)
                }
                // The curve year's own ratio keeps its meaning: that year's cost over that year's reduction.
                let yearCost = plan.cost(year: run.curveYear, measures: [index])
                let yearRemoved = plan.concentration(year: run.curveYear, measures: []) - plan.concentration(year: run.curveYear, measures: [index])
                #expect(step.annualCost == yearCost)
                if yearRemoved > 1e-12 { expectClose(try #require(step.costPerMicrogram), yearCost / yearRemoved, .relative(1e-12)) }
                let together = plan.concentration(year: run.curveYear, measures: []) - plan.concentration(year: run.curveYear, measures: applied)
                expectClose(step.cumulativeReduction, together, .absolute(1e-12))
            }
            let ratios = run.curve.map { $0.levelisedCost ?? .infinity }
            #expect(zip(ratios, ratios.dropFirst()).allSatisfy { $0 <= $1 }, "trial \(trial): \(ratios)")
        }
    }

    /// A measure with a constant annual cost and a constant full reduction from the year after the
    /// base year has a levelised cost of annual cost / reduction at any discount rate (the
    /// textbook marginal abatement cost), and a measure that started before the base year with
    /// capital paid then earns no residual credit (its net present cost is its operating cost).
    @Test func levelisedCostReducesToTheAnnualRatio() throws {
        for rate in [0.0, 0.03, 0.1] {
            let plan = try MitigationPlan(
                pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 40, trendPerYear: 0, horizon: 2030,
                sectors: [.init(name: "a", share: 0.5), .init(name: "b", share: 0.5)],
                measures: [.init(name: "x", sector: "a", reduction: 0.4, start: 2020, annualCost: 12),
                           .init(name: "old", sector: "b", reduction: 0.1, start: 2010, annualCost: 1, capital: 500, lifetime: 40)],
                health: try HealthImpact(population: 1e6, baselineMortality: 0.007), discountRate: rate)
            expectClose(try #require(MitigationPortfolio.levelisedCost(plan, measure: 0)), 12 / (40 * 0.5 * 0.4), .relative(1e-12))
            let operating = (2020...2030).reduce(0.0) { $0 + 1 / pow(1 + rate, Double($1 - 2020)) }
            expectClose(plan.netPresentCost(of: 1), operating, .relative(1e-12))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).yaml").path
        try """
        pollutant: PM2.5
        baseline: {year: 2020, concentration: 40}
        horizon: 2030
        discountRate: -0.02
        sectors: [{name: a, share: 1}]
        measures: [{name: x, sector: a, reduction: 0.2, start: 2021, annualCost: 1, capital: 10}]
        health: {population: 1e6, baselineMortality: 0.007}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: AirQualityError.self) { try MitigationPlan(contentsOf: path) }
        do { _ = try MitigationPlan(contentsOf: path) } catch {
            #expect(error.description.contains("measures[0].lifetime"), "\(error.description)")
            #expect(error.description.contains("discountRate"), "\(error.description)")
        }
    }
}
