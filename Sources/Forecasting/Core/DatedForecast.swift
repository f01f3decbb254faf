import Foundation

/// A forecast labelled with the dates of its steps: the periods after a series' last observation.
///
/// Made by ``FittedModel/forecast(horizon:levels:)``. Printing it gives R's table, one row per
/// date: the point forecast, then `Lo`/`Hi` for each level.
///
/// ```swift
/// let series = TimeSeries(start: try SeriesDate(parsing: "2023-10"), frequency: .monthly, values: [3, 5, 4])
/// let forecast = try ModelSpecification.naive.fit(series).forecast(horizon: 2, levels: [80])
/// print(forecast)
/// //          Point Forecast    Lo 80    Hi 80
/// // 2024-01               4  1.97369  6.02631
/// // 2024-02               4  1.13436  6.86564
/// ```
public struct DatedForecast: Sendable, Equatable, Codable {
    /// The date of each step, one period apart, starting one period after the history's end.
    public var dates: [SeriesDate]
    /// The point forecasts and intervals, one value per date.
    public var forecast: Forecast

    /// A dated forecast from its parts.
    ///
    /// - Parameters:
    ///   - dates: One date per step.
    ///   - forecast: The forecast.
    /// - Throws: `ForecastingError.invalidSpecification` unless `dates` has one date per step of
    ///   `forecast`.
    public init(dates: [SeriesDate], forecast: Forecast) throws(ForecastingError) {
        guard dates.count == forecast.horizon else {
            throw .invalidSpecification("\(dates.count) dates for a forecast of \(forecast.horizon) steps")
        }
        self.init(datesMatching: dates, forecast: forecast)
    }

    private enum CodingKeys: String, CodingKey { case dates, forecast }

    /// Decodes a dated forecast, refusing one whose dates do not match its steps.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the counts differ; the decoder's errors.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let dates = try container.decode([SeriesDate].self, forKey: .dates)
        let forecast = try container.decode(Forecast.self, forKey: .forecast)
        guard dates.count == forecast.horizon else {
            throw DecodingError.dataCorruptedError(
                forKey: .dates, in: container,
                debugDescription: "\(dates.count) dates for a forecast of \(forecast.horizon) steps")
        }
        self.init(datesMatching: dates, forecast: forecast)
    }

    /// A dated forecast whose dates the caller made for the forecast's horizon
    /// (`series.futureDates(horizon:)`), so they match by construction.
    package init(datesMatching dates: [SeriesDate], forecast: Forecast) {
        self.dates = dates
        self.forecast = forecast
    }

    /// The point forecast per date (the mean, or the median after an unadjusted Box–Cox transform).
    public var mean: [Double] { forecast.mean }
    /// The interval levels in percent, ascending.
    public var levels: [Double] { forecast.levels }
    /// The number of steps ahead.
    public var horizon: Int { forecast.horizon }

    /// The bounds at one level, one per date.
    ///
    /// - Parameter level: An interval level in percent, one of ``levels`` (`80`, not `0.8`).
    /// - Returns: The lower and upper bounds.
    /// - Throws: ``ForecastingError/levelNotComputed(level:computed:)`` for a level not computed.
    /// - Complexity: O(number of levels).
    public func interval(level: Double) throws(ForecastingError) -> (lower: [Double], upper: [Double]) {
        try forecast.interval(level: level)
    }
}

extension DatedForecast: CustomStringConvertible {
    /// R's printed forecast: a header `Point Forecast  Lo 80  Hi 80 …`, then one row per date with
    /// six significant digits, columns right-aligned.
    public var description: String {
        func number(_ x: Double) -> String {
            x.isFinite ? String(format: "%.6g", x) : (x.isNaN ? "NaN" : (x > 0 ? "Inf" : "-Inf"))
        }
        func label(_ level: Double) -> String { level == level.rounded() ? String(Int(level)) : String(level) }
        var rows = [[""] + ["Point Forecast"] + levels.flatMap { ["Lo \(label($0))", "Hi \(label($0))"] }]
        for (h, date) in dates.enumerated() {
            rows.append(
                [date.description, number(mean[h])]
                    + levels.indices.flatMap { [number(forecast.lower[$0][h]), number(forecast.upper[$0][h])] })
        }
        let widths = rows[0].indices.map { j in rows.map { $0[j].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { j, cell in
                j == 0
                    ? cell + String(repeating: " ", count: widths[j] - cell.count)
                    : String(repeating: " ", count: widths[j] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
