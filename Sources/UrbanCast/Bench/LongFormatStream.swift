import Foundation

/// Reads a long-format series file a batch of whole series at a time, in memory bounded by the
/// batch size rather than the file size.
///
/// ``LongFormat/read(contentsOf:options:)`` holds the whole file, its parsed cells and every series
/// at once; for a file of 100,000 monthly series (14 million rows) that is gigabytes. This stream
/// reads the file in blocks of about ``chunkBytes`` bytes, cuts each block at the last change of
/// series key (quote-aware, so a line break inside a quoted field is not a cut), and hands the
/// complete series before the cut to ``LongFormat/read(_:file:options:)`` with the header in front.
/// Every check of the long format therefore applies unchanged, and diagnostics keep the file's own
/// line numbers.
///
/// The one extra rule: each series' rows must be together (the file sorted or grouped by its key
/// columns), since a series whose rows resume after other series have been handed out cannot be
/// put back together without holding the whole file. Rows of a series interleaved within one
/// block are still gathered as ``LongFormat`` gathers them; rows resuming in a later block are
/// reported at their first line.
///
/// An `.xlsx` workbook (``Workbook``) cannot be cut into blocks, so its sheet is read whole and
/// handed out as one batch.
///
/// ```swift
/// var stream = try LongFormatStream(contentsOf: "m3_monthly.csv")
/// while let batch = try stream.next() {
///     for keyed in batch { print(keyed.key, keyed.series.count) }
/// }
/// ```
public struct LongFormatStream {
    /// The file's path, also used in diagnostics.
    public let file: String
    /// Frequency, season length and leniency settings, as for ``LongFormat``.
    public let options: LongFormat.Options
    /// The size of a block read at once, in bytes; a series longer than this makes its block grow
    /// to hold it.
    public let chunkBytes: Int

    /// The open file, or `nil` for bytes given whole (``init(_:file:options:chunkBytes:)``).
    private let handle: FileHandle?
    /// The header record's bytes including its line break, and the physical lines it spans.
    private var header: [UInt8] = []
    private var headerLines = 0
    /// The dialect of the records, with the delimiter found in the header.
    private var recordFormat = InputFormat()
    /// Indices of the key columns in the header (as ``LongFormat`` recognises them).
    private var keyIndices: [Int] = []
    /// Bytes read but not yet handed out; they start at a record boundary on line `pendingLine`.
    private var pending: [UInt8] = []
    private var pendingLine = 1
    private var atEndOfFile = false
    private var finished = false
    /// Whether any series was handed out, so a file of only a header is reported as such.
    private var handedOut = false
    /// Hashes of the keys handed out, to report a series whose rows resume later.
    private var seenKeys: Set<Int> = []
    /// Whether the file is an `.xlsx` workbook, read whole rather than streamed.
    private let isWorkbook: Bool

    /// Opens a file for streaming.
    ///
    /// - Parameters:
    ///   - path: The file's path, also used in diagnostics.
    ///   - options: Frequency, season length and leniency settings.
    ///   - chunkBytes: The block size in bytes, at least 1 (default 1 MiB).
    /// - Throws: ``DataError/unreadableFile(path:reason:)`` when the file does not exist, is a
    ///   directory, or cannot be opened.
    public init(contentsOf path: String, options: LongFormat.Options = LongFormat.Options(), chunkBytes: Int = 1 << 20)
        throws(DataError)
    {
        precondition(chunkBytes >= 1, "chunkBytes must be at least 1")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a directory, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: "permission denied or read error")
        }
        self.file = path
        self.options = options
        self.chunkBytes = chunkBytes
        self.handle = handle
        let start = (try? handle.read(upToCount: 8)) ?? nil
        self.isWorkbook = Workbook.hasWorkbookExtension(path) || start.map { Workbook.isWorkbook($0) } ?? false
        pending = start.map { [UInt8]($0) } ?? []
    }

    /// A stream over bytes already read (standard input, say), handed out as a file's would be.
    ///
    /// - Parameters:
    ///   - bytes: The whole file's contents.
    ///   - file: The name used in diagnostics, e.g. `<stdin>`.
    ///   - options: Frequency, season length and leniency settings.
    ///   - chunkBytes: The block size in bytes, at least 1 (default 1 MiB).
    /// - Complexity: O(1); the bytes are cut into batches as ``next()`` is called.
    public init(_ bytes: [UInt8], file: String, options: LongFormat.Options = LongFormat.Options(),
                chunkBytes: Int = 1 << 20) {
        self.file = file
        self.options = options
        self.chunkBytes = Swift.max(chunkBytes, 1)
        self.handle = nil
        self.isWorkbook = Workbook.isWorkbook(bytes)
        pending = bytes
        atEndOfFile = true
    }

    /// The next batch of complete series, in file order; `nil` after the last.
    ///
    /// - Returns: One or more series, each with all its rows; `nil` at the end of the file.
    /// - Throws: ``DataError/invalidData(_:)`` with every problem of the current block (at the
    ///   file's own lines), including a series whose rows resume after other series; the stream
    ///   then ends. ``DataError/unreadableFile(path:reason:)`` on a read error.
    /// - Complexity: O(*b* log *b*) for a block of *b* bytes; memory O(*b* + the longest series).
    public mutating func next() throws(DataError) -> [KeyedSeries]? {
        if !finished, isWorkbook {
            // A workbook's sheet is one compressed part: it is read whole, in one batch.
            finished = true
            while !atEndOfFile { try fill() }
            let series = try LongFormat.read(pending, file: file, options: options)
            pending = []
            return series.isEmpty ? nil : series
        }
        while !finished {
            if header.isEmpty && !readHeader() { return try finishWithWholeFile() }
            while !atEndOfFile && pending.count < chunkBytes { try fill() }
            guard let (cut, cutLine) = cutPoint() else {
                // One series fills the block: read on (doubling) until it ends.
                try fill(atLeast: pending.count)
                continue
            }
            let part = Array(pending[0..<cut])
            let partLine = pendingLine
            pending.removeFirst(cut)
            pendingLine = cutLine
            if atEndOfFile && pending.isEmpty { finished = true }
            guard part.contains(where: { $0 != 0x0A && $0 != 0x0D }) else { continue }
            let batch = try parse(part, firstLine: partLine)
            if !batch.isEmpty {
                handedOut = true
                return batch
            }
        }
        if !handedOut && !header.isEmpty {
            // Only blank lines after the header: LongFormat says the file has no data rows.
            handedOut = true
            _ = try LongFormat.read(header, file: file, options: options)
        }
        return nil
    }

    // MARK: - Reading

    /// Appends one block from the file to `pending`, noting the end of the file.
    private mutating func fill(atLeast minimum: Int = 0) throws(DataError) {
        guard !atEndOfFile, let handle else { return }
        let data: Data?
        do {
            data = try handle.read(upToCount: Swift.max(chunkBytes, minimum, 1 << 16))
        } catch {
            throw .unreadableFile(path: file, reason: "read error: \(error.localizedDescription)")
        }
        guard let data, !data.isEmpty else {
            atEndOfFile = true
            try? handle.close()
            return
        }
        pending.append(contentsOf: data)
    }

    /// Splits off the header record; `false` when the file ends inside it, so the whole file goes
    /// to ``LongFormat`` for its diagnostics.
    private mutating func readHeader() -> Bool {
        while true {
            let scan = RecordScan(pending, atEndOfFile: atEndOfFile)
            if let end = scan.firstRecordEnd {
                header = Array(pending[0..<end])
                headerLines = scan.lineBreaks(before: end)
                pending.removeFirst(end)
                pendingLine = 1 + headerLines
                recordFormat = options.format
                recordFormat.delimiter = recordFormat.delimiter
                    ?? Character(Unicode.Scalar(InputBytes.detectDelimiter(header)))
                let fields = CSVReader.read(header, file: file, format: recordFormat).records.first?.fields ?? []
                let keyNames = Set(LongFormat.keyColumns + ["unique_id"])
                keyIndices = fields.indices.filter {
                    keyNames.contains(fields[$0].text.trimmingCharacters(in: .whitespaces).lowercased())
                }
                return true
            }
            if atEndOfFile { return false }
            do { try fill() } catch { return false }
        }
    }

    /// Reads the rest of the file in one piece and lets ``LongFormat`` report it.
    private mutating func finishWithWholeFile() throws(DataError) -> [KeyedSeries]? {
        while !atEndOfFile { try fill() }
        finished = true
        let series = try LongFormat.read(pending, file: file, options: options)
        pending = []
        return series.isEmpty ? nil : series
    }

    /// Where to cut `pending`: the start of the trailing run of rows with the last complete row's
    /// key (everything at the end of the file). `nil` when that run starts the block, so the block
    /// holds no complete series yet. Only the rows of the trailing run (and the one before it) are
    /// parsed here; the rest is parsed once, by ``LongFormat``.
    private func cutPoint() -> (offset: Int, line: Int)? {
        let scan = RecordScan(pending, atEndOfFile: atEndOfFile)
        if atEndOfFile { return (pending.count, pendingLine + scan.lineBreaks(before: pending.count)) }
        guard let end = scan.lastRecordEnd else { return nil }
        let starts = scan.recordStarts.prefix { $0 < end }
        /// The key of the record starting at `starts[i]`, or `nil` for a blank line.
        func key(_ i: Int) -> [String]? {
            let stop = i + 1 < starts.count ? starts[i + 1] : end
            guard let record = CSVReader.read(Array(pending[starts[i]..<stop]), file: file, format: recordFormat)
                .records.first
            else {
                return nil
            }
            return self.key(of: record)
        }
        guard let last = starts.indices.last(where: { key($0) != nil }), let lastKey = key(last) else { return nil }
        var i = last - 1
        while i >= 0 {
            if let other = key(i), other != lastKey {
                let offset = starts[i + 1]
                return (offset, pendingLine + scan.lineBreaks(before: offset))
            }
            i -= 1
        }
        return nil
    }

    /// The trimmed key-column values of a record (empty where a field is missing).
    private func key(of record: CSVRecord) -> [String] {
        keyIndices.map { $0 < record.fields.count ? record.fields[$0].text.trimmingCharacters(in: .whitespaces) : "" }
    }

    /// Reads complete series with ``LongFormat`` and moves diagnostics and first lines to the
    /// file's own lines.
    private mutating func parse(_ part: [UInt8], firstLine: Int) throws(DataError) -> [KeyedSeries] {
        let shift = firstLine - headerLines - 1
        func moved(_ line: Int) -> Int { line > headerLines ? line + shift : line }
        let series: [KeyedSeries]
        do {
            series = try LongFormat.read(header + part, file: file, options: options)
        } catch {
            finished = true
            throw .invalidData(
                error.diagnostics.map {
                    DataDiagnostic(file: $0.file, line: moved($0.line), column: $0.column, message: $0.message)
                })
        }
        var resumed: [DataDiagnostic] = []
        let result = series.map { keyed in
            KeyedSeries(key: keyed.key, unit: keyed.unit, series: keyed.series, firstLine: moved(keyed.firstLine))
        }
        for keyed in result where !seenKeys.insert(keyed.key.values.hashValue).inserted {
            resumed.append(
                DataDiagnostic(
                    file: file, line: keyed.firstLine, column: 1,
                    message:
                        "rows of series \(keyed.key) resume here after other series; bench reads the file as a stream and "
                        + "needs each series' rows together: sort the file by its key columns"))
        }
        guard resumed.isEmpty else {
            finished = true
            throw .invalidData(resumed)
        }
        return result
    }
}

/// Record boundaries of CSV bytes that start at a record boundary: line breaks outside quotes.
private struct RecordScan {
    /// Byte offsets where each physical line starts; `lineStarts[0] == 0`.
    private(set) var lineStarts: [Int] = [0]
    /// Byte offsets where each record (or blank line) starts: 0 and after every line break
    /// outside quotes.
    private(set) var recordStarts: [Int] = [0]
    /// The end (just past the line break) of the first and the last complete record.
    private(set) var firstRecordEnd: Int?
    private(set) var lastRecordEnd: Int?

    init(_ bytes: [UInt8], atEndOfFile: Bool) {
        var quoted = false
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == 0x0A || byte == 0x0D {
                // A CR at the end of the bytes may be the first half of a CRLF still unread.
                if byte == 0x0D && i + 1 == n && !atEndOfFile { break }
                let end = byte == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A ? i + 2 : i + 1
                lineStarts.append(end)
                if !quoted {
                    if firstRecordEnd == nil { firstRecordEnd = end }
                    lastRecordEnd = end
                    recordStarts.append(end)
                }
                i = end
                continue
            }
            i += 1
        }
    }

    /// The physical line breaks before `offset`.
    func lineBreaks(before offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }
}
