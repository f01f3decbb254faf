import Forecasting
import Foundation

extension BenchRun {
    /// The CSV header of ``csv``.
    static let csvColumns = [
        "model", "series", "failed", "seriesPerSecond", "medianMilliseconds", "p95Milliseconds", "peakMemoryBytes",
        "mase", "smape", "rmsse", "coverage80", "coverage95", "winkler95",
    ]

    /// CSV: `model,series,failed,seriesPerSecond,medianMilliseconds,p95Milliseconds,peakMemoryBytes,`
    /// `mase,smape,rmsse,coverage80,coverage95,winkler95`, one row per model in request order;
    /// missing numbers are empty cells.
    ///
    /// - Returns: the text, without a final newline.
    /// - Complexity: O(models).
    public var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for model in models {
            let speed: [Double] = [model.seriesPerSecond, model.medianMilliseconds, model.p95Milliseconds]
            let accuracy: [Double] = [
                model.mase, model.smape, model.rmsse, model.coverage80, model.coverage95, model.winkler95,
            ]
            var fields: [String] = [model.model.description, String(model.series), String(model.failed)]
            fields += speed.map(ForecastRun.number)
            fields.append(model.peakMemoryBytes.map { String($0) } ?? "")
            fields += accuracy.map(ForecastRun.number)
            lines.append(fields.map(ForecastRun.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// A human-readable table, one row per model, then the failures with their reasons.
    ///
    /// - Returns: the text.
    /// - Complexity: O(models + failures).
    public var table: String {
        var out = [
            "Bench: \(request.file), last \(request.horizon) point\(request.horizon == 1 ? "" : "s") of each series held out, "
                + "\(request.threads) thread\(request.threads == 1 ? "" : "s")", "",
        ]
        var cells = [
            [
                "model", "series", "failed", "series/s", "median ms", "p95 ms", "peak MB", "MASE", "sMAPE", "RMSSE",
                "Cov80", "Cov95", "Winkler95",
            ]
        ]
        let percent = { (x: Double) in x.isNaN ? "NaN" : String(format: "%.1f%%", 100 * x) }
        for model in models {
            cells.append([
                model.model.description, String(model.series), String(model.failed),
                ForecastRun.short(model.seriesPerSecond),
                ForecastRun.short(model.medianMilliseconds), ForecastRun.short(model.p95Milliseconds),
                model.peakMemoryBytes.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "?",
                ForecastRun.short(model.mase), ForecastRun.short(model.smape), ForecastRun.short(model.rmsse),
                percent(model.coverage80), percent(model.coverage95), ForecastRun.short(model.winkler95),
            ])
        }
        out += BacktestRun.aligned(cells, leftColumns: 1)
        let notes = models.flatMap { model in
            model.failures.map { failure in
                let first = failure.firstSeries.isEmpty ? "" : " (first: \(failure.firstSeries))"
                return "  \(model.model): \(failure.count) series: \(failure.reason)\(first)"
            }
        }
        if !notes.isEmpty { out += ["", "Failures:"] + notes }
        if let source = models.first?.peakMemorySource {
            out += ["", "Peak memory: \(source.rawValue); times are fit + forecast per series, file reading excluded."]
        }
        return out.joined(separator: "\n")
    }
}
