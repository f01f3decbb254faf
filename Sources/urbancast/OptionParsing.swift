import ArgumentParser
import UrbanCast

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

/// A comma-separated model list (`--model` of backtest, `--models` of bench): split at commas
/// outside parentheses and brackets, so `combo(theta,drift)` and `arima(1,1,1)(0,1,1)[12]` stay
/// whole, each entry trimmed and parsed.
///
/// - Parameters:
///   - text: the option's value.
///   - option: the option's name for messages, e.g. `--model`.
/// - Throws: `ValidationError` (exit 2) for an empty entry or a specification that does not parse.
func parseModelList(_ text: String, option: String) throws -> [ModelSpecification] {
    var entries: [String] = [], current = "", depth = 0
    for c in text {
        switch c {
        case "(", "[": depth += 1
        case ")", "]": depth -= 1
        default: break
        }
        if c == "," && depth == 0 {
            entries.append(current)
            current = ""
        } else {
            current.append(c)
        }
    }
    entries.append(current)
    var models: [ModelSpecification] = []
    for entry in entries {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("\(option) has an empty entry in '\(text)'") }
        do {
            models.append(try ModelSpecification(parsing: trimmed))
        } catch {
            throw ValidationError(error.description)
        }
    }
    return models
}
