import UrbanCast

extension ForecastRun.SeriesResult {
    /// The series' fan chart: the observed history, the one-step fitted values (dashed), the point
    /// forecast and a shaded band per interval level (widest lightest), split at the forecast
    /// origin; a series whose model failed shows its history alone and says why in its description.
    ///
    /// ```swift
    /// let chart = run.results[0].chart()
    /// try chart.svg.write(toFile: "water.svg", atomically: true, encoding: .utf8)
    /// ```
    ///
    /// A long history would squeeze the forecast into a sliver at the right edge, so the chart
    /// and its table show only the last `shownHistory` observations (by default
    /// ``defaultShownHistory(horizon:)``); the description says how many are left out.
    ///
    /// - Parameters:
    ///   - id: The chart's identifier, or `nil` for one made from the key.
    ///   - shownHistory: The most recent observations shown, or `nil` for the default.
    /// - Returns: The chart with its data table (date, observed, fitted, mean and interval ends).
    /// - Complexity: O(shown history + horizon).
    public func chart(id: String? = nil, shownHistory: Int? = nil) -> Chart {
        let name = key.isEmpty ? "series" : key.description
        let quantity = key["indicator"] ?? key["pollutant"] ?? "value"
        let modelName = model?.name ?? (forecast == nil ? "failed" : "no model")
        let title = "\(name): \(modelName)" + (fallback != nil ? " (fallback)" : "")
        let shown = max(1, shownHistory ?? Self.defaultShownHistory(horizon: forecast?.horizon ?? 0))
        let start = max(0, historyDates.count - shown)
        let historyDates = Array(self.historyDates[start...])
        let historyValues = Array(self.historyValues[min(start, self.historyValues.count)...])
        let fittedValues = Array(self.fittedValues[min(start, self.fittedValues.count)...])
        let x = historyDates.map { Double($0.secondsSinceEpoch) }
        var plot = TimeSeriesPlot(title: title, description: "", valueTitle: titled(quantity, unit: unit))
        plot.lines.append(.init(label: "observed", x: x, y: historyValues, color: Palette.black, width: 1.5))
        if fittedValues.contains(where: \.isFinite) {
            plot.lines.append(.init(label: "fitted", x: x, y: fittedValues, color: Palette.orange, dashed: true, width: 1.5))
        }
        var description = "\(quantity) of \(name)"
        if let first = historyDates.first, let last = historyDates.last {
            description += ", observed \(first) to \(last)"
                + (start > 0 ? " (the last \(historyDates.count) of \(self.historyDates.count) observations)" : "")
        }
        var table = DataTable(columns: ["date", titled("observed", unit: unit), "fitted"], rows: [])
        let levels = (forecast?.levels ?? []).sorted(by: >)
        if let forecast, let lastDate = historyDates.last {
            let fx = forecast.dates.map { Double($0.secondsSinceEpoch) }
            // The fan starts at the last observation so the forecast joins the history.
            let joinX = [Double(lastDate.secondsSinceEpoch)] + fx
            let lastValue = historyValues.last ?? .nan
            for (k, level) in levels.enumerated() {
                guard let interval = try? forecast.interval(level: level) else { continue }
                // Widest band lightest, narrower ones darker on top of it, so each legend swatch is
                // ordered as the chart's regions are (the 80% swatch darker than the 95% one).
                let opacity = 0.15 + 0.1 * Double(k)
                plot.bands.append(.init(label: "\(ChartText.compact(level))% interval", x: joinX,
                                        lower: [lastValue] + interval.lower, upper: [lastValue] + interval.upper,
                                        color: Palette.blue, opacity: opacity))
            }
            plot.lines.append(.init(label: "forecast", x: joinX, y: [lastValue] + forecast.mean, color: Palette.blue))
            plot.divider = Double(lastDate.secondsSinceEpoch)
            description += "; \(modelName) forecast to \(forecast.dates.last.map { "\($0)" } ?? "")"
                + (levels.isEmpty ? "" : " with " + levels.reversed().map { "\(ChartText.compact($0))%" }.joined(separator: " and ")
                    + " prediction intervals")
            table.columns += ["mean"] + levels.reversed().flatMap { ["lo\(ChartText.compact($0))", "hi\(ChartText.compact($0))"] }
            let blanks = [String](repeating: "", count: 1 + 2 * levels.count)
            table.rows = historyDates.indices.map { k in
                ["\(historyDates[k])", ChartText.tableValue(historyValues[k]),
                 k < fittedValues.count ? ChartText.tableValue(fittedValues[k]) : ""] + blanks
            }
            for h in forecast.dates.indices {
                var row = ["\(forecast.dates[h])", "", "", ChartText.tableValue(forecast.mean[h])]
                for level in levels.reversed() {
                    let interval = try? forecast.interval(level: level)
                    row += [interval.map { ChartText.tableValue($0.lower[h]) } ?? "", interval.map { ChartText.tableValue($0.upper[h]) } ?? ""]
                }
                table.rows.append(row)
            }
        } else {
            description += "; no forecast: \(error?.description ?? "the model failed")"
            table.rows = historyDates.indices.map { k in
                ["\(historyDates[k])", ChartText.tableValue(historyValues[k]),
                 k < fittedValues.count ? ChartText.tableValue(fittedValues[k]) : ""]
            }
        }
        plot.description = description + "."
        let chartID = id ?? chartIdentifier("forecast " + (key.isEmpty ? "series" : key.values.joined(separator: " ")))
        return Chart(id: chartID, title: title, description: plot.description, svg: plot.svg(id: chartID), table: table)
    }
}

extension ForecastRun.SeriesResult {
    /// How many of the latest observations a fan chart shows by default: six times the horizon,
    /// and at least 120, enough to see the seasonal pattern the forecast continues.
    ///
    /// - Parameter horizon: The forecast's steps.
    /// - Returns: The number of observations.
    public static func defaultShownHistory(horizon: Int) -> Int { max(120, 6 * horizon) }
}

extension ForecastRun {
    /// One fan chart per series (``SeriesResult/chart(id:)``), small multiples in the run's order,
    /// at most `maximumPanels` of them.
    ///
    /// - Parameter maximumPanels: The most charts drawn; the rest are left out (``omittedPanels(maximumPanels:)``).
    /// - Returns: The charts, with identifiers unique within the run.
    /// - Complexity: O(total history and horizon of the charts drawn).
    public func charts(maximumPanels: Int = 24) -> [Chart] {
        var seen: [String: Int] = [:]
        return results.prefix(max(0, maximumPanels)).map { result in
            var chart = result.chart()
            // Keys differing only in punctuation would share an identifier; later ones are numbered.
            let count = seen[chart.id, default: 0]
            seen[chart.id] = count + 1
            if count > 0 { chart = result.chart(id: "\(chart.id)-\(count + 1)") }
            return chart
        }
    }

    /// How many series ``charts(maximumPanels:)`` leaves out.
    ///
    /// - Parameter maximumPanels: The most charts drawn.
    /// - Returns: The number of series without a chart.
    public func omittedPanels(maximumPanels: Int = 24) -> Int { max(0, results.count - max(0, maximumPanels)) }
}
