import Foundation
import Testing
import UrbanCast
import TestSupport

/// Every worked example in Models/scenarios/ runs end to end on the bundled real data, and the
/// identities hold on its central path.
@Suite struct ScenarioExampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models/scenarios")

    static var examples: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    @Test func thereAreWorkedExamples() {
        #expect(Self.examples.contains("nyc_water.yaml"), "\(Self.examples)")
    }

    @Test(arguments: examples)
    func exampleRunsWithItsIdentities(_ name: String) async throws {
        let spec = try ScenarioSpecification(contentsOf: Self.folder.appendingPathComponent(name).path)
        try spec.checkData()
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        for scenario in spec.scenarios.map(\.name) {
            for indicator in spec.indicators {
                let projection = try #require(run[scenario: scenario, indicator: indicator.name])
                let finite = projection.central.allSatisfy { $0.isFinite }
                #expect(finite, "\(name): \(indicator.name)")
                guard let intensity = projection.centralIntensity, let p = indicator.population,
                      let population = run[scenario: scenario, driver: p] else { continue }
                for h in run.years.indices {
                    let central = projection.central[h]
                    expectClose(population.central[h] * intensity[h], central, .relative(1e-9))
                }
            }
        }
        for row in csvRows(run.decompositionCSV) {
            let sum = ["population_effect", "affluence_effect", "intensity_effect"].compactMap { Double(row[$0] ?? "") }.reduce(0, +)
            let change = try #require(Double(row["change"] ?? "")), base = try #require(Double(row["base_value"] ?? ""))
            #expect(abs(sum - change) <= 1e-9 * abs(base), "\(name): \(row)")
        }
        #expect(run.hindcasts.allSatisfy { $0.error == nil }, "\(name): \(run.hindcasts.compactMap(\.error))")
        let simulated = try await ScenarioRun(spec, options: .init(draws: 100, seed: 3))
        for projection in simulated.results.indicators {
            let band = try #require(projection.interval(level: 95))
            for h in projection.years.indices {
                #expect(band.lower[h] <= projection.median[h] && projection.median[h] <= band.upper[h],
                        "\(name) \(projection.scenario) \(projection.indicator) \(h)")
            }
        }
    }

    /// New York: the conservation programme saves nothing before it starts and about 1% a year
    /// of per-capita use from 2026 to 2035; the base year matches the 2022 record (999 Mgal/d).
    @Test func newYorkConservation() async throws {
        let spec = try ScenarioSpecification(contentsOf: Self.folder.appendingPathComponent("nyc_water.yaml").path)
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        let rows = csvRows(run.decompositionCSV)
        #expect(rows.first?["base_value"] == "999.0")
        let bau = try #require(run[scenario: "bau", indicator: "water"]).central
        let conservation = try #require(run[scenario: "conservation", indicator: "water"]).central
        for (h, year) in run.years.enumerated() {
            let expected = pow(0.99, Double(min(max(year - 2025, 0), 10)))
            expectClose(conservation[h] / bau[h], expected, .absolute(1e-12), "\(year)")
        }
        let population2050 = 8_335_897 * pow(1.002, 28.0)
        let population = try #require(run[scenario: "bau", driver: "population"]?.central(in: 2050))
        expectClose(population / population2050, 1, .absolute(1e-12))
    }

    /// New York with UN WUP growth: the city's population grows as the New York-Newark
    /// projection, interpolated between its five-year points, from the city's own 2022 value.
    @Test func newYorkWithWorldUrbanizationProspectsGrowth() async throws {
        let spec = try ScenarioSpecification(contentsOf: Self.folder.appendingPathComponent("nyc_water_wup.yaml").path)
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        #expect(run.years == Array(2023...2035))
        let at2022 = 18.803552 + 0.4 * (19.154024 - 18.803552)
        let at2027 = 19.154024 + 0.4 * (19.957605 - 19.154024)
        let population = try #require(run[scenario: "bau", driver: "population"]).central
        expectClose(population[12] / (8_335_897 * 20.81717 / at2022), 1, .absolute(1e-12))
        expectClose(population[4] / (8_335_897 * at2027 / at2022), 1, .absolute(1e-12))
        let held = try #require(run[scenario: "no_growth", driver: "population"]).central
        #expect(held.allSatisfy { $0 == 8_335_897 })
        // With population held, the decomposition has no population effect.
        for row in csvRows(run.decompositionCSV) where row["scenario"] == "no_growth" {
            #expect(Double(row["population_effect"] ?? "") == 0)
        }
    }

    /// Kinshasa: one What a Waste record (2015) and the WUP path; per-capita waste scales as
    /// population^b with the cross-section's elasticity b, so waste ∝ population^(1+b).
    @Test func kinshasaWasteWithCrossSectionPrior() async throws {
        let spec = try ScenarioSpecification(contentsOf: Self.folder.appendingPathComponent("kinshasa_waste.yaml").path)
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        let fit = try #require((try jsonObject(run.summaryJSON)["indicators"] as? [[String: Any]])?.first)
        let b = try #require((fit["elasticity"] as? [String: Double])?["estimate"])
        #expect(fit["records"] as? Int == 1 && (fit["prior"] as? [String: Any])?["cities"] as? Int == 326)
        let h2035 = try #require(run.years.firstIndex(of: 2035))
        let population = try #require(run[scenario: "bau", driver: "population"]).central
        let waste = try #require(run[scenario: "bau", indicator: "waste"]).central
        expectClose(population[h2035], 26.681825, .absolute(1e-12))
        let expected = 2_555_000 * pow(26.681825 / 11.597706, 1 + b)
        expectClose(waste[h2035] / expected, 1, .absolute(1e-12))
    }

    /// Tetouan: OLS with an intercept reproduces the base year's total load, so business as usual
    /// (the 2017 climate) keeps 2017's energy exactly; the warmer scenario adds
    /// `β₁ n w + β₂ (2 w ΣT + n w²)`, computed here from the fitted coefficients and the data file.
    @Test func tetouanWarmingAndEfficiency() async throws {
        let spec = try ScenarioSpecification(contentsOf: Self.folder.appendingPathComponent("tetouan_electricity.yaml").path)
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        let text = try String(contentsOfFile: Self.folder.appendingPathComponent("../../Datasets/tetouan_power_hourly_wide.csv").path,
                              encoding: .utf8)
        let rows = csvRows(text)
        let load = rows.compactMap { Double($0["zone1_power"] ?? "") }
        let temperature = rows.compactMap { Double($0["temperature_c"] ?? "") }
        #expect(load.count == 8736 && temperature.count == 8736)
        let total = load.reduce(0, +), n = Double(load.count), sumT = temperature.reduce(0, +)
        let energy = try ["bau", "warmer", "efficiency"].map { try #require(run[scenario: $0, indicator: "energy"]).central }
        let peak = try ["bau", "warmer"].map { try #require(run[scenario: $0, indicator: "peak"]).central }
        for h in run.years.indices { expectClose(energy[0][h] / total, 1, .absolute(1e-9)) }
        let fit = try #require((try jsonObject(run.summaryJSON)["indicators"] as? [[String: Any]])?.first)
        let coefficients = try #require(fit["coefficients"] as? [[String: Any]])
        let b1 = try #require(coefficients[1]["estimate"] as? Double), b2 = try #require(coefficients[2]["estimate"] as? Double)
        for (h, year) in run.years.enumerated() {
            let w = 1.5 * Double(year - 2017) / 23
            let expected = total + b1 * n * w + b2 * (2 * w * sumT + n * w * w)
            expectClose(energy[1][h] / expected, 1, .absolute(1e-9), "\(year)")
            expectClose(energy[2][h] / total, (year >= 2025 ? 0.9 : 1), .absolute(1e-9))
            #expect(peak[1][h] >= peak[0][h])
        }
        #expect(peak[0][0] <= (load.max() ?? 0) * 1.2 && peak[0][0] > total / n)
    }
}
