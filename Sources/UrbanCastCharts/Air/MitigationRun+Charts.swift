import UrbanCast

extension MitigationRun {
    /// The charts of the run: the marginal abatement cost curve (``abatementCostCurve()``) and
    /// the chosen portfolio's path against the target (``portfolioPathChart()``).
    ///
    /// - Returns: The charts.
    /// - Complexity: O(measures + years).
    public func charts() -> [Chart] {
        [abatementCostCurve(), portfolioPathChart()].compactMap { $0 }
    }

    /// One bar of the abatement cost curve, in data units.
    public struct AbatementBar: Sendable, Equatable {
        /// The measure's number on the chart, from 1 in the curve's order.
        public var number: Int
        /// The curve step drawn.
        public var step: CurveStep
        /// The bar's left edge: the cumulative reduction of the cheaper measures, in the plan's unit.
        public var start: Double
        /// The bar's right edge: ``CurveStep/cumulativeReduction``.
        public var end: Double
        /// The bar's height: the cost per unit removed alone, in cost units per concentration unit.
        public var height: Double
    }

    /// The bars of the abatement cost curve: in the curve's order (cheapest per unit first), each
    /// from the cumulative reduction of the measures before it to its own cumulative reduction,
    /// as tall as its cost per unit removed alone. Measures that remove nothing are left out.
    ///
    /// A measure's width is what it adds on top of the cheaper ones, which is less than its
    /// reduction alone when an earlier measure acts on the same sector; the right edge of each
    /// bar is the reduction of it and every cheaper measure together.
    ///
    /// - Returns: The bars, left to right.
    /// - Complexity: O(measures).
    public func abatementBars() -> [AbatementBar] {
        var bars: [AbatementBar] = []
        var previous = 0.0
        for (k, step) in curve.enumerated() {
            defer { previous = max(previous, step.cumulativeReduction) }
            guard let height = step.levelisedCost, height.isFinite else { continue }
            bars.append(AbatementBar(number: k + 1, step: step, start: previous, end: max(previous, step.cumulativeReduction), height: height))
        }
        return bars
    }

    /// The marginal abatement cost curve in ``curveYear``: one bar per measure, cheapest per unit
    /// removed first (``abatementBars()``), coloured by sector, numbered above the bar with the
    /// numbers keyed to the measures' names under the chart; with a target, a dashed line at the
    /// reduction needed to reach it.
    ///
    /// - Returns: The chart with its table (measure, sector, reductions, cost, cost per unit).
    /// - Complexity: O(measures²) for the placement of the numbers.
    public func abatementCostCurve() -> Chart {
        let unit = plan.unit.symbol
        let costUnit = plan.costUnit.isEmpty ? "cost" : plan.costUnit
        let bars = abatementBars()
        let title = "Marginal abatement cost curve, \(plan.pollutant.name), \(curveYear)"
        let needed = neededReduction
        let layout = abatementLayout(bars: bars)
        var description = "Each measure's \(plan.pollutant.name) reduction in \(curveYear) (bar width, \(unit), on top of the cheaper "
            + "measures) and its levelised cost per \(unit) removed (bar height, \(costUnit) a year: net present cost over the "
            + "discounted reduction), cheapest first; "
            + "together they remove \(ChartText.readable(bars.last?.end ?? 0)) \(unit)"
        if let needed, let target = plan.target {
            description += "; reaching \(ChartText.compact(target.concentration)) \(unit) in \(target.year) needs \(ChartText.readable(needed)) \(unit)"
        }
        let unnumbered = layout.numbers.filter { $0 == nil }.count
        if unnumbered > 0 { description += "; \(unnumbered) bars are too narrow to number" }
        description += "."
        let id = chartIdentifier("abatement cost curve")
        let width = 720.0
        var svg = SVGWriter(id: id, width: width, height: abatementHeight(bars: bars.count), title: title, description: description)
        svg.label(title, x: 16, y: 22, size: TimeSeriesPlot.titleSize(title, width: width), weight: "bold")
        TimeSeriesPlot.drawLegend(layout.legend, into: &svg)
        svg.open("g", ["class": .text("grid"), "stroke": .text("#e4e4e4"), "stroke-width": .number(1)])
        for value in layout.yTicks.values {
            svg.element("line", ["x1": .number(layout.left), "y1": .number(layout.y(value)), "x2": .number(layout.right), "y2": .number(layout.y(value))])
        }
        svg.close("g")
        let sectors = plan.sectors.map(\.name)
        svg.open("g", ["class": .text("bars"), "stroke": .text("#ffffff"), "stroke-width": .number(0.75)])
        for bar in bars {
            let x0 = layout.x(bar.start), x1 = layout.x(bar.end), y = layout.y(bar.height)
            svg.element("rect", ["class": .text("bar"), "x": .number(x0), "y": .number(y), "width": .number(x1 - x0),
                                 "height": .number(layout.bottom - y), "fill": .text(Palette.color(sectors.firstIndex(of: bar.step.sector) ?? 0))])
        }
        svg.close("g")
        if let needed {
            let x = layout.x(needed)
            svg.element("line", ["class": .text("reference"), "x1": .number(x), "y1": .number(layout.top), "x2": .number(x),
                                 "y2": .number(layout.bottom), "stroke": .text(Palette.black), "stroke-width": .number(1.5),
                                 "stroke-dasharray": .text("5 3")])
        }
        for (bar, position) in zip(bars, layout.numbers) {
            guard let position else { continue }
            svg.label(String(bar.number), x: position.x, y: position.y, size: Self.numberSize, anchor: "middle")
        }
        svg.open("g", ["class": .text("axes"), "stroke": .text("#444444"), "stroke-width": .number(1)])
        svg.element("line", ["x1": .number(layout.left), "y1": .number(layout.bottom), "x2": .number(layout.right), "y2": .number(layout.bottom)])
        svg.element("line", ["x1": .number(layout.left), "y1": .number(layout.top), "x2": .number(layout.left), "y2": .number(layout.bottom)])
        for value in layout.xTicks.values {
            svg.element("line", ["x1": .number(layout.x(value)), "y1": .number(layout.bottom), "x2": .number(layout.x(value)),
                                 "y2": .number(layout.bottom + 4)])
        }
        svg.close("g")
        for value in layout.xTicks.values {
            svg.label(ChartText.tickLabel(value, step: layout.xTicks.step), x: layout.x(value), y: layout.bottom + 17, size: 11, anchor: "middle")
        }
        for value in layout.yTicks.values {
            svg.label(ChartText.tickLabel(value, step: layout.yTicks.step), x: layout.left - 6, y: layout.y(value) + 4, size: 11, anchor: "end")
        }
        svg.label("cumulative \(plan.pollutant.name) reduction (\(unit))", x: (layout.left + layout.right) / 2, y: layout.bottom + 34,
                  size: 12, anchor: "middle")
        svg.label("cost per \(unit) removed (\(costUnit) a year)", x: 14, y: (layout.top + layout.bottom) / 2, size: 12,
                  anchor: "middle", rotate: true)
        // The key: numbers to names, in two columns under the axis.
        let columns = 2, columnWidth = (width - 32) / Double(columns)
        let rows = (bars.count + columns - 1) / columns
        let maximumCharacters = Int((columnWidth - 30) / (Self.keySize * 0.65))
        for (k, bar) in bars.enumerated() {
            let column = k / max(1, rows), row = k % max(1, rows)
            let x = 16 + Double(column) * columnWidth, y = layout.bottom + 60 + Double(row) * Self.keyRow
            let name = bar.step.measure.count > maximumCharacters ? String(bar.step.measure.prefix(maximumCharacters - 1)) + "…" : bar.step.measure
            svg.label(String(bar.number), x: x + 16, y: y, size: Self.keySize, anchor: "end", weight: "bold")
            svg.label(name, x: x + 24, y: y, size: Self.keySize)
        }
        let table = DataTable(
            columns: ["number", "measure", "sector", "reduction alone (\(unit))", "from (\(unit))", "to: cumulative (\(unit))",
                      titled("cost in \(curveYear)", unit: plan.costUnit), titled("net present cost", unit: plan.costUnit),
                      "levelised cost per \(unit) removed"],
            rows: curve.enumerated().map { k, step in
                let bar = bars.first { $0.number == k + 1 }
                return [String(k + 1), step.measure, step.sector, ChartText.tableValue(step.reduction),
                        bar.map { ChartText.tableValue($0.start) } ?? "", ChartText.tableValue(step.cumulativeReduction),
                        ChartText.tableValue(step.annualCost), ChartText.tableValue(step.netPresentCost),
                        step.levelisedCost.map(ChartText.tableValue) ?? ""]
            })
        return Chart(id: id, title: title, description: description, svg: svg.finish(), table: table)
    }

    static let numberSize = 10.0
    static let keySize = 11.0
    static let keyRow = 16.0

    /// The reduction the target needs in its year (baseline − target), or `nil` without a target
    /// or when the baseline already meets it.
    var neededReduction: Double? {
        guard let target = plan.target, target.year == curveYear,
              let baseline = scenarios.first?.years.first(where: { $0.year == target.year }) else { return nil }
        let needed = baseline.central - target.concentration
        return needed > 0 ? needed : nil
    }

    /// The height of the abatement chart: the plot and the key's rows.
    func abatementHeight(bars: Int) -> Double {
        abatementPlotBottom + 60 + Double((bars + 1) / 2) * Self.keyRow
    }

    /// The plot's bottom edge, fixed so the key's position does not depend on the legend.
    var abatementPlotBottom: Double { 400 }

    /// Where the abatement chart's parts go: the plot area, the scales, the legend of sectors
    /// (and the target's line) and the position of each bar's number, raised until it overlaps
    /// no number placed before it; `nil` for a bar so narrow among narrow neighbours that its
    /// number would reach the legend (the key and the table still name it).
    func abatementLayout(bars: [AbatementBar]) -> (left: Double, top: Double, right: Double, bottom: Double, x: LinearScale,
                                                      y: LinearScale, xTicks: NiceTicks, yTicks: NiceTicks,
                                                      legend: [(entry: TimeSeriesPlot.LegendEntry, x: Double, y: Double)],
                                                      numbers: [(x: Double, y: Double)?]) {
        let width = 720.0
        let used = plan.sectors.map(\.name).enumerated().filter { _, name in bars.contains { $0.step.sector == name } }
        var entries = used.map { k, name in TimeSeriesPlot.LegendEntry.band(name, color: Palette.color(k), opacity: 1) }
        if let needed = neededReduction, let target = plan.target {
            entries.append(.line("needed for \(ChartText.compact(target.concentration)) \(plan.unit.symbol) in \(target.year): "
                                 + "\(ChartText.readable(needed)) \(plan.unit.symbol)", color: Palette.black, dashed: true))
        }
        var legend: [(entry: TimeSeriesPlot.LegendEntry, x: Double, y: Double)] = []
        var cursor = 16.0, row = 0
        for entry in entries {
            let needed = 22 + ChartText.estimatedWidth(entry.label, fontSize: TimeSeriesPlot.legendSize) + 18
            if cursor > 16 && cursor + needed > width - 16 {
                row += 1
                cursor = 16
            }
            legend.append((entry, cursor, 40 + Double(row) * TimeSeriesPlot.legendRow))
            cursor += needed
        }
        // Room above the tallest bar for two rows of numbers.
        let top = 36 + Double(legend.isEmpty ? 0 : row + 1) * TimeSeriesPlot.legendRow + 10 + 2 * (Self.numberSize + 2)
        let bottom = abatementPlotBottom
        let yTicks = NiceTicks(lower: 0, upper: bars.map(\.height).max() ?? 1, count: 6)
        let xTicks = NiceTicks(lower: 0, upper: max(bars.last?.end ?? 0, neededReduction ?? 0, 1e-9), count: 8)
        let labelWidth = yTicks.values.map { ChartText.estimatedWidth(ChartText.tickLabel($0, step: yTicks.step), fontSize: 11) }.max() ?? 0
        let left = 26 + labelWidth + 8, right = width - 24
        let x = LinearScale(domain: xTicks.domain, range: (left, right))
        let y = LinearScale(domain: yTicks.domain, range: (bottom, top))
        var placed: [(left: Double, right: Double, bottom: Double)] = []
        var numbers: [(x: Double, y: Double)?] = []
        let lineHeight = Self.numberSize + 2
        // A number may rise into the room left above the plot but not into the legend.
        let highest = top - 2 * lineHeight + Self.numberSize
        for bar in bars {
            let center = (x(bar.start) + x(bar.end)) / 2
            let half = ChartText.estimatedWidth(String(bar.number), fontSize: Self.numberSize) / 2
            var baseline = y(bar.height) - 3
            while placed.contains(where: { $0.left < center + half + 1 && center - half - 1 < $0.right
                                           && Swift.abs($0.bottom - baseline) < lineHeight }) {
                baseline -= lineHeight
            }
            guard baseline >= highest else {
                numbers.append(nil)
                continue
            }
            placed.append((center - half, center + half, baseline))
            numbers.append((center, baseline))
        }
        return (left, top, right, bottom, x, y, xTicks, yTicks, legend, numbers)
    }

    /// The scenario the path chart follows: the least-cost portfolio, or every measure when no
    /// portfolio meets the target (or the plan has none).
    var chosenScenario: Scenario? {
        scenarios.first { $0.name == "least cost" } ?? scenarios.first { $0.name == "all measures" }
    }

    /// The chosen portfolio's path: its central concentration each year with the 90% interval of
    /// the draws (5th to 95th percentile), the baseline's central path, and the target as a
    /// horizontal line with a marker at its year. Without a portfolio (no target, or none that
    /// meets it) the path of every measure together is drawn.
    ///
    /// - Returns: The chart with its table, or `nil` for a run without scenarios.
    /// - Complexity: O(years).
    public func portfolioPathChart() -> Chart? {
        guard let chosen = chosenScenario, let baseline = scenarios.first, let plot = portfolioPathPlot() else { return nil }
        let unit = plan.unit.symbol
        let table = DataTable(
            columns: ["year", "baseline central (\(unit))", "\(chosen.name) central (\(unit))", "p5 (\(unit))", "p50 (\(unit))",
                      "p95 (\(unit))", "target (\(unit))"],
            rows: chosen.years.enumerated().map { k, year in
                [String(year.year), k < baseline.years.count ? ChartText.tableValue(baseline.years[k].central) : "",
                 ChartText.tableValue(year.central), ChartText.tableValue(year.p5), ChartText.tableValue(year.p50),
                 ChartText.tableValue(year.p95), plan.target.map { ChartText.tableValue($0.concentration) } ?? ""]
            })
        let id = chartIdentifier("mitigation path \(chosen.name)")
        return Chart(id: id, title: plot.title, description: plot.description, svg: plot.svg(id: id), table: table)
    }

    /// The plot of ``portfolioPathChart()``, or `nil` for a run without scenarios.
    func portfolioPathPlot() -> TimeSeriesPlot? {
        guard let chosen = chosenScenario, let baseline = scenarios.first else { return nil }
        let unit = plan.unit.symbol
        let isPortfolio = chosen.name == "least cost"
        let title = "\(plan.pollutant.name): " + (isPortfolio ? "least-cost portfolio" : "every measure") + " against "
            + (plan.target.map { "the target of \(ChartText.compact($0.concentration)) \(unit) by \($0.year)" } ?? "the baseline")
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: titled(plan.pollutant.name, unit: unit), timeTitle: "year")
        plot.includesZero = true
        let x = chosen.years.map { Double(Civil.seconds(year: $0.year, month: 1)) }
        plot.bands.append(.init(label: "\(chosen.name): 90% interval", x: x, lower: chosen.years.map(\.p5),
                                upper: chosen.years.map(\.p95), color: Palette.blue, opacity: 0.2))
        plot.lines.append(.init(label: "baseline", x: baseline.years.map { Double(Civil.seconds(year: $0.year, month: 1)) },
                                y: baseline.years.map(\.central), color: "#666666", dashed: true))
        plot.lines.append(.init(label: chosen.name, x: x, y: chosen.years.map(\.central), color: Palette.blue))
        if let target = plan.target, let first = x.first, let last = x.last {
            plot.lines.append(.init(label: "target \(ChartText.compact(target.concentration)) \(unit)", x: [first, last],
                                    y: [target.concentration, target.concentration], color: Palette.vermillion, dashed: true, width: 1.5))
            plot.markers.append(.init(label: "target year \(target.year)", x: Double(Civil.seconds(year: target.year, month: 1)),
                                      y: target.concentration, color: Palette.vermillion))
        }
        let measures = chosen.measures.isEmpty ? "no measures" : chosen.measures.joined(separator: ", ")
        var description = "Central \(titled(plan.pollutant.name, unit: unit)) each year from \(plan.baseYear) to \(plan.horizon) "
            + "under the \(chosen.name) scenario (\(measures)), with the 5th–95th percentile of \(plan.draws) draws, against the baseline"
        if let target = plan.target {
            description += " and the target of \(ChartText.compact(target.concentration)) \(unit) by \(target.year)"
            if !isPortfolio { description += ", which no portfolio reaches" }
        }
        plot.description = description + "."
        return plot
    }
}
