import Forecasting
import Foundation
import Testing
import UrbanCast
import TestSupport

/// Specifications built in Swift get the checks of parsed ones; runs on in-memory panels report
/// missing data by key path; typed results are keyed and survive a JSON round trip.
@Suite struct ScenarioInMemoryTests {
    static func yearly(_ key: SeriesKey, unit: String? = nil, from year: Int, _ values: [Double]) -> KeyedSeries {
        KeyedSeries(key: key, unit: unit,
                    series: TimeSeries(start: SeriesDate(year: year, precision: .year), frequency: .yearly, values: values))
    }

    /// Population 8.0, 8.05, … 8.6 million in 2010–2022; water exactly 120 Mgal/d per million.
    static func history() throws -> SeriesPanel {
        let population = (0..<13).map { 8.0 + 0.05 * Double($0) }
        return try SeriesPanel([yearly(["series": "population"], unit: "million persons", from: 2010, population),
                                yearly(["series": "water"], unit: "Mgal/d", from: 2010, population.map { 120 * $0 })])
    }

    static func specification(measures: [ScenarioSpecification.Measure] = [
        .indicator("water", .change(percentPerYear: -1, from: 2025, to: 2030)),
    ]) -> ScenarioSpecification {
        ScenarioSpecification(
            city: "Testville", baseYear: 2022, horizon: 2030,
            drivers: [.init(name: "population", series: "population", projection: .growth(percent: 1, standardDeviation: 0))],
            indicators: [.init(name: "water", series: "water", model: .intensity(.timeSeries(.naive)), population: "population")],
            scenarios: [.init(name: "conservation", measures: measures)],
            targets: [.init(indicator: "water", year: 2030, bound: .atMost(1000))])
    }

    /// The same mistakes written in YAML and built in Swift give the same diagnostics, in the same order.
    @Test func builtSpecificationGetsTheParsedChecks() throws {
        let yaml = """
            city: X
            base_year: 2022
            horizon: 2050
            history: h.csv
            drivers:
              population: {growth: {percent: 0.2, sd: -1}}
            indicators:
              water: {series: water, model: intensity, intensity: auto-ets}
            scenarios:
              conservation:
                measures:
                  - {indicator: water, change: -1, from: 2019, to: 2035}
                  - {indicator: energy, step: 5}
            targets:
              - {indicator: water, year: 2060, at_most: 950}
            """
        var parsed: ScenarioError?
        do { _ = try ScenarioSpecification(text: yaml, file: "spec.yaml") } catch { parsed = error }
        let built = ScenarioSpecification(
            city: "X", baseYear: 2022, horizon: 2050, history: [.init(path: "h.csv")],
            drivers: [.init(name: "population", projection: .growth(percent: 0.2, standardDeviation: -1))],
            indicators: [.init(name: "water", series: "water", model: .intensity(.timeSeries(.autoETS)))],
            scenarios: [.init(name: "conservation", measures: [
                .indicator("water", .change(percentPerYear: -1, from: 2019, to: 2035)),
                .indicator("energy", .step(percent: 5, from: 2022)),
            ])],
            targets: [.init(indicator: "water", year: 2060, bound: .atMost(950))], file: "spec.yaml")
        let parsedDiagnostics = try #require(parsed.flatMap { if case .spec(let d) = $0 { d } else { nil } })
        #expect(parsedDiagnostics.count == 6, "\(parsedDiagnostics)")
        #expect(throws: ScenarioError.spec(parsedDiagnostics)) { try built.validate() }
        #expect(parsedDiagnostics.map(\.path) == [
            "drivers.population.growth.sd", "drivers.population.series", "indicators.water.population",
            "scenarios.conservation.measures[0].from", "scenarios.conservation.measures[1].indicator", "targets[0].year",
        ])
    }

    @Test func builtOnlyChecksNameTheKeyPath() {
        var spec = Self.specification()
        spec.drivers.append(spec.drivers[0])
        spec.scenarios.reverse()
        #expect(throws: ScenarioError.spec([
            SpecDiagnostic(file: "specification", path: "drivers.population", message: "is defined twice; names must differ"),
            SpecDiagnostic(file: "specification", path: "scenarios", message: "business as usual (bau) must come first"),
        ])) { try spec.validate() }
        #expect(Self.specification().scenarios.map(\.name) == ["bau", "conservation"], "bau is added first")
        #expect(throws: Never.self) { try Self.specification().validate() }
    }

    @Test func targetNamesMustDiffer() {
        var spec = Self.specification()
        spec.targets.append(.init(indicator: "water", year: 2030, bound: .atLeast(10)))
        #expect(throws: ScenarioError.spec([SpecDiagnostic(
            file: "specification", path: "targets[1].name",
            message: "'water 2030' is the name of targets[0] too; give each target its own name:")])) { try spec.validate() }
    }

    @Test func missingOrAmbiguousSeriesAreNamedByKeyPath() async throws {
        let noWater = try SeriesPanel([try Self.history()[0]])
        await #expect(throws: ScenarioError.spec([SpecDiagnostic(
            file: "specification", path: "indicators.water.series",
            message: "no series 'water' in the history (a series is found by a key value); the series are: 'population'")])) {
            _ = try await ScenarioRun(Self.specification(), history: noWater, options: .init(draws: 0))
        }
        let twice = try SeriesPanel(try Self.history().series + [Self.yearly(["city": "B", "indicator": "water"], from: 2010, [1])])
        do {
            _ = try await ScenarioRun(Self.specification(), history: twice, options: .init(draws: 0))
            Issue.record("an ambiguous name ran")
        } catch {
            guard case .spec(let diagnostics) = error else { Issue.record("\(error)"); return }
            #expect(diagnostics.map(\.path) == ["indicators.water.series"])
            #expect(diagnostics.first?.message.hasPrefix("'water' matches 2 series in the history") == true)
        }
        await #expect(throws: ScenarioError.invalidOptions("draws must be 0 or more, got -1")) {
            _ = try await ScenarioRun(Self.specification(), history: try Self.history(), options: .init(draws: -1))
        }
    }

    /// Naive intensity 120 Mgal/d per million, population growing 1% a year from 8.6 million:
    /// water(t) = 120 · 8.6 · 1.01^(t − 2022); the conservation programme multiplies it by
    /// 0.99^(t − 2025) from 2025 to 2030; savings and money follow by hand.
    @Test func typedResultsAreKeyedAndMatchTheSummary() async throws {
        var spec = Self.specification()
        spec.costs = [.init(indicator: "water", perUnit: 2, currency: "USD")]
        let run = try await ScenarioRun(spec, history: try Self.history(), options: .init(draws: 0))
        let results = run.results
        let bau = try #require(results[scenario: "bau", indicator: "water"])
        let conservation = try #require(run[scenario: "conservation", indicator: "water"])
        #expect(results[scenario: "conservation", indicator: "water"] == conservation)
        #expect(run[scenario: "nope", indicator: "water"] == nil && run[scenario: "bau", indicator: "nope"] == nil)
        #expect(bau.unit == "Mgal/d" && results[scenario: "bau", driver: "population"]?.unit == "million persons")
        for (h, year) in bau.years.enumerated() {
            let expected = 120 * 8.6 * pow(1.01, Double(year - 2022))
            expectClose(bau.central[h] / expected, 1, .absolute(1e-12))
            let factor = year >= 2025 ? pow(0.99, Double(year - 2025)) : 1
            expectClose(conservation.central[h] / (expected * factor), 1, .absolute(1e-12))
            let interval = conservation.interval(level: 80, in: year)
            #expect(interval?.lower == conservation.central[h] && interval?.upper == conservation.central[h], "no draws: no spread")
        }
        let savings = try #require(conservation.savings)
        expectClose(savings.mean[7], (bau.central[7] - conservation.central[7]), .absolute(1e-9))
        #expect(abs((savings.cumulativeMoney?[7] ?? 0) - 2 * savings.cumulative[7]) < 1e-9 && savings.currency == "USD")
        let target = try #require(results.target(named: "water 2030"))
        #expect(target.atMost == 1000 && target.outcomes.map(\.scenario) == ["bau", "conservation"])
        #expect(target.outcomes.map(\.metOnCentralPath) == target.outcomes.map { $0.central <= 1000 })
        #expect(target.outcomes.allSatisfy { $0.probability.isNaN }, "no draws: no probability, not 0 or 1")

        // The JSON of a run is its summary document, read back with Foundation's decoder.
        let summary = try JSONDecoder().decode(ScenarioRun.Summary.self, from: Data(run.summaryJSON.serialized().utf8))
        #expect(summary.targets.map(\.scenario) == target.outcomes.map(\.scenario))
        #expect(summary.targets.allSatisfy { $0.probability.isNaN })
        #expect(run.summaryJSON.serialized().contains("\"probability\": null"))
        #expect(summary.targets.map(\.central) == target.outcomes.map(\.central))
    }
}
