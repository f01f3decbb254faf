import Foundation
import UrbanCast

extension HTMLReport {
    /// Whether the file at `path` is a report UrbanCast wrote: it begins with the HTML head
    /// ``html()`` writes, `generator` meta tag included. Only such a file is ever replaced.
    ///
    /// - Parameter path: A file.
    /// - Returns: `true` for an UrbanCast report, `false` for anything else or nothing.
    public static func isOwnReport(at path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        return String(decoding: head, as: UTF8.self)
            .hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"\(generator)\">\n")
    }

    /// Write the report to `path` whole or not at all (``OutputFile``: a temporary file renamed
    /// into place), replacing only a report UrbanCast wrote there before.
    ///
    /// - Parameter path: The HTML file.
    /// - Throws: ``OutputError`` with ``OutputError/Reason/fileExists`` for a file there that is
    ///   not an UrbanCast report, ``OutputError/Reason/isFolder`` for a folder, and the other
    ///   reasons of ``OutputFile``; the path is then as it was.
    /// - Complexity: O(size of the report).
    public func write(to path: String) throws(OutputError) {
        let file = try OutputFile(path: path, replacingExisting: Self.isOwnReport(at: path))
        do {
            try file.write(Array(html().utf8))
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
