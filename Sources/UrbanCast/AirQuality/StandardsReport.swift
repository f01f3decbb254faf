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
///   consecutive calendar months of the year of the monthly means of the daily maximum 8-hour
///   mean (a month counts with ``DataCaptureRules/monthFraction`` of its days).
/// - **exceedanceDays**: for each short-term WHO level, the valid days whose statistic (the
///   daily mean; for ozone the daily maximum 8-hour mean) is strictly above the level, keyed by
///   the level in the data's unit.
/// - **highestLevelMet**: the most stringent level L such that, for L and every less stringent
///   level, each WHO statistic is at or below its value; `nil` when IT-1 is not met, when the
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
        /// The WHO peak-season mean (ozone, hourly data).
        public let peakSeasonMean: Double?
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
                max1h: hourly.map { DailyMetrics.dailyMaximum1Hour($0, rules: rules) })
            statistics.append(days)
            let entries = guidelines.entries(for: record.pollutant)
            for annual in record.annual {
                results.append(try Self.result(
                    record: record, annual: annual, max8h: days.max8h, max1h: days.max1h, entries: entries, indices: indices,
                    rules: rules))
            }
        }
        self.results = results
        self.combined = try Self.combinedDays(statistics, indices: indices.filter { $0.combination != nil })
    }

    /// The day-classifying statistics of one record.
    struct DayStatistics {
        let record: Localization.Record
        let max8h: [PeriodStatistic]?
        let max1h: [PeriodStatistic]?

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
    }

    private static func combinedDays(_ statistics: [DayStatistics], indices: [AirQualityIndex]) throws(AirQualityError)
        -> [CombinedDays]
    {
        guard !indices.isEmpty else { return [] }
        var order: [SeriesKey] = []
        var byKey: [SeriesKey: [DayStatistics]] = [:]
        for entry in statistics {
            if byKey[entry.record.key] == nil { order.append(entry.record.key) }
            byKey[entry.record.key, default: []].append(entry)
        }
        var combined: [CombinedDays] = []
        for key in order {
            let entries = byKey[key] ?? []
            let years = Set(entries.flatMap { $0.record.annual.map(\.date.year) }).sorted()
            for index in indices {
                guard let combination = index.combination else { continue }
                var subIndices: [String: (year: Int, values: [Pollutant: AirQualityIndex.SubIndex])] = [:]
                var available: Set<Pollutant> = []
                var missing: [String] = []
                for entry in entries {
                    let pollutant = entry.record.pollutant
                    guard let averaging = index.primaryAveraging(for: pollutant) else { continue }
                    guard let days = entry.classifying(averaging) else {
                        missing.append("\(pollutant.name) (the \(averaging) table needs hourly data)")
                        continue
                    }
                    available.insert(pollutant)
                    for day in days where day.isValid {
                        guard let sub = try index.subIndex(day.mean, pollutant: pollutant, averaging: averaging, unit: entry.record.unit)
                        else { continue }
                        subIndices[day.date.description, default: (day.date.year, [:])].values[pollutant] = sub
                    }
                }
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
                    var counts = [Int](repeating: 0, count: index.categories.count)
                    var bonusDays = 0
                    for day in subIndices.values where day.year == year {
                        guard let result = index.combined(day.values),
                            let position = index.categories.firstIndex(where: { $0.name == result.category })
                        else { continue }
                        counts[position] += 1
                        if result.bonus > 0 { bonusDays += 1 }
                    }
                    combined.append(CombinedDays(
                        key: key, index: index.id, year: year, days: zip(index.categories, counts).map { ($0.name, $1) },
                        bonusDays: bonusDays, note: nil))
                }
            }
        }
        return combined
    }

    private static func valid(_ days: [PeriodStatistic], in year: Int) -> [Double] {
        days.filter { $0.isValid && $0.date.year == year }.map(\.mean)
    }

    private static func result(
        record: Localization.Record, annual: PeriodStatistic, max8h: [PeriodStatistic]?, max1h: [PeriodStatistic]?,
        entries: [WHOGuidelines.Entry], indices: [AirQualityIndex], rules: DataCaptureRules
    ) throws(AirQualityError) -> Result {
        let year = annual.date.year
        let pollutant = record.pollutant
        let dailyMeans = valid(record.daily, in: year)
        let max8hValues = max8h.map { valid($0, in: year) }
        var notes: [String] = []
        let p99 = { (values: [Double]) -> Double in
            values.isEmpty ? .nan : ((try? Descriptive.quantile(values, probability: 0.99)) ?? .nan)
        }
        let dailyP99 = p99(dailyMeans)
        let usesOzoneMetrics = entries.contains { $0.statistic == .dailyMax8hP99 || $0.statistic == .peakSeasonMean }
        let dailyMax8hP99 = usesOzoneMetrics ? max8hValues.map(p99) : nil
        let peakSeason = usesOzoneMetrics ? max8h.map { peakSeasonMean($0, year: year, rules: rules) } ?? nil : nil
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
                let atLevel = entries.filter { $0.level == level }
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
            guard let daily = DayStatistics(record: record, max8h: max8h, max1h: max1h).classifying(averaging) else {
                indexDays.append(IndexDays(
                    index: index.id, averaging: averaging, days: nil, aboveTable: 0,
                    note: "the \(averaging) \(pollutant.name) index needs hourly data"))
                continue
            }
            var counts = [Int](repeating: 0, count: index.categories.count)
            var above = 0
            for value in valid(daily, in: year) {
                guard let sub = try index.subIndex(value, pollutant: pollutant, averaging: averaging, unit: record.unit),
                    let position = index.categories.firstIndex(where: { $0.name == sub.category })
                else { continue }
                counts[position] += 1
                if sub.value == nil, index.breakpoints.last(where: { $0.pollutant == pollutant && $0.averaging == averaging })?.concentrationHigh != nil {
                    above += 1
                }
            }
            indexDays.append(IndexDays(
                index: index.id, averaging: averaging,
                days: zip(index.categories, counts).map { ($0.name, $1) }, aboveTable: above, note: nil))
        }
        return Result(
            key: record.key, pollutant: pollutant, unit: record.unit, year: year, validDays: annual.count,
            possibleDays: annual.possible, meetsCaptureRule: annual.isValid, annualMean: annual.count > 0 ? annual.mean : .nan,
            dailyP99: dailyP99, dailyMax8hP99: dailyMax8hP99 ?? nil, peakSeasonMean: peakSeason, exceedanceDays: exceedances,
            highestLevelMet: highest, indexDays: indexDays, notes: notes)
    }

    /// The WHO peak-season mean within `year`: the highest mean over six consecutive calendar
    /// months of the monthly means of the daily maximum 8-hour mean; `nil` without six valid
    /// consecutive months.
    static func peakSeasonMean(_ max8h: [PeriodStatistic], year: Int, rules: DataCaptureRules) -> Double? {
        let monthly = Localization.aggregate(max8h.filter { $0.date.year == year }, by: .monthly, rules.monthFraction)
        var byMonth = [Double](repeating: .nan, count: 13)
        for month in monthly where month.isValid { byMonth[month.date.month] = month.mean }
        var best: Double?
        for first in 1...7 {
            let window = byMonth[first..<(first + 6)]
            guard !window.contains(where: \.isNaN) else { continue }
            let mean = window.reduce(0, +) / 6
            best = max(best ?? mean, mean)
        }
        return best
    }

    /// A threshold as a JSON key: its value with up to four significant digits (`37.5`, `4000`).
    public static func thresholdKey(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
