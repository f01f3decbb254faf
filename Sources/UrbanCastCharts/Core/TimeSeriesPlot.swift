/// A chart of values over time: lines, shaded bands (intervals), point markers and a legend, on a
/// time axis at calendar granularity and a value axis with nice ticks.
///
/// ```swift
/// var plot = TimeSeriesPlot(title: "water", description: "…", valueTitle: "water (Mgal/d)")
/// plot.bands.append(.init(label: "95%", x: x, lower: lo, upper: hi, color: Palette.blue, opacity: 0.2))
/// plot.lines.append(.init(label: "forecast", x: x, y: mean, color: Palette.blue))
/// let svg = plot.svg(id: "water")
/// ```
public struct TimeSeriesPlot: Sendable {
    /// A line through points; NaN values leave gaps.
    public struct Line: Sendable {
        /// The legend label; empty to leave the line out of the legend.
        public var label: String
        /// Positions in seconds since the epoch.
        public var x: [Double]
        /// Values, one per position.
        public var y: [Double]
        /// The colour, `#RRGGBB`.
        public var color: String
        /// Dashed rather than solid.
        public var dashed: Bool
        /// The stroke width in pixels.
        public var width: Double

        /// A line.
        ///
        /// - Parameters:
        ///   - label: The legend label (empty: not in the legend).
        ///   - x: Positions in seconds since the epoch.
        ///   - y: Values, one per position.
        ///   - color: The colour.
        ///   - dashed: Dashed rather than solid.
        ///   - width: The stroke width in pixels.
        public init(label: String, x: [Double], y: [Double], color: String, dashed: Bool = false, width: Double = 2) {
            self.label = label
            self.x = x
            self.y = y
            self.color = color
            self.dashed = dashed
            self.width = width
        }
    }

    /// A shaded region between a lower and an upper edge.
    public struct Band: Sendable {
        /// The legend label; empty to leave the band out of the legend.
        public var label: String
        /// Positions in seconds since the epoch.
        public var x: [Double]
        /// The lower edge, one value per position.
        public var lower: [Double]
        /// The upper edge, one value per position.
        public var upper: [Double]
        /// The fill colour.
        public var color: String
        /// The fill opacity, 0–1.
        public var opacity: Double
        /// Whether the edges are drawn as thin lines, so overlapping bands stay apart.
        public var outlined = false

        /// A band.
        ///
        /// - Parameters:
        ///   - label: The legend label (empty: not in the legend).
        ///   - x: Positions in seconds since the epoch.
        ///   - lower: The lower edge.
        ///   - upper: The upper edge.
        ///   - color: The fill colour.
        ///   - opacity: The fill opacity.
        public init(label: String, x: [Double], lower: [Double], upper: [Double], color: String, opacity: Double) {
            self.label = label
            self.x = x
            self.lower = lower
            self.upper = upper
            self.color = color
            self.opacity = opacity
        }
    }

    /// A marked point (a target), drawn as a diamond and named in the legend.
    public struct Marker: Sendable {
        /// The legend label.
        public var label: String
        /// The position in seconds since the epoch.
        public var x: Double
        /// The value.
        public var y: Double
        /// The colour.
        public var color: String

        /// A marker.
        ///
        /// - Parameters:
        ///   - label: The legend label.
        ///   - x: The position in seconds since the epoch.
        ///   - y: The value.
        ///   - color: The colour.
        public init(label: String, x: Double, y: Double, color: String) {
            self.label = label
            self.x = x
            self.y = y
            self.color = color
        }
    }

    /// Where everything goes: the plot area and the two scales.
    public struct Layout: Sendable {
        /// The plot area's left edge in pixels.
        public var left: Double
        /// The plot area's top edge.
        public var top: Double
        /// The plot area's right edge.
        public var right: Double
        /// The plot area's bottom edge.
        public var bottom: Double
        /// Seconds since the epoch to pixels.
        public var x: LinearScale
        /// Values to pixels.
        public var y: LinearScale
        /// The value axis' ticks.
        public var valueTicks: NiceTicks
        /// The time axis' ticks.
        public var timeAxis: TimeAxis
        /// The legend's entries with their positions (rows top to bottom).
        var legend: [(entry: LegendEntry, x: Double, y: Double)]
    }

    enum LegendEntry {
        case line(String, color: String, dashed: Bool)
        case band(String, color: String, opacity: Double)
        case marker(String, color: String)

        var label: String {
            switch self {
            case .line(let l, _, _), .band(let l, _, _), .marker(let l, _): l
            }
        }
    }

    /// The title, drawn at the top and the SVG's `<title>`.
    public var title: String
    /// The SVG's `<desc>`.
    public var description: String
    /// The value axis' title, with the unit (``titled(_:unit:)``).
    public var valueTitle: String
    /// The time axis' title.
    public var timeTitle: String
    /// The bands, drawn first, in order.
    public var bands: [Band] = []
    /// The lines, drawn over the bands, in order.
    public var lines: [Line] = []
    /// Markers, drawn last.
    public var markers: [Marker] = []
    /// A vertical dashed rule (the forecast origin), in seconds since the epoch.
    public var divider: Double?
    /// Whether the value axis reaches zero.
    public var includesZero = false
    /// A fixed value axis (`0...100` for percentages), or `nil` for nice ticks around the data.
    public var valueDomain: ClosedRange<Double>?
    /// Whether the plot draws its own legend (panels of ``SmallMultiples`` share one).
    public var showsLegend = true
    /// The width in pixels.
    public var width: Double = 720
    /// The height in pixels.
    public var height: Double = 360

    static let tickSize = 11.0
    static let titleSize = 14.0
    static let legendSize = 12.0
    static let legendRow = 18.0

    /// A plot with nothing drawn yet.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description for screen readers.
    ///   - valueTitle: The value axis' title with its unit.
    ///   - timeTitle: The time axis' title.
    public init(title: String, description: String, valueTitle: String, timeTitle: String = "") {
        self.title = title
        self.description = description
        self.valueTitle = valueTitle
        self.timeTitle = timeTitle
    }

    var legendEntries: [LegendEntry] {
        bands.filter { !$0.label.isEmpty }.map { .band($0.label, color: $0.color, opacity: $0.opacity) }
            + lines.filter { !$0.label.isEmpty }.map { .line($0.label, color: $0.color, dashed: $0.dashed) }
            + markers.map { .marker($0.label, color: $0.color) }
    }

    /// The plot area, scales, ticks and legend positions for what is drawn.
    ///
    /// - Complexity: O(number of points).
    public func layout() -> Layout {
        var xs: [Double] = [], ys: [Double] = []
        for line in lines {
            for (x, y) in zip(line.x, line.y) where x.isFinite && y.isFinite {
                xs.append(x)
                ys.append(y)
            }
        }
        for band in bands {
            for k in band.x.indices where band.x[k].isFinite {
                for v in [band.lower[k], band.upper[k]] where v.isFinite {
                    xs.append(band.x[k])
                    ys.append(v)
                }
            }
        }
        for marker in markers where marker.x.isFinite && marker.y.isFinite {
            xs.append(marker.x)
            ys.append(marker.y)
        }
        if includesZero { ys.append(0) }
        let xLow = xs.min() ?? 0, xHigh = xs.max() ?? 1

        let entries = showsLegend ? legendEntries : []
        let places = Self.legendRows(entries.map(\.label), width: width)
        let legend = zip(entries, places).map { (entry: $0, x: $1.x, y: $1.y) }
        let rows = places.last.map { ($0.y - 40) / Self.legendRow + 1 } ?? 0
        let top = 36 + rows * Self.legendRow + 10
        let bottom = height - (timeTitle.isEmpty ? 30 : 46)
        let ticks = valueDomain.map { NiceTicks(lower: $0.lowerBound, upper: $0.upperBound, count: max(3, Int((bottom - top) / 55) + 1)) }
            ?? NiceTicks(lower: ys.min() ?? 0, upper: ys.max() ?? 1, count: max(3, Int((bottom - top) / 55) + 1))
        let labelWidth = ticks.values.map { ChartText.estimatedWidth(ChartText.tickLabel($0, step: ticks.step), fontSize: Self.tickSize) }.max() ?? 0
        let left = 26 + labelWidth + 8
        let right = width - 24
        let timeAxis = TimeAxis(from: xLow, to: xHigh, width: right - left, fontSize: Self.tickSize)
        return Layout(left: left, top: top, right: right, bottom: bottom,
                      x: LinearScale(domain: xLow...max(xLow, xHigh), range: (left, right)),
                      y: LinearScale(domain: ticks.domain, range: (bottom, top)),
                      valueTicks: ticks, timeAxis: timeAxis, legend: legend)
    }

    /// The chart as a standalone SVG document.
    ///
    /// - Parameter id: The SVG's id (``chartIdentifier(_:)``), prefix of its title's and
    ///   description's ids; unique within a page that shows several charts.
    /// - Returns: The SVG text.
    /// - Complexity: O(number of points).
    public func svg(id: String) -> String {
        var svg = SVGWriter(id: id, width: width, height: height, title: title, description: description)
        draw(layout(), into: &svg)
        return svg.finish()
    }

    /// Everything but the document's head and end, in the plot's own coordinates (a panel of
    /// ``SmallMultiples`` is drawn inside a translated group).
    func draw(_ layout: Layout, into svg: inout SVGWriter) {
        svg.label(title, x: 16, y: 22, size: Self.titleSize(title, width: width), weight: "bold")
        TimeSeriesPlot.drawLegend(layout.legend, into: &svg)
        svg.open("g", ["class": .text("grid"), "stroke": .text("#e4e4e4"), "stroke-width": .number(1)])
        for value in layout.valueTicks.values {
            let y = layout.y(value)
            svg.element("line", ["x1": .number(layout.left), "y1": .number(y), "x2": .number(layout.right), "y2": .number(y)])
        }
        svg.close("g")
        for band in bands {
            let d = SVGWriter.bandPath(x: band.x.map(layout.x.callAsFunction), lower: band.lower.map(layout.y.callAsFunction),
                                       upper: band.upper.map(layout.y.callAsFunction))
            guard !d.isEmpty else { continue }
            svg.element("path", ["class": .text("band"), "d": .text(d), "fill": .text(band.color),
                                 "fill-opacity": .number(band.opacity), "stroke": .text("none")])
            guard band.outlined else { continue }
            for edge in [band.lower, band.upper] {
                let d = SVGWriter.linePath(zip(band.x, edge).map { (layout.x($0), layout.y($1)) })
                svg.element("path", ["class": .text("band-edge"), "d": .text(d), "fill": .text("none"), "stroke": .text(band.color),
                                     "stroke-width": .number(1), "stroke-opacity": .number(0.7)])
            }
        }
        if let divider {
            let x = layout.x(divider)
            svg.element("line", ["class": .text("divider"), "x1": .number(x), "y1": .number(layout.top), "x2": .number(x),
                                 "y2": .number(layout.bottom), "stroke": .text("#888888"), "stroke-dasharray": .text("2 3")])
        }
        for line in lines {
            let points = zip(line.x, line.y).map { (x: layout.x($0), y: layout.y($1)) }
            // A value with no finite neighbour is no segment; it is drawn as a dot.
            for k in points.indices where points[k].x.isFinite && points[k].y.isFinite {
                let before = k > 0 && points[k - 1].x.isFinite && points[k - 1].y.isFinite
                let after = k + 1 < points.count && points[k + 1].x.isFinite && points[k + 1].y.isFinite
                if !before && !after {
                    svg.element("circle", ["class": .text("point"), "cx": .number(points[k].x), "cy": .number(points[k].y),
                                           "r": .number(line.width + 0.5), "fill": .text(line.color)])
                }
            }
            let d = SVGWriter.linePath(SVGWriter.thinned(points, width: layout.right - layout.left))
            guard !d.isEmpty else { continue }
            if line.dashed {
                svg.element("path", ["class": .text("line"), "d": .text(d), "fill": .text("none"), "stroke": .text(line.color),
                                     "stroke-width": .number(line.width), "stroke-dasharray": .text("5 3")])
            } else {
                svg.element("path", ["class": .text("line"), "d": .text(d), "fill": .text("none"), "stroke": .text(line.color),
                                     "stroke-width": .number(line.width), "stroke-linejoin": .text("round")])
            }
        }
        for marker in markers where marker.x.isFinite && marker.y.isFinite {
            svg.element("path", ["class": .text("marker"), "d": .text(Self.diamond(x: layout.x(marker.x), y: layout.y(marker.y))),
                                 "fill": .text(marker.color), "stroke": .text("#ffffff"), "stroke-width": .number(1)])
        }
        drawAxes(layout, into: &svg)
    }

    private func drawAxes(_ layout: Layout, into svg: inout SVGWriter) {
        svg.open("g", ["class": .text("axes"), "stroke": .text("#444444"), "stroke-width": .number(1)])
        svg.element("line", ["x1": .number(layout.left), "y1": .number(layout.bottom), "x2": .number(layout.right),
                             "y2": .number(layout.bottom)])
        svg.element("line", ["x1": .number(layout.left), "y1": .number(layout.top), "x2": .number(layout.left),
                             "y2": .number(layout.bottom)])
        for tick in layout.timeAxis.ticks {
            let x = layout.x(tick.position)
            svg.element("line", ["x1": .number(x), "y1": .number(layout.bottom), "x2": .number(x), "y2": .number(layout.bottom + 4)])
        }
        svg.close("g")
        for tick in layout.timeAxis.ticks {
            let x = layout.x(tick.position)
            let half = ChartText.estimatedWidth(tick.label, fontSize: Self.tickSize) / 2
            // A label at the right end would run off the chart: it ends at its tick instead.
            let anchor = x + half > width - 4 ? "end" : "middle"
            svg.label(tick.label, x: x, y: layout.bottom + 17, size: Self.tickSize, anchor: anchor)
        }
        for value in layout.valueTicks.values {
            svg.label(ChartText.tickLabel(value, step: layout.valueTicks.step), x: layout.left - 6, y: layout.y(value) + 4,
                      size: Self.tickSize, anchor: "end")
        }
        if !valueTitle.isEmpty {
            svg.label(valueTitle, x: 14, y: (layout.top + layout.bottom) / 2, size: Self.legendSize, anchor: "middle", rotate: true)
        }
        if !timeTitle.isEmpty {
            svg.label(timeTitle, x: (layout.left + layout.right) / 2, y: height - 8, size: Self.legendSize, anchor: "middle")
        }
    }

    static func drawLegend(_ legend: [(entry: LegendEntry, x: Double, y: Double)], into svg: inout SVGWriter) {
        guard !legend.isEmpty else { return }
        svg.open("g", ["class": .text("legend")])
        for (entry, x, y) in legend {
            switch entry {
            case .line(_, let color, let dashed):
                if dashed {
                    svg.element("line", ["x1": .number(x), "y1": .number(y - 4), "x2": .number(x + 18), "y2": .number(y - 4),
                                         "stroke": .text(color), "stroke-width": .number(2), "stroke-dasharray": .text("5 3")])
                } else {
                    svg.element("line", ["x1": .number(x), "y1": .number(y - 4), "x2": .number(x + 18), "y2": .number(y - 4),
                                         "stroke": .text(color), "stroke-width": .number(2)])
                }
            case .band(_, let color, let opacity):
                svg.element("rect", ["x": .number(x), "y": .number(y - 10), "width": .number(18), "height": .number(12),
                                     "fill": .text(color), "fill-opacity": .number(opacity)])
            case .marker(_, let color):
                svg.element("path", ["d": .text(diamond(x: x + 9, y: y - 4)), "fill": .text(color)])
            }
            svg.label(entry.label, x: x + 22, y: y, size: legendSize)
        }
        svg.close("g")
    }

    /// The positions of legend entries with these labels: rows from y = 40, 18 px apart, each
    /// entry a swatch, its label and a gap, wrapped at the chart's width less 16 px each side.
    static func legendRows(_ labels: [String], width: Double) -> [(x: Double, y: Double)] {
        let side = 16.0
        var places: [(x: Double, y: Double)] = []
        var cursor = side, row = 0
        for label in labels {
            let needed = 22 + ChartText.estimatedWidth(label, fontSize: legendSize) + 18
            if cursor > side && cursor + needed > width - side {
                row += 1
                cursor = side
            }
            places.append((cursor, 40 + Double(row) * legendRow))
            cursor += needed
        }
        return places
    }

    /// The title's font size: 14 px, smaller for a title that would not fit on one line.
    static func titleSize(_ title: String, width: Double) -> Double {
        min(titleSize, max(9, (width - 32) / max(1, Double(title.count) * 0.65)))
    }

    /// A diamond of half-width 5 around a point.
    static func diamond(x: Double, y: Double) -> String {
        let c = ChartText.coordinate
        return "M\(c(x)) \(c(y - 6)) L\(c(x + 5)) \(c(y)) L\(c(x)) \(c(y + 6)) L\(c(x - 5)) \(c(y)) Z"
    }
}
