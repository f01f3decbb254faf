/// The data-capture rules that decide which periods count, and how stations make a city.
///
/// Defaults follow common regulatory practice (EU Directive 2008/50/EC, US EPA 40 CFR 50
/// appendix N, WHO 2021): a day counts with at least 75 % of its hours, a month and a year with at
/// least 75 % of their calendar days. A period at the edge of the record counts its whole calendar
/// length, so a record that starts on 1 March covers 306 of the 365 days of its first year.
/// A city period counts with at least 75 % of the city's stations valid in it.
public struct DataCaptureRules: Sendable, Equatable {
    /// The least fraction of a day's readings (hours for hourly data) for a valid daily mean.
    public var dayFraction: Double
    /// The least fraction of a month's days with a valid daily mean for a valid monthly mean.
    public var monthFraction: Double
    /// The least fraction of a year's days with a valid daily mean for a valid annual statistic.
    public var yearFraction: Double
    /// The least fraction of a city's stations valid in a period for a valid city value.
    public var stationFraction: Double

    /// Creates data-capture rules; each fraction is in (0, 1].
    ///
    /// - Parameters:
    ///   - dayFraction: Readings per day, default 0.75 (18 of 24 hours).
    ///   - monthFraction: Valid days per month, default 0.75.
    ///   - yearFraction: Valid days per year, default 0.75.
    ///   - stationFraction: Valid stations per city period, default 0.75.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` naming a fraction outside (0, 1].
    public init(dayFraction: Double = 0.75, monthFraction: Double = 0.75, yearFraction: Double = 0.75,
                stationFraction: Double = 0.75) throws(AirQualityError) {
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

    /// Whether `count` of `possible` meets `fraction`, exactly in integers (count ≥ fraction × possible,
    /// with 18 of 24 meeting 0.75).
    static func meets(_ count: Int, of possible: Int, fraction: Double) -> Bool {
        possible > 0 && Double(count) >= fraction * Double(possible) - 1e-9
    }
}
