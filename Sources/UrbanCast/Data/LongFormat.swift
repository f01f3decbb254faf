/// Reads and validates series CSV files in long format, the default input of UrbanCast.
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

        /// Creates reading options.
        ///
        /// - Parameters:
        ///   - frequency: The frequency of every series, or `nil` to infer it per series.
        ///   - seasonLength: The season length, at least 1, or `nil` for the frequency's default.
        ///   - ignoresUnknownColumns: Whether to ignore columns outside the contract.
        ///   - sortsDates: Whether to sort unsorted rows instead of reporting them.
        ///   - limits: The bounds on columns, repeated diagnostics and missing periods.
        public init(
            frequency: Frequency? = nil, seasonLength: Int? = nil,
            ignoresUnknownColumns: Bool = false, sortsDates: Bool = false, limits: InputLimits = InputLimits()
        ) {
            self.frequency = frequency
            self.seasonLength = seasonLength
            self.ignoresUnknownColumns = ignoresUnknownColumns
            self.sortsDates = sortsDates
            self.limits = limits
        }
    }

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
        try read(CSVReader.bytes(contentsOf: path), file: path, options: options)
    }

    /// Reads and validates long-format CSV text.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents, UTF-8 with or without a byte-order mark.
    ///   - file: The name used in diagnostics.
    ///   - options: Frequency, season length, leniency settings and limits.
    /// - Returns: One series per distinct key, in order of first appearance.
    /// - Throws: ``DataError/invalidData(_:)`` with every problem, ordered by line (past
    ///   ``InputLimits/diagnosticsPerKind`` of one kind, the rest counted in one line).
    /// - Complexity: O(*n* log *n* + *m*) for *n* rows spanning *m* periods in all.
    public static func read(_ bytes: [UInt8], file: String, options: Options = Options()) throws(DataError)
        -> [KeyedSeries]
    {
        var reader = LongFormatReader(file: file, options: options)
        let series = reader.read(CSVReader.read(bytes, file: file, limits: options.limits))
        guard reader.log.isEmpty else { throw .invalidData(reader.log.diagnostics) }
        return series
    }
}

/// The role of a column of a long-format file.
private enum ColumnRole: Equatable {
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
private struct SeriesRows {
    let key: SeriesKey
    var dates: [SeriesDate] = []
    var values: [Double] = []
    /// The date cell of each observation, for diagnostics.
    var dateCells: [(line: Int, column: Int)] = []
    var unit: (text: String, line: Int)?
}

/// One pass over a parsed file, collecting series and diagnostics.
private struct LongFormatReader {
    let file: String
    let options: LongFormat.Options
    var log: DiagnosticLog

    init(file: String, options: LongFormat.Options) {
        self.file = file
        self.options = options
        self.log = DiagnosticLog(file: file, perKind: options.limits.diagnosticsPerKind)
    }

    mutating func report(_ line: Int, _ column: Int, _ message: String) {
        log.report(line, column, message)
    }

    mutating func report(_ field: CSVField, _ message: String) {
        report(field.line, field.column, message)
    }

    mutating func read(_ document: CSVDocument) -> [KeyedSeries] {
        let table = HeaderedRows(document, expectation: "'date' and 'value' columns", limits: options.limits)
        log.append(contentsOf: table.diagnostics)
        guard !table.header.isEmpty, let layout = readHeader(table.header) else { return [] }
        var series: [KeyedSeries] = []
        for group in gatherRows(table.rows, layout: layout) {
            if let gridded = grid(group) { series.append(gridded) }
        }
        return series
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
    mutating func readHeader(_ header: [CSVField]) -> Layout? {
        var date: Int?
        var value: Int?
        var unit: Int?
        var keys: [(index: Int, name: String)] = []
        var seen: [String: CSVField] = [:]
        for (index, field) in header.enumerated() {
            let name = field.text.trimmingSpaces()
            guard let (role, canonical) = ColumnRole.byName[name.lowercased()] else {
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
                "missing the 'date' column (statsforecast's 'ds' is also accepted); the header has: \(names)")
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
    mutating func gatherRows(_ rows: [CSVRecord], layout: Layout) -> [SeriesRows] {
        var groups: [SeriesRows] = []
        var groupIndex: [[String]: Int] = [:]
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
            let dateText = dateField.text.trimmingSpaces()
            var date: SeriesDate?
            if dateText.isEmpty {
                report(dateField, "missing date; every row needs a date (\(SeriesDate.acceptedForms))")
            } else {
                do {
                    date = try SeriesDate(parsing: dateText)
                } catch {
                    report(dateField, "column '\(layout.dateName)': \(error.description)")
                }
            }

            let valueField = record.fields[layout.value]
            var value = Double.nan
            switch CellValue.number(valueField.text) {
            case .success(let number): value = number ?? .nan
            case .failure(let message): report(valueField, "column '\(layout.valueName)': \(message.text)")
            }

            guard isUsable, let date else { continue }
            let position: Int
            if let existing = groupIndex[keyValues] {
                position = existing
            } else {
                position = groups.count
                groupIndex[keyValues] = position
                groups.append(SeriesRows(key: SeriesKey(columns: keyNames, values: keyValues)))
            }
            groups[position].dates.append(date)
            groups[position].values.append(value)
            groups[position].dateCells.append((dateField.line, dateField.column))
            if let unitIndex = layout.unit {
                checkUnit(record.fields[unitIndex], in: &groups[position])
            }
        }
        return groups
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
    mutating func grid(_ group: SeriesRows) -> KeyedSeries? {
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
