import Forecasting

extension StandardsReport {
    /// One short-term WHO guideline kept from an earlier edition (NO2 1-hour, SO2 10-minute,
    /// CO 15-minute, 1-hour and 8-hour), judged for one pollutant, place and year.
    ///
    /// The guideline is a value not to be exceeded: ``maximum`` is the year's highest mean over
    /// the averaging period (running means of consecutive readings, each valid with at least
    /// 75 % of its readings: 6 of 8 hours for the 8-hour mean, every reading for a period of one
    /// reading), ``daysAbove`` counts the days (of the period's first reading) with at least one
    /// mean strictly above the level, and ``isMet`` is
    /// - `false` as soon as one mean is above the level (an observed exceedance needs no capture rule);
    /// - `true` when none is and the year meets the annual data-capture rule;
    /// - `nil` otherwise, or when the data cannot judge the guideline: a period of `W` minutes
    ///   needs readings every `s` minutes with `s` dividing `W`, so hourly data judges the 1-hour
    ///   and 8-hour guidelines but not the 10- and 15-minute ones, and daily data judges none.
    ///   ``note`` says why.
    public struct ShortTermGuideline: Sendable, Equatable {
        /// The averaging period as the WHO writes it (`10-minute`, `1-hour`).
        public let averaging: String
        /// The statistic (``WHOGuidelines/Statistic/max1Hour`` …).
        public let statistic: WHOGuidelines.Statistic
        /// The level (AQG: the kept guidelines have no interim targets).
        public let level: WHOGuidelines.Level
        /// The level in the data's unit (at ``WHOGuidelines/conditions``).
        public let threshold: Double
        /// The year's highest mean over the averaging period; `nil` when not computed.
        public let maximum: Double?
        /// Days with at least one mean strictly above the level; `nil` when not computed.
        public let daysAbove: Int?
        /// Whether the year meets the guideline; `nil` when it cannot be judged.
        public let isMet: Bool?
        /// Why the guideline is not judged, if it is not.
        public let note: String?
    }

    /// The kept short-term guidelines of `entries` for one record and year.
    ///
    /// - Parameters:
    ///   - record: The localised record (its ``Localization/Record/subDaily`` series is used).
    ///   - year: The calendar year.
    ///   - yearIsValid: Whether the year meets the annual data-capture rule.
    ///   - entries: The pollutant's guideline entries; only the kept short-term ones are judged.
    /// - Returns: One entry per kept guideline, in file order.
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)``.
    /// - Complexity: O(*n* × *k*) in the readings of the record and of one period.
    static func shortTermGuidelines(record: Localization.Record, year: Int, yearIsValid: Bool,
                                    entries: [WHOGuidelines.Entry]) throws(AirQualityError) -> [ShortTermGuideline] {
        var judged: [ShortTermGuideline] = []
        for entry in entries {
            guard let minutes = entry.statistic.averagingMinutes else { continue }
            let threshold = try entry.unit.convert(
                entry.value, to: record.unit, pollutant: record.pollutant, at: WHOGuidelines.conditions)
            func notJudged(_ note: String) -> ShortTermGuideline {
                ShortTermGuideline(averaging: entry.averaging, statistic: entry.statistic, level: entry.level,
                                   threshold: threshold, maximum: nil, daysAbove: nil, isMet: nil, note: note)
            }
            let need = minutes < 60 ? "sub-hourly data every \(minutes) minutes or a step dividing \(minutes)" : "hourly or sub-hourly data"
            guard let series = record.subDaily, let step = series.frequency.fixedSeconds, step > 0 else {
                judged.append(notJudged("not applicable: the \(entry.averaging) guideline needs \(need); the record has daily values"))
                continue
            }
            guard (minutes * 60) % step == 0 else {
                let stepText = step % 3600 == 0 ? "hourly" : "\(step / 60)-minute"
                judged.append(notJudged("not applicable: the \(entry.averaging) guideline needs \(need); \(stepText) data cannot judge it"))
                continue
            }
            let (maximum, daysAbove) = Self.runningMaximum(series, readings: minutes * 60 / step, year: year, above: threshold)
            guard let maximum else {
                judged.append(notJudged("no valid \(entry.averaging) mean in \(year)"))
                continue
            }
            let isMet: Bool? = daysAbove > 0 ? false : (yearIsValid ? true : nil)
            judged.append(ShortTermGuideline(
                averaging: entry.averaging, statistic: entry.statistic, level: entry.level, threshold: threshold,
                maximum: maximum, daysAbove: daysAbove, isMet: isMet,
                note: isMet == nil ? "no mean above the level, but the year is below the data-capture rule" : nil))
        }
        return judged
    }

    /// The highest running mean of `readings` consecutive values starting in `year`, and the
    /// days (of the first reading) with a mean strictly above `above`; a mean is valid with at
    /// least 75 % of its readings.
    ///
    /// - Complexity: O(*n* × `readings`) (direct sums, as ``DailyMetrics``, so that a mean equal
    ///   to a level is not pushed above it by rounding).
    static func runningMaximum(_ series: TimeSeries, readings: Int, year: Int, above threshold: Double)
        -> (maximum: Double?, daysAbove: Int)
    {
        let values = series.values
        guard let step = series.frequency.fixedSeconds, readings > 0, !values.isEmpty else { return (nil, 0) }
        let firstDay = CivilDay.number(of: SeriesDate(year: year, month: 1, day: 1, precision: .day))
        let nextYearDay = CivilDay.number(of: SeriesDate(year: year + 1, month: 1, day: 1, precision: .day))
        let start = series.start.secondsSinceEpoch
        var maximum: Double?
        var days: Set<Int> = []
        for first in values.indices {
            let day = CivilDay.floorDivide(start + first * step, CivilDay.secondsPerDay)
            guard day >= firstDay, day < nextYearDay else { continue }
            var sum = 0.0
            var count = 0
            for index in first..<min(first + readings, values.count) where !values[index].isNaN {
                sum += values[index]
                count += 1
            }
            guard count > 0, DataCaptureRules.meets(count, of: readings, fraction: 0.75) else { continue }
            let mean = sum / Double(count)
            maximum = max(maximum ?? mean, mean)
            if mean > threshold * (1 + 1e-12) { days.insert(day) }
        }
        return (maximum, days.count)
    }
}
