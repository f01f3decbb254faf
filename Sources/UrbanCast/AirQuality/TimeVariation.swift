import Foundation
import Forecasting
import Statistics

/// Mean concentration by hour of day, day of week and month, each with a confidence interval of
/// the mean, as openair's `timeVariation` draws them.
///
/// The profiles average every reading of the record that falls in a class: with a sub-daily
/// record (``Localization/Record/subDaily``) every non-missing reading, by its hour (0–23 in
/// the record's local clock), weekday and month; with daily data only, the valid daily means
/// (``PeriodStatistic/validMean``) by weekday and month, and no hour profile.
///
/// The interval of a class with n readings of mean x̄ and sample standard deviation s is the
/// Student t interval x̄ ± t₁₋α/₂,ₙ₋₁ · s/√n (level = 100 (1 − α) %); a class with fewer than two
/// readings has no interval (`NaN` ends). openair bootstraps the mean instead; with the hundreds
/// of readings a class of a year's record holds, both rest on the mean being close to normal and
/// give nearly the same interval, and this one needs no random draws. Neither allows for the
/// serial correlation of hourly data, so both are narrower than the uncertainty of a long-run
/// mean.
///
/// ```swift
/// let variation = try TimeVariation(record)          // a localised station or city record
/// variation.hour?.mean[8]                            // the mean at 08:00–08:59
/// variation.weekday.lower[0]                         // lower end of Sunday's 95 % interval
/// ```
public struct TimeVariation: Sendable, Equatable {
    /// The mean and its interval for each class of one profile.
    public struct Profile: Sendable, Equatable {
        /// The class names, in order (`0`…`23`, `Sun`…`Sat`, `Jan`…`Dec`).
        public let labels: [String]
        /// The mean of each class, `NaN` for a class with no reading.
        public let mean: [Double]
        /// The lower end of each class's interval, `NaN` with fewer than two readings.
        public let lower: [Double]
        /// The upper end of each class's interval.
        public let upper: [Double]
        /// The readings in each class.
        public let count: [Int]

        /// The profile of values already sorted into classes.
        ///
        /// - Parameters:
        ///   - labels: The class names.
        ///   - classes: The values of each class, as many as `labels`.
        ///   - level: The interval's level in percent.
        /// - Throws: ``AirQualityError/invalidSetting(_:)`` for a level outside (0, 100).
        /// - Complexity: O(total values).
        public init(labels: [String], classes: [[Double]], level: Double) throws(AirQualityError) {
            guard level > 0, level < 100 else {
                throw .invalidSetting("the interval level is a percentage strictly between 0 and 100, got \(level)")
            }
            self.labels = labels
            var mean: [Double] = [], lower: [Double] = [], upper: [Double] = [], count: [Int] = []
            for values in classes {
                let n = values.count
                count.append(n)
                guard n > 0 else {
                    mean.append(.nan)
                    lower.append(.nan)
                    upper.append(.nan)
                    continue
                }
                let average = values.reduce(0, +) / Double(n)
                mean.append(average)
                guard n > 1, let t = try? StudentT(degreesOfFreedom: Double(n - 1)) else {
                    lower.append(.nan)
                    upper.append(.nan)
                    continue
                }
                let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(n - 1)
                let half = t.quantile(0.5 + level / 200) * (variance / Double(n)).squareRoot()
                lower.append(average - half)
                upper.append(average + half)
            }
            self.mean = mean
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    /// The weekday names from Sunday, the first column of openair's plots.
    public static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    /// The month names.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The interval level in percent.
    public let level: Double
    /// By hour of day, 0–23; `nil` for daily data.
    public let hour: Profile?
    /// By day of week, Sunday first.
    public let weekday: Profile
    /// By month, January first.
    public let month: Profile

    /// The profiles of a localised record.
    ///
    /// - Parameters:
    ///   - record: A station or city record.
    ///   - level: The interval level in percent, default 95.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for a level outside (0, 100).
    /// - Complexity: O(readings).
    public init(_ record: Localization.Record, level: Double = 95) throws(AirQualityError) {
        var hours = [[Double]](repeating: [], count: 24)
        var weekdays = [[Double]](repeating: [], count: 7)
        var months = [[Double]](repeating: [], count: 12)
        if let series = record.subDaily {
            for (k, value) in series.values.enumerated() where value.isFinite {
                let date = series.date(at: k)
                hours[date.hour].append(value)
                weekdays[Self.weekday(of: date)].append(value)
                months[date.month - 1].append(value)
            }
        } else {
            for day in record.daily where day.validMean.isFinite {
                weekdays[Self.weekday(of: day.date)].append(day.mean)
                months[day.date.month - 1].append(day.mean)
            }
        }
        self.level = level
        hour = record.subDaily == nil ? nil : try Profile(labels: (0..<24).map(String.init), classes: hours, level: level)
        weekday = try Profile(labels: Self.weekdayNames, classes: weekdays, level: level)
        month = try Profile(labels: Self.monthNames, classes: months, level: level)
    }

    /// The day of the week of a date, 0 for Sunday to 6 for Saturday (1 January 1970 was a Thursday).
    ///
    /// - Parameter date: Any date.
    /// - Returns: The weekday.
    public static func weekday(of date: SeriesDate) -> Int {
        let seconds = date.secondsSinceEpoch
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        return ((days + 4) % 7 + 7) % 7
    }
}
