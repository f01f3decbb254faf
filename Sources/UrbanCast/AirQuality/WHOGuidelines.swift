import Foundation

/// The WHO 2021 global air quality guidelines (AQG) and interim targets.
///
/// ``AirQualityStandards/builtIn`` holds them compiled in; a file with the same layout can replace
/// them. The file (`Models/air-quality/who-2021-aqg.csv`) has one row per pollutant, statistic and level:
/// `pollutant,averaging,statistic,level,value,unit`. Levels run from the least stringent interim
/// target to the guideline: `IT-1`, `IT-2`, `IT-3`, `IT-4`, `AQG`. A pollutant need not have every
/// level for every statistic (NO2 has no 24-hour IT-3). The statistics:
///
/// | statistic | meaning |
/// |---|---|
/// | `annual-mean` | the calendar-year mean of the valid daily means |
/// | `daily-mean-p99` | the 99th percentile of the year's valid daily means (3–4 exceedance days a year) |
/// | `daily-max-8h-p99` | the 99th percentile of the year's valid daily maximum 8-hour means |
/// | `peak-season-mean` | the highest six-consecutive-month mean of monthly means of the daily maximum 8-hour mean (a season may span the year end; see ``StandardsReport``) |
/// | `max-10min`, `max-15min` | the year's highest 10- or 15-minute mean (sub-hourly data only) |
/// | `max-1h` | the year's highest 1-hour mean (hourly data) |
/// | `max-8h` | the year's highest 8-hour running mean (hourly data, 6 of 8 hours) |
///
/// The four `max-…` statistics are the short-term guidelines of earlier editions that the 2021
/// guidelines did not re-evaluate and state remain valid (NO2 1-hour 200 µg/m³ and SO2 10-minute
/// 500 µg/m³ from the 2005 global update; CO 15-minute 100, 1-hour 35 and 8-hour 10 mg/m³ from
/// the 2010 indoor air quality guidelines). They are AQG levels with no interim targets, judged
/// as values not to be exceeded (``isKeptShortTerm``), and reported apart from
/// ``StandardsReport/Result/highestLevelMet``, which follows the 2021 table.
///
/// Source: World Health Organization (2021), *WHO global air quality guidelines: particulate
/// matter (PM2.5 and PM10), ozone, nitrogen dioxide, sulfur dioxide and carbon monoxide*,
/// Geneva, ISBN 978-92-4-003422-8, Table 0.1 (executive summary) and Table 3.26; the kept
/// short-term guidelines from its chapter 3 (see `Models/air-quality/README.md`).
public struct WHOGuidelines: Sendable, Equatable {
    /// A level of the guideline ladder, from the least stringent.
    public enum Level: String, CaseIterable, Sendable, Comparable {
        /// Interim target 1.
        case interimTarget1 = "IT-1"
        /// Interim target 2.
        case interimTarget2 = "IT-2"
        /// Interim target 3.
        case interimTarget3 = "IT-3"
        /// Interim target 4.
        case interimTarget4 = "IT-4"
        /// The air quality guideline level.
        case guideline = "AQG"

        /// Orders from IT-1 (least stringent) to AQG.
        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// The statistic a level applies to.
    public enum Statistic: String, CaseIterable, Sendable {
        /// The annual mean of valid daily means.
        case annualMean = "annual-mean"
        /// The 99th percentile of valid daily means.
        case dailyMeanP99 = "daily-mean-p99"
        /// The 99th percentile of valid daily maximum 8-hour means.
        case dailyMax8hP99 = "daily-max-8h-p99"
        /// The peak-season mean of daily maximum 8-hour means.
        case peakSeasonMean = "peak-season-mean"
        /// The year's highest 10-minute mean (a kept 2005 guideline: SO2).
        case max10Minute = "max-10min"
        /// The year's highest 15-minute mean (a kept guideline: CO).
        case max15Minute = "max-15min"
        /// The year's highest 1-hour mean (kept guidelines: NO2, CO).
        case max1Hour = "max-1h"
        /// The year's highest 8-hour running mean (a kept guideline: CO).
        case max8Hour = "max-8h"

        /// Whether the statistic is one of the short-term guidelines kept from earlier editions,
        /// a value not to be exceeded, rather than one of the 2021 table's statistics.
        public var isKeptShortTerm: Bool { averagingMinutes != nil }

        /// The averaging period in minutes of a kept short-term guideline (10, 15, 60, 480);
        /// `nil` for the 2021 table's statistics.
        public var averagingMinutes: Int? {
            switch self {
            case .annualMean, .dailyMeanP99, .dailyMax8hP99, .peakSeasonMean: nil
            case .max10Minute: 10
            case .max15Minute: 15
            case .max1Hour: 60
            case .max8Hour: 480
            }
        }
    }

    /// One level of one statistic of one pollutant.
    public struct Entry: Sendable, Equatable {
        /// The pollutant.
        public let pollutant: Pollutant
        /// The averaging period as the WHO writes it (`annual`, `24-hour`, `8-hour`, `peak season`).
        public let averaging: String
        /// The statistic compared with the level.
        public let statistic: Statistic
        /// The level.
        public let level: Level
        /// The concentration, in ``unit``.
        public let value: Double
        /// The unit of ``value``.
        public let unit: ConcentrationUnit
    }

    /// Every entry, in file order.
    public let entries: [Entry]

    /// The conditions at which the WHO states gas concentrations: 25 °C, 1013.25 hPa.
    public static let conditions = ReferenceConditions.usEPA

    /// Guidelines made of `entries`, which the caller has checked as ``init(contentsOf:)`` does.
    init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads the guideline file.
    ///
    /// - Parameter path: The CSV file.
    /// - Throws: ``AirQualityError/data(_:)`` with every problem as `FILE:LINE:COLUMN` (unknown
    ///   pollutant, level, statistic or unit; a value that is not a positive number; a repeated
    ///   pollutant–statistic–level).
    /// - Complexity: O(*n*) rows.
    public init(contentsOf path: String) throws(AirQualityError) {
        var table = try StandardsTable(
            contentsOf: path, required: ["pollutant", "averaging", "statistic", "level", "value", "unit"])
        var entries: [Entry] = []
        var seen: Set<String> = []
        for row in table.rows {
            let pollutant = table.pollutant(row)
            let unit = table.unit(row)
            let value = table.number(row, "value")
            var level: Level?
            if let field = row["level"] {
                level = Level(rawValue: field.text.trimmingSpaces())
                if level == nil {
                    table.report(field, "unknown level '\(field.text.trimmingSpaces())'; write one of \(Level.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            var statistic: Statistic?
            if let field = row["statistic"] {
                statistic = Statistic(rawValue: field.text.trimmingSpaces())
                if statistic == nil {
                    table.report(field, "unknown statistic '\(field.text.trimmingSpaces())'; write one of \(Statistic.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            if let value, !(value > 0), let field = row["value"] {
                table.report(field, "a guideline level must be positive, got \(value)")
            }
            guard let pollutant, let unit, let value, value > 0, let level, let statistic, let field = row["level"] else { continue }
            guard seen.insert("\(pollutant.name) \(statistic.rawValue) \(level.rawValue)").inserted else {
                table.report(field, "\(pollutant.name) \(statistic.rawValue) \(level.rawValue) is given twice")
                continue
            }
            entries.append(Entry(
                pollutant: pollutant, averaging: table.text(row, "averaging"), statistic: statistic, level: level,
                value: value, unit: unit))
        }
        try table.check()
        self.entries = entries
    }

    /// The entries of one pollutant.
    public func entries(for pollutant: Pollutant) -> [Entry] {
        entries.filter { $0.pollutant == pollutant }
    }

    /// The annual-mean levels of `pollutant`, from IT-1 to AQG, in `unit` (at ``conditions``).
    ///
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)``.
    /// - Complexity: O(entries).
    public func annualLevels(for pollutant: Pollutant, in unit: ConcentrationUnit) throws(AirQualityError)
        -> [(name: String, value: Double)]
    {
        var levels: [(name: String, value: Double)] = []
        for entry in entries(for: pollutant).filter({ $0.statistic == .annualMean }).sorted(by: { $0.level < $1.level }) {
            levels.append((entry.level.rawValue, try entry.unit.convert(entry.value, to: unit, pollutant: pollutant, at: Self.conditions)))
        }
        return levels
    }
}
