import Foundation
import Testing

/// `urbancast forecast --model dotm` and `--model auto-theta` on the bundled New York water data,
/// against statsforecast 2.1.1's forecasts of the same series
/// (Tests/ForecastingTests/Fixtures/theta/make_fixtures.py, case `nyc_water_per_capita`).
@Suite struct OptimisedThetaCLITests {
    static func reference(_ key: String) throws -> [Double] {
        struct Fit: Decodable { let mean: [Double]; let model: String }
        struct Case: Decodable { let name: String; let fits: [String: Fit] }
        struct File: Decodable { let cases: [Case] }
        let url = CLITests.repositoryRoot.appendingPathComponent("Tests/ForecastingTests/Fixtures/theta/theta.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let c = try #require(file.cases.first { $0.name == "nyc_water_per_capita" })
        return try #require(c.fits[key]).mean
    }

    @Test(arguments: [("dotm", "dotm", "DOTM"), ("auto-theta", "auto", "AutoTheta(OTM)")])
    func forecastMatchesStatsforecast(model: String, key: String, name: String) throws {
        let result = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv", "--model", model, "--horizon", "5",
                                       "--where", "indicator=water_per_capita", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.count == 1)
        let fitted = try #require(series[0]["model"] as? [String: Any])
        #expect(fitted["name"] as? String == name)
        let steps = try #require(series[0]["forecast"] as? [[String: Any]])
        #expect(steps.map { $0["date"] as? String } == ["2023", "2024", "2025", "2026", "2027"])
        let wanted = try Self.reference(key)
        for (step, expected) in zip(steps, wanted) {
            let mean = try #require(step["mean"] as? Double)
            #expect(Swift.abs(mean - expected) <= 1e-6 * Swift.abs(expected), "\(model): \(mean) vs \(expected)")
            let lower = try #require(step["lower"] as? [String: Double]), upper = try #require(step["upper"] as? [String: Double])
            #expect(try #require(lower["95"]) < mean && mean < (try #require(upper["95"])))
        }
    }

    @Test func statsforecastLayoutNamesTheModel() throws {
        let result = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv", "--model", "dotm", "--horizon", "2",
                                       "--where", "indicator=water_per_capita", "--style", "statsforecast", "--format", "csv"])
        #expect(result.status == 0, "\(result.error)")
        let header = try #require(result.output.split(separator: "\n").first)
        #expect(header.contains("DynamicOptimizedTheta"), "\(header)")
    }

    /// backtest and bench take the new names like any other model; every series is scored.
    @Test func backtestAndBenchAcceptTheFamily() throws {
        let backtest = try CLITests.run(["backtest", "Datasets/nyc_water_long.csv", "--model", "dotm,auto-theta",
                                         "--horizon", "3", "--windows", "4", "--where", "indicator=water_per_capita",
                                         "--format", "json"])
        #expect(backtest.status == 0, "\(backtest.error)")
        #expect(backtest.output.contains("\"dotm\"") && backtest.output.contains("\"auto-theta\""), "\(backtest.output)")
        let bench = try CLITests.run(["bench", "Datasets/nyc_water_long.csv", "--models", "stm,otm,dstm,dotm,auto-theta",
                                      "--horizon", "3", "--format", "csv"])
        #expect(bench.status == 0, "\(bench.error)")
        let rows = bench.output.split(separator: "\n").dropFirst()
        #expect(rows.map { $0.split(separator: ",").first.map(String.init) } == ["stm", "otm", "dstm", "dotm", "auto-theta"],
                "\(bench.output)")
    }
}
