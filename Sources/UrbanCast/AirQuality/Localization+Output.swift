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

    /// `{"records": [{"key", "pollutant", "unit", "stations", "periods": [{"date", "mean",
    /// "count", "possible", "valid"}], "flags": [...]}]}`; see ``flagsJSON(_:)`` for a flag.
    ///
    /// - Complexity: O(total periods).
    public static func json(_ records: [Record], period: Period) -> JSONValue {
        .object([("records", .array(records.map { record in
            .object([
                ("key", keyJSON(record.key)), ("pollutant", .string(record.pollutant.name)),
                ("unit", .string(record.unit.symbol)), ("stations", .array(record.stations.map(JSONValue.string))),
                ("periods", .array(periods(of: record, period).map { entry in
                    .object([("date", .string(entry.date.description)), ("mean", .optionalNumber(entry.mean)),
                             ("count", .integer(entry.count)), ("possible", .integer(entry.possible)),
                             ("valid", .bool(entry.isValid))])
                })),
                ("flags", .array(record.flags.map(flagJSON))),
            ])
        }))])
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

    /// `{"records": [{"key", "pollutant", "flags": [{"kind", "date", "value", "count", "excluded"}]}]}`.
    ///
    /// - Complexity: O(total flags).
    public static func flagsJSON(_ records: [Record]) -> JSONValue {
        .object([("records", .array(records.map { record in
            .object([("key", keyJSON(record.key)), ("pollutant", .string(record.pollutant.name)),
                     ("flags", .array(record.flags.map(flagJSON)))])
        }))])
    }

    private static func flagJSON(_ flag: QualityFlag) -> JSONValue {
        .object([("kind", .string(flag.kind.rawValue)), ("date", .string(flag.date.description)),
                 ("value", .optionalNumber(flag.value)), ("count", .integer(flag.count)), ("excluded", .bool(flag.isExcluded))])
    }

    /// A key as a JSON object of its columns, in key order.
    static func keyJSON(_ key: SeriesKey) -> JSONValue {
        .object(zip(key.columns, key.values).map { ($0, .string($1)) })
    }

    private static func row(_ fields: [String]) -> String { fields.map(ForecastRun.csvField).joined(separator: ",") }
}
