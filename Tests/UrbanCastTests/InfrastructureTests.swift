import Foundation
import Statistics
import Testing
import TestSupport
import UrbanCast

/// A city whose demand distribution is known in closed form: population grows at a rate drawn
/// once per draw, r ~ N(g, σ²), so P_h = P₀ (1 + r)^h, and water use is exactly 0.1 × population
/// (the intensity history is constant, so its naive model adds no noise). Then
/// P(W_h > C) = 1 − Φ(((C / (0.1 P₀))^(1/h) − 1 − g) / σ).
struct GrowthCity {
    static let baseYear = 2022, horizon = 2040
    static let population0 = 1_000_000 * pow(1.01, 22.0)
    static let intensity = 0.1, growth = 0.015, sd = 0.01

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-infra-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines = ["city,indicator,date,value"]
        for year in 2000...Self.baseYear {
            let population = 1_000_000 * pow(1.01, Double(year - 2000))
            lines.append("G,population,\(year),\(population)")
            lines.append("G,water,\(year),\(population * Self.intensity)")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("g.csv"), atomically: true, encoding: .utf8)
    }

    func specification(infrastructure: String) throws -> ScenarioSpecification {
        let text = """
            city: G
            base_year: \(Self.baseYear)
            horizon: \(Self.horizon)
            history: g.csv
            hindcast: 0
            drivers:
              population: {series: population, growth: {percent: \(Self.growth * 100), sd: \(Self.sd * 100)}}
            indicators:
              water: {series: water, unit: Ml, model: intensity, population: population, intensity: naive}
            scenarios:
              bau:
              saving:
                measures:
                  - {indicator: water, step: -10, from: 2023}
            infrastructure:
            \(infrastructure)
            """
        let path = folder.appendingPathComponent("spec.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioSpecification(contentsOf: path)
    }

    /// Φ, the standard normal distribution function (from erfc, not from the library under test).
    static func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.squareRoot()) }

    /// The growth rate above which demand in year `h` (1-based) exceeds `capacity` (× `scale` for a scenario's step).
    static func criticalRate(capacity: Double, h: Int, scale: Double = 1) -> Double {
        pow(capacity / (intensity * scale * population0), 1 / Double(h)) - 1
    }
}

@Suite struct InfrastructureTests {
    static let draws = 4000

    /// The share of draws above capacity matches the closed-form probability within Monte Carlo
    /// error: with n = 4000 draws the share's standard error is √(p(1−p)/n) ≤ 0.0079; the test
    /// allows 4.5 standard errors plus 1/n.
    @Test func exceedanceMatchesTheNormalProbability() async throws {
        let city = try GrowthCity()
        let capacity = 125_000.0
        let spec = try city.specification(infrastructure: "  - {name: supply, indicator: water, capacity: \(capacity), reliability: 0.9}")
        let run = try await ScenarioRun(spec, options: .init(draws: Self.draws, seed: 11, threads: 2))
        for (scenario, scale) in [("bau", 1.0), ("saving", 0.9)] {
            let outcome = try #require(run.infrastructure.first { $0.scenario == scenario })
            #expect(outcome.years.count == GrowthCity.horizon - GrowthCity.baseYear)
            var checked = 0
            for (h, row) in outcome.years.enumerated() {
                let critical = GrowthCity.criticalRate(capacity: capacity, h: h + 1, scale: scale)
                let p = 1 - GrowthCity.phi((critical - GrowthCity.growth) / GrowthCity.sd)
                let tolerance = 4.5 * (p * (1 - p) / Double(Self.draws)).squareRoot() + 1 / Double(Self.draws)
                expectClose(row.exceedance, p, .absolute(tolerance), "\(scenario) \(row.year)")
                let lower = try #require(row.exceedanceLower95), upper = try #require(row.exceedanceUpper95)
                #expect(lower <= row.exceedance && row.exceedance <= upper)
                if p > 0.05 && p < 0.95 { checked += 1 }
            }
            // The capacity is chosen so that the probability crosses the interesting range.
            #expect(checked >= 5, "\(scenario): only \(checked) years with 0.05 < p < 0.95")
        }
    }

    /// The capacity needed at reliability 0.975 and 0.9 is forecast.csv's hi95 and hi80 (the same
    /// draws, the same type-7 quantile), and the first year of exceedance is the first year
    /// whose share above capacity passes 1 − reliability.
    @Test func capacityNeededIsForecastQuantile() async throws {
        let city = try GrowthCity()
        let spec = try city.specification(infrastructure: """
              - {name: strict, indicator: water, capacity: 120000, reliability: 0.975}
              - {name: loose, indicator: water, capacity: 120000, reliability: 0.9}
            """)
        let run = try await ScenarioRun(spec, options: .init(draws: 500, seed: 3, threads: 2))
        let forecast = csvRows(run.forecastCSV)
        for outcome in run.infrastructure {
            let column = outcome.facility == "strict" ? "hi95" : "hi80"
            for row in outcome.years {
                let line = try #require(forecast.first { $0["scenario"] == outcome.scenario && $0["year"] == String(row.year) })
                #expect(Double(line[column] ?? "") == row.capacityNeeded,
                        "\(outcome.scenario) \(outcome.facility) \(row.year): \(row.capacityNeeded) vs \(line[column] ?? "")")
            }
            let threshold = 1 - outcome.reliability
            let expected = outcome.years.first { $0.exceedance > threshold }?.year
            #expect(outcome.firstExceedance?.year == expected)
            if let first = outcome.firstExceedance {
                #expect((first.earliest ?? Int.max) <= first.year)
                #expect(first.year <= (first.latest ?? Int.max))
            }
        }
    }

    /// For a cumulative demand the share exhausted by each year matches the closed form: the
    /// running total Σ_{k≤h} 0.1 P₀ (1+r)^k increases with r, so it passes C by year h exactly
    /// when r exceeds the root of Σ = C (found here by bisection).
    @Test func cumulativeExhaustionMatchesClosedForm() async throws {
        let city = try GrowthCity()
        let capacity = 1_700_000.0
        let spec = try city.specification(infrastructure: "  - {name: landfill, indicator: cumulative(water), capacity: \(capacity)}")
        let run = try await ScenarioRun(spec, options: .init(draws: Self.draws, seed: 5, threads: 2))
        let outcome = try #require(run.infrastructure.first { $0.scenario == "bau" })
        #expect(outcome.demand == "cumulative(water)")
        for (h, row) in outcome.years.enumerated() {
            func total(_ r: Double) -> Double {
                (1...(h + 1)).reduce(0) { $0 + GrowthCity.intensity * GrowthCity.population0 * pow(1 + r, Double($1)) }
            }
            var low = -0.5, high = 1.0
            for _ in 0..<200 {
                let mid = (low + high) / 2
                if total(mid) > capacity { high = mid } else { low = mid }
            }
            let p = 1 - GrowthCity.phi((low - GrowthCity.growth) / GrowthCity.sd)
            let tolerance = 4.5 * (p * (1 - p) / Double(Self.draws)).squareRoot() + 1 / Double(Self.draws)
            let share = try #require(row.exhaustedShare)
            expectClose(share, p, .absolute(tolerance), "\(row.year)")
            // A running total of positive demand never falls back: exhausted = above capacity now.
            #expect(share == row.exceedance)
        }
        let exhaustion = try #require(outcome.exhaustion)
        #expect(exhaustion.median == outcome.years.first { ($0.exhaustedShare ?? 0) >= 0.5 }?.year)
        #expect(exhaustion.median != nil)
    }

    /// The least-cost plan's capacity meets the capacity needed every year, options serve no
    /// earlier than base year + 1 + lead years nor before `earliest`, and with today's capacity
    /// alone the plan needs nothing.
    @Test func planRespectsLeadTimesAndEarliestYears() async throws {
        let city = try GrowthCity()
        let spec = try city.specification(infrastructure: """
              - name: supply
                indicator: water
                capacity: 135000
                expansions:
                  - {name: big, add: 100000, capital: 900, operating: 5, lifetime: 40, lead_years: 5}
                  - {name: small, add: 8000, capital: 100, operating: 2, lifetime: 20, lead_years: 1, earliest: 2027}
                  - {name: quick, add: 8000, capital: 300, operating: 1, lifetime: 20}
              - {name: ample, indicator: water, capacity: 1e9, expansions: [{name: more, add: 1, capital: 1, lifetime: 5}]}
            """)
        let run = try await ScenarioRun(spec, options: .init(draws: 400, seed: 9, threads: 2))
        for outcome in run.infrastructure where outcome.facility == "supply" {
            #expect(outcome.plan.feasible)
            for build in outcome.plan.builds {
                let option = try #require(spec.infrastructure[0].expansions.first { $0.name == build.expansion })
                #expect(build.firstServiceYear >= GrowthCity.baseYear + 1 + option.investment.leadYears)
                #expect(build.firstServiceYear >= option.earliest ?? Int.min)
                #expect(build.constructionStart == build.firstServiceYear - option.investment.leadYears)
                #expect(build.constructionStart > GrowthCity.baseYear)
            }
            for row in outcome.years {
                let planned = try #require(row.capacityPlanned)
                #expect(planned >= row.capacityNeeded)
                let exceedance = try #require(row.exceedancePlanned)
                #expect(exceedance <= 1 - outcome.reliability + 1e-12, "\(row.year)")
            }
        }
        let ample = run.infrastructure.filter { $0.facility == "ample" }
        #expect(ample.allSatisfy { $0.plan.feasible && $0.plan.builds.isEmpty && $0.plan.netPresentCost == 0 })
        // The saving scenario (10 % less demand) needs no more than bau, so its plan costs no more.
        let saving = try #require(run.infrastructure.first { $0.scenario == "saving" && $0.facility == "supply" })
        #expect((saving.plan.savingVersusBaseline ?? -1) >= 0)
        // The comparison made in memory from the run shows the facilities, as `scenario compare` does.
        let comparison = try ScenarioComparison(run: run)
        #expect(comparison.infrastructure == ScenarioComparison.infrastructureLines(run.infrastructure))
        #expect(comparison.infrastructure.contains { $0.hasPrefix("supply") } && comparison.table.contains("infrastructure"))
        #expect(try ScenarioComparison(run.results).infrastructure.isEmpty)
    }

    /// Demand above every reachable capacity is a result, not an error: the first year no plan
    /// meets, here the first projected year, before any option with a lead time can serve.
    @Test func infeasiblePlanIsAResult() async throws {
        let city = try GrowthCity()
        let spec = try city.specification(infrastructure: """
              - {name: tight, indicator: water, capacity: 50000, expansions: [{name: late, add: 1e6, capital: 5, lifetime: 30, lead_years: 2}]}
            """)
        let run = try await ScenarioRun(spec, options: .init(draws: 100, seed: 1, threads: 1))
        for outcome in run.infrastructure {
            #expect(!outcome.plan.feasible)
            #expect(outcome.plan.failsIn == 2023)
            #expect(outcome.plan.netPresentCost == nil)
            #expect(outcome.years.allSatisfy { $0.capacityPlanned == nil })
        }
        let csv = csvRows(run.infrastructureCSV)
        #expect(csv.count == 2 * 18)
        #expect(csv.allSatisfy { $0["capacity_planned"] == "" && Double($0["capacity_today"] ?? "") == 50000 })
        let summary = try jsonObject(run.summaryJSON)
        let entries = try #require(summary["infrastructure"] as? [[String: Any]])
        let plan = try #require(entries.first?["plan"] as? [String: Any])
        #expect(plan["feasible"] as? Bool == false)
        #expect(plan["failsIn"] as? Int == 2023)
    }

    /// Identical bytes for any thread count.
    @Test func outputsDoNotDependOnThreads() async throws {
        let city = try GrowthCity()
        let spec = try city.specification(infrastructure: """
              - {name: supply, indicator: water, capacity: 115000, expansions: [{name: a, add: 9000, capital: 100, lifetime: 30, lead_years: 1}]}
              - {name: landfill, indicator: cumulative(water), capacity: 1500000}
            """)
        let one = try await ScenarioRun(spec, options: .init(draws: 300, seed: 4, threads: 1))
        let three = try await ScenarioRun(spec, options: .init(draws: 300, seed: 4, threads: 3))
        #expect(one.infrastructureCSV == three.infrastructureCSV)
        #expect(one.summaryJSON.serialized() == three.summaryJSON.serialized())
        #expect(one.summaryJSON.serialized().contains("\"infrastructure\""))
    }
}
