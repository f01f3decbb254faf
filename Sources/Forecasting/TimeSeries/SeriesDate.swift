/// A date or timestamp of a series, exact in the calendar and remembering how it was written.
///
/// The accepted grammar, with four-digit years:
///
/// | text | precision |
/// |---|---|
/// | `2024` | ``Precision/year`` |
/// | `2024-Q3` | ``Precision/quarter`` |
/// | `2024-07` | ``Precision/month`` |
/// | `2024-07-31` | ``Precision/day`` |
/// | `2024-07-31T13:00` or `2024-07-31 13:00` | ``Precision/minute`` |
/// | `2024-07-31T13:00:05` or `2024-07-31 13:00:05` | ``Precision/second`` |
///
/// The instant is stored as whole seconds since 1970-01-01T00:00:00 in the proleptic Gregorian
/// calendar, computed with integer arithmetic: civil time with no time zone, no daylight saving
/// and no leap seconds. A coarse date stands for the start of its period (`2024-Q3` is
/// 2024-07-01T00:00). Formatting gives back the same textual form:
///
/// ```swift
/// let date = try SeriesDate(parsing: "2024-07-31 13:00")
/// date.precision                                // .minute
/// date.description                              // "2024-07-31 13:00"
/// date.advanced(by: 2, frequency: .hourly)      // 2024-07-31 15:00
/// ```
///
/// Two dates are equal when they name the same instant with the same precision; the separator
/// between date and time (`T` or a space) is presentation only.
public struct SeriesDate: Sendable {
    /// How finely a date is written, from coarsest to finest.
    public enum Precision: Int, Sendable, CaseIterable, Comparable {
        /// `2024`
        case year
        /// `2024-Q3`
        case quarter
        /// `2024-07`
        case month
        /// `2024-07-31`
        case day
        /// `2024-07-31T13:00`
        case minute
        /// `2024-07-31T13:00:05`
        case second

        /// Orders precisions from coarsest (year) to finest (second).
        public static func < (lhs: Precision, rhs: Precision) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        /// The precision's name as used in messages: `year`, `quarter`, `month`, `day`,
        /// `minute` (date and time) or `second` (date and time with seconds).
        public var name: String {
            switch self {
            case .year: "year"
            case .quarter: "quarter"
            case .month: "month"
            case .day: "day"
            case .minute: "minute"
            case .second: "second"
            }
        }

        /// The pattern of dates with this precision, for messages: for example `YYYY-MM`.
        public var pattern: String {
            switch self {
            case .year: "YYYY"
            case .quarter: "YYYY-Qn"
            case .month: "YYYY-MM"
            case .day: "YYYY-MM-DD"
            case .minute: "YYYY-MM-DDTHH:MM"
            case .second: "YYYY-MM-DDTHH:MM:SS"
            }
        }
    }

    /// The character written between the date and the time of day.
    public enum TimeSeparator: Sendable {
        /// ISO 8601 style: `2024-07-31T13:00`.
        case letterT
        /// SQL and spreadsheet style: `2024-07-31 13:00`.
        case space
    }

    /// The grammar, for error messages and help texts.
    public static let acceptedForms =
        "YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] (T or a space)"

    /// Seconds since 1970-01-01T00:00:00 of civil time (negative before 1970).
    public let secondsSinceEpoch: Int

    /// How finely the date was written.
    public let precision: Precision

    /// The separator between date and time used when formatting a ``Precision/minute`` or
    /// ``Precision/second`` date.
    public let separator: TimeSeparator

    /// Creates a date from its instant, truncated to `precision`.
    ///
    /// - Complexity: O(1).
    init(secondsSinceEpoch seconds: Int, precision: Precision, separator: TimeSeparator) {
        let days = ProlepticGregorian.floorDivide(seconds, ProlepticGregorian.secondsPerDay)
        let secondOfDay = seconds - days * ProlepticGregorian.secondsPerDay
        let civil = ProlepticGregorian.civil(days: days)
        self.init(
            year: civil.year, month: civil.month, day: civil.day,
            hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
            precision: precision, separator: separator)
    }

    /// Creates a date from calendar components, dropping the components finer than `precision`.
    ///
    /// A ``Precision/quarter`` date moves to the first month of the quarter that contains `month`;
    /// a ``Precision/month`` date to the first day; a ``Precision/day`` date to midnight.
    ///
    /// ```swift
    /// SeriesDate(year: 2024, month: 8, precision: .quarter).description   // "2024-Q3"
    /// ```
    ///
    /// - Parameters:
    ///   - year: The year, any integer (formatted with at least four digits).
    ///   - month: The month, 1–12.
    ///   - day: The day of the month, 1 to the length of the month.
    ///   - hour: The hour, 0–23.
    ///   - minute: The minute, 0–59.
    ///   - second: The second, 0–59.
    ///   - precision: How finely the date is written.
    ///   - separator: The separator between date and time when formatting.
    /// - Precondition: The components are in range (a programmer error otherwise; parse user
    ///   text with ``init(parsing:)``).
    /// - Complexity: O(1).
    public init(
        year: Int, month: Int = 1, day: Int = 1, hour: Int = 0, minute: Int = 0, second: Int = 0,
        precision: Precision, separator: TimeSeparator = .letterT
    ) {
        precondition((1...12).contains(month), "month \(month) is out of range 1–12")
        precondition(
            (1...ProlepticGregorian.daysInMonth(year: year, month: month)).contains(day),
            "day \(day) is out of range for \(year)-\(month)")
        precondition((0...23).contains(hour), "hour \(hour) is out of range 0–23")
        precondition((0...59).contains(minute), "minute \(minute) is out of range 0–59")
        precondition((0...59).contains(second), "second \(second) is out of range 0–59")
        let month =
            switch precision {
            case .year: 1
            case .quarter: (month - 1) / 3 * 3 + 1
            case .month, .day, .minute, .second: month
            }
        let day = precision >= .day ? day : 1
        let hour = precision >= .minute ? hour : 0
        let minute = precision >= .minute ? minute : 0
        let second = precision == .second ? second : 0
        let days = ProlepticGregorian.days(year: year, month: month, day: day)
        self.secondsSinceEpoch =
            days * ProlepticGregorian.secondsPerDay + hour * 3600 + minute * 60 + second
        self.precision = precision
        self.separator = separator
    }

    /// Parses a date written in the series date grammar (see ``SeriesDate``).
    ///
    /// The text must match exactly: no surrounding spaces, four-digit years, two-digit
    /// months, days, hours, minutes and seconds, and components within the calendar
    /// (`2023-02-29` is refused).
    ///
    /// - Parameter text: The text of one date, for example `2024-Q3` or `2024-07-31T13:00`.
    /// - Throws: ``TimeSeriesError/invalidDate(text:reason:)`` saying what is wrong.
    /// - Complexity: O(*n*) in the length of `text`.
    public init(parsing text: some StringProtocol) throws(TimeSeriesError) {
        let bytes = Array(text.utf8)
        switch DateGrammar.parse(bytes) {
        case .success(let date): self = date
        case .failure(let reason): throw .invalidDate(text: String(text), reason: reason.text)
        }
    }

    /// The calendar year.
    public var year: Int { components.year }

    /// The quarter of the year, 1–4.
    public var quarter: Int { (components.month - 1) / 3 + 1 }

    /// The month, 1–12.
    public var month: Int { components.month }

    /// The day of the month, 1–31.
    public var day: Int { components.day }

    /// The hour, 0–23.
    public var hour: Int { secondOfDay / 3600 }

    /// The minute, 0–59.
    public var minute: Int { secondOfDay / 60 % 60 }

    /// The second, 0–59.
    public var second: Int { secondOfDay % 60 }

    /// Days since 1970-01-01 (negative before).
    var daysSinceEpoch: Int {
        ProlepticGregorian.floorDivide(secondsSinceEpoch, ProlepticGregorian.secondsPerDay)
    }

    /// Seconds since midnight.
    var secondOfDay: Int {
        secondsSinceEpoch - daysSinceEpoch * ProlepticGregorian.secondsPerDay
    }

    /// The civil year, month and day.
    var components: (year: Int, month: Int, day: Int) {
        ProlepticGregorian.civil(days: daysSinceEpoch)
    }
}

extension SeriesDate: Hashable {
    /// Whether two dates name the same instant with the same precision.
    public static func == (lhs: SeriesDate, rhs: SeriesDate) -> Bool {
        lhs.secondsSinceEpoch == rhs.secondsSinceEpoch && lhs.precision == rhs.precision
    }

    /// Hashes the instant and the precision (not the separator).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSinceEpoch)
        hasher.combine(precision)
    }
}

extension SeriesDate: Comparable {
    /// Orders dates by instant, and a coarser date before a finer one at the same instant.
    public static func < (lhs: SeriesDate, rhs: SeriesDate) -> Bool {
        if lhs.secondsSinceEpoch != rhs.secondsSinceEpoch {
            return lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
        }
        return lhs.precision < rhs.precision
    }
}

extension SeriesDate: LosslessStringConvertible {
    /// Parses a date, or returns `nil` when the text is not in the grammar.
    ///
    /// Use ``init(parsing:)`` to learn why a text was refused.
    ///
    /// - Parameter description: The text of one date.
    /// - Complexity: O(*n*) in the length of the text.
    public init?(_ description: String) {
        guard let date = try? SeriesDate(parsing: description) else { return nil }
        self = date
    }

    /// The date in the form it was written: `2024`, `2024-Q3`, `2024-07`, `2024-07-31`,
    /// `2024-07-31T13:00` (or with a space, or with seconds).
    public var description: String {
        let (year, month, day) = components
        var text = Self.padded(year, width: 4)
        switch precision {
        case .year:
            return text
        case .quarter:
            text += "-Q\(quarter)"
            return text
        case .month, .day, .minute, .second:
            text += "-" + Self.padded(month, width: 2)
        }
        if precision == .month { return text }
        text += "-" + Self.padded(day, width: 2)
        if precision == .day { return text }
        text += separator == .letterT ? "T" : " "
        text += Self.padded(hour, width: 2) + ":" + Self.padded(minute, width: 2)
        if precision == .second { text += ":" + Self.padded(second, width: 2) }
        return text
    }

    /// `value` in decimal with leading zeros up to `width` digits (a sign comes first).
    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
