import Foundation
import Testing

/// `--report` on `air sources` and `air mitigate`, end to end: the run's own output is as it was,
/// the report holds the charts and the input's checksum, it replaces a report UrbanCast wrote and
/// never a file it did not.
@Suite struct AirReportCLITests {
    /// Runs `arguments` without and with `--report` into a new folder, checks the output is the same
    /// and the report's charts are there, writes it again over itself, then refuses a foreign file.
    static func check(_ arguments: [String], charts: [String], contains facts: [String]) throws {
        let folder = try ReportCLITests.folder()
        let plain = try CLITests.run(arguments)
        #expect(plain.status == 0, "\(plain.error)")
        let report = folder.appendingPathComponent("air.html").path
        let reported = try CLITests.run(arguments + ["--report", report])
        #expect(reported.status == 0, "\(reported.error)")
        #expect(reported.output == plain.output)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        for chart in charts { #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(chart)\""), "\(chart)") }
        for fact in facts { #expect(html.contains(fact), "\(fact)") }
        #expect(!html.contains("<script"))
        try ReportCLITests.expectReplacesOnlyItsOwnReport(arguments, report: report, folder: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["air.html", "notes.html"])
    }

    /// Dongsi's hourly wide file has wind columns: a wind rose and a polar plot, the file's SHA-256
    /// (from `sha256sum Datasets/beijing_dongsi_hourly_wide.csv`) and the wind columns read.
    @Test func sourcesReport() throws {
        try Self.check(["air", "sources", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "NO2"],
                       charts: ["wind-rose-dongsi", "polar-plot-dongsi"],
                       contains: ["<th scope=\"row\">wind direction column</th><td>wd</td>",
                                  "<th scope=\"row\">Datasets/beijing_dongsi_hourly_wide.csv</th><td>SHA-256 eb7b90ad2ddb1d852e33587f6ac0e51ae0c415d11a7af296a04cecceb467cc59</td>",
                                  "indications of sources, not a source apportionment"])
    }

    /// A small typed plan: the abatement curve and the least-cost path, and the plan's checksum.
    @Test func mitigateReport() throws {
        let plan = try CLITests.temporaryFile("plan.yaml", """
            pollutant: PM2.5
            baseline: {year: 2020, concentration: 40, trendPerYear: -0.5, trendSD: 0.2}
            horizon: 2030
            costUnit: million EUR
            sectors: [{name: traffic, share: 0.5, sd: 0.05}, {name: heating, share: 0.5, sd: 0.05}]
            measures:
              - {name: low-emission zone, sector: traffic, reduction: 0.3, start: 2021, annualCost: 20}
              - {name: heat pumps, sector: heating, reduction: 0.4, start: 2021, ramp: 3, annualCost: 50}
            health: {population: 1000000, baselineMortality: 0.008}
            target: {concentration: 30, year: 2028}
            draws: 100
            """)
        try Self.check(["air", "mitigate", plan], charts: ["abatement-cost-curve", "mitigation-path-least-cost"],
                       contains: ["<th scope=\"row\">\(plan)</th><td>SHA-256 ", "<th scope=\"row\">target</th><td>30 µg/m³ by 2028</td>"])
    }
}
