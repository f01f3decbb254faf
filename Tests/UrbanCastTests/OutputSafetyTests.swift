import Foundation
import Testing
@testable import UrbanCast

/// Nothing UrbanCast writes removes or replaces what it did not create: run folders are
/// recognised only by their own manifest, single files never replace a folder, and a failed write
/// leaves the target as it was.
@Suite(.serialized) struct OutputSafetyTests {
    /// A fresh empty folder under the temporary directory.
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    // Computed, not a stored global: LeakSanitizer reported the once-initialised global as leaked.
    static var manifest: JSONValue { .object([("format", .string(RunDirectory.format)), ("tool", .string("urbancast"))]) }

    /// A second run replaces the first run's files (a.txt goes, b.txt comes) and the manifest lists
    /// what the run wrote.
    @Test func runReplacesAnEarlierRunOfItsOwnFiles() throws {
        let out = try Self.scratch().appendingPathComponent("run")
        try RunDirectory.write([("a.txt", "1")], manifest: Self.manifest, to: out.path)
        try RunDirectory.write([("b.txt", "2")], manifest: Self.manifest, to: out.path)
        #expect(try Self.names(out) == ["b.txt", "manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(manifest["files"] as? [String] == ["b.txt"])
        #expect(try Self.names(out.deletingLastPathComponent()) == ["run"], "no temporary left beside the run")
    }

    /// A folder with a foreign `manifest.json` (a web extension, a data package) is not a run:
    /// refused, every file kept byte for byte, with or without replacing own files.
    @Test func foreignManifestIsNeverTakenForARun() throws {
        let folder = try Self.scratch()
        try #"{"name": "extension", "version": "1.0"}"#.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        try "code".write(to: folder.appendingPathComponent("background.js"), atomically: true, encoding: .utf8)
        for force in [false, true] {
            #expect(throws: OutputError(path: folder.path, reason: .namesTaken(["manifest.json"]))) {
                try RunDirectory.write([("forecast.csv", "x")], manifest: Self.manifest, to: folder.path, replacingOwnFiles: force)
            }
        }
        #expect(try Self.names(folder) == ["background.js", "manifest.json"])
        #expect(try Self.read(folder.appendingPathComponent("manifest.json")) == #"{"name": "extension", "version": "1.0"}"#)
    }

    /// A folder of a user's files is refused; asked to, the run is written beside them and an
    /// earlier run there is replaced, the user's files untouched.
    @Test func userFilesSurviveAndForceWritesBesideThem() throws {
        let folder = try Self.scratch()
        try "keep".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: OutputError(path: folder.path, reason: .foreignFiles(names: ["notes.txt"], count: 1))) {
            try RunDirectory.write([("a.txt", "1")], manifest: Self.manifest, to: folder.path)
        }
        #expect(try Self.names(folder) == ["notes.txt"])
        try RunDirectory.write([("a.txt", "1")], manifest: Self.manifest, to: folder.path, replacingOwnFiles: true)
        try RunDirectory.write([("b.txt", "2")], manifest: Self.manifest, to: folder.path, replacingOwnFiles: true)
        #expect(try Self.names(folder) == ["b.txt", "manifest.json", "notes.txt"])
        #expect(try Self.read(folder.appendingPathComponent("notes.txt")) == "keep")
        #expect(try Self.read(folder.appendingPathComponent("b.txt")) == "2")
    }

    /// A file where a run folder should go, a file above it, and a run file name a user's file
    /// already has are all refused without change.
    @Test func runFolderRefusals() throws {
        let folder = try Self.scratch()
        let file = folder.appendingPathComponent("data.csv")
        try "a,b\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: OutputError(path: file.path, reason: .isFile)) {
            try RunDirectory.write([("a.txt", "1")], manifest: Self.manifest, to: file.path)
        }
        let below = file.appendingPathComponent("run").path
        #expect(throws: OutputError(path: below, reason: .parentIsFile(file.path))) {
            try RunDirectory.write([("a.txt", "1")], manifest: Self.manifest, to: below)
        }
        #expect(throws: OutputError(path: folder.path, reason: .namesTaken(["data.csv"]))) {
            try RunDirectory.write([("data.csv", "1")], manifest: Self.manifest, to: folder.path, replacingOwnFiles: true)
        }
        #expect(try Self.read(file) == "a,b\n")
        #expect(try Self.names(folder) == ["data.csv"])
    }

    /// A manifest written before manifests listed their files is still recognised, but only
    /// with nothing beside the five files a scenario run wrote.
    @Test func earlierRunsAreRecognisedByTheirFiveFiles() throws {
        let folder = try Self.scratch().appendingPathComponent("run")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["forecast.csv", "decomposition.csv", "savings.csv", "summary.json"] {
            try "old".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try #"{"tool": "urbancast", "version": "0.9"}"#.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        try RunDirectory.write([("forecast.csv", "new")], manifest: Self.manifest, to: folder.path)
        #expect(try Self.names(folder) == ["forecast.csv", "manifest.json"])
        #expect(try Self.read(folder.appendingPathComponent("forecast.csv")) == "new")
    }

    /// A single file never replaces a folder, replaces a file only when asked, and a discarded
    /// write leaves the earlier file and no temporary.
    @Test func outputFileRules() throws {
        let folder = try Self.scratch()
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "inside".write(to: sub.appendingPathComponent("x.txt"), atomically: true, encoding: .utf8)
        #expect(throws: OutputError(path: sub.path, reason: .isFolder)) {
            try OutputFile(path: sub.path, replacingExisting: true)
        }
        #expect(try Self.names(sub) == ["x.txt"])

        let target = folder.appendingPathComponent("out.csv")
        let first = try OutputFile(path: target.path, replacingExisting: false)
        try first.write(Array("one\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: target.path), "nothing appears before the commit")
        try first.commit()
        #expect(try Self.read(target) == "one\n")
        #expect(throws: OutputError(path: target.path, reason: .fileExists)) {
            try OutputFile(path: target.path, replacingExisting: false)
        }
        let second = try OutputFile(path: target.path, replacingExisting: true)
        try second.write(Array("two\n".utf8))
        second.discard()
        #expect(try Self.read(target) == "one\n")
        #expect(try Self.names(folder) == ["out.csv", "sub"])
    }

    /// The registry removes what an interrupted writer left: the temporary of an open file.
    @Test func interruptedWritesAreRemoved() throws {
        let folder = try Self.scratch()
        let file = try OutputFile(path: folder.appendingPathComponent("big.csv").path, replacingExisting: false)
        try file.write(Array("partial".utf8))
        #expect(try Self.names(folder).count == 1)
        TemporaryOutputs.removeAll()
        #expect(try Self.names(folder).isEmpty)
        withExtendedLifetime(file) {}
    }
}
