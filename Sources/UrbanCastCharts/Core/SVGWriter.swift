/// Builds an SVG document as text: elements with attributes in the order given, numbers through
/// ``ChartText/coordinate(_:)`` and text through ``ChartText/escaped(_:)``, so the bytes depend
/// only on what is drawn.
struct SVGWriter {
    private(set) var text = ""

    /// An attribute value: a number (written with two decimals) or text (escaped).
    enum Value {
        case number(Double)
        case text(String)

        var written: String {
            switch self {
            case .number(let x): ChartText.coordinate(x)
            case .text(let s): ChartText.escaped(s)
            }
        }
    }

    /// The opening `<svg>` with its accessible name (`<title>`) and description (`<desc>`).
    init(id: String, width: Double, height: Double, title: String, description: String) {
        text = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"chart\" width=\"\(ChartText.coordinate(width))\""
            + " height=\"\(ChartText.coordinate(height))\" viewBox=\"0 0 \(ChartText.coordinate(width)) \(ChartText.coordinate(height))\""
            + " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n"
        text += "<title id=\"\(id)-title\">\(ChartText.escaped(title))</title>\n"
        text += "<desc id=\"\(id)-desc\">\(ChartText.escaped(description))</desc>\n"
        element("rect", ["width": .number(width), "height": .number(height), "fill": .text("#ffffff")])
    }

    /// An empty element, `<name a="…" …/>`, attributes in the order given.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, Value>) {
        text += "<\(name)" + Self.attributes(attributes) + "/>\n"
    }

    /// A `<text>` element.
    mutating func label(_ content: String, x: Double, y: Double, size: Double, anchor: String = "start",
                        weight: String? = nil, fill: String = "#222222", rotate: Bool = false) {
        var head = "<text class=\"label\" x=\"\(ChartText.coordinate(x))\" y=\"\(ChartText.coordinate(y))\""
            + " font-size=\"\(ChartText.coordinate(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { head += " font-weight=\"\(weight)\"" }
        if rotate { head += " transform=\"rotate(-90 \(ChartText.coordinate(x)) \(ChartText.coordinate(y)))\"" }
        text += head + ">\(ChartText.escaped(content))</text>\n"
    }

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, Value>) {
        text += "<\(name)" + Self.attributes(attributes) + ">\n"
    }

    mutating func close(_ name: String) { text += "</\(name)>\n" }

    /// Light horizontal grid lines at the pixel rows `ys` across the plot area.
    mutating func horizontalGrid(_ ys: [Double], left: Double, right: Double) {
        open("g", ["class": .text("grid"), "stroke": .text("#e4e4e4"), "stroke-width": .number(1)])
        for y in ys { element("line", ["x1": .number(left), "y1": .number(y), "x2": .number(right), "y2": .number(y)]) }
        close("g")
    }

    /// The plot area's bottom and left axis lines.
    mutating func axisLines(left: Double, top: Double, right: Double, bottom: Double) {
        open("g", ["class": .text("axes"), "stroke": .text("#444444"), "stroke-width": .number(1)])
        element("line", ["x1": .number(left), "y1": .number(bottom), "x2": .number(right), "y2": .number(bottom)])
        element("line", ["x1": .number(left), "y1": .number(top), "x2": .number(left), "y2": .number(bottom)])
        close("g")
    }

    /// The finished document.
    mutating func finish() -> String {
        text += "</svg>\n"
        return text
    }

    private static func attributes(_ attributes: KeyValuePairs<String, Value>) -> String {
        attributes.map { " \($0.key)=\"\($0.value.written)\"" }.joined()
    }

    /// Path data through the points, `M x y L x y …`, starting a new subpath after each
    /// non-finite point so gaps stay gaps.
    static func linePath(_ points: [(x: Double, y: Double)]) -> String {
        var d = ""
        var drawing = false
        for p in points {
            guard p.x.isFinite, p.y.isFinite else {
                drawing = false
                continue
            }
            d += (d.isEmpty ? "" : " ") + (drawing ? "L" : "M") + "\(ChartText.coordinate(p.x)) \(ChartText.coordinate(p.y))"
            drawing = true
        }
        return d
    }

    /// The points of a line thinned to what `width` pixel columns can show: in each column the
    /// first, lowest, highest and last point, in their order (the M4 rule of Jugel et al., VLDB
    /// 2014), so the drawn line looks the same; a non-finite point is kept, so gaps stay gaps.
    /// Lines of at most `4 × width` points are returned as they are.
    static func thinned(_ points: [(x: Double, y: Double)], width: Double) -> [(x: Double, y: Double)] {
        guard Double(points.count) > 4 * width else { return points }
        var out: [(x: Double, y: Double)] = []
        out.reserveCapacity(Int(4 * width) + 16)
        var bucket: [(x: Double, y: Double)] = []
        var column = Double.nan
        func flush() {
            guard let first = bucket.first else { return }
            var low = first, high = first
            var lowIndex = 0, highIndex = 0
            for (k, p) in bucket.enumerated() {
                if p.y < low.y { (low, lowIndex) = (p, k) }
                if p.y > high.y { (high, highIndex) = (p, k) }
            }
            var keep = [0, lowIndex, highIndex, bucket.count - 1]
            keep.sort()
            var previous = -1
            for k in keep where k != previous {
                out.append(bucket[k])
                previous = k
            }
            bucket.removeAll(keepingCapacity: true)
        }
        for p in points {
            guard p.x.isFinite, p.y.isFinite else {
                flush()
                out.append(p)
                column = .nan
                continue
            }
            let c = p.x.rounded(.down)
            if c != column {
                flush()
                column = c
            }
            bucket.append(p)
        }
        flush()
        return out
    }

    /// Path data of a band: for each run of points where both ends are finite, along the upper
    /// edge and back along the lower one, closed.
    static func bandPath(x: [Double], lower: [Double], upper: [Double]) -> String {
        var runs: [[Int]] = [[]]
        for k in x.indices {
            if x[k].isFinite && lower[k].isFinite && upper[k].isFinite {
                runs[runs.count - 1].append(k)
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }.map { run in
            let top = run.map { "\(ChartText.coordinate(x[$0])) \(ChartText.coordinate(upper[$0]))" }
            let bottom = run.reversed().map { "\(ChartText.coordinate(x[$0])) \(ChartText.coordinate(lower[$0]))" }
            return "M" + (top + bottom).joined(separator: " L") + " Z"
        }.joined(separator: " ")
    }
}

/// An identifier safe in XML and HTML `id`s and file names: lower-case letters, digits and
/// hyphens, starting with a letter.
///
/// - Parameter text: Any text (`"water — bau vs conservation"`).
/// - Returns: The identifier (`"water-bau-vs-conservation"`).
public func chartIdentifier(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
            out.unicodeScalars.append(scalar)
        } else if !out.hasSuffix("-") {
            out += "-"
        }
    }
    while out.hasSuffix("-") { out.removeLast() }
    if out.isEmpty || !(out.unicodeScalars.first.map { ("a"..."z").contains($0) } ?? false) { out = "c-" + out }
    while out.hasSuffix("-") { out.removeLast() }
    return out
}
