import Foundation
import Testing

/// `urbancast air nowcast` and `--quarterly-capture`, on small files worked by hand.
@Suite struct AirNowCastCLITests {
    /// 24 hours of PM2.5 at station A: 0 µg/m³ for hours 00–10, 71 at 11:00, then 10.
    static func hourlyFile() throws -> String {
        let rows = (0..<24).map { hour in
            "A,PM2.5,2024-03-01 \(hour < 10 ? "0" : "")\(hour):00,\(hour < 11 ? 0 : hour == 11 ? 71 : 10)"
        }
        return try CLITests.temporaryFile("pm.csv", (["station,pollutant,date,value"] + rows).joined(separator: "\n"))
    }

    /// By hand (EPA's NowCast): at 00:00 one valid hour of the last three, no NowCast; at 01:00
    /// two hours of 0, weight 1 (all zero), NowCast 0, AQI 0 Good; at 11:00 the window is 71 and
    /// eleven zeros: w* = 0 → 0.5, NowCast = 71 / (1 + 0.5 + … + 0.5¹¹) = 71 / 1.99951171875 =
    /// 35.508668…, truncated to 35.5: the first value of 101–150, AQI 101, Unhealthy for
    /// Sensitive Groups.
    @Test func csvHoursAreWorkedByHand() throws {
        let result = try CLITests.run(["air", "nowcast", try Self.hourlyFile(), "--pollutant", "PM2.5"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "station,pollutant,date,value,nowcast,unit,aqi,category")
        #expect(lines[1] == "A,PM2.5,2024-03-01 00:00,0.0,,µg/m³,,")
        #expect(lines[2] == "A,PM2.5,2024-03-01 01:00,0.0,0.0,µg/m³,0,Good")
        let eleven = lines[12].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(eleven[2] == "2024-03-01 11:00" && eleven[3] == "71.0")
        let nowCast = try #require(Double(eleven[4]))
        #expect(abs(nowCast - 71 / 1.99951171875) < 1e-12)
        #expect(eleven[6] == "101" && eleven[7] == "Unhealthy for Sensitive Groups")
        #expect(lines.count == 26 && lines[25].isEmpty)  // 24 hours after the header, then the final line break
    }

    /// The JSON document: one series with 24 hours, nulls where there is no NowCast.
    @Test func jsonDocument() throws {
        let result = try CLITests.run(["air", "nowcast", try Self.hourlyFile(), "--pollutant", "PM2.5", "--format", "json",
                                       "--progress", "never"])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] is String)
        let series = try #require(document["series"] as? [[String: Any]])
        #expect(series.count == 1)
        #expect(series[0]["index"] as? String == "us-epa-2024" && series[0]["pollutant"] as? String == "PM2.5")
        let hours = try #require(series[0]["hours"] as? [[String: Any]])
        #expect(hours.count == 24)
        #expect(hours[0]["nowcast"] is NSNull && hours[0]["aqi"] is NSNull && hours[0]["category"] is NSNull)
        #expect(hours[11]["aqi"] as? Int == 101)
    }

    /// Gases, daily data and unknown indices are refused with a message naming the problem.
    @Test func refusals() throws {
        let gas = try CLITests.run(["air", "nowcast", try Self.hourlyFile(), "--pollutant", "NO2"])
        #expect(gas.status != 0 && gas.error.contains("PM2.5 and PM10 only"))
        let missing = try CLITests.run(["air", "nowcast", try Self.hourlyFile()])
        #expect(missing.status != 0 && missing.error.contains("--pollutant is required"))
        let daily = try CLITests.run(["air", "nowcast", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5", "--city"])
        #expect(daily.status == 1 && daily.error.contains("hourly"), "\(daily.error)")
        let index = try CLITests.run(["air", "nowcast", try Self.hourlyFile(), "--pollutant", "PM2.5", "--index", "nope"])
        #expect(index.status == 2 && index.error.contains("unknown index 'nope'"))
    }

    /// Appendix N: daily PM2.5 for 2023 with 1 January … 9 March missing (68 days): the year has
    /// 297 of 365 days (81 % ≥ 75 %), but the first quarter 22 of 90 (24 %). By hand the year
    /// is valid over the calendar year and not valid with --quarterly-capture.
    @Test func quarterlyCaptureFollowsAppendixN() throws {
        var rows = ["station,pollutant,date,value"]
        for day in 68..<365 {
            var components = DateComponents(year: 2023, month: 1, day: 1)
            components.day = 1 + day
            let date = try #require(Calendar(identifier: .gregorian).date(from: components))
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.calendar = Calendar(identifier: .gregorian)
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(identifier: "UTC") ?? .current
            rows.append("A,PM2.5,\(formatter.string(from: utc.date(from: components) ?? date)),12")
        }
        let file = try CLITests.temporaryFile("daily.csv", rows.joined(separator: "\n"))
        func capture(_ extra: [String]) throws -> (valid: Bool, days: Int) {
            let result = try CLITests.run(["air", "standards", file, "--format", "json"] + extra)
            #expect(result.status == 0, "\(result.error)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            let year = try #require((document["results"] as? [[String: Any]])?.first)
            return (try #require(year["meetsCaptureRule"] as? Bool), try #require(year["validDays"] as? Int))
        }
        let calendarYear = try capture([])
        #expect(calendarYear.valid && calendarYear.days == 297)
        let quarters = try capture(["--quarterly-capture"])
        #expect(!quarters.valid && quarters.days == 297)
    }
}
