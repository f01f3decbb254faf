import Foundation
import Testing

/// `urbancast scenario run|compare` with `infrastructure:` on the NYC worked example.
@Suite struct InfrastructureCLITests {
    static let spec = "Models/scenarios/nyc_water_infrastructure.yaml"

    /// The run writes infrastructure.csv beside forecast.csv and lists it in the manifest;
    /// summary.json carries the plan; compare prints a line per facility and scenario; and the
    /// capacity needed at 0.95 lies between forecast.csv's hi80 (0.9) and hi95 (0.975) quantiles.
    @Test func runWritesInfrastructureAndCompareShowsIt() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-infra-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try CLITests.run(["scenario", "run", Self.spec, "--draws", "400", "--seed", "7", "--threads", "2", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.contains("infrastructure.csv"))
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"infrastructure.csv\""))
        let csv = try String(contentsOfFile: out + "/infrastructure.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(csv.first == "scenario,facility,demand,year,central,capacity_needed,capacity_today,capacity_planned,exceedance,"
            + "exceedance_lo95,exceedance_hi95,exceedance_planned,exhausted_share,unit")
        #expect(csv.count == 1 + 2 * 28)
        let forecast = try String(contentsOfFile: out + "/forecast.csv", encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        for line in csv.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = try #require(forecast.first { $0[0] == f[0] && $0[2] == f[3] })
            let needed = try #require(Double(f[5])), hi80 = try #require(Double(row[6])), hi95 = try #require(Double(row[8]))
            #expect(hi80 <= needed && needed <= hi95, "\(line)")
            #expect(Double(f[6]) == 1200)
        }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
            as? [String: Any])
        let entries = try #require(summary["infrastructure"] as? [[String: Any]])
        #expect(entries.map { $0["scenario"] as? String } == ["bau", "conservation"])
        let compare = try CLITests.run(["scenario", "compare", out])
        #expect(compare.status == 0, "\(compare.error)")
        #expect(compare.output.contains("\ninfrastructure\n  water_supply: water against 1200 Mgal/d at reliability 0.95\n"))
        #expect(compare.output.contains("\n    bau "))
        #expect(compare.output.contains("\n    conservation "))
    }

    /// `scenario check` names the key path of a facility's mistake.
    @Test func checkNamesTheFacilityKeyPath() throws {
        let text = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent(Self.spec).path, encoding: .utf8)
            .replacingOccurrences(of: "lead_years: 8, earliest: 2032", with: "lead_years: 8, earliest: 2062")
            .replacingOccurrences(of: "Datasets/", with: CLITests.repositoryRoot.path + "/Datasets/")
            .replacingOccurrences(of: "../../" + CLITests.repositoryRoot.path, with: CLITests.repositoryRoot.path)
        let spec = try CLITests.temporaryFile("spec.yaml", text)
        let result = try CLITests.run(["scenario", "check", spec])
        #expect(result.status == 1)
        #expect(result.error == "\(spec): infrastructure[0].expansions[1].earliest: 2062 is after the horizon 2050\n")
    }
}
