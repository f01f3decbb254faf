/// What is wrong with the dates or settings given to build a ``TimeSeries``.
///
/// Each case says what to change. Positions are indices into the arrays the caller passed, so a
/// file reader can map them back to lines.
public enum TimeSeriesError: Error, Equatable, Sendable {
    /// A text is not a date in the series grammar (see ``SeriesDate``).
    case invalidDate(text: String, reason: String)
    /// A series needs at least one dated observation.
    case noObservations
    /// A season length must be at least 1.
    case invalidSeasonLength(Int)
    /// A sub-hourly frequency must step 1 to 59 minutes.
    case invalidFrequency(Frequency)
    /// The frequency could not be read off the dates; the reason names the most common step.
    case frequencyNotInferred(reason: String)
    /// The dates do not form a regular series: every problem found, ordered by index.
    case irregularDates([DateIssue])
    /// The dates span more periods than a series may hold (a likely typo in a year, or a
    /// frequency much finer than the data).
    case tooManyPeriods(count: Int, limit: Int)
    /// The dates would leave more missing periods beside the observations than the caller's
    /// ``TimeSeries/GapLimit`` allows: most likely a mistyped date, which the report names.
    case tooManyGaps(GapReport)
}

extension TimeSeriesError: CustomStringConvertible {
    /// A one-sentence explanation that says what to change.
    public var description: String {
        switch self {
        case .invalidDate(let text, let reason):
            "'\(text)' is not a date: \(reason)"
        case .noObservations:
            "the series has no dated observations"
        case .invalidSeasonLength(let length):
            "season length \(length) is not allowed: it must be at least 1"
        case .invalidFrequency(let frequency):
            "frequency \(frequency) is not allowed: use \(Frequency.acceptedNames)"
        case .frequencyNotInferred(let reason):
            "cannot infer the frequency: \(reason); set the frequency explicitly"
        case .irregularDates(let issues):
            "the dates are irregular: \(issues.count) problem\(issues.count == 1 ? "" : "s"), the first at index \(issues.first?.index ?? 0)"
        case .tooManyPeriods(let count, let limit):
            "the dates span \(count) periods, more than the limit of \(limit); check for a mistyped date or a frequency finer than the data"
        case .tooManyGaps(let report):
            "the dates would leave \(report.missing) missing \(report.frequency) periods beside \(report.observed) observed, more than \(report.limit.missingPerObservation) per observation; "
                + (report.outlier.map { "check the date at index \($0.index)" }
                    ?? "check for a mistyped date or a frequency finer than the data")
        }
    }
}

/// One problem with one date of a series, found while placing the dates on a regular grid.
public struct DateIssue: Equatable, Sendable {
    /// The kind of problem.
    public enum Kind: Equatable, Sendable {
        /// The date is written with a different precision from most dates of the series
        /// (`expected`), for example `2024-07-31` among `2024-07`-style months.
        case mixedPrecision(expected: SeriesDate.Precision)
        /// The date already occurs at `firstIndex`.
        case duplicate(firstIndex: Int)
        /// The date is earlier than the date at `previousIndex`, which comes before it: the
        /// dates are not sorted.
        case outOfOrder(previousIndex: Int)
        /// The date is not a whole number of `frequency` steps after the series start `start`.
        case offGrid(start: SeriesDate, frequency: Frequency)
    }

    /// The index of the offending date in the caller's array.
    public let index: Int

    /// What is wrong with it.
    public let kind: Kind

    /// Creates an issue.
    ///
    /// - Parameters:
    ///   - index: The index of the offending date.
    ///   - kind: What is wrong with it.
    public init(index: Int, kind: Kind) {
        self.index = index
        self.kind = kind
    }
}
