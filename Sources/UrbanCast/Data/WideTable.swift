/// A wide CSV table (or a sheet of an `.xlsx` workbook, see ``Workbook``): a header of named
/// columns and one row per observation, for regression and drivers.
///
/// Reading checks the shape of the file (a header, unique non-empty column names, every row as
/// long as the header) and parses the date column, if there is one. Cells of other columns are
/// kept as text and parsed when a column is asked for, so a table may carry text columns (a city
/// name, a region) beside the numeric ones; asking for a column by name reports every cell of it
/// that is not a number.
///
/// ```swift
/// let csv = "year,population,consumption_mgd\n1979,7102100,1512\n1980,7071639,NA\n"
/// let table = try WideTable(Array(csv.utf8), file: "nyc.csv", dateColumn: .named("year"))
/// try table.column(named: "consumption_mgd")   // [1512.0, nan]
/// table.dates?.first?.description              // "1979"
/// try table.column(named: "people")            // throws .unknownColumn(name: "people", available: [...])
/// ```
public struct WideTable: Sendable {
    /// Which column, if any, holds the date of each row.
    public enum DateColumn: Equatable, Sendable {
        /// The first column named `date`, `ds` or `datetime` (any letter case), if there is one.
        case automatic
        /// The column with this name.
        case named(String)
        /// No date column.
        case none
    }

    /// The file name used in diagnostics.
    public let file: String

    /// The column names in header order, including the date column.
    public let columnNames: [String]

    /// The name of the date column, if the table has one.
    public let dateColumnName: String?

    /// The date of each row, if the table has a date column.
    public let dates: [SeriesDate]?

    /// The cells, column by column.
    private let cells: [[CSVField]]

    /// How many diagnostics of one kind a column read reports in full.
    private let diagnosticsPerKind: Int

    /// The dialect numbers and dates are read in.
    private let format: InputFormat

    /// The worksheet the table was read from, when the file is an `.xlsx` workbook; then each
    /// line of a diagnostic is the sheet's row.
    public let sheet: String?

    /// The delimiter the file was read with, for the remedy of a bad column.
    private let delimiter: UInt8

    /// The number of data rows.
    public var rowCount: Int { cells.first?.count ?? 0 }

    /// Reads a wide CSV file.
    ///
    /// - Parameters:
    ///   - path: The file's path, also used in diagnostics.
    ///   - dateColumn: Which column holds the dates.
    ///   - limits: The column limit and how many diagnostics of one kind to report in full.
    ///   - format: The dialect (delimiter, separators, encoding) and date order; its date and
    ///     value columns are not used here.
    /// - Returns: The table.
    /// - Throws: ``DataError/unreadableFile(path:reason:)``, ``DataError/unknownColumn(name:available:)``
    ///   for a named date column that is not in the header, and ``DataError/invalidData(_:)``
    ///   with every problem in the file's shape and dates.
    /// - Complexity: O(*n*) in the size of the file.
    public static func read(
        contentsOf path: String, dateColumn: DateColumn = .automatic, limits: InputLimits = InputLimits(),
        format: InputFormat = InputFormat()
    ) throws(DataError) -> WideTable {
        try WideTable(
            CSVReader.bytes(contentsOf: path), file: path, dateColumn: dateColumn, limits: limits, format: format)
    }

    /// Reads wide CSV text.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents, UTF-8 with or without a byte-order mark.
    ///   - file: The name used in diagnostics.
    ///   - dateColumn: Which column holds the dates.
    ///   - limits: The column limit and how many diagnostics of one kind to report in full.
    ///   - format: The dialect (delimiter, separators, encoding) and date order.
    /// - Throws: ``DataError/unknownColumn(name:available:)`` for a named date column that is not
    ///   in the header, and ``DataError/invalidData(_:)`` with every problem in the file's shape
    ///   (empty file, header only, a header past ``InputLimits/maximumColumns``, empty or repeated
    ///   column names, ragged rows, syntax) and dates.
    /// - Complexity: O(*n*) in the size of the text.
    public init(
        _ bytes: [UInt8], file: String, dateColumn: DateColumn = .automatic, limits: InputLimits = InputLimits(),
        format: InputFormat = InputFormat()
    ) throws(DataError) {
        let delimiter = TableInput.delimiter(bytes, format: format)
        let document = try TableInput.document(bytes, file: file, limits: limits, format: format)
        let table = HeaderedRows(document, expectation: "named columns", limits: limits)
        var log = DiagnosticLog(file: file, perKind: limits.diagnosticsPerKind, sheet: document.sheet)
        log.append(contentsOf: table.diagnostics)
        func report(_ field: CSVField, _ message: String) {
            log.report(field.line, field.column, message)
        }
        let names = table.header.map { $0.text.trimmingSpaces() }
        var firstColumn: [String: Int] = [:]
        for (index, field) in table.header.enumerated() {
            if names[index].isEmpty {
                report(field, "empty column name; name every column")
            } else if let earlier = firstColumn[names[index]] {
                report(
                    field,
                    "duplicate column '\(names[index])' (also at column \(table.header[earlier].column)); column names must be unique"
                )
            } else {
                firstColumn[names[index]] = index
            }
        }

        var dateIndex: Int?
        switch dateColumn {
        case .none:
            dateIndex = nil
        case .automatic:
            dateIndex = names.firstIndex { ["date", "ds", "datetime"].contains($0.lowercased()) }
        case .named(let name):
            guard let index = names.firstIndex(of: name) else {
                if !log.isEmpty { throw .invalidData(TableInput.failure(log.diagnostics, in: document)) }
                let unknown = DataError.unknownColumn(name: name, available: names)
                if let first = table.header.first, let sheet = document.sheet, !document.otherSheets.isEmpty {
                    // The column may well be on the workbook's other sheets: say so at the header.
                    let here = DataDiagnostic(
                        file: file, sheet: sheet, line: first.line, column: first.column, message: unknown.description)
                    throw .invalidData(TableInput.failure([here], in: document))
                }
                throw unknown
            }
            dateIndex = index
        }

        var columns = [[CSVField]](repeating: [], count: table.header.count)
        for index in columns.indices { columns[index].reserveCapacity(table.rows.count) }
        for record in table.rows {
            for (index, field) in record.fields.enumerated() { columns[index].append(field) }
        }

        var dates: [SeriesDate]?
        if let dateIndex {
            var parsed: [SeriesDate] = []
            parsed.reserveCapacity(table.rows.count)
            for field in columns[dateIndex] {
                switch DateText.parse(field.text.trimmingSpaces(), order: format.dateOrder) {
                case .success(let date): parsed.append(date)
                case .failure(let message): report(field, "column '\(names[dateIndex])': \(message.text)")
                }
            }
            dates = parsed
        }

        guard log.isEmpty else { throw .invalidData(TableInput.failure(log.diagnostics, in: document)) }
        self.file = file
        self.diagnosticsPerKind = limits.diagnosticsPerKind
        self.sheet = document.sheet
        self.format = format
        self.delimiter = delimiter
        self.columnNames = names
        self.dateColumnName = dateIndex.map { names[$0] }
        self.dates = dates
        self.cells = columns
    }

    /// The values of one numeric column.
    ///
    /// An empty cell, `NA` or `NaN` is a missing value (`Double.nan`).
    ///
    /// - Parameter name: The column name, exactly as in the header (surrounding spaces trimmed).
    /// - Returns: One value per row.
    /// - Throws: ``DataError/unknownColumn(name:available:)`` naming the available columns, and
    ///   ``DataError/invalidData(_:)`` with every cell that is not a number (text, `Inf`).
    /// - Complexity: O(*n*) in the number of rows.
    public func column(named name: String) throws(DataError) -> [Double] {
        try columns(named: [name])[0]
    }

    /// The values of several numeric columns, checking all of them before failing.
    ///
    /// - Parameter names: The column names.
    /// - Returns: One array per name, in the order asked for.
    /// - Throws: ``DataError/unknownColumn(name:available:)`` for the first unknown name, and
    ///   ``DataError/invalidData(_:)`` with every non-numeric cell of every requested column,
    ///   ordered by line (past ``InputLimits/diagnosticsPerKind`` of one kind, the rest counted).
    /// - Complexity: O(*n* × *k*) for *k* columns of *n* rows.
    public func columns(named names: [String]) throws(DataError) -> [[Double]] {
        var log = DiagnosticLog(file: file, perKind: diagnosticsPerKind, sheet: sheet)
        var result: [[Double]] = []
        result.reserveCapacity(names.count)
        for name in names {
            let index = try columnIndex(name)
            var bad = BadNumbers(column: name)
            result.append(cells[index].map { bad.read($0, format: format) })
            bad.report(into: &log, delimiter: delimiter, format: format)
        }
        guard log.isEmpty else { throw .invalidData(log.diagnostics) }
        return result
    }

    /// The line of the file on which data row `row` starts (rows count from 0 after the header),
    /// for diagnostics: exact after blank lines and quoted cells that span lines.
    ///
    /// - Parameter row: A data row index in `0..<rowCount`.
    /// - Returns: The 1-based line number.
    /// - Complexity: O(1).
    public func line(ofRow row: Int) -> Int {
        guard let column = cells.first, column.indices.contains(row) else { return row + 2 }
        return column[row].line
    }

    /// The text of a column, for labels such as a city or a region.
    ///
    /// - Parameter name: The column name.
    /// - Returns: One string per row, with surrounding spaces trimmed.
    /// - Throws: ``DataError/unknownColumn(name:available:)`` naming the available columns.
    /// - Complexity: O(*n*) in the number of rows.
    public func textColumn(named name: String) throws(DataError) -> [String] {
        cells[try columnIndex(name)].map { $0.text.trimmingSpaces() }
    }

    private func columnIndex(_ name: String) throws(DataError) -> Int {
        let wanted = name.trimmingSpaces()
        guard let index = columnNames.firstIndex(of: wanted) else {
            throw .unknownColumn(name: name, available: columnNames)
        }
        return index
    }
}
