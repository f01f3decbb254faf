import Foundation
import Testing

/// The README's walk-through, "From a spreadsheet to a forecast, a scenario and a report": the
/// same commands on the same file, with the files it writes put in a temporary folder.
@Suite struct PlannerWalkthroughCLITests {
    static let data = "Tests/Fixtures/Messy/hanoi_electricity.csv"

    @Test func fromASpreadsheetToAReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-walkthrough-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let readme = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent("README.md").path, encoding: .utf8)

        // 1. The export as it is: refused, with the option that fixes it.
        let first = try CLITests.run(["forecast", Self.data, "--model", "auto-ets", "--horizon", "10"])
        #expect(first.status == 1 && first.error.contains("(--thousands ,)"), "\(first.error)")

        // 2. With that option and a missing-value policy: a forecast and its report.
        let forecast = try CLITests.run(["forecast", Self.data, "--model", "auto-ets", "--horizon", "10", "--thousands", ",",
                                         "--missing", "interpolate", "--report", folder + "/hanoi_forecast.html"])
        #expect(forecast.status == 0, "\(forecast.error)")
        #expect(FileManager.default.fileExists(atPath: folder + "/hanoi_forecast.html"))

        // 3. A starter scenario, checked and run with a report.
        let spec = folder + "/hanoi.yaml"
        let initialize = try CLITests.run(["scenario", "init", CLITests.repositoryRoot.appendingPathComponent(Self.data).path,
                                           "--layout", "wide", "--date-column", "year", "--thousands", ",",
                                           "--driver", "population", "--indicator", "electricity_GWh", "--city", "Hanoi", "--out", spec])
        #expect(initialize.status == 0, "\(initialize.error)")
        #expect(try String(contentsOfFile: spec, encoding: .utf8).contains("    thousands: \",\"\n"))
        let check = try CLITests.run(["scenario", "check", spec])
        #expect(check.status == 0, "\(check.error)")
        // Without the dialect key, check and run name the key to add, not a flag they lack.
        let text = try String(contentsOfFile: spec, encoding: .utf8)
        let bare = folder + "/bare.yaml"
        try text.replacingOccurrences(of: "    thousands: \",\"\n", with: "").write(toFile: bare, atomically: true, encoding: .utf8)
        for command in [["scenario", "check", bare], ["scenario", "run", bare, "--draws", "0", "--out", folder + "/bare"]] {
            let refused = try CLITests.run(command)
            #expect(refused.status == 1 && refused.error.contains("(thousands: ',' in the history file's entry)"), "\(refused.error)")
            #expect(!refused.error.contains("--thousands"), "\(refused.error)")
        }
        let run = try CLITests.run(["scenario", "run", spec, "--draws", "1000", "--out", folder + "/runs/hanoi",
                                    "--report", folder + "/runs/hanoi/report.html"])
        #expect(run.status == 0, "\(run.error)")
        #expect(FileManager.default.fileExists(atPath: folder + "/runs/hanoi/report.html"))

        // The README shows these commands.
        for text in ["--thousands , \\\n    --missing interpolate --report hanoi_forecast.html",
                     "--thousands , --driver population --indicator electricity_GWh --city Hanoi --out hanoi.yaml",
                     "urbancast scenario run hanoi.yaml --draws 1000 --out runs/hanoi --report runs/hanoi/report.html"] {
            #expect(readme.contains(text), "README: \(text)")
        }
    }
}
