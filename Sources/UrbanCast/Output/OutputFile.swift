import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output file written whole or not at all.
///
/// The bytes go to a hidden temporary file in the target's folder, which ``commit()`` renames
/// onto the target in one step (`rename(2)`), so a reader never sees half a file and a failed or
/// interrupted run leaves the previous file, or nothing. A file only ever replaces a file: a
/// folder at the target is refused, and an existing file is replaced only when the caller says
/// so.
///
/// ```swift
/// let file = try OutputFile(path: "sim.csv", replacingExisting: false)
/// try file.write(Array("series,date,value\n".utf8))
/// try file.commit()
/// ```
public final class OutputFile {
    /// The path as the caller gave it.
    public let path: String
    private let target: URL
    private let temporary: URL
    private var handle: FileHandle?

    /// Start writing the file at `path`.
    ///
    /// - Parameters:
    ///   - path: The file to write.
    ///   - replacingExisting: Whether a file already at `path` may be replaced (never a folder).
    /// - Throws: ``OutputError`` with ``OutputError/Reason/isFolder`` for a folder at `path`,
    ///   ``OutputError/Reason/fileExists`` for a file there when `replacingExisting` is false,
    ///   ``OutputError/Reason/parentIsFile(_:)`` when the folder above cannot exist, and
    ///   ``OutputError/Reason/system(_:)`` when the temporary file cannot be made.
    /// - Complexity: O(1).
    public init(path: String, replacingExisting: Bool) throws(OutputError) {
        self.path = path
        target = URL(fileURLWithPath: path).standardizedFileURL
        temporary = TemporaryOutputs.temporaryLocation(beside: target)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw OutputError(path: path, reason: .isFolder) }
            if !replacingExisting { throw OutputError(path: path, reason: .fileExists) }
        }
        try Self.checkFolder(above: target, for: path)
        TemporaryOutputs.register(temporary.path)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            TemporaryOutputs.unregister(temporary.path)
            throw OutputError(path: path, reason: .system("cannot create a file in \(target.deletingLastPathComponent().path)"))
        }
        self.handle = handle
    }

    deinit { discard() }

    /// Append `bytes` to the file.
    ///
    /// - Parameter bytes: The bytes.
    /// - Throws: ``OutputError/Reason/system(_:)`` when the write fails (the disk is full, say);
    ///   the temporary file is then removed.
    /// - Complexity: O(`bytes.count`).
    public func write(_ bytes: [UInt8]) throws(OutputError) {
        guard let handle else { throw OutputError(path: path, reason: .system("the file was already closed")) }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            discard()
            throw OutputError(path: path, reason: .system(error.localizedDescription))
        }
    }

    /// Close the file and rename it into place.
    ///
    /// - Throws: ``OutputError`` when the file cannot be closed or renamed (a folder appeared at
    ///   the target meanwhile, say); the temporary file is then removed and the target untouched.
    /// - Complexity: O(1).
    public func commit() throws(OutputError) {
        guard let handle else { throw OutputError(path: path, reason: .system("the file was already closed")) }
        self.handle = nil
        do {
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            TemporaryOutputs.unregister(temporary.path)
            throw OutputError(path: path, reason: .system(error.localizedDescription))
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            try? FileManager.default.removeItem(at: temporary)
            TemporaryOutputs.unregister(temporary.path)
            throw OutputError(path: path, reason: .isFolder)
        }
        if rename(temporary.path, target.path) != 0 {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            TemporaryOutputs.unregister(temporary.path)
            throw OutputError(path: path, reason: .system(message))
        }
        TemporaryOutputs.unregister(temporary.path)
    }

    /// Stop writing and remove the temporary file; the target is left as it was.
    ///
    /// - Complexity: O(1).
    public func discard() {
        guard let handle else { return }
        self.handle = nil
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
        TemporaryOutputs.unregister(temporary.path)
    }

    /// Make the folders above `target` if they are missing.
    ///
    /// - Throws: ``OutputError/Reason/parentIsFile(_:)`` naming the first part of the path that is
    ///   a file, or ``OutputError/Reason/system(_:)``.
    static func checkFolder(above target: URL, for path: String) throws(OutputError) {
        let folder = target.deletingLastPathComponent()
        var ancestor = folder
        while ancestor.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { throw OutputError(path: path, reason: .parentIsFile(ancestor.path)) }
                break
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, reason: .system("cannot make the folder \(folder.path)"))
        }
    }
}
