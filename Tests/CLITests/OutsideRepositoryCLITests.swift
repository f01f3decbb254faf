import Foundation
import Testing

/// The binary finds its bundled datasets and standards tables when run from a folder outside the
/// repository: from the build folder it was built in, and after `make install` from
/// `PREFIX/share/urbancast`.
@Suite struct OutsideRepositoryCLITests {
    static func elsewhere() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let beijing = CLITests.repositoryRoot.appendingPathComponent("Datasets/beijing_12sites_daily_long.csv").path

    @Test func buildFolderBinaryWorksFromAnotherFolder() throws {
        let folder = try Self.elsewhere()
        let datasets = try CLITests.run(["datasets"], in: folder)
        #expect(datasets.status == 0, "\(datasets.error)")
        #expect(datasets.output.contains("nyc_water_long.csv"), "\(datasets.output)")
        let standards = try CLITests.run(["air", "standards", Self.beijing, "--pollutant", "PM2.5", "--city"], in: folder)
        #expect(standards.status == 0, "\(standards.error)")
        #expect(standards.output.contains("WHO"), "\(standards.output)")
    }

    /// The layout `make install` writes (binary in PREFIX/bin, data in PREFIX/share/urbancast),
    /// built here by copying, found with no repository above it.
    @Test func installedLayoutIsFound() throws {
        let prefix = try Self.elsewhere()
        let manager = FileManager.default
        let bin = prefix.appendingPathComponent("bin"), share = prefix.appendingPathComponent("share/urbancast")
        try manager.createDirectory(at: bin, withIntermediateDirectories: true)
        try manager.createDirectory(at: share.appendingPathComponent("Models"), withIntermediateDirectories: true)
        try manager.copyItem(at: CLITests.executable, to: bin.appendingPathComponent("urbancast"))
        try manager.copyItem(at: CLITests.repositoryRoot.appendingPathComponent("Datasets"), to: share.appendingPathComponent("Datasets"))
        try manager.copyItem(at: CLITests.repositoryRoot.appendingPathComponent("Models/air-quality"),
                             to: share.appendingPathComponent("Models/air-quality"))
        let (status, text) = try Self.run(bin.appendingPathComponent("urbancast"), ["datasets"])
        #expect(status == 0)
        #expect(text.hasPrefix("Datasets in \(share.appendingPathComponent("Datasets").path)"), "\(text)")
    }

    /// A binary copied alone to a folder with no standards files near it uses the tables built
    /// into the library, and prints what the repository's files give.
    @Test func copiedBinaryUsesTheBuiltInStandards() throws {
        let folder = try Self.elsewhere()
        let binary = folder.appendingPathComponent("urbancast")
        try FileManager.default.copyItem(at: CLITests.executable, to: binary)
        let arguments = ["air", "standards", Self.beijing, "--pollutant", "PM2.5,NO2", "--city", "--format", "json"]
        let (status, alone) = try Self.run(binary, arguments)
        let inRepository = try CLITests.run(arguments)
        #expect(status == 0 && inRepository.status == 0, "\(inRepository.error)")
        #expect(alone.contains("\"highestLevelMet\""))
        #expect(alone == inRepository.output)
    }

    /// Runs `executable` from a new folder outside the repository: its status and standard output.
    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = try elsewhere()
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
