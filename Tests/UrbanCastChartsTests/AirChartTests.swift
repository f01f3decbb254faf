import Foundation
import Testing
import TestSupport
import UrbanCast
@testable import UrbanCastCharts

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The air-quality source and mitigation charts: where wedges, cells, bars and lines land,
/// worked out by hand from small inputs and the layout rules.
@Suite struct AirChartTests {
    /// Eight hours at one station: N at 1, 3, 1, 1 m/s, E at 1, 5, 3 m/s and S at 7 m/s, so the
    /// wind rose's frequencies are N 3/8 + 1/8, E 1/8 + 1/8 + 1/8 and S 1/8 (in speed classes
    /// 0–2, 2–4, 4–6, ≥ 6 m/s), and the binned means N (10 + 50 + 70)/3 and 20, E 30, 80, 40, S 60.
    static func eightHours() throws -> SourceReport {
        let text = """
            station,date,PM2.5,wd,WSPM
            S1,2024-01-01T00:00,10,N,1
            S1,2024-01-01T01:00,20,N,3
            S1,2024-01-01T02:00,30,E,1
            S1,2024-01-01T03:00,40,E,5
            S1,2024-01-01T04:00,50,N,1
            S1,2024-01-01T05:00,60,S,7
            S1,2024-01-01T06:00,70,N,1
            S1,2024-01-01T07:00,80,E,3

            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-wind-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try SourceReport(contentsOf: url.path, pollutant: .pm25)
    }

    /// The elements of an SVG with their attributes, in document order, read with Foundation's
    /// XML parser (which fails on anything not well-formed), and the text of each `<text>`.
    struct Elements {
        var all: [(name: String, attributes: [String: String], text: String)] = []

        init(_ svg: String) throws {
            let delegate = Delegate()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = delegate
            guard parser.parse() else { throw SVGPaths.Failure(message: "not XML: \(svg)") }
            all = delegate.all
        }

        func with(class name: String) -> [[String: String]] { all.filter { $0.attributes["class"] == name }.map(\.attributes) }
        var texts: [String] { all.filter { $0.name == "text" }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } }

        private final class Delegate: NSObject, XMLParserDelegate {
            var all: [(name: String, attributes: [String: String], text: String)] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                all.append((name, attributes, ""))
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if let last = all.indices.last, all[last].name == "text" { all[last].text += string }
            }
        }
    }

    /// The numbers of path data, in order (`M`, `A`, `L` and `Z` dropped).
    static func numbers(_ d: String) -> [Double] {
        d.split(whereSeparator: { "MALZ ".contains($0) }).compactMap { Double($0) }
    }

    /// The point of a compass bearing and radius around the charts' centre (250, 255), by the
    /// definition x = cx + r sin θ, y = cy − r cos θ.
    static func point(_ bearing: Double, _ radius: Double) -> (x: Double, y: Double) {
        (250 + radius * sin(bearing * .pi / 180), 255 - radius * cos(bearing * .pi / 180))
    }

    @Test func polarAxesPutNorthUpAndEastRight() {
        let axes = PolarAxes(centerX: 200, centerY: 200, radius: 150)
        let east = axes.point(bearing: 90, radius: 100), north = axes.point(bearing: 0, radius: 100)
        expectClose(east.x, 300, .absolute(1e-9))
        expectClose(east.y, 200, .absolute(1e-9))
        expectClose(north.x, 200, .absolute(1e-9))
        expectClose(north.y, 100, .absolute(1e-9))
        // A quarter wedge from N to E between radii 50 and 100: out along N, clockwise arc to E, in, back.
        #expect(axes.wedgePath(from: 0, to: 90, inner: 50, outer: 100)
            == "M200.00 100.00 A100.00 100.00 0 0 1 300.00 200.00 L250.00 200.00 A50.00 50.00 0 0 0 200.00 150.00 Z")
        #expect(axes.wedgePath(from: 0, to: 270, inner: 0, outer: 100) == "M200.00 100.00 A100.00 100.00 0 1 1 100.00 200.00 L200.00 200.00 Z")
    }

    @Test func viridisStopsAndInterpolation() {
        let scale = ViridisScale(domain: 20...80)
        #expect(scale.color(20) == "#440154")
        #expect(scale.color(80) == "#FDE725")
        #expect(scale.color(50) == "#21908D")   // the middle stop
        #expect(scale.color(-5) == "#440154" && scale.color(500) == "#FDE725")
        // 30 is 1/6 of the way: 4/3 stops, a third from #472C7A to #3B518B: (71 − 4, 44 + 12.33, 122 + 5.67) = (67, 56, 128).
        #expect(scale.color(30) == "#433880")
    }

    /// The wind rose: rings at 10, 20, …, 50% (NiceTicks of 0…50 asking for 5), so a frequency f
    /// lands at radius 180 × f / 50; the N wedge's calm class runs from the centre to 37.5% (135 px)
    /// and its 2–4 m/s class from there to 50% (180 px), both between bearings −9° and 9°.
    @Test func windRoseWedgesSpanTheirSectorAndFrequency() throws {
        let report = try Self.eightHours()
        let frequencies = SourceReport.windRoseFrequencies(try #require(report.stations[0].wind).sectors)
        #expect(frequencies[0] == [37.5, 12.5, 0, 0])   // N
        #expect(frequencies[4] == [12.5, 12.5, 12.5, 0])   // E
        #expect(frequencies[8] == [0, 0, 0, 12.5])   // S
        let chart = try #require(report.windRose(station: report.stations[0]))
        let svg = try Elements(chart.svg)
        let wedges = svg.with(class: "wedge").compactMap { $0["d"] }.map(Self.numbers)
        #expect(wedges.count == 6)   // N: 2 classes, E: 3, S: 1
        // N, calm: a pie slice from the centre.
        let calm = wedges[0]
        let a = Self.point(-9, 135), b = Self.point(9, 135)
        for (value, expected) in zip(calm, [a.x, a.y, 135, 135, 0, 0, 1, b.x, b.y, 250, 255]) {
            expectClose(value, expected, .absolute(0.006))
        }
        // N, 2–4 m/s: from 135 to 180 px.
        let outer = wedges[1]
        let c = Self.point(-9, 180), d = Self.point(9, 180), e = Self.point(9, 135), f = Self.point(-9, 135)
        for (value, expected) in zip(outer, [c.x, c.y, 180, 180, 0, 0, 1, d.x, d.y, e.x, e.y, 135, 135, 0, 0, 0, f.x, f.y]) {
            expectClose(value, expected, .absolute(0.006))
        }
        // S, ≥ 6 m/s alone: 12.5% is 45 px, centred on 180°.
        let south = wedges[5]
        let s0 = Self.point(171, 45)
        expectClose(south[0], s0.x, .absolute(0.006))
        expectClose(south[1], s0.y, .absolute(0.006))
        #expect(svg.texts.contains("10%") && svg.texts.contains("50%") && !svg.texts.contains("0%"))
        for name in ["N", "E", "S", "W"] + SourceReport.speedClasses { #expect(svg.texts.contains(name), "\(name)") }
        #expect(chart.table.rows[0] == ["N", "4", "37.5", "12.5", "0.0", "0.0", "50.0"])
    }

    /// The polar plot: four speed rings of 180 / 4 = 45 px; the E sector's calm cell spans
    /// 78.75°–101.25° out to 45 px and its mean 30 is coloured 1/6 along the 20…80 colour bar;
    /// the 58 cells without hours are not drawn.
    @Test func polarPlotCellsSitAtTheirBinsWithTheirColours() throws {
        let report = try Self.eightHours()
        let chart = try #require(report.polarPlot(station: report.stations[0]))
        let svg = try Elements(chart.svg)
        let cells = svg.with(class: "cell")
        #expect(cells.count == 6)
        let east = try #require(cells.first { $0["fill"] == "#433880" })
        let numbers = Self.numbers(try #require(east["d"]))
        let start = Self.point(78.75, 45), end = Self.point(101.25, 45)
        for (value, expected) in zip(numbers, [start.x, start.y, 45, 45, 0, 0, 1, end.x, end.y, 250, 255]) {
            expectClose(value, expected, .absolute(0.006))
        }
        // The highest mean, 80 (E at 2–4 m/s, from 45 to 90 px), takes the top of the bar.
        let top = try #require(cells.first { $0["fill"] == "#FDE725" })
        let topNumbers = Self.numbers(try #require(top["d"]))
        expectClose(topNumbers[2], 90, .absolute(1e-9))
        expectClose(topNumbers[11], 45, .absolute(1e-9))
        #expect(svg.texts.contains("mean PM2.5 (µg/m³)") && svg.texts.contains("no hours"))
        #expect(chart.description.contains("58 of 64 cells have no hours"))
        #expect(chart.table.rows[4].prefix(4) == ["E", "30.0", "80.0", "40.0"])
        #expect(chart.table.rows[1][1] == "")   // NNE: no hours, an empty cell
    }

    /// Two sectors (A 60%, B 40%) of a flat 50 µg/m³ baseline and three measures: m1 and m3 cost
    /// 2 per µg/m³ alone (30 for 15, 10 for 5), m2 4 (60 for 15). The curve is m1, m3 (a tie,
    /// by name), m2, with cumulative reductions 15, 20 and 27.5 (m2 halves what m1 leaves of A:
    /// 50 × 0.6 × 0.25 = 7.5), so the bars span 0–15, 15–20 and 20–27.5 µg/m³.
    static func threeMeasures(target: Double = 35) throws -> MitigationRun {
        let plan = try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 50, trendPerYear: 0, horizon: 2025,
            sectors: [.init(name: "A", share: 0.6, shareSD: 0.05), .init(name: "B", share: 0.4, shareSD: 0.05)],
            measures: [.init(name: "m1", sector: "A", reduction: 0.5, start: 2020, annualCost: 30),
                       .init(name: "m2", sector: "A", reduction: 0.5, start: 2020, annualCost: 60),
                       .init(name: "m3", sector: "B", reduction: 0.25, start: 2020, annualCost: 10)],
            costUnit: "million USD", health: try HealthImpact(population: 1e6, baselineMortality: 0.007),
            target: (target, 2025), draws: 100, seed: 3)
        return MitigationRun(plan: plan, levels: [("AQG", 5)])
    }

    /// The bars' extents in data units, then in pixels: y ticks 0…4 by 1 (labels one digit wide,
    /// 7.15 px, so the plot's left edge is 26 + 7.15 + 8 = 41.15), x ticks 0…30 by 5 to 696 px; one
    /// legend row, so the top is 36 + 18 + 10 + 24 = 88 and the bottom 400; x(15) = 41.15 + 15/30 ×
    /// 654.85 = 368.575, y(2) = 400 − 2/4 × 312 = 244; the line of the 15 µg/m³ needed for the
    /// target stands at x(15).
    @Test func abatementBarsSpanTheCumulativeReduction() throws {
        let run = try Self.threeMeasures()
        let bars = run.abatementBars()
        #expect(bars.map(\.step.measure) == ["m1", "m3", "m2"])
        for (bar, (start, end, height)) in zip(bars, [(0.0, 15.0, 2.0), (15, 20, 2), (20, 27.5, 4)]) {
            expectClose(bar.start, start, .absolute(1e-9))
            expectClose(bar.end, end, .absolute(1e-9))
            expectClose(bar.height, height, .absolute(1e-9))
        }
        let chart = run.abatementCostCurve()
        let svg = try Elements(chart.svg)
        let rects = svg.with(class: "bar")
        #expect(rects.count == 3)
        let expected: [(x: Double, y: Double, width: Double, height: Double)] = [
            (41.15, 244, 327.425, 156), (368.575, 244, 109.1417, 156), (477.7167, 88, 163.7125, 312)]
        for (rect, box) in zip(rects, expected) {
            expectClose(Double(rect["x"] ?? "") ?? .nan, box.x, .absolute(0.006))
            expectClose(Double(rect["y"] ?? "") ?? .nan, box.y, .absolute(0.006))
            expectClose(Double(rect["width"] ?? "") ?? .nan, box.width, .absolute(0.011))
            expectClose(Double(rect["height"] ?? "") ?? .nan, box.height, .absolute(0.006))
        }
        // Each bar's right edge is its cumulative reduction: x(15), x(20), x(27.5).
        for (rect, cumulative) in zip(rects, [15.0, 20, 27.5]) {
            let right = (Double(rect["x"] ?? "") ?? .nan) + (Double(rect["width"] ?? "") ?? .nan)
            expectClose(right, 41.15 + cumulative / 30 * 654.85, .absolute(0.011))
        }
        let needed = try #require(svg.with(class: "reference").first)
        expectClose(Double(needed["x1"] ?? "") ?? .nan, 368.575, .absolute(0.006))
        #expect(svg.texts.contains("cumulative PM2.5 reduction (µg/m³)"))
        #expect(svg.texts.contains("cost per µg/m³ removed (million USD a year)"))
        #expect(svg.texts.contains("needed for 35 µg/m³ in 2025: 15 µg/m³"))
        #expect(["m1", "m3", "m2"].allSatisfy(svg.texts.contains))
        #expect(chart.table.rows.map { $0[1] } == ["m1", "m3", "m2"])
    }

    /// Narrow neighbouring bars get their numbers on different rows, so no two numbers overlap,
    /// and a number that would rise into the legend is left out: twelve measures that each
    /// remove 50 × 0.1/12 × 0.1 ≈ 0.042 µg/m³ for about 10 (240 per µg/m³; bars under a pixel
    /// wide) before one that removes 45 µg/m³ for 13,500 (300 per µg/m³).
    @Test func numbersOfNarrowBarsDoNotOverlap() throws {
        let sectors = [MitigationPlan.Sector(name: "big", share: 0.9)] + (1...12).map { MitigationPlan.Sector(name: "s\($0)", share: 0.1 / 12) }
        let measures = [MitigationPlan.Measure(name: "big", sector: "big", reduction: 1, start: 2020, annualCost: 13_500)]
            + (1...12).map { MitigationPlan.Measure(name: "m\($0)", sector: "s\($0)", reduction: 0.1, start: 2020,
                                                   annualCost: 10 + Double($0) * 0.01) }
        let plan = try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2020, baseConcentration: 50, trendPerYear: 0, horizon: 2021,
            sectors: sectors, measures: measures, health: try HealthImpact(population: 1e6, baselineMortality: 0.007), draws: 10)
        let run = MitigationRun(plan: plan, levels: [])
        let bars = run.abatementBars()
        #expect(bars.last?.step.measure == "big")
        let layout = run.abatementLayout(bars: bars)
        #expect(layout.numbers.count == 13)
        let placed = layout.numbers.enumerated().compactMap { k, p in p.map { (number: k + 1, x: $0.x, y: $0.y) } }
        #expect(placed.count >= 3 && placed.count < 13)
        #expect(placed.contains { $0.number == 13 })
        for (i, p) in placed.enumerated() {
            for q in placed[(i + 1)...] {
                let width = (ChartText.estimatedWidth(String(p.number), fontSize: MitigationRun.numberSize)
                             + ChartText.estimatedWidth(String(q.number), fontSize: MitigationRun.numberSize)) / 2
                #expect(Swift.abs(p.x - q.x) >= width || Swift.abs(p.y - q.y) >= MitigationRun.numberSize, "\(p.number) and \(q.number)")
            }
            // A whole number's height below the legend's rows (36 + rows × 18 + 10).
            let rows = Double(Set(layout.legend.map(\.y)).count)
            #expect(p.y - MitigationRun.numberSize >= 36 + rows * 18 + 10 - 1e-9)
        }
        let chart = run.abatementCostCurve()
        #expect(chart.description.contains("\(13 - placed.count) bars are too narrow to number"))
    }

    /// The path chart: the target's dashed line is flat at the plot's y of 35 from the first year
    /// to the last, and the least-cost 90% band contains its central line every year.
    @Test func portfolioPathDrawsTheTargetAtItsValue() throws {
        let run = try Self.threeMeasures()
        #expect(run.portfolio?.measures == [0])
        let chart = try #require(run.portfolioPathChart())
        let paths = try SVGPaths(chart.svg)
        let target = try #require(paths.lines.last)
        #expect(target.count == 2)
        let plot = try #require(run.portfolioPathPlot())
        let layout = plot.layout()
        expectClose(target[0].y, layout.y(35), .absolute(0.006))
        expectClose(target[1].y, layout.y(35), .absolute(0.006))
        expectClose(target[0].x, layout.left, .absolute(0.006))
        expectClose(target[1].x, layout.right, .absolute(0.006))
        let central = paths.lines[1], band = SVGPaths.edges(paths.bands[0])
        #expect(central.count == 6)
        for point in central {
            let edge = try #require(band[point.x])
            #expect(edge.top <= point.y + 1e-9 && point.y <= edge.bottom + 1e-9)
        }
        #expect(chart.title == "PM2.5: least-cost portfolio against the target of 35 µg/m³ by 2025")
        // Out of reach: every measure is drawn instead, and the report warns.
        let unreachable = try Self.threeMeasures(target: 10)
        #expect(unreachable.portfolio == nil)
        #expect(unreachable.portfolioPathChart()?.title == "PM2.5: every measure against the target of 10 µg/m³ by 2025")
        #expect(HTMLReport(mitigation: unreachable).warnings.first?.hasPrefix("No portfolio reaches 10 µg/m³ by 2025") == true)
    }

    /// The same inputs give the same bytes, for the charts and the reports.
    @Test func sameInputsGiveIdenticalBytes() throws {
        let first = try Self.eightHours(), second = try Self.eightHours()
        #expect(HTMLReport(sources: first).html() == HTMLReport(sources: second).html())
        #expect(first.charts().map(\.svg) == second.charts().map(\.svg))
        let runA = try Self.threeMeasures(), runB = try Self.threeMeasures()
        #expect(HTMLReport(mitigation: runA).html() == HTMLReport(mitigation: runB).html())
    }

    /// The reports hold every chart with its data table, the caveat and the settings, no script.
    @Test func reportsHoldTheirChartsAndTables() throws {
        let sources = HTMLReport(sources: try Self.eightHours(), settings: [("wind direction column", "wd")]).html()
        #expect(sources.contains("id=\"wind-rose-s1\"") && sources.contains("id=\"polar-plot-s1\""))
        #expect(sources.contains("indications of sources, not a source apportionment"))
        #expect(sources.contains("<th scope=\"row\">wind direction column</th><td>wd</td>"))
        #expect(!sources.contains("<script"))
        let mitigation = HTMLReport(mitigation: try Self.threeMeasures()).html()
        #expect(mitigation.contains("id=\"abatement-cost-curve\"") && mitigation.contains("id=\"mitigation-path-least-cost\""))
        #expect(mitigation.contains("<summary>Data: Marginal abatement cost curve, PM2.5, 2025</summary>"))
        #expect(mitigation.contains("<th scope=\"row\">measures</th><td>m1</td>"))
        #expect(mitigation.contains("<h2>Health</h2>") && mitigation.contains("<h2>Economics</h2>"), "\(mitigation)")
        // Each scenario's deaths in the health table are the run's, with the draws' interval.
        let run = try Self.threeMeasures()
        let all = try #require(run.scenarios.first { $0.name == "all measures" }?.years.last)
        let cell = { (value: Double) in ChartText.readable(value.rounded()) }
        #expect(mitigation.contains("<td>\(cell(all.avoidedDeaths))</td><td>\(cell(all.avoidedDeathsLower95))–\(cell(all.avoidedDeathsUpper95))</td>"))
        #expect(mitigation.contains("<td>\(cell(all.attributableDeaths))</td><td>\(cell(all.attributableDeathsLower95))–\(cell(all.attributableDeathsUpper95))</td>"))
        for chart in try Self.eightHours().charts() + Self.threeMeasures().charts() {
            #expect(try SVGPaths(chart.svg).title == chart.title)
        }
    }

    /// The library example of the air charts: a plan in memory, its report and its curve.
    @Test func libraryExample() throws {
        let plan = try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseYear: 2024, baseConcentration: 40, trendPerYear: -0.5, horizon: 2030,
            sectors: [.init(name: "traffic", share: 0.5), .init(name: "heating", share: 0.5)],
            measures: [.init(name: "low-emission zone", sector: "traffic", reduction: 0.3, start: 2025, annualCost: 20),
                       .init(name: "heat pumps", sector: "heating", reduction: 0.4, start: 2025, ramp: 3, annualCost: 50)],
            costUnit: "million EUR", health: try HealthImpact(population: 1e6, baselineMortality: 0.008), target: (30, 2030))
        let run = MitigationRun(plan: plan, levels: [("AQG", 5)])
        let html = HTMLReport(mitigation: run).html()          // one self-contained page
        let curve = run.abatementCostCurve()                    // a standalone SVG and its data
        #expect(html.contains(curve.svg))
        #expect(curve.table.rows.map { $0[1] } == ["low-emission zone", "heat pumps"])
    }
}
