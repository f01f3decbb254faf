import Foundation
import Testing
import UrbanCast
import TestSupport

/// Health impact as WHO's AirQ+ and US EPA's BenMAP compute it: the log-linear function
/// y₀ · Pop · (1 − exp(−β Δc)) over the age groups of the concentration–response function, with
/// population growth, a counterfactual, years of life lost, an income-transferred VSL, and
/// intervals from both the relative risk and the concentration draws.
@Suite("Air quality: health impact (AirQ+/BenMAP)")
struct AirHealthImpactTests {
    static let fixtures = "Tests/UrbanCastTests/Fixtures/health"

    /// The worked plans of `Fixtures/health`: every central figure equals, to 1e-9 relative,
    /// the independent computation of `make_health_fixture.py` (plain Python) in expected.json,
    /// including each scenario's net present cost (with a capital cost renewed within the
    /// horizon and a residual credit), the present value of its valued deaths and their ratio.
    @Test func workedPlansMatchTheIndependentComputation() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryPath("\(Self.fixtures)/expected.json")))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        #expect(expected.count == 3)
        func close(_ actual: Double?, _ wanted: Any?, _ what: String) {
            guard let wanted = wanted as? Double, let actual else {
                #expect(actual == nil && (wanted == nil || wanted is NSNull), "\(what): \(String(describing: actual)) vs \(String(describing: wanted))")
                return
            }
            #expect(abs(actual - wanted) <= 1e-9 * max(abs(wanted), 1e-300), "\(what): \(actual) vs \(wanted)")
        }
        for (name, figures) in expected {
            let plan = try MitigationPlan(contentsOf: repositoryPath("\(Self.fixtures)/\(name).yaml"))
            let run = MitigationRun(plan: plan, levels: [])
            close(plan.healthConversionFactor, figures["conversionFactor"], "\(name) factor")
            close(plan.health.counterfactual, figures["counterfactual"], "\(name) counterfactual")
            close(plan.health.expectedCases, figures["expectedCases"], "\(name) expected cases")
            close(plan.health.yearsOfLifeLostPerDeath, figures["yearsOfLifeLostPerDeath"], "\(name) YLL per death")
            close(plan.health.valuation?.valuePerDeath, figures["valuePerDeath"], "\(name) VSL")
            let scenarios = try #require(figures["scenarios"] as? [String: [[String: Any]]])
            #expect(Set(scenarios.keys) == Set(run.scenarios.map(\.name)))
            let totals = try #require(figures["totals"] as? [String: [String: Any]])
            for scenario in run.scenarios {
                let wanted = try #require(totals[scenario.name])
                close(scenario.netPresentCost, wanted["netPresentCost"], "\(name) \(scenario.name) net present cost")
                close(scenario.presentBenefit, wanted["presentBenefit"], "\(name) \(scenario.name) present benefit")
                close(scenario.benefitCostRatio, wanted["benefitCostRatio"], "\(name) \(scenario.name) benefit/cost")
            }
            for scenario in run.scenarios {
                let years = try #require(scenarios[scenario.name])
                #expect(years.count == scenario.years.count)
                for (year, wanted) in zip(scenario.years, years) {
                    let label = "\(name) \(scenario.name) \(year.year)"
                    #expect(year.year == wanted["year"] as? Int)
                    close(year.central, wanted["central"], "\(label) central")
                    close(plan.health.expectedCases(yearsAfterBase: year.year - plan.baseYear), wanted["expectedCases"], "\(label) cases")
                    close(year.avoidedDeaths, wanted["avoidedDeaths"], "\(label) avoided")
                    close(year.attributableDeaths, wanted["attributableDeaths"], "\(label) attributable")
                    close(year.yearsOfLifeLostAvoided, wanted["yearsOfLifeLostAvoided"], "\(label) YLL avoided")
                    close(year.attributableYearsOfLifeLost, wanted["attributableYearsOfLifeLost"], "\(label) YLL attributable")
                    close(year.benefit, wanted["benefit"], "\(label) benefit")
                    close(year.benefitCostRatio, wanted["benefitCostRatio"], "\(label) benefit/cost")
                }
            }
        }
    }

    /// Width of the 95 % intervals of avoided and attributable deaths (all measures, 2030) of a
    /// small plan with the given relative risk, trend sd and share sd.
    static func widths(rr: (Double, Double, Double), trendSD: Double, shareSD: Double) throws -> (avoided: Double, attributable: Double) {
        let health = try HealthImpact(function: .chenHoek2020, ageGroups: [.init(lowerAge: 30, upperAge: nil, population: 5e6, baselineRate: 0.008)],
                                      relativeRisk: rr)
        let plan = try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 50, trendPerYear: -1, trendSD: trendSD,
            horizon: 2030, sectors: [.init(name: "a", share: 0.5, shareSD: shareSD), .init(name: "b", share: 0.5, shareSD: shareSD)],
            measures: [.init(name: "x", sector: "a", reduction: 0.4, start: 2021, annualCost: 1)], health: health, draws: 400, seed: 3)
        let year = try #require(MitigationRun(plan: plan, levels: []).scenarios.first { $0.name == "all measures" }?.years.last)
        #expect(year.avoidedDeathsLower95 <= year.avoidedDeaths && year.avoidedDeaths <= year.avoidedDeathsUpper95)
        #expect(year.attributableDeathsLower95 <= year.attributableDeaths && year.attributableDeaths <= year.attributableDeathsUpper95)
        return (year.avoidedDeathsUpper95 - year.avoidedDeathsLower95, year.attributableDeathsUpper95 - year.attributableDeathsLower95)
    }

    /// The intervals carry both uncertainties: they widen when the relative risk's interval, the
    /// trend sd or the share sd is widened, narrow when one is narrowed, and vanish when all are 0.
    @Test func intervalsWidenAndNarrowWithEachUncertainty() throws {
        let rr = (1.08, 1.06, 1.09)
        let base = try Self.widths(rr: rr, trendSD: 0.5, shareSD: 0.05)
        let cases: [(String, (avoided: Double, attributable: Double), (avoided: Double, attributable: Double))] = [
            ("relative risk", try Self.widths(rr: (1.08, 1.04, 1.12), trendSD: 0.5, shareSD: 0.05),
             try Self.widths(rr: (1.08, 1.075, 1.085), trendSD: 0.5, shareSD: 0.05)),
            ("trend sd", try Self.widths(rr: rr, trendSD: 1.5, shareSD: 0.05), try Self.widths(rr: rr, trendSD: 0.1, shareSD: 0.05)),
            ("share sd", try Self.widths(rr: rr, trendSD: 0.5, shareSD: 0.15), try Self.widths(rr: rr, trendSD: 0.5, shareSD: 0.01)),
        ]
        for (what, wider, narrower) in cases {
            #expect(wider.avoided > base.avoided && base.avoided > narrower.avoided, "\(what): \(wider) \(base) \(narrower)")
            // The shares move the scenario's total only through the measure on sector a (a share
            // sd of 0.05 is about 0.8 µg/m³ here, against 5 µg/m³ from the trend), too little for
            // the burden's interval to order above the draws' noise; the reduction is all theirs.
            if what != "share sd" {
                #expect(wider.attributable > base.attributable && base.attributable > narrower.attributable, "\(what): \(wider) \(base) \(narrower)")
            }
        }
        let none = try Self.widths(rr: (1.08, 1.08, 1.08), trendSD: 0, shareSD: 0)
        #expect(abs(none.avoided) < 1e-9 && abs(none.attributable) < 1e-9, "\(none)")
    }

    /// The bundled Beijing plan changed to NO2 in ppb (which printed 238 deaths from the PM2.5
    /// relative risk) is computed with NO2's function after converting ppb to µg/m³ at 25 °C and
    /// 1013.25 hPa, checked here by hand; with its baseline derived from the bundled data (in
    /// µg/m³) it is refused at `baseline`, naming the unit.
    @Test func beijingNO2InPPBUsesTheNO2Function() throws {
        let text = try AirMitigationHealthTests.beijingPlanText()
        let no2 = text.replacingOccurrences(of: "pollutant: PM2.5\nunit: µg/m³\n", with: "pollutant: NO2\nunit: ppb\n")
        try #require(no2 != text)
        let derived = try AirMitigationHealthTests.write(no2)
        let diagnostics = AirMitigationHealthTests.diagnostics(derived)
        #expect(diagnostics.map(\.path) == ["baseline"] && diagnostics.first?.message.contains("NO2 is in µg/m³ but the plan is in ppb") == true,
                "\(diagnostics)")
        let start = try #require(no2.range(of: "\nbaseline:\n")), end = try #require(no2.range(of: "\nhorizon:"))
        let typed = no2.replacingCharacters(in: start.lowerBound..<end.lowerBound,
                                            with: "\nbaseline: {year: 2016, concentration: 25, trendPerYear: -0.5, trendSD: 0.2}")
        let plan = try MitigationPlan(contentsOf: try AirMitigationHealthTests.write(typed))
        #expect(plan.health.function == .huangfuAtkinson2020NO2)
        let factor = 46.0055 / (8.314462618 * 298.15 / 101_325 * 1000)
        expectClose(plan.healthConversionFactor, factor, .relative(1e-12))
        let run = MitigationRun(plan: plan, levels: [])
        let baseline = try #require(run.scenarios.first { $0.name == "baseline" })
        let all = try #require(run.scenarios.first { $0.name == "all measures" })
        for (year, base) in zip(all.years, baseline.years) {
            let reduction = base.central - year.central
            expectClose(year.avoidedDeaths, 21.7e6 * 0.0052 * (1 - pow(1.02, -reduction * factor / 10)), .relative(1e-9))
            let above = max(0, year.central * factor - 10)
            expectClose(year.attributableDeaths, 21.7e6 * 0.0052 * (1 - pow(1.02, -above / 10)), .relative(1e-9))
        }
        #expect(run.table.contains("natural-cause mortality in adults 30+ from long-term NO2; RR 1.02 (1.01–1.04) per 10 µg/m³ NO2, Huangfu & Atkinson 2020"),
                "\(run.table)")
        #expect(run.table.contains("Concentrations converted from ppb to µg/m³ (× 1.8804, at 25 °C and 1013.25 hPa)."))
    }

    /// Refusals name the key: a pollutant without a function, a function of another pollutant or
    /// unknown, a group across the function's youngest age, both forms of population, PM2.5 in ppb.
    @Test func healthProblemsNameTheirKey() throws {
        let plan = { (pollutant: String, unit: String, health: String) in
            """
            pollutant: \(pollutant)
            unit: \(unit)
            baseline: {year: 2020, concentration: 40}
            horizon: 2022
            sectors: [{name: a, share: 1}]
            measures: []
            health: \(health)
            """
        }
        let groups = "ageGroups: [{ages: 25-34, population: 1e6, baselineRate: 0.001}, {ages: 35+, population: 1e6, baselineRate: 0.01}]"
        let cases: [(String, String, String, String, String)] = [
            ("SO2", "µg/m³", "{population: 1e6, baselineMortality: 0.007}", "health", "no concentration–response function for SO2"),
            ("PM2.5", "µg/m³", "{function: huangfu-atkinson-2020-no2, population: 1e6, baselineMortality: 0.007}", "health.function",
             "the function 'huangfu-atkinson-2020-no2' is for NO2, but the plan is for PM2.5"),
            ("PM2.5", "µg/m³", "{function: nope, population: 1e6, baselineMortality: 0.007}", "health.function", "unknown function 'nope'"),
            ("PM2.5", "µg/m³", "{\(groups)}", "health.ageGroups[0].ages", "health: the group 25-34 lies across the limit"),
            ("PM2.5", "µg/m³", "{population: 1e6, baselineMortality: 0.007, \(groups)}", "health.ageGroups", "give ageGroups, or population"),
            ("PM2.5", "µg/m³", "{population: 1e6, baselineMortality: 0.007, populationGrowth: -2}", "health.populationGrowth", "health: population growth"),
            ("PM2.5", "µg/m³", "{population: 1e6, baselineMortality: 0.007, valuation: {vsl: 1, baseIncome: 0, income: 1}}",
             "health.valuation.baseIncome", "health: incomes must be above 0"),
            ("PM2.5", "ppb", "{population: 1e6, baselineMortality: 0.007}", "health", "the relative risk of PM2.5 is per 10 µg/m³, but the plan is in ppb"),
        ]
        for (pollutant, unit, health, key, fragment) in cases {
            let path = try AirMitigationHealthTests.write(plan(pollutant, unit, health))
            let diagnostics = AirMitigationHealthTests.diagnostics(path)
            #expect(diagnostics.map(\.path) == [key], "\(health): \(diagnostics)")
            #expect(diagnostics.first?.message.hasPrefix(fragment) == true, "\(health): \(diagnostics)")
        }
    }

    /// `function:` picks a function by id: Orellano's short-term PM2.5 counts all ages, so the
    /// group 0–29 is counted too; `counterfactual:` (in the plan's unit) replaces the WHO level.
    @Test func functionByIdAndCounterfactual() throws {
        let path = try AirMitigationHealthTests.write("""
            pollutant: PM2.5
            baseline: {year: 2020, concentration: 40}
            horizon: 2021
            sectors: [{name: a, share: 1}]
            measures: []
            health: {function: orellano-2020-pm25-short-term, counterfactual: 12,
                     ageGroups: [{ages: 0-29, population: 1e6, baselineRate: 0.001}, {ages: 30+, population: 2e6, baselineRate: 0.01}]}
            """)
        let plan = try MitigationPlan(contentsOf: path)
        #expect(plan.health.function.averaging == .shortTerm && plan.health.counterfactual == 12)
        let year = try #require(MitigationRun(plan: plan, levels: []).scenarios.first?.years.first)
        expectClose(year.attributableDeaths, (1e3 + 2e4) * (1 - pow(1.0065, -(40.0 - 12) / 10)), .relative(1e-12))
    }

    /// `concentration-response.csv` holds exactly the built-in functions.
    @Test func dataFileMatchesTheBuiltInFunctions() throws {
        let text = try String(contentsOfFile: repositoryPath("Models/air-quality/concentration-response.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["id", "pollutant", "averaging", "exposure", "guideline", "outcome", "ages", "minAge", "maxAge",
                               "rrCentral", "rrLower", "rrUpper", "increment", "unit", "source"])
        let functions = rows.dropFirst().map { row in
            ConcentrationResponse(
                id: row[0], pollutant: Pollutant(name: row[1]) ?? .pb, averaging: ConcentrationResponse.Averaging(rawValue: row[2]) ?? .shortTerm,
                exposure: row[3], guidelineStatistic: WHOGuidelines.Statistic(rawValue: row[4]) ?? .dailyMeanP99, unit: ConcentrationUnit(parsing: row[13]) ?? .ppm,
                increment: Double(row[12]) ?? .nan, relativeRisk: (Double(row[9]) ?? .nan, Double(row[10]) ?? .nan, Double(row[11]) ?? .nan),
                outcome: row[5], ages: row[6], minimumAge: Int(row[7]) ?? -1, maximumAge: Int(row[8]), source: row[14])
        }
        #expect(functions == ConcentrationResponse.all)
    }

    /// The library example: deaths avoided by a low-emission zone in a NO2 plan in ppb, with
    /// their interval, checked by hand (ΔC = 20 × 0.6 × 0.3 ppb from 2025).
    @Test func libraryExample() throws {
        // HEALTH-EXAMPLE-BEGIN
        let health = try HealthImpact(
            function: .huangfuAtkinson2020NO2,
            ageGroups: [.init(lowerAge: 0, upperAge: 29, population: 4e6, baselineRate: 0.0005),
                        .init(lowerAge: 30, upperAge: 64, population: 4.5e6, baselineRate: 0.003),
                        .init(lowerAge: 65, upperAge: nil, population: 1e6, baselineRate: 0.04)],
            populationGrowth: 0.01)
        let plan = try MitigationPlan(
            pollutant: .no2, unit: .ppb, baseYear: 2024, baseConcentration: 20, trendPerYear: 0, horizon: 2030,
            sectors: [.init(name: "traffic", share: 0.6), .init(name: "other", share: 0.4)],
            measures: [.init(name: "low-emission zone", sector: "traffic", reduction: 0.3, start: 2025, annualCost: 40)],
            health: health, draws: 200)
        let run = MitigationRun(plan: plan, levels: [])
        for year in run.scenarios.last?.years ?? [] { print(year.year, year.avoidedDeaths, year.avoidedDeathsLower95, year.avoidedDeathsUpper95) }
        // HEALTH-EXAMPLE-END
        let last = try #require(run.scenarios.last?.years.last)
        let factor = 46.0055 / (8.314462618 * 298.15 / 101_325 * 1000)
        let expected = (4.5e6 * 0.003 + 1e6 * 0.04) * pow(1.01, 6) * (1 - pow(1.02, -20 * 0.6 * 0.3 * factor / 10))
        expectClose(last.avoidedDeaths, expected, .relative(1e-12))
        #expect(last.avoidedDeathsLower95 < last.avoidedDeaths && last.avoidedDeaths < last.avoidedDeathsUpper95)
    }
}
