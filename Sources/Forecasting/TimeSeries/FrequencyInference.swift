extension Frequency {
    /// Infers the frequency of a series from its dates: the precision of the text plus the most
    /// common step.
    ///
    /// Each step between consecutive dates is classified, and the most common class wins (a tie
    /// goes to the finer frequency), so occasional gaps do not change the answer:
    ///
    /// | precision | step | frequency |
    /// |---|---|---|
    /// | year (`2024`) | any | yearly |
    /// | quarter (`2024-Q3`) | 1 or 4 quarters | quarterly, yearly |
    /// | month (`2024-07`) | 1, 3 or 12 months | monthly, quarterly, yearly |
    /// | day (`2024-07-31`) | 1 or 7 days | daily, weekly |
    /// | day | 1, 3 or 12 calendar months (same day of month, or month-ends) | monthly, quarterly, yearly |
    /// | time (`…T13:00`) | 1–59 whole minutes, 1 hour, 1 day, 7 days | sub-hourly, hourly, daily, weekly |
    ///
    /// A single date gives the frequency its precision suggests (yearly, quarterly, monthly,
    /// daily, and hourly for a time of day). Dates written with different precisions are
    /// classified at the finest precision among them.
    ///
    /// ```swift
    /// let dates = try ["2024-01-01", "2024-01-08", "2024-01-22"].map { try SeriesDate(parsing: $0) }
    /// try Frequency.inferred(from: dates)   // .weekly (the 14-day step is a gap)
    /// ```
    ///
    /// - Parameter dates: The dates in increasing order; steps that are not positive are ignored.
    /// - Returns: The inferred frequency.
    /// - Throws: ``TimeSeriesError/noObservations`` for no dates, and
    ///   ``TimeSeriesError/frequencyNotInferred(reason:)`` when the most common step is not one
    ///   of the table above (for example a 5-year or a 2-hour step).
    /// - Complexity: O(*n*) in the number of dates.
    public static func inferred(from dates: [SeriesDate]) throws(TimeSeriesError) -> Frequency {
        guard let first = dates.first else { throw .noObservations }
        let precision = dates.lazy.map(\.precision).max() ?? first.precision
        var counts: [StepClass: Int] = [:]
        for (earlier, later) in zip(dates, dates.dropFirst())
        where later.secondsSinceEpoch > earlier.secondsSinceEpoch {
            counts[StepClass(from: earlier, to: later, precision: precision), default: 0] += 1
        }
        guard
            let modal = counts.max(by: { lhs, rhs in
                lhs.value != rhs.value ? lhs.value < rhs.value : rhs.key.precedes(lhs.key)
            })?.key
        else {
            return singleDateFrequency(precision)
        }
        switch modal {
        case .frequency(let frequency):
            return frequency
        case .other(let description, _):
            throw .frequencyNotInferred(
                reason:
                    "the most common step between \(precision.name) dates is \(description), which is not a supported frequency (\(Frequency.acceptedNames))"
            )
        }
    }

    /// The frequency a lone date of `precision` suggests.
    private static func singleDateFrequency(_ precision: SeriesDate.Precision) -> Frequency {
        switch precision {
        case .year: .yearly
        case .quarter: .quarterly
        case .month: .monthly
        case .day: .daily
        case .minute, .second: .hourly
        }
    }
}

/// The class of one step between consecutive dates.
private enum StepClass: Hashable {
    case frequency(Frequency)
    /// An unsupported step, described for messages, with its approximate length in seconds.
    case other(String, seconds: Int)

    /// Classifies the step from `earlier` to `later` (later is strictly later).
    init(from earlier: SeriesDate, to later: SeriesDate, precision: SeriesDate.Precision) {
        let months = (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month)
        switch precision {
        case .year:
            self = .frequency(.yearly)
        case .quarter, .month:
            switch months {
            case 1 where precision == .month: self = .frequency(.monthly)
            case 3: self = .frequency(.quarterly)
            case 12: self = .frequency(.yearly)
            default: self = .other(Self.describe(months: months), seconds: months * Self.monthSeconds)
            }
        case .day:
            let days = later.daysSinceEpoch - earlier.daysSinceEpoch
            let isCalendarStep = earlier.advanced(by: months, frequency: .monthly) == later
            switch days {
            case 1: self = .frequency(.daily)
            case 7: self = .frequency(.weekly)
            case _ where isCalendarStep && months == 1: self = .frequency(.monthly)
            case _ where isCalendarStep && months == 3: self = .frequency(.quarterly)
            case _ where isCalendarStep && months == 12: self = .frequency(.yearly)
            default: self = .other("\(days) days", seconds: days * 86_400)
            }
        case .minute, .second:
            let seconds = later.secondsSinceEpoch - earlier.secondsSinceEpoch
            switch seconds {
            case 604_800: self = .frequency(.weekly)
            case 86_400: self = .frequency(.daily)
            case 3_600: self = .frequency(.hourly)
            case 60..<3_600 where seconds % 60 == 0: self = .frequency(.subHourly(minutes: seconds / 60))
            default: self = .other(Self.describe(seconds: seconds), seconds: seconds)
            }
        }
    }

    /// The length of a month used to order calendar steps among fixed ones: 31 days.
    private static let monthSeconds = 2_678_400

    /// Whether this class wins a tie against `other`: a supported frequency before an
    /// unsupported step, then the shorter step, so that the choice never depends on hashing.
    func precedes(_ other: StepClass) -> Bool {
        (isUnsupported ? 1 : 0, approximateSeconds) < (other.isUnsupported ? 1 : 0, other.approximateSeconds)
    }

    private var isUnsupported: Bool {
        if case .other = self { return true }
        return false
    }

    private var approximateSeconds: Int {
        switch self {
        case .frequency(let frequency):
            frequency.fixedSeconds ?? (frequency.calendarMonths ?? 1) * Self.monthSeconds
        case .other(_, let seconds):
            seconds
        }
    }

    private static func describe(months: Int) -> String {
        months % 12 == 0 ? "\(months / 12) years" : "\(months) months"
    }

    private static func describe(seconds: Int) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400) days" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600) hours" }
        if seconds % 60 == 0 { return "\(seconds / 60) minutes" }
        return "\(seconds) seconds"
    }
}
