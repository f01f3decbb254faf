import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast datasets`: list the bundled real datasets.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the real datasets bundled in Datasets/ with a one-line description.",
        discussion: """
            The folder is found from URBANCAST_DATASETS, else by walking up from the current \
            directory and from the urbancast executable. Sources, licences and units are in \
            Datasets/README.md.

            Example:
              urbancast datasets
            """
    )

    func run() throws {
        guard let directory = DatasetCatalog.locate() else {
            printError(DatasetCatalogError.notFound.description)
            throw ExitCode(1)
        }
        let catalog: DatasetCatalog
        do {
            catalog = try DatasetCatalog(directory: directory)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        let width = catalog.entries.map(\.file.count).max() ?? 0
        print("Datasets in \(directory.path)")
        for entry in catalog.entries {
            let size = entry.bytes.map(formatBytes) ?? "missing"
            print(entry.file.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                  + size.leftPadded(to: 8) + "  " + entry.description)
        }
    }
}

/// Write a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((withInputFlags(message) + "\n").utf8))
}

/// `1.5 MB`, `23 kB`, `512 B`.
func formatBytes(_ bytes: Int) -> String {
    if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1e6) }
    if bytes >= 1_000 { return String(format: "%.0f kB", Double(bytes) / 1e3) }
    return "\(bytes) B"
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
