import Foundation
import Forecasting

extension WeatherNormalization {
    /// One station's record in memory: its dates, the pollutant's concentrations and the
    /// meteorology on the same rows.
    ///
    /// Missing values are `NaN`; a row is fitted when the concentration and every variable the
    /// model uses are present. The dates must lie on a regular grid (hourly, daily, …), gaps
    /// allowed.
    public struct Record: Sendable {
        /// The station's key (`station`, `city`, …), empty for a single unnamed station.
        public var key: SeriesKey
        /// The pollutant.
        public var pollutant: Pollutant
        /// The unit of the concentrations.
        public var unit: ConcentrationUnit
        /// The date of each row.
        public var dates: [SeriesDate]
        /// The concentration on each row, in ``unit``.
        public var concentrations: [Double]
        /// Numeric meteorological variables by name (`TEMP` °C, `DEWP` °C, `PRES` hPa, `RAIN` mm,
        /// `WSPM` m/s, …), one value per row.
        public var meteorology: [String: [Double]]
        /// The wind direction on each row in degrees clockwise from north, or `nil`.
        public var windDirection: [Double]?
        /// The wind speed on each row, or `nil` to take the meteorological variable that
        /// ``Options/windSpeed`` names.
        public var windSpeed: [Double]?

        /// Creates a station record.
        ///
        /// - Parameters:
        ///   - key: The station's key.
        ///   - pollutant: The pollutant.
        ///   - unit: The unit of the concentrations.
        ///   - dates: The date of each row.
        ///   - concentrations: The concentration on each row (`NaN` where missing).
        ///   - meteorology: Numeric meteorological variables by name, one value per row.
        ///   - windDirection: Wind directions in degrees, or `nil`.
        ///   - windSpeed: Wind speeds, or `nil`.
        public init(key: SeriesKey = [:], pollutant: Pollutant, unit: ConcentrationUnit = .microgramsPerCubicMetre,
                    dates: [SeriesDate], concentrations: [Double], meteorology: [String: [Double]],
                    windDirection: [Double]? = nil, windSpeed: [Double]? = nil) {
            self.key = key
            self.pollutant = pollutant
            self.unit = unit
            self.dates = dates
            self.concentrations = concentrations
            self.meteorology = meteorology
            self.windDirection = windDirection
            self.windSpeed = windSpeed
        }

        /// Reads the station records of a file holding the pollutant and the meteorology, wide or
        /// long: the file adapter in front of ``WeatherNormalization/init(_:options:)``.
        ///
        /// - **Wide**: a date column, optional `station`/`city` key columns, the pollutant's column
        ///   (named as ``Pollutant/init(name:)`` reads it) and the meteorological columns.
        /// - **Long** (the layout of the other `air` commands, recognised by its `pollutant` and
        ///   `value` (or `y`) columns): one row per station, pollutant and date, with the
        ///   meteorological columns beside `value`; the rows of `pollutant` are used, and an optional
        ///   `unit` column, which must hold one unit for them, overrides `unit`.
        ///
        /// ```text
        /// station,pollutant,date,value,unit,TEMP,PRES,DEWP,RAIN,wd,WSPM
        /// Dongsi,PM2.5,2013-03-01T00:00,9,µg/m³,-0.5,1024.5,-21.4,0,NNW,5.7
        /// ```
        ///
        /// The wind-direction column holds 16-point compass directions (N, NNE, …, NNW) or degrees.
        /// Each record holds the meteorological and wind columns that `options` names.
        ///
        /// - Parameters:
        ///   - path: The CSV file.
        ///   - pollutant: The pollutant.
        ///   - unit: The unit of the pollutant's values when the file gives none.
        ///   - options: The meteorological and wind columns to read.
        /// - Returns: One record per station, in file order.
        /// - Throws: ``AirQualityError/data(_:)`` for problems located in the file (non-numeric
        ///   cells, an unknown wind direction, dates, an unknown pollutant or unit, a second unit),
        ///   ``AirQualityError/missingColumn(_:available:)`` for a pollutant or meteorological column
        ///   the file lacks, ``AirQualityError/noData(_:)`` for a long file without rows of the
        ///   pollutant, ``AirQualityError/invalidSetting(_:)`` for fewer than 2 folds or a column
        ///   named twice.
        /// - Complexity: O(size of the file).
        public static func read(contentsOf path: String, pollutant: Pollutant, unit: ConcentrationUnit = .microgramsPerCubicMetre,
                                options: Options = Options()) throws(AirQualityError) -> [Record] {
            try WeatherNormalization.check(options)
            let table: WideTable
            do { table = try WideTable.read(contentsOf: path) } catch { throw .data(error) }
            guard let dates = table.dates else {
                throw .missingColumn("date", available: table.columnNames)
            }
            let layout = try LongLayout(table, pollutant: pollutant, defaultUnit: unit, file: path)
            let unit = layout?.unit ?? unit
            let selected = layout?.rows ?? Array(0..<table.rowCount)
            let responseColumn: String
            if let layout {
                responseColumn = layout.valueColumn
            } else if let column = table.columnNames.first(where: { Pollutant(name: $0) == pollutant }) {
                responseColumn = column
            } else {
                throw .missingColumn(pollutant.name, available: table.columnNames)
            }
            for name in options.meteorology + [options.windDirection, options.windSpeed].compactMap({ $0 })
            where !table.columnNames.contains(name) {
                throw .missingColumn(name, available: table.columnNames)
            }
            let numeric: [[Double]]
            do { numeric = try table.columns(named: [responseColumn] + options.meteorology) } catch { throw .data(error) }
            var direction: [Double]?
            if let name = options.windDirection {
                direction = try windDirections(table, column: name, file: path)
            }
            var speed: [Double]?
            if let name = options.windSpeed {
                do { speed = try table.column(named: name) } catch { throw .data(error) }
            }
            let keyNames = table.columnNames.filter { ["city", "station"].contains($0.lowercased()) }
            let keyText: [[String]]
            do { keyText = try keyNames.map { name throws(DataError) in try table.textColumn(named: name) } } catch { throw .data(error) }
            var groups: [[String]: [Int]] = [:]
            var order: [[String]] = []
            for row in selected {
                let key = keyText.map { $0[row] }
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(row)
            }
            return order.map { key in
                let rows = groups[key] ?? []
                return Record(
                    key: SeriesKey(columns: keyNames, values: key), pollutant: pollutant, unit: unit, dates: rows.map { dates[$0] },
                    concentrations: rows.map { numeric[0][$0] },
                    meteorology: Dictionary(uniqueKeysWithValues: options.meteorology.enumerated().map { column, name in
                        (name, rows.map { numeric[column + 1][$0] })
                    }),
                    windDirection: direction.map { values in rows.map { values[$0] } }, windSpeed: speed.map { values in rows.map { values[$0] } })
            }
        }
    }
}

extension WeatherNormalization {
    /// The 16 compass points in degrees.
    static let compass: [String: Double] = {
        let names = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Double($0) * 22.5) })
    }()

    /// Wind directions in degrees from a column of compass points (N … NNW) or degrees; empty
    /// and NA cells are missing; anything else is reported at its cell.
    static func windDirections(_ table: WideTable, column: String, file: String) throws(AirQualityError) -> [Double] {
        let text: [String]
        do { text = try table.textColumn(named: column) } catch { throw .data(error) }
        let position = (table.columnNames.firstIndex(of: column) ?? 0) + 1
        var diagnostics: [DataDiagnostic] = []
        let values = text.enumerated().map { row, cell -> Double in
            if cell.isEmpty || cell.uppercased() == "NA" { return .nan }
            if let degrees = compass[cell.uppercased()] ?? Double(cell), degrees.isFinite { return degrees }
            diagnostics.append(DataDiagnostic(
                file: file, line: table.line(ofRow: row), column: position,
                message: "column '\(column)': '\(cell)' is not a wind direction; write a 16-point compass direction (N, NNE, …, NNW) or degrees"))
            return .nan
        }
        guard diagnostics.isEmpty else { throw .data(.invalidData(diagnostics)) }
        return values
    }

    /// Where a long file keeps the pollutant's rows, values and unit.
    struct LongLayout {
        /// The rows of the pollutant, in file order.
        let rows: [Int]
        /// The column of the values (`value` or `y`).
        let valueColumn: String
        /// The unit of the values.
        let unit: ConcentrationUnit

        /// The layout of `table` when it is long (it has `pollutant` and `value` or `y`
        /// columns), else `nil`.
        init?(_ table: WideTable, pollutant: Pollutant, defaultUnit: ConcentrationUnit, file: String) throws(AirQualityError) {
            let names = table.columnNames
            guard let pollutantName = names.first(where: { $0.lowercased() == "pollutant" }),
                let valueColumn = names.first(where: { ["value", "y"].contains($0.lowercased()) })
            else { return nil }
            let unitName = names.first { $0.lowercased() == "unit" }
            let pollutants: [String], units: [String]?
            do {
                pollutants = try table.textColumn(named: pollutantName)
                units = try unitName.map { name throws(DataError) in try table.textColumn(named: name) }
            } catch { throw .data(error) }
            let column = { (name: String) in (names.firstIndex(of: name) ?? 0) + 1 }
            var diagnostics: [DataDiagnostic] = []
            var rows: [Int] = []
            var unit: (value: ConcentrationUnit, text: String)?
            for (row, name) in pollutants.enumerated() {
                guard let parsed = Pollutant(name: name) else {
                    diagnostics.append(DataDiagnostic(
                        file: file, line: table.line(ofRow: row), column: column(pollutantName), message: AirQualityError.unknownPollutant(name).description))
                    continue
                }
                guard parsed == pollutant else { continue }
                rows.append(row)
                guard let text = units?[row], !text.isEmpty, let unitName else { continue }
                guard let cellUnit = ConcentrationUnit(parsing: text) else {
                    diagnostics.append(DataDiagnostic(
                        file: file, line: table.line(ofRow: row), column: column(unitName), message: AirQualityError.unknownUnit(text).description))
                    continue
                }
                if let first = unit, first.value != cellUnit {
                    diagnostics.append(DataDiagnostic(
                        file: file, line: table.line(ofRow: row), column: column(unitName),
                        message: "\(pollutant.name) is in \(first.text) above and in \(text) here; normalisation needs one unit per file"))
                } else if unit == nil {
                    unit = (cellUnit, text)
                }
            }
            guard diagnostics.isEmpty else { throw .data(.invalidData(diagnostics)) }
            guard !rows.isEmpty else {
                let present = Set(pollutants.compactMap { Pollutant(name: $0) }).sorted().map(\.name)
                throw .noData("\(file): no \(pollutant.name) rows; the file has \(present.joined(separator: ", "))")
            }
            self.rows = rows
            self.valueColumn = valueColumn
            self.unit = unit?.value ?? defaultUnit
        }
    }
}
