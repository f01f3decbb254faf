import Foundation
import Testing

/// The library's typed "record too short for STL" error reaches the user in the command line's
/// words: the flag that fixes it.
@Suite struct AirTrendMessageCLITests {
    @Test func shortRecordNamesTheFlag() throws {
        var lines = ["station,pollutant,date,value"]
        var day = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                 year: 2020, month: 1, day: 1)
        let calendar = Calendar(identifier: .gregorian)
        for index in 0..<400 {
            day.day = 1 + index
            let date = try #require(calendar.date(from: day))
            var utc = calendar
            utc.timeZone = try #require(TimeZone(identifier: "UTC"))
            let parts = utc.dateComponents([.year, .month, .day], from: date)
            let text = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            lines.append("A,PM2.5,\(text),\(10 + index % 7)")
        }
        let file = try CLITests.temporaryFile("short.csv", lines.joined(separator: "\n") + "\n")
        let result = try CLITests.run(["air", "trend", file, "--pollutant", "PM2.5"])
        #expect(result.status == 1)
        #expect(result.error == "station=A PM2.5: STL deseasonalisation needs more than 24 months from the first to the last "
            + "valid month, the record has 13; use --deseason none\n", "\(result.error)")
    }
}
