import UrbanCast

extension SourceReport {
    /// Half the angular width of a wind rose's wedge, degrees: each of the 16 sectors (22.5°
    /// apart) is drawn from its centre − 9° to its centre + 9°, leaving a 4.5° gap between wedges.
    public static let windRoseHalfWidth = 9.0

    /// The bearing, degrees clockwise from north, of the centre of sector `index` (0 = N, 1 = NNE, …).
    static func bearing(sector index: Int) -> Double { Double(index) * 22.5 }

    /// The speed classes' labels with their unit (`0–2 m/s`, …, `≥ 6 m/s`), from ``SourceSignals/speedBins``.
    static var speedClasses: [String] {
        let bins = SourceSignals.speedBins
        return bins.indices.map { k in
            k + 1 < bins.count ? "\(ChartText.compact(bins[k]))–\(ChartText.compact(bins[k + 1])) m/s" : "≥ \(ChartText.compact(bins[k])) m/s"
        }
    }

    /// One colour per speed class, light (calm) to dark (strong), from ``ViridisScale``.
    static var speedColors: [String] {
        let count = SourceSignals.speedBins.count
        return (0..<count).map { ViridisScale.color(at: 0.9 - 0.8 * Double($0) / Double(max(1, count - 1))) }
    }

    /// A station's name for titles and identifiers: its key, or "all" for a file of one series.
    static func name(_ station: Station) -> String { station.key.isEmpty ? "all" : station.key.values.joined(separator: " ") }

    /// The frequencies of a wind rose in percent: `frequencies[s][b]` = 100 × hours in sector
    /// `s` and speed class `b` / hours in all sectors, with the hours of
    /// ``SourceSignals/Sector/countBySpeed``.
    ///
    /// - Parameter sectors: The 16 sectors.
    /// - Returns: One row of percentages per sector (all zero when no hour was counted).
    public static func windRoseFrequencies(_ sectors: [SourceSignals.Sector]) -> [[Double]] {
        let total = sectors.reduce(0) { $0 + $1.countBySpeed.reduce(0, +) }
        return sectors.map { sector in sector.countBySpeed.map { total > 0 ? 100 * Double($0) / Double(total) : 0 } }
    }

    /// The charts of the report: for each station with wind data its wind rose
    /// (``windRose(station:)``) and polar plot (``polarPlot(station:)``), at most
    /// `maximumStations` stations.
    ///
    /// - Parameter maximumStations: The most stations charted.
    /// - Returns: The charts, identifiers unique within the report.
    /// - Complexity: O(stations).
    public func charts(maximumStations: Int = 24) -> [Chart] {
        var charts: [Chart] = []
        for station in stations.filter({ $0.wind != nil }).prefix(max(0, maximumStations)) {
            if let rose = windRose(station: station) { charts.append(rose) }
            if let polar = polarPlot(station: station) { charts.append(polar) }
        }
        var seen: [String: Int] = [:]
        return charts.map { chart in
            let count = seen[chart.id, default: 0]
            seen[chart.id] = count + 1
            guard count > 0 else { return chart }
            var renamed = chart
            renamed.id = "\(chart.id)-\(count + 1)"
            renamed.svg = chart.svg.replacingOccurrences(of: "\"\(chart.id)", with: "\"\(renamed.id)")
            return renamed
        }
    }

    /// The wind rose of a station (openair's `windRose`): for each of the 16 direction sectors a
    /// wedge whose length is the share of hours with wind from that sector, stacked by speed
    /// class (calm innermost), on rings labelled in percent, with N, E, S and W marked and a
    /// legend of the speed classes in m/s.
    ///
    /// The hours are those with a concentration, a direction and a speed (the hours the sector
    /// means are computed from); a wedge spans its sector's centre ± ``windRoseHalfWidth``
    /// degrees, and the radius of a frequency f (%) is `radius × f / outer ring`.
    ///
    /// - Parameters:
    ///   - station: One of ``stations``.
    ///   - id: The chart's identifier, or `nil` for one made from the station's key.
    /// - Returns: The chart with its table (hours and percent per sector and speed class), or
    ///   `nil` for a station without wind data.
    /// - Complexity: O(sectors × speed classes).
    public func windRose(station: Station, id: String? = nil) -> Chart? {
        guard let wind = station.wind else { return nil }
        let name = Self.name(station)
        let frequencies = Self.windRoseFrequencies(wind.sectors)
        let hours = wind.sectors.reduce(0) { $0 + $1.countBySpeed.reduce(0, +) }
        let title = "Wind rose: \(name)"
        let classes = Self.speedClasses, colors = Self.speedColors
        let totals = frequencies.map { $0.reduce(0, +) }
        let peak = totals.indices.max { totals[$0] < totals[$1] }
        var description = "How often the wind blew from each of 16 directions at \(name), stacked by wind speed, "
            + "over \(ChartText.compact(Double(hours))) hours with a \(pollutant.name) reading"
        if let peak, hours > 0 {
            description += "; most often from \(wind.sectors[peak].name) (\(ChartText.fixed(totals[peak], decimals: 1))% of hours)"
        }
        description += "."
        var svg = SVGWriter(id: id ?? chartIdentifier("wind rose \(name)"), width: 720, height: 470, title: title, description: description)
        let layout = Self.polarLayout
        let axes = layout.axes
        let rings = NiceTicks(lower: 0, upper: max(totals.max() ?? 0, 1e-9), count: 5)
        let scale = LinearScale(domain: 0...rings.domain.upperBound, range: (0, axes.radius))
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: 720), weight: "bold")
        axes.drawGrid(rings: rings.values.map(scale.callAsFunction), spokeStep: 45, into: &svg)
        svg.open("g", ["class": .text("wedges"), "stroke": .text("#ffffff"), "stroke-width": .number(0.5)])
        for (s, row) in frequencies.enumerated() {
            let center = Self.bearing(sector: s)
            var cumulative = 0.0
            for (b, frequency) in row.enumerated() where frequency > 0 {
                let d = axes.wedgePath(from: center - Self.windRoseHalfWidth, to: center + Self.windRoseHalfWidth,
                                       inner: scale(cumulative), outer: scale(cumulative + frequency))
                svg.element("path", ["class": .text("wedge"), "d": .text(d), "fill": .text(colors[b % colors.count])])
                cumulative += frequency
            }
        }
        svg.close("g")
        axes.drawRingLabels(rings.values.dropFirst().map { (scale($0), ChartText.tickLabel($0, step: rings.step) + "%") },
                            bearing: Self.ringLabelBearing, into: &svg)
        axes.drawCompass(into: &svg)
        svg.label("wind speed", x: layout.legendX, y: layout.legendY, size: 12, weight: "bold")
        svg.open("g", ["class": .text("legend")])
        for (b, label) in classes.enumerated() {
            let y = layout.legendY + 22 + Double(b) * 22
            svg.element("rect", ["x": .number(layout.legendX), "y": .number(y - 11), "width": .number(18), "height": .number(14),
                                 "fill": .text(colors[b % colors.count])])
            svg.label(label, x: layout.legendX + 26, y: y, size: 12)
        }
        svg.close("g")
        svg.label("rings: % of hours", x: layout.legendX, y: layout.legendY + 22 + Double(classes.count) * 22 + 8, size: 11, fill: "#555555")
        let table = DataTable(
            columns: ["sector", "hours"] + classes.map { "\($0) (%)" } + ["all speeds (%)"],
            rows: wind.sectors.indices.map { s in
                [wind.sectors[s].name, String(wind.sectors[s].count)] + frequencies[s].map(ChartText.tableValue)
                    + [ChartText.tableValue(totals[s])]
            })
        let chartID = id ?? chartIdentifier("wind rose \(name)")
        return Chart(id: chartID, title: title, description: description, svg: svg.finish(), table: table)
    }

    /// A binned polar plot of a station's mean concentration by wind direction and speed: the
    /// mean of each of the 16 direction sectors × 4 speed classes as an annular cell (direction
    /// around, speed outward, calm at the centre), coloured on a ``ViridisScale`` with a colour
    /// bar in the pollutant's unit; a cell with no hours is left empty (white).
    ///
    /// openair's `polarPlot` fits a smooth surface over direction and speed; this chart draws the
    /// binned means that surface is fitted to (``SourceSignals/Sector/meanBySpeed``), with equal
    /// ring widths per speed class and the open class ≥ 6 m/s as the outer ring.
    ///
    /// - Parameters:
    ///   - station: One of ``stations``.
    ///   - id: The chart's identifier, or `nil` for one made from the station's key.
    /// - Returns: The chart with its table (the mean per sector and speed class), or `nil` for a
    ///   station without wind data.
    /// - Complexity: O(sectors × speed classes).
    public func polarPlot(station: Station, id: String? = nil) -> Chart? {
        guard let wind = station.wind else { return nil }
        let name = Self.name(station)
        let quantity = titled(pollutant.name, unit: unit.symbol)
        let title = "\(pollutant.name) by wind direction and speed: \(name)"
        let classes = Self.speedClasses
        let means = wind.sectors.map(\.meanBySpeed)
        let finite = means.flatMap { $0 }.filter(\.isFinite)
        let empty = means.flatMap { $0 }.filter { !$0.isFinite }.count
        let ticks = NiceTicks(lower: finite.min() ?? 0, upper: finite.max() ?? 1, count: 6)
        let colors = ViridisScale(domain: ticks.domain)
        var description = "Mean \(quantity) at \(name) for each of 16 wind directions (around) and 4 wind-speed classes "
            + "(outward: " + classes.joined(separator: ", ") + ")"
        if let high = finite.max(), let s = means.firstIndex(where: { $0.contains(high) }), let b = means[s].firstIndex(of: high) {
            description += "; highest, \(ChartText.readable(high)) \(unit.symbol), with wind from \(wind.sectors[s].name) at \(classes[b])"
        }
        description += empty > 0 ? "; \(empty) of \(means.count * classes.count) cells have no hours and are left empty." : "."
        let chartID = id ?? chartIdentifier("polar plot \(name)")
        var svg = SVGWriter(id: chartID, width: 720, height: 470, title: title, description: description)
        let layout = Self.polarLayout
        let axes = layout.axes
        let band = axes.radius / Double(max(1, classes.count))
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: 720), weight: "bold")
        svg.open("g", ["class": .text("cells"), "stroke": .text("#ffffff"), "stroke-width": .number(0.5)])
        for (s, row) in means.enumerated() {
            let center = Self.bearing(sector: s)
            for (b, mean) in row.enumerated() where mean.isFinite {
                let d = axes.wedgePath(from: center - 11.25, to: center + 11.25, inner: Double(b) * band, outer: Double(b + 1) * band)
                svg.element("path", ["class": .text("cell"), "d": .text(d), "fill": .text(colors.color(mean))])
            }
        }
        svg.close("g")
        // The grid over the cells, so the empty ones still show their edges.
        axes.drawGrid(rings: (1...classes.count).map { Double($0) * band }, spokeStep: 22.5, into: &svg)
        let bins = SourceSignals.speedBins
        axes.drawRingLabels((1..<bins.count).map { (Double($0) * band, "\(ChartText.compact(bins[$0])) m/s") },
                            bearing: Self.ringLabelBearing, into: &svg)
        axes.drawCompass(into: &svg)
        drawColorBar(colors, ticks: ticks, title: quantity, at: layout, into: &svg)
        let table = DataTable(
            columns: ["sector"] + classes.map { "\($0): mean \(unit.symbol)" } + ["all speeds: mean \(unit.symbol)", "hours"],
            rows: wind.sectors.map { sector in
                [sector.name] + sector.meanBySpeed.map(ChartText.tableValue) + [ChartText.tableValue(sector.mean), String(sector.count)]
            })
        return Chart(id: chartID, title: title, description: description, svg: svg.finish(), table: table)
    }

    /// A vertical colour bar with its ticks, the quantity above it and a swatch for empty cells below.
    private func drawColorBar(_ colors: ViridisScale, ticks: NiceTicks, title: String,
                              at layout: (axes: PolarAxes, legendX: Double, legendY: Double), into svg: inout SVGWriter) {
        let x = layout.legendX, top = layout.legendY + 18, height = 260.0, width = 18.0
        svg.label("mean \(title)", x: x, y: layout.legendY, size: 12, weight: "bold")
        let scale = LinearScale(domain: ticks.domain, range: (top + height, top))
        let steps = 64
        svg.open("g", ["class": .text("color-bar")])
        // Each step overlaps the one below by a pixel, so no seam shows between them.
        for k in 0..<steps {
            let low = Double(k) / Double(steps), high = Double(k + 1) / Double(steps)
            svg.element("rect", ["x": .number(x), "y": .number(top + height * (1 - high)), "width": .number(width),
                                 "height": .number(height / Double(steps) + (k == 0 ? 0 : 1)), "fill": .text(ViridisScale.color(at: (low + high) / 2))])
        }
        svg.element("rect", ["x": .number(x), "y": .number(top), "width": .number(width), "height": .number(height),
                             "fill": .text("none"), "stroke": .text("#444444"), "stroke-width": .number(0.5)])
        svg.close("g")
        for value in ticks.values {
            let y = scale(value)
            svg.element("line", ["x1": .number(x + width), "y1": .number(y), "x2": .number(x + width + 4), "y2": .number(y),
                                 "stroke": .text("#444444"), "stroke-width": .number(1)])
            svg.label(ChartText.tickLabel(value, step: ticks.step), x: x + width + 7, y: y + 4, size: 11)
        }
        let swatch = top + height + 22
        svg.element("rect", ["x": .number(x), "y": .number(swatch - 11), "width": .number(width), "height": .number(14),
                             "fill": .text("#ffffff"), "stroke": .text("#999999"), "stroke-width": .number(1)])
        svg.label("no hours", x: x + width + 8, y: swatch, size: 11)
    }

    /// The bearing of the ring labels: between the SE and SSE sectors, where they sit in a gap
    /// between wind-rose wedges and step down and right, clear of each other.
    static let ringLabelBearing = 146.25

    /// The polar area and the legend's corner, shared by the wind rose and the polar plot.
    static let polarLayout = (axes: PolarAxes(centerX: 250, centerY: 255, radius: 180), legendX: 500.0, legendY: 80.0)
}
