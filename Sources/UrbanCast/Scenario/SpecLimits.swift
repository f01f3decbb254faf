// libyaml's event API, through the C module Yams builds on: Yams' own parser composes
// recursively and keeps its event API private, so the bounds are checked one level below it.
import CYaml
import Foundation

/// Bounds on the work a YAML or JSON specification may ask of its reader.
///
/// Specifications come from users and from files passed around, so a small hostile file must end
/// in an error rather than a crash or an exhausted machine. Two YAML features can do that:
/// nesting (the tree is built and walked recursively, so thousands of nested `[` overflow the
/// stack) and aliases (ten levels of ten aliases, a few hundred bytes, expand to ten billion
/// nodes). Every specification reader goes through ``SpecNode/parse(_:file:limits:)``, which
/// checks these bounds on libyaml's event stream, iteratively, before anything recursive runs.
struct SpecLimits: Sendable, Equatable {
    /// The deepest nesting of mappings and lists accepted. The shipped specifications use at
    /// most five levels; 64 leaves room for any hand-written file while keeping the recursive
    /// composer and conversion far from the stack's end.
    var maximumDepth = 64
    /// The most nodes that aliases may add when expanded (each `*name` counts as a copy of all
    /// of its anchor's nodes). Written nodes are not counted: they cost memory in proportion to
    /// the file's size. 100,000 is the bound YAML libraries for untrusted input commonly use and
    /// far above what reusing a block in a specification needs.
    var maximumAliasExpansion = 100_000

    /// The limits every specification reader uses.
    static let standard = SpecLimits()

    /// The first bound the YAML in `bytes` exceeds, or `nil` when it keeps to them.
    ///
    /// Walks libyaml's events with an explicit stack, so that its own cost is linear in the
    /// events read and independent of the nesting. A syntax error ends the check with `nil`:
    /// the composer that runs next reports it with its usual message, having met no more than
    /// the nesting seen here before the error.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 text.
    ///   - file: The name used in the diagnostic.
    /// - Returns: A diagnostic at the line and column of the node that went over a bound.
    /// - Complexity: O(events up to the first excess).
    func firstExcess(in bytes: UnsafeBufferPointer<UInt8>, file: String) -> SpecDiagnostic? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        // The open collections, each with its anchor and its node count so far (aliases
        // expanded), so that an anchor's size is known when the collection closes.
        var open: [(anchor: String?, nodes: Int)] = []
        var anchorNodes: [String: Int] = [:]
        var added = 0
        func close(_ nodes: Int, anchor: String?) {
            if let anchor { anchorNodes[anchor] = nodes }
            if !open.isEmpty { open[open.count - 1].nodes += nodes }
        }
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard open.count < maximumDepth else {
                    return SpecDiagnostic(
                        file: file, line: line, column: column,
                        message: "mappings and lists are nested more than \(maximumDepth) levels deep here; "
                            + "a specification needs only a few levels, and the reader refuses deeper nesting "
                            + "so that it cannot run out of stack")
                }
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? Self.text(event.data.sequence_start.anchor) : Self.text(event.data.mapping_start.anchor)
                open.append((anchor, 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let done = open.popLast() { close(done.nodes, anchor: done.anchor) }
            case YAML_SCALAR_EVENT:
                close(1, anchor: Self.text(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                // An undefined alias counts as one node; the composer reports it.
                let name = Self.text(event.data.alias.anchor)
                let nodes = name.flatMap { anchorNodes[$0] } ?? 1
                added += nodes
                guard added <= maximumAliasExpansion else {
                    return SpecDiagnostic(
                        file: file, line: line, column: column,
                        message: "expanding the alias *\(name ?? "") brings the nodes added by aliases above "
                            + "\(maximumAliasExpansion); "
                            + "the reader refuses to expand more so that a small file cannot exhaust memory "
                            + "(write the repeated block out, or use fewer nested aliases)")
                }
                close(nodes, anchor: nil)
            default:
                break
            }
        }
        return nil
    }

    /// A NUL-terminated libyaml string as Swift text.
    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension SpecNode {
    /// Why the text of a specification file could not be had.
    enum TextError: Error, Equatable {
        /// The file could not be read; the reason.
        case unreadable(String)
        /// The bytes are not UTF-8: a diagnostic at the first invalid byte.
        case notUTF8(SpecDiagnostic)
    }

    /// The text of a specification file, checked to be UTF-8.
    ///
    /// - Parameter path: The file, also the name used in the diagnostic.
    /// - Throws: ``TextError/unreadable(_:)``, or ``TextError/notUTF8(_:)`` at
    ///   `FILE:LINE:COLUMN` of the first byte that is not UTF-8 (the column counts characters,
    ///   as libyaml's do).
    /// - Complexity: O(size of the file).
    static func text(contentsOf path: String) throws(TextError) -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(error.localizedDescription)
        }
        if let text = String(validating: data, as: UTF8.self) { return text }
        // Not UTF-8: decode again, counting, to say where.
        var offset = 0, line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                let byte = data.dropFirst(offset).first.map { "byte 0x" + String($0, radix: 16, uppercase: true) } ?? "the end"
                throw .notUTF8(SpecDiagnostic(
                    file: path, line: line, column: column,
                    message: "\(byte) (byte offset \(offset)) is not valid UTF-8; save the file as UTF-8"))
            }
        }
    }

    /// The line and column (from 1) of the character at `offset` in `text`, for libyaml's
    /// reader errors, which give only an offset.
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
