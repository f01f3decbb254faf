import Foundation
import Testing

/// `urbancast scenario run` on the Tetouan air-link example writes `air.csv`, lists it in the
/// manifest with the emission-factor file among the inputs, and adds `air` to `summary.json`.
@Suite struct ScenarioAirLinkCLITests {
    static let spec = "Models/scenarios/tetouan_air_link.yaml"

    @Test func runWritesAirCSVAndTheSummaryBlock() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-air-link-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["scenario", "run", Self.spec, "--draws", "200", "--seed", "3", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        let csv = try String(contentsOfFile: out + "/air.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "scenario,year,quantity,pollutant,central,mean,lo95,hi95,unit")
        let rowsPerYear = 4 + 1 + 2
        #expect(lines.count == 1 + 3 * 23 * rowsPerYear)
        #expect(lines.contains { $0.hasPrefix("efficiency,2040,avoided_deaths,PM2.5,") })
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"air.csv\""))
        #expect(manifest.contains("emission-factors.csv"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        let air = try #require(summary?["air"] as? [String: Any])
        #expect(air["pollutants"] as? [String] == ["CO2", "NOx", "SOx", "PM2.5"])
        #expect((air["years"] as? [Any])?.count == 3 * 23)
    }

    @Test func checkReportsAirLinkMistakesByKeyPath() throws {
        let text = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent(Self.spec).path, encoding: .utf8)
            .replacingOccurrences(of: "coefficient: 0.002", with: "coefficient: -0.002")
            .replacingOccurrences(of: "../emissions/emission-factors.csv",
                                  with: CLITests.repositoryRoot.appendingPathComponent("Models/emissions/emission-factors.csv").path)
            .replacingOccurrences(of: "../../Datasets/", with: CLITests.repositoryRoot.appendingPathComponent("Datasets").path + "/")
        let file = try CLITests.temporaryFile("air.yaml", text)
        let result = try CLITests.run(["scenario", "check", file])
        #expect(result.status == 1)
        #expect(result.error.contains("\(file): air_quality.sectors.power primary.coefficient: a source–receptor coefficient is ≥ 0"),
                "\(result.error)")
    }
}
