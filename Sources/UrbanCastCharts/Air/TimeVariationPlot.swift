import UrbanCast

/// Three panels side by side, as openair's `timeVariation`: the mean by hour of day, by day of
/// week and by month, each a line through the class means over a shaded band of their confidence
/// intervals (``TimeVariation``), on one value scale so the panels compare. Daily data has no hour
/// panel.
public struct TimeVariationPlot: Sendable {
    /// One panel's place on the chart.
    public struct Panel: Sendable {
        /// The panel's name, written under it (`hour of day`).
        public var name: String
        /// The profile drawn.
        public var profile: TimeVariation.Profile
        /// The left edge in pixels.
        public var left: Double
        /// The right edge in pixels.
        public var right: Double

        /// The horizontal position of class `k`: the middle of its slot.
        ///
        /// - Parameter k: The class, from 0.
        /// - Returns: Its x in pixels.
        public func x(_ k: Int) -> Double {
            left + (Double(k) + 0.5) * (right - left) / Double(max(profile.mean.count, 1))
        }
    }

    /// The title.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The value axis' title with its unit.
    public var valueTitle: String
    /// The profiles.
    public var variation: TimeVariation
    /// The width in pixels.
    public var width: Double = 720
    /// The height in pixels.
    public var height: Double = 320

    static let tickSize = 11.0
    static let classSize = 10.0

    /// A plot of `variation`.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - valueTitle: The value axis' title with its unit.
    ///   - variation: The profiles.
    public init(title: String, description: String, valueTitle: String, variation: TimeVariation) {
        self.title = title
        self.description = description
        self.valueTitle = valueTitle
        self.variation = variation
    }

    /// The panels, the shared value scale and its ticks, and the plot's top and bottom edges.
    ///
    /// - Returns: The layout.
    /// - Complexity: O(classes).
    public func layout() -> (panels: [Panel], y: LinearScale, ticks: NiceTicks, top: Double, bottom: Double) {
        let profiles: [(String, TimeVariation.Profile, Double)] =
            (variation.hour.map { [("hour of day", $0, 0.40)] } ?? [])
            + [("day of week", variation.weekday, variation.hour == nil ? 0.4 : 0.28),
               ("month", variation.month, variation.hour == nil ? 0.6 : 0.32)]
        let values = profiles.flatMap { $0.1.mean + $0.1.lower + $0.1.upper }.filter(\.isFinite)
        let top = 58.0, bottom = height - 50
        let ticks = NiceTicks(lower: values.min() ?? 0, upper: values.max() ?? 1, count: max(3, Int((bottom - top) / 50) + 1))
        let labelWidth = ticks.values.map { ChartText.estimatedWidth(ChartText.tickLabel($0, step: ticks.step), fontSize: Self.tickSize) }.max() ?? 0
        let left = 26 + labelWidth + 8, right = width - 16, gap = 20.0
        let usable = right - left - gap * Double(profiles.count - 1)
        var cursor = left
        var panels: [Panel] = []
        for (name, profile, share) in profiles {
            panels.append(Panel(name: name, profile: profile, left: cursor, right: cursor + usable * share))
            cursor += usable * share + gap
        }
        return (panels, LinearScale(domain: ticks.domain, range: (bottom, top)), ticks, top, bottom)
    }

    /// The chart as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id, unique within a page.
    /// - Returns: The SVG text.
    /// - Complexity: O(classes).
    public func svg(id: String) -> String {
        let l = layout()
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        svg.element("rect", ["x": .number(16), "y": .number(30), "width": .number(18), "height": .number(10),
                             "fill": .text(Palette.blue), "fill-opacity": .number(0.25)])
        svg.label("\(ChartText.compact(variation.level))% confidence interval of the mean", x: 40, y: 39, size: 11)
        for panel in l.panels {
            svg.open("g", ["class": .text("grid"), "stroke": .text("#e4e4e4"), "stroke-width": .number(1)])
            for value in l.ticks.values {
                svg.element("line", ["x1": .number(panel.left), "y1": .number(l.y(value)), "x2": .number(panel.right), "y2": .number(l.y(value))])
            }
            svg.close("g")
            let count = panel.profile.mean.count
            let xs = (0..<count).map(panel.x)
            let band = SVGWriter.bandPath(x: xs, lower: panel.profile.lower.map(l.y.callAsFunction),
                                          upper: panel.profile.upper.map(l.y.callAsFunction))
            if !band.isEmpty {
                svg.element("path", ["class": .text("band"), "d": .text(band), "fill": .text(Palette.blue),
                                     "fill-opacity": .number(0.25), "stroke": .text("none")])
            }
            let points = zip(xs, panel.profile.mean).map { (x: $0, y: l.y($1)) }
            let d = SVGWriter.linePath(points)
            if !d.isEmpty {
                svg.element("path", ["class": .text("line"), "d": .text(d), "fill": .text("none"), "stroke": .text(Palette.blue),
                                     "stroke-width": .number(2), "stroke-linejoin": .text("round")])
            }
            for point in points where point.y.isFinite {
                svg.element("circle", ["class": .text("point"), "cx": .number(point.x), "cy": .number(point.y), "r": .number(2.5),
                                       "fill": .text(Palette.blue)])
            }
            svg.open("g", ["class": .text("axes"), "stroke": .text("#444444"), "stroke-width": .number(1)])
            svg.element("line", ["x1": .number(panel.left), "y1": .number(l.bottom), "x2": .number(panel.right), "y2": .number(l.bottom)])
            svg.element("line", ["x1": .number(panel.left), "y1": .number(l.top), "x2": .number(panel.left), "y2": .number(l.bottom)])
            svg.close("g")
            // Class labels thinned to what the slots can hold: every third hour, initials of months.
            let slot = (panel.right - panel.left) / Double(max(count, 1))
            let labels = count == 12 ? panel.profile.labels.map { String($0.prefix(1)) } : panel.profile.labels
            let widest = labels.map { ChartText.estimatedWidth($0, fontSize: Self.classSize) }.max() ?? 0
            let every = max(1, Int((widest + 4) / slot) + 1)
            for k in stride(from: 0, to: count, by: every) {
                svg.label(labels[k], x: panel.x(k), y: l.bottom + 15, size: Self.classSize, anchor: "middle")
            }
            svg.label(panel.name, x: (panel.left + panel.right) / 2, y: l.bottom + 34, size: 12, anchor: "middle")
        }
        for value in l.ticks.values {
            svg.label(ChartText.tickLabel(value, step: l.ticks.step), x: (l.panels.first?.left ?? 40) - 6, y: l.y(value) + 4,
                      size: Self.tickSize, anchor: "end")
        }
        svg.label(valueTitle, x: 14, y: (l.top + l.bottom) / 2, size: 12, anchor: "middle", rotate: true)
        return svg.finish()
    }
}
