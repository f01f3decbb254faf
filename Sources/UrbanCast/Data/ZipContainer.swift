import CZlib

/// The ZIP container of an `.xlsx` workbook, read with every offset and size checked against the
/// file before it is used.
///
/// A workbook is untrusted input: a truncated download or a damaged file can hold a central
/// directory whose offsets point past the end of the file, sizes that overlap, or a deflate stream
/// that never ends. Each of those is a ``Failure`` here, never an out-of-range read. The layout is
/// that of PKWARE's APPNOTE.TXT (6.3.x): the end-of-central-directory record (found by scanning
/// back over at most a 64 KiB comment), the central directory it points to, and for each part its
/// local header and data. Parts are stored (method 0) or deflated (method 8, inflated with zlib as
/// raw deflate); the inflated bytes must match the directory's size and CRC-32. Multi-disk and
/// ZIP64 archives (over 4 GiB or 65,535 parts), encrypted parts and other methods are refused:
/// no spreadsheet program writes them for a workbook that fits the input limits.
struct ZipContainer {
    /// Why a container cannot be read.
    enum Failure: Error, Equatable {
        /// The bytes are not a ZIP archive, or its directory is inconsistent with the file.
        case damaged(String)
        /// A part is encrypted.
        case encrypted(String)
        /// The archive uses a feature this reader refuses (named).
        case unsupported(String)
        /// A part expands past the byte limit it was read with.
        case tooLarge(String)
    }

    /// One part named in the central directory.
    struct Entry {
        let path: String
        let flags: UInt16
        let method: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    private var lowercasedIndex: [String: Int] = [:]

    /// Reads the directory of an archive.
    ///
    /// - Parameter bytes: The whole file.
    /// - Throws: ``Failure/damaged(_:)`` when there is no end-of-central-directory record or the
    ///   directory does not fit the file; ``Failure/unsupported(_:)`` for multi-disk and ZIP64
    ///   archives.
    /// - Complexity: O(*n*) in the size of the directory, plus the scan of at most 64 KiB for its end.
    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(bytes)
        let disk = Self.u16(bytes, end + 4), directoryDisk = Self.u16(bytes, end + 6)
        let entriesOnDisk = Self.u16(bytes, end + 8), totalEntries = Self.u16(bytes, end + 10)
        let directorySize = Int(Self.u32(bytes, end + 12)), directoryOffset = Int(Self.u32(bytes, end + 16))
        if totalEntries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw .unsupported("a ZIP64 archive")
        }
        guard disk == 0, directoryDisk == 0, entriesOnDisk == totalEntries else {
            throw .unsupported("an archive split over several disks")
        }
        guard directoryOffset <= end, directorySize <= end - directoryOffset else {
            throw .damaged("the central directory lies outside the file")
        }
        var position = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<Int(totalEntries) {
            guard directoryEnd - position >= 46, Self.u32(bytes, position) == 0x0201_4B50 else {
                throw .damaged("the central directory is truncated")
            }
            let nameLength = Int(Self.u16(bytes, position + 28)), extraLength = Int(Self.u16(bytes, position + 30))
            let commentLength = Int(Self.u16(bytes, position + 32))
            let recordLength = 46 + nameLength + extraLength + commentLength
            guard directoryEnd - position >= recordLength else { throw .damaged("the central directory is truncated") }
            let entry = Entry(
                path: String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                flags: Self.u16(bytes, position + 8),
                method: Self.u16(bytes, position + 10),
                crc32: Self.u32(bytes, position + 16),
                compressedSize: Int(Self.u32(bytes, position + 20)),
                uncompressedSize: Int(Self.u32(bytes, position + 24)),
                localHeaderOffset: Int(Self.u32(bytes, position + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw .unsupported("a ZIP64 archive")
            }
            if !entry.path.hasSuffix("/") {
                index[entry.path] = index[entry.path] ?? entries.count
                lowercasedIndex[entry.path.lowercased()] = lowercasedIndex[entry.path.lowercased()] ?? entries.count
                entries.append(entry)
            }
            position += recordLength
        }
    }

    /// The part at `path`, matched exactly or else ignoring case (as Excel does), or `nil`.
    func entry(_ path: String) -> Entry? {
        (index[path] ?? lowercasedIndex[path.lowercased()]).map { entries[$0] }
    }

    /// The bytes of a part, checked against the directory's size and CRC-32.
    ///
    /// - Parameters:
    ///   - entry: A part of this archive.
    ///   - limit: The most bytes the part may expand to; checked while inflating, not trusted
    ///     from the declared size.
    /// - Throws: ``Failure/tooLarge(_:)`` past `limit`; ``Failure/encrypted(_:)``;
    ///   ``Failure/unsupported(_:)`` for a method other than stored or deflated;
    ///   ``Failure/damaged(_:)`` when the data lies outside the file, the stream is corrupt or
    ///   truncated, or size or CRC-32 disagree with the directory.
    /// - Complexity: O(*n*) in the part's compressed and inflated size.
    func contents(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        if entry.flags & 0x0001 != 0 { throw .encrypted(entry.path) }
        guard entry.uncompressedSize <= max(limit, 0) else { throw .tooLarge(entry.path) }
        let header = entry.localHeaderOffset
        guard header <= bytes.count - 30, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw .damaged("the local header of \(entry.path) is missing")
        }
        let start = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw .damaged("the data of \(entry.path) runs past the end of the file")
        }
        let data = bytes[start..<(start + entry.compressedSize)]
        let contents: [UInt8]
        switch entry.method {
        case 0: contents = Array(data)
        case 8:
            do {
                contents = try Self.inflate(data, limit: entry.uncompressedSize, path: entry.path)
            } catch {
                if case .tooLarge = error {
                    throw .damaged("\(entry.path) expands past the \(entry.uncompressedSize) bytes the directory says")
                }
                throw error
            }
        default: throw .unsupported("compression method \(entry.method) for \(entry.path)")
        }
        guard contents.count == entry.uncompressedSize else {
            throw .damaged("\(entry.path) holds \(contents.count) bytes where the directory says \(entry.uncompressedSize)")
        }
        let checksum = contents.withUnsafeBufferPointer { buffer in
            crc32(0, buffer.baseAddress, uInt(buffer.count))
        }
        guard UInt32(truncatingIfNeeded: checksum) == entry.crc32 else {
            throw .damaged("the checksum of \(entry.path) does not match")
        }
        return contents
    }

    /// Inflates a raw deflate stream into at most `limit` bytes; one more is ``Failure/tooLarge(_:)``.
    private static func inflate(_ data: ArraySlice<UInt8>, limit: Int, path: String) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged("zlib cannot start inflating \(path)")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let status: Int32 = data.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let produced: Int
                let code: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit { return Self.pastLimit }
                output.append(contentsOf: chunk[0..<produced])
                switch code {
                case Z_STREAM_END: return Z_STREAM_END
                case Z_OK: continue
                case Z_BUF_ERROR where produced > 0: continue
                default: return code
                }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case Self.pastLimit: throw .tooLarge(path)
        case Z_BUF_ERROR: throw .damaged("the compressed data of \(path) is truncated")
        default: throw .damaged("the compressed data of \(path) is corrupt")
        }
    }

    /// Not a zlib code: the inflated bytes passed the limit.
    private static let pastLimit = Int32.min

    /// The offset of the end-of-central-directory record: the last signature whose comment
    /// length reaches exactly to the end of the file (so a signature inside a comment or inside
    /// compressed data is not taken for it), or failing that the last whose comment fits.
    private static func endOfCentralDirectory(_ bytes: [UInt8]) throws(Failure) -> Int {
        guard bytes.count >= 22 else { throw .damaged("the file is too short to be a ZIP archive") }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var fallback: Int?
        var offset = bytes.count - 22
        while offset >= lowest {
            if u32(bytes, offset) == 0x0605_4B50 {
                let commentEnd = offset + 22 + Int(u16(bytes, offset + 20))
                if commentEnd == bytes.count { return offset }
                if commentEnd < bytes.count, fallback == nil { fallback = offset }
            }
            offset -= 1
        }
        guard let fallback else { throw .damaged("there is no end-of-central-directory record") }
        return fallback
    }

    private static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
