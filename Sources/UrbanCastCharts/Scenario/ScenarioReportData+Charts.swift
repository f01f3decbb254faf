import UrbanCast

extension ScenarioReportData {
    /// Every chart of the run, indicator by indicator: business as usual against each alternative
    /// (``comparisonChart(indicator:alternative:)``), the savings per year
    /// (``savingsChart(indicator:)``), the decomposition of each scenario
    /// (``decompositionChart(indicator:scenario:)``) and the hindcast
    /// (``hindcastChart(_:)``); then the drivers' hindcasts; then for each target the probability
    /// of meeting it in its year (``targetChart(_:)``) and year by year
    /// (``targetProbabilityChart(_:)``).
    ///
    /// - Returns: The charts, identifiers unique within the run.
    /// - Complexity: O(scenarios × indicators × years).
    public func charts() -> [Chart] {
        var charts: [Chart] = []
        var indicators: [String] = []
        for projection in results.indicators where !indicators.contains(projection.indicator) {
            indicators.append(projection.indicator)
        }
        let alternatives = Array(results.scenarios.dropFirst())
        for indicator in indicators {
            if alternatives.isEmpty {
                if let chart = comparisonChart(indicator: indicator, alternative: nil) { charts.append(chart) }
            }
            for alternative in alternatives {
                if let chart = comparisonChart(indicator: indicator, alternative: alternative) { charts.append(chart) }
            }
            if let chart = savingsChart(indicator: indicator) { charts.append(chart) }
            for scenario in results.scenarios {
                if let chart = decompositionChart(indicator: indicator, scenario: scenario) { charts.append(chart) }
            }
            for hindcast in hindcasts ?? [] where hindcast.name == "indicators.\(indicator)" {
                if let chart = hindcastChart(hindcast) { charts.append(chart) }
            }
        }
        for hindcast in hindcasts ?? [] where !hindcast.name.hasPrefix("indicators.") {
            if let chart = hindcastChart(hindcast) { charts.append(chart) }
        }
        for target in results.targets {
            charts.append(targetChart(target))
            if let chart = targetProbabilityChart(target) { charts.append(chart) }
        }
        charts += infrastructureCharts()
        var seen: Set<String> = []
        return charts.map { chart in
            var chart = chart
            var id = chart.id, n = 2
            while seen.contains(id) {
                id = "\(chart.id)-\(n)"
                n += 1
            }
            if id != chart.id {
                chart.svg = chart.svg.replacingOccurrences(of: "\"\(chart.id)", with: "\"\(id)")
                chart.id = id
            }
            seen.insert(id)
            return chart
        }
    }

    /// Seconds since the epoch of 1 January of `year`, the time axis' position of a yearly value.
    static func position(_ year: Int) -> Double { Double(Civil.seconds(year: year, month: 1)) }

    /// History, business as usual and one alternative (or business as usual alone), each with
    /// its mean over the draws and 95% interval, and the indicator's targets as markers.
    ///
    /// - Parameters:
    ///   - indicator: The indicator.
    ///   - alternative: The alternative scenario, or `nil` for business as usual alone.
    /// - Returns: The chart, or `nil` for an unknown indicator or scenario.
    public func comparisonChart(indicator: String, alternative: String?) -> Chart? {
        guard let bauName = results.scenarios.first, let bau = results[scenario: bauName, indicator: indicator] else { return nil }
        var shown = [bau]
        if let alternative {
            guard let projection = results[scenario: alternative, indicator: indicator] else { return nil }
            shown.append(projection)
        }
        let title = "\(indicator): " + shown.map(\.scenario).joined(separator: " against ")
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: titled(indicator, unit: bau.unit))
        var table = DataTable(columns: ["year", titled("observed", unit: bau.unit)], rows: [])
        let history = self.history[indicator].flatMap(Self.observed)
        if let history {
            if history.values.count > 1 {
                plot.lines.append(.init(label: "observed", x: (0..<history.values.count).map { Self.position(history.firstYear + $0) },
                                        y: history.values, color: Palette.black, width: 1.5))
            } else {
                // A single observed year (the base year of a model fitted on hourly records) is no line.
                plot.markers.append(.init(label: "observed \(history.firstYear)", x: Self.position(history.firstYear),
                                          y: history.values[0], color: Palette.black))
            }
            plot.divider = Self.position(history.lastYear)
        }
        let x = bau.years.map(Self.position)
        for (k, projection) in shown.enumerated() {
            let color = Palette.color(k)
            if let interval = projection.interval(level: 95) {
                var band = TimeSeriesPlot.Band(label: "\(projection.scenario) 95%", x: x, lower: interval.lower,
                                               upper: interval.upper, color: color, opacity: 0.12)
                band.outlined = true
                plot.bands.append(band)
            }
            plot.lines.append(.init(label: "\(projection.scenario) mean", x: x, y: projection.mean, color: color))
            table.columns += ["\(projection.scenario) mean", "\(projection.scenario) lo95", "\(projection.scenario) hi95"]
        }
        for (k, target) in results.targets.enumerated() where target.indicator == indicator {
            let bound = target.atMost.map { "≤ \(ChartText.compact($0))" } ?? target.atLeast.map { "≥ \(ChartText.compact($0))" } ?? ""
            guard let value = target.atMost ?? target.atLeast else { continue }
            plot.markers.append(.init(label: "target \(target.name): \(bound) in \(target.year)", x: Self.position(target.year),
                                      y: value, color: k == 0 ? Palette.orange : Palette.color(k + 4)))
        }
        if let history {
            for (k, value) in history.values.enumerated() {
                table.rows.append([String(history.firstYear + k), ChartText.tableValue(value)]
                    + [String](repeating: "", count: 3 * shown.count))
            }
        }
        for (h, year) in bau.years.enumerated() {
            var row = [String(year), ""]
            for projection in shown {
                let interval = projection.interval(level: 95)
                row += [ChartText.tableValue(projection.mean[h]), interval.map { ChartText.tableValue($0.lower[h]) } ?? "",
                        interval.map { ChartText.tableValue($0.upper[h]) } ?? ""]
            }
            table.rows.append(row)
        }
        let first = bau.years.first.map(String.init) ?? "", last = bau.years.last.map(String.init) ?? ""
        plot.description = "\(titled(indicator, unit: bau.unit)) in \(results.city): "
            + (history.map { "observed \($0.firstYear)–\($0.lastYear), " } ?? "")
            + "projected \(first)–\(last) under " + shown.map(\.scenario).joined(separator: " and ")
            + ", mean over \(results.draws) draws with 95% intervals."
        let id = chartIdentifier("scenario \(indicator) " + shown.map(\.scenario).joined(separator: " "))
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }

    /// The history with the missing years at its ends left out, or `nil` when nothing was observed.
    static func observed(_ series: YearlySeries) -> YearlySeries? {
        guard let first = series.values.firstIndex(where: \.isFinite),
              let last = series.values.lastIndex(where: \.isFinite) else { return nil }
        return YearlySeries(firstYear: series.firstYear + first, values: Array(series.values[first...last]))
    }

    /// What each alternative saves against business as usual per year (`mean(bau) − mean(alternative)`)
    /// with the 95% interval of the paired per-draw savings, against a zero line.
    ///
    /// - Parameter indicator: The indicator.
    /// - Returns: The chart, or `nil` when the run has no alternative or no such indicator.
    public func savingsChart(indicator: String) -> Chart? {
        let projections = results.scenarios.dropFirst().compactMap { results[scenario: $0, indicator: indicator] }
            .filter { $0.savings != nil }
        guard let first = projections.first else { return nil }
        let title = "\(indicator): savings against \(results.scenarios[0])"
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: titled("savings", unit: first.unit))
        plot.includesZero = true
        let x = first.years.map(Self.position)
        plot.lines.append(.init(label: "", x: [x.first ?? 0, x.last ?? 0], y: [0, 0], color: "#777777", width: 1))
        var table = DataTable(columns: ["year"], rows: first.years.map { [String($0)] })
        for (k, projection) in projections.enumerated() {
            guard let savings = projection.savings else { continue }
            let color = Palette.color(k + 1)
            if let interval = savings.interval(level: 95) {
                plot.bands.append(.init(label: "\(projection.scenario) 95%", x: x, lower: interval.lower, upper: interval.upper,
                                        color: color, opacity: 0.18))
            }
            plot.lines.append(.init(label: projection.scenario, x: x, y: savings.mean, color: color))
            table.columns += [titled("\(projection.scenario) savings", unit: projection.unit), "lo95", "hi95"]
            let interval = savings.interval(level: 95)
            for h in table.rows.indices {
                table.rows[h] += [ChartText.tableValue(savings.mean[h]), interval.map { ChartText.tableValue($0.lower[h]) } ?? "",
                                  interval.map { ChartText.tableValue($0.upper[h]) } ?? ""]
            }
        }
        plot.description = "What " + projections.map(\.scenario).joined(separator: ", ")
            + " saves in \(titled(indicator, unit: first.unit)) against \(results.scenarios[0]) each year, "
            + "with the 95% interval of the paired savings over \(results.draws) draws; above zero is a saving."
        let id = chartIdentifier("savings \(indicator)")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }

    /// The probability that each scenario meets a target in its year: the share of draws meeting
    /// the bound (0 or 100% on the central path alone).
    ///
    /// - Parameter target: The target's result.
    /// - Returns: The chart.
    public func targetChart(_ target: ScenarioRun.TargetResult) -> Chart {
        let bound = target.atMost.map { "at most \(ChartText.compact($0))" }
            ?? target.atLeast.map { "at least \(ChartText.compact($0))" } ?? ""
        let unit = results.indicators.first { $0.indicator == target.indicator }?.unit
        let title = "Target \(target.name): \(target.indicator) \(bound)\(unit.map { " " + $0 } ?? "") in \(target.year)"
        let colors = target.outcomes.map { outcome in Palette.color(results.scenarios.firstIndex(of: outcome.scenario) ?? 0) }
        let description = "The probability that each scenario meets target \(target.name) (\(target.indicator) \(bound) in \(target.year)): "
            + target.outcomes.map { "\($0.scenario) \(ChartText.fixed($0.probability * 100, decimals: 1))%" }.joined(separator: ", ")
            + (results.draws == 0 ? " (central path only)." : ", from \(results.draws) draws.")
        let plot = BarPlot(title: title, description: description, valueTitle: "probability of meeting (%)",
                           categories: target.outcomes.map(\.scenario), values: target.outcomes.map { $0.probability * 100 },
                           colors: colors, domain: 0...100, valueLabel: { ChartText.fixed($0, decimals: 1) + "%" })
        let table = DataTable(
            columns: ["scenario", titled("central \(target.year)", unit: unit), "met on central path", "probability"],
            rows: target.outcomes.map { [$0.scenario, ChartText.tableValue($0.central), $0.metOnCentralPath ? "yes" : "no",
                                         ChartText.tableValue($0.probability)] })
        let id = chartIdentifier("target \(target.name)")
        return Chart(id: id, title: title, description: description, svg: plot.svg(id: id), table: table)
    }
}
