/// Typed access to a ``SpecNode`` tree that records every problem with its key path, so that one
/// pass over a specification reports all of its errors.
struct SpecReader {
    let file: String
    private(set) var diagnostics: [SpecDiagnostic] = []

    init(file: String) { self.file = file }

    mutating func fail(_ path: String, _ message: String) {
        diagnostics.append(SpecDiagnostic(file: file, path: path.isEmpty ? nil : path, message: message))
    }

    /// `parent.key`, or `key` at the root.
    static func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    /// The pairs of a mapping, reporting unknown keys; `nil` (reported) for another type.
    mutating func mapping(_ node: SpecNode, _ path: String, allowed: [String]? = nil) -> [(key: String, value: SpecNode)]? {
        guard case .mapping(let pairs) = node.kind else {
            fail(path, "expected a mapping, got \(node.shortDescription)")
            return nil
        }
        if let allowed {
            for (key, _) in pairs where !allowed.contains(key) {
                fail(Self.join(path, key), "unknown key; expected one of: \(allowed.joined(separator: ", "))")
            }
        }
        return pairs
    }

    /// The items of a list; `nil` (reported) for another type.
    mutating func sequence(_ node: SpecNode, _ path: String) -> [SpecNode]? {
        guard case .sequence(let items) = node.kind else {
            fail(path, "expected a list, got \(node.shortDescription)")
            return nil
        }
        return items
    }

    mutating func string(_ node: SpecNode, _ path: String) -> String? {
        guard case .scalar(let text, _) = node.kind else {
            fail(path, "expected a text value, got \(node.shortDescription)")
            return nil
        }
        return text
    }

    mutating func number(_ node: SpecNode, _ path: String) -> Double? {
        guard case .scalar(let text, let quoted) = node.kind, !quoted,
              let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite
        else {
            fail(path, "expected a finite number, got \(node.shortDescription)")
            return nil
        }
        return value
    }

    mutating func integer(_ node: SpecNode, _ path: String) -> Int? {
        guard case .scalar(let text, let quoted) = node.kind, !quoted, let value = Int(text) else {
            fail(path, "expected a whole number, got \(node.shortDescription)")
            return nil
        }
        return value
    }

    /// A calendar year in 1…9999 (the dates the series grammar accepts).
    mutating func year(_ node: SpecNode, _ path: String) -> Int? {
        guard let value = integer(node, path) else { return nil }
        guard (1...9999).contains(value) else {
            fail(path, "expected a year between 1 and 9999, got \(value)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: SpecNode, _ path: String) -> Bool? {
        if case .scalar(let text, false) = node.kind {
            if ["true", "True", "TRUE", "yes"].contains(text) { return true }
            if ["false", "False", "FALSE", "no"].contains(text) { return false }
        }
        fail(path, "expected true or false, got \(node.shortDescription)")
        return nil
    }

    /// A list of strings, or a single string as a one-element list.
    mutating func strings(_ node: SpecNode, _ path: String) -> [String]? {
        if case .scalar = node.kind { return string(node, path).map { [$0] } }
        guard let items = sequence(node, path) else { return nil }
        var out: [String] = []
        for (k, item) in items.enumerated() {
            guard let text = string(item, "\(path)[\(k)]") else { return nil }
            out.append(text)
        }
        return out
    }
}

extension Array where Element == (key: String, value: SpecNode) {
    /// The value of `key`, if present.
    subscript(key: String) -> SpecNode? { first { $0.key == key }?.value }
}
