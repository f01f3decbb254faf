import Forecasting
import Foundation
import Testing
import UrbanCast
import TestSupport

/// The README's library example (b): a scenario built in Swift from arrays, run in memory.
@Suite struct LibraryExampleScenarioTests {
    /// New York City 2010–2022 (Datasets/nyc_water_long.csv, rounded): population in millions and
    /// water consumption in Mgal/d.
    static let population = [8.18, 8.34, 8.46, 8.57, 8.66, 8.74, 8.79, 8.82, 8.83, 8.82, 8.80, 8.47, 8.34]
    static let water: [Double] = [1039, 1021, 1009, 1006, 996, 1009, 1002, 990, 1008, 987, 981, 979, 999]

    @Test func scenarioBuiltInSwiftFromArrays() async throws {
        // README-EXAMPLE-B-BEGIN
        let year = SeriesDate(year: 2010, precision: .year)
        let history = try SeriesPanel([
            KeyedSeries(key: ["series": "population"], unit: "million persons", series: TimeSeries(start: year, frequency: .yearly,
                values: [8.18, 8.34, 8.46, 8.57, 8.66, 8.74, 8.79, 8.82, 8.83, 8.82, 8.80, 8.47, 8.34])),
            KeyedSeries(key: ["series": "water"], unit: "Mgal/d", series: TimeSeries(start: year, frequency: .yearly,
                values: [1039, 1021, 1009, 1006, 996, 1009, 1002, 990, 1008, 987, 981, 979, 999])),
        ])
        let spec = ScenarioSpecification(city: "New York", baseYear: 2022, horizon: 2050,
            drivers: [.init(name: "population", series: "population", projection: .growth(percent: 0.2, standardDeviation: 0.3))],
            indicators: [.init(name: "water", series: "water", model: .intensity(.timeSeries(.autoETS)), population: "population")],
            scenarios: [.init(name: "conservation", measures: [.indicator("water", .change(percentPerYear: -1, from: 2025, to: 2035))])],
            targets: [.init(name: "water 2050", indicator: "water", year: 2050, bound: .atMost(950))])
        let run = try await ScenarioRun(spec, history: history, options: .init(draws: 2000, seed: 7))
        let water = run[scenario: "conservation", indicator: "water"], band = water?.interval(level: 95, in: 2050)
        print("2050:", water?.central(in: 2050) ?? .nan, water?.unit ?? "", "95%:", band ?? (.nan, .nan))
        print("P(water 2050):", run.results.probability(target: "water 2050", scenario: "conservation") ?? .nan)
        // README-EXAMPLE-B-END

        let conservation = try #require(water)
        #expect(conservation.unit == "Mgal/d", "the unit travels from the history panel")
        #expect(conservation.years == Array(2023...2050))
        let central2050 = try #require(conservation.central(in: 2050)), band2050 = try #require(band)
        #expect(band2050.lower < central2050 && central2050 < band2050.upper, "\(band2050) around \(central2050)")
        for level in [80.0, 95.0] {
            let interval = try #require(conservation.interval(level: level))
            for h in conservation.years.indices {
                #expect(interval.lower[h] < conservation.central[h] && conservation.central[h] < interval.upper[h],
                        "\(level)% in \(conservation.years[h])")
            }
        }
        let probability = try #require(run.results.probability(target: "water 2050", scenario: "conservation"))
        #expect((0...1).contains(probability))
        // The measure multiplies the central per-capita use by 0.99 a year from 2026 to 2035.
        let bau = try #require(run[scenario: "bau", indicator: "water"])
        for (h, year) in bau.years.enumerated() {
            let factor = pow(0.99, Double(min(max(year - 2025, 0), 10)))
            expectClose(conservation.central[h] / bau.central[h], factor, .absolute(1e-12), "\(year)")
        }
        #expect(bau.savings == nil)
        #expect(conservation.savings?.money == nil, "no unit cost, no money")

        let again = try await ScenarioRun(spec, history: history, options: .init(draws: 2000, seed: 7, threads: 1))
        #expect(again.results == run.results, "same seed, any thread count: the same results")

        let fromFiles = try await Self.runFromYAML(draws: 2000, seed: 7)
        #expect(fromFiles.results == run.results, "the YAML text and history file give the same numbers")
    }

    /// The same study as a YAML text and a long-format history file, read through the adapter.
    static func runFromYAML(draws: Int, seed: UInt64) async throws -> ScenarioRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-example-b-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = ["series,date,value,unit"]
        for (h, value) in population.enumerated() { lines.append("population,\(2010 + h),\(value),million persons") }
        for (h, value) in water.enumerated() { lines.append("water,\(2010 + h),\(value),Mgal/d") }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("history.csv"), atomically: true,
                                                          encoding: .utf8)
        let yaml = """
            city: New York
            base_year: 2022
            horizon: 2050
            history: history.csv
            drivers:
              population: {series: population, growth: {percent: 0.2, sd: 0.3}}
            indicators:
              water: {series: water, model: intensity, population: population, intensity: auto-ets}
            scenarios:
              conservation:
                measures:
                  - {indicator: water, change: -1, from: 2025, to: 2035}
            targets:
              - {name: water 2050, indicator: water, year: 2050, at_most: 950}
            """
        let spec = try ScenarioSpecification(text: yaml, file: "nyc.yaml", folder: folder.path)
        return try await ScenarioRun(spec, options: .init(draws: draws, seed: seed))
    }
}
