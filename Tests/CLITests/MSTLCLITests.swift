import Foundation
import Testing

/// `mstl` from the command line on the bundled hourly file: the day and the week by default.
@Suite struct MSTLCLITests {
    @Test func hourlyFileTakesTheDayAndTheWeek() throws {
        let result = try CLITests.run(["forecast", "Datasets/tetouan_power_hourly_long.csv", "--model", "mstl",
                                       "--horizon", "2", "--where", "series=zone1", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let series = try #require((json["series"] as? [[String: Any]])?.first)
        let name = try #require((series["model"] as? [String: Any])?["name"] as? String)
        #expect(name.hasPrefix("MSTL[24,168] + ETS("), "\(name)")
        #expect((series["forecast"] as? [[String: Any]])?.count == 2)
        let refused = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv", "--model", "mstl[24,168]", "--horizon", "2"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("MSTL needs a seasonal period with at least two full cycles"), "\(refused.error)")
    }
}
