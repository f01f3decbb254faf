/// One problem in an input file, located by line and column, or by sheet and cell in a workbook.
///
/// Formats like a compiler message, so editors and terminals can jump to it:
///
/// ```swift
/// let diagnostic = DataDiagnostic(file: "water.csv", line: 12, column: 6, message: "'abc' is not a number")
/// diagnostic.description   // "water.csv:12:6: 'abc' is not a number"
///
/// let cell = DataDiagnostic(file: "water.xlsx", sheet: "Sheet1", line: 14, column: 3, message: "'abc' is not a number")
/// cell.description         // "water.xlsx:Sheet1!C14: 'abc' is not a number"
/// ```
///
/// In a workbook (``sheet`` set) the line is the sheet's row number and the column its column
/// number (A is 1), so the location reads as the cell reference a spreadsheet shows.
///
/// Lines count physical lines from 1, so a field after a newline inside a quoted field is on a
/// later line. Columns count CSV columns (fields) from 1, as a spreadsheet numbers them: column 4
/// is the fourth field of its row, whatever the widths of the fields before it. A problem with
/// the file as a whole (empty, no data rows, a missing column) is at line 1, column 1.
/// Diagnostics order by line, then column, then message.
public struct DataDiagnostic: Equatable, Hashable, Sendable {
    /// The path of the file as the user gave it.
    public var file: String
    /// The physical line, from 1.
    public var line: Int
    /// The CSV column (field position in the row), from 1.
    public var column: Int
    /// What is wrong and, where it helps, what to change.
    public var message: String
    /// The worksheet holding the problem when the file is a workbook; `nil` for delimited text.
    public var sheet: String?

    /// Creates a diagnostic.
    ///
    /// - Parameters:
    ///   - file: The path of the file as the user gave it.
    ///   - line: The physical line, from 1.
    ///   - column: The CSV column (field position in the row), from 1.
    ///   - message: What is wrong and what to change.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Creates a diagnostic at a cell of a workbook's sheet (or, with no sheet, at a line and
    /// column of delimited text).
    ///
    /// - Parameters:
    ///   - file: The path of the workbook as the user gave it.
    ///   - sheet: The sheet's name, or `nil` for delimited text.
    ///   - line: The cell's row number, from 1.
    ///   - column: The cell's column number, from 1 (A is 1, AA is 27).
    ///   - message: What is wrong and what to change.
    public init(file: String, sheet: String?, line: Int, column: Int, message: String) {
        self.init(file: file, line: line, column: column, message: message)
        self.sheet = sheet
    }

    /// The location as a spreadsheet writes it, such as `C14`, when the diagnostic is in a sheet.
    public var cellReference: String? {
        guard sheet != nil else { return nil }
        return CellReference.columnName(column) + String(line)
    }
}

extension DataDiagnostic: Comparable {
    /// Orders by line, then column, then message.
    public static func < (lhs: DataDiagnostic, rhs: DataDiagnostic) -> Bool {
        (lhs.line, lhs.column, lhs.message) < (rhs.line, rhs.column, rhs.message)
    }
}

extension DataDiagnostic: CustomStringConvertible {
    /// `FILE:LINE:COLUMN: message`, or `FILE:SHEET!CELL: message` in a workbook.
    public var description: String {
        guard let sheet, let cell = cellReference else { return "\(file):\(line):\(column): \(message)" }
        return "\(file):\(sheet)!\(cell): \(message)"
    }
}
