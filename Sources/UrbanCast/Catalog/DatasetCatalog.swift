import Foundation

/// The real datasets bundled in the project's `Datasets/` folder, as listed in its `README.md`.
///
/// The README's first table (`| file | description |`) is the catalogue; each row names a CSV in the
/// folder and describes it in one line. Cards with source, licence and units follow in the README.
public struct DatasetCatalog: Sendable {
    /// One bundled dataset.
    public struct Entry: Sendable, Equatable {
        /// File name inside the datasets folder, e.g. `nyc_water_long.csv`.
        public let file: String
        /// One-line description from the README table.
        public let description: String
        /// Size of the file in bytes, or `nil` if the file is missing.
        public let bytes: Int?
    }

    /// The datasets folder.
    public let directory: URL
    /// The entries in README order.
    public let entries: [Entry]

    /// Read the catalogue of a datasets folder.
    ///
    /// - Parameter directory: the folder that holds `README.md` and the CSV files.
    /// - Throws: `DatasetCatalogError.unreadable` if `README.md` cannot be read,
    ///   `.noTable` if it has no `| file | description |` table.
    /// - Complexity: O(size of the README).
    public init(directory: URL) throws(DatasetCatalogError) {
        let readme = directory.appendingPathComponent("README.md")
        guard let text = try? String(contentsOf: readme, encoding: .utf8) else {
            throw .unreadable(readme.path)
        }
        var entries: [Entry] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inTable {
                if trimmed.replacingOccurrences(of: " ", with: "").lowercased() == "|file|description|" { inTable = true }
                continue
            }
            guard trimmed.hasPrefix("|") else { break }
            let cells = trimmed.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, !cells[1].hasPrefix("---") else { continue }
            let file = cells[1]
            let size = (try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(file).path))?[.size] as? Int
            entries.append(Entry(file: file, description: cells[2], bytes: size))
        }
        guard !entries.isEmpty else { throw .noTable(readme.path) }
        self.directory = directory
        self.entries = entries
    }

    /// Find the datasets folder: the `URBANCAST_DATASETS` environment variable if set, else the
    /// first `Datasets/README.md` (or `share/urbancast/Datasets/README.md`, where `make install`
    /// puts it) found walking up from the current directory and then from the running executable
    /// (so `.build/release/urbancast` finds the checkout it was built in, and
    /// `PREFIX/bin/urbancast` finds `PREFIX/share/urbancast/Datasets`).
    ///
    /// - Parameter executablePath: The running executable (default: the process's own, as the
    ///   system reports it, so a command found on `PATH` works too).
    /// - Returns: the folder, or `nil` if none is found.
    public static func locate(executablePath: String? = Bundle.main.executablePath ?? CommandLine.arguments.first) -> URL? {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["URBANCAST_DATASETS"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var starts = [URL(fileURLWithPath: fileManager.currentDirectoryPath)]
        if let executablePath {
            starts.append(URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                for candidate in [directory.appendingPathComponent("Datasets"),
                                  directory.appendingPathComponent("share/urbancast/Datasets")]
                where fileManager.fileExists(atPath: candidate.appendingPathComponent("README.md").path) {
                    return candidate
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }
}

/// Why the dataset catalogue could not be read.
public enum DatasetCatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The README at this path could not be read.
    case unreadable(String)
    /// The README has no `| file | description |` table.
    case noTable(String)
    /// No datasets folder was found.
    case notFound

    /// A sentence for people: what went wrong or what the value is.
    public var description: String {
        switch self {
        case let .unreadable(path): return "\(path): cannot read the dataset catalogue"
        case let .noTable(path): return "\(path): no '| file | description |' table"
        case .notFound: return "no Datasets/ folder found; set URBANCAST_DATASETS to its path"
        }
    }
}
