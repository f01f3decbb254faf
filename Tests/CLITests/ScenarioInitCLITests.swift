import Foundation
import Testing

/// `urbancast scenario init`: a starter specification from a city's own file that `check` and
/// `run` accept as written, and messages that name the option to fix.
@Suite struct ScenarioInitCLITests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func starterFromTheLongNYCFileChecksAndRuns() throws {
        let folder = try Self.folder()
        let spec = folder + "/nyc.yaml"
        let data = CLITests.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv").path
        let result = try CLITests.run(["scenario", "init", data, "--driver", "population", "--indicator", "water_consumption",
                                       "--out", spec])
        #expect(result.status == 0, "\(result.error)")
        let text = try String(contentsOfFile: spec, encoding: .utf8)
        #expect(text.contains("city: New York\n") && text.contains("base_year: 2022 "))
        #expect(text.contains("unit: million gallons per day"))
        // NYC: 1.198e-04 Mgal/d per person in 2022, read as 119.8 per million persons.
        #expect(text.contains("(119.8 million gallons per day per million persons)"), "\(text)")
        let check = try CLITests.run(["scenario", "check", spec])
        #expect(check.status == 0 && check.output.hasSuffix("2 scenarios (bau, efficiency), 2023–2050\n"), "\(check.error)")
        let run = try CLITests.run(["scenario", "run", spec, "--draws", "0", "--out", folder + "/run"])
        #expect(run.status == 0, "\(run.error)")

        // An existing file is not replaced without --force.
        let again = try CLITests.run(["scenario", "init", data, "--driver", "population", "--indicator", "water_consumption",
                                      "--out", spec])
        #expect(again.status == 1 && again.error.contains("--force"), "\(again.error)")
        #expect(try String(contentsOfFile: spec, encoding: .utf8) == text)
    }

    /// A planner's wide spreadsheet export: a year column and one column per series.
    @Test func starterFromAWideFile() throws {
        let folder = try Self.folder()
        var rows = ["year,electricity,population"]
        for year in 2000...2023 {
            let population = 3.0e6 * pow(1.02, Double(year - 2000))
            rows.append("\(year),\(String(format: "%.1f", population * 1.1e-3 * pow(1.01, Double(year - 2000)) / 1000)),\(Int(population))")
        }
        let data = folder + "/hanoi.csv"
        try (rows.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let spec = folder + "/hanoi.yaml"
        let result = try CLITests.run(["scenario", "init", data, "--layout", "wide", "--date-column", "year",
                                       "--driver", "population", "--indicator", "electricity", "--city", "Hanoi", "--out", spec])
        #expect(result.status == 0, "\(result.error)")
        let text = try String(contentsOfFile: spec, encoding: .utf8)
        #expect(text.contains("  - file: hanoi.csv\n    format: wide\n    date_column: year\n"), "\(text)")
        // Population grows 2% a year exactly (to rounding of whole persons).
        #expect(text.contains("growth: {percent: 2, sd: 0}"), "\(text)")
        #expect(try CLITests.run(["scenario", "check", spec]).status == 0)
    }

    /// A horizon out of range is refused in the option's name; a near horizon still gives a
    /// specification that checks (the example measure starts within it).
    @Test func horizonIsCheckedAndANearOneWorks() throws {
        let data = CLITests.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv").path
        let far = try CLITests.run(["scenario", "init", data, "--driver", "population", "--indicator", "water_consumption",
                                    "--horizon", "99999999999"])
        #expect(far.status == 1 && far.error.hasPrefix("--horizon: expected a year between 1 and 9999"), "\(far.error)")
        let near = try CLITests.run(["scenario", "init", data, "--driver", "population", "--indicator", "water_consumption",
                                     "--horizon", "2023"])
        #expect(near.status == 0 && near.output.contains("        from: 2023\n        to: 2023\n"), "\(near.error)")
    }

    @Test func mistypedSeriesListsWhatTheFileHas() throws {
        let data = CLITests.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv").path
        let result = try CLITests.run(["scenario", "init", data, "--driver", "populaton", "--indicator", "water_consumption"])
        #expect(result.status == 1 && result.output.isEmpty)
        #expect(result.error.hasPrefix("--driver: no series 'populaton' in "), "\(result.error)")
        #expect(result.error.contains("the series are: 'population', 'water_consumption', 'water_per_capita'"), "\(result.error)")
    }
}
