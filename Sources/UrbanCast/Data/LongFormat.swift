/// Reads and validates series CSV files in long format, the default input of UrbanCast (and
/// the same layouts in a sheet of an `.xlsx` workbook, see ``Workbook``).
///
/// The contract (docs/DESIGN.md, "Data contracts"):
/// - A header row, then one row per observation.
/// - A `date` column and a `value` column (statsforecast's `ds` and `y` are aliases).
/// - Key columns, any of `series` (alias `unique_id`), `city`, `indicator`, `station`,
///   `pollutant`, `scenario`: together they identify a series. No key column means one series.
/// - `unit`: metadata, one unit per series.
/// - Any other column is an error, unless ``Options/ignoresUnknownColumns`` is set.
/// - Header names match in any letter case, ignoring surrounding spaces.
/// - Dates in the ``SeriesDate`` grammar; values as decimal numbers, with an empty cell, `NA` or
///   `NaN` for a missing value.
///
/// A file without a `value` column and without key columns is read as one column per series
/// (the layout a spreadsheet has): a date column (``InputFormat/dateColumn``, else the first of
/// ``wideDateColumns`` in the header, else a first column with an empty name), and every other
/// column, or those of ``InputFormat/valueColumns``, a series keyed `series=NAME`. A unit written
/// after the name (`electricity_GWh`, `electricity (GWh)`, `electricity [GWh]`) is the series'
/// unit. R's row names (a first column with an empty name holding 1, 2, 3 …) are skipped.
///
/// ``Options/format`` says how the file is written: delimiter (detected among comma, semicolon
/// and tab when not given), decimal and thousands separators, Windows-1252 text, and the order
/// of day and month. Dates may also be written `2000 Jan`, `2000 Q1`, `2000Q1`, `2000-W05` or
/// `01/02/2020` (see ``InputFormat/dateOrder``); a series stamped on the last day of each year,
/// quarter or month is read as years, quarters or months. When every bad value of a column would
/// read in another dialect, the diagnostics say which separators to use.
///
/// Each series is put on a regular grid (``TimeSeries/init(dates:values:frequency:seasonLength:sortsDates:gapLimit:)``):
/// gaps become missing values, and duplicate, unsorted, irregular and mixed-precision dates are
/// reported. Reading collects every problem in the file before failing, each as a
/// ``DataDiagnostic`` at the offending cell. ``Options/limits`` bounds what a malformed file can
/// cost: the header's columns, the diagnostics of one kind reported in full, and the missing
/// periods a mistyped date may put into a series.
///
/// ```swift
/// let csv = "station,date,value\nDongsi,2024-01,3\nDongsi,2024-03,4\n"
/// let series = try LongFormat.read(Array(csv.utf8), file: "pm.csv")
/// series[0].key.description          // "station=Dongsi"
/// series[0].series.values            // [3.0, nan, 4.0]
/// ```
public enum LongFormat {
    /// Settings for reading a long-format file.
    public struct Options: Equatable, Sendable {
        /// The frequency of every series; `nil` infers it per series.
        public var frequency: Frequency?
        /// The season length of every series; `nil` uses the frequency's default.
        public var seasonLength: Int?
        /// Whether columns outside the contract are ignored rather than reported.
        public var ignoresUnknownColumns: Bool
        /// Whether rows of a series may come in any date order (they are sorted) rather than
        /// being reported when unsorted.
        public var sortsDates: Bool
        /// The bounds on columns, repeated diagnostics and missing periods.
        public var limits: InputLimits
        /// The file's dialect, its date and value columns and its date order.
        public var format: InputFormat

        /// Creates reading options.
        ///
        /// - Parameters:
        ///   - frequency: The frequency of every series, or `nil` to infer it per series.
        ///   - seasonLength: The season length, at least 1, or `nil` for the frequency's default.
        ///   - ignoresUnknownColumns: Whether to ignore columns outside the contract.
        ///   - sortsDates: Whether to sort unsorted rows instead of reporting them.
        ///   - limits: The bounds on columns, repeated diagnostics and missing periods.
        ///   - format: The file's dialect, date and value columns and date order.
        public init(
            frequency: Frequency? = nil, seasonLength: Int? = nil,
            ignoresUnknownColumns: Bool = false, sortsDates: Bool = false, limits: InputLimits = InputLimits(),
            format: InputFormat = InputFormat()
        ) {
            self.format = format
            self.frequency = frequency
            self.seasonLength = seasonLength
            self.ignoresUnknownColumns = ignoresUnknownColumns
            self.sortsDates = sortsDates
            self.limits = limits
        }
    }

    /// The names of a date column in a file with one column per series (any letter case), in
    /// the order they are looked for after ``InputFormat/dateColumn``.
    public static let wideDateColumns = ["date", "ds", "datetime", "time", "year", "month", "quarter", "week", "day", "period"]

    /// The key columns, in the order the contract lists them.
    public static let keyColumns = ["series", "city", "indicator", "station", "pollutant", "scenario"]

    /// The accepted column names, for messages and help texts.
    public static let acceptedColumns =
        "date, value, series, city, indicator, station, pollutant, scenario, unit (and statsforecast's unique_id, ds, y)"

    /// Reads and validates a long-format file.
    ///
    /// - Parameters:
    ///   - path: The file's path, also used in diagnostics.
    ///   - options: Frequency, season length, leniency settings and limits.
    /// - Returns: One series per distinct key, in order of first appearance.
    /// - Throws: ``DataError/unreadableFile(path:reason:)`` and
    ///   ``DataError/invalidData(_:)`` with every problem, ordered by line (past
    ///   ``InputLimits/diagnosticsPerKind`` of one kind, the rest counted in one line).
    /// - Complexity: O(*n* log *n* + *m*) for *n* rows spanning *m* periods in all.
    public static func read(contentsOf path: String, options: Options = Options()) throws(DataError)
        -> [KeyedSeries]
    {
        let mapped = MappedFile.withContents(of: path) { LongFormatFastPath.read($0, file: path, options: options) }
        if let series = mapped { return series }
        return try readChecking(CSVReader.bytes(contentsOf: path), file: path, options: options)
    }

    /// Reads and validates long-format CSV text, or the sheet of an `.xlsx` workbook
    /// (``InputFormat/sheet``, else the first; see ``Workbook``).
    ///
    /// - Parameters:
    ///   - bytes: The file's contents: text, UTF-8 with or without a byte-order mark, or a workbook.
    ///   - file: The name used in diagnostics.
    ///   - options: Frequency, season length, leniency settings and limits.
    /// - Returns: One series per distinct key, in order of first appearance.
    /// - Throws: ``DataError/invalidData(_:)`` with every problem, ordered by line (past
    ///   ``InputLimits/diagnosticsPerKind`` of one kind, the rest counted in one line);
    ///   ``DataError/unreadableFile(path:reason:)`` and ``DataError/unknownSheet(path:name:available:)``
    ///   for a workbook that cannot be read or has no such sheet.
    /// - Complexity: O(*n* log *n* + *m*) for *n* rows spanning *m* periods in all.
    public static func read(_ bytes: [UInt8], file: String, options: Options = Options()) throws(DataError)
        -> [KeyedSeries]
    {
        if let series = LongFormatFastPath.read(bytes, file: file, options: options) { return series }
        return try readChecking(bytes, file: file, options: options)
    }

    /// The general reader behind ``read(_:file:options:)``: every field as text, every problem
    /// reported. ``LongFormatFastPath`` hands a file to it whenever it finds something to report.
    static func readChecking(_ bytes: [UInt8], file: String, options: Options) throws(DataError) -> [KeyedSeries] {
        let delimiter = TableInput.delimiter(bytes, format: options.format)
        let document = try TableInput.document(bytes, file: file, limits: options.limits, format: options.format)
        var reader = LongFormatReader(file: file, options: options, sheet: document.sheet)
        let series = reader.read(document, delimiter: delimiter)
        guard reader.log.isEmpty else { throw .invalidData(TableInput.failure(reader.log.diagnostics, in: document)) }
        return series
    }
}

/// The role of a column of a long-format file.
enum ColumnRole: Equatable {
    case date
    case value
    case unit
    case key

    /// The role and the canonical name of each accepted header name (lowercased).
    static let byName: [String: (role: ColumnRole, canonical: String)] = {
        var table: [String: (role: ColumnRole, canonical: String)] = [
            "date": (.date, "date"), "ds": (.date, "date"),
            "value": (.value, "value"), "y": (.value, "value"),
            "unit": (.unit, "unit"), "unique_id": (.key, "series"),
        ]
        for name in LongFormat.keyColumns { table[name] = (.key, name) }
        return table
    }()
}

/// The observations of one series gathered from the rows, before gridding.
struct SeriesRows {
    let key: SeriesKey
    var dates: [SeriesDate] = []
    var values: [Double] = []
    /// The date cell of each observation, for diagnostics.
    var dateCells: [(line: Int, column: Int)] = []
    var unit: (text: String, line: Int)?
}

/// The series gathered so far, in order of their first row, and where each key's series is.
struct SeriesGroups {
    var groups: [SeriesRows] = []
    private var positions: [[String]: Int] = [:]

    /// Adds an observation to the series of `key`, made by `make` on its first row; returns its
    /// position.
    @discardableResult
    mutating func add(_ date: SeriesDate, _ value: Double, at cell: CSVField, key: [String], make: () -> SeriesRows)
        -> Int
    {
        let position: Int
        if let existing = positions[key] {
            position = existing
        } else {
            position = groups.count
            positions[key] = position
            groups.append(make())
        }
        groups[position].dates.append(date)
        groups[position].values.append(value)
        groups[position].dateCells.append((cell.line, cell.column))
        return position
    }
}

/// One pass over a parsed file, collecting series and diagnostics.
struct LongFormatReader {
    let file: String
    let options: LongFormat.Options
    var log: DiagnosticLog

    init(file: String, options: LongFormat.Options, sheet: String?) {
        self.file = file
        self.options = options
        self.log = DiagnosticLog(file: file, perKind: options.limits.diagnosticsPerKind, sheet: sheet)
    }

    mutating func report(_ line: Int, _ column: Int, _ message: String) {
        log.report(line, column, message)
    }

    mutating func report(_ field: CSVField, _ message: String) {
        report(field.line, field.column, message)
    }

    mutating func read(_ document: CSVDocument, delimiter: UInt8) -> [KeyedSeries] {
        let table = HeaderedRows(document, expectation: "'date' and 'value' columns", limits: options.limits)
        log.append(contentsOf: table.diagnostics)
        guard !table.header.isEmpty else { return [] }
        var header = table.header
        var rows = table.rows
        let hasRowNumbers = Self.hasRowNumbers(header, rows)
        if hasRowNumbers {
            // R's write.csv puts the row names, 1 to n, in a first column with an empty name.
            header.removeFirst()
            rows = rows.map { CSVRecord(fields: Array($0.fields.dropFirst()), endLine: $0.endLine) }
        }
        let names = header.map { $0.text.trimmingSpaces() }
        let lowered = names.map { $0.lowercased() }
        var dateIndex: Int?
        if let wanted = options.format.dateColumn {
            guard let index = lowered.firstIndex(of: wanted.trimmingSpaces().lowercased()) else {
                report(
                    header[0].line, 1,
                    "no column '\(wanted)' to take the dates from; the header has: \(InputLimits.list(names))")
                return []
            }
            dateIndex = index
        } else if names.first == "", header.count > 1 {
            dateIndex = 0
        }
        let hasValue = lowered.contains("value") || lowered.contains("y")
        let hasKey = lowered.contains { ColumnRole.byName[$0]?.role == .key }
        let wideDate = dateIndex ?? lowered.firstIndex(where: LongFormat.wideDateColumns.contains)
        if hasRowNumbers, wideDate == nil {
            report(
                header[0].line, 1,
                "the first column holds row numbers 1, 2, 3 … and the file has no dates (R's write.csv of a ts object leaves them out); add a date column, or name the date column"
            )
            return []
        }
        if options.format.valueColumns != nil || (!hasValue && !hasKey && header.count >= 2) {
            guard let wideDate else {
                report(
                    header[0].line, 1,
                    "no date column among \(InputLimits.list(names)); a long file has 'date' and 'value' columns, and a file with one column per series a date column: name the date column"
                )
                return []
            }
            return readWide(header, rows, dateIndex: wideDate, delimiter: delimiter)
        }
        guard let layout = readHeader(header, dateIndex: dateIndex, suggestsWide: !hasValue && !hasKey) else {
            return []
        }
        var series: [KeyedSeries] = []
        for group in gatherRows(rows, layout: layout, delimiter: delimiter) {
            if let gridded = grid(group) { series.append(gridded) }
        }
        return series
    }

    /// Whether the first column has an empty name and holds 1, 2, 3 ...: R's row names.
    static func hasRowNumbers(_ header: [CSVField], _ rows: [CSVRecord]) -> Bool {
        guard header.count > 1, header[0].text.trimmingSpaces().isEmpty, !rows.isEmpty else { return false }
        return rows.enumerated().allSatisfy { $1.fields[0].text.trimmingSpaces() == String($0 + 1) }
    }

    /// Reads a file with a date column and one column per series; each value column's name
    /// (without a unit written after it) becomes the `series` key, beside any key columns.
    mutating func readWide(_ header: [CSVField], _ rows: [CSVRecord], dateIndex: Int, delimiter: UInt8)
        -> [KeyedSeries]
    {
        let names = header.map { $0.text.trimmingSpaces() }
        var valueIndices: [Int] = []
        var keys: [(index: Int, name: String)] = []
        if let wanted = options.format.valueColumns {
            for name in wanted {
                guard let index = names.firstIndex(where: { $0.lowercased() == name.trimmingSpaces().lowercased() })
                else {
                    report(header[0].line, 1, "no column '\(name)'; the header has: \(InputLimits.list(names))")
                    continue
                }
                valueIndices.append(index)
            }
            keys = names.indices.filter {
                $0 != dateIndex && !valueIndices.contains($0) && ColumnRole.byName[names[$0].lowercased()]?.role == .key
            }.map { ($0, names[$0]) }
        } else {
            for (index, field) in header.enumerated() where index != dateIndex {
                if names[index].isEmpty {
                    report(field, "empty column name; name every column, or choose the value columns")
                } else {
                    valueIndices.append(index)
                }
            }
        }
        var seen: [String: CSVField] = [:]
        for index in valueIndices {
            let name = HeaderUnit.split(names[index]).name
            if let earlier = seen[name] {
                report(header[index], "series '\(name)' is also in column \(earlier.column); each series needs its own column")
            }
            seen[name] = header[index]
        }
        let dateName = names[dateIndex].isEmpty ? "the first column" : "column '\(names[dateIndex])'"
        let dates: [SeriesDate?] = rows.map { readDate($0.fields[dateIndex], columnName: dateName) }
        var series: [KeyedSeries] = []
        for valueIndex in valueIndices {
            let (seriesName, unit) = HeaderUnit.split(names[valueIndex])
            var groups = SeriesGroups()
            var bad = BadNumbers(column: names[valueIndex])
            for (row, record) in rows.enumerated() {
                var keyValues: [String] = []
                var isUsable = true
                for (index, name) in keys {
                    let text = record.fields[index].text.trimmingSpaces()
                    if text.isEmpty, valueIndex == valueIndices.first {
                        report(record.fields[index], "empty '\(name)' value; every row needs a value in each key column")
                    }
                    isUsable = isUsable && !text.isEmpty
                    keyValues.append(text)
                }
                let value = bad.read(record.fields[valueIndex], format: options.format)
                guard isUsable, let date = dates[row] else { continue }
                groups.add(date, value, at: record.fields[dateIndex], key: keyValues) {
                    var group = SeriesRows(
                        key: SeriesKey(columns: keys.map(\.name) + ["series"], values: keyValues + [seriesName]))
                    group.unit = unit.map { ($0, header[valueIndex].line) }
                    return group
                }
            }
            bad.report(into: &log, delimiter: delimiter, format: options.format)
            for group in groups.groups {
                if let gridded = grid(group) { series.append(gridded) }
            }
        }
        return series
    }

    /// The date of a cell, or `nil` after reporting why it is not one.
    mutating func readDate(_ field: CSVField, columnName: String) -> SeriesDate? {
        let text = field.text.trimmingSpaces()
        if text.isEmpty {
            report(field, "missing date; every row needs a date (\(SeriesDate.acceptedForms))")
            return nil
        }
        switch DateText.parse(text, order: options.format.dateOrder) {
        case .success(let date): return date
        case .failure(let message):
            report(field, "\(columnName): \(message.text)")
            return nil
        }
    }

    /// Where each role sits in the header.
    struct Layout {
        var date: Int
        var value: Int
        var unit: Int?
        var keys: [(index: Int, name: String)]
        /// The date and value columns' names as written, for messages.
        var dateName: String
        var valueName: String
    }

    /// Assigns a role to every header field, reporting unknown, empty, repeated and missing
    /// columns; `nil` when the date or value column is missing.
    mutating func readHeader(_ header: [CSVField], dateIndex: Int?, suggestsWide: Bool) -> Layout? {
        var date: Int?
        var value: Int?
        var unit: Int?
        var keys: [(index: Int, name: String)] = []
        var seen: [String: CSVField] = [:]
        for (index, field) in header.enumerated() {
            let name = field.text.trimmingSpaces()
            let known = index == dateIndex ? (ColumnRole.date, "date") : ColumnRole.byName[name.lowercased()]
            guard let (role, canonical) = known else {
                if options.ignoresUnknownColumns { continue }
                if name.isEmpty {
                    report(
                        field,
                        "empty column name; name every column (accepted: \(LongFormat.acceptedColumns))")
                } else {
                    report(
                        field,
                        "unknown column '\(name)'; accepted columns are \(LongFormat.acceptedColumns); or choose to ignore unknown columns"
                    )
                }
                continue
            }
            if let earlier = seen[canonical] {
                let earlierName = earlier.text.trimmingSpaces()
                report(
                    field,
                    earlierName.lowercased() == name.lowercased()
                        ? "duplicate column '\(name)' (also at column \(earlier.column)); keep one"
                        : "column '\(name)' means the same as '\(earlierName)' (column \(earlier.column)); keep one"
                )
                continue
            }
            seen[canonical] = field
            switch role {
            case .date: date = index
            case .value: value = index
            case .unit: unit = index
            case .key: keys.append((index, name))
            }
        }
        let line = header[0].line
        let names = InputLimits.list(header.lazy.map { $0.text.trimmingSpaces() })
        if date == nil {
            report(
                line, 1,
                "missing the 'date' column (statsforecast's 'ds' is also accepted); the header has: \(names)"
                    + (suggestsWide ? "; for a file with one column per series, name the date column" : ""))
        }
        if value == nil {
            report(
                line, 1,
                "missing the 'value' column (statsforecast's 'y' is also accepted); the header has: \(names)")
        }
        guard let date, let value else { return nil }
        return Layout(
            date: date, value: value, unit: unit, keys: keys,
            dateName: header[date].text.trimmingSpaces(), valueName: header[value].text.trimmingSpaces())
    }

    /// Reads every row's key, date, value and unit, grouping observations by key.
    mutating func gatherRows(_ rows: [CSVRecord], layout: Layout, delimiter: UInt8) -> [SeriesRows] {
        var bad = BadNumbers(column: layout.valueName)
        defer { bad.report(into: &log, delimiter: delimiter, format: options.format) }
        var groups = SeriesGroups()
        let keyNames = layout.keys.map(\.name)
        for record in rows {
            var isUsable = true
            var keyValues: [String] = []
            keyValues.reserveCapacity(layout.keys.count)
            for (index, name) in layout.keys {
                let field = record.fields[index]
                let text = field.text.trimmingSpaces()
                if text.isEmpty {
                    report(field, "empty '\(name)' value; every row needs a value in each key column")
                    isUsable = false
                }
                keyValues.append(text)
            }

            let dateField = record.fields[layout.date]
            let date = readDate(dateField, columnName: "column '\(layout.dateName)'")
            let value = bad.read(record.fields[layout.value], format: options.format)

            guard isUsable, let date else { continue }
            let position = groups.add(date, value, at: dateField, key: keyValues) {
                SeriesRows(key: SeriesKey(columns: keyNames, values: keyValues))
            }
            if let unitIndex = layout.unit {
                checkUnit(record.fields[unitIndex], in: &groups.groups[position])
            }
        }
        return groups.groups
    }

    /// Records the series' unit, reporting a unit that differs from the first one.
    mutating func checkUnit(_ field: CSVField, in group: inout SeriesRows) {
        let text = field.text.trimmingSpaces()
        guard !text.isEmpty else { return }
        guard let unit = group.unit else {
            group.unit = (text, field.line)
            return
        }
        if unit.text != text {
            report(
                field,
                "unit '\(text)' differs from '\(unit.text)' on line \(unit.line) in \(Self.name(of: group.key)); a series has one unit"
            )
        }
    }

    /// Puts one series on its grid, translating date problems into diagnostics at the rows.
    mutating func grid(_ rows: SeriesRows) -> KeyedSeries? {
        var group = rows
        if options.frequency == nil || options.frequency == .yearly || options.frequency == .quarterly
            || options.frequency == .monthly, let coarse = DateText.periodEnds(group.dates, frequency: options.frequency)
        {
            group.dates = coarse
        }
        guard let firstCell = group.dateCells.first else { return nil }
        do {
            let series = try TimeSeries(
                dates: group.dates, values: group.values, frequency: options.frequency,
                seasonLength: options.seasonLength, sortsDates: options.sortsDates, gapLimit: options.limits.gaps)
            return KeyedSeries(
                key: group.key, unit: group.unit?.text, series: series, firstLine: firstCell.line)
        } catch {
            let seriesName = Self.name(of: group.key)
            switch error {
            case .irregularDates(let issues):
                report(issues, in: group)
            case .frequencyNotInferred(let reason):
                report(
                    firstCell.line, firstCell.column,
                    "cannot infer the frequency of \(seriesName): \(reason); set the frequency explicitly")
            case .tooManyPeriods(let count, let limit):
                report(
                    firstCell.line, firstCell.column,
                    "\(seriesName) would span \(count) periods, more than the limit of \(limit); check for a mistyped date or a frequency finer than the data"
                )
            case .tooManyGaps(let gaps):
                let problem = gaps.problem(in: seriesName) { group.dates[$0] }
                let cell = group.dateCells[problem.index]
                report(cell.line, cell.column, problem.message)
            case .invalidDate, .noObservations, .invalidSeasonLength, .invalidFrequency:
                report(firstCell.line, firstCell.column, "\(seriesName): \(error.description)")
            }
            return nil
        }
    }

    /// One diagnostic per duplicate, mixed-precision or off-grid date, and one per series for
    /// unsorted dates, saying whether sorting would fix the series.
    mutating func report(_ issues: [DateIssue], in group: SeriesRows) {
        let seriesName = Self.name(of: group.key)
        let dates = group.dates
        let cells = group.dateCells
        var unsorted: [DateIssue] = []
        for issue in issues {
            let cell = cells[issue.index]
            let date = dates[issue.index]
            switch issue.kind {
            case .mixedPrecision(let expected):
                report(
                    cell.line, cell.column,
                    "date '\(date)' is written to the \(date.precision.name) but the other dates of \(seriesName) are written to the \(expected.name) (\(expected.pattern)); write every date of a series the same way"
                )
            case .duplicate(let firstIndex):
                report(
                    cell.line, cell.column,
                    "duplicate date \(date) in \(seriesName); first on line \(cells[firstIndex].line)")
            case .outOfOrder:
                unsorted.append(issue)
            case .offGrid(let start, let frequency):
                report(
                    cell.line, cell.column,
                    "irregular date \(date) in \(seriesName): it is not a whole number of \(frequency) steps after the series start \(start); fix the date, or set a frequency that fits"
                )
            }
        }
        guard let first = unsorted.first, case .outOfOrder(let previousIndex) = first.kind else { return }
        let cell = cells[first.index]
        let others = unsorted.count - 1
        let count = others == 0 ? "" : " (and \(others) later row\(others == 1 ? "" : "s"))"
        let remedy =
            unsorted.count == issues.count
            ? "sorting the rows by date would fix this"
            : "sorting the rows by date would fix the order, but not the other problems reported for this series"
        report(
            cell.line, cell.column,
            "unsorted dates in \(seriesName): \(dates[first.index]) comes after \(dates[previousIndex]) on line \(cells[previousIndex].line)\(count); \(remedy)"
        )
    }

    /// How messages name a series: `series station=Dongsi`, or `the series` without key columns.
    static func name(of key: SeriesKey) -> String {
        key.isEmpty ? "the series" : "series \(key)"
    }
}

/// The cells of one value column that are not numbers, reported together so that the message
/// can say when every one of them is written in another spreadsheet dialect.
struct BadNumbers {
    let column: String
    private var cells: [(field: CSVField, message: String)] = []

    init(column: String) { self.column = column }

    /// The value of `field`, `nan` for a missing or bad one (a bad one is kept for the report).
    mutating func read(_ field: CSVField, format: InputFormat) -> Double {
        switch CellValue.number(field.text, format: format) {
        case .success(let number): return number ?? .nan
        case .failure(let message):
            cells.append((field, message.text))
            return .nan
        }
    }

    /// Reports every bad cell, naming the separators that would read all of them when there are.
    func report(into log: inout DiagnosticLog, delimiter: UInt8, format: InputFormat) {
        let texts = cells.map { $0.field.text.trimmingSpaces() }
        let remedy = CellValue.dialectRemedy(texts, delimiter: delimiter, format: format)
        for (cell, text) in zip(cells, texts) {
            let message =
                remedy.map { "'\(text)' is not a number; \($0)" } ?? cell.message
            log.report(cell.field.line, cell.field.column, "column '\(column)': \(message)")
        }
    }
}

/// A column name with its unit: `electricity (GWh)`, `electricity [GWh]` or `electricity_GWh`.
enum HeaderUnit {
    /// Units recognised after an underscore; in parentheses or brackets any text is a unit.
    static let underscoreUnits: Set<String> = [
        "Wh", "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "kJ", "MJ", "GJ", "TJ", "PJ", "kg", "kt", "Mt", "tonnes",
        "tons", "m3", "ML", "GL", "mgd", "Mgal", "gal", "litres", "liters", "ugm3", "ppm", "ppb", "pct", "percent",
        "USD", "EUR", "km", "km2", "mm", "degC", "tCO2", "ktCO2", "MtCO2", "tCO2e", "ktCO2e", "MtCO2e",
    ]

    /// The series name and unit of a column name; the unit is `nil` when none is written.
    static func split(_ name: String) -> (name: String, unit: String?) {
        for (open, close) in [("(", ")"), ("[", "]")] where name.hasSuffix(close) {
            guard let start = name.lastIndex(of: Character(open)) else { continue }
            let base = String(name[..<start]).trimmingSpaces()
            let unit = String(name[name.index(after: start)..<name.index(before: name.endIndex)]).trimmingSpaces()
            if !base.isEmpty, !unit.isEmpty { return (base, unit) }
        }
        if let underscore = name.lastIndex(of: "_") {
            let unit = String(name[name.index(after: underscore)...])
            let base = String(name[..<underscore])
            if !base.isEmpty, underscoreUnits.contains(unit) { return (base, unit) }
        }
        return (name, nil)
    }
}
