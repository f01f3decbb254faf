#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory, so that a reader can scan it without copying
/// it into an array first.
enum MappedFile {
    /// Calls `body` with the bytes of the regular file at `path`.
    ///
    /// - Parameters:
    ///   - path: The file's path.
    ///   - body: Reads the bytes; they are valid only during the call.
    /// - Returns: `body`'s result, or `nil` when the file cannot be mapped (missing, unreadable,
    ///   empty, not a regular file such as a pipe): the caller then reads it the ordinary way,
    ///   which reports why.
    /// - Complexity: O(1) besides `body`; pages are read as they are touched.
    static func withContents<Result>(of path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result?) -> Result? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            return nil
        }
        let size = Int(status.st_size)
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        defer { munmap(address, size) }
        let bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
        return body(bytes)
    }
}
