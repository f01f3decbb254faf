import Forecasting

/// Key filters `column = value` as the runs take them, all of which must hold, and the panel the
/// file adapters read.
enum SeriesSelection {
    /// Reads a long-format file as a panel, or `contents` (read elsewhere, e.g. from standard
    /// input) named `file` in diagnostics.
    ///
    /// - Throws: ``DataError`` with every problem in the file; a key that two series share (which
    ///   the long-format reader, grouping rows by key, does not produce) as a diagnostic at the
    ///   second series' first line.
    static func panel(reading file: String, contents: [UInt8]? = nil, options: LongFormat.Options) throws(DataError)
        -> SeriesPanel
    {
        let series = if let contents {
            try LongFormat.read(contents, file: file, options: options)
        } else {
            try LongFormat.read(contentsOf: file, options: options)
        }
        do {
            return try SeriesPanel(series)
        } catch {
            let repeated = series.indices.first { i in series[..<i].contains { $0.key == series[i].key } } ?? 0
            throw .invalidData([
                DataDiagnostic(
                    file: file, line: series[repeated].firstLine, column: 1,
                    message: error.description)
            ])
        }
    }

    /// The series of `panel` whose key has every filter's value, in the panel's order.
    ///
    /// - Complexity: O(*n* · *f* · *k*) for *n* series, *f* filters and *k* key columns.
    static func select(_ panel: SeriesPanel, filters: [(column: String, value: String)]) -> [KeyedSeries] {
        panel.filter { keyed in filters.allSatisfy { keyed.key[$0.column] == $0.value } }
    }

    /// The filters as a key (`city=New York indicator=water`), for errors that name them.
    static func key(_ filters: [(column: String, value: String)]) -> SeriesKey {
        SeriesKey(columns: filters.map(\.column), values: filters.map(\.value))
    }

    /// `FILE: ` before a message about a file, nothing for data given in memory.
    static func prefix(_ source: String?) -> String {
        source.map { "\($0): " } ?? ""
    }

    /// The message of a selection that found nothing: `FILE: no series match city=Nowhere`.
    static func nothingSelected(source: String?, filters: SeriesKey) -> String {
        filters.isEmpty
            ? prefix(source) + (source == nil ? "the panel has no series" : "the file has no series")
            : prefix(source) + "no series match \(filters)"
    }
}
