import Foundation

/// A chart of values against a number (steps ahead, seconds per series): lines through points,
/// point markers of several shapes and a legend, on two axes with nice ticks; the x axis may be
/// logarithmic.
///
/// ```swift
/// var plot = XYPlot(title: "Accuracy by horizon", description: "…", xTitle: "steps ahead", yTitle: "MASE")
/// plot.series.append(.init(label: "naive", x: [1, 2, 3], y: [0.4, 0.6, 0.8], color: Palette.blue))
/// let svg = plot.svg(id: "accuracy")
/// ```
public struct XYPlot: Sendable {
    /// The shape of a series' point markers, so series differ by more than colour.
    public enum Shape: Sendable, Equatable {
        /// A filled circle.
        case circle
        /// A filled square.
        case square
        /// A filled triangle, point up.
        case triangle
        /// A filled diamond.
        case diamond
        /// No marker.
        case none

        /// The shapes in the order successive series take them.
        public static let cycle: [Shape] = [.circle, .square, .triangle, .diamond]
    }

    /// Points of one series, joined by a line or not.
    public struct Series: Sendable {
        /// The legend label; empty to leave the series out of the legend.
        public var label: String
        /// The x values.
        public var x: [Double]
        /// The y values, one per x; NaN leaves a gap.
        public var y: [Double]
        /// The colour.
        public var color: String
        /// The markers' shape.
        public var shape: Shape
        /// Whether a line joins the points.
        public var joined: Bool

        /// A series.
        ///
        /// - Parameters:
        ///   - label: The legend label.
        ///   - x: The x values.
        ///   - y: The y values.
        ///   - color: The colour.
        ///   - shape: The markers' shape.
        ///   - joined: Whether a line joins the points.
        public init(label: String, x: [Double], y: [Double], color: String, shape: Shape = .circle, joined: Bool = true) {
            self.label = label
            self.x = x
            self.y = y
            self.color = color
            self.shape = shape
            self.joined = joined
        }
    }

    /// Where everything goes.
    public struct Layout: Sendable {
        /// The plot area's left edge in pixels.
        public var left: Double
        /// The plot area's top edge.
        public var top: Double
        /// The plot area's right edge.
        public var right: Double
        /// The plot area's bottom edge.
        public var bottom: Double
        /// x values (their base-10 logarithm on a logarithmic axis) to pixels.
        public var x: LinearScale
        /// y values to pixels.
        public var y: LinearScale
        /// The x axis' ticks: values and labels.
        public var xTicks: [(value: Double, label: String)]
        /// The y axis' ticks.
        public var yTicks: NiceTicks

        /// The pixel column of `value` on the x axis.
        ///
        /// - Parameters:
        ///   - value: An x value.
        ///   - logarithmic: Whether the axis is logarithmic.
        /// - Returns: Its position; NaN for a non-positive value on a logarithmic axis.
        public func xPosition(_ value: Double, logarithmic: Bool) -> Double {
            logarithmic ? (value > 0 ? x(log10(value)) : .nan) : x(value)
        }
    }

    /// The title.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The x axis' title with its unit.
    public var xTitle: String
    /// The y axis' title with its unit.
    public var yTitle: String
    /// The series, drawn in order.
    public var series: [Series] = []
    /// Whether the x axis is logarithmic (base 10; ticks at powers of ten).
    public var logarithmicX = false
    /// Whether the x ticks are whole numbers only (steps ahead).
    public var integerX = false
    /// The x ticks' values (chosen years, say), or `nil` for ticks the axis picks.
    public var xTickValues: [Double]?
    /// A fixed y extent, or `nil` for nice ticks around the data.
    public var yDomain: ClosedRange<Double>?
    /// Whether the y axis reaches zero.
    public var includesZero = false
    /// The width in pixels.
    public var width: Double = 720
    /// The height in pixels.
    public var height: Double = 360

    /// An empty plot.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - xTitle: The x axis' title with its unit.
    ///   - yTitle: The y axis' title with its unit.
    public init(title: String, description: String, xTitle: String, yTitle: String) {
        self.title = title
        self.description = description
        self.xTitle = xTitle
        self.yTitle = yTitle
    }

    var legend: [(entry: TimeSeriesPlot.LegendEntry, shape: Shape, x: Double, y: Double)] {
        let entries = series.filter { !$0.label.isEmpty }
        let rows = TimeSeriesPlot.legendRows(entries.map(\.label), width: width)
        // A joined series shows a line through its marker; points alone, the marker alone.
        return zip(entries, rows).map { series, place in
            (.line(series.label, color: series.color, dashed: !series.joined), series.shape, place.x, place.y)
        }
    }

    /// The plot area, scales and ticks.
    ///
    /// - Complexity: O(number of points).
    public func layout() -> Layout {
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite && (!logarithmicX || x > 0) {
                xs.append(logarithmicX ? log10(x) : x)
                ys.append(y)
            }
        }
        if includesZero { ys.append(0) }
        let rows = legend.map(\.y).max().map { ($0 - 40) / TimeSeriesPlot.legendRow + 1 } ?? 0
        let top = 36 + rows * TimeSeriesPlot.legendRow + 10
        let bottom = height - 46
        let yTicks = yDomain.map { NiceTicks(lower: $0.lowerBound, upper: $0.upperBound, count: 6) }
            ?? NiceTicks(lower: ys.min() ?? 0, upper: ys.max() ?? 1, count: max(3, Int((bottom - top) / 55) + 1))
        let labelWidth = yTicks.values.map { ChartText.estimatedWidth(ChartText.tickLabel($0, step: yTicks.step), fontSize: TimeSeriesPlot.tickSize) }.max() ?? 0
        let left = 26 + labelWidth + 8, right = width - 24
        var xTicks: [(value: Double, label: String)]
        var xDomain: ClosedRange<Double>
        if let values = xTickValues?.filter(\.isFinite).sorted(), let low = values.first, let high = values.last {
            // Padded by a twentieth each side, so the markers at the end ticks are not cut by the axis.
            let pad = Swift.max(high - low, 1) / 20
            xDomain = (low - pad)...(high + pad)
            xTicks = values.map { ($0, ChartText.compact($0)) }
        } else if logarithmicX {
            let low = (xs.min() ?? 0).rounded(.down), high = max((xs.max() ?? 1).rounded(.up), low + 1)
            xDomain = low...high
            xTicks = stride(from: low, through: high, by: 1).map { ($0, ChartText.compact(pow(10, $0))) }
        } else {
            let wanted = max(2, min(11, Int((right - left) / 60)))
            let low = xs.min() ?? 0, high = xs.max() ?? 1
            if integerX {
                // Whole steps: the first, then multiples of a nice whole step up to the last.
                let step = Swift.max(1, NiceTicks.niceNumber((high - low) / Double(wanted), rounds: true))
                xDomain = low...Swift.max(high, low + 1)
                xTicks = [(low, ChartText.compact(low))]
                var next = ((low / step).rounded(.down) + 1) * step
                while next <= high {
                    if next - low >= step / 2 { xTicks.append((next, ChartText.compact(next))) }
                    next += step
                }
            } else {
                let ticks = NiceTicks(lower: low, upper: high, count: wanted)
                xDomain = ticks.domain
                xTicks = ticks.values.map { ($0, ChartText.tickLabel($0, step: ticks.step)) }
            }
        }
        return Layout(left: left, top: top, right: right, bottom: bottom, x: LinearScale(domain: xDomain, range: (left, right)),
                      y: LinearScale(domain: yTicks.domain, range: (bottom, top)), xTicks: xTicks, yTicks: yTicks)
    }

    /// The chart as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id, unique within a page.
    /// - Returns: The SVG text.
    /// - Complexity: O(number of points).
    public func svg(id: String) -> String {
        let l = layout()
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        let legend = self.legend
        if !legend.isEmpty {
            svg.open("g", ["class": .text("legend")])
            for entry in legend {
                if case .line(let label, let color, let pointsAlone) = entry.entry {
                    if !pointsAlone {
                        svg.element("line", ["x1": .number(entry.x), "y1": .number(entry.y - 4), "x2": .number(entry.x + 18),
                                             "y2": .number(entry.y - 4), "stroke": .text(color), "stroke-width": .number(2)])
                    }
                    Self.marker(entry.shape, x: entry.x + 9, y: entry.y - 4, color: color, into: &svg)
                    svg.label(label, x: entry.x + 22, y: entry.y, size: TimeSeriesPlot.legendSize)
                }
            }
            svg.close("g")
        }
        svg.horizontalGrid(l.yTicks.values.map(l.y.callAsFunction), left: l.left, right: l.right)
        svg.open("g", ["class": .text("grid"), "stroke": .text("#e4e4e4"), "stroke-width": .number(1)])
        for tick in l.xTicks {
            let x = l.x(tick.value)
            svg.element("line", ["x1": .number(x), "y1": .number(l.top), "x2": .number(x), "y2": .number(l.bottom)])
        }
        svg.close("g")
        for s in series {
            let points = zip(s.x, s.y).map { (x: l.xPosition($0, logarithmic: logarithmicX), y: l.y($1)) }
            if s.joined {
                let d = SVGWriter.linePath(points)
                if !d.isEmpty {
                    svg.element("path", ["class": .text("line"), "d": .text(d), "fill": .text("none"), "stroke": .text(s.color),
                                         "stroke-width": .number(2), "stroke-linejoin": .text("round")])
                }
            }
            for p in points where p.x.isFinite && p.y.isFinite { Self.marker(s.shape, x: p.x, y: p.y, color: s.color, into: &svg) }
        }
        svg.axisLines(left: l.left, top: l.top, right: l.right, bottom: l.bottom)
        for tick in l.xTicks {
            svg.label(tick.label, x: l.x(tick.value), y: l.bottom + 17, size: TimeSeriesPlot.tickSize, anchor: "middle")
        }
        for value in l.yTicks.values {
            svg.label(ChartText.tickLabel(value, step: l.yTicks.step), x: l.left - 6, y: l.y(value) + 4, size: TimeSeriesPlot.tickSize,
                      anchor: "end")
        }
        svg.label(yTitle, x: 14, y: (l.top + l.bottom) / 2, size: TimeSeriesPlot.legendSize, anchor: "middle", rotate: true)
        svg.label(xTitle, x: (l.left + l.right) / 2, y: height - 8, size: TimeSeriesPlot.legendSize, anchor: "middle")
        return svg.finish()
    }

    /// A marker of `shape` centred on a point, with a white edge so overlapping markers stay apart.
    static func marker(_ shape: Shape, x: Double, y: Double, color: String, into svg: inout SVGWriter) {
        let c = ChartText.coordinate
        switch shape {
        case .circle:
            svg.element("circle", ["class": .text("point"), "cx": .number(x), "cy": .number(y), "r": .number(4),
                                   "fill": .text(color), "stroke": .text("#ffffff"), "stroke-width": .number(1)])
        case .square:
            svg.element("rect", ["class": .text("point"), "x": .number(x - 4), "y": .number(y - 4), "width": .number(8),
                                 "height": .number(8), "fill": .text(color), "stroke": .text("#ffffff"), "stroke-width": .number(1)])
        case .triangle:
            svg.element("path", ["class": .text("point"), "d": .text("M\(c(x)) \(c(y - 5)) L\(c(x + 5)) \(c(y + 4)) L\(c(x - 5)) \(c(y + 4)) Z"),
                                 "fill": .text(color), "stroke": .text("#ffffff"), "stroke-width": .number(1)])
        case .diamond:
            svg.element("path", ["class": .text("point"), "d": .text(TimeSeriesPlot.diamond(x: x, y: y)), "fill": .text(color),
                                 "stroke": .text("#ffffff"), "stroke-width": .number(1)])
        case .none:
            break
        }
    }
}
