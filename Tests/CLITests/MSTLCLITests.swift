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

/// `--season-length 24,168`: mstl's periods from the command line.
@Suite struct SeasonLengthListCLITests {
    @Test func aListGivesMSTLItsPeriods() throws {
        let common = ["Datasets/tetouan_power_hourly_long.csv", "--horizon", "2", "--where", "series=zone2", "--format", "csv"]
        let listed = try CLITests.run(["forecast"] + common + ["--model", "mstl", "--season-length", "12,24"])
        let bracketed = try CLITests.run(["forecast"] + common + ["--model", "mstl[12,24]"])
        #expect(listed.status == 0 && bracketed.status == 0, "\(listed.error)")
        #expect(listed.output == bracketed.output && listed.output.contains("MSTL[12,24] + ETS("))
        // Other models take the first length: snaive with 12 repeats the values of 12 hours before.
        let snaive = try CLITests.run(["forecast"] + common + ["--model", "snaive", "--season-length", "12,24"])
        let twelve = try CLITests.run(["forecast"] + common + ["--model", "snaive", "--season-length", "12"])
        #expect(snaive.status == 0 && snaive.output == twelve.output)
        for bad in ["24,12", "24,x", "1,24", "24,,168"] {
            let refused = try CLITests.run(["forecast"] + common + ["--model", "mstl", "--season-length", bad])
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.error.contains("--season-length") || refused.error.contains("season lengths"), "\(bad): \(refused.error)")
        }
    }
}
