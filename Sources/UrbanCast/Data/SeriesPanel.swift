import Forecasting

/// A keyed, dated panel of series: the long format as a value.
///
/// Every run of the library takes its series as a panel, so a caller that holds its data in
/// memory (a web service, a notebook, a dashboard) never writes a file; reading a CSV file is one
/// way to make a panel (``LongFormat/read(contentsOf:options:)`` then ``init(_:)``).
///
/// ```swift
/// let water = KeyedSeries(key: ["indicator": "water"], unit: "Mgal/d",
///                         series: TimeSeries(start: SeriesDate(year: 2000, precision: .year), frequency: .yearly,
///                                            values: [1240, 1184, 1069]))
/// let panel = try SeriesPanel([water])
/// panel[["indicator": "water"]]?.unit   // "Mgal/d"
/// ```
public struct SeriesPanel: Sendable, RandomAccessCollection {
    /// The series, in the order given.
    public let series: [KeyedSeries]
    private let positions: [SeriesKey: Int]

    /// Creates a panel from keyed series.
    ///
    /// - Parameter series: The series; their keys must differ.
    /// - Throws: ``PanelError/duplicateKey(_:)`` naming the first key that appears twice.
    /// - Complexity: O(*n*) in the number of series.
    public init(_ series: [KeyedSeries]) throws(PanelError) {
        var positions: [SeriesKey: Int] = [:]
        positions.reserveCapacity(series.count)
        for (index, entry) in series.enumerated() {
            guard positions.updateValue(index, forKey: entry.key) == nil else { throw .duplicateKey(entry.key) }
        }
        self.series = series
        self.positions = positions
    }

    /// The series with key `key`, or `nil` if the panel has none.
    ///
    /// - Complexity: O(*k*) in the number of key columns.
    public subscript(key: SeriesKey) -> KeyedSeries? {
        positions[key].map { series[$0] }
    }

    /// The keys, in the panel's order.
    public var keys: [SeriesKey] { series.map(\.key) }

    /// The series whose key has `value` in column `column`, in the panel's order.
    ///
    /// - Complexity: O(*n* *k*) for *n* series of *k* key columns.
    public func filter(column: String, equals value: String) -> [KeyedSeries] {
        series.filter { $0.key[column] == value }
    }

    /// The position of the first series.
    public var startIndex: Int { series.startIndex }
    /// The position past the last series.
    public var endIndex: Int { series.endIndex }
    /// The series at `position`.
    public subscript(position: Int) -> KeyedSeries { series[position] }
}

/// A panel that cannot be built from the series given.
public enum PanelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two series have the same key.
    case duplicateKey(SeriesKey)

    /// The problem in a sentence that names the key.
    public var description: String {
        switch self {
        case .duplicateKey(let key):
            key.isEmpty
                ? "the panel has more than one series without a key; give each series a key"
                : "the panel has two series with the key \(key); each series needs its own key"
        }
    }
}

extension SeriesKey: ExpressibleByDictionaryLiteral {
    /// A key from `column: value` pairs in the order written, for example
    /// `["station": "Dongsi", "pollutant": "PM2.5"]`.
    ///
    /// - Parameter elements: The key columns and their values, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(columns: elements.map(\.0), values: elements.map(\.1))
    }
}
