import Forecasting
import Foundation
import Testing
import UrbanCast
import TestSupport

/// LMDI with zeros (Ang & Liu 2007's small-value strategy, in its limit) and with sector
/// structure effects (Ang 2005), against `Fixtures/lmdi-sectors/make_lmdi_sectors.py`, by exact
/// additivity and as the limit of the δ-replaced formula.
@Suite struct LMDISectorTests {
    /// `Fixtures/lmdi-sectors/lmdi_sectors.json`.
    struct Reference: Decodable {
        struct Case: Decodable {
            let name: String
            let baseActivity: [Double], baseValues: [Double], activity: [Double], values: [Double]
            let effects: [[Double]]
        }
        struct Run: Decodable {
            struct Year: Decodable {
                let year: Int
                let activity: [Double], values: [Double]
                let effects: [[Double]]
            }
            let scenario: String
            let years: [Year]
        }
        let cases: [Case]
        let run: [Run]

        static func load() throws -> Reference {
            try JSONDecoder().decode(Reference.self, from: Data(contentsOf: try fixtureURL("lmdi-sectors/lmdi_sectors.json")))
        }
    }

    static let tolerance = Tolerance.mixed(absolute: 1e-9, relative: 1e-9)

    /// Ang (2005) by the formulas and Ang & Liu (2007)'s zero cases, written out in Python.
    @Test func sectorEffectsMatchTheIndependentComputation() throws {
        for c in try Reference.load().cases {
            let effects = LMDI.sectorEffects(baseActivity: c.baseActivity, baseValues: c.baseValues, activity: c.activity,
                                             values: c.values).map(\.all)
            #expect(effects.count == c.effects.count, "\(c.name)")
            for (i, (row, expected)) in zip(effects, c.effects).enumerated() {
                expectClose(row, expected, Self.tolerance, "\(c.name), sector \(i)")
                expectClose(row.reduce(0, +), c.values[i] - c.baseValues[i], .absolute(1e-9 * max(c.baseValues[i], c.values[i], 1)),
                            "\(c.name), sector \(i) adds up")
            }
        }
    }

    /// The plain formula on data whose zeros are replaced by δ approaches the closed-form limit
    /// as δ shrinks, but only like 1/ln(1/δ): at δ = 1e-10 a closing sector's structure effect is
    /// still off by 13% of its use (7% at 1e-20, 0.6% at 1e-300), which is why the limit is taken.
    @Test(arguments: ["a new sector", "a sector closes", "use appears in a sector with activity",
                      "use vanishes in a sector with activity"])
    func smallValuesConvergeToTheLimit(name: String) throws {
        let c = try #require(try Reference.load().cases.first { $0.name == name })
        let limit = LMDI.sectorEffects(baseActivity: c.baseActivity, baseValues: c.baseValues, activity: c.activity,
                                       values: c.values).map(\.all)
        func replaced(_ delta: Double) -> [[Double]] {
            let q0 = c.baseActivity.map { $0 == 0 ? delta : $0 }, v0 = c.baseValues.map { $0 == 0 ? delta : $0 }
            let qt = c.activity.map { $0 == 0 ? delta : $0 }, vt = c.values.map { $0 == 0 ? delta : $0 }
            let total0 = q0.reduce(0, +), totalT = qt.reduce(0, +)
            return q0.indices.map { i in
                let w = LMDI.logarithmicMean(vt[i], v0[i])
                return [w * log(totalT / total0), w * log((qt[i] / totalT) / (q0[i] / total0)), w * log((vt[i] / qt[i]) / (v0[i] / q0[i]))]
            }
        }
        let change = abs(c.values.reduce(0, +) - c.baseValues.reduce(0, +))
        let gaps = [1e-10, 1e-20, 1e-50, 1e-100, 1e-300].map { delta in
            zip(replaced(delta), limit).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? .nan
        }
        #expect(zip(gaps, gaps.dropFirst()).allSatisfy { $0 > $1 }, "\(name): shrinks with δ: \(gaps)")
        let scale = max(change, c.baseValues.max() ?? 0, c.values.max() ?? 0)
        #expect(gaps[0] > 1e-5 * scale, "\(name): a fixed δ = 1e-10 is visibly off: \(gaps)")
        #expect(gaps[4] < 0.01 * scale && gaps[4] < gaps[0] / 10, "\(name): \(gaps)")
    }

    /// A zero in the data, not in a factor: the intensity `V / D` is formed after δ replaces the
    /// zeros, so a year in which a quantity and its driver are both zero is finite and additive.
    @Test func zeroValuedYearsOfTheAggregate() {
        #expect(LMDI.effects(baseValue: 1500, baseDrivers: [30], value: 0, drivers: [0]) == [-1500, 0], "driver and use vanish")
        #expect(LMDI.effects(baseValue: 0, baseDrivers: [0], value: 400, drivers: [20]) == [400, 0], "driver and use appear")
        #expect(LMDI.effects(baseValue: 0, baseDrivers: [3], value: 400, drivers: [20]) == [0, 400], "use appears")
        #expect(LMDI.effects(baseValue: 0, baseDrivers: [0, 2], value: 0, drivers: [5, 1]) == [0, 0, 0], "zero in both years")
        #expect(LMDI.effects(baseValue: 10, baseDrivers: [0], value: 20, drivers: [2]).allSatisfy { $0.isNaN },
                "a driver from zero under a positive use has no limit")
        #expect(LMDI.effects(baseValue: 10, baseDrivers: [2], value: -1, drivers: [2]).allSatisfy { $0.isNaN })
        // Positive data: the factor form with I = V / ΠD, exactly.
        let effects = LMDI.effects(baseValue: 100, baseDrivers: [10, 2], value: 150, drivers: [12, 2.5])
        #expect(effects == LMDI.effects(base: [10, 2, 100 / (10 * 2)], current: [12, 2.5, 150 / (12 * 2.5)]))
        expectClose(effects.reduce(0, +), 50, .absolute(1e-12))
    }

    /// The specification's central path and its sector decomposition match the Python script;
    /// every row of sector_decomposition.csv adds up; industry's closing year is finite in the
    /// aggregate decomposition too (NaN before the small-value strategy reached the data).
    @Test func runMatchesTheIndependentComputation() async throws {
        let spec = try ScenarioSpecification(contentsOf: try fixtureURL("lmdi-sectors/sectors.yaml").path)
        #expect(spec.sectorTotals == [.init(name: "energy", sectors: [
            .init(name: "residential", indicator: "energy_residential", activity: "floor_residential"),
            .init(name: "commercial", indicator: "energy_commercial", activity: "floor_commercial"),
            .init(name: "industrial", indicator: "energy_industrial", activity: "floor_industrial"),
        ])])
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        let reference = try Reference.load()
        let decompositions = run.sectorDecompositions
        #expect(decompositions.map(\.scenario) == ["bau", "efficient"])
        for (d, expected) in zip(decompositions, reference.run) {
            #expect(d.scenario == expected.scenario && d.total == "energy" && d.unit == "GWh")
            #expect(d.factors.map(\.name) == ["activity", "structure", "intensity"])
            expectClose(d.baseValue, 3600, .relative(1e-12))
            for (h, year) in expected.years.enumerated() {
                #expect(d.years[h] == year.year)
                for (k, sector) in d.sectors.enumerated() {
                    expectClose(sector.activities[h], year.activity[k], Self.tolerance, "\(d.scenario) \(year.year) \(sector.name) activity")
                    expectClose(sector.values[h], year.values[k], Self.tolerance, "\(d.scenario) \(year.year) \(sector.name)")
                    expectClose(sector.factors.map { $0.effects[h] }, year.effects[k], Self.tolerance,
                                "\(d.scenario) \(year.year) \(sector.name)")
                }
                for j in 0..<3 {
                    expectClose(d.factors[j].effects[h], year.effects.reduce(0) { $0 + $1[j] }, Self.tolerance,
                                "\(d.scenario) \(year.year) \(d.factors[j].name)")
                }
            }
        }
        let rows = csvRows(run.sectorDecompositionCSV)
        #expect(rows.count == 2 * 10 * 4)
        for row in rows {
            let numbers = ["base_value", "change", "activity_effect", "structure_effect", "intensity_effect"].map { Double(row[$0] ?? "") }
            let n = try #require(numbers.allSatisfy { $0 != nil } ? numbers.compactMap { $0 } : nil, "\(row)")
            #expect(abs(n[2] + n[3] + n[4] - n[1]) <= 1e-9 * n[0], "\(row)")
        }
        let closed = try #require(run.decompositions.first { $0.scenario == "bau" && $0.indicator == "energy_industrial" })
        #expect(closed.factors.map { $0.effects.last } == [-1500, 0], "population and use both zero in 2030")
    }

    /// The library example: two sectors built in Swift, run in memory. Hand arithmetic with
    /// intensities held (naive model): floor area 150 → 210, residential share 2/3 → 130/210,
    /// energy 1200 + 900 → 1560 + 1440; activity effect `(L(1560, 1200) + L(1440, 900)) ln(210/150)`
    /// = 848.2685…, structure effect 51.7314…, intensity effect 0, summing to 900.
    @Test func sectorExampleInMemory() async throws {
        // SECTOR-EXAMPLE-BEGIN
        func series(_ name: String, _ values: [Double]) -> KeyedSeries {
            KeyedSeries(key: ["series": name], unit: nil, series: TimeSeries(start: SeriesDate(year: 2018, precision: .year), frequency: .yearly, values: values))
        }
        let history = try SeriesPanel([series("homes", [90, 95, 100]), series("shops", [45, 48, 50]),
                                       series("home_energy", [1100, 1150, 1200]), series("shop_energy", [850, 880, 900])])
        var spec = ScenarioSpecification(city: "Sectorville", baseYear: 2020, horizon: 2030, hindcastYears: 0, drivers: [
            .init(name: "homes", series: "homes", projection: .path([.init(year: 2030, value: 130)])),
            .init(name: "shops", series: "shops", projection: .path([.init(year: 2030, value: 80)]))], indicators: [
            .init(name: "home_energy", series: "home_energy", model: .intensity(.timeSeries(.naive)), population: "homes"),
            .init(name: "shop_energy", series: "shop_energy", model: .intensity(.timeSeries(.naive)), population: "shops")])
        spec.sectorTotals = [.init(name: "energy", sectors: [.init(name: "residential", indicator: "home_energy", activity: "homes"),
                                                             .init(name: "commercial", indicator: "shop_energy", activity: "shops")])]
        let energy = try await ScenarioRun(spec, history: history, options: .init(draws: 0)).sectorDecompositions[0]
        print(energy.factors.map { "\($0.name) \($0.effects.last ?? .nan)" })   // activity 848.3, structure 51.7, intensity 0 in 2030
        // SECTOR-EXAMPLE-END
        #expect(energy.scenario == "bau" && energy.years.last == 2030)
        expectClose(energy.factors.map { $0.effects.last ?? .nan }, [848.2685089751571, 51.7314910248421, 0], .mixed(absolute: 1e-9, relative: 1e-12))
        expectClose(energy.values.last ?? .nan, 3000, .relative(1e-12))
    }

    /// `sectors:` mistakes are reported by key path, all in one pass; a built specification gets
    /// the same checks.
    @Test func sectorMistakesNameTheirKeyPath() throws {
        let text = """
            city: X
            base_year: 2020
            horizon: 2030
            history: h.csv
            drivers:
              floor_a: {series: floor_a, unit: m2, path: {2030: 1}}
              floor_b: {series: floor_b, unit: ha, path: {2030: 1}}
              people: {series: people, path: {2030: 1}}
            indicators:
              a: {series: a, unit: GWh, model: intensity, population: floor_a, intensity: naive}
              b: {series: b, unit: GWh, model: intensity, population: floor_b, intensity: naive}
              c: {series: c, unit: TJ, model: naive}
            sectors:
              energy:
                one: {indicator: a}
                two: {indicator: b, activity: floor_b}
                three: {indicator: c}
                four: {indicator: a, activity: nope}
                five: {indicator: z, activity: floor_a, extra: 1}
              alone:
                only: {indicator: c, activity: people}
            """
        var messages: [String] = []
        do {
            _ = try ScenarioSpecification(text: text, file: "spec.yaml", folder: "/data")
        } catch {
            messages = error.description.split(separator: "\n").map(String.init)
        }
        for expected in [
            "spec.yaml: sectors.energy.three.activity: is required: indicator 'c' names no population driver to use",
            "spec.yaml: sectors.energy.four.indicator: 'a' is sector one's indicator too; a sector's use is counted once",
            "spec.yaml: sectors.energy.four.activity: unknown driver 'nope'; the drivers are: floor_a, floor_b, people",
            "spec.yaml: sectors.energy.five.extra: unknown key; expected one of: indicator, activity",
            "spec.yaml: sectors.energy.five.indicator: unknown indicator 'z'; the indicators are: a, b, c",
            "spec.yaml: sectors.energy.two.activity: is in ha but sector one's in m2; the sectors of a total need one unit",
            "spec.yaml: sectors.alone: needs at least two sectors, got 1",
        ] {
            #expect(messages.contains(expected), "\(expected) in \(messages)")
        }
        #expect(messages.count == 7, "\(messages)")

        var built = ScenarioSpecification(city: "X", baseYear: 2020, horizon: 2030, drivers: [
            .init(name: "floor", series: "floor", projection: .path([.init(year: 2030, value: 1)])),
        ], indicators: [.init(name: "a", series: "a", model: .timeSeries(.naive))])
        built.sectorTotals = [.init(name: "energy", sectors: [.init(name: "one", indicator: "a", activity: "floor"),
                                                             .init(name: "two", indicator: "b", activity: "floor")])]
        #expect(throws: ScenarioError.self) { try built.validate() }
        built.indicators.append(.init(name: "b", series: "b", model: .timeSeries(.naive)))
        try built.validate()
    }
}
