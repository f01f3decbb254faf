import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast report RUN_FOLDER --out FILE.html`: the HTML report of a finished scenario run.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the self-contained HTML report of a finished scenario run folder.",
        discussion: """
            Draws the charts from the folder's results.json, which `urbancast scenario run` \
            writes with --report; the model choices come from its summary.json and the version, \
            seed and input checksums from its manifest.json. Nothing is re-run. An existing \
            FILE.html is replaced only when it is a report UrbanCast wrote.

            Example:
              urbancast scenario run Models/scenarios/nyc_water.yaml --seed 7 --out runs/nyc --report runs/nyc/report.html
              urbancast report runs/nyc --out nyc.html
            """
    )

    @Argument(help: "A folder written by `urbancast scenario run --report`.")
    var folder: String

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "FILE.html"))
    var out: String

    func run() async throws {
        let folderURL = URL(fileURLWithPath: folder, isDirectory: true)
        let resultsURL = folderURL.appendingPathComponent(ScenarioReportData.fileName)
        guard let bytes = FileManager.default.contents(atPath: resultsURL.path) else {
            printError("\(folder): no \(ScenarioReportData.fileName); the run was written without --report "
                + "(run `urbancast scenario run SPEC --out \(folder) --report FILE.html` to write one)")
            throw ExitCode(1)
        }
        let data: ScenarioReportData
        do {
            data = try ScenarioReportData(json: bytes)
        } catch {
            printError("\(resultsURL.path): not a results file UrbanCast wrote: \(error)")
            throw ExitCode(1)
        }
        let decoder = JSONDecoder()
        let summary = FileManager.default.contents(atPath: folderURL.appendingPathComponent("summary.json").path)
            .flatMap { try? decoder.decode(ScenarioRun.Summary.self, from: $0) }
        let manifest = FileManager.default.contents(atPath: folderURL.appendingPathComponent(RunDirectory.manifestName).path)
            .flatMap { try? decoder.decode(RunDirectory.Manifest.self, from: $0) }
        var report = HTMLReport(scenario: data, summary: summary, manifest: manifest)
        if summary == nil { report.warnings.append("\(folder)/summary.json could not be read: the model choices are left out.") }
        if manifest == nil { report.warnings.append("\(folder)/manifest.json could not be read: the input checksums are left out.") }
        try writeReport(report, to: out)
        print("report: \(out)")
    }
}
