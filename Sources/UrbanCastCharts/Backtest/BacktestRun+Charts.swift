import UrbanCast

/// A point-forecast error measure a backtest chart draws.
public enum AccuracyMeasure: String, Sendable, CaseIterable {
    /// Mean absolute scaled error (no unit; 1 is the in-sample seasonal naive error).
    case mase
    /// Symmetric mean absolute percentage error (percent, 0–200).
    case smape
    /// Mean absolute error (the data's unit; NaN over series of different units).
    case mae

    /// The measure's name as axes and tables give it: `MASE`, `sMAPE`, `MAE`.
    public var name: String {
        switch self {
        case .mase: "MASE"
        case .smape: "sMAPE"
        case .mae: "MAE"
        }
    }

    /// The measure's value in a set of scores.
    ///
    /// - Parameter scores: Backtest scores.
    /// - Returns: The value (NaN when not scored).
    public func value(_ scores: Backtest.Scores) -> Double {
        switch self {
        case .mase: scores.mase
        case .smape: scores.smape
        case .mae: scores.mae
        }
    }

    /// The axis title: the name with its unit (`sMAPE (%)`, `MAE (Mgal/d)`, `MASE (no unit)`).
    ///
    /// - Parameter unit: The data's unit, for MAE.
    /// - Returns: The title.
    public func title(unit: String?) -> String {
        switch self {
        case .mase: "MASE (no unit)"
        case .smape: "sMAPE (%)"
        case .mae: titled("MAE", unit: unit)
        }
    }
}

extension BacktestRun {
    /// Accuracy by horizon: one line per model through its `measure` at each step ahead
    /// (``BacktestRun/ModelResult/aggregateByStep``, the mean over series), so a planner sees how
    /// fast each model's error grows with the horizon.
    ///
    /// ```swift
    /// let chart = run.accuracyByHorizonChart()   // MASE one to h steps ahead, a line per model
    /// ```
    ///
    /// - Parameter measure: The error measure; MASE by default, which is comparable across series.
    /// - Returns: The chart, with a table of every model's MASE, sMAPE and MAE per step.
    /// - Complexity: O(models × series × windows × horizon).
    public func accuracyByHorizonChart(measure: AccuracyMeasure = .mase) -> Chart {
        let horizon = configuration.backtest.horizon
        let steps = (1...max(horizon, 1)).map(Double.init)
        let byStep = models.map(\.aggregateByStep)
        let units = Set(perSeries.map(\.unit))
        let unit = units.count == 1 ? units.first ?? nil : nil
        let title = "Accuracy by horizon: \(measure.name)"
        var plot = XYPlot(title: title, description: "", xTitle: "steps ahead", yTitle: measure.title(unit: unit))
        plot.integerX = true
        plot.includesZero = true
        var table = DataTable(columns: ["steps ahead"], rows: steps.map { [ChartText.compact($0)] })
        for (m, model) in models.enumerated() {
            let values = steps.indices.map { j in j < byStep[m].count ? measure.value(byStep[m][j].scores) : .nan }
            plot.series.append(.init(label: model.model.description, x: steps, y: values, color: Palette.color(m),
                                     shape: XYPlot.Shape.cycle[m % XYPlot.Shape.cycle.count]))
            table.columns += AccuracyMeasure.allCases.map { "\(model.model) \($0.title(unit: unit))" }
            for j in steps.indices {
                table.rows[j] += AccuracyMeasure.allCases.map { other in
                    ChartText.tableValue(j < byStep[m].count ? other.value(byStep[m][j].scores) : .nan)
                }
            }
        }
        let seriesCount = Set(perSeries.map(\.key)).count
        plot.description = "\(measure.name) of each model's forecasts 1 to \(horizon) steps ahead, the mean over "
            + "\(seriesCount) series of each series' \(configuration.backtest.windows) rolling-origin windows"
            + (measure == .mase ? " (1 is the in-sample seasonal naive error)." : ".")
        let id = "backtest-accuracy-by-horizon"
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }

    /// The distinct series of the run, in the panel's order.
    var seriesKeys: [SeriesKey] {
        var keys: [SeriesKey] = []
        for result in models.first?.results ?? [] where !keys.contains(result.key) { keys.append(result.key) }
        return keys
    }

    /// Forecast against actual, window by window, for one series: small multiples, one panel per
    /// window (the most recent `maximumWindows`), each with the actuals around the window and
    /// every model's point forecast from its origin (at most `maximumModels` models).
    ///
    /// - Parameters:
    ///   - key: The series.
    ///   - maximumWindows: The most windows drawn, the latest ones.
    ///   - maximumModels: The most models drawn, the first ones.
    /// - Returns: The chart, or `nil` when no model has a scored window on the series.
    /// - Complexity: O(models × windows × horizon).
    public func forecastWindowsChart(key: SeriesKey, maximumWindows: Int = 12, maximumModels: Int = 4) -> Chart? {
        let results = models.prefix(max(1, maximumModels)).compactMap { model in model.results.first { $0.key == key } }
        guard let reference = results.first(where: { $0.backtest != nil }), let backtest = reference.backtest,
              reference.dates.count == reference.values.count else { return nil }
        let name = key.isEmpty ? "series" : key.description
        let quantity = key["indicator"] ?? key["pollutant"] ?? "value"
        let horizon = configuration.backtest.horizon
        let context = max(2 * horizon, 8)
        let shown = Array(backtest.windows.suffix(max(1, maximumWindows)))
        let seconds = reference.dates.map { Double($0.secondsSinceEpoch) }
        var table = DataTable(columns: ["window", "date", titled("actual", unit: reference.unit)] + results.map { "\($0.model) forecast" },
                              rows: [])
        var panels: [TimeSeriesPlot] = []
        for window in shown {
            let first = max(0, window.test.lowerBound - context), last = min(window.test.upperBound, seconds.count)
            guard first < last, window.test.lowerBound < seconds.count else { continue }
            let origin = reference.dates[window.test.lowerBound]
            var panel = TimeSeriesPlot(title: "from \(origin)", description: "", valueTitle: titled(quantity, unit: reference.unit))
            panel.lines.append(.init(label: "actual", x: Array(seconds[first..<last]), y: Array(reference.values[first..<last]),
                                     color: Palette.black, width: 1.5))
            panel.divider = seconds[window.test.lowerBound]
            var forecasts: [[Double]] = []
            for (m, result) in results.enumerated() {
                let mean = result.backtest.flatMap { $0.windows.indices.contains(window.index) ? $0.windows[window.index].forecast?.mean : nil }
                forecasts.append(mean ?? [])
                guard let mean else { continue }
                let x = window.test.compactMap { $0 < seconds.count ? seconds[$0] : nil }
                panel.lines.append(.init(label: "\(result.model) forecast", x: x, y: Array(mean.prefix(x.count)),
                                         color: Palette.color(m), dashed: m > 0))
            }
            panels.append(panel)
            for j in window.test where j < seconds.count {
                let step = j - window.test.lowerBound
                table.rows.append([String(window.index), "\(reference.dates[j])", ChartText.tableValue(reference.values[j])]
                    + forecasts.map { step < $0.count ? ChartText.tableValue($0[step]) : "" })
            }
        }
        guard !panels.isEmpty else { return nil }
        let title = "\(name): forecast against actual, window by window"
        let omitted = backtest.windows.count - shown.count
        let description = "The actual \(quantity) of \(name) around each of "
            + (omitted > 0 ? "the latest \(shown.count) of \(backtest.windows.count)" : "the \(shown.count)")
            + " rolling-origin windows, with " + results.map { "\($0.model)" }.joined(separator: ", ")
            + " forecasting \(horizon) step\(horizon == 1 ? "" : "s") from each origin (dotted rule)"
            + (models.count > results.count ? "; \(models.count - results.count) more models are in the tables" : "") + "."
        var grid = SmallMultiples(title: title, description: description, panels: panels, columns: 3)
        grid.valueTitle = titled(quantity, unit: reference.unit)
        let id = chartIdentifier("backtest windows " + (key.isEmpty ? "series" : key.values.joined(separator: " ")))
        return Chart(id: id, title: title, description: description, svg: grid.svg(id: id), table: table)
    }

    /// The run's charts: accuracy by horizon, then forecast against actual for each of the first
    /// `maximumSeries` series.
    ///
    /// - Parameters:
    ///   - maximumSeries: The most series given a window chart.
    ///   - maximumWindows: The most windows per series chart.
    ///   - maximumModels: The most models per window panel.
    /// - Returns: The charts, identifiers unique within the run.
    public func charts(maximumSeries: Int = 6, maximumWindows: Int = 12, maximumModels: Int = 4) -> [Chart] {
        var charts = [accuracyByHorizonChart()]
        var seen: Set<String> = [charts[0].id]
        for key in seriesKeys.prefix(max(0, maximumSeries)) {
            guard var chart = forecastWindowsChart(key: key, maximumWindows: maximumWindows, maximumModels: maximumModels) else { continue }
            if seen.contains(chart.id) {
                var n = 2
                while seen.contains("\(chart.id)-\(n)") { n += 1 }
                chart.svg = chart.svg.replacingOccurrences(of: "\"\(chart.id)", with: "\"\(chart.id)-\(n)")
                chart.id += "-\(n)"
            }
            seen.insert(chart.id)
            charts.append(chart)
        }
        return charts
    }
}
