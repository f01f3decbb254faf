import Foundation
import Testing

/// `urbancast scenario check|run|compare` end to end on the NYC worked example.
@Suite struct ScenarioCLITests {
    static let nyc = "Models/scenarios/nyc_water.yaml"

    static func outputDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-scenario-cli-\(UUID().uuidString)").path
    }

    @Test func checkAcceptsTheWorkedExample() throws {
        let result = try CLITests.run(["scenario", "check", Self.nyc])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "\(Self.nyc): ok: New York, 1 drivers, 1 indicators, 2 scenarios (bau, conservation), 2023–2050\n")
    }

    @Test func checkReportsKeyPathsAndExitsOne() throws {
        let text = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent(Self.nyc).path, encoding: .utf8)
            .replacingOccurrences(of: "        from: 2025\n", with: "        from: 2019\n")
            .replacingOccurrences(of: "at_most: 950", with: "at_most: lots")
        let spec = try CLITests.temporaryFile("spec.yaml", text)
        let result = try CLITests.run(["scenario", "check", spec])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == """
            \(spec): scenarios.conservation.measures[0].from: 2019 is before base_year 2022
            \(spec): targets[0].at_most: expected a finite number, got 'lots'

            """)
    }

    /// A gap in the history that only the model fit trips over: `check` fits every model, so it
    /// refuses the specification with the message `run` gives, instead of saying `ok`.
    @Test func checkFitsTheModelsAsRunWould() throws {
        let data = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv").path,
                              encoding: .utf8)
        let gap = data.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("New York,water_consumption,2010,") else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[3] = ""
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
        #expect(gap != data)
        let file = try CLITests.temporaryFile("nyc_gap.csv", gap)
        let text = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent(Self.nyc).path, encoding: .utf8)
            .replacingOccurrences(of: "../../Datasets/nyc_water_long.csv", with: file)
        let spec = try CLITests.temporaryFile("spec.yaml", text)
        let check = try CLITests.run(["scenario", "check", spec])
        let run = try CLITests.run(["scenario", "run", spec, "--draws", "10", "--out", Self.outputDirectory()])
        #expect(check.status == 1 && run.status == 1, "\(check.output)\(check.error)")
        #expect(check.output.isEmpty && !check.error.isEmpty)
        #expect(check.error == run.error, "check and run give the same reason")
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try CLITests.run(["scenario", "run", Self.nyc, "--draws=-3", "--out", Self.outputDirectory()])
        #expect(result.status == 2)
        #expect(result.error.contains("--draws must be between 0 and 10000000, got -3"), "\(result.error)")
        #expect(try CLITests.run(["scenario", "run", Self.nyc]).status == 2)
    }

    /// The central path writes the five files; savings are BAU − alternative; nothing is written
    /// when the run fails.
    @Test func runWritesTheFiveFiles() throws {
        let out = Self.outputDirectory()
        let result = try CLITests.run(["scenario", "run", Self.nyc, "--draws", "0", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["decomposition.csv", "forecast.csv", "manifest.json", "savings.csv", "summary.json"])
        let forecast = try String(contentsOfFile: out + "/forecast.csv", encoding: .utf8)
        #expect(forecast.hasPrefix("scenario,indicator,year,mean,median,lo80,hi80,lo95,hi95,unit\nbau,water,2023,"))
        #expect(forecast.split(separator: "\n").count == 1 + 2 * 28)
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.count == 2)
        #expect(inputs[1]["sha256"] as? String == "bded74c9069dec16eb2800df4b0238e93d9c0bee7033ce55f2aada426d0fc0ab")

        // A failing run (a series that is not in the data) leaves no directory behind.
        let text = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent(Self.nyc).path, encoding: .utf8)
            .replacingOccurrences(of: "series: water_consumption", with: "series: water_use")
            .replacingOccurrences(of: "../../Datasets", with: CLITests.repositoryRoot.appendingPathComponent("Datasets").path)
        let spec = try CLITests.temporaryFile("spec.yaml", text)
        let failed = Self.outputDirectory()
        let bad = try CLITests.run(["scenario", "run", spec, "--draws", "0", "--out", failed])
        #expect(bad.status == 1)
        #expect(bad.error.contains("indicators.water.series: no series 'water_use'"), "\(bad.error)")
        #expect(!FileManager.default.fileExists(atPath: failed))
    }

    /// Same seed, 1 and 2 threads: identical bytes in every data file.
    @Test func runIsByteIdenticalAcrossThreads() throws {
        let one = Self.outputDirectory(), two = Self.outputDirectory()
        let a = try CLITests.run(["scenario", "run", Self.nyc, "--draws", "300", "--seed", "7", "--threads", "1", "--out", one])
        let b = try CLITests.run(["scenario", "run", Self.nyc, "--draws", "300", "--seed", "7", "--threads", "2", "--out", two])
        #expect(a.status == 0 && b.status == 0, "\(a.error)\(b.error)")
        #expect(a.error.isEmpty, "no progress bar when standard error is not a terminal")
        for name in ["forecast.csv", "decomposition.csv", "savings.csv", "summary.json"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: one + "/" + name))
            let y = try Data(contentsOf: URL(fileURLWithPath: two + "/" + name))
            #expect(x == y, "\(name)")
        }
    }

    @Test func compareShowsScenariosSideBySide() throws {
        let out = Self.outputDirectory()
        #expect(try CLITests.run(["scenario", "run", Self.nyc, "--draws", "0", "--out", out]).status == 0)
        let result = try CLITests.run(["scenario", "compare", out, "--years", "2030,2050"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "water (Mgal/d)")
        #expect(lines.count >= 4 && lines[1].contains("2030") && lines[1].contains("savings 2050"))
        #expect(lines.contains { $0.hasPrefix("  conservation") })
        #expect(lines.contains("targets"))
        let unknown = try CLITests.run(["scenario", "compare", out, "--baseline", "nope"])
        #expect(unknown.status == 1 && unknown.error.contains("no scenario 'nope'; the scenarios are: bau, conservation"))
        let badYears = try CLITests.run(["scenario", "compare", out, "--years", "2030,soon"])
        #expect(badYears.status == 2)
    }
}
