import Foundation

/// Writes a run's files into a directory all at once: into a fresh sibling folder first, then
/// renamed into place, so a failed run never leaves a half-written directory.
public enum RunDirectory {
    /// Write `files` (name → contents) as the directory `path`.
    ///
    /// An existing `path` is replaced only when it holds a `manifest.json` (an earlier run);
    /// anything else is refused, so a mistyped `--out` cannot delete a user's folder.
    ///
    /// - Parameters:
    ///   - files: File names and their UTF-8 contents.
    ///   - path: The directory.
    /// - Throws: ``ScenarioError/output(_:)`` naming the path and the reason.
    /// - Complexity: O(total size).
    public static func write(_ files: [(name: String, contents: String)], to path: String) throws(ScenarioError) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !(isDirectory.boolValue && manager.fileExists(atPath: target.appendingPathComponent("manifest.json").path)) {
            throw .output("\(path): exists and is not a run directory (no manifest.json); choose another --out")
        }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name), options: .atomic)
            }
            if exists {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
                try manager.moveItem(at: target, to: old)
                try manager.moveItem(at: staging, to: target)
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw .output("\(path): cannot write the run: \(error.localizedDescription)")
        }
    }

    /// The `manifest.json` of DESIGN.md: tool version, command line, input files with their
    /// SHA-256, the specification, seed and draws, and the time.
    ///
    /// - Parameters:
    ///   - command: The command line.
    ///   - inputs: The input files (specification first).
    ///   - seed: The seed.
    ///   - draws: The number of draws.
    ///   - date: The time of the run.
    /// - Returns: The manifest.
    /// - Complexity: O(total size of the inputs) for the checksums.
    public static func manifest(command: [String], inputs: [String], seed: UInt64, draws: Int, date: Date = Date()) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        return .object([
            ("tool", .string("urbancast")), ("version", .string(UrbanCastVersion.string)),
            ("command", .array(command.map(JSONValue.string))),
            ("inputs", .array(inputs.map { file in
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))).map { [UInt8]($0) }
                return .object([("path", .string(file)), ("sha256", bytes.map { .string(SHA256.hexDigest($0)) } ?? .null)])
            })),
            ("seed", .string(String(seed))), ("draws", .integer(draws)), ("time", .string(formatter.string(from: date))),
        ])
    }
}
