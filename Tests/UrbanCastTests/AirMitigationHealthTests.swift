import Foundation
import Testing
import UrbanCast
import TestSupport

/// Health impacts of a mitigation plan are computed only with a concentration–response function
/// for the plan's pollutant, in that function's unit: a relative risk per 10 µg/m³ of PM2.5 says
/// nothing about NO2, nor about a reduction in ppb.
@Suite("Air quality: mitigation health impacts")
struct AirMitigationHealthTests {
    /// The bundled Beijing plan's text with its data files made absolute, so that a changed copy
    /// can be written to a temporary folder and still find them.
    static func beijingPlanText() throws -> String {
        let text = try String(contentsOfFile: repositoryPath("Models/air-quality/beijing-pm25-mitigation.yaml"), encoding: .utf8)
        return text.replacingOccurrences(of: "../../Datasets/", with: repositoryPath("Datasets") + "/")
    }

    /// Writes `text` as `name` in a new temporary folder and returns its path.
    static func write(_ text: String, name: String = "plan.yaml") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The diagnostics of reading the plan at `path`, or an empty list when it is accepted.
    static func diagnostics(_ path: String) -> [SpecDiagnostic] {
        do {
            _ = try MitigationPlan(contentsOf: path)
            return []
        } catch {
            guard case .spec(let diagnostics) = error else {
                return [SpecDiagnostic(file: path, path: nil, message: "not a spec error: \(error.description)")]
            }
            return diagnostics
        }
    }

    /// A small PM2.5 plan with a typed baseline, in `unit`, with `relativeRisk` as written.
    static func smallPlan(pollutant: String = "PM2.5", unit: String = "µg/m³", relativeRisk: String? = nil) -> String {
        """
        pollutant: \(pollutant)
        unit: \(unit)
        baseline: {year: 2020, concentration: 40, trendPerYear: 0}
        horizon: 2025
        sectors: [{name: a, share: 0.5}, {name: b, share: 0.5}]
        measures: [{name: x, sector: a, reduction: 0.5, start: 2021, ramp: 1, annualCost: 10}]
        health: {population: 1e6, baselineMortality: 0.007\(relativeRisk.map { ", relativeRisk: \($0)" } ?? "")}
        """
    }

    /// The Beijing plan changed to NO2 in ppb gave 238 deaths from the PM2.5 relative risk; NO2
    /// now has its own function (``AirHealthImpactTests``), but SO2 has none: the SO2 copy is
    /// refused at `health`, naming the file, before any data is read.
    @Test func so2CopyOfBeijingPlanIsRefused() throws {
        let text = try Self.beijingPlanText()
        let so2 = text.replacingOccurrences(of: "pollutant: PM2.5\nunit: µg/m³\n", with: "pollutant: SO2\nunit: ppb\n")
        try #require(so2 != text)
        let path = try Self.write(so2)
        let diagnostics = Self.diagnostics(path)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let first = try #require(diagnostics.first)
        #expect(first.path == "health", "\(first)")
        #expect(first.description.hasPrefix("\(path): health: no concentration–response function for SO2;"), "\(first)")
        #expect(first.message.contains("PM2.5") && first.message.contains("natural-cause mortality"), "\(first)")
    }

    /// PM2.5 in ppb (which particles have no meaning in) is refused at `health`: the relative
    /// risk is per 10 µg/m³, and particles have no mixing ratio. A plan in mg/m³ is converted
    /// (× 1000) instead.
    @Test func pm25PlanInAnotherUnitIsRefused() throws {
        let milligrams = try MitigationPlan(contentsOf: try Self.write(Self.smallPlan(unit: "mg/m³")))
        #expect(milligrams.healthConversionFactor == 1000)
        let year = try #require(MitigationRun(plan: milligrams, levels: []).scenarios.last?.years.last)
        expectClose(year.avoidedDeaths, 1e6 * 0.007 * (1 - pow(1.08, -10.0 * 1000 / 10)), .relative(1e-12))
        for unit in ["ppb"] {
            let path = try Self.write(Self.smallPlan(unit: unit))
            let diagnostics = Self.diagnostics(path)
            #expect(diagnostics.count == 1, "\(unit): \(diagnostics)")
            let first = try #require(diagnostics.first)
            #expect(first.description.hasPrefix("\(path): health: the relative risk of PM2.5 is per 10 µg/m³, but the plan is in \(unit)"),
                    "\(first)")
        }
    }

    /// The relative risk states its pollutant, unit and increment; each is checked against the
    /// plan and against the concentration–response functions there are.
    @Test func relativeRiskForAnotherPollutantOrUnitIsRefused() throws {
        let cases = [
            ("{pollutant: NO2, unit: µg/m³, per: 10, central: 1.02, lower: 1.01, upper: 1.04}", "health.relativeRisk.pollutant",
             "the relative risk is for NO2, but the plan is for PM2.5"),
            ("{pollutant: SO2, unit: µg/m³, per: 10, central: 1.02, lower: 1.01, upper: 1.04}", "health.relativeRisk.pollutant",
             "no concentration–response function for SO2"),
            ("{pollutant: PM2.5, unit: ppb, per: 10, central: 1.08, lower: 1.06, upper: 1.09}", "health.relativeRisk.unit",
             "the relative risk of PM2.5 is per µg/m³, not ppb"),
            ("{pollutant: PM2.5, unit: µg/m³, per: 0, central: 1.08, lower: 1.06, upper: 1.09}", "health.relativeRisk.per",
             "expected an increment above 0"),
        ]
        for (risk, key, fragment) in cases {
            let path = try Self.write(Self.smallPlan(relativeRisk: risk))
            let diagnostics = Self.diagnostics(path)
            #expect(diagnostics.map(\.path) == [key], "\(risk): \(diagnostics)")
            #expect(diagnostics.first?.description.hasPrefix("\(path): \(key): \(fragment)") == true, "\(diagnostics)")
        }
    }

    /// An explicit relative risk per 5 µg/m³ gives β = ln(RR)/5, checked against 1 − RR^(−ΔC/5)
    /// written out here; the table then cites the plan, not Chen & Hoek.
    @Test func explicitIncrementIsUsed() throws {
        let path = try Self.write(Self.smallPlan(relativeRisk: "{pollutant: PM2.5, unit: µg/m³, per: 5, central: 1.04, lower: 1.03, upper: 1.05}"))
        let plan = try MitigationPlan(contentsOf: path)
        let run = MitigationRun(plan: plan, levels: [])
        let scenario = try #require(run.scenarios.first { $0.name == "all measures" })
        let year = try #require(scenario.years.last)
        // x halves sector a (half the total) from 2021: 40 → 30, ΔC = 10 µg/m³.
        expectClose(year.central, 30, .absolute(1e-12))
        let expected = { (rr: Double) in 1e6 * 0.007 * (1 - pow(rr, -10.0 / 5)) }
        expectClose(year.avoidedDeaths, expected(1.04), .absolute(1e-9))
        #expect(abs(year.avoidedDeathsLower - expected(1.03)) < 1e-9 && abs(year.avoidedDeathsUpper - expected(1.05)) < 1e-9)
        #expect(run.table.contains("RR 1.04 (1.03–1.05) per 5 µg/m³ PM2.5, from the plan"), "\(run.table)")
        #expect(!run.table.contains("Chen & Hoek"))
    }

    /// Built in code, a NO2 plan in ppb with the default (PM2.5) health parameters is refused,
    /// and so are SO2 health parameters.
    @Test func programmaticNO2PlanWithPM25HealthIsRefused() throws {
        let health = try HealthImpact(population: 1e6, baselineMortality: 0.007)
        do {
            _ = try MitigationPlan(
                pollutant: .no2, unit: .ppb, baseYear: 2020, baseConcentration: 20, trendPerYear: 0, horizon: 2025,
                sectors: [.init(name: "a", share: 1)], measures: [], health: health)
            Issue.record("a NO2 plan with a PM2.5 relative risk was accepted")
        } catch {
            #expect(error.description.hasPrefix("health: the relative risk is for PM2.5, but the plan is for NO2"), "\(error)")
        }
        #expect(throws: AirQualityError.self) { try HealthImpact(population: 1e6, baselineMortality: 0.007, pollutant: .so2) }
    }

    /// The bundled PM2.5 plan gives exactly the avoided deaths it gave before the check: those
    /// recorded from `urbancast air mitigate` (least cost, 2025), and in every scenario and year
    /// population × rate × (1 − RR^(−ΔC/10)) recomputed here from the plan's own numbers, with ΔC
    /// the baseline scenario's central concentration less the scenario's. The table names the
    /// outcome of Chen & Hoek's relative risk, natural-cause mortality in adults, and the unit.
    @Test func beijingPM25DeathsUnchangedAndLabelled() throws {
        let plan = try MitigationPlan(contentsOf: repositoryPath("Models/air-quality/beijing-pm25-mitigation.yaml"))
        let levels = try WHOGuidelines(contentsOf: repositoryPath("Models/air-quality/who-2021-aqg.csv"))
            .annualLevels(for: .pm25, in: .microgramsPerCubicMetre)
        let run = MitigationRun(plan: plan, levels: levels)
        let population = 21.7e6, rate = 0.0052
        let expected = { (rr: Double, reduction: Double) in population * rate * (1 - pow(rr, -reduction / 10)) }
        let baseline = try #require(run.scenarios.first { $0.name == "baseline" })
        for scenario in run.scenarios {
            for (year, base) in zip(scenario.years, baseline.years) {
                let reduction = base.central - year.central
                #expect(abs(year.avoidedDeaths - expected(1.08, reduction)) <= 1e-9 * max(1, abs(year.avoidedDeaths)))
                #expect(abs(year.avoidedDeathsLower - expected(1.06, reduction)) <= 1e-9 * max(1, abs(year.avoidedDeathsLower)))
                #expect(abs(year.avoidedDeathsUpper - expected(1.09, reduction)) <= 1e-9 * max(1, abs(year.avoidedDeathsUpper)))
            }
        }
        let leastCost = try #require(run.scenarios.first { $0.name == "least cost" }?.years.first { $0.year == 2025 })
        expectClose(leastCost.avoidedDeaths, Self.todaysLeastCostDeaths2025, .relative(1e-9))
        let table = run.table
        #expect(table.contains("natural-cause mortality in adults"), "\(table)")
        #expect(table.contains("Chen & Hoek 2020"))
        #expect(!table.contains("all-cause"))
        #expect(table.contains("per µg/m³") && !table.contains("ppb"))
    }

    /// Least-cost avoided deaths in 2025 from `urbancast air mitigate
    /// Models/air-quality/beijing-pm25-mitigation.yaml --format json`, recorded before the
    /// concentration–response check was added.
    static let todaysLeastCostDeaths2025 = 8374.576427736934
}
