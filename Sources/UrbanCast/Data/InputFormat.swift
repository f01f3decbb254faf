/// How a series file is written: the CSV dialect a spreadsheet chose, where its dates and values
/// are, and how its dates are ordered.
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
    public init(
        delimiter: Character? = nil, decimalSeparator: Character = ".", thousandsSeparator: Character? = nil,
        encoding: Encoding = .utf8, dateColumn: String? = nil, valueColumns: [String]? = nil,
        dateOrder: DateOrder? = nil
    ) {
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
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
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
