import Testing

@testable import UrbanCast

/// Diagnostics in air-quality files name the line a row is really on, after cells that span lines.
@Suite("Air-quality diagnostics lines")
struct AirLineNumberTests {
    @Test("a bad wind direction after a quoted two-line cell is reported on its own line")
    func windDirectionLine() throws {
        let text = "date,wd,note\n2017-01-01 00:00,N,\"two\nlines\"\n2017-01-01 01:00,XYZ,one\n"
        let table = try WideTable(Array(text.utf8), file: "met.csv")
        #expect(table.line(ofRow: 0) == 2 && table.line(ofRow: 1) == 4)
        do {
            _ = try WeatherNormalization.windDirections(table, column: "wd", file: "met.csv")
            Issue.record("XYZ was accepted as a wind direction")
        } catch {
            #expect(error.description.contains("met.csv:4:2:"), "\(error)")
        }
    }
}
