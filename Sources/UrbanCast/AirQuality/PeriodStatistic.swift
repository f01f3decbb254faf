import Forecasting

/// The mean concentration over one day, month or year, with the data capture behind it.
///
/// For a station, ``count`` of ``possible`` counts readings in a day and valid days in a month or
/// year; for a city day it counts stations with a valid daily mean. ``isValid`` applies the
/// ``DataCaptureRules``. The mean is reported even when the period is not valid, so a planner can
/// see it; every statistic built on top uses ``validMean`` only.
public struct PeriodStatistic: Sendable, Equatable {
    /// The period: a day (`2015-07-31`), month (`2015-07`) or year (`2015`).
    public let date: SeriesDate
    /// The mean of the counted readings (or valid daily means); `NaN` when there are none.
    public let mean: Double
    /// The readings, valid days or valid stations counted.
    public let count: Int
    /// The readings, days or stations possible in the period.
    public let possible: Int
    /// Whether the period meets the data-capture rule.
    public let isValid: Bool

    /// Creates a period statistic.
    ///
    /// - Parameters:
    ///   - date: The period.
    ///   - mean: The mean of the counted values.
    ///   - count: The values counted.
    ///   - possible: The values possible, positive.
    ///   - isValid: Whether the capture rule is met.
    public init(date: SeriesDate, mean: Double, count: Int, possible: Int, isValid: Bool) {
        self.date = date
        self.mean = mean
        self.count = count
        self.possible = possible
        self.isValid = isValid
    }

    /// The data capture, ``count`` / ``possible`` in [0, 1].
    public var capture: Double { possible > 0 ? Double(count) / Double(possible) : 0 }

    /// The mean when the period is valid, otherwise `NaN`.
    public var validMean: Double { isValid ? mean : .nan }
}

/// A period travels in JSON as `{"date", "mean", "count", "possible", "valid"}`, the form of
/// `urbancast air localize --format json`; a `NaN` mean is written, and read back, as `null`.
extension PeriodStatistic: Codable {
    private enum CodingKeys: String, CodingKey {
        case date, mean, count, possible
        case isValid = "valid"
    }

    /// Decodes a period statistic; a `null` or absent mean is `NaN`.
    ///
    /// - Throws: `DecodingError` when a field is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            date: try container.decode(SeriesDate.self, forKey: .date),
            mean: try container.decodeIfPresent(Double.self, forKey: .mean) ?? .nan,
            count: try container.decode(Int.self, forKey: .count),
            possible: try container.decode(Int.self, forKey: .possible),
            isValid: try container.decode(Bool.self, forKey: .isValid))
    }
}

/// Calendar arithmetic on day numbers (days since 1970-01-01), shared by the air-quality code.
enum CivilDay {
    static let secondsPerDay = 86_400
    private static let epoch = SeriesDate(year: 1970, month: 1, day: 1, precision: .day)

    /// The day number containing `date`.
    static func number(of date: SeriesDate) -> Int {
        floorDivide(date.secondsSinceEpoch, secondsPerDay)
    }

    /// The date (day precision) of day number `day`.
    static func date(_ day: Int) -> SeriesDate { epoch.advanced(by: day, frequency: .daily) }

    /// The number of days in the month (or, with `.yearly`, the year) that starts at `start`.
    static func length(of start: SeriesDate, frequency: Frequency) -> Int {
        (start.advanced(by: 1, frequency: frequency).secondsSinceEpoch - start.secondsSinceEpoch) / secondsPerDay
    }

    static func floorModulo(_ a: Int, _ b: Int) -> Int { a - floorDivide(a, b) * b }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
