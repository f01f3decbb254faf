/// One problem in an input file, located by line and column.
///
/// Formats like a compiler message, so editors and terminals can jump to it:
///
/// ```swift
/// let diagnostic = DataDiagnostic(file: "water.csv", line: 12, column: 6, message: "'abc' is not a number")
/// diagnostic.description   // "water.csv:12:6: 'abc' is not a number"
/// ```
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
}

extension DataDiagnostic: Comparable {
    /// Orders by line, then column, then message.
    public static func < (lhs: DataDiagnostic, rhs: DataDiagnostic) -> Bool {
        (lhs.line, lhs.column, lhs.message) < (rhs.line, rhs.column, rhs.message)
    }
}

extension DataDiagnostic: CustomStringConvertible {
    /// `FILE:LINE:COLUMN: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
