import Foundation

/// One field of a CSV file, with where it starts.
public struct CSVField: Equatable, Sendable {
    /// The field's text, with the surrounding quotes removed and `""` turned into `"`.
    public var text: String
    /// The physical line of the field's first character, from 1.
    public var line: Int
    /// The field's column: its position in the record, from 1 (the third field is column 3).
    public var column: Int
    /// Whether the field was written in quotes.
    public var isQuoted: Bool

    /// Creates a field.
    ///
    /// - Parameters:
    ///   - text: The unquoted text.
    ///   - line: The physical line where the field starts.
    ///   - column: The field's position in its record, from 1.
    ///   - isQuoted: Whether the field was quoted.
    public init(text: String, line: Int, column: Int, isQuoted: Bool = false) {
        self.text = text
        self.line = line
        self.column = column
        self.isQuoted = isQuoted
    }
}

/// One record (row) of a CSV file: at least one field.
public struct CSVRecord: Equatable, Sendable {
    /// The fields in order; never empty.
    public var fields: [CSVField]
    /// The physical line where the record ends (its line break, or the end of the file).
    public var endLine: Int

    /// The physical line where the record starts.
    public var line: Int { fields.first?.line ?? endLine }

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - fields: The fields, at least one.
    ///   - endLine: The physical line where the record ends.
    public init(fields: [CSVField], endLine: Int) {
        precondition(!fields.isEmpty, "a CSV record has at least one field")
        self.fields = fields
        self.endLine = endLine
    }
}

/// The records of a CSV file and the syntax problems found while reading it.
public struct CSVDocument: Sendable {
    /// The path of the file as the user gave it, used in diagnostics.
    public var file: String
    /// The records in file order; blank lines are skipped.
    public var records: [CSVRecord]
    /// Syntax problems (an unterminated quote, a stray quote, invalid UTF-8), ordered by position;
    /// past ``InputLimits/diagnosticsPerKind`` of one kind, the rest are counted in one line.
    public var diagnostics: [DataDiagnostic]
    /// The worksheet the records come from when the file is a workbook (``Workbook``); then each
    /// field's line is its row and its column the sheet's column. `nil` for delimited text.
    public var sheet: String? = nil
    /// The workbook's other sheets when its first was read because none was named, so that a
    /// reader's failure can point to them.
    var otherSheets: [String] = []
}

/// Reads comma-separated values as RFC 4180 describes them, with every field's position.
///
/// A field's position is its line and column. The line is the physical line where the field
/// starts, so a field after a line break inside a quoted field is on a later line than the
/// record's first field. The column is the field's position in its record, from 1: the CSV
/// column, as a spreadsheet would number it, whatever the widths of the fields before it.
///
/// - Fields are separated by commas and records by LF, CRLF or a lone CR.
/// - A field in double quotes may contain commas, line breaks and quotes written twice (`""`).
/// - A UTF-8 byte-order mark at the start is skipped; the text must be valid UTF-8.
/// - Blank lines between records are skipped (a line holding `""` is a record with one empty
///   field, not a blank line).
/// - Reading never stops at the first problem: a quote inside an unquoted field, text after a
///   closing quote, and invalid UTF-8 are reported and reading goes on. An unterminated quote
///   swallows the rest of the file, so it ends reading after reporting where the quote opened,
///   and the record it is in is dropped.
///
/// The reader works on UTF-8 bytes in one pass, so a file of tens of thousands of rows reads
/// in a fraction of a second.
///
/// ```swift
/// let document = CSVReader.read(Array("a,b\r\n1,\"x, \"\"y\"\"\"\r\n".utf8), file: "t.csv")
/// document.records[1].fields[1].text     // "x, \"y\""
/// document.records[1].fields[1].line     // 2
/// document.records[1].fields[1].column   // 2
/// ```
public enum CSVReader {
    /// Reads CSV text from bytes.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents, UTF-8 with or without a byte-order mark.
    ///   - file: The name used in diagnostics.
    ///   - limits: How many syntax problems of one kind are reported in full
    ///     (``InputLimits/diagnosticsPerKind``); the other limits apply to the readers built on
    ///     this one.
    /// - Returns: The records and any syntax problems.
    /// - Complexity: O(*n*) in the number of bytes.
    public static func read(_ bytes: [UInt8], file: String, limits: InputLimits = InputLimits()) -> CSVDocument {
        parse(bytes, file: file, limits: limits, delimiter: UInt8(ascii: ","), suggestsEncoding: false)
    }

    /// Reads delimited text written in a spreadsheet's dialect: the format's encoding is converted
    /// to UTF-8 first, and the delimiter is the format's or, when it has none, the one detected
    /// from the first line (``InputFormat/delimiter``). Quoting follows RFC 4180 with that
    /// delimiter in place of the comma.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The name used in diagnostics.
    ///   - limits: How many syntax problems of one kind are reported in full.
    ///   - format: The encoding and delimiter; its other settings are for the readers built on
    ///     this one.
    /// - Returns: The records and any syntax problems; invalid UTF-8 says that the file may be
    ///   Windows-1252.
    /// - Complexity: O(*n*) in the number of bytes.
    public static func read(
        _ bytes: [UInt8], file: String, limits: InputLimits = InputLimits(), format: InputFormat
    ) -> CSVDocument {
        let text = InputBytes.utf8(bytes, from: format.encoding)
        let delimiter = InputFormat.asciiByte(format.delimiter) ?? InputBytes.detectDelimiter(text)
        return parse(text, file: file, limits: limits, delimiter: delimiter, suggestsEncoding: format.encoding == .utf8)
    }

    private static func parse(
        _ bytes: [UInt8], file: String, limits: InputLimits, delimiter: UInt8, suggestsEncoding: Bool
    ) -> CSVDocument {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer, file: file, diagnosticsPerKind: limits.diagnosticsPerKind)
            parser.comma = delimiter
            parser.suggestsEncoding = suggestsEncoding
            parser.run()
            return CSVDocument(file: file, records: parser.records, diagnostics: parser.log.diagnostics)
        }
    }

    /// Reads a CSV file.
    ///
    /// - Parameters:
    ///   - path: The path of the file; it is also the name used in diagnostics.
    ///   - limits: How many syntax problems of one kind are reported in full.
    /// - Returns: The records and any syntax problems.
    /// - Throws: ``DataError/unreadableFile(path:reason:)`` when the file cannot be read.
    /// - Complexity: O(*n*) in the size of the file.
    public static func read(contentsOf path: String, limits: InputLimits = InputLimits()) throws(DataError)
        -> CSVDocument
    {
        read(try bytes(contentsOf: path), file: path, limits: limits)
    }

    /// The bytes of a file.
    ///
    /// - Parameter path: The path of the file.
    /// - Returns: Its contents.
    /// - Throws: ``DataError/unreadableFile(path:reason:)`` when the file does not exist, is a
    ///   directory, or cannot be read.
    public static func bytes(contentsOf path: String) throws(DataError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw .unreadableFile(path: path, reason: "it is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "permission denied or read error")
        }
        return [UInt8](data)
    }
}

/// The single-pass byte parser behind ``CSVReader``.
private struct Parser {
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    let bytes: UnsafeBufferPointer<UInt8>
    /// The field delimiter: a comma unless the dialect says otherwise.
    var comma = UInt8(ascii: ",")
    /// Whether invalid UTF-8 mentions that the file may be Windows-1252.
    var suggestsEncoding = false
    var records: [CSVRecord] = []
    var log: DiagnosticLog

    /// The byte being looked at, and its physical line.
    private var index = 0
    private var line = 1
    /// Fields of the record being read.
    private var fields: [CSVField] = []
    /// The unescaped contents of a quoted field.
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, diagnosticsPerKind: Int) {
        self.bytes = bytes
        self.log = DiagnosticLog(file: file, perKind: diagnosticsPerKind)
    }

    mutating func run() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count {
            let byte = bytes[index]
            if fields.isEmpty, byte == Self.lineFeed || byte == Self.carriageReturn {
                skipLineBreak()
                continue
            }
            let isComplete = byte == Self.quote ? readQuotedField() : readUnquotedField()
            guard isComplete else { return }
            guard index < bytes.count else { break }
            if bytes[index] == comma {
                advance()
                if index == bytes.count {
                    // A comma at the very end: the record ends with an empty field.
                    fields.append(CSVField(text: "", line: line, column: fields.count + 1))
                }
            } else {
                endRecord()
                skipLineBreak()
            }
        }
        if !fields.isEmpty { endRecord() }
    }

    /// Reads an unquoted field up to the next comma, line break or end of file.
    private mutating func readUnquotedField() -> Bool {
        let startLine = line
        let startColumn = fields.count + 1
        let start = index
        var isASCII = true
        var reportedQuote = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == comma || byte == Self.lineFeed || byte == Self.carriageReturn { break }
            if byte == Self.quote, !reportedQuote {
                reportedQuote = true
                report(
                    line, startColumn,
                    "a quote inside an unquoted field; quote the whole field and write a literal quote as \"\""
                )
            }
            isASCII = isASCII && byte < 0x80
            advance()
        }
        let decoded = Self.decode(UnsafeBufferPointer(rebasing: bytes[start..<index]), isASCII: isASCII)
        let text = checked(decoded, line: startLine, column: startColumn)
        fields.append(CSVField(text: text, line: startLine, column: startColumn))
        return true
    }

    /// Reads a quoted field; returns `false` when the quote is never closed.
    private mutating func readQuotedField() -> Bool {
        let startLine = line
        let startColumn = fields.count + 1
        advance()
        scratch.removeAll(keepingCapacity: true)
        var isASCII = true
        var isClosed = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    scratch.append(Self.quote)
                    advance()
                    advance()
                    continue
                }
                advance()
                isClosed = true
                break
            }
            isASCII = isASCII && byte < 0x80
            scratch.append(byte)
            advance()
        }
        let decoded = scratch.withUnsafeBufferPointer { Self.decode($0, isASCII: isASCII) }
        let text = checked(decoded, line: startLine, column: startColumn)
        fields.append(CSVField(text: text, line: startLine, column: startColumn, isQuoted: true))
        guard isClosed else {
            report(
                startLine, startColumn,
                "unterminated quoted field: the quote opened here is never closed; close it, and write a literal quote inside a quoted field as \"\""
            )
            // The record's shape is unknowable past an open quote, so it is dropped, not checked.
            fields.removeAll()
            return false
        }
        if index < bytes.count {
            let byte = bytes[index]
            if byte != comma, byte != Self.lineFeed, byte != Self.carriageReturn {
                report(
                    line, startColumn,
                    "unexpected text after the closing quote of a quoted field; quote the whole field and write a literal quote as \"\""
                )
                while index < bytes.count, bytes[index] != comma, bytes[index] != Self.lineFeed,
                    bytes[index] != Self.carriageReturn
                {
                    advance()
                }
            }
        }
        return true
    }

    /// Moves past one byte, counting lines: a line break (LF, CRLF or a lone CR) starts a new one.
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == Self.lineFeed
            || (byte == Self.carriageReturn && (index == bytes.count || bytes[index] != Self.lineFeed))
        {
            line += 1
        }
    }

    /// Moves past a line break: LF, CRLF or a lone CR.
    private mutating func skipLineBreak() {
        if bytes[index] == Self.carriageReturn { advance() }
        if index < bytes.count, bytes[index] == Self.lineFeed { advance() }
    }

    private mutating func endRecord() {
        records.append(CSVRecord(fields: fields, endLine: line))
        fields.removeAll(keepingCapacity: true)
    }

    private mutating func report(_ line: Int, _ column: Int, _ message: String) {
        log.report(line, column, message)
    }

    /// Decodes a field's bytes; `isValid` is `false` for invalid UTF-8, which is then shown with
    /// U+FFFD in its place.
    private static func decode(
        _ buffer: UnsafeBufferPointer<UInt8>, isASCII: Bool
    ) -> (text: String, isValid: Bool) {
        if isASCII { return (String(decoding: buffer, as: UTF8.self), true) }
        if let text = String(validating: buffer, as: UTF8.self) { return (text, true) }
        return (String(decoding: buffer, as: UTF8.self), false)
    }

    /// The decoded text, after reporting invalid UTF-8 at the field's start.
    private mutating func checked(_ decoded: (text: String, isValid: Bool), line: Int, column: Int) -> String
    {
        if !decoded.isValid {
            report(
                line, column,
                suggestsEncoding
                    ? "the field is not valid UTF-8; save the file as UTF-8, or read it as Windows-1252 if a spreadsheet saved it"
                    : "the field is not valid UTF-8; save the file as UTF-8")
        }
        return decoded.text
    }
}
