import Foundation
import Testing
import TestSupport
import UrbanCast
@testable import UrbanCastCharts

/// The air-quality charts: where a day, a mean, a trend and a bar land, worked out by hand from
/// the layout rules and the published category tables, and that the same input gives the same bytes.
@Suite struct AirStandardsTrendChartTests {
    /// A station's daily PM2.5 (µg/m³) for 2015, missing except on the given days.
    static func dailyRecord(_ days: [Int: Double], year: Int = 2015) throws -> Localization.Record {
        let start = SeriesDate(year: year, month: 1, day: 1, precision: .day)
        let values = (0..<365).map { days[$0] ?? .nan }
        let series = KeyedSeries(key: ["station": "Dongsi", "pollutant": "PM2.5"], unit: "µg/m³",
                                 series: TimeSeries(start: start, frequency: .daily, values: values))
        return try #require(try Localization(SeriesPanel([series])).stations.first)
    }

    static let us = AirQualityStandards.builtIn.indices.first { $0.id == "us-epa-2024" }
    static let china = AirQualityStandards.builtIn.indices.first { $0.id == "china-hj633-2012" }

    /// 4 July 2015 was a Saturday and 1 July a Wednesday (weekday 3, Sunday 0), so the 4th sits in
    /// column 3 + 3 = 6 of the first week row. A cell is (720 − 2·16 − 3·16)/4/7 = 640/28 px; July
    /// is the third panel of the second row: x = 16 + 2·(7·640/28 + 16) = 368, y = 40 + (30 + 6·640/28)
    /// + 12 = 219.142857, and its first week row starts 30 px lower. The 4th's daily mean of 40 µg/m³
    /// is "Unhealthy for Sensitive Groups" on the US AQI (35.5–55.4 µg/m³, 89 FR 16202) — orange
    /// #FF7E00 — and "Good" on China's (35–75 µg/m³, HJ 633-2012 Table 1) — yellow #FFFF00.
    @Test func aDayLandsInItsCellWithItsCategorysColour() throws {
        // Day numbers from 1 January (0): 4 July is day 184, 5 July 185, 6 July 186.
        let record = try Self.dailyRecord([184: 40, 185: 5, 186: 100])
        let us = try #require(Self.us), china = try #require(Self.china)
        let plot = CalendarPlot(title: "t", description: "d", year: 2015, categories: [])
        let cell = plot.cell(month: 7, day: 4)
        expectClose(cell.size, 640.0 / 28, .absolute(1e-12))
        expectClose(cell.x, 368 + 6 * 640.0 / 28, .absolute(1e-9))
        expectClose(cell.y, 40 + 30 + 6 * 640.0 / 28 + 12 + 30, .absolute(1e-9))

        let charts = try record.calendarCharts(index: us, rules: .standard)
        #expect(charts.map(\.id) == ["calendar-dongsi-pm2-5-us-epa-2024-2015"])
        let svg = try #require(charts.first?.svg)
        _ = try SVGPaths(svg)
        #expect(svg.contains("class=\"day\" x=\"505.14\" y=\"249.14\" width=\"22.86\" height=\"22.86\" fill=\"#FF7E00\""), "\(svg)")
        // 5 July (5 µg/m³, Good, green) one column to the right wraps to the next row's Sunday;
        // 6 July (100 µg/m³, Unhealthy 55.5–125.4, red) next to it.
        #expect(svg.contains("class=\"day\" x=\"368.00\" y=\"272.00\" width=\"22.86\" height=\"22.86\" fill=\"#00E400\""))
        #expect(svg.contains("class=\"day\" x=\"390.86\" y=\"272.00\" width=\"22.86\" height=\"22.86\" fill=\"#FF0000\""))
        // 7 July has no value: an empty outlined square, inset by 1 px.
        #expect(svg.contains("class=\"day missing\" x=\"414.71\" y=\"273.00\" width=\"20.86\" height=\"20.86\" fill=\"#ffffff\""))
        #expect(svg.components(separatedBy: "class=\"day\"").count - 1 == 3)
        #expect(svg.components(separatedBy: "class=\"day missing\"").count - 1 == 362)
        let row = try #require(charts.first?.table.rows.first { $0.first == "2015-07-04" })
        #expect(row == ["2015-07-04", "40.0", "112", "Unhealthy for Sensitive Groups"])

        let chinese = try #require(try record.calendarCharts(index: china, rules: .standard).first?.svg)
        #expect(chinese.contains("class=\"day\" x=\"505.14\" y=\"249.14\" width=\"22.86\" height=\"22.86\" fill=\"#FFFF00\""))
        #expect(chinese.contains(">Heavily polluted</text>") && chinese.contains("fill=\"#99004C\""))
    }

    @Test func eachIndexHasItsOfficialColoursAndReadableDayNumbers() throws {
        let indices = AirQualityStandards.builtIn.indices
        #expect(indices.map { AirQualityColors.colors(for: $0) } == [
            ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#8F3F97", "#7E0023"],
            ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023"],
            ["#00B050", "#92D051", "#FFFF00", "#FF6500", "#FF0000", "#C00000"],
            ["#0000FF", "#00FF00", "#FFFF00", "#FF0000"],
            ["#008000", "#0000FF", "#FFFF00", "#FF0000", "#000000"],
        ])
        // WCAG relative luminance: yellow 0.93 (black text), purple #8F3F97 0.12 (white text), blue 0.07.
        #expect(AirQualityColors.textColor(on: "#FFFF00") == "#000000")
        #expect(AirQualityColors.textColor(on: "#8F3F97") == "#FFFFFF")
        #expect(AirQualityColors.textColor(on: "#0000FF") == "#FFFFFF")
    }

    /// The Student t interval by hand: hour 5 of three days reads 5, 15, 25 (mean 15, s = 10), so
    /// the 95 % interval is 15 ± t(0.975, 2) · 10/√3, where with two degrees of freedom
    /// t(p, 2) = (2p − 1)/√(2p(1 − p)) in closed form, 4.302652729749462 (SciPy `t.ppf(0.975, 2)`
    /// agrees); a class of one reading has no interval.
    @Test func timeVariationMeansAndIntervalsByHand() throws {
        let profile = try TimeVariation.Profile(labels: ["a", "b", "c"], classes: [[5, 15, 25], [7], []], level: 95)
        #expect(profile.mean[0] == 15 && profile.count == [3, 1, 0])
        let half = 0.95 / (2 * 0.975 * 0.025).squareRoot() * 10 / 3.0.squareRoot()
        expectClose(profile.lower[0], 15 - half, .relative(1e-10))
        expectClose(profile.upper[0], 15 + half, .relative(1e-10))
        #expect(profile.mean[1] == 7 && profile.lower[1].isNaN && profile.mean[2].isNaN)
        #expect(throws: AirQualityError.self) { try TimeVariation.Profile(labels: [], classes: [], level: 100) }

        // Hourly data, 1–3 July 2015 (Wednesday to Friday): hour h of day d reads h + 10 d.
        let start = SeriesDate(year: 2015, month: 7, day: 1, precision: .minute)
        let values = (0..<72).map { Double($0 % 24 + 10 * ($0 / 24)) }
        let series = KeyedSeries(key: ["station": "Dongsi", "pollutant": "NO2"], unit: "µg/m³",
                                 series: TimeSeries(start: start, frequency: .hourly, values: values))
        let record = try #require(try Localization(SeriesPanel([series])).stations.first)
        #expect(record.subDaily?.values == values)
        let variation = try TimeVariation(record)
        let hour = try #require(variation.hour)
        #expect(hour.mean[5] == 15 && hour.count[5] == 3)
        expectClose(hour.upper[5], 15 + half, .relative(1e-10))
        #expect(variation.weekday.count == [0, 0, 0, 24, 24, 24, 0])
        #expect(variation.weekday.mean[3] == 11.5 && variation.weekday.mean[5] == 31.5)
        #expect(variation.month.count[6] == 72 && variation.month.mean[6] == 21.5)

        // Each panel's band contains its line, point by point.
        let chart = try record.timeVariationChart()
        let paths = try SVGPaths(chart.svg)
        #expect(paths.lines.count == 3 && paths.bands.count == 3)
        for (line, band) in zip(paths.lines, paths.bands) {
            let edges = SVGPaths.edges(band)
            for point in line {
                guard let edge = edges[point.x] else { continue }
                #expect(edge.top <= point.y && point.y <= edge.bottom, "\(point)")
            }
        }
        // The hour panel's point for hour 5 at its slot's middle: x = left + 5.5 · width / 24.
        let layout = TimeVariationPlot(title: "", description: "", valueTitle: "", variation: variation).layout()
        let panel = layout.panels[0]
        expectClose(panel.x(5), panel.left + 5.5 * (panel.right - panel.left) / 24, .absolute(1e-9))
        #expect(paths.lines[0].contains { Swift.abs($0.x - panel.x(5)) < 0.006 && Swift.abs($0.y - layout.y(15)) < 0.006 })
    }

    /// Months of 2010–2011 on the line 10 + 1.2 t, with two outliers: the Theil–Sen slope stays
    /// 1.2 (231 of 276 pairwise slopes are 1.2) and the intercept 10 (22 of 24 residuals are 10).
    @Test func trendLineAndItsBandByHand() throws {
        var monthly: [PeriodStatistic] = []
        for k in 0..<24 {
            let t = 2010 + Double(k) / 12
            let value = k == 5 ? 100 : k == 17 ? -50 : 10 + 1.2 * t
            monthly.append(PeriodStatistic(date: SeriesDate(year: 2010 + k / 12, month: k % 12 + 1, precision: .month),
                                           mean: value, count: 30, possible: 30, isValid: true))
        }
        let options = TrendAnalysis.Options(deseasonalization: .none, replicates: 200, seed: 3)
        let result = try TrendAnalysis.analyze(key: ["station": "Dongsi"], pollutant: .no2, unit: .microgramsPerCubicMetre,
                                               monthly: monthly, options: options)
        expectClose(result.slopePerYear, 1.2, .absolute(1e-9))
        let line = result.trendLine()
        for k in 0..<24 { expectClose(line.fitted[k], 10 + 1.2 * (2010 + Double(k) / 12), .absolute(1e-7)) }
        // The band pivots at the median month, t̃ = 2010 + 11.5/12, so at the first month it is
        // (upper − lower) · 11.5/12 wide; and it contains the line everywhere.
        expectClose(line.upper[0] - line.lower[0], (result.upper - result.lower) * 11.5 / 12, .absolute(1e-9))
        for k in 0..<24 { #expect(line.lower[k] <= line.fitted[k] + 1e-9 && line.fitted[k] <= line.upper[k] + 1e-9) }

        let chart = result.chart(options: options)
        #expect(chart.title.hasPrefix("Dongsi NO2: Theil–Sen trend 1.2 µg/m³/year, 95% interval "))
        #expect(chart.svg.contains(">NO2 (µg/m³)</text>") && chart.svg.contains(">month</text>"))
        let paths = try SVGPaths(chart.svg)
        #expect(paths.lines.count == 2 && paths.bands.count == 1)
        let edges = SVGPaths.edges(paths.bands[0])
        for point in paths.lines[1] {
            let edge = try #require(edges[point.x])
            #expect(edge.top <= point.y + 0.01 && point.y <= edge.bottom + 0.01)
        }
    }

    /// 365 days cycling 10, 20, 30, 40, 60, 80 µg/m³ (61 of each of the first five, 60 of 80):
    /// above 15: 61·4 + 60 = 304 days; above 25: 243; above 37.5: 182; above 50: 121; above 75: 60.
    /// The value axis: the five legend entries need 22 + 0.65 · 12 · characters + 18 px each,
    /// 714.8 px in all, more than the 688 px of a row, so they take two rows and top = 36 + 2 · 18
    /// + 14 = 86; bottom = 340 − 46 = 294; (294 − 86)/50 → 4 + 1 = 5 ticks wanted, step
    /// nice(304/4 = 76) = 100, axis 0…400, so the 304-day bar is 304/400 · 208 = 158.08 px high
    /// and the 60-day bar 31.20 px.
    @Test func exceedanceBarsHaveTheHeightOfTheirCounts() throws {
        let cycle = [10.0, 20, 30, 40, 60, 80]
        let record = try Self.dailyRecord(Dictionary(uniqueKeysWithValues: (0..<365).map { ($0, cycle[$0 % 6]) }))
        let report = try StandardsReport(records: [record], rules: .standard)
        let charts = report.exceedanceCharts(guidelines: AirQualityStandards.builtIn.guidelines)
        let chart = try #require(charts.first)
        #expect(charts.count == 1 && chart.id == "exceedances-dongsi-pm2-5")
        #expect(chart.table.columns == ["year", "valid days", "days in year", "days above AQG 15 µg/m³", "days above IT-4 25 µg/m³",
                                        "days above IT-3 37.5 µg/m³", "days above IT-2 50 µg/m³", "days above IT-1 75 µg/m³"])
        #expect(chart.table.rows == [["2015", "365", "365", "304", "243", "182", "121", "60"]])
        let labels = ["AQG 15 µg/m³", "IT-4 25 µg/m³", "IT-3 37.5 µg/m³", "IT-2 50 µg/m³", "IT-1 75 µg/m³"]
        let plot = GroupedBarPlot(title: "t", description: "d", valueTitle: "v", categoryTitle: "year", categories: ["2015"],
                                  series: labels.enumerated().map { (label: $1, color: Palette.color($0), values: [0]) })
        let layout = plot.layout()
        #expect(layout.top == 86 && layout.bottom == 294)
        #expect(chart.svg.contains("height=\"158.08\" fill=\"\(Palette.color(0))\""), "\(chart.svg)")
        #expect(chart.svg.contains("height=\"31.20\" fill=\"\(Palette.color(4))\""))
        // Five bars in one slot, centred: the first starts at left + (slot − 5 · bar)/2.
        let slot = layout.right - layout.left
        expectClose(layout.barLeft(series: 0, category: 0, seriesCount: 5), layout.left + (slot - 5 * layout.barWidth) / 2, .absolute(1e-9))
        #expect(layout.barWidth == 28)
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let cycle = [10.0, 20, 30, 40, 60, 80, .nan]
        let record = try Self.dailyRecord(Dictionary(uniqueKeysWithValues: (0..<365).map { ($0, cycle[$0 % 7]) }))
        func html() throws -> String {
            let report = try StandardsReport(records: [record], rules: .standard)
            return try HTMLReport(standards: report, records: [record], rules: .standard, settings: [("file", "x.csv")]).html()
        }
        let first = try html()
        #expect(first == (try html()))
        #expect(first.contains("id=\"calendar-dongsi-pm2-5-us-epa-2024-2015\"") && first.contains("id=\"time-variation-dongsi-pm2-5\"")
            && first.contains("id=\"exceedances-dongsi-pm2-5\""))
        #expect(!first.contains("<script"))
    }

    /// The library example of the air charts: a station's hourly PM2.5 to its charts and report,
    /// touching no file.
    @Test func libraryExample() throws {
        let start = SeriesDate(year: 2023, month: 1, day: 1, precision: .minute)
        let values = (0..<8760).map { (hour: Int) -> Double in
            let weekdayBump = hour / 24 % 7 == 3 ? 40 : 0
            return Double(20 + hour * 7919 % 60 + weekdayBump)
        }
        let panel = try SeriesPanel([KeyedSeries(key: ["station": "Dongsi", "pollutant": "PM2.5"], unit: "µg/m³",
                                                 series: TimeSeries(start: start, frequency: .hourly, values: values))])
        // AIR-CHARTS-EXAMPLE-BEGIN
        let localization = try Localization(panel)
        let rules = localization.options.capture
        let report = try StandardsReport(records: localization.stations, rules: rules)
        let station = localization.stations[0]
        let china = try #require(AirQualityStandards.builtIn.indices.first { $0.id == "china-hj633-2012" })
        let calendars = try station.calendarCharts(index: china, rules: rules)         // one per year
        let variation = try station.timeVariationChart()                               // hour, weekday, month
        let exceedances = report.exceedanceCharts(guidelines: AirQualityStandards.builtIn.guidelines)
        let html = try HTMLReport(standards: report, records: localization.stations, calendarIndex: "china-hj633-2012",
                                  rules: rules).html()
        // AIR-CHARTS-EXAMPLE-END
        #expect(calendars.count == 1 && calendars[0].table.rows.count == 365)
        #expect(variation.table.rows.count == 24 + 7 + 12)
        // Days above 15, 25, 37.5, 50 and 75 µg/m³, counted by brute force over the 365 daily means
        // of the same formula in Python (every day is complete, so every day is valid).
        #expect(exceedances.count == 1 && exceedances[0].table.rows == [["2023", "365", "365", "365", "365", "302", "176", "42"]])
        #expect(html.contains(calendars[0].svg) && html.contains(variation.svg) && html.contains(exceedances[0].svg))
    }
}
