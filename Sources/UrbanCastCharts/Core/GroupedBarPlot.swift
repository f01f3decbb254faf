/// A bar chart of several series per category (days above each level, per year): each category a
/// group of bars side by side, one per series in a legend colour, the value axis from zero, and
/// each bar labelled with its value where the bar is wide enough for the label.
public struct GroupedBarPlot: Sendable {
    /// The title.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The value axis' title, with its unit.
    public var valueTitle: String
    /// The category axis' title, or empty.
    public var categoryTitle: String
    /// The categories, left to right.
    public var categories: [String]
    /// The series: a legend label, a colour and one value per category (`NaN` for no bar).
    public var series: [(label: String, color: String, values: [Double])]
    /// The width in pixels.
    public var width: Double = 720
    /// The height in pixels.
    public var height: Double = 340

    static let fontSize = 11.0
    static let legendRow = 18.0

    /// A grouped bar chart.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - valueTitle: The value axis' title with its unit.
    ///   - categoryTitle: The category axis' title.
    ///   - categories: The categories.
    ///   - series: The series, each with one value per category.
    public init(title: String, description: String, valueTitle: String, categoryTitle: String = "", categories: [String],
                series: [(label: String, color: String, values: [Double])]) {
        self.title = title
        self.description = description
        self.valueTitle = valueTitle
        self.categoryTitle = categoryTitle
        self.categories = categories
        self.series = series
    }

    /// Where everything goes.
    public struct Layout: Sendable {
        /// The plot area's left edge in pixels.
        public var left: Double
        /// The plot area's top edge.
        public var top: Double
        /// The plot area's right edge.
        public var right: Double
        /// The plot area's bottom edge (the zero line).
        public var bottom: Double
        /// Values to pixels.
        public var y: LinearScale
        /// The value axis' ticks.
        public var ticks: NiceTicks
        /// The width of a category's slot.
        public var slot: Double
        /// The width of one bar.
        public var barWidth: Double
        /// The legend entries with their positions.
        var legend: [(label: String, color: String, x: Double, y: Double)]

        /// The left edge of the bar of series `s` in category `c`: the group (80 % of the slot)
        /// is centred in its slot and its bars follow the series' order.
        ///
        /// - Parameters:
        ///   - s: The series.
        ///   - c: The category.
        ///   - seriesCount: The number of series.
        /// - Returns: The x in pixels.
        public func barLeft(series s: Int, category c: Int, seriesCount: Int) -> Double {
            left + Double(c) * slot + (slot - barWidth * Double(seriesCount)) / 2 + Double(s) * barWidth
        }
    }

    /// The plot area, scale, ticks and legend.
    ///
    /// - Returns: The layout.
    /// - Complexity: O(series × categories).
    public func layout() -> Layout {
        var legend: [(label: String, color: String, x: Double, y: Double)] = []
        var cursor = 16.0, row = 0
        for entry in series {
            let needed = 22 + ChartText.estimatedWidth(entry.label, fontSize: 12) + 18
            if cursor > 16 && cursor + needed > width - 16 {
                row += 1
                cursor = 16
            }
            legend.append((entry.label, entry.color, cursor, 40 + Double(row) * Self.legendRow))
            cursor += needed
        }
        let top = 36 + Double(legend.isEmpty ? 0 : row + 1) * Self.legendRow + 14
        let bottom = height - (categoryTitle.isEmpty ? 30 : 46)
        let highest = series.flatMap(\.values).filter(\.isFinite).max() ?? 1
        let ticks = NiceTicks(lower: 0, upper: max(highest, 1), count: max(3, Int((bottom - top) / 50) + 1))
        let labelWidth = ticks.values.map { ChartText.estimatedWidth(ChartText.tickLabel($0, step: ticks.step), fontSize: Self.fontSize) }.max() ?? 0
        let left = 26 + labelWidth + 8, right = width - 24
        let slot = (right - left) / Double(max(categories.count, 1))
        let barWidth = min(28, slot * 0.8 / Double(max(series.count, 1)))
        return Layout(left: left, top: top, right: right, bottom: bottom, y: LinearScale(domain: ticks.domain, range: (bottom, top)),
                      ticks: ticks, slot: slot, barWidth: barWidth, legend: legend)
    }

    /// The chart as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id, unique within a page.
    /// - Returns: The SVG text.
    /// - Complexity: O(series × categories).
    public func svg(id: String) -> String {
        let l = layout()
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        svg.open("g", ["class": .text("legend")])
        for entry in l.legend {
            svg.element("rect", ["x": .number(entry.x), "y": .number(entry.y - 10), "width": .number(18), "height": .number(12),
                                 "fill": .text(entry.color)])
            svg.label(entry.label, x: entry.x + 22, y: entry.y, size: 12)
        }
        svg.close("g")
        svg.open("g", ["class": .text("grid"), "stroke": .text("#e4e4e4"), "stroke-width": .number(1)])
        for value in l.ticks.values {
            svg.element("line", ["x1": .number(l.left), "y1": .number(l.y(value)), "x2": .number(l.right), "y2": .number(l.y(value))])
        }
        svg.close("g")
        let labelSize = 9.0
        for (s, entry) in series.enumerated() {
            for (c, value) in entry.values.enumerated() where c < categories.count && value.isFinite {
                let x = l.barLeft(series: s, category: c, seriesCount: series.count)
                let y = l.y(max(value, 0))
                svg.element("rect", ["class": .text("bar"), "x": .number(x), "y": .number(y), "width": .number(l.barWidth),
                                     "height": .number(l.bottom - y), "fill": .text(entry.color)])
                let text = ChartText.compact(value)
                if ChartText.estimatedWidth(text, fontSize: labelSize) <= l.barWidth + 2 {
                    svg.label(text, x: x + l.barWidth / 2, y: y - 3, size: labelSize, anchor: "middle")
                }
            }
        }
        svg.open("g", ["class": .text("axes"), "stroke": .text("#444444"), "stroke-width": .number(1)])
        svg.element("line", ["x1": .number(l.left), "y1": .number(l.bottom), "x2": .number(l.right), "y2": .number(l.bottom)])
        svg.element("line", ["x1": .number(l.left), "y1": .number(l.top), "x2": .number(l.left), "y2": .number(l.bottom)])
        svg.close("g")
        for (c, category) in categories.enumerated() {
            svg.label(category, x: l.left + (Double(c) + 0.5) * l.slot, y: l.bottom + 17, size: Self.fontSize, anchor: "middle")
        }
        for value in l.ticks.values {
            svg.label(ChartText.tickLabel(value, step: l.ticks.step), x: l.left - 6, y: l.y(value) + 4, size: Self.fontSize, anchor: "end")
        }
        svg.label(valueTitle, x: 14, y: (l.top + l.bottom) / 2, size: 12, anchor: "middle", rotate: true)
        if !categoryTitle.isEmpty {
            svg.label(categoryTitle, x: (l.left + l.right) / 2, y: height - 8, size: 12, anchor: "middle")
        }
        return svg.finish()
    }
}
