import UrbanCast

extension HTMLReport {
    /// The report of a backtest run: the inputs and settings, each model's scores, failed
    /// windows and skipped series as warnings, the manifest facts, accuracy by horizon and
    /// forecast against actual window by window (``BacktestRun/charts(maximumSeries:maximumWindows:maximumModels:)``,
    /// with a note saying what the caps leave out).
    ///
    /// ```swift
    /// let html = HTMLReport(backtest: run).html()
    /// ```
    ///
    /// - Parameters:
    ///   - run: The finished run.
    ///   - inputs: The input files with their SHA-256, or empty for a panel in memory.
    ///   - maximumSeries: The most series given a window chart.
    ///   - maximumWindows: The most windows per series chart.
    /// - Complexity: O(models × series × windows × horizon).
    public init(backtest run: BacktestRun, inputs: [RunDirectory.Manifest.Input] = [], maximumSeries: Int = 6,
                maximumWindows: Int = 12) {
        let c = run.configuration.backtest
        let keys = run.seriesKeys
        self.init(title: "Backtest" + (run.source.map { ": \($0)" } ?? ""),
                  subtitle: "\(run.models.count) model\(run.models.count == 1 ? "" : "s") on \(keys.count) series, "
                      + "\(c.windows) windows of \(c.horizon) steps; UrbanCast \(UrbanCastVersion.string)")
        var settings: [(name: String, value: String)] = [
            ("models", run.configuration.models.map(\.description).joined(separator: ", ")),
            ("horizon", String(c.horizon)), ("windows", String(c.windows)), ("step", String(c.step)),
            ("training window", c.trainingWindow.description),
            ("refit", c.refit ? "at every origin" : "first origin only, parameters held"),
            ("interval levels", c.levels.map { "\(ChartText.compact($0))%" }.joined(separator: ", ")),
            ("seed", String(run.configuration.seed)),
        ]
        if !run.configuration.filters.isEmpty {
            settings.append(("selection", run.configuration.filters.map { "\($0.column)=\($0.value)" }.joined(separator: ", ")))
        }
        sections.append(Section(heading: "Inputs and settings", facts: settings))
        let levels = c.levels
        sections.append(Section(heading: "Scores (mean over series)", table: DataTable(
            columns: ["model", "series", "windows", "failed", "MASE", "sMAPE (%)", "RMSSE"] + levels.map { "coverage \(ChartText.compact($0))%" },
            rows: run.models.map { model in
                let s = model.scores
                return [model.model.description, String(model.series), String(s.windows), String(s.failed),
                        ChartText.readable(s.mase), ChartText.readable(s.smape), ChartText.readable(s.rmsse)]
                    + levels.map { s.coverage(level: $0).map(ChartText.readable) ?? "" }
            })))
        sections.append(Self.manifestSection(inputs: inputs, seed: String(run.configuration.seed)))
        for result in run.perSeries {
            let name = result.key.isEmpty ? "series" : result.key.description
            if let error = result.error { warnings.append("\(name), \(result.model): skipped: \(error.description)") }
            let failures = result.backtest?.failures ?? []
            if let first = failures.first {
                warnings.append("\(name), \(result.model): \(failures.count) of \(c.windows) windows failed, the first with: "
                    + first.error.description)
            }
        }
        charts = run.charts(maximumSeries: maximumSeries, maximumWindows: maximumWindows)
        let charted = charts.count - 1
        if keys.count > charted {
            notes.append("Forecast against actual for the first \(charted) of \(keys.count) series; the scores of every series are in the run's outputs.")
        }
        if c.windows > maximumWindows {
            notes.append("Each series chart shows the latest \(maximumWindows) of \(c.windows) windows.")
        }
        if run.models.count > 4 {
            notes.append("The window charts draw the first 4 of \(run.models.count) models; accuracy by horizon shows them all.")
        }
    }
}
