/// Several small time-series panels in a grid under one title and one shared legend, in one SVG:
/// the same quantity seen window by window or series by series.
///
/// Each panel is a ``TimeSeriesPlot`` drawn at `panelWidth × panelHeight` with its own axes; the
/// legend comes from the panels' labelled lines and bands, each label once.
///
/// ```swift
/// var grid = SmallMultiples(title: "Forecast against actual", description: "…", panels: windows)
/// let svg = grid.svg(id: "windows")
/// ```
public struct SmallMultiples: Sendable {
    /// The title.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The value axes' shared title with its unit, written once under the legend (a small
    /// panel has no room for it beside its axis).
    public var valueTitle = ""
    /// The panels, left to right, then top to bottom; each draws its title but no legend.
    public var panels: [TimeSeriesPlot]
    /// Panels per row.
    public var columns: Int
    /// Each panel's width in pixels.
    public var panelWidth: Double = 240
    /// Each panel's height in pixels.
    public var panelHeight: Double = 190

    /// A grid of panels.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - panels: The panels.
    ///   - columns: Panels per row (at least 1).
    public init(title: String, description: String, panels: [TimeSeriesPlot], columns: Int = 3) {
        self.title = title
        self.description = description
        self.panels = panels
        self.columns = max(1, columns)
    }

    /// The whole chart's width: the panels of one row side by side.
    public var width: Double { Double(min(columns, max(panels.count, 1))) * panelWidth }

    /// The shared legend's entries: each labelled band and line of any panel, once, in the order met.
    var legendEntries: [TimeSeriesPlot.LegendEntry] {
        var seen: Set<String> = []
        var entries: [TimeSeriesPlot.LegendEntry] = []
        for panel in panels {
            for entry in panel.legendEntries where !seen.contains(entry.label) {
                seen.insert(entry.label)
                entries.append(entry)
            }
        }
        return entries
    }

    /// The top-left corner of each panel, and the height of the whole chart.
    ///
    /// - Returns: One origin per panel and the chart's height.
    public func layout() -> (origins: [(x: Double, y: Double)], height: Double) {
        let places = TimeSeriesPlot.legendRows(legendEntries.map(\.label), width: width)
        let rows = places.last.map { ($0.y - 40) / TimeSeriesPlot.legendRow + 1 } ?? 0
        let top = 36 + (rows + (valueTitle.isEmpty ? 0 : 1)) * TimeSeriesPlot.legendRow + 4
        let origins = panels.indices.map { k in
            (x: Double(k % columns) * panelWidth, y: top + Double(k / columns) * panelHeight)
        }
        let panelRows = (panels.count + columns - 1) / columns
        return (origins, top + Double(panelRows) * panelHeight)
    }

    /// The chart as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id, unique within a page.
    /// - Returns: The SVG text.
    /// - Complexity: O(number of points in all panels).
    public func svg(id: String) -> String {
        let (origins, height) = layout()
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        let entries = legendEntries
        let places = TimeSeriesPlot.legendRows(entries.map(\.label), width: width)
        TimeSeriesPlot.drawLegend(zip(entries, places).map { (entry: $0, x: $1.x, y: $1.y) }, into: &svg)
        if !valueTitle.isEmpty {
            let rows = places.last.map { ($0.y - 40) / TimeSeriesPlot.legendRow + 1 } ?? 0
            svg.label("values: \(valueTitle)", x: 16, y: 40 + rows * TimeSeriesPlot.legendRow, size: TimeSeriesPlot.legendSize,
                      fill: "#444444")
        }
        for (panel, origin) in zip(panels, origins) {
            var panel = panel
            panel.width = panelWidth
            panel.height = panelHeight
            panel.showsLegend = false
            if !valueTitle.isEmpty { panel.valueTitle = "" }
            svg.open("g", ["class": .text("panel"), "transform": .text("translate(\(ChartText.coordinate(origin.x)) \(ChartText.coordinate(origin.y - 14)))")])
            panel.draw(panel.layout(), into: &svg)
            svg.close("g")
        }
        return svg.finish()
    }
}
