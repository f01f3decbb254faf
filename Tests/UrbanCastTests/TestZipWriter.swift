import CZlib

/// Writes ZIP archives for tests, byte by byte from APPNOTE.TXT, independently of the reader
/// (`ZipContainer`): parts stored or deflated with zlib, and hooks to damage any field.
struct TestZipWriter {
    struct Part {
        var path: String
        var contents: [UInt8]
        var deflate = true
        var flags: UInt16 = 0
        /// Overrides of what the central directory declares (nil: the truth).
        var declaredMethod: UInt16?
        var declaredSize: UInt32?
        var declaredCRC: UInt32?
    }

    static func deflated(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 16)
        var input = input
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                _ = deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        UInt32(truncatingIfNeeded: bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    static func archive(_ parts: [Part], comment: [UInt8] = []) -> [UInt8] {
        var file: [UInt8] = []
        var directory: [UInt8] = []
        func u16(_ value: UInt16, _ out: inout [UInt8]) { out += [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func u32(_ value: UInt32, _ out: inout [UInt8]) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
        for part in parts {
            let data = part.deflate ? deflated(part.contents) : part.contents
            let name = Array(part.path.utf8)
            let method = part.declaredMethod ?? (part.deflate ? 8 : 0)
            let crc = part.declaredCRC ?? checksum(part.contents)
            let size = part.declaredSize ?? UInt32(part.contents.count)
            let offset = UInt32(file.count)
            u32(0x0403_4B50, &file); u16(20, &file); u16(part.flags, &file); u16(method, &file); u16(0, &file); u16(0x21, &file)
            u32(crc, &file); u32(UInt32(data.count), &file); u32(size, &file); u16(UInt16(name.count), &file); u16(0, &file)
            file += name + data
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(part.flags, &directory); u16(method, &directory)
            u16(0, &directory); u16(0x21, &directory); u32(crc, &directory); u32(UInt32(data.count), &directory); u32(size, &directory)
            u16(UInt16(name.count), &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory)
            u32(0, &directory); u32(offset, &directory)
            directory += name
        }
        let directoryOffset = UInt32(file.count)
        file += directory
        u32(0x0605_4B50, &file); u16(0, &file); u16(0, &file); u16(UInt16(parts.count), &file); u16(UInt16(parts.count), &file)
        u32(UInt32(directory.count), &file); u32(directoryOffset, &file); u16(UInt16(comment.count), &file)
        return file + comment
    }
}
