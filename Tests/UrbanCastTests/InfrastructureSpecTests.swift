import Foundation
import Testing
import UrbanCast

/// `infrastructure:` as read from a file, and its mistakes named by key path.
@Suite struct InfrastructureSpecTests {
    static let head = """
        city: Test
        base_year: 2022
        horizon: 2040
        history: data.csv
        drivers:
          population: {series: population, growth: {percent: 1, sd: 0.5}}
        indicators:
          water: {series: water, unit: Ml, model: intensity, population: population, intensity: naive}
          waste: {series: waste, unit: t, model: naive}
        """

    static func messages(_ infrastructure: String) -> [String] {
        do {
            _ = try ScenarioSpecification(text: head + "\ninfrastructure:\n" + infrastructure, file: "spec.yaml", folder: "/data")
            return []
        } catch {
            return error.description.split(separator: "\n").map(String.init)
        }
    }

    @Test func readsFacilitiesAsWritten() throws {
        let spec = try ScenarioSpecification(text: Self.head + """

            infrastructure:
              - name: water_supply
                indicator: water
                capacity: 1100
                currency: USD million
                expansions:
                  - {name: reservoir, add: 150, capital: 800, operating: 10, lifetime: 50, lead_years: 4, earliest: 2028}
                  - {name: reuse_plant, add: 60, capital: 220, operating: 6, lifetime: 25, lead_years: 2}
              - {name: landfill, indicator: cumulative( waste ), capacity: 2.5e6, reliability: 0.9}
            """, file: "spec.yaml", folder: "/data")
        #expect(spec.infrastructure.count == 2)
        let supply = spec.infrastructure[0]
        #expect(supply.demand == .indicator("water"))
        #expect(supply.capacity == 1100 && supply.reliability == 0.95 && supply.currency == "USD million")
        #expect(supply.expansions.map(\.name) == ["reservoir", "reuse_plant"])
        #expect(supply.expansions[0].investment == (try Economics.Investment(capital: 800, operating: 10, lifetime: 50, leadYears: 4)))
        #expect(supply.expansions[0].earliest == 2028 && supply.expansions[1].earliest == nil)
        // earliest 2028 is later than 2022 + 1 + 4; the reuse plant can serve from 2022 + 1 + 2.
        #expect(supply.expansions[0].firstServiceYear(baseYear: 2022) == 2028)
        #expect(supply.expansions[1].firstServiceYear(baseYear: 2022) == 2025)
        #expect(spec.infrastructure[1].demand == .cumulative("waste"))
        #expect(spec.infrastructure[1].reliability == 0.9)
    }

    @Test func everyMistakeIsNamedByItsKeyPath() {
        let found = Self.messages("""
              - name: supply
                indicator: wter
                capacity: -5
                reliability: 1.2
                size: 3
                expansions:
                  - {name: dam, add: 0, capital: 10, lifetime: 30}
                  - {name: late, add: 5, earliest: 2041}
                  - {name: slow, add: 5, lead_years: 30}
                  - {name: dam, add: 5}
              - name: broken
                indicator: water
                capacity: 10
                expansions:
                  - {name: plant, add: 5, capital: 10}
                  - {name: pump, add: 5, operating: -1}
                  - {add: 5}
              - {name: other, indicator: "cumulative()", capacity: 1}
              - {indicator: water}
              - {name: supply, indicator: cumulative(waste), capacity: 1}
            """)
        let expected = [
            "spec.yaml: infrastructure[0].size: unknown key; expected one of: name, indicator, capacity, reliability, expansions, currency",
            "spec.yaml: infrastructure[1].expansions[0].lifetime: a capital cost needs a lifetime (years), for renewals and the residual value",
            "spec.yaml: infrastructure[1].expansions[1].operating: the operating cost must be finite and ≥ 0, got -1.0",
            "spec.yaml: infrastructure[1].expansions[2].name: is required",
            "spec.yaml: infrastructure[2].indicator: expected an indicator's name or cumulative(NAME), got 'cumulative()'",
            "spec.yaml: infrastructure[3].name: is required (the facility's name)",
            "spec.yaml: infrastructure[3].capacity: is required (today's capacity, in the indicator's unit)",
            "spec.yaml: infrastructure[0].indicator: unknown indicator 'wter'; the indicators are: water, waste",
            "spec.yaml: infrastructure[0].capacity: must be a finite number ≥ 0, got -5.0",
            "spec.yaml: infrastructure[0].reliability: must be a probability strictly between 0 and 1 (0.95 for 95 %), got 1.2",
            "spec.yaml: infrastructure[0].expansions[0].add: must be a finite number > 0 (the capacity added), got 0.0",
            "spec.yaml: infrastructure[0].expansions[1].earliest: 2041 is after the horizon 2040",
            "spec.yaml: infrastructure[0].expansions[2].lead_years: 30 lead years put the first possible service year 2053 after the horizon 2040",
            "spec.yaml: infrastructure[0].expansions[3].name: 'dam' is the name of expansions[0] too; give each option its own name",
            "spec.yaml: infrastructure[4].name: 'supply' is the name of infrastructure[0] too; give each facility its own name",
        ]
        #expect(found == expected, "\(found.joined(separator: "\n"))")
    }

    /// A facility naming an indicator whose own entry is broken is not also "unknown": the
    /// indicator's mistake is reported once, at its own key.
    @Test func aBrokenIndicatorIsNotAlsoUnknown() {
        let text = Self.head.replacingOccurrences(of: "model: naive}", with: "model: nonsense}")
            + "\ninfrastructure:\n  - {name: landfill, indicator: cumulative(waste), capacity: 10}\n"
        do {
            _ = try ScenarioSpecification(text: text, file: "spec.yaml", folder: "/data")
            Issue.record("a broken indicator was accepted")
        } catch {
            let lines = error.description.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("spec.yaml: indicators.waste.model:"), "\(error.description)")
        }
    }
}
