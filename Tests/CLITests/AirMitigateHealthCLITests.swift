import Foundation
import Testing
import TestSupport

/// `urbancast air mitigate` computes avoided deaths only with a concentration–response function
/// for the plan's pollutant in its unit; otherwise it stops with the file and key path, writing
/// nothing to standard output.
@Suite struct AirMitigateHealthCLITests {
    /// The bundled Beijing plan with `pollutant` and `unit` changed, its data files made absolute,
    /// written to a new temporary folder; returns the plan's path.
    static func beijingCopy(pollutant: String, unit: String) throws -> String {
        let root = CLITests.repositoryRoot.path
        let text = try String(contentsOfFile: root + "/Models/air-quality/beijing-pm25-mitigation.yaml", encoding: .utf8)
        let changed = text.replacingOccurrences(of: "../../Datasets/", with: root + "/Datasets/")
            .replacingOccurrences(of: "pollutant: PM2.5\nunit: µg/m³\n", with: "pollutant: \(pollutant)\nunit: \(unit)\n")
        try #require(changed.contains("pollutant: \(pollutant)\nunit: \(unit)\n"))
        return try CLITests.temporaryFile("plan.yaml", changed)
    }

    /// The NO2-in-ppb copy of the Beijing plan (which printed deaths from the PM2.5 relative risk
    /// under a "per µg/m³" header): with its baseline derived from the data files (in µg/m³) it
    /// stops at `baseline` with nothing on standard output and nothing written beside the plan;
    /// with a typed baseline it is computed with NO2's function after converting ppb to µg/m³.
    @Test func no2InPPBPlanUsesTheNO2Function() throws {
        let derived = try Self.beijingCopy(pollutant: "NO2", unit: "ppb")
        let text = try String(contentsOfFile: derived, encoding: .utf8)
        let start = try #require(text.range(of: "\nbaseline:\n")), end = try #require(text.range(of: "\nhorizon:"))
        let typed = try CLITests.temporaryFile(
            "plan.yaml", text.replacingCharacters(in: start.lowerBound..<end.lowerBound,
                                                  with: "\nbaseline: {year: 2016, concentration: 25, trendPerYear: -0.5, trendSD: 0.2}"))
        for format in ["table", "json"] {
            let result = try CLITests.run(["air", "mitigate", derived, "--format", format])
            #expect(result.status == 1 && result.output.isEmpty, "\(format): \(result.output)")
            #expect(result.error.hasPrefix("\(derived): baseline:") && result.error.contains("NO2 is in µg/m³ but the plan is in ppb"),
                    "\(result.error)")
        }
        let folder = (derived as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plan.yaml"])
        let table = try CLITests.run(["air", "mitigate", typed])
        #expect(table.status == 0, "\(table.error)")
        #expect(table.output.contains("from long-term NO2; RR 1.02 (1.01–1.04) per 10 µg/m³ NO2, Huangfu & Atkinson 2020"), "\(table.output)")
        #expect(table.output.contains("per ppb") && !table.output.contains("per µg/m³"))
        let json = try AirCLITests.json(try CLITests.run(["air", "mitigate", typed, "--format", "json"]).output)
        let health = try #require(json["health"] as? [String: Any])
        #expect(health["function"] as? String == "huangfu-atkinson-2020-no2")
        expectClose(try #require(health["conversionFactor"] as? Double), 46.0055 / (8.314462618 * 298.15 / 101_325 * 1000), .relative(1e-12))
    }

    /// The Beijing plan in ppb, still PM2.5: refused at `health`, as particles have no mixing ratio.
    @Test func pm25PlanInPPBIsRefused() throws {
        let file = try Self.beijingCopy(pollutant: "PM2.5", unit: "ppb")
        let result = try CLITests.run(["air", "mitigate", file])
        #expect(result.status == 1 && result.output.isEmpty, "\(result.output)")
        #expect(result.error.hasPrefix("\(file): health: the relative risk of PM2.5 is per 10 µg/m³, but the plan is in ppb"),
                "\(result.error)")
    }

    /// The bundled PM2.5 plan: the least-cost avoided deaths in 2025 are those recorded before the
    /// check (and population × rate × (1 − 1.08^(−ΔC/10)) from the plan's numbers and the JSON's
    /// concentrations); the table names natural-cause mortality in adults and the plan's unit.
    @Test func pm25PlanKeepsItsDeathsAndNamesTheOutcome() throws {
        let plan = "Models/air-quality/beijing-pm25-mitigation.yaml"
        let json = try CLITests.run(["air", "mitigate", plan, "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let object = try AirCLITests.json(json.output)
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        func year2025(_ name: String) throws -> [String: Any] {
            let scenario = try #require(scenarios.first { $0["name"] as? String == name })
            return try #require((scenario["years"] as? [[String: Any]])?.first { $0["year"] as? Int == 2025 })
        }
        let leastCost = try year2025("least cost"), baseline = try year2025("baseline")
        let deaths = try #require(leastCost["avoidedDeaths"] as? Double)
        let reduction = try #require(baseline["central"] as? Double) - (try #require(leastCost["central"] as? Double))
        expectClose(21.7e6 * 0.0052 * (1 - pow(1.08, -reduction / 10)), deaths, .relative(1e-9))
        expectClose(AirMitigateHealthCLITests.todaysLeastCostDeaths2025, deaths, .relative(1e-9))

        let table = try CLITests.run(["air", "mitigate", plan])
        #expect(table.status == 0, "\(table.error)")
        #expect(table.output.contains("natural-cause mortality in adults"), "\(table.output)")
        #expect(!table.output.contains("all-cause"))
        #expect(table.output.contains("per µg/m³") && table.output.contains("µg/m³ alone"))
    }

    /// Least-cost avoided deaths in 2025 printed by `urbancast air mitigate
    /// Models/air-quality/beijing-pm25-mitigation.yaml --format json` before the check was added.
    static let todaysLeastCostDeaths2025 = 8374.576427736934
}
