import Foundation

/// An Excel workbook (`.xlsx`) read as the tables its sheets hold.
///
/// A sheet becomes the same ``CSVDocument`` a CSV export of it would give, so every reader
/// (``LongFormat``, ``WideTable``, the air-quality and scenario files) reads it unchanged:
/// - the first row with a value is the header, and the table runs from the leftmost column with
///   a value to the header's last named column; rows with no value are skipped, like blank lines;
/// - shared and inline strings are their text, numbers their shortest exact decimal (a whole
///   number without a fraction), booleans `TRUE` and `FALSE`, errors their code (`#N/A`), and a
///   formula its cached result;
/// - a number whose format shows a date (built-in formats 14–22 and 45–47, or a custom format
///   with `d`, `m` or `y`) is that date, `2020-01-31` or `2020-01-31 13:30`, in the workbook's
///   date system (1900, with Excel's phantom 29 February 1900, or 1904); a date typed as text
///   stays text and is read like any date;
/// - every diagnostic names its cell (``DataDiagnostic/sheet``): `city.xlsx:Data!C14: …`.
///
/// Reading is bounded by ``InputLimits``: the bytes the archive's parts expand to (a small file
/// that would inflate to gigabytes is refused while inflating) and the cells of the table.
///
/// ```swift
/// let workbook = try Workbook(contentsOf: "hanoi.xlsx")
/// workbook.sheetNames                        // ["Notes", "Data"]
/// let table = try workbook.document(sheet: "Data")
/// table.records[0].fields.map(\.text)        // ["year", "electricity_GWh", "population"]
/// ```
public struct Workbook: Sendable {
    /// The path of the workbook as the user gave it, used in diagnostics.
    public let file: String
    /// The names of the sheets in tab order.
    public var sheetNames: [String] { sheets.map(\.name) }
    /// Whether serial dates count from 1904-01-01 (`date1904`) rather than from 1900.
    public let uses1904DateSystem: Bool

    private let bytes: [UInt8]
    private let limits: InputLimits
    private let sheets: [(name: String, part: String)]
    private let sharedStringsPart: String?
    private let dateStyles: [Bool]

    /// Whether bytes are a workbook container: a ZIP archive, or the compound file of an Excel
    /// 97–2003 workbook or a password-protected one (refused with a message saying so).
    ///
    /// - Parameter bytes: The start of a file, or all of it.
    /// - Returns: `true` when the bytes start with a ZIP or compound-file signature.
    public static func isWorkbook(_ bytes: some Collection<UInt8>) -> Bool {
        let start = Array(bytes.prefix(8))
        return start.starts(with: [0x50, 0x4B, 0x03, 0x04]) || start.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || start == compoundFileSignature
    }

    /// Whether a file name says it is a workbook (`.xlsx`, `.xlsm`, `.xltx`, `.xltm`).
    static func hasWorkbookExtension(_ file: String) -> Bool {
        let lowered = file.lowercased()
        return [".xlsx", ".xlsm", ".xltx", ".xltm"].contains { lowered.hasSuffix($0) }
    }

    private static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Opens a workbook file.
    ///
    /// - Parameters:
    ///   - path: The path of the file; it is also the name used in diagnostics.
    ///   - limits: The bound on the bytes the parts expand to, and on a sheet's cells.
    /// - Throws: ``DataError/unreadableFile(path:reason:)`` when the file cannot be read or is not
    ///   an `.xlsx` workbook (not a ZIP archive, damaged, encrypted, an `.xls` or `.ods` file).
    public init(contentsOf path: String, limits: InputLimits = InputLimits()) throws(DataError) {
        try self.init(CSVReader.bytes(contentsOf: path), file: path, limits: limits)
    }

    /// Opens a workbook from its bytes.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The name used in diagnostics.
    ///   - limits: The bound on the bytes the parts expand to, and on a sheet's cells.
    /// - Throws: ``DataError/unreadableFile(path:reason:)`` when the bytes are not an `.xlsx`
    ///   workbook (not a ZIP archive, damaged, encrypted, an `.xls` or `.ods` file).
    /// - Complexity: O(*n*) in the size of the archive's directory and structural parts.
    public init(_ bytes: [UInt8], file: String, limits: InputLimits = InputLimits()) throws(DataError) {
        self.file = file
        self.limits = limits
        if Array(bytes.prefix(8)) == Self.compoundFileSignature {
            throw .unreadableFile(
                path: file,
                reason: "it is an Excel 97–2003 (.xls) workbook or a password-protected one; save it without a password as .xlsx, or export the sheet as CSV")
        }
        self.bytes = bytes
        var budget = limits.maximumWorkbookBytes
        let archive = try Self.archive(bytes, file: file)
        let packageRelationships = try Self.part("_rels/.rels", of: archive, file: file, budget: &budget)
            .map { data throws(DataError) in try Self.decode(WorkbookParts.Relationships.self, data, part: "_rels/.rels", file: file) }
        let workbookPart = packageRelationships?.relationship?.first { $0.type.hasSuffix("/officeDocument") }
            .map { Self.resolve($0.target, from: "") } ?? "xl/workbook.xml"
        guard let workbookData = try Self.part(workbookPart, of: archive, file: file, budget: &budget) else {
            let isOpenDocument = archive.entry("mimetype") != nil || archive.entry("content.xml") != nil
            throw .unreadableFile(
                path: file,
                reason: isOpenDocument
                    ? "it is an OpenDocument spreadsheet (.ods), not an .xlsx workbook; save it as .xlsx, or export the sheet as CSV"
                    : "it is a ZIP archive without a workbook part (\(workbookPart)), not an .xlsx workbook; save it as .xlsx, or export the sheet as CSV")
        }
        let workbook = try Self.decode(WorkbookParts.WorkbookPart.self, workbookData, part: workbookPart, file: file)
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let relationshipsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/"
            + (workbookPart.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
        let relationships = try Self.part(relationshipsPart, of: archive, file: file, budget: &budget)
            .map { data throws(DataError) in try Self.decode(WorkbookParts.Relationships.self, data, part: relationshipsPart, file: file) }?
            .relationship ?? []
        let targets = Dictionary(relationships.map { ($0.id, Self.resolve($0.target, from: folder)) }) { first, _ in first }
        var sheets: [(name: String, part: String)] = []
        for sheet in workbook.sheets?.items ?? [] {
            guard let target = targets[sheet.id] else { continue }
            sheets.append((sheet.name, target))
        }
        guard !sheets.isEmpty else {
            throw .unreadableFile(path: file, reason: "the workbook has no worksheets")
        }
        self.sheets = sheets
        let date1904 = workbook.workbookPr?.date1904?.lowercased()
        self.uses1904DateSystem = date1904 == "1" || date1904 == "true"
        self.sharedStringsPart = relationships.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.resolve($0.target, from: folder) }
        let stylesPart = relationships.first { $0.type.hasSuffix("/styles") }.map { Self.resolve($0.target, from: folder) }
        let styles = try stylesPart.flatMap { part throws(DataError) in
            try Self.part(part, of: archive, file: file, budget: &budget)
                .map { data throws(DataError) in try Self.decode(WorkbookParts.StyleSheet.self, data, part: part, file: file) }
        }
        self.dateStyles = styles?.dateStyles ?? []
    }

    /// A sheet as the records a CSV export of it would have.
    ///
    /// - Parameters:
    ///   - sheet: The sheet's name; `nil` for the first sheet.
    ///   - format: The decimal separator numbers are written with in the records' text (so the
    ///     format's reader gets each number back exactly); its other settings are for the readers
    ///     of the records.
    /// - Returns: The records, each field at its cell (line = row, column = column), with
    ///   ``CSVDocument/sheet`` set, and problems found at cells: a value to the right of the
    ///   header's last column, a damaged cell.
    /// - Throws: ``DataError/unknownSheet(path:name:available:)`` for a sheet the workbook does not
    ///   have; ``DataError/unreadableFile(path:reason:)`` for a damaged workbook or one whose parts
    ///   expand past ``InputLimits/maximumWorkbookBytes``; ``DataError/invalidData(_:)`` for a table
    ///   of more than ``InputLimits/maximumWorkbookCells`` cells.
    /// - Complexity: O(*n* log *n*) in the sheet's cells when its rows are out of order, O(*n*)
    ///   otherwise, plus the padded table.
    public func document(sheet: String? = nil, format: InputFormat = InputFormat()) throws(DataError) -> CSVDocument {
        guard let chosen = sheet.map({ name in sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() } }) ?? sheets.first
        else {
            throw .unknownSheet(path: file, name: sheet ?? "", available: sheetNames)
        }
        var budget = limits.maximumWorkbookBytes
        let archive = try Self.archive(bytes, file: file)
        var strings: [String] = []
        if let sharedStringsPart, let stringsData = try Self.part(sharedStringsPart, of: archive, file: file, budget: &budget) {
            strings = try Self.check(WorksheetParser.sharedStrings(stringsData), file: file)
        }
        guard let sheetData = try Self.part(chosen.part, of: archive, file: file, budget: &budget) else {
            throw .unreadableFile(path: file, reason: "its sheet '\(chosen.name)' has no part \(chosen.part); the workbook is damaged")
        }
        let parsed = try Self.check(
            WorksheetParser.cells(
                sheetData, part: chosen.part, strings: strings, dateStyles: dateStyles, uses1904: uses1904DateSystem,
                decimalSeparator: format.decimalSeparator),
            file: file)
        var document = try SheetTable(
            cells: parsed.cells, problems: parsed.problems, file: file, sheet: chosen.name, limits: limits
        ).document
        if sheet == nil { document.otherSheets = Array(sheetNames.dropFirst()) }
        return document
    }

    // MARK: - Archive access

    private static func archive(_ bytes: [UInt8], file: String) throws(DataError) -> ZipContainer {
        do {
            return try ZipContainer(bytes)
        } catch {
            let detail: String
            switch error {
            case .unsupported(let feature): detail = "it is \(feature), which a workbook never needs"
            case .damaged(let reason), .encrypted(let reason), .tooLarge(let reason): detail = reason
            }
            throw .unreadableFile(
                path: file,
                reason: "it is not a valid .xlsx workbook (the ZIP archive is damaged or incomplete: \(detail)); save it again from the spreadsheet, or export the sheet as CSV")
        }
    }

    /// The bytes of a part, or `nil` when the archive has none; refuses a part that expands past
    /// what is left of `budget`, checking while inflating rather than trusting the declared size.
    private static func part(_ path: String, of archive: ZipContainer, file: String, budget: inout Int) throws(DataError) -> Data? {
        guard let entry = archive.entry(path) else { return nil }
        let contents: [UInt8]
        do {
            contents = try archive.contents(of: entry, limit: budget)
        } catch {
            switch error {
            case .tooLarge:
                throw .unreadableFile(
                    path: file,
                    reason: "its part \(path) expands to more than the limit of \(budget) bytes; split the workbook, or raise the workbook size limit if it really is that large")
            case .encrypted:
                throw .unreadableFile(
                    path: file,
                    reason: "its part \(path) is encrypted; save the workbook again without a password, or export the sheet as CSV")
            case .damaged(let reason), .unsupported(let reason):
                throw .unreadableFile(
                    path: file,
                    reason: "its part \(path) cannot be unpacked (\(reason)); save the workbook again from the spreadsheet, or export the sheet as CSV")
            }
        }
        budget -= contents.count
        return Data(contents)
    }

    private static func decode<Part: Decodable>(_ type: Part.Type, _ data: Data, part: String, file: String) throws(DataError) -> Part {
        try check(WorkbookParts.decode(type, from: data, part: part), file: file)
    }

    private static func check<Value>(_ result: Result<Value, MessageText>, file: String) throws(DataError) -> Value {
        switch result {
        case .success(let value): return value
        case .failure(let message): throw .unreadableFile(path: file, reason: message.text + "; save the workbook again from the spreadsheet, or export the sheet as CSV")
        }
    }

    /// A relationship's target as a path inside the archive: relative to `folder`, or from the
    /// archive's root when it starts with `/`; `..` steps up.
    private static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// The cells of a sheet laid out as CSV records.
private struct SheetTable {
    let document: CSVDocument

    init(cells unsorted: [WorksheetParser.Cell], problems: [WorksheetParser.Cell], file: String, sheet: String, limits: InputLimits)
        throws(DataError)
    {
        var log = DiagnosticLog(file: file, perKind: limits.diagnosticsPerKind, sheet: sheet)
        for problem in problems { log.report(problem.row, problem.column, problem.text) }
        let isOrdered = zip(unsorted, unsorted.dropFirst()).allSatisfy { ($0.row, $0.column) < ($1.row, $1.column) }
        let cells = isOrdered ? unsorted : unsorted.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        guard let headerRow = cells.first?.row, let firstColumn = cells.map(\.column).min() else {
            document = CSVDocument(file: file, records: [], diagnostics: log.diagnostics, sheet: sheet)
            return
        }
        let lastColumn = cells.prefix { $0.row == headerRow }.last?.column ?? firstColumn
        let width = lastColumn - firstColumn + 1
        var rowCount = 0
        var previousRow = 0
        for cell in cells where cell.row != previousRow {
            rowCount += 1
            previousRow = cell.row
        }
        // A header past the column limit is reported by the readers on the header alone.
        if width <= limits.maximumColumns, rowCount * width > limits.maximumWorkbookCells {
            throw .invalidData([DataDiagnostic(
                file: file, sheet: sheet, line: headerRow, column: firstColumn,
                message: "the table has \(rowCount) rows of \(width) columns, more than the limit of \(limits.maximumWorkbookCells) cells; clear the rows or columns the data does not need, or raise the cell limit")])
        }
        var records: [CSVRecord] = []
        records.reserveCapacity(rowCount)
        var index = cells.startIndex
        while index < cells.endIndex {
            let row = cells[index].row
            var fields = (firstColumn...lastColumn).map { CSVField(text: "", line: row, column: $0) }
            while index < cells.endIndex, cells[index].row == row {
                let cell = cells[index]
                if cell.column <= lastColumn {
                    fields[cell.column - firstColumn].text = cell.text
                } else {
                    log.report(
                        row, cell.column,
                        "a value ('\(cell.text)') to the right of the header's last column \(CellReference.columnName(lastColumn)); clear the cell, or give its column a name in row \(headerRow)")
                }
                index += 1
            }
            records.append(CSVRecord(fields: fields, endLine: row))
            if width > limits.maximumColumns { break }
        }
        document = CSVDocument(file: file, records: records, diagnostics: log.diagnostics, sheet: sheet)
    }
}
