import Foundation
import Testing

/// `bench` is a one-window `backtest`: the same series, horizon and seed give the same accuracy;
/// and `backtest` never averages a score in the data's units over series of different units.
@Suite struct EvaluationCLITests {
    typealias CLI = CLITests

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    static func models(_ document: [String: Any]) throws -> [[String: Any]] {
        try #require(document["models"] as? [[String: Any]])
    }

    /// Four monthly series in one unit, with a trend, a season and noise from a fixed recurrence.
    static func monthlyFile() throws -> String {
        var lines = ["series,date,value,unit"]
        var state: UInt64 = 12345
        for s in 0..<4 {
            for t in 0..<60 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let noise = Double(state >> 40) / Double(1 << 24) - 0.5
                let value = 100 + Double(10 * s) + 0.5 * Double(t) + 8 * Double((t % 12) - 6).magnitude + 5 * noise
                lines.append("s\(s),\(2015 + t / 12)-\(t % 12 < 9 ? "0" : "")\(t % 12 + 1),\(value),GWh")
            }
        }
        return try CLI.temporaryFile("monthly.csv", lines.joined(separator: "\n") + "\n")
    }

    /// Four monthly series in one unit, and NYC water (three units).
    @Test(arguments: [false, true])
    func benchEqualsOneWindowBacktest(_ nyc: Bool) throws {
        let file = nyc ? "Datasets/nyc_water_long.csv" : try Self.monthlyFile()
        let filters: [String] = []
        let bench = try Self.models(Self.json(["bench", file, "--models", "naive,theta,ets(AAN)", "--horizon", "4",
                                               "--seed", "3", "--format", "json"] + filters))
        let backtest = try Self.models(Self.json(["backtest", file, "--model", "naive,theta,ets(AAN)", "--horizon", "4",
                                                  "--windows", "1", "--seed", "3", "--format", "json"] + filters))
        #expect(bench.count == 3 && backtest.count == 3)
        for (b, t) in zip(bench, backtest) {
            #expect(b["model"] as? String == t["model"] as? String)
            #expect(b["series"] as? Int == t["series"] as? Int)
            for key in ["mase", "smape", "rmsse"] {
                #expect(b[key] as? Double == t[key] as? Double, "\(key) of \(b["model"] ?? "?")")
            }
            let coverage = try #require(t["coverage"] as? [String: Double])
            #expect(b["coverage80"] as? Double == coverage["80"] && b["coverage95"] as? Double == coverage["95"])
            let benchUnits = try #require(b["byUnit"] as? [[String: Any]])
            let backtestUnits = try #require(t["byUnit"] as? [[String: Any]])
            #expect(benchUnits.count == backtestUnits.count)
            for (bu, tu) in zip(benchUnits, backtestUnits) {
                #expect(bu["unit"] as? String == tu["unit"] as? String)
                #expect(bu["winkler95"] as? Double == (tu["winkler"] as? [String: Double])?["95"])
                #expect(bu["mase"] as? Double == tu["mase"] as? Double)
            }
            #expect((b["winkler95"] is NSNull) == (benchUnits.count > 1), "Winkler is in the data's units")
        }
    }

    /// NYC water's three series are in persons, million gallons per day and gallons per person per
    /// day: the model rows give no ME, RMSE or MAE, each unit's row gives its own series' values,
    /// and MASE is the mean of the three series' MASE.
    @Test func backtestSeparatesUnits() throws {
        let document = try Self.json(["backtest", "Datasets/nyc_water_long.csv", "--model", "drift", "--horizon", "3",
                                      "--windows", "4", "--per-series", "--format", "json"])
        let model = try #require(try Self.models(document).first)
        for key in ["me", "rmse", "mae", "crps"] { #expect(model[key] is NSNull, "\(key)") }
        #expect(model["aggregation"] as? String == "mean over series")
        let perSeries = try #require(document["perSeries"] as? [[String: Any]])
        let groups = try #require(model["byUnit"] as? [[String: Any]])
        #expect(groups.compactMap { $0["unit"] as? String }
                == ["persons", "million gallons per day", "gallons per person per day"])
        for (group, series) in zip(groups, perSeries) {
            #expect(group["unit"] as? String == series["unit"] as? String)
            for key in ["me", "rmse", "mae", "mase"] {
                let expected = try #require(series[key] as? Double)
                #expect(group[key] as? Double == expected, "\(key) of \(group["unit"] ?? "?")")
            }
        }
        let mase = perSeries.compactMap { $0["mase"] as? Double }
        let mean = mase.reduce(0, +) / Double(mase.count)
        let ours = try #require(model["mase"] as? Double)
        #expect(mase.count == 3 && abs(ours - mean) <= 1e-15 * mean)
        let table = try CLI.run(["backtest", "Datasets/nyc_water_long.csv", "--model", "drift", "--horizon", "3", "--windows", "4"])
        #expect(table.output.contains("mean over series"))
        #expect(table.output.contains("are per unit:") && table.output.contains("million gallons per day"))
    }
}
