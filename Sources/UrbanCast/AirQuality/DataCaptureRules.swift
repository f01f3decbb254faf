/// The data-capture rules that decide which periods count, and how stations make a city.
///
/// Defaults follow common regulatory practice (EU Directive 2008/50/EC, US EPA 40 CFR 50
/// appendix N, WHO 2021): a day counts with at least 75 % of its hours, a month and a year with at
/// least 75 % of their calendar days. A period at the edge of the record counts its whole calendar
/// length, so a record that starts on 1 March covers 306 of the 365 days of its first year.
/// A city period counts with at least 75 % of the city's stations valid in it.
///
/// ``annualCoverage`` chooses how a year's days are counted: over the calendar year (the
/// default), or, as US EPA 40 CFR 50 appendix N §4.1(b) asks for PM2.5 ("at least 75 percent
/// of the scheduled sampling days for each quarter have valid data"), in each calendar quarter.
public struct DataCaptureRules: Sendable, Equatable {
    /// Over which periods a year's valid days are counted.
    public enum AnnualCoverage: String, Sendable, CaseIterable {
        /// ``yearFraction`` of the calendar year's days.
        case calendarYear
        /// ``yearFraction`` of the days of each of the four calendar quarters (appendix N).
        case eachQuarter
    }

    /// The least fraction of a day's readings (hours for hourly data) for a valid daily mean.
    public var dayFraction: Double
    /// The least fraction of a month's days with a valid daily mean for a valid monthly mean.
    public var monthFraction: Double
    /// The least fraction of a year's days with a valid daily mean for a valid annual statistic.
    public var yearFraction: Double
    /// The least fraction of a city's stations valid in a period for a valid city value.
    public var stationFraction: Double
    /// Whether the year's fraction applies to the whole year or to each calendar quarter.
    public var annualCoverage: AnnualCoverage = .calendarYear

    /// Creates data-capture rules; each fraction is in (0, 1].
    ///
    /// - Parameters:
    ///   - dayFraction: Readings per day, default 0.75 (18 of 24 hours).
    ///   - monthFraction: Valid days per month, default 0.75.
    ///   - yearFraction: Valid days per year, default 0.75.
    ///   - stationFraction: Valid stations per city period, default 0.75.
    ///   - annualCoverage: Whether `yearFraction` applies to the year or to each quarter.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` naming a fraction outside (0, 1].
    public init(dayFraction: Double = 0.75, monthFraction: Double = 0.75, yearFraction: Double = 0.75,
                stationFraction: Double = 0.75, annualCoverage: AnnualCoverage = .calendarYear) throws(AirQualityError) {
        self.annualCoverage = annualCoverage
        for (name, value) in [("day", dayFraction), ("month", monthFraction), ("year", yearFraction),
                              ("station", stationFraction)] where !(value > 0 && value <= 1) {
            throw .invalidSetting("the \(name) data-capture fraction must be in (0, 1], got \(value)")
        }
        self.dayFraction = dayFraction
        self.monthFraction = monthFraction
        self.yearFraction = yearFraction
        self.stationFraction = stationFraction
    }

    /// The defaults: 75 % of hours, days and stations.
    public static let standard = DataCaptureRules(checked: ())

    private init(checked: Void) {
        dayFraction = 0.75
        monthFraction = 0.75
        yearFraction = 0.75
        stationFraction = 0.75
    }

    /// The annual statistics of daily ones: the mean of the valid daily means per calendar year,
    /// valid by ``yearFraction`` of the year's days or, with ``AnnualCoverage/eachQuarter``, of
    /// each quarter's days (a quarter outside the record counts its whole length, with no
    /// valid days).
    ///
    /// - Parameter daily: Consecutive daily statistics.
    /// - Returns: One entry per calendar year of `daily`.
    /// - Complexity: O(*n*) in the days.
    func annual(_ daily: [PeriodStatistic]) -> [PeriodStatistic] {
        let years = Localization.aggregate(daily, by: .yearly, yearFraction)
        guard annualCoverage == .eachQuarter else { return years }
        var validByQuarter: [Int: Int] = [:]
        for day in daily where day.isValid {
            validByQuarter[day.date.year * 4 + (day.date.month - 1) / 3, default: 0] += 1
        }
        return years.map { year in
            let quartersMet = (0..<4).allSatisfy { quarter in
                let start = SeriesDate(year: year.date.year, month: quarter * 3 + 1, precision: .month)
                let possible = (0..<3).reduce(0) { total, month in
                    total + CivilDay.length(of: start.advanced(by: month, frequency: .monthly), frequency: .monthly)
                }
                return Self.meets(validByQuarter[year.date.year * 4 + quarter] ?? 0, of: possible, fraction: yearFraction)
            }
            return PeriodStatistic(date: year.date, mean: year.mean, count: year.count, possible: year.possible, isValid: quartersMet)
        }
    }

    /// Whether `count` of `possible` meets `fraction`, exactly in integers (count ≥ fraction × possible,
    /// with 18 of 24 meeting 0.75).
    static func meets(_ count: Int, of possible: Int, fraction: Double) -> Bool {
        possible > 0 && Double(count) >= fraction * Double(possible) - 1e-9
    }
}
