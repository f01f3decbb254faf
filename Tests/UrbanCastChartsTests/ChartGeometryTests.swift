import Foundation
import Testing
import TestSupport
import UrbanCast
@testable import UrbanCastCharts

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Where things land in the SVG, worked out by hand from the layout rules, and that every chart
/// is well-formed XML.
@Suite struct ChartGeometryTests {
    /// A point at a known value lands where the layout rules put it:
    /// - legend: one row, so the plot's top is 36 + 18 + 10 = 64; no time title, so its bottom is 360 − 30 = 330;
    /// - ticks: (330 − 64) / 55 → 4, + 1 = 5 wanted; 97 / 4 = 24.25 → step 20, axis 0…100;
    /// - left: widest label "100" is 3 × 11 × 0.65 = 21.45 px, so 26 + 21.45 + 8 = 55.45; right: 720 − 24 = 696;
    /// - y(50) = 330 − 50/100 × 266 = 197; y(97) = 330 − 0.97 × 266 = 71.98; a date a quarter of the way at 55.45 + 640.55 / 4 = 215.5875.
    @Test func pointsLandAtHandComputedCoordinates() {
        let t0 = Double(Civil.seconds(year: 2000, month: 1)), t2 = Double(Civil.seconds(year: 2010, month: 1))
        var plot = TimeSeriesPlot(title: "demand", description: "test", valueTitle: "demand (MW)")
        plot.lines.append(.init(label: "demand", x: [t0, t0 + (t2 - t0) / 4, t2], y: [0, 50, 97], color: Palette.blue))
        let layout = plot.layout()
        #expect(layout.top == 64)
        #expect(layout.bottom == 330)
        expectClose(layout.left, 55.45, .absolute(1e-9))
        #expect(layout.right == 696)
        #expect(layout.valueTicks.values == [0, 20, 40, 60, 80, 100])
        let svg = plot.svg(id: "demand")
        #expect(svg.contains("d=\"M55.45 330.00 L215.59 197.00 L696.00 71.98\""), "\(svg)")
        // The tick label 40 sits 4 px below its grid line at 330 − 0.4 × 266 = 223.6.
        #expect(svg.contains("y=\"227.60\" font-size=\"11.00\" text-anchor=\"end\" fill=\"#222222\">40</text>"))
    }

    @Test func gapsInALineStartANewSubpath() {
        #expect(SVGWriter.linePath([(0, 1), (1, .nan), (2, 3), (3, 4)]) == "M0.00 1.00 M2.00 3.00 L3.00 4.00")
        #expect(SVGWriter.bandPath(x: [0, 1, 2], lower: [1, 2, 3], upper: [4, 5, 6]) == "M0.00 4.00 L1.00 5.00 L2.00 6.00 L2.00 3.00 L1.00 2.00 L0.00 1.00 Z")
    }

    /// Thinning keeps, per pixel column, the first, lowest, highest and last point (checked
    /// against each column's extremes found by brute force), and keeps gaps.
    @Test func longLinesKeepEachPixelColumnsExtremes() {
        let points = (0..<1000).map { k in (x: Double(k) / 100, y: Double((k * 37) % 101)) }
        #expect(SVGWriter.thinned(Array(points.prefix(40)), width: 10).count == 40)
        let thinned = SVGWriter.thinned(points, width: 10)
        #expect(thinned.count <= 40)
        for column in 0..<10 {
            let all = points[(100 * column)..<(100 * column + 100)]
            let kept = thinned.filter { $0.x.rounded(.down) == Double(column) }
            #expect(kept.first?.x == all.first?.x && kept.last?.x == all.last?.x)
            #expect(kept.map(\.y).min() == all.map(\.y).min())
            #expect(kept.map(\.y).max() == all.map(\.y).max())
            #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.x < $1.x })
        }
        var gapped = points
        gapped[500].y = .nan
        #expect(SVGWriter.thinned(gapped, width: 10).contains { $0.y.isNaN })
    }

    /// A single observed value between gaps is drawn as a dot, not lost as a one-point path.
    @Test func isolatedValuesAreDots() {
        var plot = TimeSeriesPlot(title: "every fifth year", description: "test", valueTitle: "population")
        plot.lines.append(.init(label: "observed", x: [0, 1, 2, 3, 4].map { $0 * 86_400 * 365 }, y: [1, .nan, 3, 4, .nan],
                                color: Palette.black))
        let svg = plot.svg(id: "dots")
        #expect(svg.components(separatedBy: "<circle class=\"point\"").count - 1 == 1)
    }

    /// A fan chart's 95% band contains its forecast line at every step, and the 80% band lies
    /// inside the 95% one (in pixels, where y grows downward).
    @Test func forecastBandsContainTheLine() async throws {
        let chart = try await Self.waterRun().results[0].chart()
        let paths = try SVGPaths(chart.svg)
        let line = try #require(paths.lines.last)   // observed, fitted, forecast
        #expect(paths.bands.count == 2)
        let wide = SVGPaths.edges(paths.bands[0]), narrow = SVGPaths.edges(paths.bands[1])
        #expect(line.count == 6)   // the last observation and 5 steps
        for point in line {
            let outer = try #require(wide[point.x]), inner = try #require(narrow[point.x])
            #expect(outer.top <= inner.top + 1e-9 && inner.top <= point.y + 1e-9)
            #expect(point.y <= inner.bottom + 1e-9 && inner.bottom <= outer.bottom + 1e-9)
        }
    }

    /// Every SVG parses as XML and keeps an escaped title as written.
    @Test func chartsAreWellFormedXML() async throws {
        var plot = TimeSeriesPlot(title: "PM2.5 <WHO & \"EU\">", description: "a < b & c", valueTitle: "µg/m³")
        plot.lines.append(.init(label: "x < y", x: [0, 86_400], y: [1, 2], color: Palette.blue))
        let parsed = try SVGPaths(plot.svg(id: "escaped"))
        #expect(parsed.title == "PM2.5 <WHO & \"EU\">")
        #expect(parsed.description == "a < b & c")
        for chart in try await Self.waterRun().charts() + Self.nycScenario().charts() {
            let svg = try SVGPaths(chart.svg)
            #expect(svg.title == chart.title)
            #expect(!svg.description.isEmpty)
        }
    }

    static func waterRun() async throws -> ForecastRun {
        let water = KeyedSeries(
            key: SeriesKey(columns: ["city", "indicator"], values: ["NYC", "water"]), unit: "Mgal/d",
            series: TimeSeries(start: try SeriesDate(parsing: "2010"), frequency: .yearly,
                               values: [1039, 1010, 1008, 1002, 1009, 996, 1002, 990, 1015, 985]))
        return try await ForecastRun(try SeriesPanel([water]), configuration: .init(model: .autoETS, horizon: 5))
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func nycScenario(draws: Int = 200) async throws -> ScenarioReportData {
        let spec = try ScenarioSpecification(contentsOf: repositoryRoot.appendingPathComponent("Models/scenarios/nyc_water.yaml").path)
        return ScenarioReportData(try await ScenarioRun(spec, options: .init(draws: draws, seed: 7, threads: 2)))
    }
}

/// The title, description and path data of an SVG, read with Foundation's XML parser (which
/// fails on anything that is not well-formed).
struct SVGPaths {
    var title = ""
    var description = ""
    /// Points of each `class="line"` path, in order.
    var lines: [[(x: Double, y: Double)]] = []
    /// Points of each `class="band"` path, in order.
    var bands: [[(x: Double, y: Double)]] = []

    struct Failure: Error { var message: String }

    init(_ svg: String) throws {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else { throw Failure(message: "\(parser.parserError.map { "\($0)" } ?? "not XML"): \(svg)") }
        title = delegate.title
        description = delegate.desc
        lines = delegate.lines.map(Self.points)
        bands = delegate.bands.map(Self.points)
    }

    static func points(_ d: String) -> [(x: Double, y: Double)] {
        let numbers = d.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    /// A band's top (first half) and bottom (second half) y by x.
    static func edges(_ band: [(x: Double, y: Double)]) -> [Double: (top: Double, bottom: Double)] {
        let half = band.count / 2
        var out: [Double: (top: Double, bottom: Double)] = [:]
        for k in 0..<half {
            let top = band[k], bottom = band[band.count - 1 - k]
            if top.x == bottom.x { out[top.x] = (top.y, bottom.y) }
        }
        return out
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var title = "", desc = "", lines: [String] = [], bands: [String] = []
        private var element = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            element = name
            if name == "path", let d = attributes["d"] {
                if attributes["class"] == "line" { lines.append(d) }
                if attributes["class"] == "band" { bands.append(d) }
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if element == "title" { title += string }
            if element == "desc" { desc += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            element = ""
        }
    }
}
