import Foundation
import Testing

/// `--missing refuse|interpolate|contiguous` on `forecast` and `backtest`, and `missing:` in a
/// scenario specification, end to end.
@Suite struct MissingValuesCLITests {
    typealias CLI = CLITests

    /// A yearly series 1990–2009, `10 + 2k + (k² mod 7)` in year `1990 + k`, without 1995 and 2001–2002.
    static func gappedFile() throws -> String {
        var lines = ["series,date,value,unit"]
        for k in 0..<20 {
            let value = [5, 11, 12].contains(k) ? "" : String(10 + 2 * k + (k * k) % 7)
            lines.append("a,\(1990 + k),\(value),GWh")
        }
        return try CLI.temporaryFile("gapped.csv", lines.joined(separator: "\n") + "\n")
    }

    @Test func refusalNamesTheOption() throws {
        let file = try Self.gappedFile()
        let result = try CLI.run(["forecast", file, "--model", "auto-ets", "--horizon", "2", "--format", "csv"])
        #expect(result.status == 1, "every series failed")
        #expect(result.error.contains(
            "series=a: AutoETS cannot handle missing values; fill them with --missing interpolate or keep the longest "
                + "stretch without them with --missing contiguous"), "\(result.error)")
    }

    @Test func arimaKeepsTakingGapsUnderRefuse() throws {
        let file = try Self.gappedFile()
        let result = try CLI.run(["forecast", file, "--model", "arima(0,1,0)+drift", "--horizon", "2", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.output.contains("missingValues"), "refuse changes nothing and reports nothing")
    }

    /// Hand arithmetic: 1995 is filled halfway between 1994's 20 and 1996's 23, naive's fitted
    /// value there is 1994's, the forecast is 2009's 52, and the three filled values are counted.
    @Test func interpolateFillsAndCounts() throws {
        let file = try Self.gappedFile()
        let csv = try CLI.run(["forecast", file, "--model", "naive", "--horizon", "1", "--missing", "interpolate",
                               "--format", "csv", "--include-history", "--level", "95"])
        #expect(csv.status == 0, "\(csv.error)")
        let lines = csv.output.split(separator: "\n").map(String.init)
        #expect(lines[0] == "series,date,model,mean,lo95,hi95,unit,filled,dropped,part,y,fitted")
        #expect(lines.count == 1 + 20 + 1)
        #expect(lines[6] == "a,1995,Naive,,,,GWh,3,0,history,21.5,20.0")
        #expect(lines.last?.hasPrefix("a,2010,Naive,52.0,") == true, "\(lines.last ?? "")")
        let json = try CLI.run(["forecast", file, "--model", "naive", "--horizon", "1", "--missing", "interpolate",
                                "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let series = try #require((document["series"] as? [[String: Any]])?.first)
        let missing = try #require(series["missingValues"] as? [String: Any])
        #expect(missing["policy"] as? String == "interpolate")
        #expect(missing["filled"] as? Int == 3 && missing["dropped"] as? Int == 0)
        #expect(series["unit"] as? String == "GWh")
    }

    /// The longest stretch is 2003–2009 (seven years); the forecast follows it.
    @Test func contiguousKeepsTheLongestStretchAndItsDates() throws {
        let file = try Self.gappedFile()
        let result = try CLI.run(["forecast", file, "--model", "naive", "--horizon", "1", "--missing", "contiguous"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("missing values: 13 periods dropped outside the longest stretch without them"),
                "\(result.output)")
        #expect(result.output.contains("2010"), "\(result.output)")
        let csv = try CLI.run(["forecast", file, "--model", "naive", "--horizon", "1", "--missing", "contiguous",
                               "--format", "csv", "--style", "r", "--include-history", "--level", "80"])
        let lines = csv.output.split(separator: "\n").map(String.init)
        #expect(lines[0] == "series,date,x,fitted,Point Forecast,Lo 80,Hi 80,unit,filled,dropped")
        #expect(lines[1].hasPrefix("a,2003,37.0,"), "\(lines[1])")
        #expect(lines.count == 1 + 7 + 1)
    }

    @Test func backtestTakesThePolicy() throws {
        let file = try Self.gappedFile()
        let refused = try CLI.run(["backtest", file, "--model", "theta", "--horizon", "2", "--windows", "3"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("fill them with --missing interpolate"), "\(refused.error)")
        let filled = try CLI.run(["backtest", file, "--model", "theta", "--horizon", "2", "--windows", "3",
                                  "--missing", "interpolate", "--per-series", "--format", "json"])
        #expect(filled.status == 0, "\(filled.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(filled.output.utf8)) as? [String: Any])
        let row = try #require((document["perSeries"] as? [[String: Any]])?.first)
        #expect((row["missingValues"] as? [String: Any])?["filled"] as? Int == 3)
    }

    @Test func unknownPolicyIsAUsageError() throws {
        let result = try CLI.run(["forecast", "Datasets/nyc_water_long.csv", "--model", "naive", "--horizon", "1",
                                  "--missing", "drop"])
        #expect(result.status == 64 || result.status == 2, "\(result.status)")
        #expect(result.error.contains("refuse") && result.error.contains("contiguous"), "\(result.error)")
    }

    /// A scenario whose per-capita history has a gap: `missing: interpolate` fills it, the fit
    /// reports it, and an unknown value is reported at the key path `missing`.
    @Test func scenarioSpecTakesMissing() throws {
        let original = try String(contentsOfFile: CLI.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv").path,
                                  encoding: .utf8)
        let data = original.replacingOccurrences(of: "New York,water_consumption,2000,1240.4,",
                                                 with: "New York,water_consumption,2000,,")
        #expect(data != original)
        let dataFile = try CLI.temporaryFile("nyc_gap.csv", data)
        let spec = try String(contentsOfFile: CLI.repositoryRoot.appendingPathComponent(ScenarioCLITests.nyc).path, encoding: .utf8)
            .replacingOccurrences(of: "../../Datasets/nyc_water_long.csv", with: dataFile)
        let refused = try CLI.temporaryFile("spec.yaml", spec)
        let out = ScenarioCLITests.outputDirectory()
        let failed = try CLI.run(["scenario", "run", refused, "--draws", "0", "--out", out])
        #expect(failed.status != 0, "the gap is refused by default")
        let filledSpec = try CLI.temporaryFile("spec.yaml", spec + "missing: interpolate\n")
        let filled = try CLI.run(["scenario", "run", filledSpec, "--draws", "0", "--out", out])
        #expect(filled.status == 0, "\(filled.error)")
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let indicator = try #require((summary["indicators"] as? [[String: Any]])?.first)
        #expect((indicator["missingValues"] as? [String: Any])?["filled"] as? Int == 1)
        let badSpec = try CLI.temporaryFile("spec.yaml", spec + "missing: fill\n")
        let bad = try CLI.run(["scenario", "check", badSpec])
        #expect(bad.status == 1)
        #expect(bad.error.contains("\(badSpec): missing: expected one of refuse, interpolate, contiguous, got 'fill'"),
                "\(bad.error)")
    }
}
