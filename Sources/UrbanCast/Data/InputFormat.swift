/// How a series file is written: the CSV dialect a spreadsheet chose (or the sheet of an `.xlsx`
/// workbook, read directly by ``Workbook``), where its dates and values are, and how its dates
/// are ordered.
///
/// The default reads what UrbanCast always read (UTF-8, `.` for decimals, no thousands
/// separators), detects the delimiter among comma, semicolon and tab from the header line, and
/// finds the date column by name. Every setting is one a planner can see in the file:
///
/// ```swift
/// var format = InputFormat()
/// format.decimalSeparator = ","          // 12,5 is twelve and a half
/// format.thousandsSeparator = "."        // 3.512,0 is three thousand five hundred and twelve
/// format.encoding = .windows1252         // a file a spreadsheet saved as "CSV (Windows)"
/// format.dateOrder = .dayFirst           // 01/02/2020 is the first of February
/// let series = try LongFormat.read(contentsOf: "hanoi.csv", options: .init(format: format))
/// ```
public struct InputFormat: Equatable, Sendable {
    /// The character set of the file's bytes.
    public enum Encoding: String, Equatable, Sendable, CaseIterable {
        /// UTF-8, with or without a byte-order mark.
        case utf8 = "utf-8"
        /// Windows-1252 (often called ANSI or Latin-1 by spreadsheets); every byte is a character.
        case windows1252 = "windows-1252"
    }

    /// Which number comes first in a date written with slashes, dots or dashes and a trailing year.
    public enum DateOrder: Equatable, Sendable {
        /// `DD/MM/YYYY`: `01/02/2020` is 1 February 2020.
        case dayFirst
        /// `MM/DD/YYYY`: `01/02/2020` is 2 January 2020.
        case monthFirst
    }

    /// The field delimiter, one of `,`, `;` and tab; `nil` detects it from the header line
    /// (the one of the three that occurs most often outside quotes; a comma on a tie).
    public var delimiter: Character?
    /// The decimal separator of numbers: `.` or `,`.
    public var decimalSeparator: Character
    /// The separator between groups of three digits (`,`, `.`, `'`, `_` or a space), if numbers
    /// are written with one; it is removed before reading the number.
    public var thousandsSeparator: Character?
    /// The character set of the file.
    public var encoding: Encoding
    /// The name of the date column, when it is not called `date` (or `ds`, `year`, `month` ...).
    public var dateColumn: String?
    /// The value columns of a file with one column per series; `nil` takes every column that is
    /// not the date, a key or the unit. Naming columns reads the file as one column per series.
    public var valueColumns: [String]?
    /// How dates such as `01/02/2020` are ordered; `nil` refuses a date that could be read both
    /// ways and reads one that cannot (`13/02/2020`).
    public var dateOrder: DateOrder?
    /// The sheet to read when the file is an `.xlsx` workbook; `nil` reads the first sheet. A
    /// delimited text file has no sheets, so naming one for it is an error.
    public var sheet: String?

    /// Creates a format; the defaults read a UTF-8 file with `.` decimals and a detected delimiter.
    ///
    /// - Parameters:
    ///   - delimiter: `,`, `;` or tab; `nil` to detect it.
    ///   - decimalSeparator: `.` or `,`.
    ///   - thousandsSeparator: The digit-group separator, if any.
    ///   - encoding: The character set.
    ///   - dateColumn: The date column's name, when it is not found by name.
    ///   - valueColumns: The value columns of a file with one column per series.
    ///   - dateOrder: The order of day and month in dates with a trailing year.
    ///   - sheet: The sheet of an `.xlsx` workbook, or `nil` for the first.
    public init(
        delimiter: Character? = nil, decimalSeparator: Character = ".", thousandsSeparator: Character? = nil,
        encoding: Encoding = .utf8, dateColumn: String? = nil, valueColumns: [String]? = nil,
        dateOrder: DateOrder? = nil, sheet: String? = nil
    ) {
        self.sheet = sheet
        self.delimiter = delimiter
        self.decimalSeparator = decimalSeparator
        self.thousandsSeparator = thousandsSeparator
        self.encoding = encoding
        self.dateColumn = dateColumn
        self.valueColumns = valueColumns
        self.dateOrder = dateOrder
    }

    /// The delimiters that can be detected or chosen.
    public static let delimiters: [Character] = [",", ";", "\t"]

    /// The byte of a single-byte ASCII character, if it is one.
    static func asciiByte(_ character: Character?) -> UInt8? {
        guard let character, character.utf8.count == 1, let byte = character.utf8.first, byte < 0x80 else { return nil }
        return byte
    }
}

/// Converting bytes to what the CSV parser reads, and finding the delimiter.
enum InputBytes {
    /// The bytes as UTF-8: Windows-1252 is transcoded, UTF-8 is returned as it is.
    static func utf8(_ bytes: [UInt8], from encoding: InputFormat.Encoding) -> [UInt8] {
        guard encoding == .windows1252, bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                result.append(byte)
            } else {
                let scalar = Unicode.Scalar(windows1252High[Int(byte - 0x80)]) ?? Unicode.Scalar(byte)
                result.append(contentsOf: String(Character(scalar)).utf8)
            }
        }
        return result
    }

    /// The code points of bytes 0x80–0x9F in Windows-1252 (the five undefined ones kept as the
    /// C1 control of the same number); 0xA0–0xFF are Latin-1.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ] + (0xA0...0xFF).map { UInt32($0) }

    /// The delimiter of the first record: whichever of comma, semicolon and tab occurs most often
    /// outside quotes before the first line break; a comma when none does or on a tie.
    static func detectDelimiter(_ bytes: some Sequence<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var isQuoted = false
        var hasContent = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { isQuoted.toggle(); hasContent = true; continue }
            if isQuoted { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if hasContent { break }
                continue
            }
            hasContent = true
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\t") {
                counts[byte, default: 0] += 1
            }
        }
        let comma = counts[UInt8(ascii: ","), default: 0]
        let semicolon = counts[UInt8(ascii: ";"), default: 0]
        let tab = counts[UInt8(ascii: "\t"), default: 0]
        if semicolon > comma, semicolon >= tab { return UInt8(ascii: ";") }
        if tab > comma, tab > semicolon { return UInt8(ascii: "\t") }
        return UInt8(ascii: ",")
    }
}

/// The table of a data file, whether delimited text or an `.xlsx` workbook: the one place the
/// readers turn bytes into records.
enum TableInput {
    /// The records of `bytes`: a workbook's sheet (``InputFormat/sheet``, else the first) when
    /// the bytes are a workbook or the name ends in `.xlsx`, else the delimited text.
    ///
    /// - Throws: ``DataError`` when a workbook cannot be read or has no such sheet, or when a
    ///   sheet is named for delimited text.
    static func document(_ bytes: [UInt8], file: String, limits: InputLimits, format: InputFormat) throws(DataError)
        -> CSVDocument
    {
        if Workbook.isWorkbook(bytes) || Workbook.hasWorkbookExtension(file) {
            return try Workbook(bytes, file: file, limits: limits).document(sheet: format.sheet, format: format)
        }
        if let sheet = format.sheet {
            throw .unreadableFile(
                path: file, reason: "it is delimited text, not an .xlsx workbook, so it has no sheet '\(sheet)'")
        }
        return CSVReader.read(bytes, file: file, limits: limits, format: format)
    }

    /// The diagnostics of a table that could not be read, with a note at its first cell naming
    /// the workbook's other sheets when the first sheet was read because none was named: the
    /// data may well be on another.
    static func failure(_ diagnostics: [DataDiagnostic], in document: CSVDocument) -> [DataDiagnostic] {
        guard let sheet = document.sheet, !document.otherSheets.isEmpty else { return diagnostics }
        let first = document.records.first?.fields.first
        let note = DataDiagnostic(
            file: document.file, sheet: sheet, line: first?.line ?? 1, column: first?.column ?? 1,
            message: "'\(sheet)' is the first sheet, read because no sheet was named; the workbook also has \(InputLimits.list(document.otherSheets.map { "'\($0)'" })): choose the sheet to read")
        return [note] + diagnostics
    }

    /// The delimiter the text was read with (a comma for a workbook, whose numbers never hold
    /// a delimiter), for the remedy of a column of bad numbers.
    static func delimiter(_ bytes: [UInt8], format: InputFormat) -> UInt8 {
        if Workbook.isWorkbook(bytes) { return UInt8(ascii: ",") }
        return InputFormat.asciiByte(format.delimiter) ?? InputBytes.detectDelimiter(bytes)
    }
}
