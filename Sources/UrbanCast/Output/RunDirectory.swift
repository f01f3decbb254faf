import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a run's files as one folder, all at once, and never touches a file it did not write.
///
/// A folder is recognised as an earlier run only by UrbanCast's own `manifest.json`: one whose
/// `format` is ``format`` and whose `files` lists what that run wrote (or, for runs written before
/// the list existed, a manifest whose `tool` is `urbancast`, holding only the five files a
/// scenario run writes). Writing to `path`:
/// - no such path: the files are written into a hidden sibling folder, which is renamed into
///   place (`rename(2)`), so the folder appears complete or not at all;
/// - an empty folder, or an earlier run holding only its own files: the new run is written beside
///   it and swapped in, and only the earlier run's own files are removed;
/// - a folder holding anything else: refused, nothing changed, unless `replacingOwnFiles` is
///   set, when the run's files are renamed in one by one (the old manifest removed first and the
///   new one written last, so an interrupted run never looks complete) and everything else stays;
/// - a folder holding a foreign file under a name the run writes (another program's
///   `manifest.json`, say): always refused;
/// - a file: refused.
public enum RunDirectory {
    /// The `format` marker of a run folder's `manifest.json`.
    public static let format = "urbancast-run"
    /// The manifest's name in a run folder.
    public static let manifestName = "manifest.json"
    /// What a scenario run wrote before manifests listed their files.
    static let earlierRunFiles: Set<String> = [
        "forecast.csv", "decomposition.csv", "savings.csv", "summary.json", "manifest.json",
    ]
    /// How many foreign names an error lists.
    static let listedNames = 5

    /// Write `files` (name → contents) and `manifest` as the folder `path`.
    ///
    /// - Parameters:
    ///   - files: File names (plain names, no folders) and their UTF-8 contents.
    ///   - manifest: The run's manifest (see ``manifest(command:inputs:seed:draws:date:)``); a
    ///     `files` entry listing the names written is added at its end.
    ///   - path: The folder.
    ///   - replacingOwnFiles: Write into a folder that also holds other things, replacing only
    ///     this and earlier runs' own files.
    /// - Throws: ``OutputError`` naming the path and what stands in the way; the folder is then
    ///   as it was.
    /// - Complexity: O(total size).
    public static func write(
        _ files: [(name: String, contents: String)], manifest: some Encodable, to path: String,
        replacingOwnFiles: Bool = false
    ) throws(OutputError) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let names = files.map(\.name)
        for name in names where name.isEmpty || name.contains("/") || name == manifestName || name.hasPrefix(".") {
            throw OutputError(path: path, reason: .system("'\(name)' is not a name a run can write"))
        }
        let listed: JSONValue
        do {
            listed = try JSONValueEncoder().encode(ListedManifest(manifest: manifest, files: names))
        } catch {
            throw OutputError(path: path, reason: .system("the manifest cannot be written as JSON: \(error)"))
        }
        let all = files + [(manifestName, listed.serialized() + "\n")]

        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        var foreign: [String] = []
        var owned: Set<String> = []
        if exists {
            guard isDirectory.boolValue else { throw OutputError(path: path, reason: .isFile) }
            let entries: [String]
            do {
                entries = try manager.contentsOfDirectory(atPath: target.path)
            } catch {
                throw OutputError(path: path, reason: .system("cannot list the folder: \(error.localizedDescription)"))
            }
            owned = ownFiles(in: target) ?? []
            foreign = entries.filter { !owned.contains($0) && !$0.hasPrefix(TemporaryOutputs.prefix) }.sorted()
            if !foreign.isEmpty {
                let clashing = foreign.filter { Set(names + [manifestName]).contains($0) }
                guard clashing.isEmpty else { throw OutputError(path: path, reason: .namesTaken(clashing)) }
                guard replacingOwnFiles else {
                    throw OutputError(
                        path: path, reason: .foreignFiles(names: Array(foreign.prefix(listedNames)), count: foreign.count))
                }
            }
        } else {
            try OutputFile.checkFolder(above: target, for: path)
        }

        if foreign.isEmpty {
            try writeWhole(all, to: target, replacing: exists ? owned : nil, path: path)
        } else {
            try writeInPlace(all, into: target, stale: owned.subtracting(names + [manifestName]), path: path)
        }
    }

    /// The files a run folder's manifest says UrbanCast wrote there, the manifest included;
    /// `nil` when `folder` is not a run folder.
    ///
    /// - Parameter folder: The folder.
    /// - Returns: The names, or `nil`.
    /// - Complexity: O(size of the manifest).
    public static func ownFiles(in folder: URL) -> Set<String>? {
        let url = folder.appendingPathComponent(manifestName)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              (attributes[.type] as? FileAttributeType) == .typeRegular,
              let size = attributes[.size] as? Int, size <= 16 << 20,
              let data = try? Data(contentsOf: url),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        if object["format"] as? String == format, let files = object["files"] as? [String] {
            return Set(files.filter { !$0.isEmpty && !$0.contains("/") }).union([manifestName])
        }
        if object["format"] == nil, object["tool"] as? String == "urbancast" { return earlierRunFiles }
        return nil
    }

    /// Write the run into a hidden sibling and rename it into place; an earlier run of only its
    /// own files (`replacing`) is swapped out first and then removed file by file.
    private static func writeWhole(
        _ files: [(name: String, contents: String)], to target: URL, replacing: Set<String>?, path: String
    ) throws(OutputError) {
        let manager = FileManager.default
        let staging = TemporaryOutputs.temporaryLocation(beside: target)
        TemporaryOutputs.register(staging.path)
        defer { TemporaryOutputs.unregister(staging.path) }
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name))
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw OutputError(path: path, reason: .system(error.localizedDescription))
        }
        if let replacing {
            let old = target.deletingLastPathComponent().appendingPathComponent(
                "\(TemporaryOutputs.prefix)\(ProcessInfo.processInfo.processIdentifier)-old-\(target.lastPathComponent)")
            guard rename(target.path, old.path) == 0 else {
                let message = String(cString: strerror(errno))
                try? manager.removeItem(at: staging)
                throw OutputError(path: path, reason: .system(message))
            }
            guard rename(staging.path, target.path) == 0 else {
                let message = String(cString: strerror(errno))
                _ = rename(old.path, target.path)
                try? manager.removeItem(at: staging)
                throw OutputError(path: path, reason: .system(message))
            }
            for name in replacing.union(leftovers(in: old)) {
                try? manager.removeItem(at: old.appendingPathComponent(name))
            }
            _ = rmdir(old.path)
        } else {
            guard rename(staging.path, target.path) == 0 else {
                let message = String(cString: strerror(errno))
                try? manager.removeItem(at: staging)
                throw OutputError(path: path, reason: .system(message))
            }
        }
    }

    /// Rename each file into a folder that also holds other things: the old manifest goes first
    /// and the new one comes last, so the folder looks like a complete run only when it is one.
    private static func writeInPlace(
        _ files: [(name: String, contents: String)], into target: URL, stale: Set<String>, path: String
    ) throws(OutputError) {
        let manager = FileManager.default
        let manifestURL = target.appendingPathComponent(manifestName)
        if manager.fileExists(atPath: manifestURL.path) {
            do {
                try manager.removeItem(at: manifestURL)
            } catch {
                throw OutputError(path: path, reason: .system(error.localizedDescription))
            }
        }
        for name in stale { try? manager.removeItem(at: target.appendingPathComponent(name)) }
        for file in files {
            let final = target.appendingPathComponent(file.name)
            let output = try OutputFile(path: final.path, replacingExisting: true)
            try output.write(Array(file.contents.utf8))
            try output.commit()
        }
    }

    /// UrbanCast's own temporary names in a folder.
    private static func leftovers(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(TemporaryOutputs.prefix) }
    }

    /// The `manifest.json` of a run: format marker, tool version, command line, input files with
    /// their SHA-256, seed and draws, and the time. ``write(_:manifest:to:replacingOwnFiles:)``
    /// adds the list of files.
    ///
    /// - Parameters:
    ///   - command: The command line.
    ///   - inputs: The input files (specification first).
    ///   - seed: The seed.
    ///   - draws: The number of draws.
    ///   - date: The time of the run.
    /// - Returns: The manifest.
    /// - Complexity: O(total size of the inputs) for the checksums.
    public static func manifest(command: [String], inputs: [String], seed: UInt64, draws: Int, date: Date = Date()) -> Manifest {
        Manifest(
            command: command,
            inputs: inputs.map { file in
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))).map { [UInt8]($0) }
                return Manifest.Input(path: file, sha256: bytes.map(SHA256.hexDigest))
            },
            seed: String(seed), draws: draws, time: ISO8601DateFormatter().string(from: date))
    }

    /// A run folder's `manifest.json`; its coding keys are the contract
    /// (`Schemas/scenario-manifest.schema.json`). ``write(_:manifest:to:replacingOwnFiles:)``
    /// adds `"files"`, the names it wrote, at the end.
    public struct Manifest: Codable, Sendable, Equatable {
        /// An input file and its checksum.
        public struct Input: Codable, Sendable, Equatable {
            /// The path as given.
            public var path: String
            /// Its SHA-256 in lowercase hexadecimal; `null` when it could not be read.
            @ExplicitNull public var sha256: String?
        }

        /// ``JSONContract/schemaVersion``.
        public var schemaVersion = JSONContract.schemaVersion
        /// ``RunDirectory/format``, which marks the folder as a run.
        public var format = RunDirectory.format
        /// The version of the manifest's layout.
        public var formatVersion = 1
        /// `urbancast`.
        public var tool = "urbancast"
        /// UrbanCast's version.
        public var version = UrbanCastVersion.string
        /// The command line.
        public var command: [String]
        /// The input files, specification first.
        public var inputs: [Input]
        /// The seed, as text.
        public var seed: String
        /// The number of draws.
        public var draws: Int
        /// The time of the run, ISO 8601.
        public var time: String
        /// The files the run wrote, as ``RunDirectory/write(_:manifest:to:replacingOwnFiles:)`` lists them.
        public var files: [String]?
    }
}

/// A manifest with the list of files a run wrote after its own keys.
private struct ListedManifest<Manifest: Encodable>: Encodable {
    let manifest: Manifest
    let files: [String]

    func encode(to encoder: any Encoder) throws {
        try manifest.encode(to: encoder)
        var container = encoder.container(keyedBy: JSONCodingKey.self)
        try container.encode(files, forKey: JSONCodingKey(stringValue: "files"))
    }
}
