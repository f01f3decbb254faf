import Foundation
import Forecasting
import Statistics

/// Station or city air quality against the WHO 2021 guidelines and interim targets, with days by
/// AQI category, per pollutant and calendar year.
///
/// For each localised record (``Localization/Record``) and year:
/// - **validDays**: days with a valid daily mean (``DataCaptureRules/dayFraction``);
///   **meetsCaptureRule**: validDays ≥ ``DataCaptureRules/yearFraction`` × days in the year.
/// - **annualMean**: the mean of the valid daily means; **dailyP99**: their 99th percentile
///   (type 7, as R and NumPy by default).
/// - For ozone from hourly data: **dailyMax8hP99**, the 99th percentile of the valid daily
///   maximum 8-hour means (``DailyMetrics``), and **peakSeasonMean**, the highest mean of six
///   consecutive calendar months of the monthly means of the daily maximum 8-hour mean (a month
///   counts with ``DataCaptureRules/monthFraction`` of its days). A season may span the year
///   end (a southern-hemisphere summer, November to April): a season is attributed to the
///   year of its *last* month, so year Y weighs the twelve seasons ending in January … December
///   of Y (starting August of Y − 1 … July of Y), each season counts in exactly one year, and a
///   year's value is final when the year ends; **peakSeasonStart** is the first month of the
///   highest season.
/// - **shortTermGuidelines**: the short-term guidelines the WHO kept from earlier editions
///   (``ShortTermGuideline``: NO2 1-hour, SO2 10-minute, CO 15-minute, 1-hour and 8-hour),
///   each judged as a value not to be exceeded, or marked not applicable when the data's time
///   step cannot give the averaging period (10- and 15-minute means need sub-hourly data).
/// - **exceedanceDays**: for each short-term WHO level, the valid days whose statistic (the
///   daily mean; for ozone the daily maximum 8-hour mean) is strictly above the level, keyed by
///   the level in the data's unit.
/// - **highestLevelMet**: the most stringent level L such that, for L and every less stringent
///   level, each WHO 2021 table statistic (annual, 24-hour and 8-hour 99th percentiles, peak
///   season; not the kept short-term guidelines) is at or below its value; `nil` when IT-1 is not met, when the
///   year misses the capture rule, or when a statistic cannot be computed from the data.
/// - **aqi**: for each index that covers the pollutant, the valid days in each category of the
///   index's day-classifying statistic (24-hour: the daily mean; 8-hour: the daily maximum
///   8-hour mean; 1-hour: the daily maximum hourly value), or a note when the data cannot give it.
///
/// For each index with a multi-pollutant rule (``AirQualityIndex/Combination``, Korea's CAI),
/// ``combined`` gives per place and year the days in each category of the combined index: each
/// day, the sub-indices of the place's pollutants (each by its own day-classifying statistic)
/// are combined by ``AirQualityIndex/combined(_:)``, with the bonus for several unhealthy
/// pollutants; a day counts when every required pollutant has a valid statistic.
///
/// Each pollutant's day takes its sub-index by ``AirQualityIndex/dailySubIndex(_:pollutant:unit:)``
/// under the index's ``AirQualityIndex/dailyRule`` (US SO2 above 304 ppb from the 24-hour mean;
/// India's O3 above 208 µg/m³ from the 1-hour value; China's O3 also by its 1-hour maximum; the
/// US 8-hour tables by the appendix U daily maximum; India's 24-hour means from a station's
/// hourly data with 16 hours). The WHO statistics keep the every-hour 8-hour rule. ``overall`` gives
/// per place, index and year the days in each category of the day's AQI (the highest sub-index,
/// by ``AirQualityIndex/dailyIndex(_:)``) and the days each pollutant was dominant.
public struct StandardsReport: Sendable {
    /// The days of one year in each category of an index combined over pollutants.
    public struct CombinedDays: Sendable, Equatable {
        /// The station's or city's key.
        public let key: SeriesKey
        /// The index identifier (`korea-cai`).
        public let index: String
        /// The calendar year.
        public let year: Int
        /// Days per category of the combined index, in category order; `nil` when not evaluated.
        public let days: [(category: String, count: Int)]?
        /// Days on which the multi-pollutant bonus was added.
        public let bonusDays: Int
        /// Why the days were not evaluated, if they were not.
        public let note: String?

        /// Equality of all stored fields.
        public static func == (lhs: CombinedDays, rhs: CombinedDays) -> Bool {
            lhs.key == rhs.key && lhs.index == rhs.index && lhs.year == rhs.year && lhs.bonusDays == rhs.bonusDays
                && lhs.note == rhs.note && lhs.days?.map(\.category) == rhs.days?.map(\.category)
                && lhs.days?.map(\.count) == rhs.days?.map(\.count)
        }
    }

    /// The days of one year in each category of one index.
    public struct IndexDays: Sendable, Equatable {
        /// The index identifier (`us-epa-2024`).
        public let index: String
        /// The averaging period of the classifying statistic.
        public let averaging: String
        /// Days per category, in the index's category order; `nil` when not evaluated.
        public let days: [(category: String, count: Int)]?
        /// Days above the index's table (counted in the category of a lower bound).
        public let aboveTable: Int
        /// Why the days were not evaluated, if they were not.
        public let note: String?

        /// Equality of all stored fields.
        public static func == (lhs: IndexDays, rhs: IndexDays) -> Bool {
            lhs.index == rhs.index && lhs.averaging == rhs.averaging && lhs.aboveTable == rhs.aboveTable
                && lhs.note == rhs.note && lhs.days?.map(\.category) == rhs.days?.map(\.category)
                && lhs.days?.map(\.count) == rhs.days?.map(\.count)
        }
    }

    /// One pollutant, place and year.
    public struct Result: Sendable {
        /// The station's or city's key.
        public let key: SeriesKey
        /// The pollutant.
        public let pollutant: Pollutant
        /// The unit of every concentration in the result.
        public let unit: ConcentrationUnit
        /// The calendar year.
        public let year: Int
        /// Days with a valid daily mean.
        public let validDays: Int
        /// Days in the calendar year.
        public let possibleDays: Int
        /// Whether the year meets the annual data-capture rule.
        public let meetsCaptureRule: Bool
        /// The mean of the valid daily means.
        public let annualMean: Double
        /// The 99th percentile of the valid daily means.
        public let dailyP99: Double
        /// The 99th percentile of the valid daily maximum 8-hour means (ozone, hourly data).
        public let dailyMax8hP99: Double?
        /// The WHO peak-season mean (ozone, hourly data): the highest six-month season ending in
        /// ``year``.
        public let peakSeasonMean: Double?
        /// The first month of the season of ``peakSeasonMean`` (month precision; in ``year`` − 1
        /// for a season across the year end).
        public let peakSeasonStart: SeriesDate?
        /// The short-term guidelines kept from earlier WHO editions, judged or marked not applicable.
        public let shortTermGuidelines: [ShortTermGuideline]
        /// The short-term WHO levels in the data's unit and the days above each, ascending.
        public let exceedanceDays: [(threshold: Double, days: Int)]
        /// The most stringent WHO level met, if any.
        public let highestLevelMet: WHOGuidelines.Level?
        /// Days by AQI category, per index.
        public let indexDays: [IndexDays]
        /// What could not be evaluated and why.
        public let notes: [String]
    }

    /// One result per record, pollutant and year, in record order.
    public let results: [Result]

    /// One entry per place, combining index and year, in record order.
    public let combined: [CombinedDays]

    /// The overall daily AQI of each place with two or more pollutants, per index and year, in
    /// record order (``OverallDays``).
    public let overall: [OverallDays]

    /// Builds the report against a set of standards, by default the compiled-in WHO 2021 levels
    /// and indices.
    ///
    /// ```swift
    /// let localization = try Localization(panel)        // hourly or daily station series
    /// let report = try StandardsReport(records: localization.cities, rules: localization.options.capture)
    /// report.results[0].annualMean                       // the city's annual mean of daily means
    /// report.results[0].highestLevelMet                  // .interimTarget1 … .guideline, or nil
    /// ```
    ///
    /// - Parameters:
    ///   - records: Localised station or city records.
    ///   - standards: The WHO levels and the indices.
    ///   - rules: The data-capture rules (those of the localisation).
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)`` when a record's unit
    ///   cannot express a level (PM in ppb).
    /// - Complexity: O(*n* log *n*) in the days of each record, plus O(*h*) for hourly records.
    public init(records: [Localization.Record], standards: AirQualityStandards = .builtIn, rules: DataCaptureRules)
        throws(AirQualityError)
    {
        try self.init(records: records, guidelines: standards.guidelines, indices: standards.indices, rules: rules)
    }

    /// Builds the report.
    ///
    /// - Parameters:
    ///   - records: Localised station or city records.
    ///   - guidelines: The WHO levels.
    ///   - indices: The AQI definitions.
    ///   - rules: The data-capture rules (those of the localisation).
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)`` when a record's unit
    ///   cannot express a level (PM in ppb).
    /// - Complexity: O(*n* log *n*) in the days of each record, plus O(*h*) for hourly records.
    public init(records: [Localization.Record], guidelines: WHOGuidelines, indices: [AirQualityIndex],
                rules: DataCaptureRules) throws(AirQualityError) {
        var results: [Result] = []
        var statistics: [DayStatistics] = []
        for record in records {
            let hourly = record.subDaily.flatMap { $0.frequency == .hourly ? $0 : nil }
            let days = DayStatistics(
                record: record, max8h: hourly.map { DailyMetrics.dailyMaximum8HourMean($0, rules: rules) },
                max1h: hourly.map { DailyMetrics.dailyMaximum1Hour($0, rules: rules) },
                max8hAppendixU: hourly.map { DailyMetrics.dailyMaximum8HourMean($0, rules: rules, window: .appendixU) })
            statistics.append(days)
            let entries = guidelines.entries(for: record.pollutant)
            for annual in record.annual {
                results.append(try Self.result(
                    record: record, annual: annual, days: days, entries: entries, indices: indices,
                    rules: rules))
            }
        }
        self.results = results
        self.combined = try Self.combinedDays(statistics, indices: indices.filter { $0.combination != nil })
        self.overall = try Self.overallDays(statistics, indices: indices)
    }

    /// The day-classifying statistics of one record.
    struct DayStatistics {
        let record: Localization.Record
        let max8h: [PeriodStatistic]?
        let max1h: [PeriodStatistic]?
        /// The daily maximum 8-hour means of 40 CFR 50 appendix U (the US index).
        let max8hAppendixU: [PeriodStatistic]?

        /// The daily statistic an index's `averaging` table classifies days by, or `nil` when the
        /// record cannot give it (8-hour and 1-hour tables need hourly data).
        func classifying(_ averaging: String) -> [PeriodStatistic]? {
            switch averaging {
            case "24-hour": record.daily
            case "8-hour": max8h
            case "1-hour": max1h
            default: nil
            }
        }

        /// The valid statistics of each day under an index's daily rule, by day number. With
        /// ``AirQualityIndex/DailyRule/minimumHoursPerDay`` and a station's hourly data the daily
        /// mean is valid with at least that many hours (India's 16) instead of the capture rule's
        /// day fraction; a city's daily mean, a mean over stations, keeps the station capture rule.
        func days(rule: AirQualityIndex.DailyRule) -> [Int: (date: SeriesDate, values: AirQualityIndex.DayValues)] {
            let minimumHours = rule.minimumHoursPerDay
            var days: [Int: (date: SeriesDate, values: AirQualityIndex.DayValues)] = [:]
            func update(_ statistics: [PeriodStatistic]?, _ set: (inout AirQualityIndex.DayValues, Double) -> Void) {
                for day in statistics ?? [] where day.isValid {
                    let number = CivilDay.number(of: day.date)
                    var entry = days[number] ?? (day.date, AirQualityIndex.DayValues())
                    set(&entry.values, day.mean)
                    days[number] = entry
                }
            }
            var daily = record.daily
            if let minimumHours, record.stations.count == 1, let hourly = record.subDaily, hourly.frequency == .hourly {
                daily = daily.map { day in
                    PeriodStatistic(date: day.date, mean: day.mean, count: day.count, possible: day.possible,
                                    isValid: day.possible == 24 ? day.count >= minimumHours : day.isValid)
                }
            }
            update(daily) { $0.mean24Hour = $1 }
            update(rule.eightHourWindow == .appendixU ? max8hAppendixU : max8h) { $0.maximum8Hour = $1 }
            update(max1h) { $0.maximum1Hour = $1 }
            return days
        }

        /// The valid days of `year` whose `averaging` statistic is valid, in day order.
        func days(in year: Int, averaging: String, rule: AirQualityIndex.DailyRule) -> [AirQualityIndex.DayValues] {
            days(rule: rule).filter { $0.value.date.year == year && $0.value.values.value(for: averaging) != nil }
                .sorted { $0.key < $1.key }.map(\.value.values)
        }
    }

    /// The sub-indices of one place's pollutants per day under one index, the pollutants the
    /// index covers that the place has, and those it cannot evaluate (a 1-hour or 8-hour table
    /// from daily data).
    static func subIndicesByDay(_ entries: [DayStatistics], index: AirQualityIndex) throws(AirQualityError)
        -> (days: [Int: (year: Int, values: [Pollutant: AirQualityIndex.SubIndex])], available: Set<Pollutant>, missing: [String])
    {
        var byDay: [Int: (year: Int, values: [Pollutant: AirQualityIndex.SubIndex])] = [:]
        var available: Set<Pollutant> = []
        var missing: [String] = []
        for entry in entries {
            let pollutant = entry.record.pollutant
            guard let averaging = index.primaryAveraging(for: pollutant) else { continue }
            guard entry.classifying(averaging) != nil else {
                missing.append("\(pollutant.name) (the \(averaging) table needs hourly data)")
                continue
            }
            available.insert(pollutant)
            for (number, day) in entry.days(rule: index.dailyRule) {
                guard let sub = try index.dailySubIndex(day.values, pollutant: pollutant, unit: entry.record.unit) else { continue }
                byDay[number, default: (day.date.year, [:])].values[pollutant] = sub
            }
        }
        return (byDay, available, missing)
    }

    private static func combinedDays(_ statistics: [DayStatistics], indices: [AirQualityIndex]) throws(AirQualityError)
        -> [CombinedDays]
    {
        guard !indices.isEmpty else { return [] }
        var combined: [CombinedDays] = []
        for (key, entries) in places(statistics) {
            let years = Set(entries.flatMap { $0.record.annual.map(\.date.year) }).sorted()
            for index in indices {
                guard let combination = index.combination else { continue }
                let (subIndices, available, found) = try subIndicesByDay(entries, index: index)
                var missing = found
                missing += combination.requiredPollutants.filter { pollutant in
                    !available.contains(pollutant) && !missing.contains { $0.hasPrefix(pollutant.name + " ") }
                }.map(\.name)
                for year in years {
                    guard missing.isEmpty else {
                        combined.append(CombinedDays(
                            key: key, index: index.id, year: year, days: nil, bonusDays: 0,
                            note: "the combined index needs \(combination.requiredPollutants.map(\.name).joined(separator: ", ")); missing \(missing.joined(separator: ", "))"))
                        continue
                    }
                    let counted = Self.tally(subIndices, year: year, index: index)
                    combined.append(CombinedDays(
                        key: key, index: index.id, year: year, days: counted.days, bonusDays: counted.bonusDays, note: nil))
                }
            }
        }
        return combined
    }

    private static func valid(_ days: [PeriodStatistic], in year: Int) -> [Double] {
        days.filter { $0.isValid && $0.date.year == year }.map(\.mean)
    }

    private static func result(
        record: Localization.Record, annual: PeriodStatistic, days statistics: DayStatistics,
        entries: [WHOGuidelines.Entry], indices: [AirQualityIndex], rules: DataCaptureRules
    ) throws(AirQualityError) -> Result {
        let year = annual.date.year
        let pollutant = record.pollutant
        let max8h = statistics.max8h
        let dailyMeans = valid(record.daily, in: year)
        let max8hValues = max8h.map { valid($0, in: year) }
        var notes: [String] = []
        let p99 = { (values: [Double]) -> Double in
            values.isEmpty ? .nan : ((try? Descriptive.quantile(values, probability: 0.99)) ?? .nan)
        }
        let dailyP99 = p99(dailyMeans)
        let usesOzoneMetrics = entries.contains { $0.statistic == .dailyMax8hP99 || $0.statistic == .peakSeasonMean }
        let dailyMax8hP99 = usesOzoneMetrics ? max8hValues.map(p99) : nil
        let season = usesOzoneMetrics ? max8h.flatMap { Self.peakSeason($0, year: year, rules: rules) } : nil
        let peakSeason = season?.mean
        if usesOzoneMetrics, max8h == nil {
            notes.append("\(pollutant.name) 8-hour and peak-season statistics need hourly data; WHO levels not evaluated")
        }
        let statisticValue: [WHOGuidelines.Statistic: Double] = [
            .annualMean: annual.count > 0 ? annual.mean : .nan, .dailyMeanP99: dailyP99,
            .dailyMax8hP99: dailyMax8hP99 ?? .nan, .peakSeasonMean: peakSeason ?? .nan,
        ]

        var exceedances: [(threshold: Double, days: Int)] = []
        for entry in entries where entry.statistic == .dailyMeanP99 || entry.statistic == .dailyMax8hP99 {
            let values = entry.statistic == .dailyMeanP99 ? dailyMeans : max8hValues
            guard let values else { continue }
            let threshold = try entry.unit.convert(entry.value, to: record.unit, pollutant: pollutant, at: WHOGuidelines.conditions)
            exceedances.append((threshold, values.filter { $0 > threshold * (1 + 1e-12) }.count))
        }
        exceedances.sort { $0.threshold < $1.threshold }

        var highest: WHOGuidelines.Level?
        if annual.isValid {
            levels: for level in WHOGuidelines.Level.allCases {
                let atLevel = entries.filter { $0.level == level && !$0.statistic.isKeptShortTerm }
                guard !atLevel.isEmpty else { continue }
                for entry in atLevel {
                    let value = statisticValue[entry.statistic] ?? .nan
                    let threshold = try entry.unit.convert(entry.value, to: record.unit, pollutant: pollutant, at: WHOGuidelines.conditions)
                    guard !value.isNaN, value <= threshold * (1 + 1e-12) else { break levels }
                }
                highest = level
            }
        } else {
            notes.append("\(annual.count) valid days of \(annual.possible) is below the \(Int(rules.yearFraction * 100)) % capture rule; WHO levels not evaluated")
        }

        var indexDays: [IndexDays] = []
        for index in indices {
            guard let averaging = index.primaryAveraging(for: pollutant) else { continue }
            guard statistics.classifying(averaging) != nil else {
                indexDays.append(IndexDays(
                    index: index.id, averaging: averaging, days: nil, aboveTable: 0,
                    note: "the \(averaging) \(pollutant.name) index needs hourly data"))
                continue
            }
            var counts = [Int](repeating: 0, count: index.categories.count)
            var above = 0
            let days = statistics.days(in: year, averaging: averaging, rule: index.dailyRule)
            for day in days {
                guard let (sub, isAbove) = try index.dailySubIndexWithBound(day, pollutant: pollutant, unit: record.unit),
                    let position = index.categories.firstIndex(where: { $0.name == sub.category })
                else { continue }
                counts[position] += 1
                if isAbove { above += 1 }
            }
            indexDays.append(IndexDays(
                index: index.id, averaging: averaging,
                days: zip(index.categories, counts).map { ($0.name, $1) }, aboveTable: above, note: nil))
        }
        return Result(
            key: record.key, pollutant: pollutant, unit: record.unit, year: year, validDays: annual.count,
            possibleDays: annual.possible, meetsCaptureRule: annual.isValid, annualMean: annual.count > 0 ? annual.mean : .nan,
            dailyP99: dailyP99, dailyMax8hP99: dailyMax8hP99 ?? nil, peakSeasonMean: peakSeason,
            peakSeasonStart: season?.start,
            shortTermGuidelines: try shortTermGuidelines(record: record, year: year, yearIsValid: annual.isValid, entries: entries),
            exceedanceDays: exceedances, highestLevelMet: highest, indexDays: indexDays, notes: notes)
    }

    /// The WHO peak-season mean attributed to `year`: the highest mean over six consecutive
    /// calendar months ending in `year` (starting August of `year` − 1 … July of `year`, so a
    /// southern-hemisphere summer across the year end counts in the year it ends) of the monthly
    /// means of the daily maximum 8-hour mean, each month valid with
    /// ``DataCaptureRules/monthFraction`` of its days; `nil` without six valid consecutive months.
    ///
    /// - Parameters:
    ///   - max8h: The record's daily maximum 8-hour means, consecutive days.
    ///   - year: The year the season ends in.
    ///   - rules: The data-capture rules.
    /// - Returns: The mean and the season's first month (month precision).
    /// - Complexity: O(*n*) in the days.
    static func peakSeason(_ max8h: [PeriodStatistic], year: Int, rules: DataCaptureRules)
        -> (mean: Double, start: SeriesDate)?
    {
        let firstMonth = year * 12 - 5   // August of year − 1, as year × 12 + (month − 1)
        let monthly = Localization.aggregate(
            max8h.filter { $0.date.year * 12 + $0.date.month - 1 >= firstMonth && $0.date.year <= year },
            by: .monthly, rules.monthFraction)
        var byMonth = [Double](repeating: .nan, count: 17)   // August of year − 1 … December of year
        for month in monthly where month.isValid {
            let position = month.date.year * 12 + month.date.month - 1 - firstMonth
            if byMonth.indices.contains(position) { byMonth[position] = month.mean }
        }
        var best: (mean: Double, start: SeriesDate)?
        for first in 0...11 {
            let window = byMonth[first..<(first + 6)]
            guard !window.contains(where: \.isNaN) else { continue }
            let mean = window.reduce(0, +) / 6
            if mean > best?.mean ?? -.infinity {
                let index = firstMonth + first
                best = (mean, SeriesDate(year: CivilDay.floorDivide(index, 12), month: CivilDay.floorModulo(index, 12) + 1,
                                         precision: .month))
            }
        }
        return best
    }

    /// A threshold as a JSON key: its value with up to four significant digits (`37.5`, `4000`).
    public static func thresholdKey(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
