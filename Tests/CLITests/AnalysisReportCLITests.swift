import Foundation
import Testing

/// `--report` on backtest, bench and scenario compare, end to end: the report is written, the
/// command's own output stays as it was, and a file UrbanCast did not write is never replaced.
@Suite struct AnalysisReportCLITests {
    /// Writes "my notes" to a fresh file and checks that `arguments + ["--report", file]` refuses it.
    static func expectRefusesForeignFile(_ arguments: [String]) throws {
        let foreign = try ReportCLITests.folder().appendingPathComponent("notes.html").path
        try "my notes".write(toFile: foreign, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(arguments + ["--report", foreign])
        #expect(refused.status == 1, "\(refused.error)")
        #expect(refused.error.contains("is not a report UrbanCast wrote; choose another name for --report"), "\(refused.error)")
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "my notes")
    }

    @Test func backtestReportLeavesTheOutputAsItWas() throws {
        let arguments = ["backtest", "Datasets/nyc_water_long.csv", "--model", "naive,theta", "--horizon", "3", "--windows", "5",
                         "--where", "indicator=water_consumption"]
        let plain = try CLITests.run(arguments)
        let report = try ReportCLITests.folder().appendingPathComponent("backtest.html").path
        let reported = try CLITests.run(arguments + ["--report", report])
        #expect(reported.status == 0, "\(reported.error)")
        #expect(reported.output == plain.output)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("id=\"backtest-accuracy-by-horizon\""))
        #expect(html.contains("id=\"backtest-windows-new-york-water-consumption\""))
        #expect(html.contains("SHA-256 bded74c9069dec16eb2800df4b0238e93d9c0bee7033ce55f2aada426d0fc0ab"))
        // Written again over its own report, the same bytes.
        #expect(try CLITests.run(arguments + ["--report", report]).status == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == html)
        try Self.expectRefusesForeignFile(arguments)
    }

    @Test func scenarioCompareReportDrawsPathsWhenTheFolderHasResults() throws {
        let folder = try ReportCLITests.folder()
        let out = folder.appendingPathComponent("nyc").path
        #expect(try CLITests.run(["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "50", "--seed", "7", "--out", out,
                                  "--report", out + "/report.html"]).status == 0)
        let arguments = ["scenario", "compare", out, "--years", "2030,2050"]
        let plain = try CLITests.run(arguments)
        let report = folder.appendingPathComponent("compare.html").path
        let reported = try CLITests.run(arguments + ["--report", report])
        #expect(reported.status == 0, "\(reported.error)")
        #expect(reported.output == plain.output)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        for id in ["compare-water-years", "compare-water-savings", "compare-water-paths"] { #expect(html.contains("id=\"\(id)\""), "\(id)") }
        try Self.expectRefusesForeignFile(arguments)

        // A run written without a report has no results.json: the chosen years and savings only, and a note.
        let bare = folder.appendingPathComponent("bare").path
        #expect(try CLITests.run(["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "0", "--out", bare]).status == 0)
        let bareReport = folder.appendingPathComponent("bare.html").path
        #expect(try CLITests.run(["scenario", "compare", bare, "--report", bareReport]).status == 0)
        let bareHTML = try String(contentsOfFile: bareReport, encoding: .utf8)
        #expect(bareHTML.contains("id=\"compare-water-years\"") && !bareHTML.contains("id=\"compare-water-paths\""))
        #expect(bareHTML.contains("The run folder has no results.json"))
    }

    @Test func benchReportDrawsThePeersBesideTheRun() throws {
        let arguments = ["bench", "Datasets/nyc_water_long.csv", "--models", "naive,theta", "--horizon", "3"]
        let report = try ReportCLITests.folder().appendingPathComponent("bench.html").path
        let peers = "Benchmarks/compare/results/compare_datasets-monthly_2026-11-25.json"
        let reported = try CLITests.run(arguments + ["--report", report, "--peers", peers])
        #expect(reported.status == 0, "\(reported.error)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("id=\"bench-speed-mase\"") && html.contains("id=\"bench-speed-smape\""))
        #expect(html.contains("<td>auto-arima (statsforecast)</td>") || html.contains("<td>statsforecast</td>"))
        let alone = try CLITests.run(arguments + ["--peers", peers])
        #expect(alone.status == 2 && alone.error.contains("add --report FILE.html"), "\(alone.error)")
        try Self.expectRefusesForeignFile(arguments)
    }
}
