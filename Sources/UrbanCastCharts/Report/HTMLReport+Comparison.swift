import UrbanCast

extension HTMLReport {
    /// The report of a scenario comparison: for each indicator the table `urbancast scenario
    /// compare` prints (each scenario's mean in the chosen years, the savings against the
    /// baseline), the target verdicts, and charts: each scenario in the chosen years, the
    /// cumulative savings of each alternative, and, when the run folder holds its results, every
    /// scenario's path with its 95% band.
    ///
    /// ```swift
    /// let comparison = try ScenarioComparison(run.results, years: [2030, 2050])
    /// let html = HTMLReport(comparison: comparison, data: ScenarioReportData(run), manifest: nil).html()
    /// ```
    ///
    /// - Parameters:
    ///   - comparison: The comparison.
    ///   - data: The run's results and histories, or `nil` when the folder has none.
    ///   - manifest: The run folder's manifest, or `nil`.
    /// - Complexity: O(scenarios × indicators × years).
    public init(comparison: ScenarioComparison, data: ScenarioReportData?, manifest: RunDirectory.Manifest?) {
        let scenarios = comparison.indicators.first?.rows.map(\.scenario) ?? []
        self.init(title: "Scenario comparison" + (data.map { ": \($0.results.city)" } ?? ""),
                  subtitle: "\(scenarios.joined(separator: ", ")) against \(comparison.baseline) in "
                      + comparison.years.map(String.init).joined(separator: ", ")
                      + "; UrbanCast \(manifest?.version ?? UrbanCastVersion.string)")
        sections.append(Section(heading: "Comparison", facts: [
            ("baseline", comparison.baseline), ("years", comparison.years.map(String.init).joined(separator: ", ")),
            ("scenarios", scenarios.joined(separator: ", ")),
        ]))
        let lastYear = comparison.years.last.map(String.init) ?? ""
        for indicator in comparison.indicators {
            let unit = indicator.unit.isEmpty ? nil : indicator.unit
            sections.append(Section(heading: titled(indicator.name, unit: unit), table: DataTable(
                columns: ["scenario"] + comparison.years.map(String.init) + ["savings \(lastYear)", "cumulative savings"],
                rows: indicator.rows.map { row in
                    [row.scenario] + row.values.map(ChartText.readable)
                        + (row.scenario == comparison.baseline ? ["", ""]
                            : [row.savings.last.map(ChartText.readable) ?? "", ChartText.readable(row.cumulativeSavings)])
                })))
        }
        if !comparison.targets.isEmpty {
            sections.append(Section(heading: "Targets", table: DataTable(columns: ["verdict"], rows: comparison.targets.map { [$0] })))
        }
        if let manifest {
            sections.append(Self.manifestSection(inputs: manifest.inputs, seed: manifest.seed, version: manifest.version))
        }
        for indicator in comparison.indicators {
            charts += Self.comparisonCharts(indicator, comparison: comparison, data: data)
        }
        if data == nil {
            notes.append("The run folder has no results.json (run `scenario run` with a report to write one), so the scenarios' "
                + "paths and bands are left out; the charts show the chosen years.")
        }
    }

    /// One indicator's charts: the scenarios in the chosen years, the cumulative savings, and
    /// (with the run's results) every scenario's path.
    static func comparisonCharts(_ indicator: (name: String, unit: String, rows: [ScenarioComparison.Row]),
                                 comparison: ScenarioComparison, data: ScenarioReportData?) -> [Chart] {
        let unit = indicator.unit.isEmpty ? nil : indicator.unit
        let years = comparison.years.map(Double.init)
        var charts: [Chart] = []
        var points = XYPlot(title: "\(indicator.name) in \(comparison.years.map(String.init).joined(separator: ", "))",
                            description: "", xTitle: "year", yTitle: titled(indicator.name, unit: unit))
        points.xTickValues = years
        var table = DataTable(columns: ["scenario"] + comparison.years.map(String.init), rows: [])
        for (k, row) in indicator.rows.enumerated() {
            // Points alone: a line between chosen years would invent the years between them.
            points.series.append(.init(label: row.scenario, x: years, y: row.values, color: Palette.color(k),
                                       shape: XYPlot.Shape.cycle[k % XYPlot.Shape.cycle.count], joined: false))
            table.rows.append([row.scenario] + row.values.map(ChartText.tableValue))
        }
        points.description = "The mean of \(titled(indicator.name, unit: unit)) in each scenario in "
            + comparison.years.map(String.init).joined(separator: ", ") + "."
        let pointsID = chartIdentifier("compare \(indicator.name) years")
        charts.append(Chart(id: pointsID, title: points.title, description: points.description, svg: points.svg(id: pointsID),
                            table: table))

        let alternatives = indicator.rows.filter { $0.scenario != comparison.baseline }
        if !alternatives.isEmpty {
            let savingsUnit = unit.map { "\($0) × years" } ?? "unit × years"
            let title = "\(indicator.name): cumulative savings against \(comparison.baseline)"
            let description = "What each scenario saves in \(indicator.name) against \(comparison.baseline), summed over every "
                + "projected year: " + alternatives.map { "\($0.scenario) \(ChartText.readable($0.cumulativeSavings))" }
                    .joined(separator: ", ") + " (\(savingsUnit)); above zero is a saving."
            let plot = BarPlot(title: title, description: description, valueTitle: "savings (\(savingsUnit))",
                               categories: alternatives.map(\.scenario), values: alternatives.map(\.cumulativeSavings),
                               colors: alternatives.map { row in
                                   Palette.color(indicator.rows.firstIndex { $0.scenario == row.scenario } ?? 0)
                               }, valueLabel: { ChartText.readable($0) })
            let id = chartIdentifier("compare \(indicator.name) savings")
            charts.append(Chart(id: id, title: title, description: description, svg: plot.svg(id: id), table: DataTable(
                columns: ["scenario", "cumulative savings (\(savingsUnit))"],
                rows: alternatives.map { [$0.scenario, ChartText.tableValue($0.cumulativeSavings)] })))
        }
        if let data, let chart = data.pathsChart(indicator: indicator.name, scenarios: indicator.rows.map(\.scenario)) {
            charts.append(chart)
        }
        return charts
    }
}

extension ScenarioReportData {
    /// Every named scenario's mean path of an indicator with its 95% band, and the history.
    ///
    /// - Parameters:
    ///   - indicator: The indicator.
    ///   - scenarios: The scenarios, in the order drawn.
    /// - Returns: The chart, or `nil` when none of the scenarios has the indicator.
    public func pathsChart(indicator: String, scenarios: [String]) -> Chart? {
        let projections = scenarios.compactMap { results[scenario: $0, indicator: indicator] }
        guard let first = projections.first else { return nil }
        let title = "\(indicator): every scenario"
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: titled(indicator, unit: first.unit))
        if let history = history[indicator].flatMap(Self.observed), history.values.count > 1 {
            plot.lines.append(.init(label: "observed", x: (0..<history.values.count).map { Self.position(history.firstYear + $0) },
                                    y: history.values, color: Palette.black, width: 1.5))
            plot.divider = Self.position(history.lastYear)
        }
        let x = first.years.map(Self.position)
        var table = DataTable(columns: ["year"], rows: first.years.map { [String($0)] })
        for projection in projections {
            let k = results.scenarios.firstIndex(of: projection.scenario) ?? 0
            if let interval = projection.interval(level: 95) {
                var band = TimeSeriesPlot.Band(label: "", x: x, lower: interval.lower, upper: interval.upper,
                                               color: Palette.color(k), opacity: 0.1)
                band.outlined = true
                plot.bands.append(band)
            }
            plot.lines.append(.init(label: projection.scenario, x: x, y: projection.mean, color: Palette.color(k), dashed: k > 0))
            table.columns += ["\(projection.scenario) mean", "lo95", "hi95"]
            let interval = projection.interval(level: 95)
            for h in table.rows.indices where h < projection.mean.count {
                table.rows[h] += [ChartText.tableValue(projection.mean[h]), interval.map { ChartText.tableValue($0.lower[h]) } ?? "",
                                  interval.map { ChartText.tableValue($0.upper[h]) } ?? ""]
            }
        }
        plot.description = "\(titled(indicator, unit: first.unit)) in \(results.city) under "
            + projections.map(\.scenario).joined(separator: ", ") + ": the mean over \(results.draws) draws with the 95% band of each."
        let id = chartIdentifier("compare \(indicator) paths")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }
}
