import Forecasting
import Foundation

extension BenchRun {
    /// The stable JSON contract of `urbancast bench --format json`:
    ///
    ///     {"models": [{"model", "series", "failed", "seriesPerSecond", "medianMilliseconds",
    ///                  "p95Milliseconds", "peakMemoryBytes", "mase", "smape", "rmsse", "coverage80",
    ///                  "coverage95", "winkler95", "fitSeconds", "peakMemorySource",
    ///                  "failures": [{"reason", "count", "firstSeries": {…key…}}],
    ///                  "aggregation": "mean over series",
    ///                  "byUnit": [{"unit", "series", "mase", "smape", "rmsse", "coverage80",
    ///                              "coverage95", "winkler95"}]}],
    ///      "machine": {"operatingSystem", "cpu", "logicalCores", "activeCores", "memoryBytes"},
    ///      "threads", "horizon", "seasonLength", "seed", "file", "version"}
    ///
    /// The keys up to `winkler95` are the original benchmark contract. `series` counts the series fitted and
    /// forecast, `failed` the others; times are milliseconds of fit + forecast per series;
    /// coverage is a share in [0, 1]; sMAPE is in percent (0–200). Each series is scored as a
    /// one-window backtest and the accuracy columns are the mean over series of its scores
    /// (`aggregation`); `byUnit` repeats them per unit, and when the series' units differ
    /// `winkler95` (in the data's units) is `null` and given only there. Numbers that do not exist
    /// (no successful series, an unknown peak) are `null`; `seasonLength` is `null` when each
    /// series uses its frequency's default; `seed` is a string, as a 64-bit unsigned integer may
    /// exceed what JSON readers hold exactly.
    ///
    /// - Returns: the document.
    /// - Complexity: O(models + failures).
    public var json: JSONValue {
        .object([
            (
                "models",
                .array(
                    models.map { model in
                        .object([
                            ("model", .string(model.model.description)), ("series", .integer(model.series)),
                            ("failed", .integer(model.failed)), ("seriesPerSecond", .number(model.seriesPerSecond)),
                            ("medianMilliseconds", .number(model.medianMilliseconds)),
                            ("p95Milliseconds", .number(model.p95Milliseconds)),
                            ("peakMemoryBytes", model.peakMemoryBytes.map(JSONValue.integer) ?? .null),
                            ("mase", .number(model.mase)), ("smape", .number(model.smape)),
                            ("rmsse", .number(model.rmsse)),
                            ("coverage80", .number(model.coverage80)), ("coverage95", .number(model.coverage95)),
                            ("winkler95", .number(model.winkler95)), ("fitSeconds", .number(model.fitSeconds)),
                            ("peakMemorySource", model.peakMemorySource.map { .string($0.rawValue) } ?? .null),
                            (
                                "failures",
                                .array(
                                    model.failures.map { failure in
                                        .object([
                                            ("reason", .string(failure.reason)), ("count", .integer(failure.count)),
                                            ("firstSeries", BacktestRun.keyJSON(failure.firstSeries)),
                                        ])
                                    })
                            ),
                            ("aggregation", .string(Backtest.Aggregate.aggregation)),
                            ("byUnit", .array(model.aggregate.byUnit.map(Self.unitJSON))),
                        ])
                    })
            ),
            ("machine", machine.json), ("threads", .integer(request.threads)), ("horizon", .integer(request.horizon)),
            ("seasonLength", request.seasonLength.map(JSONValue.integer) ?? .null),
            ("seed", .string(String(request.seed))), ("file", .string(request.file)),
            ("version", .string(UrbanCastVersion.string)),
        ])
    }

    /// One unit's accuracy columns.
    static func unitJSON(_ group: Backtest.Aggregate.UnitGroup) -> JSONValue {
        let s = group.scores
        return .object([
            ("unit", group.unit.map { .string($0) } ?? .null), ("series", .integer(group.series)),
            ("mase", .number(s.mase)), ("smape", .number(s.smape)), ("rmsse", .number(s.rmsse)),
            ("coverage80", .number(s.coverage(level: 80) ?? .nan)), ("coverage95", .number(s.coverage(level: 95) ?? .nan)),
            ("winkler95", .number(s.winkler(level: 95) ?? .nan)),
        ])
    }

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
