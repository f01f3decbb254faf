import Foundation
import Testing
import UrbanCast
import UrbanCastCharts

/// Reports: byte-identical for the same run, self-contained, written only where UrbanCast may.
@Suite struct ReportTests {
    @Test func sameSeedGivesIdenticalBytes() async throws {
        let first = try await ChartGeometryTests.nycScenario(), second = try await ChartGeometryTests.nycScenario()
        let a = HTMLReport(scenario: first, summary: nil, manifest: nil).html()
        let b = HTMLReport(scenario: second, summary: nil, manifest: nil).html()
        #expect(a == b)
        #expect(try first.json() == second.json())
        let forecastA = HTMLReport(forecast: try await ChartGeometryTests.waterRun()).html()
        let forecastB = HTMLReport(forecast: try await ChartGeometryTests.waterRun()).html()
        #expect(forecastA == forecastB)
    }

    @Test func resultsFileRoundTrips() async throws {
        let data = try await ChartGeometryTests.nycScenario(draws: 0)
        let decoded = try ScenarioReportData(json: Data(try data.json().utf8))
        // Without draws a target's probability is NaN, which no value equals: compare the text.
        #expect(try decoded.json() == data.json())
        #expect(decoded.results.targets.first?.outcomes.allSatisfy { $0.probability.isNaN } == true)
        #expect(decoded.results.indicators == data.results.indicators && decoded.history == data.history)
        #expect(decoded.history["water"]?.value(in: 2022) != nil)
    }

    /// Nothing on the page loads from elsewhere: no script, and the only URL is the SVG namespace.
    @Test func reportIsSelfContained() async throws {
        let data = try await ChartGeometryTests.nycScenario()
        let html = HTMLReport(scenario: data, summary: nil, manifest: nil).html()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("url("))
        #expect(!html.contains("https://"))
        let urls = html.components(separatedBy: "http://").count - 1
        #expect(urls == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        #expect(html.contains("@media print"))
        // A chart per indicator and alternative, the savings, a decomposition per scenario, the
        // hindcast, and per target its year's probability and the probability year by year.
        #expect(data.charts().map(\.id) == ["scenario-water-bau-conservation", "savings-water", "decomposition-water-bau",
                                             "decomposition-water-conservation", "hindcast-water", "target-water-2050",
                                             "target-water-2050-by-year"])
        #expect(html.components(separatedBy: "<details>").count - 1 == 7)
    }

    @Test func manyForecastSeriesAreCappedWithANote() async throws {
        let series = try (0..<31).map { k in
            KeyedSeries(key: SeriesKey(columns: ["site"], values: ["s\(k)"]), unit: nil,
                        series: TimeSeries(start: try SeriesDate(parsing: "2000"), frequency: .yearly,
                                           values: (0..<12).map { Double($0 + k) }))
        }
        let run = try await ForecastRun(try SeriesPanel(series), configuration: .init(model: .naive, horizon: 3))
        let report = HTMLReport(forecast: run, maximumPanels: 24)
        #expect(report.charts.count == 24)
        #expect(report.notes == ["Charts for the first 24 of 31 series; the other 7 are in the run's CSV and JSON outputs."])
        #expect(Set(report.charts.map(\.id)).count == 24)
        // The 31-row model list is folded away (and out of print), so the charts come first.
        let html = report.html()
        #expect(html.contains("<details>\n<summary>31 rows</summary>\n<table class=\"list\">"))
    }

    @Test func writingReplacesOnlyItsOwnReports() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = HTMLReport(forecast: try await ChartGeometryTests.waterRun())
        let own = folder.appendingPathComponent("report.html").path
        try report.write(to: own)
        #expect(HTMLReport.isOwnReport(at: own))
        try report.write(to: own)   // replacing its own report is fine

        let foreign = folder.appendingPathComponent("notes.html").path
        try "<html>mine</html>".write(toFile: foreign, atomically: true, encoding: .utf8)
        #expect(throws: OutputError(path: foreign, reason: .fileExists)) { try report.write(to: foreign) }
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "<html>mine</html>")
        #expect(throws: OutputError(path: folder.path, reason: .isFolder)) { try report.write(to: folder.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["notes.html", "report.html"])
    }

    /// The library example of the reports: a forecast on values in memory, its report and a chart.
    @Test func libraryExample() async throws {
        let water = KeyedSeries(key: ["city": "NYC", "indicator": "water"], unit: "Mgal/d",
                                series: TimeSeries(start: try SeriesDate(parsing: "2010"), frequency: .yearly,
                                                   values: [1039, 1010, 1008, 1002, 1009, 996, 1002, 990, 1015, 985]))
        let run = try await ForecastRun(try SeriesPanel([water]), configuration: .init(model: .autoETS, horizon: 5))
        let html = HTMLReport(forecast: run).html()            // one self-contained page
        let fan = run.results[0].chart()                       // a standalone SVG and its data
        #expect(html.contains(fan.svg))
        #expect(fan.table.rows.count == 15)                    // 10 observed years, 5 forecast
        #expect(fan.svg.contains("<title id=\"forecast-nyc-water-title\">city=NYC indicator=water: "))
    }
}
