import Foundation
import Testing
import UrbanCast

/// The scenario specification reader: a valid file reads as written, and every kind of mistake is
/// reported with its key path (or line and column for syntax) and a message that says what to change.
@Suite struct ScenarioSpecificationTests {
    static let valid = """
        city: Testville
        base_year: 2022
        horizon: 2050
        history: data.csv
        drivers:
          population:
            series: population
            growth: {percent: 1.0, sd: 0.5}
          gdp:
            series: gdp
            path: {2030: 60000, 2050: 80000}
        indicators:
          water:
            series: water
            unit: Ml/d
            model: intensity
            population: population
            affluence: gdp
            elasticity: {affluence: gdp}
        scenarios:
          efficient:
            measures:
              - indicator: water
                step: -5
                from: 2025
              - indicator: water
                change: -1
                from: 2023
                to: 2030
        targets:
          - indicator: water
            year: 2050
            at_most: 100
        costs:
          water: {per_unit: 2.5, currency: EUR}
        """

    static func read(_ text: String, file: String = "spec.yaml") throws(ScenarioError) -> ScenarioSpecification {
        try ScenarioSpecification(text: text, file: file, folder: "/data")
    }

    static func messages(_ text: String, file: String = "spec.yaml") -> [String] {
        do {
            _ = try read(text, file: file)
            return []
        } catch {
            return error.description.split(separator: "\n").map(String.init)
        }
    }

    @Test func validSpecificationReadsAsWritten() throws {
        let spec = try Self.read(Self.valid)
        #expect(spec.city == "Testville")
        #expect(spec.baseYear == 2022 && spec.horizon == 2050)
        #expect(spec.projectionYears.first == 2023 && spec.projectionYears.count == 28)
        #expect(spec.history.map(\.resolvedPath) == ["/data/data.csv"])
        #expect(spec.drivers.map(\.name) == ["population", "gdp"])
        #expect(spec.drivers[0].projection == .growth(percent: 1.0, standardDeviation: 0.5))
        #expect(spec.drivers[1].projection == .path([.init(year: 2030, value: 60000), .init(year: 2050, value: 80000)]))
        #expect(spec.indicators[0].model == .intensity(.elasticity(affluence: "gdp", quadratic: false)))
        #expect(spec.scenarios.map(\.name) == ["bau", "efficient"])
        #expect(spec.scenarios[1].measures == [
            .indicator("water", .step(percent: -5, from: 2025)),
            .indicator("water", .change(percentPerYear: -1, from: 2023, to: 2030)),
        ])
        #expect(spec.targets == [.init(indicator: "water", year: 2050, bound: .atMost(100))])
        #expect(spec.costs == [.init(indicator: "water", perUnit: 2.5, currency: "EUR")])
        #expect(spec.hindcastYears == 5)
    }

    /// The same structure as JSON (with tabs) reads to the same specification.
    @Test func jsonReadsLikeYAML() throws {
        let json = """
            {
            \t"city": "Testville", "base_year": 2022, "horizon": 2050, "history": ["data.csv"],
            \t"drivers": {"population": {"series": "population", "growth": {"percent": 1.0, "sd": 0.5}},
            \t            "gdp": {"series": "gdp", "path": {"2030": 60000, "2050": 80000}}},
            \t"indicators": {"water": {"series": "water", "unit": "Ml/d", "model": "intensity",
            \t    "population": "population", "affluence": "gdp", "elasticity": {"affluence": "gdp"}}},
            \t"scenarios": {"efficient": {"measures": [
            \t    {"indicator": "water", "step": -5, "from": 2025},
            \t    {"indicator": "water", "change": -1, "from": 2023, "to": 2030}]}},
            \t"targets": [{"indicator": "water", "year": 2050, "at_most": 100}],
            \t"costs": {"water": {"per_unit": 2.5, "currency": "EUR"}}
            }
            """
        let fromJSON = try Self.read(json, file: "spec.json")
        let fromYAML = try Self.read(Self.valid)
        #expect(fromJSON.drivers.map(\.projection) == fromYAML.drivers.map(\.projection))
        #expect(fromJSON.indicators.map(\.model) == fromYAML.indicators.map(\.model))
        #expect(fromJSON.scenarios.map(\.measures) == fromYAML.scenarios.map(\.measures))
        #expect(fromJSON.targets == fromYAML.targets && fromJSON.costs == fromYAML.costs)
    }

    /// Each mistake, made by replacing one piece of the valid file, and the exact message it gives.
    @Test(arguments: [
        ("city: Testville", "city: Testville\ncolour: red",
         "spec.yaml: colour: unknown key; expected one of: city, description, base_year, horizon, history, hindcast, drivers, indicators, scenarios, targets, costs"),
        ("base_year: 2022", "base_year: soon", "spec.yaml: base_year: expected a whole number, got 'soon'"),
        ("base_year: 2022", "base_year: \"2022\"", "spec.yaml: base_year: expected a whole number, got the string '2022'"),
        ("horizon: 2050\n", "", "spec.yaml: horizon: is required"),
        ("horizon: 2050", "horizon: 2020", "spec.yaml: horizon: 2020 is not after base_year 2022"),
        ("base_year: 2022", "base_year: -9223372036854775807", "spec.yaml: base_year: expected a year between 1 and 9999, got -9223372036854775807"),
        ("history: data.csv", "history: data.csv\nhindcast: 9223372036854775807", "spec.yaml: hindcast: expected 0 to 100 years, got 9223372036854775807"),
        ("2030: 60000", "99999999999: 60000", "spec.yaml: drivers.gdp.path.99999999999: expected a year between 1 and 9999 as the key"),
        ("from: 2023", "from: 2019", "spec.yaml: scenarios.efficient.measures[1].from: 2019 is before base_year 2022"),
        ("to: 2030", "to: 2061", "spec.yaml: scenarios.efficient.measures[1].to: 2061 is after the horizon 2050"),
        ("to: 2030", "to: 2022", "spec.yaml: scenarios.efficient.measures[1].to: 2022 is before from 2023"),
        ("      - indicator: water\n        step", "      - indicator: gas\n        step",
         "spec.yaml: scenarios.efficient.measures[0].indicator: unknown indicator 'gas'; the indicators are: water"),
        ("        step: -5", "        step: -5\n        cap: 3",
         "spec.yaml: scenarios.efficient.measures[0]: has step and cap; give exactly one of change, step, cap or path"),
        ("        step: -5", "        stp: -5",
         "spec.yaml: scenarios.efficient.measures[0].stp: unknown key; expected one of: indicator, driver, change, step, cap, path, from, to, growth, model"),
        ("    growth: {percent: 1.0, sd: 0.5}\n", "",
         "spec.yaml: drivers.population: needs a projection: one of growth, model or path"),
        ("sd: 0.5", "sd: -0.5", "spec.yaml: drivers.population.growth.sd: a standard deviation cannot be negative, got -0.5"),
        ("2050: 80000", "2040: 80000", "spec.yaml: drivers.gdp.path: the path ends in 2040; it must reach the horizon 2050"),
        ("    series: gdp\n    path: {2030: 60000, 2050: 80000}", "    path: {file: wup.csv, series: Tokyo, relative: true}",
         "spec.yaml: drivers.gdp.series: is required with a relative path: the path's growth applies to the base-year value"),
        ("    path: {2030: 60000, 2050: 80000}", "    path: {file: wup.csv, series: Tokyo, relative: maybe}",
         "spec.yaml: drivers.gdp.path.relative: expected true or false, got 'maybe'"),
        ("population: population\n    affluence", "population: people\n    affluence",
         "spec.yaml: indicators.water.population: unknown driver 'people'; the drivers are: population, gdp"),
        ("elasticity: {affluence: gdp}", "intensity: arima(1,x,0)", "spec.yaml: indicators.water.intensity: "),
        ("elasticity: {affluence: gdp}", "",
         "spec.yaml: indicators.water: model: intensity needs exactly one of intensity (a time-series model) or elasticity"),
        ("model: intensity", "model: magic",
         "spec.yaml: indicators.water.model: expected intensity, regression, hourly_load or a time-series model; "),
        ("elasticity: {affluence: gdp}", "elasticity: {affluence: gdp}\n    temperature: t",
         "spec.yaml: indicators.water.temperature: applies to model: hourly_load only"),
        ("model: intensity\n    population: population\n    affluence: gdp\n    elasticity: {affluence: gdp}",
         "model: hourly_load\n    temperature: t\n    output: mean",
         "spec.yaml: indicators.water.output: expected energy or peak, got 'mean'"),
        ("year: 2050", "year: 2060", "spec.yaml: targets[0].year: 2060 is outside the projection years 2023…2050"),
        ("at_most: 100", "at_most: 100\n    at_least: 50", "spec.yaml: targets[0]: needs exactly one of at_most or at_least"),
        ("  water: {per_unit", "  gas: {per_unit", "spec.yaml: costs.gas: unknown indicator 'gas'; the indicators are: water"),
        ("scenarios:\n", "scenarios:\n  bau:\n    measures: [{indicator: water, step: -1}]\n",
         "spec.yaml: scenarios.bau.measures: business as usual takes no measures; put them in an alternative scenario"),
        ("horizon: 2050", "horizon: 2050\nhorizon: 2060", "spec.yaml:4:1: the key 'horizon' is written twice in one mapping"),
    ])
    func mistakeIsNamedByItsKeyPath(_ original: String, _ replacement: String, _ expected: String) throws {
        #expect(Self.valid.contains(original), "the test's original text must be in the valid file")
        let messages = Self.messages(Self.valid.replacingOccurrences(of: original, with: replacement))
        #expect(messages.contains { $0.hasPrefix(expected) }, "\(messages)")
    }

    /// A driver whose own entry fails to read is reported there once, not again as an unknown
    /// driver where an indicator uses it (which used to say the specification had no drivers).
    @Test func aBrokenDriverIsNotAlsoUnknown() {
        let text = Self.valid.replacingOccurrences(of: "sd: 0.5", with: "sdev: 0.5")
        #expect(text != Self.valid)
        let messages = Self.messages(text)
        #expect(messages.contains { $0.hasPrefix("spec.yaml: drivers.population.growth.sdev: unknown key") }, "\(messages)")
        #expect(!messages.contains { $0.contains("unknown driver") }, "\(messages)")
    }

    /// Several mistakes are all reported in one pass.
    @Test func everyMistakeIsReportedAtOnce() {
        let text = Self.valid.replacingOccurrences(of: "from: 2023", with: "from: 2019")
            .replacingOccurrences(of: "year: 2050", with: "year: 2060")
            .replacingOccurrences(of: "sd: 0.5", with: "sd: lots")
        let messages = Self.messages(text)
        #expect(messages.count == 3, "\(messages)")
    }

    /// A syntax error is reported at its line and column, as a compiler would.
    @Test func syntaxErrorHasLineAndColumn() throws {
        let messages = Self.messages(Self.valid.replacingOccurrences(of: "history: data.csv", with: "history: [data.csv"))
        let message = try #require(messages.first)
        let parts = message.split(separator: ":", maxSplits: 3)
        #expect(messages.count == 1 && parts.count == 4 && parts[0] == "spec.yaml", "\(messages)")
        #expect(Int(parts[1]).map { $0 >= 4 } == true && Int(parts[2]) != nil, "\(message)")
    }

    @Test func emptyFileNamesTheMissingKeys() {
        let messages = Self.messages("")
        #expect(messages.contains("spec.yaml: expected a mapping, got nothing (null)"), "\(messages)")
    }
}
