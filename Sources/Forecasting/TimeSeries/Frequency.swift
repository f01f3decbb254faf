/// How often a time series is observed: the step between consecutive periods.
///
/// Calendar frequencies (`yearly`, `quarterly`, `monthly`) step in whole calendar months, so a
/// monthly series keeps its day of the month (or stays on month-ends). Fixed frequencies
/// (`weekly`, `daily`, `hourly`, `subHourly`) step by a fixed number of seconds of civil time;
/// there are no time zones and no daylight-saving shifts.
///
/// The textual form (``description``) is the one the command line accepts and prints:
///
/// ```swift
/// Frequency("monthly")          // .monthly
/// Frequency("15min")            // .subHourly(minutes: 15)
/// Frequency.hourly.description  // "hourly"
/// ```
public enum Frequency: Hashable, Sendable {
    /// One observation a year.
    case yearly
    /// One observation a quarter (three calendar months).
    case quarterly
    /// One observation a calendar month.
    case monthly
    /// One observation every seven days.
    case weekly
    /// One observation a day.
    case daily
    /// One observation an hour.
    case hourly
    /// One observation every `minutes` minutes, with `minutes` in `1...59`.
    case subHourly(minutes: Int)

    /// The season length a model uses unless told otherwise.
    ///
    /// The number of periods in the main seasonal cycle: 1 for yearly (no seasonality),
    /// 4 for quarterly, 12 for monthly, 52 for weekly (weeks in a year, rounded down),
    /// 7 for daily (the week), 24 for hourly (the day), and for sub-hourly the number of
    /// periods in a day (`1440 / minutes`, for example 96 for 15-minute data) when the step
    /// divides the day evenly, otherwise 1.
    public var defaultSeasonLength: Int {
        switch self {
        case .yearly: 1
        case .quarterly: 4
        case .monthly: 12
        case .weekly: 52
        case .daily: 7
        case .hourly: 24
        case .subHourly(let minutes):
            minutes > 0 && 1440 % minutes == 0 ? 1440 / minutes : 1
        }
    }

    /// The number of calendar months in one period, or `nil` for fixed-length frequencies.
    ///
    /// 12 for yearly, 3 for quarterly, 1 for monthly.
    public var calendarMonths: Int? {
        switch self {
        case .yearly: 12
        case .quarterly: 3
        case .monthly: 1
        case .weekly, .daily, .hourly, .subHourly: nil
        }
    }

    /// The length of one period in seconds, or `nil` for calendar frequencies.
    ///
    /// 604,800 for weekly, 86,400 for daily, 3,600 for hourly and `60 × minutes` for sub-hourly.
    public var fixedSeconds: Int? {
        switch self {
        case .yearly, .quarterly, .monthly: nil
        case .weekly: 604_800
        case .daily: 86_400
        case .hourly: 3_600
        case .subHourly(let minutes): 60 * minutes
        }
    }

    /// The coarsest date precision that can name every period of this frequency.
    ///
    /// A date stepped by this frequency is shown with at least this precision: a year
    /// stepped quarterly becomes `2024-Q2`, a month stepped daily becomes `2024-07-02`.
    public var naturalPrecision: SeriesDate.Precision {
        switch self {
        case .yearly: .year
        case .quarterly: .quarter
        case .monthly: .month
        case .weekly, .daily: .day
        case .hourly, .subHourly: .minute
        }
    }

    /// Whether the frequency is well formed: always, except a sub-hourly step outside `1...59`
    /// minutes.
    public var isValid: Bool {
        if case .subHourly(let minutes) = self { return (1...59).contains(minutes) }
        return true
    }
}

extension Frequency: LosslessStringConvertible {
    /// Parses a frequency name.
    ///
    /// Accepts, in any letter case: `yearly` (`annual`, `Y`, `A`), `quarterly` (`Q`), `monthly`
    /// (`M`), `weekly` (`W`), `daily` (`D`), `hourly` (`H`), and sub-hourly steps written
    /// `15min` (or `15T`) for 1 to 59 minutes.
    ///
    /// - Parameter description: The name, for example `monthly` or `30min`.
    /// - Returns: `nil` when the name is not one of the above.
    public init?(_ description: String) {
        let name = description.lowercased()
        switch name {
        case "yearly", "annual", "y", "a": self = .yearly
        case "quarterly", "q": self = .quarterly
        case "monthly", "m": self = .monthly
        case "weekly", "w": self = .weekly
        case "daily", "d": self = .daily
        case "hourly", "h": self = .hourly
        default:
            let digits: Substring
            if name.hasSuffix("min") {
                digits = name.dropLast(3)
            } else if name.hasSuffix("t") {
                digits = name.dropLast(1)
            } else {
                return nil
            }
            guard let minutes = Int(digits), (1...59).contains(minutes) else { return nil }
            self = .subHourly(minutes: minutes)
        }
    }

    /// The frequency's name: `yearly`, `quarterly`, `monthly`, `weekly`, `daily`, `hourly`, or
    /// `15min` for a 15-minute sub-hourly step.
    public var description: String {
        switch self {
        case .yearly: "yearly"
        case .quarterly: "quarterly"
        case .monthly: "monthly"
        case .weekly: "weekly"
        case .daily: "daily"
        case .hourly: "hourly"
        case .subHourly(let minutes): "\(minutes)min"
        }
    }

    /// The names ``init(_:)`` accepts, for help texts and error messages.
    public static let acceptedNames =
        "yearly, quarterly, monthly, weekly, daily, hourly, or Nmin for N = 1…59 minutes"
}
