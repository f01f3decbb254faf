import Foundation
import Testing
import TestSupport

/// `forecast --hierarchy station/city --reconcile METHOD` on the bundled Beijing daily file: the
/// city is forecast beside its stations and the forecasts add up.
@Suite struct HierarchyCLITests {
    @Test func stationsAddUpToTheCity() throws {
        let result = try CLITests.run(["forecast", "Datasets/beijing_12sites_daily_long.csv", "--model", "theta", "--horizon", "3",
                                       "--where", "pollutant=NO2", "--missing", "interpolate", "--hierarchy", "station/city",
                                       "--reconcile", "wls-struct", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.count == 13)
        func means(_ row: [String: Any]) throws -> [Double] {
            try #require(row["forecast"] as? [[String: Any]]).map { try #require($0["mean"] as? Double) }
        }
        let city = try means(series[0])
        #expect((series[0]["key"] as? [String: String])?["station"] == "total")
        #expect(((series[0]["model"] as? [String: Any])?["name"] as? String) == "Theta + wls-struct")
        let stations = try series.dropFirst().map(means)
        for t in 0..<3 {
            expectClose(city[t], stations.reduce(0) { $0 + $1[t] }, .relativeWithFloor(1e-9, floor: 1e-9), "coherent step \(t + 1)")
        }
        let validation = try JSONSchemaCLITests.validate(text: result.output, against: "forecast")
        #expect(validation.status == 0, "\(validation.error)")
    }

    @Test(arguments: [
        (["--hierarchy", "station//city"], "--hierarchy takes key columns", Int32(2)),
        (["--hierarchy", "station/city", "--reconcile", "magic"], "--reconcile takes bottom-up, top-down, ols", 2),
        (["--reconcile", "ols"], "--reconcile is only used with --hierarchy", 2),
        // A column the file does not have is a problem of the data, as an unmatched --where is.
        (["--hierarchy", "station/province"], "the hierarchy column 'province' is not a key column", 1),
    ])
    func refusals(extra: [String], message: String, status: Int32) throws {
        let result = try CLITests.run(["forecast", "Datasets/beijing_12sites_daily_long.csv", "--model", "naive", "--horizon", "2",
                                       "--where", "pollutant=NO2", "--missing", "interpolate"] + extra)
        #expect(result.status == status, "\(result.error)")
        #expect(result.error.contains(message), "\(result.error)")
    }
}
