import Foundation

/// Polar axes in compass bearings, as wind roses and polar plots use them: 0° at the top (north),
/// bearings growing clockwise (90° east, on the right), and the radius measured out from the
/// centre.
///
/// A bearing θ and radius r land at `(x, y) = (cx + r sin θ, cy − r cos θ)`: SVG's y axis points
/// down, so north, up, is `cy − r`.
///
/// ```swift
/// let axes = PolarAxes(centerX: 200, centerY: 200, radius: 150)
/// axes.point(bearing: 90, radius: 100)   // (300, 200): east of the centre
/// ```
public struct PolarAxes: Sendable, Equatable {
    /// The centre's x in pixels.
    public var centerX: Double
    /// The centre's y in pixels.
    public var centerY: Double
    /// The outermost radius in pixels.
    public var radius: Double

    /// Axes centred at (`centerX`, `centerY`) reaching out to `radius` pixels.
    ///
    /// - Parameters:
    ///   - centerX: The centre's x.
    ///   - centerY: The centre's y.
    ///   - radius: The outer radius.
    public init(centerX: Double, centerY: Double, radius: Double) {
        self.centerX = centerX
        self.centerY = centerY
        self.radius = radius
    }

    /// The pixel position of a bearing and radius.
    ///
    /// - Parameters:
    ///   - bearing: Degrees clockwise from north.
    ///   - radius: Pixels from the centre.
    /// - Returns: The position.
    public func point(bearing: Double, radius: Double) -> (x: Double, y: Double) {
        let theta = bearing * .pi / 180
        return (centerX + radius * sin(theta), centerY - radius * cos(theta))
    }

    /// The path of an annular wedge between two bearings (clockwise from `from` to `to`, less
    /// than 360° apart) and two radii: along the outer arc, in along the `to` edge, back along
    /// the inner arc, closed; a wedge from the centre (`inner` 0) is a pie slice.
    ///
    /// - Parameters:
    ///   - from: The first bearing, degrees.
    ///   - to: The second bearing, degrees, after `from` clockwise.
    ///   - inner: The inner radius in pixels, ≥ 0.
    ///   - outer: The outer radius in pixels, > `inner`.
    /// - Returns: SVG path data (`M … A … L … A … Z`).
    public func wedgePath(from: Double, to: Double, inner: Double, outer: Double) -> String {
        let c = ChartText.coordinate
        let large = to - from > 180 ? 1 : 0
        let a = point(bearing: from, radius: outer), b = point(bearing: to, radius: outer)
        var d = "M\(c(a.x)) \(c(a.y)) A\(c(outer)) \(c(outer)) 0 \(large) 1 \(c(b.x)) \(c(b.y))"
        if inner > 0 {
            let e = point(bearing: to, radius: inner), f = point(bearing: from, radius: inner)
            d += " L\(c(e.x)) \(c(e.y)) A\(c(inner)) \(c(inner)) 0 \(large) 0 \(c(f.x)) \(c(f.y))"
        } else {
            d += " L\(c(centerX)) \(c(centerY))"
        }
        return d + " Z"
    }

    /// The compass names of the four cardinal bearings, clockwise from north.
    static let cardinals: [(name: String, bearing: Double)] = [("N", 0), ("E", 90), ("S", 180), ("W", 270)]

    /// Grey circles at `rings` (pixels) and spokes every `spokeStep` degrees, under everything else.
    func drawGrid(rings: [Double], spokeStep: Double, into svg: inout SVGWriter) {
        svg.open("g", ["class": .text("polar-grid"), "fill": .text("none"), "stroke": .text("#d0d0d0"), "stroke-width": .number(1)])
        for r in rings where r > 0 {
            svg.element("circle", ["cx": .number(centerX), "cy": .number(centerY), "r": .number(r)])
        }
        var bearing = 0.0
        while bearing < 360 - 1e-9 {
            let end = point(bearing: bearing, radius: radius)
            svg.element("line", ["x1": .number(centerX), "y1": .number(centerY), "x2": .number(end.x), "y2": .number(end.y)])
            bearing += spokeStep
        }
        svg.close("g")
    }

    /// N, E, S and W just outside the outer circle.
    func drawCompass(into svg: inout SVGWriter, size: Double = 13) {
        for (name, bearing) in Self.cardinals {
            let p = point(bearing: bearing, radius: radius + size * 0.9)
            let anchor = bearing == 90 ? "start" : bearing == 270 ? "end" : "middle"
            let dx = bearing == 90 ? -size * 0.3 : bearing == 270 ? size * 0.3 : 0
            svg.label(name, x: p.x + dx, y: p.y + size * 0.35, size: size, anchor: anchor, weight: "bold")
        }
    }

    /// Each ring's label on a white backing at `bearing`, drawn over the data so it stays legible.
    func drawRingLabels(_ rings: [(radius: Double, label: String)], bearing: Double, into svg: inout SVGWriter, size: Double = 11) {
        svg.open("g", ["class": .text("ring-labels")])
        for ring in rings {
            let p = point(bearing: bearing, radius: ring.radius)
            let width = ChartText.estimatedWidth(ring.label, fontSize: size)
            svg.element("rect", ["x": .number(p.x - width / 2 - 2), "y": .number(p.y - size * 0.6 - 1), "width": .number(width + 4),
                                 "height": .number(size * 1.2 + 2), "fill": .text("#ffffff"), "fill-opacity": .number(0.85)])
            svg.label(ring.label, x: p.x, y: p.y + size * 0.35, size: size, anchor: "middle")
        }
        svg.close("g")
    }
}
