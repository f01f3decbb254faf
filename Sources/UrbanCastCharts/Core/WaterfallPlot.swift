/// A waterfall chart: a starting total, each contribution as a bar that starts where the
/// previous one ended, and the final total.
///
/// Increases and decreases differ by more than colour: an increase is a filled bar, a decrease
/// a hollow outlined one, and every bar's label carries its sign (`+12.5`, `−3.1`). The value axis covers the running levels, not
/// necessarily zero; the totals are then drawn up from the axis' foot, and the description
/// should say so.
///
/// ```swift
/// let plot = WaterfallPlot(title: "water 2022→2050", description: "…", valueTitle: "water (Mgal/d)",
///                          start: (label: "2022", value: 1000), steps: [("population", 120), ("intensity", -80)],
///                          endLabel: "2050")
/// plot.segments.map(\.end)   // [1000, 1120, 1040, 1040]
/// ```
public struct WaterfallPlot: Sendable {
    /// What a bar shows.
    public enum Kind: Sendable, Equatable {
        /// A total (the start or the end).
        case total
        /// A contribution that raises the level.
        case increase
        /// A contribution that lowers it.
        case decrease
    }

    /// One bar in data units: it spans `start` to `end` (a total from the axis' foot to its value).
    public struct Segment: Sendable, Equatable {
        /// The category label.
        public var label: String
        /// The level before the bar (the total itself for a total).
        public var start: Double
        /// The level after it.
        public var end: Double
        /// Total, increase or decrease.
        public var kind: Kind
    }

    /// The title.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The value axis' title with its unit.
    public var valueTitle: String
    /// The starting total.
    public var start: (label: String, value: Double)
    /// The contributions, in order.
    public var steps: [(label: String, value: Double)]
    /// The final total's label; its value is the start plus every contribution.
    public var endLabel: String
    /// The bar labels' text for a value (the sign is added for contributions).
    public var valueLabel: @Sendable (Double) -> String = { ChartText.readable($0) }
    /// The width in pixels.
    public var width: Double = 720
    /// The height in pixels.
    public var height: Double = 340

    /// A waterfall.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - valueTitle: The value axis' title with its unit.
    ///   - start: The starting total's label and value.
    ///   - steps: The contributions' labels and values.
    ///   - endLabel: The final total's label.
    public init(title: String, description: String, valueTitle: String, start: (label: String, value: Double),
                steps: [(label: String, value: Double)], endLabel: String) {
        self.title = title
        self.description = description
        self.valueTitle = valueTitle
        self.start = start
        self.steps = steps
        self.endLabel = endLabel
    }

    /// The bars in data units: the start, each contribution from the running level before it to
    /// the one after it, and the end at the start plus every (finite) contribution.
    ///
    /// - Complexity: O(steps).
    public var segments: [Segment] {
        var out = [Segment(label: start.label, start: start.value, end: start.value, kind: .total)]
        var level = start.value
        for step in steps {
            let next = step.value.isFinite ? level + step.value : level
            out.append(Segment(label: step.label, start: level, end: next, kind: step.value < 0 ? .decrease : .increase))
            level = next
        }
        out.append(Segment(label: endLabel, start: level, end: level, kind: .total))
        return out
    }

    /// The plot area, value scale and ticks, and the width of a bar's slot.
    ///
    /// - Returns: The edges, the scale, its ticks and the slot width.
    public func layout() -> (left: Double, top: Double, right: Double, bottom: Double, y: LinearScale, ticks: NiceTicks, slot: Double) {
        let levels = segments.flatMap { [$0.start, $0.end] }.filter(\.isFinite)
        let low = levels.min() ?? 0, high = levels.max() ?? 1
        // Room above the highest level for the value labels.
        let ticks = NiceTicks(lower: low - 0.05 * (high - low), upper: high + 0.08 * (high - low), count: 6)
        let labelWidth = ticks.values.map { ChartText.estimatedWidth(ChartText.tickLabel($0, step: ticks.step), fontSize: 11) }.max() ?? 0
        let left = 26 + labelWidth + 8, right = width - 24, top = 64.0, bottom = height - 40
        let slot = (right - left) / Double(segments.count)
        return (left, top, right, bottom, LinearScale(domain: ticks.domain, range: (bottom, top)), ticks, slot)
    }

    /// The chart as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id, unique within a page.
    /// - Returns: The SVG text.
    /// - Complexity: O(steps).
    public func svg(id: String) -> String {
        let l = layout()
        let increase = Palette.blue, decrease = Palette.vermillion, total = "#777777"
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        // The legend names each kind with its swatch, so filled and hollow read without colour.
        var x = 16.0
        for (name, fill, stroke) in [("total", total, "none"), ("increase (+)", increase, "none"), ("decrease (−)", "#ffffff", decrease)] {
            svg.element("rect", ["x": .number(x + 1), "y": .number(31), "width": .number(16), "height": .number(10), "fill": .text(fill),
                                 "stroke": .text(stroke), "stroke-width": .number(2)])
            svg.label(name, x: x + 22, y: 40, size: TimeSeriesPlot.legendSize)
            x += 22 + ChartText.estimatedWidth(name, fontSize: TimeSeriesPlot.legendSize) + 18
        }
        svg.horizontalGrid(l.ticks.values.map(l.y.callAsFunction), left: l.left, right: l.right)
        let barWidth = min(90, l.slot * 0.6)
        let segments = self.segments
        for (k, segment) in segments.enumerated() {
            let center = l.left + (Double(k) + 0.5) * l.slot
            let from = segment.kind == .total ? l.bottom : l.y(segment.start), to = l.y(segment.end)
            if from.isFinite && to.isFinite {
                let fill = segment.kind == .total ? total : segment.kind == .increase ? increase : "#ffffff"
                // A decrease is hollow, its outline inside the bar's extent, so it differs from an increase without colour.
                let inset = segment.kind == .decrease ? 1.0 : 0
                svg.element("rect", ["class": .text("bar"), "x": .number(center - barWidth / 2 + inset), "y": .number(min(from, to) + inset),
                                     "width": .number(barWidth - 2 * inset), "height": .number(max(Swift.abs(to - from) - 2 * inset, 1)),
                                     "fill": .text(fill), "stroke": .text(segment.kind == .decrease ? decrease : "none"),
                                     "stroke-width": .number(2)])
                let value = segment.kind == .total ? segment.end : segment.end - segment.start
                let text = segment.kind == .total ? valueLabel(value)
                    : (value < 0 ? "−" + valueLabel(-value) : "+" + valueLabel(value))
                svg.label(text, x: center, y: min(from, to) - 5, size: 11, anchor: "middle")
            }
            if k + 1 < segments.count, to.isFinite {
                svg.element("line", ["class": .text("connector"), "x1": .number(center + barWidth / 2), "y1": .number(to),
                                     "x2": .number(center + l.slot - barWidth / 2), "y2": .number(to), "stroke": .text("#444444"),
                                     "stroke-dasharray": .text("3 2")])
            }
            let maximumCharacters = max(3, Int((l.slot - 6) / (11 * 0.65)))
            let name = segment.label.count > maximumCharacters ? String(segment.label.prefix(maximumCharacters - 1)) + "…" : segment.label
            svg.label(name, x: center, y: l.bottom + 17, size: 11, anchor: "middle")
        }
        svg.axisLines(left: l.left, top: l.top, right: l.right, bottom: l.bottom)
        for value in l.ticks.values {
            svg.label(ChartText.tickLabel(value, step: l.ticks.step), x: l.left - 6, y: l.y(value) + 4, size: 11, anchor: "end")
        }
        svg.label(valueTitle, x: 14, y: (l.top + l.bottom) / 2, size: 12, anchor: "middle", rotate: true)
        return svg.finish()
    }
}
