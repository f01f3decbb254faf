import UrbanCast

extension ScenarioReportData {
    /// The LMDI decomposition of an indicator's change in one scenario as a waterfall: the
    /// observed base-year value, each factor's effect (population, affluence, intensity) and the
    /// central value in the last projected year, each bar starting where the previous one ended.
    ///
    /// - Parameters:
    ///   - indicator: The indicator.
    ///   - scenario: The scenario.
    /// - Returns: The chart, or `nil` when the run has no such decomposition (an indicator without
    ///   a population driver, or results written without decompositions).
    public func decompositionChart(indicator: String, scenario: String) -> Chart? {
        guard let d = decompositions?.first(where: { $0.indicator == indicator && $0.scenario == scenario }),
              let year = d.years.last, let end = d.values.last else { return nil }
        let steps = d.factors.map { (label: $0.name, value: $0.effects.last ?? .nan) }
        let title = "\(indicator): what changes it from \(d.baseYear) to \(year) in \(scenario)"
        let plot = WaterfallPlot(
            title: title,
            description: "The LMDI decomposition of \(titled(indicator, unit: d.unit)) in \(results.city) under \(scenario): "
                + "\(ChartText.readable(d.baseValue)) observed in \(d.baseYear), "
                + steps.map { "\($0.label) \($0.value < 0 ? "−" : "+")\(ChartText.readable(Swift.abs($0.value)))" }.joined(separator: ", ")
                + ", giving \(ChartText.readable(end)) on the central path in \(year). The value axis need not start at zero.",
            valueTitle: titled(indicator, unit: d.unit), start: (String(d.baseYear), d.baseValue), steps: steps, endLabel: String(year))
        var table = DataTable(columns: ["year", titled(indicator, unit: d.unit), "change"] + d.factors.map { "\($0.name) effect" },
                              rows: [[String(d.baseYear), ChartText.tableValue(d.baseValue), ""]])
        for (h, y) in d.years.enumerated() {
            table.rows.append([String(y), ChartText.tableValue(d.values[h]), ChartText.tableValue(d.values[h] - d.baseValue)]
                + d.factors.map { ChartText.tableValue($0.effects[h]) })
        }
        let id = chartIdentifier("decomposition \(indicator) \(scenario)")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }

    /// A hindcast against history: the model refitted without the last years, its projection
    /// over them (dashed) against what was observed, with the indicator's whole history.
    ///
    /// - Parameter hindcast: One of ``hindcasts``.
    /// - Returns: The chart, or `nil` when the hindcast has no values.
    public func hindcastChart(_ hindcast: Hindcast) -> Chart? {
        guard !hindcast.projected.isEmpty else { return nil }
        let parts = hindcast.name.split(separator: ".", maxSplits: 1).map(String.init)
        let name = parts.count == 2 ? parts[1] : hindcast.name
        let isIndicator = parts.first == "indicators"
        let unit = isIndicator ? results.indicators.first { $0.indicator == name }?.unit
            : results.drivers.first { $0.driver == name }?.unit
        let lastYear = hindcast.firstYear + hindcast.projected.count - 1
        let title = "\(name): hindcast \(hindcast.firstYear)–\(lastYear) against history"
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: titled(name, unit: unit))
        var observed = YearlySeries(firstYear: hindcast.firstYear, values: hindcast.observed)
        if isIndicator, let history = history[name].flatMap(Self.observed) { observed = history }
        plot.lines.append(.init(label: "observed", x: (0..<observed.values.count).map { Self.position(observed.firstYear + $0) },
                                y: observed.values, color: Palette.black, width: 1.5))
        // The hindcast starts from the last year it was fitted on, where it meets the history.
        let cut = hindcast.firstYear - 1
        let joinValue = observed.value(in: cut)
        let x = (joinValue == nil ? [] : [Self.position(cut)]) + hindcast.projected.indices.map { Self.position(hindcast.firstYear + $0) }
        let y = (joinValue.map { [$0] } ?? []) + hindcast.projected
        plot.lines.append(.init(label: "hindcast fitted to \(cut)", x: x, y: y, color: Palette.vermillion, dashed: true))
        plot.divider = Self.position(cut)
        var table = DataTable(columns: ["year", titled("observed", unit: unit), "hindcast"], rows: [])
        for (k, value) in hindcast.projected.enumerated() {
            let observedValue = k < hindcast.observed.count ? hindcast.observed[k] : .nan
            table.rows.append([String(hindcast.firstYear + k), ChartText.tableValue(observedValue), ChartText.tableValue(value)])
        }
        plot.description = "\(titled(name, unit: unit)) in \(results.city): the model fitted on the years up to \(cut) and "
            + "projected over \(hindcast.firstYear)–\(lastYear) with the observed drivers (dashed), against the observed values."
        let id = chartIdentifier("hindcast \(name)")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }

    /// The probability of meeting a target year by year: for each scenario, the share of draws
    /// meeting the target's bound in each projected year, on an axis from 0 to 100%, with the
    /// target year marked.
    ///
    /// - Parameter target: The target's result.
    /// - Returns: The chart, or `nil` when the results hold no per-year probabilities (a run
    ///   without draws, or results written before they were recorded).
    public func targetProbabilityChart(_ target: ScenarioRun.TargetResult) -> Chart? {
        guard let years = results.indicators.first(where: { $0.indicator == target.indicator })?.years,
              target.outcomes.contains(where: { $0.probabilityByYear?.count == years.count }) else { return nil }
        let bound = target.atMost.map { "at most \(ChartText.compact($0))" }
            ?? target.atLeast.map { "at least \(ChartText.compact($0))" } ?? ""
        let title = "Target \(target.name): probability of \(target.indicator) \(bound), year by year"
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: "probability of meeting (%)")
        plot.valueDomain = 0...100
        let x = years.map(Self.position)
        plot.lines.append(.init(label: "", x: [x.first ?? 0, x.last ?? 0], y: [50, 50], color: "#999999", width: 1))
        var table = DataTable(columns: ["year"], rows: years.map { [String($0)] })
        for outcome in target.outcomes {
            guard let byYear = outcome.probabilityByYear, byYear.count == years.count else { continue }
            let k = results.scenarios.firstIndex(of: outcome.scenario) ?? 0
            plot.lines.append(.init(label: outcome.scenario, x: x, y: byYear.map { $0 * 100 }, color: Palette.color(k), dashed: k > 0))
            table.columns.append("\(outcome.scenario) probability")
            for h in years.indices { table.rows[h].append(ChartText.tableValue(byYear[h])) }
        }
        plot.divider = Self.position(target.year)
        plot.description = "The share of \(results.draws) draws in which each scenario meets target \(target.name) "
            + "(\(target.indicator) \(bound)) in each year \(years.first.map(String.init) ?? "")–\(years.last.map(String.init) ?? ""); "
            + "the dotted rule marks the target year \(target.year): "
            + target.outcomes.map { "\($0.scenario) \(ChartText.fixed($0.probability * 100, decimals: 1))%" }.joined(separator: ", ") + "."
        let id = chartIdentifier("target \(target.name) by year")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }
}
