/// Bounds that keep a small but malformed input file from exhausting memory or running for
/// minutes.
///
/// Each bound stops a failure that grows much faster than the file:
/// - a header of a million columns would make a million "unknown column" messages, and every
///   short row a message naming each missing column;
/// - one repeated mistake (a stray character in every row of a column) would print the same
///   message for every row;
/// - one mistyped year (`9999-12-31` in a daily file) would put millions of missing values
///   between the real dates and the typo.
///
/// The defaults suit any real city data set; a file that really needs more raises a bound.
///
/// ```swift
/// var limits = InputLimits()
/// limits.maximumColumns = 50_000          // a very wide sensor export
/// let series = try LongFormat.read(contentsOf: "wide.csv", options: .init(limits: limits))
/// ```
public struct InputLimits: Equatable, Sendable {
    /// The default ``maximumColumns``: ten thousand.
    public static let defaultMaximumColumns = 10_000

    /// The default ``diagnosticsPerKind``: ten.
    public static let defaultDiagnosticsPerKind = 10

    /// The default ``maximumWorkbookBytes``: 1 GiB.
    public static let defaultMaximumWorkbookBytes = 1 << 30

    /// The default ``maximumWorkbookCells``: twenty million (a million rows of twenty columns).
    public static let defaultMaximumWorkbookCells = 20_000_000

    /// The most names (of columns, missing values) one message lists before giving a count.
    static let namesPerMessage = 10

    /// The most columns a header may have; a longer header is an error at the first column past
    /// the limit, and the rows are not read.
    public var maximumColumns: Int

    /// The most diagnostics of one kind reported in full; the rest are counted in one line,
    /// `… and K more like this`. Values below 1 count as 1. Two diagnostics are of one kind
    /// when their messages differ only in quoted text and numbers.
    public var diagnosticsPerKind: Int

    /// The most missing periods a series may have beside its observations when its dates are
    /// put on a regular grid; `nil` for no limit beyond ``TimeSeries/maximumLength``.
    public var gaps: TimeSeries.GapLimit?

    /// The most bytes the parts of an `.xlsx` workbook read for one sheet may expand to; a part
    /// that would inflate past it is refused while inflating, so a small archive cannot fill
    /// memory.
    public var maximumWorkbookBytes: Int

    /// The most cells a sheet's table (its rows with a value, each as wide as the header) may
    /// have; empty cells count, since the table holds them.
    public var maximumWorkbookCells: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maximumColumns: The most columns a header may have.
    ///   - diagnosticsPerKind: The most diagnostics of one kind reported in full.
    ///   - gaps: The most missing periods per observation, or `nil` for no such limit.
    ///   - maximumWorkbookBytes: The most bytes a workbook's parts may expand to.
    ///   - maximumWorkbookCells: The most cells of a sheet's table.
    public init(
        maximumColumns: Int = InputLimits.defaultMaximumColumns,
        diagnosticsPerKind: Int = InputLimits.defaultDiagnosticsPerKind,
        gaps: TimeSeries.GapLimit? = TimeSeries.GapLimit(),
        maximumWorkbookBytes: Int = InputLimits.defaultMaximumWorkbookBytes,
        maximumWorkbookCells: Int = InputLimits.defaultMaximumWorkbookCells
    ) {
        self.maximumColumns = maximumColumns
        self.diagnosticsPerKind = diagnosticsPerKind
        self.gaps = gaps
        self.maximumWorkbookBytes = maximumWorkbookBytes
        self.maximumWorkbookCells = maximumWorkbookCells
    }

    /// Lists `names` joined by `", "`, or the first ``namesPerMessage`` of them and a count of
    /// the rest, so that one message stays short however many names there are.
    ///
    /// - Parameter names: The names, already quoted as the message wants them.
    /// - Returns: For example `'a', 'b'`, or `'a', …, 'j' and 999990 more`.
    /// - Complexity: O(``namesPerMessage``), whatever the number of names.
    static func list<Names: Collection<String>>(_ names: Names) -> String {
        let count = names.count
        guard count > namesPerMessage else { return names.joined(separator: ", ") }
        return names.prefix(namesPerMessage).joined(separator: ", ") + " and \(count - namesPerMessage) more"
    }
}

extension GapReport {
    /// The diagnostic a file reader gives for the refused span: where to put it (an index into
    /// the series' dates) and what to say.
    ///
    /// With an outlying date the problem is at that date, with the range of the other dates so
    /// the user can see what the typo should have been; without one (dates sparse throughout)
    /// it is at the first date, suggesting a coarser frequency.
    ///
    /// - Parameters:
    ///   - seriesName: How the message names the series, such as `series station=Dongsi`.
    ///   - date: The date at an index of the dates given to ``TimeSeries``.
    /// - Returns: The index of the date to report at, and the message.
    func problem(in seriesName: String, date: (Int) -> SeriesDate) -> (index: Int, message: String) {
        let cost =
            "\(missing) missing \(frequency) periods beside \(observed) observed, more than \(limit.missingPerObservation) per observation"
        guard let outlier else {
            return (
                firstIndex,
                "the dates of \(seriesName) run from \(date(firstIndex)) to \(date(lastIndex)), which would leave \(cost); check the dates, or set a coarser frequency"
            )
        }
        let others =
            outlier.othersFirstIndex == outlier.othersLastIndex
            ? "the other date is \(date(outlier.othersFirstIndex))"
            : "the other dates run from \(date(outlier.othersFirstIndex)) to \(date(outlier.othersLastIndex))"
        let beyond = outlier.count - 1
        let subject =
            beyond == 0
            ? "date \(date(outlier.index)) is"
            : "date \(date(outlier.index)) and \(beyond) \(outlier.isLater ? "later" : "earlier") date\(beyond == 1 ? "" : "s") are"
        return (
            outlier.index,
            "\(subject) far from the other dates of \(seriesName): the series would leave \(cost); check the date; \(others)"
        )
    }
}
