/// One finished chart: its SVG and the data it draws, as a table, for reports and screen readers.
public struct Chart: Sendable, Equatable {
    /// An identifier unique within a report, safe as an XML id and a file name (`forecast-nyc-water`).
    public var id: String
    /// The title, also the SVG's `<title>`.
    public var title: String
    /// What the chart shows, in a sentence or two, also the SVG's `<desc>`.
    public var description: String
    /// The standalone SVG document (UTF-8 text, ending in a line break).
    public var svg: String
    /// The numbers the chart draws.
    public var table: DataTable

    /// A chart from its parts.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - title: The title.
    ///   - description: The description.
    ///   - svg: The SVG document.
    ///   - table: The data drawn.
    public init(id: String, title: String, description: String, svg: String, table: DataTable) {
        self.id = id
        self.title = title
        self.description = description
        self.svg = svg
        self.table = table
    }
}

/// A table of text cells with a header row.
public struct DataTable: Sendable, Equatable {
    /// The column headers, with units where they have them.
    public var columns: [String]
    /// The rows, each as long as ``columns``.
    public var rows: [[String]]

    /// A table from its header and rows.
    ///
    /// - Parameters:
    ///   - columns: The column headers.
    ///   - rows: The rows.
    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// A label with its unit in parentheses, the form of every axis title: `water (Mgal/d)`, or the
/// label alone without a unit.
///
/// - Parameters:
///   - label: The quantity.
///   - unit: Its unit, or `nil`/empty.
/// - Returns: The title.
public func titled(_ label: String, unit: String?) -> String {
    guard let unit, !unit.isEmpty else { return label }
    return "\(label) (\(unit))"
}
