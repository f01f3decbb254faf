import Foundation
import Yams

/// A parsed YAML or JSON document as a small tree that keeps mapping order and each node's line,
/// so that the scenario reader can name key paths and keep scenarios in the order written.
struct SpecNode {
    enum Kind {
        /// A scalar's text; `quoted` when written in quotes (then it is a string, never a number).
        case scalar(String, quoted: Bool)
        case mapping([(key: String, value: SpecNode)])
        case sequence([SpecNode])
        case null
    }

    var kind: Kind
    /// The line in the file, from 1.
    var line: Int

    /// A short name of the node's type for messages: `a mapping`, `a list`, `'abc'`, `null`.
    var shortDescription: String {
        switch kind {
        case let .scalar(text, quoted): quoted ? "the string '\(text)'" : "'\(text)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .null: "nothing (null)"
        }
    }

    /// Parse YAML (JSON is read as the YAML flow subset, tabs between tokens allowed): the one
    /// entry point of every specification reader, so that all of them keep to the same bounds.
    ///
    /// - Parameters:
    ///   - text: The YAML or JSON.
    ///   - file: The name used in messages (a `.json` suffix selects JSON whitespace rules).
    ///   - limits: The nesting and alias-expansion bounds, checked before the tree is built.
    /// - Throws: `ScenarioError.spec` with `FILE:LINE:COLUMN: problem` for a syntax error, nesting
    ///   or alias expansion beyond `limits`, a mapping key that is not a scalar, or a key written
    ///   twice in one mapping.
    /// - Complexity: O(size of the text + nodes added by aliases).
    static func parse(_ text: String, file: String, limits: SpecLimits = .standard) throws(ScenarioError) -> SpecNode {
        // JSON allows tabs as whitespace between tokens, YAML's block scanner does not; raw tabs
        // cannot occur inside JSON strings, so replacing them changes nothing else.
        var source = file.lowercased().hasSuffix(".json") ? text.replacingOccurrences(of: "\t", with: " ") : text
        // Yams composes recursively and shares aliased subtrees that `convert` then copies, so
        // the bounds are checked first, on the event stream alone.
        let excess = source.withUTF8 { limits.firstExcess(in: $0, file: file) }
        if let excess { throw .spec([excess]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: source)
        } catch let error as YamlError {
            throw .spec([Self.diagnostic(for: error, file: file)])
        } catch {
            throw .spec([SpecDiagnostic(file: file, path: nil, message: "cannot parse: \(error)")])
        }
        guard let root else { return SpecNode(kind: .null, line: 1) }
        var problems: [SpecDiagnostic] = []
        let node = convert(root, file: file, problems: &problems)
        guard problems.isEmpty else { throw .spec(problems) }
        return node
    }

    private static func convert(_ node: Node, file: String, problems: inout [SpecDiagnostic]) -> SpecNode {
        let line = node.mark?.line ?? 1
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            if !quoted && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return SpecNode(kind: .null, line: line)
            }
            return SpecNode(kind: .scalar(scalar.string, quoted: quoted), line: line)
        case .sequence(let sequence):
            return SpecNode(kind: .sequence(sequence.map { convert($0, file: file, problems: &problems) }), line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, value: SpecNode)] = []
            var seen = Set<String>()
            for (key, value) in mapping {
                let keyLine = key.mark?.line ?? line
                guard case .scalar(let scalar) = key else {
                    problems.append(SpecDiagnostic(file: file, line: keyLine, column: key.mark?.column ?? 1,
                                                   message: "a mapping key must be a plain name"))
                    continue
                }
                guard seen.insert(scalar.string).inserted else {
                    problems.append(SpecDiagnostic(file: file, line: keyLine, column: key.mark?.column ?? 1,
                                                   message: "the key '\(scalar.string)' is written twice in one mapping"))
                    continue
                }
                pairs.append((scalar.string, convert(value, file: file, problems: &problems)))
            }
            return SpecNode(kind: .mapping(pairs), line: line)
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> SpecDiagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return SpecDiagnostic(file: file, line: mark.line, column: mark.column, message: text)
        case let .reader(problem, offset, _, yaml):
            // libyaml's reader errors (a control character, say) carry only an offset, which
            // Yams gives in characters.
            guard let offset else { return SpecDiagnostic(file: file, path: nil, message: "cannot read: \(problem)") }
            let (line, column) = position(ofCharacter: offset, in: yaml)
            return SpecDiagnostic(file: file, line: line, column: column, message: "cannot read: \(problem)")
        default:
            return SpecDiagnostic(file: file, path: nil, message: "cannot parse: \(error)")
        }
    }
}
