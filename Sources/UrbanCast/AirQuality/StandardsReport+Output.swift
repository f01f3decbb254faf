import Foundation

extension StandardsReport {
    /// The document of `urbancast air standards --format json`.
    public var document: Document { Document(self) }

    /// A fixed-width table, one row per result, then the AQI days.
    public var table: String {
        var lines: [String] = []
        let header = ["key", "pollutant", "year", "days", "mean", "p99", "WHO", "exceedance days (level: days)"]
        var rows: [[String]] = [header]
        for result in results {
            rows.append([
                result.key.isEmpty ? "-" : result.key.description, result.pollutant.name, String(result.year),
                "\(result.validDays)/\(result.possibleDays)\(result.meetsCaptureRule ? "" : "*")",
                Self.format(result.annualMean), Self.format(result.dailyP99), result.highestLevelMet?.rawValue ?? "-",
                result.exceedanceDays.map { "\(Self.thresholdKey($0.threshold)): \($0.days)" }.joined(separator: ", "),
            ])
        }
        lines += TextTable.render(rows)
        lines.append("")
        lines.append("* below the annual data-capture rule; concentrations in each series' unit; WHO = highest WHO 2021 level met")
        var aqiLines: [String] = []
        for result in results {
            for days in result.indexDays {
                let name = "\(result.key.isEmpty ? "" : "\(result.key) ")\(result.pollutant.name) \(result.year) \(days.index) (\(days.averaging))"
                if let counts = days.days {
                    aqiLines.append("\(name): " + counts.map { "\($0.category) \($0.count)" }.joined(separator: ", "))
                } else if let note = days.note {
                    aqiLines.append("\(name): not evaluated, \(note)")
                }
            }
        }
        let shortTerm = results.flatMap { result in
            result.shortTermGuidelines.map { guideline in
                let name = "\(result.key.isEmpty ? "" : "\(result.key) ")\(result.pollutant.name) \(result.year) \(guideline.averaging) \(Self.plain(guideline.threshold)) \(result.unit.symbol)"
                guard let maximum = guideline.maximum, let days = guideline.daysAbove else {
                    return "\(name): \(guideline.note ?? "not judged")"
                }
                let verdict = guideline.isMet.map { $0 ? "met" : "not met" } ?? "not judged (\(guideline.note ?? ""))"
                return "\(name): \(verdict), highest \(Self.format(maximum)), days above \(days)"
            }
        }
        if !shortTerm.isEmpty {
            lines.append("")
            lines.append("WHO short-term guidelines kept from earlier editions (not to be exceeded):")
            lines += shortTerm
        }
        let seasons = results.compactMap { result in
            result.peakSeasonStart.map { "\(result.key.isEmpty ? "" : "\(result.key) ")\(result.pollutant.name) \(result.year): peak season from \($0) (six months ending in \(result.year))" }
        }
        if !seasons.isEmpty {
            lines.append("")
            lines += seasons
        }
        if !aqiLines.isEmpty {
            lines.append("")
            lines.append("Days by AQI category:")
            lines += aqiLines
        }
        if !combined.isEmpty {
            lines.append("")
            lines.append("Days by combined index (all pollutants, with the multi-pollutant bonus):")
            for entry in combined {
                let name = "\(entry.key.isEmpty ? "" : "\(entry.key) ")\(entry.year) \(entry.index)"
                if let counts = entry.days {
                    lines.append("\(name): " + counts.map { "\($0.category) \($0.count)" }.joined(separator: ", ")
                        + "; bonus added on \(entry.bonusDays) days")
                } else if let note = entry.note {
                    lines.append("\(name): not evaluated, \(note)")
                }
            }
        }
        if !overall.isEmpty {
            lines.append("")
            lines.append("Days by overall daily AQI (highest sub-index) and days each pollutant was dominant:")
            for entry in overall {
                let name = "\(entry.key.isEmpty ? "" : "\(entry.key) ")\(entry.year) \(entry.index)"
                if let counts = entry.days {
                    lines.append("\(name) (\(entry.pollutants.map(\.name).joined(separator: ", "))): "
                        + counts.map { "\($0.category) \($0.count)" }.joined(separator: ", ")
                        + "; dominant " + entry.dominantDays.map { "\($0.pollutant.name) \($0.count)" }.joined(separator: ", "))
                } else if let note = entry.note {
                    lines.append("\(name): not evaluated, \(note)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A level as written, without an exponent (`100000`, `37.5`).
    private static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6g", value)
    }

    private static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1f", value) : "-"
    }
}

extension StandardsReport {
    /// The document of `urbancast air standards --format json`; its coding keys are the contract:
    ///
    /// `{"results": [{"key": {...}, "pollutant", "unit", "year", "validDays", "possibleDays",
    /// "meetsCaptureRule", "annualMean", "dailyP99", "dailyMax8hP99", "peakSeasonMean",
    /// "peakSeasonStart", "shortTermGuidelines": [{"averaging", "statistic", "level", "threshold",
    /// "maximum", "daysAbove", "met", "note"}] (absent without a kept short-term guideline),
    /// "exceedanceDays": {"15": n, ...}, "highestLevelMet": "IT-1" … "AQG" | null,
    /// "aqi": {"us-epa-2024": {"averaging", "days": {"Good": n, ...} | null, "aboveTable", "note"}},
    /// "notes": [...]}], "combined": [{"key": {...}, "index": "korea-cai", "year", "days":
    /// {"Good": n, ...} | null, "bonusDays", "note"}], "overall": [{"key": {...}, "index", "year",
    /// "pollutants": [...], "days": {"Good": n, ...} | null, "dominantPollutantDays": {"PM2.5": n,
    /// ...}, "bonusDays", "note"}]}` (`overall` only when a place has two or more pollutants).
    /// Non-finite numbers are `null`;
    /// `dailyMax8hP99` and `peakSeasonMean` are `null` except for ozone from hourly data.
    public struct Document: Codable, Sendable {
        /// One series' year against the WHO levels and the indices.
        public struct Result: Codable, Sendable {
            /// The series key, as an object of column → value.
            public var key: SeriesKey
            /// The pollutant's name.
            public var pollutant: String
            /// The unit's symbol.
            public var unit: String
            /// The calendar year.
            public var year: Int
            /// The days meeting the daily data-capture rule.
            public var validDays: Int
            /// The days of the year.
            public var possibleDays: Int
            /// Whether the year meets the annual data-capture rule.
            public var meetsCaptureRule: Bool
            /// The annual mean of the valid daily means.
            public var annualMean: Double
            /// The 99th percentile of the daily means.
            public var dailyP99: Double
            /// The 99th percentile of the daily maximum 8-hour means; ozone from hourly data only.
            @ExplicitNull public var dailyMax8hP99: Double?
            /// The mean of the peak season; ozone from hourly data only.
            @ExplicitNull public var peakSeasonMean: Double?
            /// The first month (`2020-11`) of the peak season, which ends in ``year``; `null`
            /// without a peak-season mean.
            @ExplicitNull public var peakSeasonStart: String?
            /// The WHO short-term guidelines kept from earlier editions (NO2 1-hour, SO2
            /// 10-minute, CO 15-minute, 1-hour, 8-hour); absent for pollutants without one.
            public var shortTermGuidelines: [ShortTermGuideline]?
            /// The days above each WHO daily level, by level (`"15"`).
            public var exceedanceDays: NamedValues<Int>
            /// The highest WHO level the annual mean meets (`"IT-1"` … `"AQG"`).
            @ExplicitNull public var highestLevelMet: String?
            /// The days by category of each index, by index name.
            public var aqi: NamedValues<IndexDays>
            /// What limits the result.
            public var notes: [String]

            init(_ result: StandardsReport.Result) {
                key = result.key
                pollutant = result.pollutant.name
                unit = result.unit.symbol
                year = result.year
                validDays = result.validDays
                possibleDays = result.possibleDays
                meetsCaptureRule = result.meetsCaptureRule
                annualMean = result.annualMean
                dailyP99 = result.dailyP99
                dailyMax8hP99 = result.dailyMax8hP99
                peakSeasonMean = result.peakSeasonMean
                peakSeasonStart = result.peakSeasonStart?.description
                shortTermGuidelines = result.shortTermGuidelines.isEmpty ? nil : result.shortTermGuidelines.map(ShortTermGuideline.init)
                exceedanceDays = NamedValues(result.exceedanceDays.map { (StandardsReport.thresholdKey($0.threshold), $0.days) })
                highestLevelMet = result.highestLevelMet?.rawValue
                aqi = NamedValues(result.indexDays.map { ($0.index, IndexDays($0)) })
                notes = result.notes
            }
        }

        /// One kept short-term WHO guideline: `{"averaging", "statistic", "level", "threshold",
        /// "maximum", "daysAbove", "met", "note"}`, with `maximum`, `daysAbove` and `met` `null`
        /// when the data cannot judge it (`note` says why: a 10-minute guideline from hourly data).
        public struct ShortTermGuideline: Codable, Sendable {
            /// The averaging period (`10-minute`, `1-hour`).
            public var averaging: String
            /// The statistic's name in `who-2021-aqg.csv` (`max-1h`).
            public var statistic: String
            /// The level (`AQG`).
            public var level: String
            /// The level in the series' unit.
            public var threshold: Double
            /// The year's highest mean over the averaging period.
            @ExplicitNull public var maximum: Double?
            /// Days with a mean above the level.
            @ExplicitNull public var daysAbove: Int?
            /// Whether the guideline is met; `null` when not judged.
            @ExplicitNull public var met: Bool?
            /// Why it is not judged, or `null`.
            @ExplicitNull public var note: String?

            init(_ guideline: StandardsReport.ShortTermGuideline) {
                averaging = guideline.averaging
                statistic = guideline.statistic.rawValue
                level = guideline.level.rawValue
                threshold = guideline.threshold
                maximum = guideline.maximum
                daysAbove = guideline.daysAbove
                met = guideline.isMet
                note = guideline.note
            }
        }

        /// One index's days by category.
        public struct IndexDays: Codable, Sendable {
            /// The averaging period of the classifying statistic.
            public var averaging: String
            /// The days in each category, in the index's order; `null` when not evaluated.
            @ExplicitNull public var days: NamedValues<Int>?
            /// Days above the index's table (counted in the category of a lower bound).
            public var aboveTable: Int
            /// Why the index was not evaluated, or `null`.
            @ExplicitNull public var note: String?

            init(_ days: StandardsReport.IndexDays) {
                averaging = days.averaging
                self.days = days.days.map(Document.categoryCounts)
                aboveTable = days.aboveTable
                note = days.note
            }
        }

        /// One combined (multi-pollutant) index's days by category.
        public struct CombinedDays: Codable, Sendable {
            /// The key shared by the pollutants, as an object of column → value.
            public var key: SeriesKey
            /// The index's name.
            public var index: String
            /// The calendar year.
            public var year: Int
            /// The days in each category, in the index's order; `null` when not evaluated.
            @ExplicitNull public var days: NamedValues<Int>?
            /// The days the multi-pollutant bonus was added.
            public var bonusDays: Int
            /// Why the index was not evaluated, or `null`.
            @ExplicitNull public var note: String?

            init(_ entry: StandardsReport.CombinedDays) {
                key = entry.key
                index = entry.index
                year = entry.year
                days = entry.days.map(Document.categoryCounts)
                bonusDays = entry.bonusDays
                note = entry.note
            }
        }

        /// One place's overall daily AQI under one index.
        public struct OverallDays: Codable, Sendable {
            /// The key shared by the pollutants, as an object of column → value.
            public var key: SeriesKey
            /// The index's name.
            public var index: String
            /// The calendar year.
            public var year: Int
            /// The pollutants that enter the AQI.
            public var pollutants: [String]
            /// The days in each category of the day's AQI, in the index's order; `null` when not
            /// evaluated.
            @ExplicitNull public var days: NamedValues<Int>?
            /// The days each pollutant had the highest sub-index (a tie counts for each).
            public var dominantPollutantDays: NamedValues<Int>
            /// The days a multi-pollutant bonus was added.
            public var bonusDays: Int
            /// Why the index was not evaluated, or `null`.
            @ExplicitNull public var note: String?

            init(_ entry: StandardsReport.OverallDays) {
                key = entry.key
                index = entry.index
                year = entry.year
                pollutants = entry.pollutants.map(\.name)
                days = entry.days.map(Document.categoryCounts)
                dominantPollutantDays = NamedValues(entry.dominantDays.map { ($0.pollutant.name, $0.count) })
                bonusDays = entry.bonusDays
                note = entry.note
            }
        }

        /// Days by category as an object in the index's category order.
        static func categoryCounts(_ days: [(category: String, count: Int)]) -> NamedValues<Int> {
            NamedValues(days.map { ($0.category, $0.count) })
        }

        /// The results, per series and year.
        public var results: [Result]
        /// The combined indices, per key and year.
        public var combined: [CombinedDays]
        /// The overall daily AQI per place with two or more pollutants, index and year; absent
        /// when no place has two pollutants.
        public var overall: [OverallDays]?

        /// The document of `report`.
        ///
        /// - Complexity: O(size of the report).
        public init(_ report: StandardsReport) {
            results = report.results.map(Result.init)
            combined = report.combined.map(CombinedDays.init)
            overall = report.overall.isEmpty ? nil : report.overall.map(OverallDays.init)
        }
    }
}
