import Foundation

/// The test fixtures folder, copied into the test bundle.
func fixtureURL(_ relativePath: String) -> URL {
    guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        preconditionFailure("Fixtures folder missing from the test bundle")
    }
    return base.appendingPathComponent(relativePath)
}

/// A numeric CSV without quoting (fixtures only): header names and columns.
func readNumericCSV(_ url: URL) throws -> (names: [String], columns: [[Double]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let names = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    var columns = [[Double]](repeating: [], count: names.count)
    for line in lines where !line.isEmpty {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        for (j, field) in fields.enumerated() {
            columns[j].append(Double(field.trimmingCharacters(in: .whitespaces)) ?? .nan)
        }
    }
    return (names, columns)
}

/// Log relative error `−log10(|estimate − certified| / |certified|)`, or `−log10|estimate|` when the
/// certified value is 0, capped at 15 digits (NIST's convention for StRD).
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
    let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    return error == 0 ? 15 : min(15, -log10(error))
}
