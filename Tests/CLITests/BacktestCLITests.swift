import Foundation
import Testing
import TestSupport

/// End-to-end tests of `urbancast backtest` on the bundled datasets: exact exit codes, stable row
/// order, the JSON contract, and the naive benchmark's scores worked out here from the file.
@Suite struct BacktestCLITests {
    typealias CLI = CLITests

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The values of one indicator of nyc_water_long.csv, oldest first.
    static func nycValues(_ indicator: String) throws -> [Double] {
        let text = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line -> Double? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields.count >= 4 && fields[1] == indicator ? Double(fields[3]) : nil
        }
    }

    /// `--no-refit`: ETS keeps the first origin's parameters (no failures, scores differ from the
    /// refitted run), theta has no held-parameter form (its later windows fail, saying why).
    @Test func noRefitHoldsParameters() throws {
        let base = ["backtest", "Datasets/nyc_water_long.csv", "--horizon", "3", "--windows", "6",
                    "--where", "indicator=water_consumption", "--format", "json"]
        let held = try CLI.run(base + ["--model", "ets(AAN),theta", "--no-refit"])
        let refitted = try CLI.run(base + ["--model", "ets(AAN),theta"])
        // Theta's held-parameter windows fail, so the held run exits 3; the refitted one 0.
        #expect(held.status == 3 && refitted.status == 0, "\(held.error) \(refitted.error)")
        let heldModels = try #require(try Self.json(held.output)["models"] as? [[String: Any]])
        let refitModels = try #require(try Self.json(refitted.output)["models"] as? [[String: Any]])
        #expect(heldModels[0]["failed"] as? Int == 0)
        #expect(heldModels[0]["mae"] as? Double != refitModels[0]["mae"] as? Double)
        #expect(heldModels[1]["failed"] as? Int == 5)
        let table = try CLI.run(["backtest", "Datasets/nyc_water_long.csv", "--horizon", "3", "--windows", "6",
                                 "--where", "indicator=water_consumption", "--model", "ets(AAN)", "--no-refit"])
        #expect(table.output.contains("parameters held from the first origin"))
    }

    /// Two models, one of them a combination whose commas must not split the list; the naive
    /// benchmark's pooled MAE, RMSE and MASE equal the values computed here from the file's data.
    @Test func jsonOnNYCWaterMatchesNaiveByHand() throws {
        let result = try CLI.run(["backtest", "Datasets/nyc_water_long.csv", "--model", "naive, combo(theta,drift)",
                                  "--horizon", "5", "--windows", "10", "--step", "2",
                                  "--where", "indicator=water_consumption", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try Self.json(result.output)
        #expect(json["perSeries"] == nil)
        let models = try #require(json["models"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["naive", "combo(theta,drift)"])
        for model in models {
            #expect(model["series"] as? Int == 1 && model["windows"] as? Int == 10 && model["failed"] as? Int == 0)
            let coverage = try #require(model["coverage"] as? [String: Double])
            #expect(Set(coverage.keys) == ["80", "95"] && coverage.values.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect((model["winkler"] as? [String: Double])?.count == 2)
            #expect((model["pinball"] as? [String: Double]).map { Set($0.keys) } == ["0.025", "0.1", "0.9", "0.975"])
            for key in ["me", "rmse", "mae", "mpe", "mape", "smape", "mase", "rmsse", "crps"] {
                #expect(model[key] is Double, "\(key)")
            }
        }
        // Naive by hand: origins t = n − 5 − 2(9 − k), forecast y[t − 1] for y[t ..< t + 5].
        let y = try Self.nycValues("water_consumption")
        let n = y.count
        var absolute: [Double] = [], squared: [Double] = [], scaled: [Double] = []
        for k in 0..<10 {
            let t = n - 5 - 2 * (9 - k)
            var steps = 0.0
            for i in 1..<t { steps += abs(y[i] - y[i - 1]) }
            let scale = steps / Double(t - 1)
            for j in t..<(t + 5) {
                let e = y[j] - y[t - 1]
                absolute.append(abs(e))
                squared.append(e * e)
                scaled.append(abs(e) / scale)
            }
        }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        let naive = models[0]
        let expected: [(String, Double)] = [("mae", mean(absolute)), ("rmse", mean(squared).squareRoot()), ("mase", mean(scaled))]
        for (key, value) in expected {
            let ours = try #require(naive[key] as? Double)
            expectClose(ours, value, .relative(1e-12), "\(key): \(ours) vs \(value)")
        }
    }

    /// `--per-series` rows: models in the order given, series in file order within each; CSV has a
    /// row per model (empty key cells; the mean over its series), one per model and unit because
    /// the file's three series have three units, and then one row per model and series.
    @Test func perSeriesRowsKeepModelAndFileOrder() throws {
        let arguments = ["backtest", "Datasets/nyc_water_long.csv", "--model", "drift,naive", "--horizon", "3",
                         "--windows", "4", "--per-series"]
        let json = try CLI.run(arguments + ["--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let perSeries = try #require(try Self.json(json.output)["perSeries"] as? [[String: Any]])
        let order = perSeries.map { "\($0["model"] as? String ?? "?") \(($0["key"] as? [String: String])?["indicator"] ?? "?")" }
        #expect(order == ["drift population", "drift water_consumption", "drift water_per_capita",
                          "naive population", "naive water_consumption", "naive water_per_capita"])
        #expect(perSeries.allSatisfy { $0["windows"] as? Int == 4 && $0["error"] is NSNull })
        let csv = try CLI.run(arguments + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.error)")
        let lines = csv.output.split(whereSeparator: \.isNewline)
        let header: String = "city,indicator,model,series,windows,failed,me,rmse,mae,mpe,mape,smape,mase,rmsse,"
            + "coverage80,coverage95,winkler80,winkler95,pinball2.5,pinball10,pinball90,pinball97.5,crps,unit"
        #expect(lines.first.map(String.init) == header)
        #expect(lines.count == 1 + 2 * (1 + 3) + 6)
        #expect(lines[1].hasPrefix(",,drift,3,12,0,,,,") && lines[5].hasPrefix(",,naive,3,12,0,,,,"),
                "the mixed-unit model rows leave ME, RMSE and MAE empty")
        #expect(lines[2].hasPrefix(",,drift,1,4,0,") && lines[2].hasSuffix(",persons"))
        #expect(lines[9].hasPrefix("New York,population,drift,1,4,0,") && lines[9].hasSuffix(",persons"))
        let table = try CLI.run(arguments)
        #expect(table.status == 0, "\(table.error)")
        for phrase in ["Backtest: 4 windows, horizon 3, step 1, expanding training window", "MASE", "RMSSE", "Cov80",
                       "Winkler95", "CRPS", "Per series:", "water_per_capita"] {
            #expect(table.output.contains(phrase), "missing \(phrase)")
        }
    }

    /// One series of the large Beijing file, picked with --where, on a sliding window of a year:
    /// a daily series gets season length 7, so snaive scores.
    @Test func beijingOneStationSlidingWindow() throws {
        let result = try CLI.run(["backtest", "Datasets/beijing_12sites_daily_long.csv", "--model", "snaive,mean",
                                  "--horizon", "7", "--windows", "4", "--step", "7", "--window-length", "365",
                                  "--where", "station=Dongsi", "--where", "pollutant=PM2.5", "--level", "90",
                                  "--format", "json", "--per-series"])
        #expect(result.status == 0, "\(result.error)")
        let json = try Self.json(result.output)
        let models = try #require(json["models"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["snaive", "mean"])
        #expect(models.allSatisfy { $0["series"] as? Int == 1 && $0["windows"] as? Int == 4 })
        #expect(models.allSatisfy { ($0["coverage"] as? [String: Double]).map { Array($0.keys) } == ["90"] })
        let perSeries = try #require(json["perSeries"] as? [[String: Any]])
        #expect(perSeries.map { ($0["key"] as? [String: String])?["station"] } == ["Dongsi", "Dongsi"])
    }

    @Test func tooShortSeriesNamesTheMinimum() throws {
        let file = try CLI.temporaryFile("short.csv", "date,value\n2001,1\n2002,2\n2003,4\n2004,3\n2005,5\n2006,6\n2007,8\n")
        let result = try CLI.run(["backtest", file, "--model", "naive", "--horizon", "3", "--windows", "5"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty, "\(result.output)")
        #expect(result.error.contains("\(file): series: a backtest of naive with 5 windows of horizon 3 and step 1 "
            + "needs at least 8 observations; the series has 7"), "\(result.error)")
        let fits = try CLI.run(["backtest", file, "--model", "naive", "--horizon", "3", "--windows", "4", "--format", "json"])
        // One window failed and the others were scored: exit 3, with the count by reason.
        #expect(fits.status == 3, "\(fits.error)")
        #expect(fits.error.contains("backtest: 1 of 4 windows failed: 1 × Naive needs at least 2 observations"), "\(fits.error)")
        let model = try #require((try Self.json(fits.output)["models"] as? [[String: Any]])?.first)
        // The first origin trains on one observation, too few for naive's interval: failed, with why.
        #expect(model["windows"] as? Int == 4 && model["failed"] as? Int == 1)
        let failure = try #require((model["failures"] as? [[String: Any]])?.first)
        #expect(failure["window"] as? Int == 0 && failure["origin"] as? String == "2002")
        #expect((failure["error"] as? String)?.contains("Naive needs at least 2 observations") == true)
    }

    @Test func usageErrorsExitTwo() throws {
        let base = ["backtest", "Datasets/nyc_water_long.csv"]
        let cases: [([String], String)] = [
            (["--model", "naive", "--horizon", "0", "--windows", "3"], "--horizon must be at least 1"),
            (["--model", "naive,bogus", "--horizon", "2", "--windows", "3"], "unknown model 'bogus'"),
            (["--model", "naive", "--horizon", "2"], "--windows"),
            (["--model", "naive", "--horizon", "2", "--windows", "3", "--level", "80,120"], "--level"),
            (["--model", "combo(naive", "--horizon", "2", "--windows", "3"], "unknown model 'combo(naive'"),
            (["--model", "naive", "--horizon", "2", "--windows", "3", "--window-length", "0"], "--window-length"),
        ]
        for (arguments, phrase) in cases {
            let result = try CLI.run(base + arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.error)")
            #expect(result.error.contains(phrase), "\(arguments): \(result.error)")
            #expect(result.output.isEmpty)
        }
    }

    @Test func dataErrorsAndEmptySelectionExitOne() throws {
        let file = try CLI.temporaryFile("bad.csv", "date,value\n2001,1\n2002,x\n2003,3\n")
        let bad = try CLI.run(["backtest", file, "--model", "naive", "--horizon", "1", "--windows", "1"])
        #expect(bad.status == 1 && bad.error.contains("\(file):3:2:"), "\(bad.error)")
        let none = try CLI.run(["backtest", "Datasets/nyc_water_long.csv", "--model", "naive", "--horizon", "1",
                                "--windows", "1", "--where", "indicator=rainfall"])
        #expect(none.status == 1 && none.error.contains("no series match indicator=rainfall"), "\(none.error)")
        #expect(bad.output.isEmpty && none.output.isEmpty)
    }

    @Test func helpHasExamples() throws {
        let result = try CLI.run(["backtest", "--help"])
        #expect(result.status == 0)
        for phrase in ["Examples:", "urbancast backtest Datasets/nyc_water_long.csv", "--window-length", "--per-series",
                       "tsCV", "combo(...)"] {
            #expect(result.output.contains(phrase), "missing \(phrase)")
        }
    }
}
