/// Why input data could not be read: the typed error of the data layer.
public enum DataError: Error, Equatable, Sendable {
    /// The file is not valid: every problem found, ordered by line and column.
    case invalidData([DataDiagnostic])
    /// The file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// A column was asked for by a name the table does not have.
    case unknownColumn(name: String, available: [String])
    /// A workbook was asked for a sheet it does not have.
    case unknownSheet(path: String, name: String, available: [String])

    /// The positioned problems of ``invalidData(_:)``; empty for the other cases, which have no
    /// position in a file (print their ``description`` instead).
    public var diagnostics: [DataDiagnostic] {
        if case .invalidData(let diagnostics) = self { return diagnostics }
        return []
    }
}

extension DataError: CustomStringConvertible {
    /// The problems, one per line, each as `FILE:LINE:COLUMN: message` (`FILE:SHEET!CELL:
    /// message` in a workbook); an unknown column or sheet as a sentence naming the available ones
    /// (the first few and a count, for a very wide table).
    public var description: String {
        switch self {
        case .invalidData(let diagnostics):
            diagnostics.map(\.description).joined(separator: "\n")
        case .unreadableFile(let path, let reason):
            "\(path): cannot read the file: \(reason)"
        case .unknownColumn(let name, let available):
            "unknown column '\(name)'; the available columns are: \(InputLimits.list(available))"
        case .unknownSheet(let path, let name, let available):
            "\(path): no sheet named '\(name)'; the workbook has: \(InputLimits.list(available.map { "'\($0)'" }))"
        }
    }
}
