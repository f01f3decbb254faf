/// An optional property that a document writes as `null` when it is `nil`, where a synthesised
/// `Codable` conformance would leave the key out: the contracts keep every key in every record,
/// so a reader need not tell "absent" from "unknown".
///
/// Decoding accepts the key as `null` or absent.
@propertyWrapper
public struct ExplicitNull<Value: Codable & Sendable>: Codable, Sendable {
    /// The value.
    public var wrappedValue: Value?

    /// Wrap `wrappedValue`.
    ///
    /// - Parameter wrappedValue: The value, or `nil` to write `null`.
    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    /// Decode the value, or `nil` from `null`.
    ///
    /// - Throws: `DecodingError` when the value is neither `null` nor a `Value`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    /// Encode the value, or `null`.
    ///
    /// - Throws: Whatever encoding the value throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension ExplicitNull: Equatable where Value: Equatable {}

extension KeyedDecodingContainer {
    /// An ``ExplicitNull`` property whose key is absent decodes as `nil`.
    ///
    /// - Throws: `DecodingError` when the value is neither `null` nor a `Value`.
    public func decode<Value>(_ type: ExplicitNull<Value>.Type, forKey key: Key) throws -> ExplicitNull<Value> {
        try decodeIfPresent(type, forKey: key) ?? ExplicitNull(wrappedValue: nil)
    }
}

/// Values by name in a fixed order, written as one JSON object whose keys keep that order (a
/// model's parameters, an interval bound by level `"80"`, `"95"`).
///
/// JSON does not order an object's members and Foundation's `JSONDecoder` does not report them in
/// the text's order, so decoding orders the names numerically when they are all numbers
/// (levels, probabilities) and alphabetically otherwise.
public struct NamedValues<Value: Codable & Sendable>: Codable, Sendable {
    /// The names and values, in order.
    public var pairs: [(name: String, value: Value)]

    /// Values under names, in the given order.
    ///
    /// - Parameter pairs: The names and values; a name should appear once.
    public init(_ pairs: [(name: String, value: Value)]) {
        self.pairs = pairs
    }

    /// The value named `name`, or `nil`.
    ///
    /// - Complexity: O(count).
    public subscript(name: String) -> Value? {
        pairs.first { $0.name == name }?.value
    }

    /// The names, in order.
    public var names: [String] { pairs.map(\.name) }

    /// The values, in order.
    public var values: [Value] { pairs.map(\.value) }

    /// Decode an object of name → value.
    ///
    /// - Throws: `DecodingError` when a value is not a `Value`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONCodingKey.self)
        let names = container.allKeys.map(\.stringValue)
        let numbers = names.compactMap(Double.init)
        let ordered = numbers.count == names.count
            ? zip(names, numbers).sorted { $0.1 < $1.1 }.map(\.0) : names.sorted()
        pairs = try ordered.map { ($0, try container.decode(Value.self, forKey: JSONCodingKey(stringValue: $0))) }
    }

    /// Encode the values as one object, in order.
    ///
    /// - Throws: Whatever encoding a value throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONCodingKey.self)
        for (name, value) in pairs { try container.encode(value, forKey: JSONCodingKey(stringValue: name)) }
    }
}

extension NamedValues: Equatable where Value: Equatable {
    /// Equal names and values in the same order.
    public static func == (lhs: NamedValues, rhs: NamedValues) -> Bool {
        lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// A number that a document writes as `null` when it is not finite (NaN, ±∞), and reads back from
/// `null` as NaN: JSON has no non-finite numbers, and a statistic that is undefined for a run (a
/// t value with no residual degrees of freedom, the coverage of a model that failed everywhere)
/// must still round-trip through Foundation's `JSONEncoder` and `JSONDecoder` without a
/// non-conforming-float strategy.
///
/// ```swift
/// struct Row: Codable { @NullWhenNotFinite var t: Double }
/// try JSONEncoder().encode(Row(t: .nan))                                   // {"t":null}
/// try JSONDecoder().decode(Row.self, from: Data(#"{"t":null}"#.utf8)).t    // nan
/// ```
@propertyWrapper
public struct NullWhenNotFinite: Codable, Sendable, Equatable {
    /// The number.
    public var wrappedValue: Double

    /// Wrap `wrappedValue`.
    ///
    /// - Parameter wrappedValue: The number; a non-finite one is written as `null`.
    public init(wrappedValue: Double) {
        self.wrappedValue = wrappedValue
    }

    /// Read a number, or NaN from `null`.
    ///
    /// - Throws: `DecodingError` when the value is neither `null` nor a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? .nan : try container.decode(Double.self)
    }

    /// Write the number, or `null` when it is not finite.
    ///
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if wrappedValue.isFinite { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
