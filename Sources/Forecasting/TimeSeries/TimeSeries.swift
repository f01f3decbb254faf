/// A regularly spaced series of observations: a start date, a frequency, and one value per period.
///
/// The dates are implicit, `start.advanced(by: i, frequency: frequency)` for value `i`, so a
/// series is always on a regular grid. A missing observation is `Double.nan`; gaps in the dates
/// given to ``init(dates:values:frequency:seasonLength:sortsDates:gapLimit:)`` become missing values, never
/// a shorter series.
///
/// ```swift
/// let dates = try ["2024-01", "2024-02", "2024-04"].map { try SeriesDate(parsing: $0) }
/// let series = try TimeSeries(dates: dates, values: [3, 4, 6])
/// series.frequency        // .monthly
/// series.values           // [3.0, 4.0, nan, 6.0]
/// series.seasonLength     // 12
/// series.end.description  // "2024-04"
/// ```
public struct TimeSeries: Sendable {
    /// The most periods a series built from dates may span: ten million, about 19 years of
    /// minute data, so that a mistyped year cannot allocate gigabytes.
    public static let maximumLength = 10_000_000

    /// The date of the first value.
    public let start: SeriesDate

    /// The step between consecutive values.
    public let frequency: Frequency

    /// One value per period, `Double.nan` where the observation is missing.
    public var values: [Double]

    /// The number of periods in one seasonal cycle, at least 1 (1 means no seasonality).
    public let seasonLength: Int

    /// Creates a series from a start date and consecutive values.
    ///
    /// - Parameters:
    ///   - start: The date of the first value; it is written at least as finely as the
    ///     frequency needs (see ``SeriesDate/advanced(by:frequency:)``).
    ///   - frequency: The step between values.
    ///   - values: One value per period, `Double.nan` for missing.
    ///   - seasonLength: The seasonal period; `nil` uses ``Frequency/defaultSeasonLength``.
    /// - Precondition: `seasonLength` is at least 1 and `frequency` is valid; user input goes
    ///   through the throwing initialiser instead.
    /// - Complexity: O(1).
    public init(start: SeriesDate, frequency: Frequency, values: [Double], seasonLength: Int? = nil) {
        precondition(frequency.isValid, "invalid frequency \(frequency)")
        let length = seasonLength ?? frequency.defaultSeasonLength
        precondition(length >= 1, "season length \(length) must be at least 1")
        self.start = start.advanced(by: 0, frequency: frequency)
        self.frequency = frequency
        self.values = values
        self.seasonLength = length
    }

    /// Places dated observations on a regular grid, with gaps as missing values.
    ///
    /// The steps, each of which collects every problem it finds before failing:
    /// 1. Precision: the most common precision among the dates is the series'; any date written
    ///    otherwise is a ``DateIssue/Kind/mixedPrecision(expected:)`` issue and is left out.
    /// 2. Order: unless `sortsDates` is `true`, every date earlier than one before it is an
    ///    ``DateIssue/Kind/outOfOrder(previousIndex:)`` issue.
    /// 3. Duplicates: every repeat of a date is a ``DateIssue/Kind/duplicate(firstIndex:)`` issue.
    /// 4. Frequency: `frequency`, or ``Frequency/inferred(from:)`` on the sorted distinct dates.
    /// 5. Grid: every date that is not a whole number of steps from the earliest date is an
    ///    ``DateIssue/Kind/offGrid(start:frequency:)`` issue.
    ///
    /// If only out-of-order issues are reported, sorting the observations by date would fix the
    /// series (or pass `sortsDates: true`).
    ///
    /// With a `gapLimit`, a span that would leave more missing periods than the limit allows is
    /// refused before the grid is allocated, naming the outlying date when there is one (see
    /// ``GapReport``); this check comes before the other issues are reported, since a mistyped
    /// year is usually the cause of them.
    ///
    /// - Parameters:
    ///   - dates: The date of each observation, in the caller's order.
    ///   - values: The value of each observation, `Double.nan` for missing.
    ///   - frequency: The step; `nil` infers it from the dates.
    ///   - seasonLength: The seasonal period; `nil` uses the frequency's default.
    ///   - sortsDates: Whether to accept dates in any order and sort them.
    ///   - gapLimit: The most missing periods allowed beside the observations; `nil` (the
    ///     default) for no limit but ``maximumLength``.
    /// - Throws: ``TimeSeriesError/noObservations`` for no dates,
    ///   ``TimeSeriesError/invalidSeasonLength(_:)``, ``TimeSeriesError/invalidFrequency(_:)``,
    ///   ``TimeSeriesError/frequencyNotInferred(reason:)``,
    ///   ``TimeSeriesError/irregularDates(_:)`` with every issue ordered by index,
    ///   ``TimeSeriesError/tooManyGaps(_:)`` beyond `gapLimit`, and
    ///   ``TimeSeriesError/tooManyPeriods(count:limit:)`` beyond ``maximumLength``.
    /// - Precondition: `dates` and `values` have the same count.
    /// - Complexity: O(*n* log *n* + *m*) for *n* observations spanning *m* periods; with a
    ///   `gapLimit`, *m* is at most about `gapLimit.missingPerObservation` × *n*.
    public init(
        dates: [SeriesDate], values: [Double], frequency: Frequency? = nil,
        seasonLength: Int? = nil, sortsDates: Bool = false, gapLimit: GapLimit? = nil
    ) throws(TimeSeriesError) {
        precondition(dates.count == values.count, "\(dates.count) dates but \(values.count) values")
        guard !dates.isEmpty else { throw .noObservations }
        if let frequency, !frequency.isValid { throw .invalidFrequency(frequency) }
        if let seasonLength, seasonLength < 1 { throw .invalidSeasonLength(seasonLength) }

        var issues: [DateIssue] = []
        let kept = Self.keepingMostCommonPrecision(dates, issues: &issues)
        if !sortsDates { Self.findOutOfOrder(dates, kept, issues: &issues) }
        let ordered = kept.sorted { lhs, rhs in
            dates[lhs].secondsSinceEpoch != dates[rhs].secondsSinceEpoch
                ? dates[lhs].secondsSinceEpoch < dates[rhs].secondsSinceEpoch : lhs < rhs
        }
        var distinct: [Int] = []
        distinct.reserveCapacity(ordered.count)
        for index in ordered {
            if let last = distinct.last, dates[last].secondsSinceEpoch == dates[index].secondsSinceEpoch {
                issues.append(DateIssue(index: index, kind: .duplicate(firstIndex: last)))
            } else {
                distinct.append(index)
            }
        }

        let chosenFrequency: Frequency
        if let frequency {
            chosenFrequency = frequency
        } else {
            do {
                chosenFrequency = try Frequency.inferred(from: distinct.map { dates[$0] })
            } catch {
                // Problems found so far explain the failure better than the inference does.
                if issues.isEmpty { throw error }
                throw .irregularDates(issues.sorted { $0.index < $1.index })
            }
        }

        // `distinct` is non-empty: `dates` is, and the most common precision keeps at least one.
        let first = dates[distinct[0]]
        let last = dates[distinct[distinct.count - 1]]
        let span = last.gridPosition(from: first, frequency: chosenFrequency).periods + 1
        if let gapLimit, gapLimit.isExceeded(missing: span - distinct.count, observed: distinct.count) {
            throw .tooManyGaps(
                GapReport.describing(
                    dates, distinct: distinct, frequency: chosenFrequency, missing: span - distinct.count,
                    limit: gapLimit))
        }
        guard span <= Self.maximumLength else {
            throw .tooManyPeriods(count: span, limit: Self.maximumLength)
        }

        var gridded = [Double](repeating: .nan, count: span)
        for index in distinct {
            let position = dates[index].gridPosition(from: first, frequency: chosenFrequency)
            if position.isExact {
                gridded[position.periods] = values[index]
            } else {
                issues.append(
                    DateIssue(index: index, kind: .offGrid(start: first, frequency: chosenFrequency)))
            }
        }
        guard issues.isEmpty else { throw .irregularDates(issues.sorted { $0.index < $1.index }) }
        self.init(
            start: first, frequency: chosenFrequency, values: gridded, seasonLength: seasonLength)
    }

    /// The number of periods, observed or missing.
    public var count: Int { values.count }

    /// The number of missing values (`NaN`), including gaps in the dates.
    ///
    /// - Complexity: O(*n*).
    public var missingCount: Int { values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }

    /// The date of the value at `index`.
    ///
    /// - Parameter index: A period index; indices past the end give future dates, negative
    ///   indices dates before the start.
    /// - Returns: `start.advanced(by: index, frequency: frequency)`.
    /// - Complexity: O(1).
    public func date(at index: Int) -> SeriesDate {
        start.advanced(by: index, frequency: frequency)
    }

    /// The date of the last value (the start for an empty series).
    public var end: SeriesDate { date(at: Swift.max(count - 1, 0)) }

    /// The date of every value, in order.
    ///
    /// - Complexity: O(*n*).
    public var dates: [SeriesDate] { (0..<count).map(date(at:)) }

    /// The dates of the `horizon` periods after the last value, for labelling a forecast.
    ///
    /// - Parameter horizon: The number of future periods, at least 0.
    /// - Returns: `horizon` dates, starting one period after ``end``.
    /// - Complexity: O(`horizon`).
    public func futureDates(horizon: Int) -> [SeriesDate] {
        precondition(horizon >= 0, "horizon \(horizon) must not be negative")
        return (count..<(count + horizon)).map(date(at:))
    }

    /// Indices of the dates written with the most common precision (ties go to the first seen);
    /// the others become issues.
    private static func keepingMostCommonPrecision(
        _ dates: [SeriesDate], issues: inout [DateIssue]
    ) -> [Int] {
        var counts = [Int](repeating: 0, count: SeriesDate.Precision.allCases.count)
        var firstSeen = [Int](repeating: Int.max, count: counts.count)
        for (index, date) in dates.enumerated() {
            counts[date.precision.rawValue] += 1
            firstSeen[date.precision.rawValue] = Swift.min(firstSeen[date.precision.rawValue], index)
        }
        let expected =
            SeriesDate.Precision.allCases.max { lhs, rhs in
                counts[lhs.rawValue] != counts[rhs.rawValue]
                    ? counts[lhs.rawValue] < counts[rhs.rawValue]
                    : firstSeen[lhs.rawValue] > firstSeen[rhs.rawValue]
            } ?? dates[0].precision
        var kept: [Int] = []
        kept.reserveCapacity(dates.count)
        for (index, date) in dates.enumerated() {
            if date.precision == expected {
                kept.append(index)
            } else {
                issues.append(DateIssue(index: index, kind: .mixedPrecision(expected: expected)))
            }
        }
        return kept
    }

    /// Reports each date earlier than the latest date before it.
    private static func findOutOfOrder(_ dates: [SeriesDate], _ indices: [Int], issues: inout [DateIssue]) {
        guard var latest = indices.first else { return }
        for index in indices.dropFirst() {
            if dates[index].secondsSinceEpoch < dates[latest].secondsSinceEpoch {
                issues.append(DateIssue(index: index, kind: .outOfOrder(previousIndex: latest)))
            } else {
                latest = index
            }
        }
    }
}
