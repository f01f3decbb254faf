import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `--report FILE.html`: also write the run's self-contained HTML report.
struct ReportOption: ParsableArguments {
    @Option(help: ArgumentHelp("Also write a self-contained HTML report with charts (replaces only a report UrbanCast wrote).",
                               valueName: "FILE.html"))
    var report: String?

    func validate() throws {
        if let report, report.isEmpty { throw ValidationError("--report needs a file name, e.g. --report report.html") }
    }
}

/// Writes a report, or prints why not and exits 1 (the run's other outputs are already written).
///
/// - Parameters:
///   - report: The report.
///   - path: The HTML file.
func writeReport(_ report: HTMLReport, to path: String) throws {
    do {
        try report.write(to: path)
    } catch {
        if error.reason == .fileExists {
            printError(error.description + " and is not a report UrbanCast wrote; choose another name for --report")
        } else {
            printError(outputMessage(error, replaceOption: nil))
        }
        throw ExitCode(1)
    }
}
