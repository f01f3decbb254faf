extension TimeSeries {
    /// How many missing periods a series built from dates may have beside its observations.
    ///
    /// Placing dates on a regular grid turns every period between them into a missing value, so
    /// one mistyped year (`9999-12-31` among daily dates from 2013 to 2017) would make a series of
    /// millions of periods that every later step then works through. A limit refuses such a span
    /// before the grid is allocated: it allows `missingPerObservation` missing periods per
    /// observed date, and never fewer than `allowance` in all, so a short or sparse but real
    /// series (two daily readings a year apart) is still accepted.
    ///
    /// ```swift
    /// let limit = TimeSeries.GapLimit()   // 100 per observation, at least 10,000
    /// limit.isExceeded(missing: 2_900_000, observed: 1_461)   // true
    /// limit.isExceeded(missing: 9_000, observed: 2)           // false: within the allowance
    /// ```
    public struct GapLimit: Equatable, Sendable {
        /// The missing periods allowed per observed date; 100 by default.
        public var missingPerObservation: Int
        /// The missing periods allowed however few the observations; 10,000 by default.
        public var allowance: Int

        /// Creates a limit.
        ///
        /// - Parameters:
        ///   - missingPerObservation: The missing periods allowed per observed date.
        ///   - allowance: The missing periods allowed in any case.
        public init(missingPerObservation: Int = 100, allowance: Int = 10_000) {
            self.missingPerObservation = missingPerObservation
            self.allowance = allowance
        }

        /// Whether `missing` periods beside `observed` distinct dates are more than the limit allows.
        ///
        /// - Parameters:
        ///   - missing: The periods of the span without an observation.
        ///   - observed: The distinct observed dates.
        /// - Returns: `true` when `missing` exceeds both the allowance and
        ///   `missingPerObservation × observed`.
        /// - Complexity: O(1).
        public func isExceeded(missing: Int, observed: Int) -> Bool {
            guard missing > allowance else { return false }
            let (allowed, overflow) = missingPerObservation.multipliedReportingOverflow(by: Swift.max(observed, 0))
            return !overflow && missing > allowed
        }
    }
}

/// The span of dates that ``TimeSeriesError/tooManyGaps(_:)`` refuses, and the date that most
/// likely caused it.
///
/// Indices are into the dates the caller passed, so a file reader can name the line of each.
public struct GapReport: Equatable, Sendable {
    /// Dates that lie far beyond all the others, across the largest gap of the series.
    public struct Outlier: Equatable, Sendable {
        /// The index of the outlying date nearest the others (the only one, for a single typo).
        public let index: Int
        /// How many distinct dates lie beyond the gap, this one included.
        public let count: Int
        /// Whether the outlying dates come after the others (`false`: before them).
        public let isLater: Bool
        /// The indices of the earliest and the latest of the other dates.
        public let othersFirstIndex: Int
        public let othersLastIndex: Int

        /// Creates an outlier description.
        ///
        /// - Parameters:
        ///   - index: The outlying date nearest the others.
        ///   - count: The distinct dates beyond the gap, at least 1.
        ///   - isLater: Whether they come after the others.
        ///   - othersFirstIndex: The earliest of the other dates.
        ///   - othersLastIndex: The latest of the other dates.
        public init(index: Int, count: Int, isLater: Bool, othersFirstIndex: Int, othersLastIndex: Int) {
            self.index = index
            self.count = count
            self.isLater = isLater
            self.othersFirstIndex = othersFirstIndex
            self.othersLastIndex = othersLastIndex
        }
    }

    /// The periods of the span that would have no observation.
    public let missing: Int
    /// The distinct observed dates.
    public let observed: Int
    /// The frequency of the grid.
    public let frequency: Frequency
    /// The limit that was exceeded.
    public let limit: TimeSeries.GapLimit
    /// The indices of the earliest and the latest date.
    public let firstIndex: Int
    public let lastIndex: Int
    /// The outlying dates, when leaving them out brings the rest within the limit; `nil` when the
    /// dates are sparse throughout (a frequency much finer than the data).
    public let outlier: Outlier?

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - missing: The periods without an observation.
    ///   - observed: The distinct observed dates.
    ///   - frequency: The frequency of the grid.
    ///   - limit: The limit that was exceeded.
    ///   - firstIndex: The index of the earliest date.
    ///   - lastIndex: The index of the latest date.
    ///   - outlier: The outlying dates, if any.
    public init(
        missing: Int, observed: Int, frequency: Frequency, limit: TimeSeries.GapLimit, firstIndex: Int,
        lastIndex: Int, outlier: Outlier?
    ) {
        self.missing = missing
        self.observed = observed
        self.frequency = frequency
        self.limit = limit
        self.firstIndex = firstIndex
        self.lastIndex = lastIndex
        self.outlier = outlier
    }

    /// Describes why the span of `dates` is refused, finding the outlying dates.
    ///
    /// The outlying dates are those on the smaller side of the largest gap between consecutive
    /// dates (the later side on a tie); they count as outliers only if the other dates alone
    /// are within `limit`.
    ///
    /// - Parameters:
    ///   - dates: The caller's dates.
    ///   - distinct: Indices into `dates` of the distinct dates, sorted by date; at least one.
    ///   - frequency: The grid's frequency.
    ///   - missing: The missing periods of the whole span.
    ///   - limit: The exceeded limit.
    /// - Complexity: O(*n*) in the number of distinct dates.
    static func describing(
        _ dates: [SeriesDate], distinct: [Int], frequency: Frequency, missing: Int, limit: TimeSeries.GapLimit
    ) -> GapReport {
        let first = dates[distinct[0]]
        let positions = distinct.map { dates[$0].gridPosition(from: first, frequency: frequency).periods }
        var outlier: Outlier?
        if positions.count >= 2 {
            // The widest gap lies between dates `widest` and `widest + 1`; the first of equals wins.
            var widest = 0
            for k in 1..<(positions.count - 1)
            where positions[k + 1] - positions[k] > positions[widest + 1] - positions[widest] {
                widest = k
            }
            // Dates 0...widest lie before the gap and widest+1..<n after it.
            let before = widest + 1
            let after = positions.count - before
            let isLater = after <= before
            let others = isLater ? 0..<before : before..<positions.count
            let othersSpan = positions[others.upperBound - 1] - positions[others.lowerBound] + 1
            if !limit.isExceeded(missing: othersSpan - others.count, observed: others.count) {
                outlier = Outlier(
                    index: distinct[isLater ? before : widest], count: isLater ? after : before, isLater: isLater,
                    othersFirstIndex: distinct[others.lowerBound], othersLastIndex: distinct[others.upperBound - 1])
            }
        }
        return GapReport(
            missing: missing, observed: distinct.count, frequency: frequency, limit: limit,
            firstIndex: distinct[0], lastIndex: distinct[distinct.count - 1], outlier: outlier)
    }
}
