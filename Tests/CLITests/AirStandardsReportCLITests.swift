import Foundation
import Testing

/// `--report` on `air standards` and `air trend`, end to end: the report is written beside an
/// unchanged output, holds its charts and input hash, is replaced when UrbanCast wrote it and
/// never when it did not.
@Suite struct AirStandardsReportCLITests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-air-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a report, checks the output is as without it and the page holds `ids`, then checks
    /// the same run replaces its own report but refuses a file it did not write.
    static func checkReport(_ arguments: [String], ids: [String]) throws {
        let folder = try folder()
        let plain = try CLITests.run(arguments)
        #expect(plain.status == 0, "\(plain.error)")
        let report = folder.appendingPathComponent("air.html").path
        let reported = try CLITests.run(arguments + ["--report", report])
        #expect(reported.status == 0, "\(reported.error)")
        #expect(reported.output == plain.output)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        for id in ids { #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\""), "\(id)") }
        #expect(html.contains("SHA-256 ") && !html.contains("<script"))
        try ReportCLITests.expectReplacesOnlyItsOwnReport(arguments, report: report, folder: folder)
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
