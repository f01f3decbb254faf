/// A bar chart of one value per category (a probability per scenario, say), each bar labelled
/// with its value.
public struct BarPlot: Sendable {
    /// The title.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The value axis' title, with its unit.
    public var valueTitle: String
    /// The categories, left to right.
    public var categories: [String]
    /// One value per category.
    public var values: [Double]
    /// One colour per category.
    public var colors: [String]
    /// The value axis' fixed extent (`0...100` for percentages), or `nil` for nice ticks from zero.
    public var domain: ClosedRange<Double>?
    /// The bar labels' text for a value (`"85%"`).
    public var valueLabel: @Sendable (Double) -> String
    /// A horizontal reference line with its label (a threshold), or `nil`.
    public var reference: (value: Double, label: String)?
    /// The width in pixels.
    public var width: Double = 720
    /// The height in pixels.
    public var height: Double = 300

    /// A bar chart.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - valueTitle: The value axis' title with its unit.
    ///   - categories: The categories.
    ///   - values: One value per category.
    ///   - colors: One colour per category.
    ///   - domain: A fixed value axis, or `nil`.
    ///   - valueLabel: Each bar's label.
    public init(title: String, description: String, valueTitle: String, categories: [String], values: [Double],
                colors: [String], domain: ClosedRange<Double>? = nil,
                valueLabel: @escaping @Sendable (Double) -> String = { ChartText.tableValue($0) }) {
        self.title = title
        self.description = description
        self.valueTitle = valueTitle
        self.categories = categories
        self.values = values
        self.colors = colors
        self.domain = domain
        self.valueLabel = valueLabel
    }

    /// The plot area and value scale.
    ///
    /// - Returns: The plot's edges, the value scale, its ticks and the width of a bar slot.
    public func layout() -> (left: Double, top: Double, right: Double, bottom: Double, y: LinearScale, ticks: NiceTicks, slot: Double) {
        let finite = values.filter(\.isFinite)
        let ticks = domain.map { NiceTicks(lower: $0.lowerBound, upper: $0.upperBound, count: 6) }
            ?? NiceTicks(lower: min(0, finite.min() ?? 0), upper: max(0, finite.max() ?? 1), count: 6)
        let labelWidth = ticks.values.map { ChartText.estimatedWidth(ChartText.tickLabel($0, step: ticks.step), fontSize: 11) }.max() ?? 0
        let left = 26 + labelWidth + 8, right = width - 24, top = 46.0, bottom = height - 40
        let slot = (right - left) / Double(max(categories.count, 1))
        return (left, top, right, bottom, LinearScale(domain: ticks.domain, range: (bottom, top)), ticks, slot)
    }

    /// The chart as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id, unique within a page.
    /// - Returns: The SVG text.
    /// - Complexity: O(number of categories).
    public func svg(id: String) -> String {
        let l = layout()
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        svg.open("g", ["class": .text("grid"), "stroke": .text("#e4e4e4"), "stroke-width": .number(1)])
        for value in l.ticks.values {
            svg.element("line", ["x1": .number(l.left), "y1": .number(l.y(value)), "x2": .number(l.right), "y2": .number(l.y(value))])
        }
        svg.close("g")
        let barWidth = min(80, l.slot * 0.6)
        let fontSize = 11.0
        // Category labels share a slot; a name wider than its slot is cut with an ellipsis.
        let maximumCharacters = max(3, Int((l.slot - 6) / (fontSize * 0.65)))
        for (k, category) in categories.enumerated() {
            let value = k < values.count ? values[k] : .nan
            let center = l.left + (Double(k) + 0.5) * l.slot
            if value.isFinite {
                let y0 = l.y(max(l.ticks.domain.lowerBound, 0)), y1 = l.y(value)
                svg.element("rect", ["class": .text("bar"), "x": .number(center - barWidth / 2), "y": .number(min(y0, y1)),
                                     "width": .number(barWidth), "height": .number(Swift.abs(y1 - y0)),
                                     "fill": .text(k < colors.count ? colors[k] : Palette.color(k))])
                svg.label(valueLabel(value), x: center, y: min(y0, y1) - 4, size: fontSize, anchor: "middle")
            }
            let name = category.count > maximumCharacters ? String(category.prefix(maximumCharacters - 1)) + "…" : category
            svg.label(name, x: center, y: l.bottom + 17, size: fontSize, anchor: "middle")
        }
        if let reference {
            let y = l.y(reference.value)
            svg.element("line", ["class": .text("reference"), "x1": .number(l.left), "y1": .number(y), "x2": .number(l.right),
                                 "y2": .number(y), "stroke": .text("#444444"), "stroke-dasharray": .text("4 3")])
            svg.label(reference.label, x: l.right, y: y - 4, size: fontSize, anchor: "end", fill: "#444444")
        }
        svg.open("g", ["class": .text("axes"), "stroke": .text("#444444"), "stroke-width": .number(1)])
        svg.element("line", ["x1": .number(l.left), "y1": .number(l.bottom), "x2": .number(l.right), "y2": .number(l.bottom)])
        svg.element("line", ["x1": .number(l.left), "y1": .number(l.top), "x2": .number(l.left), "y2": .number(l.bottom)])
        svg.close("g")
        for value in l.ticks.values {
            svg.label(ChartText.tickLabel(value, step: l.ticks.step), x: l.left - 6, y: l.y(value) + 4, size: fontSize, anchor: "end")
        }
        svg.label(valueTitle, x: 14, y: (l.top + l.bottom) / 2, size: 12, anchor: "middle", rotate: true)
        return svg.finish()
    }
}
