/// A `JSONValue` encodes as the JSON it stands for, so a typed result can carry a free-form
/// part (a model's parameters by name, say) and still be encoded as a whole.
extension JSONValue: Codable {
    /// Encode the value as itself: objects through a keyed container in their key order, arrays
    /// through an unkeyed one.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: Whatever the encoder throws (Foundation's `JSONEncoder` refuses non-finite numbers).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .integer(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let pairs):
            var container = encoder.container(keyedBy: JSONCodingKey.self)
            for (key, value) in pairs { try container.encode(value, forKey: JSONCodingKey(stringValue: key)) }
        }
    }

    /// Decode any JSON value; an object's keys come in the order the decoder lists them (sorted,
    /// for Foundation's `JSONDecoder`, which does not keep the text's order), a number that is
    /// a whole `Int` as ``integer(_:)``.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.dataCorrupted` when the value is none of JSON's kinds.
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: JSONCodingKey.self) {
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                ($0.stringValue, try object.decode(JSONValue.self, forKey: $0))
            })
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let value = try? single.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? single.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? single.decode(Double.self) {
                self = .number(value)
            } else if let value = try? single.decode(String.self) {
                self = .string(value)
            } else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "not a JSON value"))
            }
        }
    }
}
