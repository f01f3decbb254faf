/// The values of a long-format file's key columns that identify one series.
///
/// Key columns keep the file's order and spelling, so `station,pollutant` gives the key
/// `station=Dongsi pollutant=PM2.5`. A file without key columns holds one series, whose key is
/// empty.
public struct SeriesKey: Hashable, Sendable {
    /// The key column names, as written in the header.
    public let columns: [String]
    /// The value of each key column, in the same order.
    public let values: [String]

    /// Creates a key.
    ///
    /// - Parameters:
    ///   - columns: The key column names.
    ///   - values: One value per column.
    /// - Precondition: `columns` and `values` have the same count.
    public init(columns: [String], values: [String]) {
        precondition(columns.count == values.count, "\(columns.count) key columns but \(values.count) values")
        self.columns = columns
        self.values = values
    }

    /// Whether the key has no columns (the file holds a single series).
    public var isEmpty: Bool { columns.isEmpty }

    /// The value of the key column `column`, or `nil` if the key has no such column.
    ///
    /// - Parameter column: A key column name as written in the header.
    /// - Complexity: O(*k*) in the number of key columns.
    public subscript(column: String) -> String? {
        columns.firstIndex(of: column).map { values[$0] }
    }
}

extension SeriesKey: CustomStringConvertible {
    /// `name=value` pairs separated by spaces, for example `station=Dongsi pollutant=PM2.5`;
    /// empty for a single-series file.
    public var description: String {
        zip(columns, values).map { "\($0)=\($1)" }.joined(separator: " ")
    }
}

/// One series read from a long-format file: its key, unit and regular time series.
public struct KeyedSeries: Sendable {
    /// The key-column values that identify the series.
    public let key: SeriesKey
    /// The series' unit from the `unit` column, or `nil` when the file has none or it is empty.
    public let unit: String?
    /// The observations on a regular grid, with gaps as missing values.
    public let series: TimeSeries
    /// The line of the series' first row in the file.
    public let firstLine: Int

    /// Creates a keyed series.
    ///
    /// - Parameters:
    ///   - key: The key-column values.
    ///   - unit: The unit, if known.
    ///   - series: The observations.
    ///   - firstLine: The line of the first row in the file (1 if not read from a file).
    public init(key: SeriesKey, unit: String?, series: TimeSeries, firstLine: Int = 1) {
        self.key = key
        self.unit = unit
        self.series = series
        self.firstLine = firstLine
    }
}
