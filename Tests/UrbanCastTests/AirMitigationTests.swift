import Foundation
import Statistics
import Testing
import UrbanCast
import TestSupport

@Suite("Air quality: mitigation plans")
struct AirMitigationTests {
    static func health() throws -> HealthImpact { try HealthImpact(population: 1e6, baselineMortality: 0.007) }

    // The least-cost portfolio against brute force (now over net present cost) is in
    // EconomicsTests.leastNetPresentCostEqualsBruteForce.

    /// Avoided deaths by hand: 1e6 × 0.007 × (1 − exp(−ln(1.08)/10 × 10)) = 7000 × (1 − 1/1.08) = 518.5.
    @Test func healthImpactByHand() throws {
        let deaths = try Self.health().avoidedDeaths(reduction: 10)
        expectClose(deaths.central, 7000 * (1 - 1 / 1.08), .absolute(1e-9))
        #expect(abs(deaths.lower - 7000 * (1 - 1 / 1.06)) < 1e-9 && abs(deaths.upper - 7000 * (1 - 1 / 1.09)) < 1e-9)
        #expect(try Self.health().avoidedDeaths(reduction: 0).central == 0)
        #expect(throws: AirQualityError.self) { try HealthImpact(population: 1, baselineMortality: 0.01, relativeRisk: (1.08, 1.09, 1.06)) }
    }

    /// Ramps, sector interaction and cost by hand on a two-sector plan.
    @Test func concentrationPathByHand() throws {
        let plan = try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 40, trendPerYear: -2, horizon: 2026,
            sectors: [.init(name: "a", share: 0.5, shareSD: 0, growth: 0), .init(name: "b", share: 0.5, shareSD: 0, growth: 0)],
            measures: [.init(name: "x", sector: "a", reduction: 0.4, start: 2022, ramp: 2, annualCost: 10),
                       .init(name: "y", sector: "a", reduction: 0.5, start: 2021, ramp: 1, annualCost: 5)],
            health: try Self.health())
        #expect(plan.concentration(year: 2021, measures: []) == 38)
        #expect(plan.concentration(year: 2021, measures: [0]) == 38)                  // x not started
        let halfRamp: Double = 36 * (0.5 * 0.8 + 0.5)
        let both: Double = 34 * (0.5 * 0.6 * 0.5 + 0.5)
        expectClose(plan.concentration(year: 2022, measures: [0]), halfRamp, .absolute(1e-12))  // x at half its ramp
        expectClose(plan.concentration(year: 2023, measures: [0, 1]), both, .absolute(1e-12))
        #expect(plan.cost(year: 2021, measures: [0, 1]) == 5 && plan.cost(year: 2023, measures: [0, 1]) == 15)
    }

    @Test func badPlansAreRefused() throws {
        let sectors: [MitigationPlan.Sector] = [.init(name: "a", share: 0.7, shareSD: 0, growth: 0)]
        #expect(throws: AirQualityError.invalidSetting("sector shares sum to 0.7, not 1 ± 0.01; shares are fractions of the base-year concentration")) {
            try MitigationPlan(pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 40, trendPerYear: 0,
                               horizon: 2030, sectors: sectors, measures: [], health: try Self.health())
        }
        let full: [MitigationPlan.Sector] = [.init(name: "a", share: 1, shareSD: 0, growth: 0)]
        #expect(throws: AirQualityError.invalidSetting("measure 'x' acts on the unknown sector 'b'; the sectors are a")) {
            try MitigationPlan(pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 40, trendPerYear: 0,
                               horizon: 2030, sectors: full,
                               measures: [.init(name: "x", sector: "b", reduction: 0.1, start: 2021, ramp: 1, annualCost: 1)],
                               health: try Self.health())
        }
        // Years no series can hold would overflow `year − start` or the list of years of the run.
        for (base, horizon, start) in [(2020, Int.max, 2021), (-5, 2030, 2021), (2020, 2030, Int.min)] {
            let message = start == Int.min
                ? "measure 'x': start \(Int.min) is not a year between 1 and 9999"
                : "the base year \(base) and the horizon \(horizon) must be years between 1 and 9999"
            #expect(throws: AirQualityError.invalidSetting(message)) {
                try MitigationPlan(pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: base, baseConcentration: 40,
                                   trendPerYear: 0, horizon: horizon, sectors: full,
                                   measures: [.init(name: "x", sector: "a", reduction: 0.1, start: start, ramp: 1, annualCost: 1)],
                                   health: try Self.health())
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).yaml").path
        try "pollutant: PM1\nbaseline: {year: 2020}\nhorizon: soon\nsectors: []\nmeasures: []\nhealth: {population: 1}\nextra: 1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try MitigationPlan(contentsOf: path)
            Issue.record("a bad plan was accepted")
        } catch {
            let text = error.description
            for fragment in ["extra", "pollutant", "baseline.concentration", "horizon", "health.baselineMortality"] {
                #expect(text.contains(fragment), "\(fragment) in \(text)")
            }
        }
    }

    /// The worked example in Models/air-quality loads, runs and keeps its invariants: quantiles
    /// ordered, every scenario at or below the baseline, all measures lowest, the least-cost
    /// portfolio meeting its target and equal in net present cost to brute force over the 12 measures.
    @Test func beijingWorkedExample() throws {
        let plan = try MitigationPlan(contentsOf: repositoryPath("Models/air-quality/beijing-pm25-mitigation.yaml"))
        let levels = try WHOGuidelines(contentsOf: repositoryPath("Models/air-quality/who-2021-aqg.csv"))
            .annualLevels(for: .pm25, in: .microgramsPerCubicMetre)
        #expect(levels.map(\.value) == [35, 25, 15, 10, 5])
        let run = MitigationRun(plan: plan, levels: levels)
        #expect(run.scenarios.map(\.name) == ["baseline", "heating and dust", "all measures", "least cost"])
        let target = try #require(plan.target)
        let portfolio = try #require(run.portfolio)
        #expect(portfolio.concentration <= target.concentration)
        var best = Double.infinity
        for mask in 0..<(1 << plan.measures.count) {
            let subset = plan.measures.indices.filter { mask & (1 << $0) != 0 }
            if plan.concentration(year: target.year, measures: subset) <= target.concentration {
                best = min(best, plan.netPresentCost(measures: subset))
            }
        }
        expectClose(portfolio.netPresentCost, best, .relative(1e-12))
        let baseline = run.scenarios[0].years
        for scenario in run.scenarios {
            for (year, base) in zip(scenario.years, baseline) {
                #expect(year.p5 <= year.p50 && year.p50 <= year.p95)
                #expect(year.central <= base.central + 1e-12)
                #expect(year.avoidedDeathsLower <= year.avoidedDeaths && year.avoidedDeaths <= year.avoidedDeathsUpper)
                #expect(zip(year.probabilityMeeting, year.probabilityMeeting.dropFirst()).allSatisfy { $0 >= $1 })
            }
        }
        let all = try #require(run.scenarios.first { $0.name == "all measures" })
        for scenario in run.scenarios { #expect(zip(all.years, scenario.years).allSatisfy { $0.central <= $1.central + 1e-12 }) }
        #expect(zip(run.curve, run.curve.dropFirst()).allSatisfy { ($0.levelisedCost ?? .infinity) <= ($1.levelisedCost ?? .infinity) })
        let baseAtTarget = try #require(baseline.first { $0.year == target.year })
        let allAtTarget = try #require(all.years.first { $0.year == target.year })
        expectClose((run.curve.last?.cumulativeReduction ?? 0), (baseAtTarget.central - allAtTarget.central), .absolute(1e-9))
    }
}
