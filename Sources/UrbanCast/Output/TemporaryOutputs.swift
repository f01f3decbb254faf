import Foundation

/// The temporary files and folders that outputs are being written to, so that an interrupted
/// run can remove them and leave either the previous complete output or nothing.
///
/// ``OutputFile`` and ``RunDirectory`` register each temporary path while they write it and
/// unregister it once it is renamed into place or removed. A program that handles SIGINT and
/// SIGTERM calls ``removeAll()`` before it exits.
public enum TemporaryOutputs {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: Set<String> = []
    }

    private static let registry = Registry()

    /// The prefix of every temporary name UrbanCast writes beside an output: hidden, and marked
    /// as UrbanCast's own.
    static let prefix = ".urbancast-partial-"

    /// A temporary name in the same folder as `target` (so the final rename stays on one file
    /// system and is atomic): `.urbancast-partial-PID-NAME`.
    ///
    /// - Parameter target: The output's final location.
    /// - Returns: The temporary location beside it.
    static func temporaryLocation(beside target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(
            "\(prefix)\(ProcessInfo.processInfo.processIdentifier)-\(target.lastPathComponent)")
    }

    static func register(_ path: String) {
        registry.lock.lock()
        registry.paths.insert(path)
        registry.lock.unlock()
    }

    static func unregister(_ path: String) {
        registry.lock.lock()
        registry.paths.remove(path)
        registry.lock.unlock()
    }

    /// Remove every temporary output still registered (files, or folders with what is in them,
    /// all of it written by this process).
    ///
    /// - Complexity: O(total size of the temporary outputs).
    public static func removeAll() {
        registry.lock.lock()
        let paths = registry.paths
        registry.paths = []
        registry.lock.unlock()
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}
