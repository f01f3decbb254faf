/// Why UrbanCast would not, or could not, write an output: the typed error of ``OutputFile`` and
/// ``RunDirectory``.
///
/// The library never names a command-line option in these messages; the command-line tool adds
/// its own words (which option replaces an existing output) from ``reason``.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What stands in the way.
    public enum Reason: Equatable, Sendable {
        /// A file is already there and replacing it was not asked for.
        case fileExists
        /// A folder is where a file should be written.
        case isFolder
        /// A file is where a run folder should be written.
        case isFile
        /// A part of the path above the output is a file, so no folder can be made there.
        case parentIsFile(String)
        /// The folder holds files that UrbanCast did not write (the first few names, and how many
        /// there are in all).
        case foreignFiles(names: [String], count: Int)
        /// The folder holds files that UrbanCast did not write under names the run would write
        /// (a `manifest.json` of another program, say), which are never replaced.
        case namesTaken([String])
        /// The operating system refused: the text is its message.
        case system(String)
    }

    /// The output path as the caller gave it.
    public var path: String
    /// What stands in the way.
    public var reason: Reason

    /// An error at `path`.
    ///
    /// - Parameters:
    ///   - path: The output path as given.
    ///   - reason: What stands in the way.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// `PATH: what is wrong`, ready to print.
    public var description: String {
        switch reason {
        case .fileExists:
            return "\(path): a file is already there; UrbanCast does not replace a file it was not asked to replace"
        case .isFolder:
            return "\(path): is a folder; give the name of a file to write"
        case .isFile:
            return "\(path): is a file; give the name of a folder to write the run into"
        case .parentIsFile(let parent):
            return "\(path): cannot make the folder, because \(parent) is a file, not a folder"
        case .foreignFiles(let names, let count):
            let listed = names.map { "'\($0)'" }.joined(separator: ", ")
            let more = count > names.count ? " and \(count - names.count) more" : ""
            return "\(path): the folder holds \(count) item\(count == 1 ? "" : "s") that UrbanCast did not write "
                + "(\(listed)\(more)); nothing was changed"
        case .namesTaken(let names):
            let listed = names.map { "'\($0)'" }.joined(separator: ", ")
            return "\(path): the folder holds \(listed), which UrbanCast did not write and would have to replace; "
                + "nothing was changed"
        case .system(let message):
            return "\(path): cannot write: \(message)"
        }
    }
}
