import Foundation
import Testing
import TestSupport

/// `auto` is the default model of `forecast` and `backtest`, and scenario specs take it for a
/// time-series driver or intensity (its paths are the members' mixture).
@Suite struct AutoModelCLITests {
    @Test func forecastWithoutModelIsAuto() throws {
        let arguments = ["forecast", "Datasets/nyc_water_long.csv", "--horizon", "4", "--where",
                         "indicator=water_consumption", "--format", "csv"]
        let implicit = try CLITests.run(arguments)
        let explicit = try CLITests.run(arguments + ["--model", "auto"])
        #expect(implicit.status == 0, "\(implicit.error)")
        #expect(implicit.output == explicit.output)
        let rows = implicit.output.split(separator: "\n").dropFirst()
        #expect(rows.count == 4)
        // Annual data: the median of the four members, each named in the model column.
        for row in rows {
            #expect(row.contains("\"Auto(median: ETS("))
            #expect(row.contains("ARIMA(") && row.contains("DOTM") && row.contains("DSTM"))
        }
    }

    @Test func backtestWithoutModelIsAuto() throws {
        let result = try CLITests.run(["backtest", "Datasets/nyc_water_long.csv", "--horizon", "2", "--windows", "2",
                                       "--where", "indicator=water_consumption", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let models = try #require(json["models"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["auto"])
    }

    @Test func scenarioIntensityByAuto() throws {
        let original = try String(contentsOf: CLITests.repositoryRoot.appendingPathComponent("Models/scenarios/nyc_water.yaml"),
                                  encoding: .utf8)
        #expect(original.contains("intensity: auto-ets") && original.contains("../../Datasets/nyc_water_long.csv"))
        let history = CLITests.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv").path
        let text = original.replacingOccurrences(of: "intensity: auto-ets", with: "intensity: auto")
            .replacingOccurrences(of: "../../Datasets/nyc_water_long.csv", with: history)
        let spec = try CLITests.temporaryFile("auto.yaml", text)
        let folder = URL(fileURLWithPath: spec).deletingLastPathComponent()
        var forecasts: [Data] = []
        for name in ["first", "second"] {
            let out = folder.appendingPathComponent(name)
            let result = try CLITests.run(["scenario", "run", spec, "--draws", "200", "--seed", "3", "--out", out.path])
            #expect(result.status == 0, "\(result.error)")
            forecasts.append(try Data(contentsOf: out.appendingPathComponent("forecast.csv")))
            let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
            #expect(summary.contains("\"Auto(median: ETS("))
        }
        // Same seed, same bytes; 2 scenarios × 28 years of rows and the header.
        #expect(forecasts[0] == forecasts[1])
        #expect(String(decoding: forecasts[0], as: UTF8.self).split(separator: "\n").count == 57)
    }
}
