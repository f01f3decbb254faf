import UrbanCast

extension ScenarioReportData {
    /// The infrastructure charts: for each facility and scenario the capacity in place under the
    /// least-cost plan (a step line) and today's capacity against the demand's central path and
    /// the capacity needed (``infrastructureCapacityChart(_:)``); then for each facility the
    /// exceedance probability with today's capacity by year in every scenario
    /// (``infrastructureExceedanceChart(facility:)``).
    ///
    /// - Returns: The charts; none without `infrastructure:`.
    /// - Complexity: O(facilities × scenarios × years).
    public func infrastructureCharts() -> [Chart] {
        guard let outcomes = infrastructure else { return [] }
        var facilities: [String] = []
        for outcome in outcomes where !facilities.contains(outcome.facility) { facilities.append(outcome.facility) }
        var charts: [Chart] = []
        for facility in facilities {
            for outcome in outcomes where outcome.facility == facility { charts.append(infrastructureCapacityChart(outcome)) }
            if let chart = infrastructureExceedanceChart(facility: facility) { charts.append(chart) }
        }
        return charts
    }

    /// A step line through yearly values: each value held from its year's point to the next
    /// year's, where the line rises to the next value; the last value is a point.
    static func steps(_ years: [Int], _ values: [Double]) -> (x: [Double], y: [Double]) {
        var x: [Double] = [], y: [Double] = []
        for (h, year) in years.enumerated() {
            let end = h + 1 < years.count ? position(years[h + 1]) : position(year)
            x += [position(year), end]
            y += [values[h], values[h]]
        }
        return (x, y)
    }

    /// One facility in one scenario: the demand's central path and, for a demand that is an
    /// indicator, its 95 % band over the draws; the capacity needed (the reliability quantile);
    /// today's capacity; and the capacity in place under the least-cost plan, as steps.
    ///
    /// - Parameter outcome: The facility's outcome in one scenario.
    /// - Returns: The chart.
    public func infrastructureCapacityChart(_ outcome: InfrastructureOutcome) -> Chart {
        let years = outcome.years.map(\.year)
        let x = years.map(Self.position)
        let reliability = ChartText.fixed(outcome.reliability * 100, decimals: 1) + "%"
        let title = "\(outcome.facility): capacity against \(outcome.demand), \(outcome.scenario)"
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: titled(outcome.demand, unit: outcome.unit))
        if outcome.demand.hasPrefix("cumulative(") {
            plot.includesZero = true
        } else if let projection = results[scenario: outcome.scenario, indicator: outcome.demand],
                  let interval = projection.interval(level: 95) {
            plot.bands.append(.init(label: "demand 95%", x: x, lower: interval.lower, upper: interval.upper,
                                    color: Palette.blue, opacity: 0.12))
        }
        plot.lines.append(.init(label: "demand (central)", x: x, y: outcome.years.map(\.central), color: Palette.blue))
        plot.lines.append(.init(label: "capacity needed (\(reliability) quantile)", x: x, y: outcome.years.map(\.capacityNeeded),
                                color: Palette.blue, dashed: true, width: 1.5))
        plot.lines.append(.init(label: "capacity today", x: [x.first ?? 0, x.last ?? 0], y: [outcome.capacity, outcome.capacity],
                                color: Palette.black, dashed: true, width: 1.5))
        let planned = outcome.years.compactMap(\.capacityPlanned)
        if planned.count == years.count {
            let line = Self.steps(years, planned)
            plot.lines.append(.init(label: "least-cost plan", x: line.x, y: line.y, color: Palette.vermillion, width: 2.5))
        }
        for build in outcome.plan.builds {
            let level = outcome.years.first { $0.year == build.firstServiceYear }?.capacityPlanned ?? outcome.capacity
            plot.markers.append(.init(label: "\(build.expansion) in service \(build.firstServiceYear)",
                                      x: Self.position(build.firstServiceYear), y: level, color: Palette.vermillion))
        }
        let cost = outcome.plan.netPresentCost.map { ChartText.readable($0) + (outcome.currency.isEmpty ? "" : " \(outcome.currency)") }
        let planText: String
        if outcome.plan.feasible {
            planText = outcome.plan.builds.isEmpty ? "today's capacity suffices to \(years.last ?? 0)"
                : "the least-cost plan builds " + outcome.plan.builds.map { "\($0.expansion) (in service \($0.firstServiceYear))" }
                    .joined(separator: ", ") + ", net present cost \(cost ?? "")"
        } else {
            planText = "no plan keeps the risk acceptable (it fails in \(outcome.plan.failsIn.map(String.init) ?? "?"))"
        }
        plot.description = "\(outcome.facility) in \(outcome.scenario): demand (\(outcome.demand)) and the capacity needed for "
            + "P(demand ≤ capacity) ≥ \(reliability) in each year, over \(results.draws) draws, against today's capacity "
            + "\(ChartText.compact(outcome.capacity)); \(planText)."
        var table = DataTable(columns: ["year", "central", "capacity needed", "capacity today", "capacity planned"], rows: [])
        for row in outcome.years {
            table.rows.append([String(row.year), ChartText.tableValue(row.central), ChartText.tableValue(row.capacityNeeded),
                               ChartText.tableValue(outcome.capacity), row.capacityPlanned.map(ChartText.tableValue) ?? ""])
        }
        let id = chartIdentifier("infrastructure \(outcome.facility) \(outcome.scenario)")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }

    /// The probability that demand exceeds today's capacity, by year, in every scenario, with
    /// its 95 % interval from the draw count and the acceptable risk 1 − reliability as a line.
    ///
    /// - Parameter facility: The facility's name.
    /// - Returns: The chart, or `nil` for an unknown facility.
    public func infrastructureExceedanceChart(facility: String) -> Chart? {
        let outcomes = (infrastructure ?? []).filter { $0.facility == facility }
        guard let first = outcomes.first else { return nil }
        let x = first.years.map { Self.position($0.year) }
        let title = "\(facility): probability that \(first.demand) exceeds today's capacity"
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: "probability of exceeding (%)")
        plot.valueDomain = 0...100
        let risk = (1 - first.reliability) * 100
        plot.lines.append(.init(label: "acceptable risk \(ChartText.fixed(risk, decimals: 1))%", x: [x.first ?? 0, x.last ?? 0],
                                y: [risk, risk], color: Palette.black, dashed: true, width: 1))
        var table = DataTable(columns: ["year"], rows: first.years.map { [String($0.year)] })
        for outcome in outcomes {
            let color = Palette.color(results.scenarios.firstIndex(of: outcome.scenario) ?? 0)
            let lower = outcome.years.compactMap(\.exceedanceLower95), upper = outcome.years.compactMap(\.exceedanceUpper95)
            if lower.count == x.count, upper.count == x.count {
                plot.bands.append(.init(label: "\(outcome.scenario) 95%", x: x, lower: lower.map { $0 * 100 }, upper: upper.map { $0 * 100 },
                                        color: color, opacity: 0.15))
            }
            plot.lines.append(.init(label: outcome.scenario, x: x, y: outcome.years.map { $0.exceedance * 100 }, color: color))
            table.columns.append("\(outcome.scenario) P(exceed)")
            for h in table.rows.indices { table.rows[h].append(ChartText.tableValue(outcome.years[h].exceedance)) }
        }
        plot.description = "The share of \(results.draws) draws in which \(first.demand) exceeds today's capacity of "
            + "\(facility) (\(ChartText.compact(first.capacity))\(first.unit.map { " " + $0 } ?? "")), by year, with its 95% Wilson interval; "
            + outcomes.map { o in "\(o.scenario) passes \(ChartText.fixed(risk, decimals: 1))% "
                + (o.firstExceedance.map { "in \($0.year)" } ?? "after \(o.years.last?.year ?? 0)") }.joined(separator: ", ") + "."
        let id = chartIdentifier("infrastructure exceedance \(facility)")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }
}
