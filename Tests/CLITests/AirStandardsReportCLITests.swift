import Foundation
import Testing

/// `--report` on `air standards` and `air trend`, end to end: the report is written beside an
/// unchanged output, holds its charts and input hash, is replaced when UrbanCast wrote it and
/// never when it did not.
@Suite struct AirStandardsReportCLITests {
    static func folder() throws -> URL { try ReportCLITests.folder() }

    /// Writes a report and checks it as the other air reports are checked
    /// (``AirReportCLITests/check(_:charts:contains:)``): output unchanged, the charts `ids` and the
    /// input hash on the page, its own report replaced and a user's file refused.
    static func checkReport(_ arguments: [String], ids: [String]) throws {
        try AirReportCLITests.check(arguments, charts: ids, contains: ["SHA-256 "])
    }

    @Test func standardsReport() throws {
        try Self.checkReport(
            ["air", "standards", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5", "--city"],
            ids: ["calendar-beijing-pm2-5-us-epa-2024-2013", "calendar-beijing-pm2-5-us-epa-2024-2017", "time-variation-beijing-pm2-5",
                  "exceedances-beijing-pm2-5"])
        let folder = try Self.folder().appendingPathComponent("china.html").path
        let china = try CLITests.run(["air", "standards", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5", "--city",
                                      "--report", folder, "--calendar-index", "china-hj633-2012"])
        #expect(china.status == 0, "\(china.error)")
        #expect(try String(contentsOfFile: folder, encoding: .utf8).contains("id=\"calendar-beijing-pm2-5-china-hj633-2012-2014\""))
    }

    @Test func aCalendarIndexMustExistAndNeedsAReport() throws {
        let arguments = ["air", "standards", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5", "--city"]
        let alone = try CLITests.run(arguments + ["--calendar-index", "us-epa-2024"])
        #expect(alone.status == 2 && alone.error.contains("--calendar-index needs --report"), "\(alone.error)")
        let path = try Self.folder().appendingPathComponent("x.html").path
        let unknown = try CLITests.run(arguments + ["--report", path, "--calendar-index", "eu-eaqi"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("unknown index 'eu-eaqi'; the standards have us-epa-2024, china-hj633-2012"), "\(unknown.error)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func trendReport() throws {
        try Self.checkReport(
            ["air", "trend", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5,NO2", "--city", "--replicates", "50"],
            ids: ["trend-beijing-pm2-5", "trend-beijing-no2"])
    }
}
