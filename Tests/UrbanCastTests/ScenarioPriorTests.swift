import Foundation
import Statistics
import Testing
import UrbanCast
import TestSupport

/// The cross-section prior: an elasticity estimated across many cities, used for a city with few
/// records, and combined with the city's own estimate when it has enough of them.
@Suite struct ScenarioPriorTests {
    static let elasticity = 0.15, noise = 0.2
    static let groupEffects = ["HIC": 0.4, "LIC": -0.5, "UMC": 0.0]

    /// A cross-section of 400 cities from known parameters and a city with `records` yearly records
    /// whose own elasticity is `cityElasticity` (no noise), with the spec that uses them.
    static func make(records: Int, cityElasticity: Double) throws -> (folder: URL, spec: ScenarioSpecification) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-prior-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: 77)
        var cities = ["city,income_group,population,kg_per_capita_day"]
        let groups = groupEffects.keys.sorted()
        for k in 0..<400 {
            let group = groups[k % 3]
            let size = exp(11 + 2 * generator.nextUniform())
            let perCapita = exp(-1 + elasticity * log(size) + groupEffects[group]! + noise * generator.nextNormal())
            cities.append("c\(k),\(group),\(size),\(perCapita)")
        }
        try cities.joined(separator: "\n").write(to: folder.appendingPathComponent("cities.csv"), atomically: true, encoding: .utf8)
        var history = ["city,indicator,date,value"]
        for j in 0..<records {
            let year = 2023 - records + j
            let population = 2.0e6 * pow(1.05, Double(j))
            // A small deterministic wobble, so that several records have a finite standard error.
            let waste = population * 0.4 * pow(population / 2.0e6, cityElasticity) * (records > 1 ? exp(0.002 * sin(1.7 * Double(j))) : 1)
            history += ["Here,population,\(year),\(population)", "Here,waste,\(year),\(waste)"]
        }
        try history.joined(separator: "\n").write(to: folder.appendingPathComponent("here.csv"), atomically: true, encoding: .utf8)
        let text = """
            city: Here
            base_year: 2022
            horizon: 2030
            history: here.csv
            hindcast: 0
            drivers:
              population: {series: population, growth: {percent: 3, sd: 1}}
            indicators:
              waste:
                series: waste
                model: intensity
                population: population
                elasticity:
                  on: population
                  prior: {file: cities.csv, response: kg_per_capita_day, size: population, groups: income_group}
            """
        let path = folder.appendingPathComponent("spec.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, try ScenarioSpecification(contentsOf: path))
    }

    static func fit(_ run: ScenarioRun) throws -> [String: Any] {
        let summary = try jsonObject(run.summaryJSON)
        return try #require((summary["indicators"] as? [[String: Any]])?.first)
    }

    /// The cross-section recovers the elasticity it was generated with; a single record takes it
    /// as it is, and the projection is `I(t) = I(base) · (P(t)/P(base))^b` exactly.
    @Test func singleRecordUsesThePrior() async throws {
        let (_, spec) = try Self.make(records: 1, cityElasticity: 0)
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        let fit = try Self.fit(run)
        let prior = try #require(fit["prior"] as? [String: Double])
        let b = try #require(prior["estimate"]), se = try #require(prior["stdError"])
        expectClose(b, Self.elasticity, .absolute(3 * se), "\(prior)")
        #expect(se < 0.05)
        #expect(fit["city"] is NSNull)
        #expect((fit["elasticity"] as? [String: Double])?["estimate"] == b)
        let intensity = try #require(run[scenario: "bau", indicator: "waste"]?.centralIntensity)
        let population = try #require(run[scenario: "bau", driver: "population"])
        for h in run.years.indices {
            let ratio = population.central[h] / 2.0e6
            expectClose(intensity[h] / (0.4 * pow(ratio, b)), 1, .absolute(1e-12))
        }
    }

    /// With six nearly exact records the city's own slope is estimated and combined with the
    /// prior by precision weighting: the posterior lies between them and is more precise than either.
    @Test func recordsUpdateThePrior() async throws {
        let (_, spec) = try Self.make(records: 6, cityElasticity: 0.5)
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        let fit = try Self.fit(run)
        let prior = try #require(fit["prior"] as? [String: Double])
        let city = try #require(fit["city"] as? [String: Double])
        let posterior = try #require(fit["elasticity"] as? [String: Double])
        expectClose(try #require(city["estimate"]), 0.5, .absolute(0.02), "\(city)")
        let wp = 1 / pow(prior["stdError"]!, 2), wc = 1 / pow(city["stdError"]!, 2)
        let expected = (wp * prior["estimate"]! + wc * city["estimate"]!) / (wp + wc)
        expectClose(posterior["estimate"]!, expected, .absolute(1e-12))
        expectClose(posterior["stdError"]!, (1 / (wp + wc)).squareRoot(), .absolute(1e-15))
        let (low, high) = (min(prior["estimate"]!, city["estimate"]!), max(prior["estimate"]!, city["estimate"]!))
        #expect(posterior["estimate"]! > low && posterior["estimate"]! < high)
        #expect(posterior["stdError"]! < min(prior["stdError"]!, city["stdError"]!))
    }

    @Test(arguments: [
        ("response: kg_per_capita_day, ", "", "spec.yaml: indicators.waste.elasticity.prior.response: is required"),
        ("groups: income_group", "group: income_group",
         "spec.yaml: indicators.waste.elasticity.prior.group: unknown key; expected one of: file, format, date_column, year, where, delimiter, decimal, thousands, encoding, sheet, response, size, groups"),
        ("history: here.csv", "history: {file: here.csv, year: 2020}",
         "spec.yaml: history.year: applies to wide files without a date column (a record of one year)"),
    ])
    func priorMistakesAreNamed(_ original: String, _ replacement: String, _ expected: String) throws {
        let (folder, _) = try Self.make(records: 1, cityElasticity: 0)
        let path = folder.appendingPathComponent("spec.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(original))
        do {
            _ = try ScenarioSpecification(text: text.replacingOccurrences(of: original, with: replacement), file: "spec.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.split(separator: "\n").contains { $0.hasPrefix(expected) }, "\(error)")
        }
    }
}
