import Foundation
import Testing

/// `tbats` from the command line: `--season-length 12,24` fills a bare `tbats` as `tbats[12,24]`,
/// and bad periods are refused with the grammar's message.
@Suite struct TBATSCLITests {
    @Test func seasonLengthListGivesTBATSItsPeriods() throws {
        // Four days of hourly data with a 12-hour and a 24-hour cycle.
        var lines = ["date,value"]
        for t in 0..<96 {
            let day = 1 + t / 24, hour = t % 24
            let value = 100 + 10 * sin(2 * Double.pi * Double(t) / 24) + 4 * cos(2 * Double.pi * Double(t) / 12)
                + Double((t * 37) % 11) / 5
            lines.append(String(format: "2024-03-%02dT%02d:00,%.3f", day, hour, value))
        }
        let file = try CLITests.temporaryFile("cycles.csv", lines.joined(separator: "\n") + "\n")
        let common = [file, "--horizon", "3", "--format", "csv"]
        let listed = try CLITests.run(["forecast"] + common + ["--model", "tbats", "--season-length", "12,24"])
        let bracketed = try CLITests.run(["forecast"] + common + ["--model", "tbats[12,24]"])
        #expect(listed.status == 0 && bracketed.status == 0, "\(listed.error) \(bracketed.error)")
        #expect(listed.output == bracketed.output)
        #expect(listed.output.contains("TBATS(") && listed.output.contains("<12,") && listed.output.contains("<24,"),
                "\(listed.output)")
        let refused = try CLITests.run(["forecast"] + common + ["--model", "tbats[24,24]"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("tbats takes distinct seasonal periods"), "\(refused.error)")
    }
}
