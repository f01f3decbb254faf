/// A JSON value whose objects keep their keys in the order they were built, so the documented
/// contracts read in their documented order and output is byte-for-byte reproducible.
///
/// Non-finite numbers (NaN, ±∞) have no JSON form and are written as `null`.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, written in Swift's shortest round-trip form (`0.1`, `1e-05`, `3482258.6345958`).
    case number(Double)
    /// An integer.
    case integer(Int)
    /// A string, escaped per RFC 8259.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with keys in insertion order.
    case object([(String, JSONValue)])

    /// Equality of all stored fields.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// A number, or `null` when it is `nil` or not finite.
    public static func optionalNumber(_ value: Double?) -> JSONValue {
        value.map(JSONValue.number) ?? .null
    }

    /// The JSON text; `indent` spaces per level, or compact when `nil`.
    ///
    /// - Complexity: O(size of the value).
    public func serialized(indent: Int? = 2) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        let newline = indent == nil ? "" : "\n"
        let pad = { (l: Int) in String(repeating: " ", count: (indent ?? 0) * l) }
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .integer(i): out += String(i)
        case let .number(x): out += x.isFinite ? (x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int64(x)) : "\(x)") : "null"
        case let .string(s): out += JSONValue.escape(s)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (k, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
                out += (k + 1 < items.count ? "," : "") + newline
            }
            out += pad(level) + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (k, (key, value)) in pairs.enumerated() {
                out += pad(level + 1) + JSONValue.escape(key) + (indent == nil ? ":" : ": ")
                value.write(into: &out, indent: indent, level: level + 1)
                out += (k + 1 < pairs.count ? "," : "") + newline
            }
            out += pad(level) + "}"
        }
    }

    private static func escape(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
