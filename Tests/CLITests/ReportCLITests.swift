import Foundation
import Testing

/// `--report` on forecast and scenario run, and `urbancast report RUN_FOLDER`, end to end.
@Suite struct ReportCLITests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func scenarioRunWritesItsChartsResultsAndReport() throws {
        let out = try Self.folder().appendingPathComponent("nyc").path
        let arguments = ["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "100", "--seed", "7", "--out", out,
                         "--report", out + "/report.html"]
        let result = try CLITests.run(arguments)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasSuffix("report: \(out)/report.html\n"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["chart-decomposition-water-bau.svg", "chart-decomposition-water-conservation.svg", "chart-hindcast-water.svg",
                          "chart-savings-water.svg", "chart-scenario-water-bau-conservation.svg", "chart-target-water-2050-by-year.svg",
                          "chart-target-water-2050.svg", "decomposition.csv", "forecast.csv", "manifest.json", "report.html", "results.json", "savings.csv",
                          "summary.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        #expect((manifest["files"] as? [String])?.sorted() == names.filter { $0 != "manifest.json" })

        // The folder's report again, from results.json, summary.json and manifest.json: the same bytes.
        let again = try Self.folder().appendingPathComponent("again.html").path
        let report = try CLITests.run(["report", out, "--out", again])
        #expect(report.status == 0, "\(report.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: out + "/report.html")))

        // The report is one of the run's own files, so the same command runs again.
        #expect(try CLITests.run(arguments).status == 0)
        let clash = try CLITests.run(["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "0", "--out", out,
                                      "--report", out + "/forecast.csv"])
        #expect(clash.status == 2)
        #expect(clash.error.contains("forecast.csv is a file the run writes"), "\(clash.error)")
    }

    @Test func forecastReportLeavesTheOutputAsItWasAndNeverReplacesAForeignFile() throws {
        let folder = try Self.folder()
        let arguments = ["forecast", "Datasets/nyc_water_long.csv", "--model", "naive", "--horizon", "3"]
        let plain = try CLITests.run(arguments)
        let report = folder.appendingPathComponent("water.html").path
        let reported = try CLITests.run(arguments + ["--report", report])
        #expect(reported.status == 0, "\(reported.error)")
        #expect(reported.output == plain.output)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"forecast-new-york-water-consumption\""))
        #expect(html.contains("SHA-256 bded74c9069dec16eb2800df4b0238e93d9c0bee7033ce55f2aada426d0fc0ab"))
        try Self.expectReplacesOnlyItsOwnReport(arguments, report: report, folder: folder)
    }

    /// Running `arguments` again with `--report` at `report` (written by an earlier run) replaces
    /// it, and a file UrbanCast did not write is refused (``expectForeignFileKept(_:in:)``).
    static func expectReplacesOnlyItsOwnReport(_ arguments: [String], report: String, folder: URL) throws {
        #expect(try CLITests.run(arguments + ["--report", report]).status == 0)
        try expectForeignFileKept(arguments, in: folder)
    }

    /// `arguments --report notes.html` with a file of the user's at notes.html in `folder`: exit 1,
    /// the message says why, and the file is as it was.
    static func expectForeignFileKept(_ arguments: [String], in folder: URL) throws {
        let foreign = folder.appendingPathComponent("notes.html").path
        try "my notes".write(toFile: foreign, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(arguments + ["--report", foreign])
        #expect(refused.status == 1)
        #expect(refused.error.contains("is not a report UrbanCast wrote; choose another name for --report"), "\(refused.error)")
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "my notes")
    }

    @Test func reportNeedsAFolderWrittenWithReport() throws {
        let out = try Self.folder().appendingPathComponent("plain").path
        #expect(try CLITests.run(["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "0", "--out", out]).status == 0)
        let result = try CLITests.run(["report", out, "--out", out + ".html"])
        #expect(result.status == 1)
        #expect(result.error.contains("\(out): no results.json; the run was written without --report"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: out + ".html"))
    }
}
