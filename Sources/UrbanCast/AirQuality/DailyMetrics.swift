import Forecasting

/// Daily statistics of an hourly record beyond the daily mean, as standards define them.
///
/// - **Daily maximum 8-hour mean** (US EPA 40 CFR 50 appendix U; WHO 2021 for ozone): the 8-hour
///   running mean starting at each hour h covers hours h … h + 7 (crossing into the next day) and
///   is valid with at least 6 of its 8 hours; the day's value is the largest of its 24 running
///   means and counts with at least ``DataCaptureRules/dayFraction`` of them (18 of 24) valid.
/// - **Daily maximum 1-hour value**: the largest hourly reading of the day, counting with
///   ``DataCaptureRules/dayFraction`` of its hours.
///
/// Both return one ``PeriodStatistic`` per calendar day of the record, with the maximum in
/// ``PeriodStatistic/mean``.
public enum DailyMetrics {
    /// The daily maximum 8-hour running mean of an hourly series.
    ///
    /// - Parameters:
    ///   - series: Hourly values, `NaN` where missing.
    ///   - rules: The data-capture rules (``DataCaptureRules/dayFraction`` of the 24 running means).
    /// - Returns: One entry per calendar day from the first to the last day of the record.
    /// - Precondition: `series` is hourly.
    /// - Complexity: O(*n*).
    public static func dailyMaximum8HourMean(_ series: TimeSeries, rules: DataCaptureRules) -> [PeriodStatistic] {
        precondition(series.frequency == .hourly, "the 8-hour mean needs hourly data, got \(series.frequency)")
        let values = series.values
        var running = [Double](repeating: .nan, count: values.count)
        for start in values.indices {
            var sum = 0.0
            var count = 0
            for hour in start..<min(start + 8, values.count) where !values[hour].isNaN {
                sum += values[hour]
                count += 1
            }
            if count >= 6 { running[start] = sum / Double(count) }
        }
        return dailyMaximum(running, series: series, rules: rules)
    }

    /// The daily maximum hourly value of an hourly series.
    ///
    /// - Parameters:
    ///   - series: Hourly values, `NaN` where missing.
    ///   - rules: The data-capture rules.
    /// - Returns: One entry per calendar day from the first to the last day of the record.
    /// - Precondition: `series` is hourly.
    /// - Complexity: O(*n*).
    public static func dailyMaximum1Hour(_ series: TimeSeries, rules: DataCaptureRules) -> [PeriodStatistic] {
        precondition(series.frequency == .hourly, "the 1-hour maximum needs hourly data, got \(series.frequency)")
        return dailyMaximum(series.values, series: series, rules: rules)
    }

    private static func dailyMaximum(_ values: [Double], series: TimeSeries, rules: DataCaptureRules) -> [PeriodStatistic] {
        let firstDay = CivilDay.number(of: series.start)
        let lastDay = CivilDay.number(of: series.end)
        var maxima = [Double](repeating: -.infinity, count: lastDay - firstDay + 1)
        var counts = [Int](repeating: 0, count: maxima.count)
        let start = series.start.secondsSinceEpoch
        for (index, value) in values.enumerated() where !value.isNaN {
            let day = CivilDay.floorDivide(start + index * 3600, CivilDay.secondsPerDay) - firstDay
            maxima[day] = max(maxima[day], value)
            counts[day] += 1
        }
        return maxima.indices.map { day in
            PeriodStatistic(
                date: CivilDay.date(firstDay + day), mean: counts[day] > 0 ? maxima[day] : .nan, count: counts[day],
                possible: 24, isValid: DataCaptureRules.meets(counts[day], of: 24, fraction: rules.dayFraction))
        }
    }
}
