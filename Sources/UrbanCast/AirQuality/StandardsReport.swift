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
public struct StandardsReport: Sendable {
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
        for record in records {
            let hourly = record.subDaily.flatMap { $0.frequency == .hourly ? $0 : nil }
            let max8h = hourly.map { DailyMetrics.dailyMaximum8HourMean($0, rules: rules) }
            let max1h = hourly.map { DailyMetrics.dailyMaximum1Hour($0, rules: rules) }
            let entries = guidelines.entries(for: record.pollutant)
            for annual in record.annual {
                results.append(try Self.result(
                    record: record, annual: annual, max8h: max8h, max1h: max1h, entries: entries, indices: indices,
                    rules: rules))
            }
        }
        self.results = results
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
            let daily: [PeriodStatistic]? = switch averaging {
            case "24-hour": record.daily
            case "8-hour": max8h
            case "1-hour": max1h
            default: nil
            }
            guard let daily else {
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
