import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The commands that write files never remove or replace what UrbanCast did not create, and an
/// interrupted command leaves the previous output or nothing.
@Suite struct OutputSafetyCLITests {
    static let simulate = ["simulate", "--model", "arima(0,0,0)", "--n", "2", "--length", "3"]

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func names(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// `simulate --output EXISTING_FOLDER` used to delete the folder recursively and write a CSV in
    /// its place; now it refuses, exit 1, and the folder keeps its files.
    @Test func simulateNeverReplacesAFolder() throws {
        let folder = try Self.folder()
        let inside = folder.appendingPathComponent("thesis.docx")
        try "chapter one".write(to: inside, atomically: true, encoding: .utf8)
        for extra in [[], ["--force"]] {
            let result = try CLITests.run(Self.simulate + ["--output", folder.path] + extra)
            #expect(result.status == 1)
            #expect(result.error == "\(folder.path): is a folder; give the name of a file to write\n")
        }
        #expect(try Self.names(folder) == ["thesis.docx"])
        #expect(try String(contentsOf: inside, encoding: .utf8) == "chapter one")
    }

    /// An existing file is replaced only with --force, and the message says so.
    @Test func simulateReplacesAFileOnlyWhenAsked() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("sim.csv")
        try "mine".write(to: file, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(Self.simulate + ["--output", file.path])
        #expect(refused.status == 1)
        #expect(refused.error.contains("a file is already there"), "\(refused.error)")
        #expect(refused.error.contains("add --force to replace it"), "\(refused.error)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
        let forced = try CLITests.run(Self.simulate + ["--output", file.path, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("series,date,value\nsim1,2000-01,"))
        #expect(try Self.names(folder) == ["sim.csv"])
    }

    /// An output below a file is a clear message, not "NSCocoaErrorDomain error 512".
    @Test func outputBelowAFileIsExplained() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("data.csv")
        try "a\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLITests.run(["scenario", "run", ScenarioCLITests.nyc, "--draws", "0", "--out", file.path + "/run"])
        #expect(result.status == 1)
        #expect(result.error == "\(file.path)/run: cannot make the folder, because \(file.path) is a file, not a folder\n")
        let simulated = try CLITests.run(Self.simulate + ["--output", file.path + "/sim.csv"])
        #expect(simulated.status == 1)
        #expect(simulated.error.contains("because \(file.path) is a file, not a folder"), "\(simulated.error)")
        #expect(try Self.names(folder) == ["data.csv"])
    }

    /// A folder that merely holds a `manifest.json` (a web extension) is not an earlier run: it
    /// used to be replaced whole; now it is refused with or without --force, every file kept.
    @Test func scenarioRunKeepsAForeignManifestFolder() throws {
        let folder = try Self.folder()
        try #"{"manifest_version": 3}"#.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        try "chrome.runtime".write(to: folder.appendingPathComponent("background.js"), atomically: true, encoding: .utf8)
        for extra in [[], ["--force"]] {
            let result = try CLITests.run(["scenario", "run", ScenarioCLITests.nyc, "--draws", "0", "--out", folder.path] + extra)
            #expect(result.status == 1)
            #expect(result.error.contains("the folder holds 'manifest.json', which UrbanCast did not write"), "\(result.error)")
        }
        #expect(try Self.names(folder) == ["background.js", "manifest.json"])
        #expect(try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8) == #"{"manifest_version": 3}"#)
    }

    /// A run writes beside a user's files only with --force, and a second run then replaces only
    /// its own files.
    @Test func scenarioRunBesideUserFilesWithForce() throws {
        let folder = try Self.folder()
        try "keep".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["scenario", "run", ScenarioCLITests.nyc, "--draws", "0", "--out", folder.path])
        #expect(refused.status == 1)
        #expect(refused.error.contains("1 item that UrbanCast did not write ('notes.txt')"), "\(refused.error)")
        #expect(try Self.names(folder) == ["notes.txt"])
        for _ in 0..<2 {
            let result = try CLITests.run(["scenario", "run", ScenarioCLITests.nyc, "--draws", "0", "--out", folder.path, "--force"])
            #expect(result.status == 0, "\(result.error)")
        }
        #expect(try Self.names(folder)
            == ["decomposition.csv", "forecast.csv", "manifest.json", "notes.txt", "savings.csv", "summary.json"])
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
    }

    /// SIGINT or SIGTERM in the middle of a long `simulate --output` leaves neither the file nor a
    /// temporary, and an earlier file stays as it was.
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedSimulateLeavesNothing(signalNumber: Int32) throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("sim.csv")
        try "earlier".write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = ["simulate", "--model", "arima(1,0,0)", "--param", "ar1=0.5", "--n", "2000000", "--length", "200",
                             "--output", file.path, "--force", "--threads", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary file exists, so the signal arrives mid-write.
        var waited = 0
        while try Self.names(folder).count < 2 && waited < 600 {
            usleep(50_000)
            waited += 1
        }
        #expect(try Self.names(folder).count == 2, "the temporary file appeared")
        usleep(200_000)
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signalNumber)
        #expect(try Self.names(folder) == ["sim.csv"])
        #expect(try String(contentsOf: file, encoding: .utf8) == "earlier")
    }
}
