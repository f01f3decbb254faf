import Forecasting

/// Reads station monitoring data in either layout that monitoring networks export.
///
/// - **Long** (the series CSV contract): a `value` column and a `pollutant` key column, with any
///   of the other key columns (`city`, `station`, …) and an optional `unit` column. Other
///   columns (meteorology beside `value`, which ``WeatherNormalization`` reads) are ignored, as
///   in the wide layout.
/// - **Wide**: a date column (`date`, `ds` or `datetime`), optional text key columns `city`,
///   `station` and `series`, and one numeric column per pollutant named as in
///   ``Pollutant/init(name:)`` (`PM2.5`, `PM10`, `NO2`, …). Other columns (meteorology such as
///   `TEMP`, `wd`) are ignored. The unit of every pollutant is ``Options/defaultUnit``.
///
/// A file with a `value` (or `y`) column is read as long, any other as wide. Every problem is
/// reported as `FILE:LINE:COLUMN: message`, including an unknown pollutant or unit, within the
/// bounds of ``Options/limits`` in either layout.
///
/// Data already in memory needs no file: ``series(_:options:)`` takes the same series from a
/// ``SeriesPanel`` keyed by `pollutant` and place.
///
/// ```swift
/// let csv = "station,pollutant,date,value,unit\nDongsi,NO2,2024-01-01,40,ppb\n"
/// let series = try AirQualityInput.read(Array(csv.utf8), file: "no2.csv")
/// series[0].pollutant     // .no2
/// series[0].unit          // .ppb
/// series[0].station       // "Dongsi"
/// ```
public enum AirQualityInput {
    /// Settings for reading station data.
    public struct Options: Sendable, Equatable {
        /// The unit of a series whose file gives none (a wide file, or a long file without a
        /// `unit` column or with an empty unit cell). Default µg/m³.
        public var defaultUnit: ConcentrationUnit
        /// The pollutants to keep; `nil` keeps all. A pollutant asked for but absent is an error.
        public var pollutants: [Pollutant]?
        /// The bounds on columns, repeated diagnostics and missing periods, in either layout.
        public var limits: InputLimits
        /// The file's dialect (delimiter, separators, encoding) and date order.
        public var format: InputFormat

        /// Creates reading options.
        ///
        /// - Parameters:
        ///   - defaultUnit: The unit where the file gives none.
        ///   - pollutants: The pollutants to keep, or `nil` for all.
        ///   - limits: The bounds on columns, repeated diagnostics and missing periods.
        ///   - format: The file's dialect and date order.
        public init(
            defaultUnit: ConcentrationUnit = .microgramsPerCubicMetre, pollutants: [Pollutant]? = nil,
            limits: InputLimits = InputLimits(), format: InputFormat = InputFormat()
        ) {
            self.format = format
            self.defaultUnit = defaultUnit
            self.pollutants = pollutants
            self.limits = limits
        }
    }

    /// Reads a station data file.
    ///
    /// - Parameters:
    ///   - path: The file's path, also used in diagnostics.
    ///   - options: The default unit and the pollutants to keep.
    /// - Returns: One series per (key, pollutant), in file order.
    /// - Throws: ``AirQualityError/data(_:)`` with every problem located in the file, and
    ///   ``AirQualityError/noData(_:)`` when a requested pollutant is absent.
    /// - Complexity: O(*n* log *n*) for *n* rows.
    public static func read(contentsOf path: String, options: Options = Options()) throws(AirQualityError)
        -> [PollutantSeries]
    {
        let bytes: [UInt8]
        do { bytes = try CSVReader.bytes(contentsOf: path) } catch { throw .data(error) }
        return try read(bytes, file: path, options: options)
    }

    /// Reads station data from CSV text; see ``read(contentsOf:options:)``.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents (UTF-8, with or without a byte-order mark).
    ///   - file: The name used in diagnostics.
    ///   - options: The default unit and the pollutants to keep.
    /// - Returns: One series per (key, pollutant), in file order.
    /// - Throws: As ``read(contentsOf:options:)``.
    /// - Complexity: O(*n* log *n*) for *n* rows.
    public static func read(_ bytes: [UInt8], file: String, options: Options = Options()) throws(AirQualityError)
        -> [PollutantSeries]
    {
        let (header, sheet) = headerNames(bytes, file: file, format: options.format)
        let isLong = header.contains { ["value", "y"].contains($0.lowercased()) }
        let series = try isLong ? readLong(bytes, file: file, header: header, sheet: sheet, options: options)
            : readWide(bytes, file: file, options: options)
        return try selecting(options.pollutants, from: series, source: "\(file): ", container: "the file")
    }

    /// The series of the `wanted` pollutants (all when `nil`), refusing a pollutant that is absent.
    static func selecting(_ wanted: [Pollutant]?, from series: [PollutantSeries], source: String, container: String)
        throws(AirQualityError) -> [PollutantSeries]
    {
        guard let wanted else { return series }
        let present = Set(series.map(\.pollutant))
        let absent = wanted.filter { !present.contains($0) }
        guard absent.isEmpty else {
            throw .noData(
                "\(source)no \(absent.map(\.name).joined(separator: ", ")) in \(container); it has \(present.sorted().map(\.name).joined(separator: ", "))")
        }
        return series.filter { wanted.contains($0.pollutant) }
    }

    /// The trimmed names of the first record, from the text up to the first line break.
    /// For a workbook, also the sheet read.
    private static func headerNames(_ bytes: [UInt8], file: String, format: InputFormat) -> ([String], String?) {
        if Workbook.isWorkbook(bytes) || Workbook.hasWorkbookExtension(file) {
            // A workbook that cannot be read is reported by the reader the header chooses.
            let document = try? TableInput.document(bytes, file: file, limits: InputLimits(), format: format)
            return (document?.records.first?.fields.map { $0.text.trimmingSpaces() } ?? [], document?.sheet)
        }
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let document = CSVReader.read(Array(bytes[..<end]), file: file, format: format)
        return (document.records.first?.fields.map { $0.text.trimmingSpaces() } ?? [], nil)
    }

    private static func readLong(_ bytes: [UInt8], file: String, header: [String], sheet: String?, options: Options)
        throws(AirQualityError) -> [PollutantSeries]
    {
        let keyed: [KeyedSeries]
        do {
            keyed = try LongFormat.read(
                bytes, file: file, options: .init(ignoresUnknownColumns: true, limits: options.limits, format: options.format))
        } catch { throw .data(error) }
        guard let pollutantColumn = header.firstIndex(where: { $0.lowercased() == "pollutant" }) else {
            let problem = DataDiagnostic(
                file: file, sheet: sheet, line: 1, column: 1,
                message: "no 'pollutant' column; a long air-quality file needs one (values: \(Pollutant.acceptedNames)), or write one column per pollutant")
            throw .data(.invalidData([problem]))
        }
        let unitColumn = header.firstIndex { $0.lowercased() == "unit" }
        var log = DiagnosticLog(file: file, perKind: options.limits.diagnosticsPerKind, sheet: sheet)
        var result: [PollutantSeries] = []
        for entry in keyed {
            do {
                result.append(try PollutantSeries(entry, defaultUnit: options.defaultUnit))
            } catch {
                switch error {
                case .unknownPollutant: log.report(entry.firstLine, pollutantColumn + 1, error.description)
                case .unknownUnit: log.report(entry.firstLine, (unitColumn ?? 0) + 1, error.description)
                default: continue  // every key has the header's pollutant column
                }
            }
        }
        guard log.isEmpty else { throw .data(.invalidData(log.diagnostics)) }
        return result
    }

    private static func readWide(_ bytes: [UInt8], file: String, options: Options) throws(AirQualityError)
        -> [PollutantSeries]
    {
        let table: WideTable
        do { table = try WideTable(bytes, file: file, limits: options.limits, format: options.format) } catch {
            throw .data(error)
        }
        guard let dates = table.dates, let dateName = table.dateColumnName,
            let dateColumn = table.columnNames.firstIndex(of: dateName)
        else {
            throw .data(.invalidData([DataDiagnostic(
                file: file, sheet: table.sheet, line: 1, column: 1,
                message: "no date column; a wide air-quality file needs 'date' (or 'ds', 'datetime') and one column per pollutant, or use the long format with 'pollutant' and 'value' columns"
            )]))
        }
        let keyNames = table.columnNames.filter { ["city", "station", "series"].contains($0.lowercased()) }
        let pollutantNames = table.columnNames.filter { Pollutant(name: $0) != nil }
        guard !pollutantNames.isEmpty else {
            throw .data(.invalidData([DataDiagnostic(
                file: file, sheet: table.sheet, line: 1, column: 1,
                message: "no pollutant column; name the columns \(Pollutant.acceptedNames); the header has: \(InputLimits.list(table.columnNames))"
            )]))
        }
        let keyText: [[String]]
        let values: [[Double]]
        do {
            keyText = try keyNames.map { name throws(DataError) in try table.textColumn(named: name) }
            values = try table.columns(named: pollutantNames)
        } catch { throw .data(error) }

        var groupRows: [[Int]] = []
        var groupIndex: [[String]: Int] = [:]
        for row in 0..<table.rowCount {
            let key = keyText.map { $0[row] }
            if let index = groupIndex[key] {
                groupRows[index].append(row)
            } else {
                groupIndex[key] = groupRows.count
                groupRows.append([row])
            }
        }
        var log = DiagnosticLog(file: file, perKind: options.limits.diagnosticsPerKind, sheet: table.sheet)
        var result: [PollutantSeries] = []
        for rows in groupRows {
            let line = { (row: Int) in table.line(ofRow: row) }
            let key = SeriesKey(columns: keyNames, values: keyText.map { $0[rows[0]] })
            for (column, name) in pollutantNames.enumerated() {
                guard let pollutant = Pollutant(name: name) else { continue }
                do {
                    let series = try TimeSeries(
                        dates: rows.map { dates[$0] }, values: rows.map { values[column][$0] },
                        gapLimit: options.limits.gaps)
                    result.append(PollutantSeries(
                        key: key, pollutant: pollutant, unit: options.defaultUnit, series: series, firstLine: line(rows[0])))
                } catch {
                    var at = rows[0]
                    var message = error.description
                    if case .irregularDates(let issues) = error, let first = issues.first { at = rows[first.index] }
                    if case .tooManyGaps(let gaps) = error {
                        let problem = gaps.problem(in: key.isEmpty ? "the series" : "series \(key)") { dates[rows[$0]] }
                        at = rows[problem.index]
                        message = problem.message
                    }
                    // The pollutant columns share the rows' dates, so one report per key is enough.
                    log.report(line(at), dateColumn + 1, "\(key.isEmpty ? "" : "\(key) ")\(name): \(message)")
                    break
                }
            }
        }
        guard log.isEmpty else { throw .data(.invalidData(log.diagnostics)) }
        return result
    }
}
