import ArgumentParser

/// `--where KEY=VALUE` options as (column, value) pairs; the value may itself contain `=`.
///
/// - Throws: `ValidationError` (exit 2) for an entry without `=` or with an empty key.
func parseFilters(_ texts: [String]) throws -> [(column: String, value: String)] {
    try texts.map { text in
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("--where needs KEY=VALUE, got '\(text)'")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}

/// `--level 80,95` as percentages.
///
/// - Throws: `ValidationError` (exit 2) unless every entry is a number strictly between 0 and 100.
func parseLevels(_ text: String) throws -> [Double] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    let levels = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, levels.count == parts.count, levels.allSatisfy({ $0 > 0 && $0 < 100 }) else {
        throw ValidationError("--level needs percentages strictly between 0 and 100, e.g. 80,95; got '\(text)'")
    }
    return levels
}
