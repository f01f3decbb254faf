import Foundation
import Testing

/// `--progress auto|always|never`: a log (standard error not a terminal) sees progress lines and
/// a closing summary only when asked, and the results on standard output do not change.
@Suite struct ProgressCLITests {
    static let forecast = ["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "3"]

    @Test func progressInALogOnlyWhenAsked() throws {
        let auto = try CLITests.run(Self.forecast)
        let never = try CLITests.run(Self.forecast + ["--progress", "never"])
        let always = try CLITests.run(Self.forecast + ["--progress", "always"])
        #expect(auto.status == 0 && never.status == 0 && always.status == 0)
        #expect(auto.error.isEmpty && never.error.isEmpty, "a pipe is not a terminal: auto shows nothing")
        let lines = always.error.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("forecast: 3/3 series, ") && $0.contains(" elapsed") }, "\(always.error)")
        #expect(lines.last?.hasPrefix("forecast: 3 series in ") == true, "\(always.error)")
        #expect(!always.error.contains("\u{1B}["), "no terminal escapes in a log")
        #expect(always.output == auto.output && never.output == auto.output)
    }

    @Test(arguments: [
        (["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "200"], "scenario: 200/200 draws, ", "scenario: 200 draws in "),
        (["backtest", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "3", "--windows", "2"],
         "backtest: 6/6 windows, ", "backtest: 3 series-model pairs in "),
        (["bench", "Datasets/nyc_water_long.csv", "--models", "theta", "--horizon", "3"], "bench: theta: ", "bench: 1 model in "),
        (["simulate", "--model", "arima(0,0,0)", "--n", "300", "--length", "12"],
         "simulate: 300/300 series, ", "simulate: 300 series of 12 values in "),
        (["air", "trend", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5", "--deseason", "none",
          "--replicates", "20"], "air trend: 12/12 series, ", "air trend: 12 series in "),
        (["air", "normalize", "Datasets/beijing_12sites_daily_wide.csv", "--pollutant", "NO2",
          "--met", "TEMP,PRES,DEWP,WSPM,RAIN_sum", "--wind-direction", "none", "--period", "year"],
         "air normalize: 12/12 stations, ", "air normalize: 12 stations in "),
    ])
    func everyLongCommandReports(arguments: [String], line: String, summary: String) throws {
        var arguments = arguments
        if arguments[0] == "scenario" { arguments += ["--out", ScenarioCLITests.outputDirectory()] }
        let result = try CLITests.run(arguments + ["--progress", "always"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains(line), "\(result.error)")
        #expect(result.error.split(separator: "\n").last?.hasPrefix(summary) == true, "\(result.error)")
    }

    @Test func unknownModeIsAUsageError() throws {
        let result = try CLITests.run(Self.forecast + ["--progress", "sometimes"])
        #expect(result.status == 2)
        #expect(result.error.contains("sometimes"), "\(result.error)")
    }
}
