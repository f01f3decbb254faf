/// A key travels in JSON as the object `{"city": "NYC", "indicator": "water"}`, as in every output
/// of the command line.
extension SeriesKey: Codable {
    /// A key column's name as a coding key.
    private struct ColumnKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// Decodes a key from an object of column → value.
    ///
    /// JSON does not order an object's members, so the columns come back in the contract's order
    /// (``LongFormat/keyColumns``: series, city, indicator, station, pollutant, scenario), then any
    /// other column in alphabetical order; a key written in that order decodes equal to itself.
    ///
    /// - Throws: `DecodingError` when a value is not a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ColumnKey.self)
        let rank = Dictionary(uniqueKeysWithValues: LongFormat.keyColumns.enumerated().map { ($1, $0) })
        let columns = container.allKeys.map(\.stringValue).sorted { lhs, rhs in
            let (l, r) = (rank[lhs] ?? Int.max, rank[rhs] ?? Int.max)
            return l != r ? l < r : lhs < rhs
        }
        self.init(
            columns: columns,
            values: try columns.map { try container.decode(String.self, forKey: ColumnKey(stringValue: $0)) })
    }

    /// Encodes the key as an object of column → value, in the key's order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ColumnKey.self)
        for (column, value) in zip(columns, values) {
            try container.encode(value, forKey: ColumnKey(stringValue: column))
        }
    }
}
