import Foundation

/// An `Encoder` that turns any `Encodable` value into a ``JSONValue`` tree, which
/// ``JSONValue/serialized(indent:)`` then writes deterministically.
///
/// Every JSON document of the `urbancast` tool is produced this way, from typed results whose
/// `CodingKeys` are the contract. Unlike Foundation's `JSONEncoder`:
/// - an object's keys keep the order in which `encode(to:)` wrote them (the order of the
///   `CodingKeys` for a synthesised conformance), so documents read in their documented order;
///   encoding a key a second time replaces its value in place;
/// - a dictionary with `String` keys is written with its keys sorted, since its own order
///   changes from one process to the next;
/// - a non-finite `Double` or `Float` (NaN, ±∞) is kept, and written as `null`;
/// - `Date` is written as its ISO 8601 text (`2026-12-07T06:30:00Z`), `URL` as its absolute
///   string.
///
/// `nil` follows the `Codable` conventions: `encodeIfPresent` (what synthesised conformances use
/// for an optional property) leaves the key out, while `encode(_:forKey:)` with an optional, or
/// `encodeNil`, writes `null`.
///
/// ```swift
/// struct Point: Encodable { let x: Double; let y: Double? }
/// let json = try JSONValueEncoder().encode(Point(x: .nan, y: 2))
/// json.serialized(indent: nil)  // {"x":null,"y":2}
/// ```
public struct JSONValueEncoder: Sendable {
    /// Values for the types being encoded, as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// An encoder with no user info.
    public init() {}

    /// The JSON tree of `value`.
    ///
    /// - Parameter value: The value to encode.
    /// - Returns: Its tree; `null` when `value` encoded nothing.
    /// - Throws: `EncodingError.invalidValue` for an unsigned integer above `Int.max`, which a
    ///   JSON reader may not hold exactly (encode such a value as a string), and whatever
    ///   `value.encode(to:)` throws.
    /// - Complexity: O(size of the encoded value).
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = JSONNode()
        try JSONTreeEncoder(node: root, codingPath: [], userInfo: userInfo).encodeValue(value)
        return root.value
    }

    /// The JSON text of `value` with `"schemaVersion"` (``JSONContract/schemaVersion``) as its
    /// first key when it is an object: an `urbancast` document.
    ///
    /// - Parameters:
    ///   - value: The document's value.
    ///   - indent: Spaces per level, or `nil` for compact text.
    /// - Returns: The text, without a final newline.
    /// - Throws: As ``encode(_:)``.
    /// - Complexity: O(size of the encoded value).
    public func document<T: Encodable>(_ value: T, indent: Int? = 2) throws -> String {
        JSONContract.versioned(try encode(value)).serialized(indent: indent)
    }
}

/// A node of the tree under construction: containers hand out child nodes and fill them later,
/// so nodes are references.
final class JSONNode {
    enum Kind { case empty, scalar, object, array }
    var kind = Kind.empty
    var scalar = JSONValue.null
    var keys: [String] = []
    var children: [JSONNode] = []

    var value: JSONValue {
        switch kind {
        case .empty: .null
        case .scalar: scalar
        case .object: .object(zip(keys, children).map { ($0, $1.value) })
        case .array: .array(children.map(\.value))
        }
    }

    func set(_ value: JSONValue) {
        kind = .scalar
        scalar = value
        keys = []
        children = []
    }

    /// Make this node an object (keeping its keys when it already is one).
    func becomeObject() {
        if kind != .object {
            kind = .object
            keys = []
            children = []
        }
    }

    /// Make this node an array (keeping its elements when it already is one).
    func becomeArray() {
        if kind != .array {
            kind = .array
            keys = []
            children = []
        }
    }

    /// The child under `key`, replaced by an empty node when it exists, added at the end otherwise.
    func child(forKey key: String) -> JSONNode {
        let node = JSONNode()
        if let index = keys.firstIndex(of: key) {
            children[index] = node
        } else {
            keys.append(key)
            children.append(node)
        }
        return node
    }

    func appendChild() -> JSONNode {
        let node = JSONNode()
        children.append(node)
        return node
    }
}

/// A dictionary whose keys are strings, written with sorted keys.
private protocol StringKeyedDictionary {
    func sortedEncodablePairs() -> [(String, any Encodable)]
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    fileprivate func sortedEncodablePairs() -> [(String, any Encodable)] {
        sorted { $0.key < $1.key }.map { ($0.key, $0.value as any Encodable) }
    }
}

/// A coding key made from a string or an index.
struct JSONCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init(intValue: Int) { stringValue = "Index \(intValue)"; self.intValue = intValue }
    static let superKey = JSONCodingKey(stringValue: "super")
}

struct JSONTreeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    let storedUserInfo: [CodingUserInfoKey: any Sendable]
    var userInfo: [CodingUserInfoKey: Any] { storedUserInfo }

    init(node: JSONNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.codingPath = codingPath
        storedUserInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedContainer(encoder: self, node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self, codingPath: codingPath)
    }

    /// An encoder for `child`, one level down at `key`.
    func nested(_ child: JSONNode, at key: any CodingKey) -> JSONTreeEncoder {
        JSONTreeEncoder(node: child, codingPath: codingPath + [key], userInfo: storedUserInfo)
    }

    /// Encode `value` into this encoder's node: scalars directly, the special cases by their
    /// JSON form, everything else through its own `encode(to:)`.
    func encodeValue(_ value: some Encodable) throws {
        if let scalar = try Self.scalar(value, codingPath: codingPath) {
            node.set(scalar)
        } else if let dictionary = value as? any StringKeyedDictionary {
            node.becomeObject()
            for (key, element) in dictionary.sortedEncodablePairs() {
                let codingKey = JSONCodingKey(stringValue: key)
                try nested(node.child(forKey: key), at: codingKey).encodeValue(element)
            }
        } else {
            try value.encode(to: self)
        }
    }

    /// The JSON form of the types the tree holds as one value, or `nil` for the others.
    static func scalar(_ value: some Encodable, codingPath: [any CodingKey]) throws -> JSONValue? {
        switch value {
        case let v as JSONValue: return v
        case let v as Bool: return .bool(v)
        case let v as String: return .string(v)
        case let v as Double: return .number(v)
        // Float's own shortest text (0.1), not that of the Double it widens to (0.10000000149011612).
        case let v as Float: return .number(v.isFinite ? Double(v.description) ?? Double(v) : Double(v))
        case let v as Int: return .integer(v)
        case let v as Int8: return .integer(Int(v))
        case let v as Int16: return .integer(Int(v))
        case let v as Int32: return .integer(Int(v))
        case let v as Int64: return .integer(Int(v))
        case let v as UInt: return try integer(v, codingPath: codingPath)
        case let v as UInt8: return .integer(Int(v))
        case let v as UInt16: return .integer(Int(v))
        case let v as UInt32: return .integer(Int(v))
        case let v as UInt64: return try integer(v, codingPath: codingPath)
        case let v as Date: return .string(v.formatted(.iso8601))
        case let v as URL: return .string(v.absoluteString)
        default: return nil
        }
    }

    static func integer(_ value: some UnsignedInteger, codingPath: [any CodingKey]) throws -> JSONValue {
        guard let exact = Int(exactly: value) else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath, debugDescription: "\(value) is above Int.max; encode it as a string"))
        }
        return .integer(exact)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        node.child(forKey: key.stringValue).set(.null)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.nested(node.child(forKey: key.stringValue), at: key).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        encoder.nested(node.child(forKey: key.stringValue), at: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.nested(node.child(forKey: key.stringValue), at: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.nested(node.child(forKey: JSONCodingKey.superKey.stringValue), at: JSONCodingKey.superKey)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.nested(node.child(forKey: key.stringValue), at: key)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int { node.children.count }

    private var nextKey: JSONCodingKey { JSONCodingKey(intValue: count) }

    mutating func encodeNil() throws {
        node.appendChild().set(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = nextKey
        try encoder.nested(node.appendChild(), at: key).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        return encoder.nested(node.appendChild(), at: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        return encoder.nested(node.appendChild(), at: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let key = nextKey
        return encoder.nested(node.appendChild(), at: key)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws {
        encoder.node.set(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.encodeValue(value)
    }
}
