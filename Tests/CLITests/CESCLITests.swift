import Foundation
import Testing
import TestSupport

/// `urbancast forecast --model auto-ces` on a bundled dataset gives statsforecast's AutoCES
/// forecasts (the fixture of CESTests, made by Tests/ForecastingTests/Fixtures/ces/make_fixtures.py).
@Suite struct CESCLITests {
    @Test func forecastRunsAutoCESOnNYCWater() throws {
        let fixture = CLITests.repositoryRoot.appendingPathComponent("Tests/ForecastingTests/Fixtures/ces/ces.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        let cases = try #require(json["cases"] as? [[String: Any]])
        let water = try #require(cases.first { $0["name"] as? String == "NYC water consumption" })
        let fits = try #require(water["fits"] as? [String: [String: Any]])
        let wanted = try #require(fits["Z"]?["forecast"] as? [Double])
        let result = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv", "--model", "auto-ces", "--horizon", "3",
                                       "--where", "indicator=water_consumption", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let series = try #require(output["series"] as? [[String: Any]])
        #expect(series.count == 1)
        let model = try #require(series[0]["model"] as? [String: Any])
        #expect(model["name"] as? String == "CES(N)")
        let steps = try #require(series[0]["forecast"] as? [[String: Any]])
        #expect(steps.map { $0["date"] as? String } == ["2023", "2024", "2025"])
        for (step, row) in steps.enumerated() {
            expectClose(try #require(row["mean"] as? Double), wanted[step], .relative(1e-6), "step \(step + 1)")
            let lower = try #require(row["lower"] as? [String: Double]), upper = try #require(row["upper"] as? [String: Double])
            #expect(try #require(lower["95"]) < wanted[step] && wanted[step] < (try #require(upper["95"])))
        }
        let fixed = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv", "--model", "ces(f)", "--horizon", "2",
                                      "--where", "indicator=water_consumption"])
        #expect(fixed.status == 0, "\(fixed.error)")
    }
}
