import Foundation
import Testing
import UrbanCast

/// The fixtures folder copied into the test bundle.
func fixtureURL(_ name: String) throws -> URL {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return folder.appendingPathComponent(name)
}

/// Parses a date written in the series grammar, failing the test if it is not one.
func date(_ text: String) throws -> SeriesDate {
    try SeriesDate(parsing: text)
}

/// The diagnostics a long-format read reports for `csv`, or an empty list if it succeeds.
func longFormatDiagnostics(_ csv: String, options: LongFormat.Options = .init()) -> [DataDiagnostic] {
    do {
        _ = try LongFormat.read(Array(csv.utf8), file: "t.csv", options: options)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Checks that `diagnostics` holds exactly one entry, at `line:column`, whose message contains
/// `fragment`.
func expectSingle(
    _ diagnostics: [DataDiagnostic], at line: Int, _ column: Int, containing fragment: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(diagnostics.count == 1, "\(diagnostics)", sourceLocation: sourceLocation)
    guard let diagnostic = diagnostics.first else { return }
    #expect(
        diagnostic.line == line && diagnostic.column == column, "\(diagnostic)",
        sourceLocation: sourceLocation)
    #expect(diagnostic.message.contains(fragment), "\(diagnostic)", sourceLocation: sourceLocation)
}
