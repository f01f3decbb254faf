import Foundation
import Testing

/// Options that would exhaust memory are refused before anything is allocated, exit statuses say
/// whether every series was forecast, and option mistakes get messages that say what to do.
@Suite struct LimitsCLITests {
    /// Run the binary with its address space capped at 1 GB, and require that it exited rather
    /// than died of a signal.
    static func runCapped(_ arguments: [String]) throws -> CLITests.Result {
        let result = try CLITests.run(arguments, addressSpaceLimitKB: 1_048_576)
        #expect(!result.endedBySignal, "ended by signal \(result.status): \(result.error)")
        return result
    }

    /// The cap itself lets an ordinary command run, so the refusals below are the limits' doing.
    @Test func cappedRunsStillWork() throws {
        let result = try Self.runCapped(["forecast", "Datasets/nyc_water_long.csv", "--where", "indicator=water_consumption",
                                         "--horizon", "5", "--model", "theta"])
        #expect(result.status == 0, "\(result.error)")
    }

    /// `--horizon 1000000000000` and `--horizon 2147483648` used to abort or ask for 17 GB;
    /// `simulate --length 1000000000000` aborted.
    @Test(arguments: [
        (["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "1000000000000"], "--horizon 1000000000000"),
        (["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "2147483648"], "--horizon 2147483648"),
        (["backtest", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "2147483648", "--windows", "1"],
         "--horizon 2147483648"),
        (["bench", "Datasets/nyc_water_long.csv", "--models", "theta", "--horizon", "2147483648"], "--horizon 2147483648"),
        (["simulate", "--model", "arima(0,0,0)", "--n", "1", "--length", "1000000000000"], "--length 1000000000000"),
        // Simulated intervals (a multiplicative trend, here inside a combination) keep 5000 paths a
        // step, so a horizon that theta could forecast is too much for them.
        (["forecast", "Datasets/nyc_water_long.csv", "--model", "combo(theta,ets(MMN))", "--horizon", "200000",
          "--memory-limit", "8G"], "--horizon 200000"),
    ])
    func hugeSizesAreRefusedUpFront(arguments: [String], named: String) throws {
        let result = try Self.runCapped(arguments)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("\(named) would need about"), "\(result.error)")
        #expect(result.error.contains("raise the limit with --memory-limit"), "\(result.error)")
    }

    /// A bigger limit is honoured: the same horizon passes validation when the limit allows it
    /// (then fails for the data's own reason, not the limit).
    @Test func theLimitCanBeRaised() throws {
        let result = try CLITests.run(["simulate", "--model", "arima(0,0,0)", "--n", "1", "--length", "300000", "--memory-limit", "512M"])
        #expect(result.status == 2)
        #expect(result.error.contains("--length 300000 would need about 3.7 GB"), "\(result.error)")
        let raised = try Self.runCapped(["simulate", "--model", "arima(0,0,0)", "--n", "1", "--length", "300000", "--memory-limit", "8G"])
        #expect(raised.status == 0, "\(raised.error)")
        #expect(raised.output.split(separator: "\n").count == 300_001)
    }

    /// `scenario run --draws 10000000` (the documented maximum) needed more than 12 GB on the NYC
    /// example: refused with the estimate, nothing written.
    @Test func scenarioDrawsBeyondMemoryAreRefused() throws {
        let out = ScenarioCLITests.outputDirectory()
        let result = try Self.runCapped(["scenario", "run", ScenarioCLITests.nyc, "--draws", "10000000", "--out", out])
        #expect(result.status == 1)
        #expect(result.error.contains("--draws 10000000 of 58 scenario-indicator-years would need about 14.1 GB"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A mitigation plan with `draws: 1000000000` aborted at 7.6 GB.
    @Test func mitigationDrawsBeyondMemoryAreRefused() throws {
        let text = try String(contentsOfFile: CLITests.repositoryRoot
            .appendingPathComponent("Models/air-quality/beijing-pm25-mitigation.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "../../Datasets", with: CLITests.repositoryRoot.appendingPathComponent("Datasets").path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("draws:") ? "draws: 1000000000" : String(line)
        }
        #expect(lines.contains("draws: 1000000000"))
        let plan = try CLITests.temporaryFile("plan.yaml", lines.joined(separator: "\n"))
        let result = try Self.runCapped(["air", "mitigate", plan])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("\(plan): draws: 1000000000 draws would need about"), "\(result.error)")
    }

    /// Some series failing exits 3 with a one-line count by reason; --allow-failures exits 0; all
    /// failing exits 1. A forecast that overflows is an error on its row, never a number-less row.
    @Test func exitStatusTellsWhetherEverySeriesWasForecast() throws {
        let file = try CLITests.temporaryFile("mixed.csv", """
            city,date,value
            a,2001,10
            a,2002,12
            a,2003,11
            a,2004,13
            a,2005,14
            b,2001,5
            b,2002,6
            c,2001,1.6e308
            c,2002,1.7e308
            c,2003,1.75e308
            c,2004,1.79e308

            """)
        let partial = try CLITests.run(["forecast", file, "--horizon", "2", "--model", "drift", "--format", "json"])
        #expect(partial.status == 3)
        #expect(partial.error.contains("city=c: the forecast at step 1 is not a finite number"), "\(partial.error)")
        #expect(partial.error.contains("Random walk with drift needs at least 3 observations"), "\(partial.error)")
        // Both failures were printed with their reasons, so the summary only counts them.
        #expect(partial.error.contains("forecast: 2 of 3 series failed\n"), "\(partial.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(partial.output.utf8)) as? [String: Any])
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.count == 3)
        #expect(series[2]["error"] is String, "the overflowing series carries its error")
        #expect((series[2]["forecast"] as? [Any])?.isEmpty ?? true, "and no numbers")
        let allowed = try CLITests.run(["forecast", file, "--horizon", "2", "--model", "drift", "--allow-failures"])
        #expect(allowed.status == 0)
        #expect(allowed.error.contains("forecast: 2 of 3 series failed"))
        let none = try CLITests.run(["forecast", file, "--horizon", "2", "--model", "drift", "--where", "city=b"])
        #expect(none.status == 1)
    }

    /// Negative values reach the option's own check instead of "Missing value"; NaN is not a
    /// Box–Cox λ; a response cannot be its own predictor.
    @Test(arguments: [
        (["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "3", "--seed", "-1"],
         "The value '-1' is invalid for '--seed <seed>'"),
        (["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "-3"], "--horizon must be at least 1, not -3"),
        (["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "-1", "--out", "/tmp/unused"],
         "--draws must be between 0 and 10000000, got -1"),
        (["simulate", "--model", "arima(0,0,0)", "--n", "-2", "--length", "3"], "--n must be at least 1, not -2"),
        (["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "3", "--box-cox", "nan"],
         "--box-cox takes auto or a finite number"),
        (["regress", "Datasets/nyc_water_wide.csv", "--y", "population", "--x", "population"],
         "--y population is also in --x: a column cannot explain itself"),
        (["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "3", "--memory-limit", "lots"],
         "--memory-limit needs a size such as 512M, 4G or 16G, not 'lots'"),
    ])
    func optionMistakesSayWhatToDo(arguments: [String], message: String) throws {
        let result = try CLITests.run(arguments)
        #expect(result.status == 2)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(!result.error.contains("Missing value"), "\(result.error)")
    }
}
