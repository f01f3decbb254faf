import Forecasting
import Foundation

extension ForecastRun {
    /// CSV as docs/DESIGN.md: the key columns, `date`, `model`, `mean`, then `loL,hiL` for each level;
    /// failed series contribute no rows (their errors go to standard error). With a missing-value
    /// policy other than `refuse`, `filled` and `dropped` columns follow.
    public var csv: String { csv(OutputLayout()) }

    /// A human-readable table: per series its key, model and information criteria, then the
    /// forecasts with their intervals; a failed series shows its error. It is
    /// `table(includingFailures: true)`.
    public var table: String { table(includingFailures: true) }

    /// A human-readable table, per series its key, model, unit and information criteria, then the
    /// forecasts with their intervals.
    ///
    /// - Parameter includingFailures: Whether a failed series shows its error in the table
    ///   (`false` when the errors are reported elsewhere, as the CLI does on standard error).
    /// - Returns: The table, one block per series.
    /// - Complexity: O(series × horizon × levels).
    public func table(includingFailures: Bool) -> String {
        var out: [String] = []
        for row in results {
            let title = row.key.isEmpty ? "series" : row.key.description
            guard let dated = row.forecast, let summary = row.model else {
                guard includingFailures else { continue }
                out.append("\(title): error: \(row.error?.description ?? "unknown")")
                out.append("")
                continue
            }
            var header = "\(title)\(row.unit.map { " (\($0))" } ?? ""): \(summary.name)"
            let forecast = dated.forecast
            if let fallback = row.fallback { header += " (fallback \(fallback); \(row.error?.description ?? ""))" }
            out.append(header)
            var stats: [String] = []
            if let v = summary.sigma2 { stats.append("sigma² \(Self.short(v))") }
            if let v = summary.logLikelihood { stats.append("log-likelihood \(Self.short(v))") }
            if let v = summary.aicc { stats.append("AICc \(Self.short(v))") }
            if !summary.parameters.isEmpty {
                stats.append(summary.parameters.map { "\($0.name) \(Self.short($0.value))" }.joined(separator: ", "))
            }
            if !stats.isEmpty { out.append("  " + stats.joined(separator: "  ")) }
            if let treatment = row.missingValues { out.append("  " + Self.describe(treatment)) }
            let levelHeaders = forecast.levels.flatMap { ["Lo \(Self.label($0))", "Hi \(Self.label($0))"] }
            var cells: [[String]] = [["date", "mean"] + levelHeaders]
            for h in 0..<forecast.horizon {
                var line = [dated.dates[h].description, Self.short(forecast.mean[h])]
                for k in forecast.levels.indices { line += [Self.short(forecast.lower[k][h]), Self.short(forecast.upper[k][h])] }
                cells.append(line)
            }
            let widths = (0..<cells[0].count).map { j in cells.map { $0[j].count }.max() ?? 0 }
            for line in cells {
                out.append("  " + line.enumerated().map { j, c in
                    j == 0 ? c.padding(toLength: widths[j], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[j] - c.count) + c
                }.joined(separator: "  "))
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    // MARK: - Formatting

    /// `missing values: 3 filled by interpolation`, `missing values: 12 periods dropped …`.
    static func describe(_ treatment: MissingValueTreatment) -> String {
        switch treatment.policy {
        case .refuse: "missing values: left to the model"
        case .interpolate: "missing values: \(treatment.filled) filled by interpolation"
        case .contiguous:
            "missing values: \(treatment.dropped) periods dropped outside the longest stretch without them"
        }
    }

    /// `80` for 80.0, `97.5` for 97.5.
    static func label(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }

    /// Shortest round-trip decimal for CSV; empty for NaN.
    static func number(_ x: Double) -> String {
        x.isNaN ? "" : (x.isInfinite ? (x > 0 ? "Inf" : "-Inf") : "\(x)")
    }

    static func short(_ x: Double) -> String {
        x.isFinite ? String(format: "%.6g", x) : (x.isNaN ? "NaN" : (x > 0 ? "Inf" : "-Inf"))
    }

    /// RFC 4180 quoting when needed.
    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
