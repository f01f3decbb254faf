import Forecasting

/// Daily statistics of an hourly record beyond the daily mean, as standards define them.
///
/// - **Daily maximum 8-hour mean**: the 8-hour running mean starting at hour h covers hours
///   h … h + 7 (crossing into the next day) and is valid with at least 6 of its 8 hours. Which
///   running means make the day is the ``EightHourWindow``:
///   - ``EightHourWindow/everyHour`` (WHO 2021, which fixes no window; China and India): the 24
///     means starting at 00:00 … 23:00, the day counting with ``DataCaptureRules/dayFraction``
///     of them (18 of 24) valid;
///   - ``EightHourWindow/appendixU`` (US EPA, 40 CFR 50 appendix U §3, for the US AQI): the 17
///     means starting at 07:00 … 23:00, the day counting with at least 13 of them valid.
/// - **Daily maximum 1-hour value**: the largest hourly reading of the day, counting with
///   ``DataCaptureRules/dayFraction`` of its hours.
///
/// Both return one ``PeriodStatistic`` per calendar day of the record, with the maximum in
/// ``PeriodStatistic/mean``.
public enum DailyMetrics {
    /// The running 8-hour means that make a day's maximum.
    public enum EightHourWindow: String, Sendable, CaseIterable {
        /// The 24 means starting at each hour of the day, valid with the day fraction of them.
        case everyHour
        /// 40 CFR 50 appendix U: the 17 means starting at 07:00 … 23:00, valid with 13 of them.
        /// Appendix U's further clauses for the design value (a mean of 5 or fewer hours, with
        /// 6 as divisor, or an incomplete day, counting when above the 0.070 ppm standard) are
        /// not applied: they judge a standard, not a day's index.
        case appendixU
    }

    /// The daily maximum 8-hour running mean of an hourly series.
    ///
    /// ```swift
    /// // Appendix U: hours 0–6 are not the start of any of the day's 17 periods, so a peak at
    /// // 01:00–06:00 belongs to the previous day's 23:00 period only.
    /// DailyMetrics.dailyMaximum8HourMean(hourly, rules: .standard, window: .appendixU)
    /// ```
    ///
    /// - Parameters:
    ///   - series: Hourly values, `NaN` where missing.
    ///   - rules: The data-capture rules (``DataCaptureRules/dayFraction`` of the 24 running
    ///     means for ``EightHourWindow/everyHour``).
    ///   - window: The running means that make the day (default: every hour).
    /// - Returns: One entry per calendar day from the first to the last day of the record.
    /// - Precondition: `series` is hourly.
    /// - Complexity: O(*n*).
    public static func dailyMaximum8HourMean(_ series: TimeSeries, rules: DataCaptureRules,
                                             window: EightHourWindow = .everyHour) -> [PeriodStatistic] {
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
        switch window {
        case .everyHour:
            return dailyMaximum(running, series: series, rules: rules)
        case .appendixU:
            return appendixUMaximum(running, series: series)
        }
    }

    /// The day's maximum of the running means starting at 07:00 … 23:00, valid with 13 of 17.
    private static func appendixUMaximum(_ running: [Double], series: TimeSeries) -> [PeriodStatistic] {
        let firstDay = CivilDay.number(of: series.start)
        let lastDay = CivilDay.number(of: series.end)
        let start = series.start.secondsSinceEpoch
        return (firstDay...lastDay).map { day in
            var maximum = -Double.infinity
            var count = 0
            for hour in 7...23 {
                let offset = day * CivilDay.secondsPerDay + hour * 3600 - start
                guard offset >= 0, offset % 3600 == 0, offset / 3600 < running.count else { continue }
                let value = running[offset / 3600]
                guard !value.isNaN else { continue }
                maximum = max(maximum, value)
                count += 1
            }
            return PeriodStatistic(
                date: CivilDay.date(day), mean: count > 0 ? maximum : .nan, count: count, possible: 17, isValid: count >= 13)
        }
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
