extension Localization {
    /// The period of a localisation output.
    public enum Period: String, CaseIterable, Sendable {
        /// The checked sub-daily readings (stations) or city readings.
        case hour
        /// Daily means.
        case day
        /// Monthly means of the valid daily means.
        case month
        /// Annual means of the valid daily means.
        case year
    }

    /// The entries of `record` for `period`; hours come from ``Record/subDaily`` (count 1 when a
    /// reading is present), and are empty for daily input.
    ///
    /// - Complexity: O(*n*) for hours, O(1) otherwise.
    public static func periods(of record: Record, _ period: Period) -> [PeriodStatistic] {
        switch period {
        case .day: return record.daily
        case .month: return record.monthly
        case .year: return record.annual
        case .hour:
            guard let series = record.subDaily else { return [] }
            return series.values.enumerated().map { index, value in
                PeriodStatistic(date: series.date(at: index), mean: value, count: value.isNaN ? 0 : 1, possible: 1,
                                isValid: !value.isNaN)
            }
        }
    }

    /// CSV with the key columns, `pollutant, date, value, unit, count, possible, valid`.
    ///
    /// `value` is the mean of what was counted (empty when nothing was); `valid` says whether the
    /// capture rule is met. The key columns are those of the first record.
    ///
    /// - Complexity: O(total periods).
    public static func csv(_ records: [Record], period: Period) -> String {
        let keyColumns = records.first?.key.columns ?? []
        var lines = [row(keyColumns + ["pollutant", "date", "value", "unit", "count", "possible", "valid"])]
        for record in records {
            let prefix = record.key.values + [record.pollutant.name]
            for entry in periods(of: record, period) {
                lines.append(row(prefix + [entry.date.description, ForecastRun.number(entry.mean), record.unit.symbol,
                                           String(entry.count), String(entry.possible), String(entry.isValid)]))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// CSV of the quality flags: the key columns, `pollutant, kind, date, value, count, excluded`.
    ///
    /// - Complexity: O(total flags).
    public static func flagsCSV(_ records: [Record]) -> String {
        let keyColumns = records.first?.key.columns ?? []
        var lines = [row(keyColumns + ["pollutant", "kind", "date", "value", "count", "excluded"])]
        for record in records {
            for flag in record.flags {
                lines.append(row(record.key.values + [record.pollutant.name, flag.kind.rawValue, flag.date.description,
                                                      ForecastRun.number(flag.value), String(flag.count), String(flag.isExcluded)]))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ fields: [String]) -> String { fields.map(ForecastRun.csvField).joined(separator: ",") }
}

extension Localization {
    /// The document of `urbancast air localize --format json`; its coding keys are the contract:
    /// `{"records": [{"key", "pollutant", "unit", "stations", "periods": [{"date", "mean",
    /// "count", "possible", "valid"}], "flags": [{"kind", "date", "value", "count",
    /// "excluded"}]}]}`. A `NaN` mean is written as `null`.
    public struct Document: Codable, Sendable {
        /// One station's or city's localised series.
        public struct Record: Codable, Sendable {
            /// The station's or city's key, as an object of column → value.
            public var key: SeriesKey
            /// The pollutant's name.
            public var pollutant: String
            /// The unit's symbol.
            public var unit: String
            /// The stations behind the record (one for a station).
            public var stations: [String]
            /// The record's statistics for the document's period.
            public var periods: [PeriodStatistic]
            /// The quality flags.
            public var flags: [QualityFlag]
        }

        /// The records, in the order localised.
        public var records: [Record]

        /// The document of `records` with their statistics for `period`.
        ///
        /// - Complexity: O(total periods).
        public init(_ records: [Localization.Record], period: Period) {
            self.records = records.map { record in
                Record(key: record.key, pollutant: record.pollutant.name, unit: record.unit.symbol,
                       stations: record.stations, periods: Localization.periods(of: record, period), flags: record.flags)
            }
        }
    }

    /// The document of `urbancast air localize --flags --format json`; its coding keys are the
    /// contract: `{"records": [{"key", "pollutant", "flags": [{"kind", "date", "value", "count",
    /// "excluded"}]}]}`.
    public struct FlagsDocument: Codable, Sendable {
        /// One station's quality flags.
        public struct Record: Codable, Sendable {
            /// The station's key, as an object of column → value.
            public var key: SeriesKey
            /// The pollutant's name.
            public var pollutant: String
            /// The quality flags.
            public var flags: [QualityFlag]
        }

        /// The records, in the order localised.
        public var records: [Record]

        /// The flags document of `records`.
        ///
        /// - Complexity: O(total flags).
        public init(_ records: [Localization.Record]) {
            self.records = records.map { Record(key: $0.key, pollutant: $0.pollutant.name, flags: $0.flags) }
        }
    }
}
