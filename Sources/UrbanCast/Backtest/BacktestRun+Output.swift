import Forecasting
import Foundation

extension BacktestRun {
    /// CSV: the key columns, then `model,series,windows,failed,me,rmse,mae,mpe,mape,smape,mase,rmsse`,
    /// `coverageL` and `winklerL` per level, `pinballP` per bound quantile (percent, e.g.
    /// `pinball2.5`), `crps`, and `unit`. One row per model with empty key cells (the mean over its
    /// `series` series); when their units differ, that row's ME, RMSE, MAE, Winkler, pinball and CRPS
    /// cells are empty and one row per model and unit follows with the unit's series. With
    /// `perSeries`, then one row per model and series (`series` 1, or 0 for a series too short for
    /// the windows). Missing scores are empty cells.
    ///
    /// - Parameter includePerSeries: add the per-series rows.
    /// - Returns: the text, without a final newline.
    /// - Complexity: O(rows × columns).
    public func csv(perSeries includePerSeries: Bool) -> String {
        let levels = configuration.backtest.levels
        let header = keyColumns + ["model", "series", "windows", "failed"] + Self.metricNames.map(\.csv)
            + levels.map { "coverage\(ForecastRun.label($0))" } + levels.map { "winkler\(ForecastRun.label($0))" }
            + Self.quantiles(levels).map { "pinball\(ForecastRun.label($0 * 100))" } + (levels.isEmpty ? [] : ["crps"])
            + ["unit"]
        var lines = [header.map(ForecastRun.csvField).joined(separator: ",")]
        func row(_ key: [String], _ model: ModelSpecification, _ series: Int, _ scores: Backtest.Scores, _ unit: String?) -> String {
            var fields = key + [model.description, String(series), String(scores.windows), String(scores.failed)]
            fields += Self.metricValues(scores).map(ForecastRun.number)
            fields += scores.coverage.map(ForecastRun.number) + scores.winkler.map(ForecastRun.number)
            fields += scores.pinball.map { ForecastRun.number($0.loss) }
            if let crps = scores.crps { fields.append(ForecastRun.number(crps)) }
            fields.append(unit ?? "")
            return fields.map(ForecastRun.csvField).joined(separator: ",")
        }
        let blank = [String](repeating: "", count: keyColumns.count)
        for model in models {
            let groups = model.aggregate.byUnit
            lines.append(row(blank, model.model, model.series, model.scores, groups.count == 1 ? groups[0].unit : nil))
            if model.aggregate.isMixingUnits {
                for group in groups { lines.append(row(blank, model.model, group.series, group.scores, group.unit)) }
            }
        }
        if includePerSeries {
            for result in perSeries {
                lines.append(row(result.key.values, result.model, result.backtest == nil ? 0 : 1, result.scores(levels: levels),
                                 result.unit))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A human-readable table: the windows, then one row per model; with `perSeries`, a second
    /// table per series and model; then failed windows and skipped series with their reasons.
    ///
    /// - Parameter includePerSeries: add the per-series table.
    /// - Returns: the text.
    /// - Complexity: O(rows × columns).
    public func table(perSeries includePerSeries: Bool) -> String {
        let c = configuration.backtest
        let levels = c.levels
        var out = ["Backtest: \(c.windows) window\(c.windows == 1 ? "" : "s"), horizon \(c.horizon), step \(c.step), "
            + "\(c.trainingWindow) training window" + (c.refit ? "" : ", parameters held from the first origin")
            + (levels.isEmpty ? "" : "; intervals " + levels.map(ForecastRun.label).joined(separator: ", ") + "%"), ""]
        let scoreHeaders = ["windows", "failed"] + Self.metricNames.map(\.table)
            + levels.map { "Cov\(ForecastRun.label($0))" } + levels.map { "Winkler\(ForecastRun.label($0))" }
            + (levels.isEmpty ? [] : ["CRPS"])
        func scoreCells(_ s: Backtest.Scores) -> [String] {
            [String(s.windows), String(s.failed)] + Self.metricValues(s).map(ForecastRun.short)
                + s.coverage.map { $0.isNaN ? "NaN" : String(format: "%.1f%%", 100 * $0) }
                + s.winkler.map(ForecastRun.short) + (s.crps.map { [ForecastRun.short($0)] } ?? [])
        }
        var cells = [["model", "series"] + scoreHeaders]
        for model in models { cells.append([model.model.description, String(model.series)] + scoreCells(model.scores)) }
        out += Self.aligned(cells, leftColumns: 1)
        out.append("Each model's scores are the \(Backtest.Aggregate.aggregation) of each series' scores.")
        let mixing = models.filter(\.aggregate.isMixingUnits)
        if !mixing.isEmpty {
            out += ["", "The series have different units, so ME, RMSE, MAE, Winkler and CRPS (in the data's units) are per unit:"]
            var rows = [["model", "unit", "series"] + scoreHeaders]
            for model in mixing {
                for group in model.aggregate.byUnit {
                    rows.append([model.model.description, group.unit ?? "(none)", String(group.series)] + scoreCells(group.scores))
                }
            }
            out += Self.aligned(rows, leftColumns: 2)
        }
        if includePerSeries {
            out.append("")
            out.append("Per series:")
            var rows = [(keyColumns.isEmpty ? ["series"] : keyColumns) + ["model"] + scoreHeaders]
            for result in perSeries {
                let key = keyColumns.isEmpty ? ["series"] : result.key.values
                if let error = result.error {
                    rows.append(key + [result.model.description, "error: \(error.description)"])
                } else {
                    rows.append(key + [result.model.description] + scoreCells(result.scores(levels: levels)))
                }
            }
            out += Self.aligned(rows, leftColumns: Swift.max(1, keyColumns.count) + 1)
        }
        var notes: [String] = []
        for result in perSeries {
            let title = result.key.isEmpty ? "series" : result.key.description
            if let error = result.error { notes.append("  \(title), \(result.model): skipped: \(error.description)") }
            for (window, error) in result.backtest?.failures ?? [] {
                let origin = result.originDate(window: window).map { " (from \($0))" } ?? ""
                notes.append("  \(title), \(result.model): window \(window)\(origin) failed: \(error.description)")
            }
        }
        if !notes.isEmpty { out += ["", "Failures:"] + notes }
        return out.joined(separator: "\n")
    }

    // MARK: - Shared pieces

    static let metricNames: [(json: String, csv: String, table: String)] = [
        ("me", "me", "ME"), ("rmse", "rmse", "RMSE"), ("mae", "mae", "MAE"), ("mpe", "mpe", "MPE"), ("mape", "mape", "MAPE"),
        ("smape", "smape", "sMAPE"), ("mase", "mase", "MASE"), ("rmsse", "rmsse", "RMSSE"),
    ]

    static func metricValues(_ s: Backtest.Scores) -> [Double] {
        [s.me, s.rmse, s.mae, s.mpe, s.mape, s.smape, s.mase, s.rmsse]
    }

    /// The bounds' quantile probabilities, ascending, as ``Backtest/Scores/pinball`` orders them.
    static func quantiles(_ levels: [Double]) -> [Double] {
        levels.flatMap { [(100 - $0) / 200, (100 + $0) / 200] }.sorted()
    }

    /// Rows of cells padded to their columns' widths: the first `leftColumns` left-aligned, the
    /// rest right-aligned; a row shorter than the header (an error) is written as it is.
    static func aligned(_ rows: [[String]], leftColumns: Int) -> [String] {
        let columns = rows.first?.count ?? 0
        let full = rows.filter { $0.count == columns }
        let widths = (0..<columns).map { j in full.map { $0[j].count }.max() ?? 0 }
        return rows.map { row in
            guard row.count == columns else { return row.joined(separator: "  ") }
            return row.enumerated().map { j, cell in
                j < leftColumns ? cell.padding(toLength: widths[j], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[j] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}

extension BacktestRun.SeriesResult {
    /// This series' scores; NaN scores (with `windows` 0) when it was skipped.
    func scores(levels: [Double]) -> Backtest.Scores {
        backtest?.scores ?? Backtest.Scores(unscoredAt: levels)
    }

    /// The date of window `window`'s first forecast step.
    func originDate(window: Int) -> String? {
        guard let backtest, backtest.windows.indices.contains(window) else { return nil }
        let index = backtest.windows[window].test.lowerBound
        return dates.indices.contains(index) ? dates[index].description : nil
    }
}
