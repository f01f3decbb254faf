import Foundation
import Testing
import UrbanCast
import TestSupport

/// Tapio's (2005) decoupling index, by hand arithmetic on each of the eight states and the
/// edges of the coupling band (changes chosen exact in binary).
@Suite struct DecouplingTests {
    struct Case: Sendable, CustomStringConvertible {
        let resource: (Double, Double), gdp: (Double, Double)
        let elasticity: Double, state: Decoupling.State
        var description: String { "\(state.rawValue) \(resource) \(gdp)" }
    }

    static let cases: [Case] = [
        Case(resource: (100, 95), gdp: (50, 60), elasticity: -0.25, state: .strongDecoupling),   // −5% / +20%
        Case(resource: (64, 72), gdp: (32, 48), elasticity: 0.25, state: .weakDecoupling),       // +12.5% / +50%
        Case(resource: (64, 64), gdp: (32, 48), elasticity: 0, state: .weakDecoupling),          // unchanged use
        Case(resource: (64, 80), gdp: (32, 42), elasticity: 0.8, state: .expansiveCoupling),     // +25% / +31.25%
        Case(resource: (64, 88), gdp: (32, 42), elasticity: 1.2, state: .expansiveCoupling),     // +37.5% / +31.25%
        Case(resource: (64, 96), gdp: (32, 40), elasticity: 2, state: .expansiveNegativeDecoupling), // +50% / +25%
        Case(resource: (64, 72), gdp: (32, 24), elasticity: -0.5, state: .strongNegativeDecoupling), // +12.5% / −25%
        Case(resource: (64, 60), gdp: (32, 24), elasticity: 0.25, state: .weakNegativeDecoupling),   // −6.25% / −25%
        Case(resource: (64, 44), gdp: (32, 22), elasticity: 1.0, state: .recessiveCoupling),         // −31.25% / −31.25%
        Case(resource: (64, 32), gdp: (32, 24), elasticity: 2, state: .recessiveDecoupling),         // −50% / −25%
    ]

    @Test(arguments: cases)
    func stateByHand(_ c: Case) throws {
        let d = try #require(Decoupling(baseResource: c.resource.0, resource: c.resource.1, baseGDP: c.gdp.0, gdp: c.gdp.1))
        expectClose(d.elasticity, c.elasticity, .absolute(1e-15))
        #expect(d.state == c.state)
    }

    @Test func undefinedWithoutAGDPChangeOrPositiveBase() {
        #expect(Decoupling(baseResource: 10, resource: 12, baseGDP: 5, gdp: 5) == nil)
        #expect(Decoupling(baseResource: 0, resource: 12, baseGDP: 5, gdp: 6) == nil)
        #expect(Decoupling(baseResource: 10, resource: -1, baseGDP: 5, gdp: 6) == nil)
        #expect(Decoupling(baseResource: 10, resource: .nan, baseGDP: 5, gdp: 6) == nil)
        #expect(Set(Self.cases.map(\.state)) == Set(Decoupling.State.allCases), "every state has a case")
    }

    /// On the synthetic city, water (population × GDP per capita) decouples as its central path
    /// and drivers say: `e = (V/V₀ − 1) / (P A / (P₀ A₀) − 1)`; energy has no affluence driver.
    @Test func runReportsEveryIndicatorWithPopulationAndAffluence() async throws {
        let city = try SyntheticCity()
        let run = try await ScenarioRun(try city.spec(), options: .init(draws: 0))
        #expect(run.decoupling.map(\.indicator) == ["water", "water", "water"])
        let v0 = try baseValue("water", city), p0 = try baseValue("population", city), a0 = try baseValue("gdp", city)
        for path in run.decoupling {
            let water = try #require(run[scenario: path.scenario, indicator: "water"])
            let population = try #require(run[scenario: path.scenario, driver: "population"])
            let gdp = try #require(run[scenario: path.scenario, driver: "gdp"])
            for (h, year) in path.years.enumerated() {
                let d = try #require(path.decoupling[h], "\(path.scenario) \(year)")
                let expected = (water.central[h] / v0 - 1) / (population.central[h] * gdp.central[h] / (p0 * a0) - 1)
                expectClose(d.elasticity, expected, .relative(1e-9), "\(path.scenario) \(year)")
            }
        }
    }

    /// summary.json carries the decoupling only when an indicator names both drivers; a state
    /// is written by its case name.
    @Test func summaryHasDecouplingOnlyWithBothDrivers() async throws {
        let city = try SyntheticCity()
        let summary = try jsonObject(try await ScenarioRun(try city.spec(), options: .init(draws: 0)).summaryJSON)
        let rows = try #require(summary["decoupling"] as? [[String: Any]])
        #expect(rows.map { $0["indicator"] as? String } == ["water", "water", "water"])
        let first = try #require((rows.first?["decoupling"] as? [[String: Any]])?.first)
        #expect(first["elasticity"] is Double && Decoupling.State(rawValue: first["state"] as? String ?? "") != nil)
        let withoutAffluence = SyntheticCity.specification.replacingOccurrences(of: "population: population, affluence: gdp,",
                                                                                with: "population: population,")
        let plain = try jsonObject(try await ScenarioRun(try city.spec(withoutAffluence), options: .init(draws: 0)).summaryJSON)
        #expect(plain["decoupling"] == nil)
    }

    /// The 2022 value of a series in the synthetic city's history file.
    func baseValue(_ name: String, _ city: SyntheticCity) throws -> Double {
        let text = try String(contentsOfFile: city.csvPath, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Synth,\(name),2022,") })
        return try #require(Double(line.split(separator: ",")[3]))
    }
}
