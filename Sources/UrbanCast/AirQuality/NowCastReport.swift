import Forecasting

/// The hourly NowCast and its AQI for particulate records, as `urbancast air nowcast` writes them.
///
/// For each hourly PM2.5 or PM10 record and each hour: the hour's reading, the ``NowCast`` of the
/// 12 hours ending at it (`NaN` when fewer than 2 of the 3 most recent hours are valid), and the
/// sub-index and category of the NowCast on the index's 24-hour table (US EPA: truncated to the
/// table's decimals, 0.1 µg/m³ for PM2.5 and 1 µg/m³ for PM10, as the AirNow reporting does).
///
/// ```swift
/// let records = try Localization(panel).stations            // hourly PM2.5
/// let report = try NowCastReport(records: records, index: usIndex)
/// report.series[0].hours[11].nowCast                          // the NowCast at the 12th hour
/// ```
public struct NowCastReport: Sendable {
    /// One hour of one record.
    public struct Hour: Sendable, Equatable {
        /// The hour (the end of the NowCast's window).
        public let date: SeriesDate
        /// The hour's reading, `NaN` when missing or excluded.
        public let concentration: Double
        /// The NowCast, `NaN` when it does not exist.
        public let nowCast: Double
        /// The sub-index of the NowCast; `nil` without a NowCast or above the table.
        public let aqi: Int?
        /// The category of the NowCast; `nil` without a NowCast.
        public let category: String?
    }

    /// The hours of one record.
    public struct Series: Sendable {
        /// The station's or city's key.
        public let key: SeriesKey
        /// PM2.5 or PM10.
        public let pollutant: Pollutant
        /// The unit of the concentrations.
        public let unit: ConcentrationUnit
        /// The index whose 24-hour table gives the AQI.
        public let index: String
        /// Every hour of the record, in time order.
        public let hours: [Hour]
    }

    /// One entry per record, in record order.
    public let series: [Series]

    /// Computes the NowCast and its AQI at every hour of every record.
    ///
    /// - Parameters:
    ///   - records: Localised station or city records of PM2.5 or PM10 with hourly data.
    ///   - index: The index whose 24-hour table classifies the NowCast (US EPA's by design).
    ///   - progress: Called with the records done and the total after each record.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for a pollutant other than PM2.5 or
    ///   PM10 or an index without its 24-hour table;
    ///   ``AirQualityError/unsupportedFrequency(series:frequency:supported:)`` for a record
    ///   without hourly readings; ``AirQualityError/unconvertibleUnit(pollutant:from:to:)``.
    /// - Complexity: O(12 *h*) in the hours of the records.
    public init(records: [Localization.Record], index: AirQualityIndex,
                progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(AirQualityError) {
        var series: [Series] = []
        for record in records {
            let name = record.key.isEmpty ? record.pollutant.name : "\(record.key) \(record.pollutant.name)"
            guard record.pollutant == .pm25 || record.pollutant == .pm10 else {
                throw .invalidSetting("\(name): the NowCast is defined for PM2.5 and PM10 only; leave out the \(record.pollutant.name) records")
            }
            guard index.primaryAveraging(for: record.pollutant) == "24-hour" else {
                throw .invalidSetting("\(index.id) has no 24-hour \(record.pollutant.name) table to classify the NowCast")
            }
            guard let hourly = record.subDaily, hourly.frequency == .hourly else {
                let frequency = record.subDaily.map { "\($0.frequency)" } ?? "daily"
                throw .unsupportedFrequency(series: name, frequency: frequency, supported: "hourly")
            }
            let nowCasts = try NowCast.hourly(hourly)
            var hours: [Hour] = []
            hours.reserveCapacity(nowCasts.count)
            for (offset, nowCast) in nowCasts.enumerated() {
                let sub = nowCast.isNaN ? nil
                    : try index.subIndex(nowCast, pollutant: record.pollutant, averaging: "24-hour", unit: record.unit)
                hours.append(Hour(date: hourly.start.advanced(by: offset, frequency: .hourly),
                                  concentration: hourly.values[offset], nowCast: nowCast, aqi: sub?.value, category: sub?.category))
            }
            series.append(Series(key: record.key, pollutant: record.pollutant, unit: record.unit, index: index.id, hours: hours))
            progress?(series.count, records.count)
        }
        self.series = series
    }

    /// CSV: the key columns, `pollutant, date, value, nowcast, unit, aqi, category` (empty cells
    /// where a value is missing).
    ///
    /// - Complexity: O(hours).
    public var csv: String {
        let keyColumns = series.first?.key.columns ?? []
        var lines = [Self.row(keyColumns + ["pollutant", "date", "value", "nowcast", "unit", "aqi", "category"])]
        for entry in series {
            let prefix = entry.key.values + [entry.pollutant.name]
            for hour in entry.hours {
                lines.append(Self.row(prefix + [
                    hour.date.description, ForecastRun.number(hour.concentration), ForecastRun.number(hour.nowCast),
                    entry.unit.symbol, hour.aqi.map(String.init) ?? "", hour.category ?? "",
                ]))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ fields: [String]) -> String { fields.map(ForecastRun.csvField).joined(separator: ",") }

    /// The document of `urbancast air nowcast --format json`: `{"series": [{"key", "pollutant",
    /// "unit", "index", "hours": [{"date", "value", "nowcast", "aqi", "category"}]}]}`, with a
    /// missing value, NowCast, AQI or category `null`.
    public var document: Document { Document(self) }

    /// The JSON contract of ``NowCastReport``.
    public struct Document: Codable, Sendable {
        /// One hour.
        public struct Hour: Codable, Sendable {
            /// The hour.
            public var date: String
            /// The reading; `null` when missing.
            @ExplicitNull public var value: Double?
            /// The NowCast; `null` when it does not exist.
            @ExplicitNull public var nowcast: Double?
            /// The sub-index; `null` without a NowCast or above the table.
            @ExplicitNull public var aqi: Int?
            /// The category; `null` without a NowCast.
            @ExplicitNull public var category: String?
        }

        /// One record.
        public struct Series: Codable, Sendable {
            /// The key, as an object of column → value.
            public var key: SeriesKey
            /// The pollutant's name.
            public var pollutant: String
            /// The unit's symbol.
            public var unit: String
            /// The index identifier.
            public var index: String
            /// Every hour.
            public var hours: [Hour]
        }

        /// The records.
        public var series: [Series]

        /// The document of `report`.
        ///
        /// - Complexity: O(hours).
        public init(_ report: NowCastReport) {
            series = report.series.map { entry in
                Series(key: entry.key, pollutant: entry.pollutant.name, unit: entry.unit.symbol, index: entry.index,
                       hours: entry.hours.map { hour in
                           Hour(date: hour.date.description, value: hour.concentration.isNaN ? nil : hour.concentration,
                                nowcast: hour.nowCast.isNaN ? nil : hour.nowCast, aqi: hour.aqi, category: hour.category)
                       })
            }
        }
    }
}
