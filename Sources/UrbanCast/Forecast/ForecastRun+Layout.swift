import Forecasting
import Foundation

extension ForecastRun {
    /// How a forecast run's CSV and JSON are laid out: column names for other tools, the precision
    /// of numbers, and what is written beside the forecast.
    ///
    /// The default (``init(style:significantDigits:includesHistory:includesUnit:)`` with no
    /// arguments) is the layout of ``csv`` and ``document``.
    ///
    /// ```swift
    /// let layout = ForecastRun.OutputLayout(style: .statsforecast, includesHistory: true)
    /// run.csv(layout)   // unique_id,ds,y,AutoETS,AutoETS-lo-95,AutoETS-lo-80,AutoETS-hi-80,AutoETS-hi-95
    /// ```
    public struct OutputLayout: Sendable, Equatable {
        /// Column names.
        public enum Style: String, Sendable, CaseIterable {
            /// The key columns, `date`, `model`, `mean`, `loL`, `hiL` (docs/DESIGN.md).
            case urbancast
            /// Nixtla statsforecast's: `unique_id`, `ds`, then the model's alias (`AutoETS`) with
            /// `AutoETS-lo-95`, `AutoETS-lo-80`, `AutoETS-hi-80`, `AutoETS-hi-95` (lower bounds from
            /// the widest level, upper bounds to it); with history, `y` after `ds` and the fitted
            /// values in the model's column.
            case statsforecast
            /// R forecast's `as.data.frame(forecast(...))`: the key columns, `date`,
            /// `Point Forecast`, `Lo 80`, `Hi 80`, `Lo 95`, `Hi 95`; with history, `x` (the data)
            /// and `fitted` after `date`.
            case r
        }

        /// The column names.
        public var style: Style
        /// Significant digits of numbers in the CSV; `nil` for the shortest text that reads back
        /// as the same `Double` (Swift's `description`). The JSON document always carries the
        /// numbers exactly.
        public var significantDigits: Int?
        /// Whether the history (the values the model was fitted on and its one-step fitted values)
        /// is written before each series' forecast, its rows marked `history`.
        public var includesHistory: Bool
        /// Whether each series' unit is written (a `unit` column and JSON field) when the data has
        /// one; on by default, so a forecast of GWh says GWh.
        public var includesUnit: Bool

        /// A layout.
        ///
        /// - Parameters:
        ///   - style: The column names.
        ///   - significantDigits: Significant digits (1 to 17), or `nil` for round-trip text.
        ///   - includesHistory: Whether the history is written with the forecast.
        ///   - includesUnit: Whether units are written (when the data has them).
        public init(style: Style = .urbancast, significantDigits: Int? = nil, includesHistory: Bool = false,
                    includesUnit: Bool = true) {
            self.style = style
            self.significantDigits = significantDigits
            self.includesHistory = includesHistory
            self.includesUnit = includesUnit
        }

        /// A number as the layout writes it: empty for NaN, `Inf`/`-Inf`, otherwise the shortest
        /// round-trip text or `significantDigits` significant digits (`%g`).
        func number(_ x: Double) -> String {
            guard let digits = significantDigits, x.isFinite else { return ForecastRun.number(x) }
            return String(format: "%.\(Swift.max(1, Swift.min(17, digits)))g", x)
        }
    }

    /// The run as CSV in `layout`; ``csv`` is `csv(OutputLayout())`.
    ///
    /// Every layout writes one row per forecast step of each series that has a forecast (failed
    /// series have no rows; their errors are on their results). Optional columns come last, in
    /// this order: `unit` (with ``OutputLayout/includesUnit`` when some series has one), `filled`
    /// and `dropped` (when the run's missing-value policy is not `refuse`), and in the urbancast
    /// and R styles, with ``OutputLayout/includesHistory``, the history columns.
    ///
    /// - Parameter layout: The column names, precision and extras.
    /// - Returns: The CSV text, without a final line break.
    /// - Complexity: O(series × (history + horizon × levels)).
    public func csv(_ layout: OutputLayout) -> String {
        let keyColumns = results.first?.key.columns ?? []
        let levels = configuration.levels.sorted()
        let labels = levels.map(Self.label)
        let hasUnit = layout.includesUnit && results.contains { $0.unit != nil }
        let hasMissing = configuration.missingValues != .refuse
        let alias = Self.statsforecastAlias(configuration.model)
        var header: [String]
        switch layout.style {
        case .urbancast:
            header = keyColumns + ["date", "model", "mean"] + labels.flatMap { ["lo\($0)", "hi\($0)"] }
        case .statsforecast:
            header = ["unique_id", "ds"] + (layout.includesHistory ? ["y"] : []) + [alias]
                + labels.reversed().map { "\(alias)-lo-\($0)" } + labels.map { "\(alias)-hi-\($0)" }
        case .r:
            header = keyColumns + ["date"] + (layout.includesHistory ? ["x", "fitted"] : []) + ["Point Forecast"]
                + labels.flatMap { ["Lo \($0)", "Hi \($0)"] }
        }
        if hasUnit { header.append("unit") }
        if hasMissing { header += ["filled", "dropped"] }
        if layout.includesHistory && layout.style == .urbancast { header += ["part", "y", "fitted"] }
        var lines = [header.map(Self.csvField).joined(separator: ",")]
        let n = layout.number
        for row in results {
            guard let dated = row.forecast, let summary = row.model else { continue }
            let forecast = dated.forecast
            var extras: [String] = []
            if hasUnit { extras.append(row.unit ?? "") }
            if hasMissing { extras += [String(row.missingValues?.filled ?? 0), String(row.missingValues?.dropped ?? 0)] }
            let id = row.key.values.joined(separator: "/")
            let blankBounds = [String](repeating: "", count: 2 * levels.count)
            if layout.includesHistory {
                let observed = row.historyValues
                for (t, date) in row.historyDates.enumerated() {
                    let y = t < observed.count ? n(observed[t]) : ""
                    let fitted = t < row.fittedValues.count ? n(row.fittedValues[t]) : ""
                    let fields: [String] = switch layout.style {
                    case .urbancast:
                        row.key.values + [date.description, summary.name, ""] + blankBounds + extras + ["history", y, fitted]
                    case .statsforecast:
                        [id, date.description, y, fitted] + blankBounds + extras
                    case .r:
                        row.key.values + [date.description, y, fitted, ""] + blankBounds + extras
                    }
                    lines.append(fields.map(Self.csvField).joined(separator: ","))
                }
            }
            for h in 0..<forecast.horizon {
                let date = dated.dates[h].description
                let mean = n(forecast.mean[h])
                func bound(_ level: Double, upper: Bool) -> String {
                    guard let k = forecast.levels.firstIndex(of: level) else { return "" }
                    return n(upper ? forecast.upper[k][h] : forecast.lower[k][h])
                }
                let pairs = levels.flatMap { [bound($0, upper: false), bound($0, upper: true)] }
                let fields: [String] = switch layout.style {
                case .urbancast:
                    row.key.values + [date, summary.name, mean] + pairs + extras
                        + (layout.includesHistory ? ["forecast", "", ""] : [])
                case .statsforecast:
                    [id, date] + (layout.includesHistory ? [""] : []) + [mean]
                        + levels.reversed().map { bound($0, upper: false) } + levels.map { bound($0, upper: true) } + extras
                case .r:
                    row.key.values + [date] + (layout.includesHistory ? ["", ""] : []) + [mean] + pairs + extras
                }
                lines.append(fields.map(Self.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The name statsforecast gives the model's columns (its class's default alias), or the
    /// specification's text where statsforecast has no such model.
    static func statsforecastAlias(_ model: ModelSpecification) -> String {
        switch model {
        case .autoARIMA: "AutoARIMA"
        case .autoETS: "AutoETS"
        case .arima: "ARIMA"
        case .ets: "ETS"
        case .theta: "Theta"
        case .naive: "Naive"
        case .seasonalNaive: "SeasonalNaive"
        case .drift: "RWD"
        case .mean: "HistoricAverage"
        case .stlETS, .mstl: "MSTL"
        case .tbats: "TBATS"
        case .autoCES, .ces: "CES"
        case .combination, .auto: model.description
        case .intermittent(let method):
            switch method {
            case .croston: "CrostonClassic"
            case .crostonSBA: "CrostonSBA"
            case .crostonOptimized: "CrostonOptimized"
            case .tsb: "TSB"
            case .adida: "ADIDA"
            case .imapa: "IMAPA"
            }
        case .conformal(let base, _): statsforecastAlias(base)
        case .autoTheta: "AutoTheta"
        case .optimisedTheta(.stm): "Theta"
        case .optimisedTheta(.otm): "OptimizedTheta"
        case .optimisedTheta(.dstm): "DynamicTheta"
        case .optimisedTheta(.dotm): "DynamicOptimizedTheta"
        }
    }
}
