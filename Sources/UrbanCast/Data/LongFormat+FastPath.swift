import Forecasting

/// The fast path of ``LongFormat/read(_:file:options:)`` for a clean long-format file.
///
/// The general reader parses the whole file into ``CSVRecord``s (a `String` per field), then
/// reads each record: about 35 MB/s and eleven times the file in memory. A file that has no
/// problem at all does not need any of that to be read exactly: this path scans the bytes once,
/// keeping only the byte range of each field of the current record, and
/// - groups rows by comparing their key fields' bytes with the previous row's (a `String` key is
///   made only when the key changes);
/// - reads each distinct date text once (``DateCache``), since the date column repeats;
/// - reads values with ``FastDecimal`` (the same bits as `Double(String)`), falling back to
///   ``CellValue/number(_:)`` for any other text;
/// - puts a series of consecutive months, quarters or years straight on its grid, exactly as
///   ``TimeSeries/init(dates:values:frequency:seasonLength:sortsDates:gapLimit:)`` would.
///
/// At the first sign of anything the general reader would report or treat specially (a syntax
/// problem, a ragged row, an empty key, a bad date or number, a unit that changes, a series
/// that does not grid, a dialect, a workbook, a wide file), it gives up and returns `nil`; the
/// general reader then reads the file from the start and reports every problem as before, at the
/// same `FILE:LINE:COLUMN`. A clean file gives the same series either way.
enum LongFormatFastPath {
    /// The series of a clean long-format file, or `nil` when the general reader must read it.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The name used in diagnostics (the path decides whether it is a workbook).
    ///   - options: The reading options.
    /// - Returns: One series per distinct key in order of first appearance, identical to the
    ///   general reader's; `nil` when the file is not plain UTF-8 long-format text without any
    ///   problem.
    /// - Complexity: O(*n*) in the bytes, plus the gridding of series that are not consecutive.
    static func read(_ bytes: [UInt8], file: String, options: LongFormat.Options) -> [KeyedSeries]? {
        bytes.withUnsafeBufferPointer { read($0, file: file, options: options) }
    }

    /// The series of a clean long-format file given as a buffer (a mapped file), or `nil` when
    /// the general reader must read it; as ``read(_:file:options:)-([UInt8],_,_)``.
    static func read(_ buffer: UnsafeBufferPointer<UInt8>, file: String, options: LongFormat.Options)
        -> [KeyedSeries]?
    {
        let format = options.format
        guard format.encoding == .utf8, format.decimalSeparator == ".", format.thousandsSeparator == nil,
            format.sheet == nil, format.dateColumn == nil, format.valueColumns == nil,
            !Workbook.isWorkbook(buffer), !Workbook.hasWorkbookExtension(file), let base = buffer.baseAddress
        else { return nil }
        if let seasonLength = options.seasonLength, seasonLength < 1 { return nil }
        if let frequency = options.frequency, !frequency.isValid { return nil }
        let delimiter = InputFormat.asciiByte(format.delimiter) ?? InputBytes.detectDelimiter(buffer)
        guard delimiter != ByteScanner.quote, delimiter != ByteScanner.lineFeed,
            delimiter != ByteScanner.carriageReturn
        else { return nil }
        // Room for the widest header read here; a wider one goes to the general reader.
        let capacity = Swift.min(Swift.max(options.limits.maximumColumns, 1), 1 << 16) + 1
        let fields = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity)
        defer { fields.deallocate() }
        var scanner = ByteScanner(base: base, count: buffer.count, delimiter: delimiter)
        return readRecords(&scanner, fields: fields, capacity: capacity, file: file, options: options)
    }

    /// The observations of one series, as a date number per row into the ``DateCache``.
    private struct Group {
        let key: SeriesKey
        /// The line of the first row's date cell.
        let firstLine: Int
        var values: [Double] = []
        var dates: [Int32] = []
        var unit: String?
    }

    /// Reads the header and every row; `fields` has room for `capacity` fields of a record.
    private static func readRecords(
        _ scanner: inout ByteScanner, fields: UnsafeMutablePointer<FieldSpan>, capacity: Int, file: String,
        options: LongFormat.Options
    ) -> [KeyedSeries]? {
        guard case .record(let width) = scanner.nextRecord(into: fields, capacity: capacity),
            width <= Swift.max(options.limits.maximumColumns, 1)
        else { return nil }
        var header: [CSVField] = []
        for index in 0..<width {
            guard let text = scanner.text(fields[index]) else { return nil }
            header.append(CSVField(text: text, line: fields[index].line, column: index + 1, isQuoted: fields[index].isQuoted))
        }
        let lowered = header.map { $0.text.trimmingSpaces().lowercased() }
        // An empty first name is R's row names or a date column by position: the general reader's.
        guard let firstName = lowered.first, !firstName.isEmpty else { return nil }
        let hasValue = lowered.contains("value") || lowered.contains("y")
        let hasKey = lowered.contains { ColumnRole.byName[$0]?.role == .key }
        guard hasValue || hasKey || width < 2 else { return nil }
        var headerReader = LongFormatReader(file: file, options: options, sheet: nil)
        guard let layout = headerReader.readHeader(header, dateIndex: nil, suggestsWide: !hasValue && !hasKey),
            headerReader.log.isEmpty
        else { return nil }

        let keyIndices = layout.keys.map(\.index)
        let keyNames = layout.keys.map(\.name)
        let dateIndex = layout.date
        let valueIndex = layout.value
        var checkedIndices: [Int] = []
        for index in 0..<width where !keyIndices.contains(index) && index != dateIndex && index != valueIndex
            && index != layout.unit
        {
            checkedIndices.append(index)
        }
        var groups: [Group] = []
        var positions: [[String]: Int] = [:]
        var current = -1
        // The current group's observations, kept out of `groups` while its rows last.
        var values: [Double] = []
        var dateNumbers: [Int32] = []
        var previousKey: [FieldSpan] = []
        var dates = DateCache(order: options.format.dateOrder)
        var rowCount = 0
        let unitColumn = layout.unit
        let keyCount = keyIndices.count
        let checkedCount = checkedIndices.count
        while true {
            switch scanner.nextRecord(into: fields, capacity: width) {
            case .end:
                guard rowCount > 0 else { return nil }
                if current >= 0 {
                    groups[current].values = values
                    groups[current].dates = dateNumbers
                }
                return gridded(groups, dates: dates, options: options)
            case .problem:
                return nil
            case .record(let count):
                guard count == width else { return nil }
            }
            rowCount += 1
            // Fields the reader otherwise ignores must still be valid UTF-8.
            for position in 0..<checkedCount where fields[checkedIndices[position]].isNonASCII {
                guard scanner.text(fields[checkedIndices[position]]) != nil else { return nil }
            }
            var isSameKey = current >= 0
            if isSameKey {
                for position in 0..<keyCount
                where !scanner.hasSameBytes(fields[keyIndices[position]], previousKey[position]) {
                    isSameKey = false
                    break
                }
            }
            if !isSameKey {
                var texts: [String] = []
                texts.reserveCapacity(keyIndices.count)
                previousKey.removeAll(keepingCapacity: true)
                for index in keyIndices {
                    guard let text = scanner.text(fields[index])?.trimmingSpaces(), !text.isEmpty else { return nil }
                    texts.append(text)
                    previousKey.append(fields[index])
                }
                // A new series is likely as long as the one before it: reserving that much
                // saves the arrays' repeated growth.
                let lengthHint = values.count
                if current >= 0 {
                    swap(&groups[current].values, &values)
                    swap(&groups[current].dates, &dateNumbers)
                }
                if let position = positions[texts] {
                    current = position
                    swap(&groups[current].values, &values)
                    swap(&groups[current].dates, &dateNumbers)
                } else {
                    current = groups.count
                    positions[texts] = current
                    groups.append(
                        Group(key: SeriesKey(columns: keyNames, values: texts), firstLine: fields[dateIndex].line))
                    values = []
                    dateNumbers = []
                    values.reserveCapacity(lengthHint)
                    dateNumbers.reserveCapacity(lengthHint)
                }
            }
            guard let date = dates.number(of: fields[dateIndex], in: scanner),
                let value = scanner.number(fields[valueIndex])
            else { return nil }
            dateNumbers.append(date)
            values.append(value)
            if let unitIndex = unitColumn {
                guard let text = scanner.text(fields[unitIndex])?.trimmingSpaces() else { return nil }
                if !text.isEmpty {
                    if let unit = groups[current].unit {
                        guard unit == text else { return nil }
                    } else {
                        groups[current].unit = text
                    }
                }
            }
        }
    }

    /// Every group on its grid, or `nil` when one of them has a problem to report.
    private static func gridded(_ groups: [Group], dates: DateCache, options: LongFormat.Options) -> [KeyedSeries]? {
        var result: [KeyedSeries] = []
        result.reserveCapacity(groups.count)
        for group in groups {
            let series: TimeSeries
            if let frequency = dates.consecutiveFrequency(group.dates, requested: options.frequency) {
                // The general initialiser finds no issue in consecutive periods of one precision,
                // infers this frequency, and ends with this call.
                series = TimeSeries(
                    start: dates.dates[Int(group.dates[0])], frequency: frequency, values: group.values,
                    seasonLength: options.seasonLength)
            } else {
                var observed = group.dates.map { dates.dates[Int($0)] }
                if options.frequency == nil || options.frequency == .yearly || options.frequency == .quarterly
                    || options.frequency == .monthly, let coarse = DateText.periodEnds(observed, frequency: options.frequency)
                {
                    observed = coarse
                }
                guard
                    let made = try? TimeSeries(
                        dates: observed, values: group.values, frequency: options.frequency,
                        seasonLength: options.seasonLength, sortsDates: options.sortsDates,
                        gapLimit: options.limits.gaps)
                else { return nil }
                series = made
            }
            result.append(KeyedSeries(key: group.key, unit: group.unit, series: series, firstLine: group.firstLine))
        }
        return result
    }
}

/// Where a field's bytes are, without its quotes.
struct FieldSpan {
    /// The first byte of the field's contents and the byte after its last.
    var start: Int
    var end: Int
    /// The physical line where the field starts.
    var line: Int
    /// ``quoted``, ``escaped`` and ``nonASCII``.
    var flags: UInt8

    static let quoted: UInt8 = 1
    /// A quoted field holding a doubled quote, whose text is not its bytes.
    static let escaped: UInt8 = 2
    static let nonASCII: UInt8 = 4

    var isQuoted: Bool { flags & Self.quoted != 0 }
    var isEscaped: Bool { flags & Self.escaped != 0 }
    var isNonASCII: Bool { flags & Self.nonASCII != 0 }
}

/// Splits delimited bytes into records of ``FieldSpan``s as ``CSVReader`` does (RFC 4180: quoted
/// fields with doubled quotes and line breaks, LF, CRLF or CR between records, a byte-order mark
/// skipped, blank lines skipped), and stops at anything ``CSVReader`` would report.
struct ByteScanner {
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    let base: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    private var index = 0
    private var line = 1

    /// What ``nextRecord(into:capacity:)`` found.
    enum Outcome: Equatable {
        /// A record of this many fields.
        case record(Int)
        /// The end of the file, after the last record.
        case end
        /// A quote inside an unquoted field, text after a closing quote, an unterminated quote,
        /// or more fields than there is room for.
        case problem
    }

    private static let lowBitsWord: UInt64 = 0x0101_0101_0101_0101
    private static let highBitsWord: UInt64 = 0x8080_8080_8080_8080
    private static let lineFeedWord = lowBitsWord &* UInt64(lineFeed)
    private static let carriageReturnWord = lowBitsWord &* UInt64(carriageReturn)
    private static let quoteWord = lowBitsWord &* UInt64(quote)
    /// The delimiter in every byte of a word.
    private let delimiterWord: UInt64

    /// The high bit of the lowest zero byte of `word` is set (higher bytes may be flagged
    /// falsely after a zero byte, never before one); 0 when no byte is zero.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- lowBitsWord) & ~word & highBitsWord
    }

    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8) {
        self.base = base
        self.count = count
        self.delimiter = delimiter
        self.delimiterWord = Self.lowBitsWord &* UInt64(delimiter)
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { index = 3 }
    }

    /// Reads the next record's fields into `fields`, which has room for `capacity`.
    mutating func nextRecord(into fields: UnsafeMutablePointer<FieldSpan>, capacity: Int) -> Outcome {
        while index < count {
            let byte = base[index]
            if byte == Self.lineFeed {
                index += 1
            } else if byte == Self.carriageReturn {
                index += 1
                if index < count, base[index] == Self.lineFeed { index += 1 }
            } else {
                break
            }
            line += 1
        }
        guard index < count else { return .end }
        var fieldCount = 0
        while true {
            guard fieldCount < capacity else { return .problem }
            if base[index] == Self.quote {
                guard let field = readQuoted() else { return .problem }
                fields[fieldCount] = field
            } else {
                let start = index
                // Eight bytes at a time (little-endian: the lowest flagged byte of `stops` is the
                // first delimiter, line break or quote, exactly), then byte by byte near the end.
                var highBits: UInt64 = 0
                var isFound = false
                while index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let stops =
                        Self.zeroBytes(word ^ delimiterWord) | Self.zeroBytes(word ^ Self.lineFeedWord)
                        | Self.zeroBytes(word ^ Self.carriageReturnWord) | Self.zeroBytes(word ^ Self.quoteWord)
                    if stops != 0 {
                        let offset = stops.trailingZeroBitCount >> 3
                        if offset > 0 { highBits |= word & (UInt64.max >> (64 - 8 * offset)) }
                        index += offset
                        isFound = true
                        break
                    }
                    highBits |= word
                    index += 8
                }
                var high: UInt8 = highBits & Self.highBitsWord != 0 ? 0x80 : 0
                if isFound {
                    if base[index] == Self.quote { return .problem }
                } else {
                    while index < count {
                        let byte = base[index]
                        if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                        if byte == Self.quote { return .problem }
                        high |= byte
                        index += 1
                    }
                }
                fields[fieldCount] = FieldSpan(
                    start: start, end: index, line: line, flags: high >= 0x80 ? FieldSpan.nonASCII : 0)
            }
            fieldCount += 1
            guard index < count else { return .record(fieldCount) }
            let byte = base[index]
            index += 1
            if byte == delimiter {
                if index == count {
                    // A delimiter at the very end: the record ends with an empty field.
                    guard fieldCount < capacity else { return .problem }
                    fields[fieldCount] = FieldSpan(start: index, end: index, line: line, flags: 0)
                    return .record(fieldCount + 1)
                }
                continue
            }
            if byte == Self.carriageReturn, index < count, base[index] == Self.lineFeed { index += 1 }
            line += 1
            return .record(fieldCount)
        }
    }

    /// Reads a quoted field starting at its opening quote; `nil` when it is never closed or
    /// text follows its closing quote.
    private mutating func readQuoted() -> FieldSpan? {
        let startLine = line
        index += 1
        let start = index
        var flags = FieldSpan.quoted
        var high: UInt8 = 0
        while index < count {
            let byte = base[index]
            if byte == Self.quote {
                if index + 1 < count, base[index + 1] == Self.quote {
                    flags |= FieldSpan.escaped
                    index += 2
                    continue
                }
                let field = FieldSpan(
                    start: start, end: index, line: startLine, flags: flags | (high >= 0x80 ? FieldSpan.nonASCII : 0))
                index += 1
                guard index < count else { return field }
                let next = base[index]
                return next == delimiter || next == Self.lineFeed || next == Self.carriageReturn ? field : nil
            }
            if byte == Self.lineFeed
                || (byte == Self.carriageReturn && !(index + 1 < count && base[index + 1] == Self.lineFeed))
            {
                line += 1
            }
            high |= byte
            index += 1
        }
        return nil
    }

    /// The field's text as ``CSVReader`` gives it, or `nil` when it is not valid UTF-8.
    func text(_ field: FieldSpan) -> String? {
        let bytes = UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)
        if field.isEscaped {
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(bytes.count)
            var position = 0
            while position < bytes.count {
                unescaped.append(bytes[position])
                position += bytes[position] == Self.quote ? 2 : 1
            }
            return String(validating: unescaped, as: UTF8.self)
        }
        if field.isNonASCII { return String(validating: bytes, as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether two fields hold the same bytes (then the same text).
    func hasSameBytes(_ lhs: FieldSpan, _ rhs: FieldSpan) -> Bool {
        let length = lhs.end - lhs.start
        guard length == rhs.end - rhs.start else { return false }
        var offset = 0
        while offset + 8 <= length {
            let left = UnsafeRawPointer(base + lhs.start + offset).loadUnaligned(as: UInt64.self)
            let right = UnsafeRawPointer(base + rhs.start + offset).loadUnaligned(as: UInt64.self)
            if left != right { return false }
            offset += 8
        }
        while offset < length {
            if base[lhs.start + offset] != base[rhs.start + offset] { return false }
            offset += 1
        }
        return true
    }

    /// The field without leading and trailing spaces and tabs.
    func trimmed(_ field: FieldSpan) -> (start: Int, end: Int) {
        var start = field.start
        var end = field.end
        while start < end, base[start] == UInt8(ascii: " ") || base[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, base[end - 1] == UInt8(ascii: " ") || base[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return (start, end)
    }

    /// The value of a value cell as ``CellValue/number(_:)`` reads it (`nan` for a missing
    /// value), or `nil` when it is not a number.
    func number(_ field: FieldSpan) -> Double? {
        if !field.isEscaped {
            let (start, end) = trimmed(field)
            if start == end { return .nan }
            if let value = FastDecimal.parse(base + start, count: end - start) { return value }
        }
        guard let text = self.text(field), case .success(let value) = CellValue.number(text) else { return nil }
        return value ?? .nan
    }
}

/// The dates read so far, each distinct date text parsed once, numbered in order of first
/// appearance.
///
/// Texts of up to 24 bytes are found by their bytes in an open-addressing table without making
/// a `String`; longer or escaped ones through a dictionary of their text.
struct DateCache {
    let order: InputFormat.DateOrder?
    /// The dates by number.
    private(set) var dates: [SeriesDate] = []
    /// Each date's period number when it is written to the year, quarter or month (consecutive
    /// periods have consecutive numbers), else `nil`.
    private var periods: [Int?] = []
    /// Up to 24 bytes packed in three words, and the length; length 0 marks an empty slot.
    private struct Packed: Equatable {
        var word0: UInt64
        var word1: UInt64
        var word2: UInt64
        var length: Int
    }
    private var slots: [Packed]
    private var numbers: [Int32]
    private var byText: [String: Int32] = [:]
    /// Where each date's text was first seen in the scanner's bytes.
    private var spans: [(start: Int, end: Int)] = []
    /// The date that followed each date the last time it was seen, or -1: in a file sorted by
    /// series then date, the next row's date is nearly always the one that followed last time,
    /// and comparing its bytes is cheaper than hashing.
    private var successors: [Int32] = []
    /// The date of the previous row, or -1.
    private var previous: Int32 = -1

    init(order: InputFormat.DateOrder?) {
        self.order = order
        slots = [Packed](repeating: Packed(word0: 0, word1: 0, word2: 0, length: 0), count: 256)
        numbers = [Int32](repeating: -1, count: 256)
    }

    /// The number of the date in `field`, or `nil` when it is missing or not a date.
    mutating func number(of field: FieldSpan, in scanner: ByteScanner) -> Int32? {
        if previous >= 0 {
            let candidate = successors[Int(previous)]
            if candidate >= 0 {
                let span = spans[Int(candidate)]
                if scanner.hasSameBytes(field, FieldSpan(start: span.start, end: span.end, line: 0, flags: 0)) {
                    previous = candidate
                    return candidate
                }
            }
        }
        guard let number = lookUp(field, in: scanner) else { return nil }
        if previous >= 0 { successors[Int(previous)] = number }
        previous = number
        return number
    }

    /// The number of the date in `field` found by its bytes or text.
    private mutating func lookUp(_ field: FieldSpan, in scanner: ByteScanner) -> Int32? {
        let length = field.end - field.start
        guard length > 0, length <= 24, !field.isEscaped else { return numberByText(field, in: scanner) }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(start: scanner.base + field.start, count: length))
        }
        let packed = Packed(word0: words.0, word1: words.1, word2: words.2, length: length)
        var hash = words.0 &* 0x9E37_79B9_7F4A_7C15 ^ words.1 &* 0xC2B2_AE3D_27D4_EB4F ^ words.2 &* 0x1656_67B1_9E37_79F9
        hash ^= hash >> 29
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].length != 0 {
            if slots[slot] == packed { return numbers[slot] }
            slot = (slot + 1) & mask
        }
        guard let number = parse(field, in: scanner) else { return nil }
        slots[slot] = packed
        numbers[slot] = number
        if dates.count * 2 > slots.count { grow() }
        return number
    }

    private mutating func numberByText(_ field: FieldSpan, in scanner: ByteScanner) -> Int32? {
        guard let text = scanner.text(field) else { return nil }
        if let number = byText[text] { return number }
        guard let number = parse(field, in: scanner) else { return nil }
        byText[text] = number
        return number
    }

    /// Parses a new date text as ``LongFormat`` does and numbers it.
    private mutating func parse(_ field: FieldSpan, in scanner: ByteScanner) -> Int32? {
        guard let text = scanner.text(field)?.trimmingSpaces(), !text.isEmpty,
            case .success(let date) = DateText.parse(text, order: order), dates.count < Int32.max
        else { return nil }
        dates.append(date)
        spans.append((field.start, field.end))
        successors.append(-1)
        switch date.precision {
        case .year: periods.append(date.year)
        case .quarter: periods.append(date.year * 4 + date.quarter - 1)
        case .month: periods.append(date.year * 12 + date.month - 1)
        case .day, .minute, .second: periods.append(nil)
        }
        return Int32(dates.count - 1)
    }

    private mutating func grow() {
        let old = zip(slots, numbers).filter { $0.0.length != 0 }
        slots = [Packed](repeating: Packed(word0: 0, word1: 0, word2: 0, length: 0), count: slots.count * 2)
        numbers = [Int32](repeating: -1, count: slots.count)
        let mask = slots.count - 1
        for (packed, number) in old {
            var hash =
                packed.word0 &* 0x9E37_79B9_7F4A_7C15 ^ packed.word1 &* 0xC2B2_AE3D_27D4_EB4F ^ packed.word2
                &* 0x1656_67B1_9E37_79F9
            hash ^= hash >> 29
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].length != 0 { slot = (slot + 1) & mask }
            slots[slot] = packed
            numbers[slot] = number
        }
    }

    /// The frequency of a series whose dates are consecutive years, quarters or months in
    /// order, all of one precision, when that is the frequency requested (or none is); `nil`
    /// otherwise, and the series goes through the general gridding.
    func consecutiveFrequency(_ numbers: [Int32], requested: Frequency?) -> Frequency? {
        guard let first = numbers.first, let start = periods[Int(first)] else { return nil }
        let precision = dates[Int(first)].precision
        let frequency: Frequency
        switch precision {
        case .year: frequency = .yearly
        case .quarter: frequency = .quarterly
        case .month: frequency = .monthly
        case .day, .minute, .second: return nil
        }
        if let requested, requested != frequency { return nil }
        var expected = start
        for number in numbers {
            let index = Int(number)
            guard periods[index] == expected, dates[index].precision == precision else { return nil }
            expected += 1
        }
        return frequency
    }
}
