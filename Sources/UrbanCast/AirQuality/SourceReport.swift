import Foundation
import Forecasting

/// The source signals of `urbancast air sources` for one file: per station, the wind sectors
/// (when the file has wind columns) and the weekday and hour profiles; across stations, the urban
/// increment over a background station. Indications, not an apportionment (see ``SourceSignals``).
public struct SourceReport: Sendable {
    /// The signals of one station.
    public struct Station: Sendable {
        /// The station's key.
        public let key: SeriesKey
        /// The wind sectors and the CPF threshold, when the file has wind direction and speed.
        public let wind: (sectors: [SourceSignals.Sector], threshold: Double)?
        /// Weekday means (0 = Monday).
        public let weekday: [Double]
        /// Hour-of-day means (empty for daily data).
        public let hour: [Double]
        /// The overall mean.
        public let mean: Double
    }

    /// The pollutant.
    public let pollutant: Pollutant
    /// The unit.
    public let unit: ConcentrationUnit
    /// One entry per station.
    public let stations: [Station]
    /// The background station and the increments, when asked for.
    public let increment: (background: String, stations: [(station: String, increment: Double, days: Int, backgroundMean: Double)])?

    /// Builds the report from a station data file: ``AirQualityInput/read(contentsOf:options:)``,
    /// the wind sectors from the file's wind columns, then ``init(_:pollutant:wind:background:)``.
    ///
    /// - Parameters:
    ///   - path: Station data (long or wide); wind needs a wide file with the wind columns.
    ///   - pollutant: The pollutant.
    ///   - windDirection: The wind-direction column (compass points or degrees).
    ///   - windSpeed: The wind-speed column, m/s.
    ///   - background: The background station for the urban increment, or `nil`.
    ///   - options: The localisation settings.
    /// - Throws: ``AirQualityError`` for problems in the file, an unknown background station, or
    ///   a wind column named but missing.
    /// - Complexity: O(*n* log *n*).
    public init(contentsOf path: String, pollutant: Pollutant, windDirection: String? = "wd", windSpeed: String? = "WSPM",
                background: String? = nil, options: Localization.Options = .init()) throws(AirQualityError) {
        let series = try AirQualityInput.read(contentsOf: path, options: .init(pollutants: [pollutant]))
        let localization = try Localization(series, options: options)
        var wind: [SeriesKey: (sectors: [SourceSignals.Sector], threshold: Double)] = [:]
        if let windDirection, let windSpeed, let table = try? WideTable.read(contentsOf: path),
            table.columnNames.contains(windDirection), table.columnNames.contains(windSpeed),
            let column = table.columnNames.first(where: { Pollutant(name: $0) == pollutant }) {
            let direction = try WeatherNormalization.windDirections(table, column: windDirection, file: path)
            let values: [[Double]]
            do { values = try table.columns(named: [column, windSpeed]) } catch { throw .data(error) }
            let keyNames = table.columnNames.filter { ["city", "station", "series"].contains($0.lowercased()) }
            let keyText: [[String]]
            do { keyText = try keyNames.map { name throws(DataError) in try table.textColumn(named: name) } } catch { throw .data(error) }
            var rows: [SeriesKey: [Int]] = [:]
            for row in 0..<table.rowCount { rows[SeriesKey(columns: keyNames, values: keyText.map { $0[row] }), default: []].append(row) }
            for (key, indices) in rows {
                let negativeExcluded = indices.map { options.checks.excludesNegativeValues && values[0][$0] < 0 ? .nan : values[0][$0] }
                wind[key] = try SourceSignals.windSectors(
                    concentration: negativeExcluded, direction: indices.map { direction[$0] }, speed: indices.map { values[1][$0] })
            }
        }
        try self.init(localization, pollutant: pollutant, wind: wind, background: background)
    }

    /// Builds the report from localised station data in memory (for example the ``Localization``
    /// of a ``SeriesPanel``).
    ///
    /// - Parameters:
    ///   - localization: The localised stations; those of other pollutants are left out.
    ///   - pollutant: The pollutant.
    ///   - wind: The wind sectors of each station that has wind data, by station key, from
    ///     ``SourceSignals/windSectors(concentration:direction:speed:percentile:)``.
    ///   - background: The background station for the urban increment, or `nil`.
    /// - Throws: ``AirQualityError/noData(_:)`` for an unknown background station.
    /// - Complexity: O(*n*) in the readings.
    public init(_ localization: Localization, pollutant: Pollutant,
                wind: [SeriesKey: (sectors: [SourceSignals.Sector], threshold: Double)] = [:],
                background: String? = nil) throws(AirQualityError) {
        let records = localization.stations.filter { $0.pollutant == pollutant }
        stations = records.map { record in
            let series = record.subDaily ?? TimeSeries(
                start: record.daily[0].date, frequency: .daily, values: record.daily.map(\.validMean))
            let profile = SourceSignals.profiles(series)
            return Station(key: record.key, wind: wind[record.key], weekday: profile.weekday, hour: profile.hour, mean: profile.mean)
        }
        self.pollutant = pollutant
        self.unit = records.first?.unit ?? .microgramsPerCubicMetre
        if let background {
            increment = (background, try SourceSignals.urbanIncrement(records, background: background))
        } else {
            increment = nil
        }
    }

    /// The sentence every output carries.
    public static let caveat = "indications of sources, not a source apportionment"

    /// The document of `urbancast air sources --format json`.
    public var document: Document { Document(self) }

    /// A readable summary: per station the weekday and hour profiles as ratios to the mean, the
    /// wind sectors with their means and CPF, then the urban increments.
    public var table: String {
        let ratio = { (value: Double, mean: Double) in value.isFinite && mean > 0 ? String(format: "%.2f", value / mean) : "-" }
        var lines = ["\(pollutant.name) (\(unit.symbol)): \(Self.caveat)"]
        for station in stations {
            lines.append("")
            lines.append("\(station.key.isEmpty ? "all" : station.key.description): mean \(String(format: "%.1f", station.mean))")
            let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            lines.append("  weekday / mean: " + zip(days, station.weekday).map { "\($0) \(ratio($1, station.mean))" }.joined(separator: "  "))
            if !station.hour.isEmpty {
                lines.append("  hour / mean:    " + station.hour.enumerated().map { "\($0) \(ratio($1, station.mean))" }.joined(separator: "  "))
            }
            if let wind = station.wind {
                var rows = [["sector", "hours", "mean", "CPF ≥ \(String(format: "%.1f", wind.threshold))", "0–2 m/s", "2–4", "4–6", "≥6"]]
                for sector in wind.sectors {
                    rows.append([sector.name, String(sector.count), String(format: "%.1f", sector.mean),
                                 String(format: "%.2f", sector.conditionalProbability)]
                                + sector.meanBySpeed.map { $0.isFinite ? String(format: "%.1f", $0) : "-" })
                }
                lines += TextTable.render(rows).map { "  " + $0 }
            }
        }
        if let increment {
            lines.append("")
            lines.append("Urban increment over \(increment.background) (mean of station − background on days valid at both):")
            var rows = [["station", "increment", "days", "background mean"]]
            for entry in increment.stations {
                rows.append([entry.station, String(format: "%+.1f", entry.increment), String(entry.days), String(format: "%.1f", entry.backgroundMean)])
            }
            lines += TextTable.render(rows).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

extension SourceReport {
    /// The document of `urbancast air sources --format json`; its coding keys are the contract:
    /// `{"note", "pollutant", "unit", "stations": [{"key", "mean", "weekday": [7], "hour": [24],
    /// "wind": {"threshold", "sectors": [{"name", "count", "mean", "cpf", "meanBySpeed": [4]}]} |
    /// null}], "urbanIncrement": {"background", "stations": [{"station", "increment", "days",
    /// "backgroundMean"}]} | null}`; speed bins 0–2, 2–4, 4–6, ≥ 6 m/s. `hour` is empty for daily
    /// data, which has no hours. Non-finite numbers are written as `null`.
    public struct Document: Codable, Sendable {
        /// The signals of one station.
        public struct Station: Codable, Sendable {
            /// The station's key, as an object of column → value.
            public var key: SeriesKey
            /// The overall mean.
            public var mean: Double
            /// Weekday means (0 = Monday).
            public var weekday: [Double]
            /// Hour-of-day means (empty for daily data).
            public var hour: [Double]
            /// The wind sectors and the CPF threshold; `null` without wind columns.
            @ExplicitNull public var wind: Wind?
        }

        /// The wind sectors of a station.
        public struct Wind: Codable, Sendable {
            /// The concentration above which the conditional probability function counts.
            public var threshold: Double
            /// The sectors, clockwise from north.
            public var sectors: [Sector]
        }

        /// One wind sector.
        public struct Sector: Codable, Sendable {
            /// The sector's name (`N`, `NE`, …).
            public var name: String
            /// The rows with wind from the sector.
            public var count: Int
            /// The mean concentration with wind from the sector.
            public var mean: Double
            /// The conditional probability function: the share of the sector's rows above the threshold.
            public var cpf: Double
            /// The sector's mean per wind-speed bin.
            public var meanBySpeed: [Double]
        }

        /// The increments of the stations over a background station.
        public struct UrbanIncrement: Codable, Sendable {
            /// The background station.
            public var background: String
            /// The increment of each other station.
            public var stations: [Increment]
        }

        /// One station's increment over the background.
        public struct Increment: Codable, Sendable {
            /// The station.
            public var station: String
            /// The mean increment over the background on the shared days.
            public var increment: Double
            /// The days both stations have.
            public var days: Int
            /// The background's mean on those days.
            public var backgroundMean: Double
        }

        /// The caveat: indications of sources, not a source apportionment.
        public var note: String
        /// The pollutant's name.
        public var pollutant: String
        /// The unit's symbol.
        public var unit: String
        /// One entry per station.
        public var stations: [Station]
        /// The increments over the background station; `null` when not asked for.
        @ExplicitNull public var urbanIncrement: UrbanIncrement?

        /// The document of `report`.
        ///
        /// - Complexity: O(size of the report).
        public init(_ report: SourceReport) {
            note = SourceReport.caveat
            pollutant = report.pollutant.name
            unit = report.unit.symbol
            stations = report.stations.map { station in
                Station(
                    key: station.key, mean: station.mean, weekday: station.weekday, hour: station.hour,
                    wind: station.wind.map { wind in
                        Wind(threshold: wind.threshold, sectors: wind.sectors.map {
                            Sector(name: $0.name, count: $0.count, mean: $0.mean, cpf: $0.conditionalProbability,
                                   meanBySpeed: $0.meanBySpeed)
                        })
                    })
            }
            urbanIncrement = report.increment.map { increment in
                UrbanIncrement(background: increment.background, stations: increment.stations.map {
                    Increment(station: $0.station, increment: $0.increment, days: $0.days, backgroundMean: $0.backgroundMean)
                })
            }
        }
    }
}
