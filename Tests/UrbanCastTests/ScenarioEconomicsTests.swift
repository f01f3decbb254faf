import Foundation
import Testing
import UrbanCast
import TestSupport

/// Programme costs and net present values of resource scenarios: the savings are those of
/// `savings.csv` discounted by hand, the programme's cost is its cash flows written out here,
/// and spec mistakes name their key path.
@Suite struct ScenarioEconomicsTests {
    static let costed = SyntheticCity.specification.replacingOccurrences(of: """
          efficient:
            measures:
        """, with: """
          efficient:
            costs:
              - {name: retrofit, capital: 1000, operating: 50, lifetime: 10, lead_years: 2, from: 2025}
              - {name: campaign, operating: 20, from: 2030}
            measures:
        """) + "\neconomics: {discount_rate: 0.05}\n"

    /// Retrofit: 500 in 2023 and 2024 (lead), 50 a year 2025–2040, 1000 again in 2035 (lifetime
    /// 10), and at the horizon the last build's four unused years of ten credited (−400 in 2040);
    /// campaign: 20 a year 2030–2040; all discounted at 5 % to the end of 2022. The water savings
    /// are savings.csv's, discounted; money = savings × 3 EUR.
    @Test func netPresentValueByHand() async throws {
        let city = try SyntheticCity()
        let spec = try city.spec(Self.costed)
        #expect(spec.discountRate == 0.05)
        let run = try await ScenarioRun(spec, options: .init(draws: 200, seed: 11))
        let economics = try #require(run.economics)
        #expect(economics.discountRate == 0.05 && economics.discountedTo == 2022)
        #expect(economics.scenarios.map(\.scenario) == ["efficient", "slow_growth"])
        let efficient = economics.scenarios[0]
        let d = { (year: Int) in pow(1.05, -Double(year - 2022)) }
        var retrofit = 500 * d(2023) + 500 * d(2024) + 1000 * d(2035) - 400 * d(2040)
        for year in 2025...2040 { retrofit += 50 * d(year) }
        let campaign = (2030...2040).reduce(0.0) { $0 + 20 * d($1) }
        #expect(efficient.programmes.map(\.name) == ["retrofit", "campaign"])
        expectClose(efficient.programmes[0].netPresentCost, retrofit, .relative(1e-12))
        expectClose(efficient.programmes[1].netPresentCost, campaign, .relative(1e-12))
        expectClose(efficient.netPresentCost, retrofit + campaign, .relative(1e-12))

        let rows = csvRows(run.savingsCSV).filter { $0["scenario"] == "efficient" && $0["indicator"] == "water" }
        #expect(rows.count == 18)
        let discounted = rows.reduce(0.0) { total, row in
            total + (Double(row["savings"] ?? "") ?? .nan) * d(Int(row["year"] ?? "") ?? 0)
        }
        let water = try #require(efficient.savings.first { $0.indicator == "water" })
        expectClose(water.discountedSavings, discounted, .relative(1e-12))
        expectClose(try #require(water.presentValue), 3 * discounted, .relative(1e-12))
        expectClose(try #require(water.levelisedCost), (retrofit + campaign) / discounted, .relative(1e-12))
        #expect(water.currency == "EUR")
        let energy = try #require(efficient.savings.first { $0.indicator == "energy" })
        #expect(energy.presentValue == nil && energy.currency == "")
        expectClose(try #require(efficient.presentValueOfSavings), 3 * discounted, .relative(1e-12))
        expectClose(try #require(efficient.netPresentValue), 3 * discounted - retrofit - campaign, .relative(1e-12))
        expectClose(try #require(efficient.benefitCostRatio), 3 * discounted / (retrofit + campaign), .relative(1e-12))
        // A scenario without programmes has savings but no cost, so no ratio and no levelised cost.
        let slow = economics.scenarios[1]
        #expect(slow.netPresentCost == 0 && slow.benefitCostRatio == nil && slow.savings.allSatisfy { $0.levelisedCost == nil })
        let summary = try jsonObject(run.summaryJSON)
        let block = try #require(summary["economics"] as? [String: Any])
        #expect(block["discountRate"] as? Double == 0.05)
    }

    /// Without programme or unit costs there is nothing to value, and summary.json has no block;
    /// the default rate is 3 %.
    @Test func noCostsNoBlock() async throws {
        let city = try SyntheticCity()
        let text = SyntheticCity.specification.replacingOccurrences(of: "costs:\n  water: {per_unit: 3, currency: EUR}", with: "")
        let spec = try city.spec(text)
        #expect(spec.costs.isEmpty && spec.discountRate == 0.03)
        let run = try await ScenarioRun(spec, options: .init(draws: 0))
        #expect(run.economics == nil)
        #expect(try jsonObject(run.summaryJSON)["economics"] == nil)
    }

    /// Mistakes are named by key path.
    @Test(arguments: [
        ("\neconomics: {discount_rate: 2}\n", "economics.discount_rate"),
        ("\neconomics: {rate: 0.03}\n", "economics.rate"),
        ("", "scenarios.efficient.costs[0].lifetime"),
    ])
    func mistakesNameTheirKey(_ extra: String, _ key: String) throws {
        let city = try SyntheticCity()
        var text = SyntheticCity.specification + extra
        if extra.isEmpty {
            text = text.replacingOccurrences(of: "  efficient:\n    measures:\n",
                                             with: "  efficient:\n    costs: [{name: x, capital: 5, from: 2025}]\n    measures:\n")
        }
        #expect(throws: ScenarioError.self) { try city.spec(text) }
        do { _ = try city.spec(text) } catch { #expect(String(describing: error).contains(key), "\(error)") }
    }

    @Test func businessAsUsualHasNoProgrammeCosts() throws {
        let city = try SyntheticCity()
        let text = SyntheticCity.specification.replacingOccurrences(
            of: "scenarios:\n  efficient:", with: "scenarios:\n  bau: {costs: [{name: x, operating: 1, from: 2025}]}\n  efficient:")
        #expect(text != SyntheticCity.specification)
        #expect(throws: ScenarioError.self) { try city.spec(text) }
        do { _ = try city.spec(text) } catch { #expect(String(describing: error).contains("scenarios.bau.costs"), "\(error)") }
    }
}

/// The economics of a scenario with an air link: tonnes avoided per pollutant and their cost per
/// tonne, and the present value of the valued avoided deaths, from the independent air-link
/// fixture's central emissions and benefits (`Fixtures/air-link/make_air_link_fixture.py`)
/// discounted by hand.
@Suite struct ScenarioAbatementEconomicsTests {
    @Test func costPerTonneAndHealthBenefitFromTheIndependentFixture() async throws {
        let expected = try JSONDecoder().decode(
            ScenarioAirLinkTests.Expected.self,
            from: Data(contentsOf: ScenarioAirLinkTests.folder.appendingPathComponent("air_link_expected.json")))
        let text = try ScenarioAirLinkTests.specText().replacingOccurrences(
            of: "  clean:\n    measures:",
            with: "  clean:\n    costs: [{name: scrubbers, capital: 40, operating: 2, lifetime: 20, from: 2022}]\n    measures:")
            + "\neconomics: {discount_rate: 0.04}\n"
        let run = try await ScenarioRun(try ScenarioAirLinkTests.spec(text), options: .init(draws: 0, seed: 11))
        let clean = try #require(run.economics?.scenarios.first { $0.scenario == "clean" })
        let d = { (year: Int) in pow(1.04, -Double(year - 2020)) }
        // 40 in 2022, 2 a year 2022–2030, 40 · 11/20 of the build's life credited in 2030.
        let cost = 40 * d(2022) + (2022...2030).reduce(0.0) { $0 + 2 * d($1) } - 40 * 11 / 20 * d(2030)
        expectClose(clean.netPresentCost, cost, .relative(1e-12))
        let bau = try #require(expected.scenarios.first { $0.name == "bau" })
        let scenario = try #require(expected.scenarios.first { $0.name == "clean" })
        let abatement = try #require(clean.abatement)
        #expect(abatement.map(\.pollutant) == expected.pollutants)
        for (p, entry) in abatement.enumerated() {
            let tonnes = zip(bau.years, scenario.years).reduce(0.0) { $0 + ($1.0.emissions[p] - $1.1.emissions[p]) * d($1.1.year) }
            expectClose(entry.discountedTonnesAvoided, tonnes, .mixed(absolute: 1e-9, relative: 1e-9), entry.pollutant)
            if tonnes > 1e-9 { expectClose(try #require(entry.costPerTonne), cost / tonnes, .relative(1e-9), entry.pollutant) }
        }
        let benefit = scenario.years.reduce(0.0) { $0 + ($1.benefit ?? .nan) * d($1.year) }
        expectClose(try #require(clean.presentHealthBenefit), benefit, .relative(1e-9))
    }
}
