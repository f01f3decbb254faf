import Foundation

extension AirQualityIndex {
    /// The statistics of one pollutant on one calendar day, in one unit, from which an index
    /// takes the day's sub-index; `nil` where the data cannot give a valid value.
    public struct DayValues: Sendable, Equatable {
        /// The daily (24-hour) mean.
        public var mean24Hour: Double?
        /// The daily maximum 8-hour running mean (``DailyMetrics/dailyMaximum8HourMean(_:rules:)``).
        public var maximum8Hour: Double?
        /// The daily maximum hourly value.
        public var maximum1Hour: Double?

        /// Creates a day's statistics.
        ///
        /// - Parameters:
        ///   - mean24Hour: The daily mean.
        ///   - maximum8Hour: The daily maximum 8-hour mean.
        ///   - maximum1Hour: The daily maximum hourly value.
        public init(mean24Hour: Double? = nil, maximum8Hour: Double? = nil, maximum1Hour: Double? = nil) {
            self.mean24Hour = mean24Hour
            self.maximum8Hour = maximum8Hour
            self.maximum1Hour = maximum1Hour
        }

        /// The statistic a table of `averaging` (`24-hour`, `8-hour`, `1-hour`) classifies a day by.
        public func value(for averaging: String) -> Double? {
            switch averaging {
            case "24-hour": mean24Hour
            case "8-hour": maximum8Hour
            case "1-hour": maximum1Hour
            default: nil
            }
        }
    }

    /// The table that continues a pollutant's day-classifying table above its top: a
    /// `supplementary` table of another averaging period whose first index value follows the
    /// primary table's last (US SO2: 1-hour up to 200, then 24-hour from 201; India O3: 8-hour up
    /// to 300, then 1-hour from 301).
    func continuationAveraging(for pollutant: Pollutant) -> String? {
        guard let primary = primaryAveraging(for: pollutant),
            let top = breakpoints.last(where: { $0.pollutant == pollutant && $0.averaging == primary })
        else { return nil }
        return breakpoints.first { row in
            row.pollutant == pollutant && !row.isPrimary && row.averaging != primary && row.indexLow == top.indexHigh + 1
        }?.averaging
    }

    /// The sub-index of one pollutant on one day, by the index's rules for the day.
    ///
    /// The day's value of the day-classifying (`primary`) table gives the sub-index. Where the
    /// index's ``DailyRule/alsoClassifiedBy`` names a second table for the pollutant, the
    /// sub-index is the higher of the two, and the second table's alone when the day is above
    /// the primary table: China's O3, whose daily IAQI takes the daily maximum 1-hour value as
    /// well as the daily maximum 8-hour mean, and the 1-hour value alone above 800 µg/m³
    /// (HJ 633-2012 §5.1 and Table 1 note 3). When the primary value is
    /// above that table and a `supplementary` table of another averaging period continues the
    /// scale (its first index value is the primary table's last plus one), the continuation
    /// table gives it instead, and when the continuation statistic falls below that table the
    /// sub-index is the primary table's top value. For the US SO2 index this is the rule of
    /// 40 CFR 58 appendix G, Table 2, note 3 ("1-hour SO2 values do not define higher AQI values
    /// (≥ 200). AQI values of 200 or greater are calculated with 24-hour SO2 concentrations") as
    /// EPA's *Technical Assistance Document for the Reporting of Daily Air Quality*
    /// (EPA-454/B-24-002, 2024) applies it: a daily maximum 1-hour value of 305 ppb or more
    /// (after truncation to integer ppb) takes the 24-hour mean's sub-index when that mean is
    /// 305 ppb or more, and exactly 200 when it is not.
    ///
    /// ```swift
    /// // US SO2: daily maximum 1-hour 400 ppb, 24-hour mean 400 ppb → 24-hour table, 201 + 99/299 × 95 = 232.45 → 232
    /// try us.dailySubIndex(.init(mean24Hour: 400, maximum1Hour: 400), pollutant: .so2, unit: .ppb)?.value   // 232
    /// // 24-hour mean 150 ppb (below the 24-hour table) → 200
    /// ```
    ///
    /// - Parameters:
    ///   - day: The day's statistics of the pollutant, in `unit`.
    ///   - pollutant: The pollutant.
    ///   - unit: The unit of `day`'s values.
    /// - Returns: The sub-index, or `nil` when the index does not cover the pollutant or the day
    ///   has no valid value of the day-classifying statistic. Above every applicable table the
    ///   sub-index has no value and the category of a lower bound, as ``subIndex(_:pollutant:averaging:unit:)``.
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)``.
    /// - Complexity: O(*r*) in the rows of the index.
    public func dailySubIndex(_ day: DayValues, pollutant: Pollutant, unit: ConcentrationUnit) throws(AirQualityError)
        -> SubIndex?
    {
        try dailySubIndexWithBound(day, pollutant: pollutant, unit: unit)?.subIndex
    }

    /// ``dailySubIndex(_:pollutant:unit:)`` and whether its value is missing because the day is
    /// above the last table that applies (rather than in an open-ended band).
    func dailySubIndexWithBound(_ day: DayValues, pollutant: Pollutant, unit: ConcentrationUnit) throws(AirQualityError)
        -> (subIndex: SubIndex, isAboveTable: Bool)?
    {
        guard let primary = primaryAveraging(for: pollutant), let value = day.value(for: primary),
            let sub = try subIndex(value, pollutant: pollutant, averaging: primary, unit: unit)
        else { return nil }
        let isAbove = { (averaging: String) in
            self.breakpoints.last { $0.pollutant == pollutant && $0.averaging == averaging }?.concentrationHigh != nil
        }
        let primaryAbove = sub.value == nil && isAbove(primary)
        if let other = dailyRule.alsoClassifiedBy[pollutant], let otherValue = day.value(for: other),
            let otherSub = try subIndex(otherValue, pollutant: pollutant, averaging: other, unit: unit)
        {
            let otherAbove = otherSub.value == nil && isAbove(other)
            if primaryAbove { return (otherSub, otherAbove) }
            let rank = { (entry: SubIndex) in
                (self.categories.firstIndex { $0.name == entry.category } ?? 0, entry.value ?? Int.max)
            }
            return rank(otherSub) > rank(sub) ? (otherSub, otherAbove) : (sub, false)
        }
        guard primaryAbove else { return (sub, false) }
        guard let continuation = continuationAveraging(for: pollutant), let next = day.value(for: continuation) else {
            return (sub, true)
        }
        guard let continued = try subIndex(next, pollutant: pollutant, averaging: continuation, unit: unit) else {
            // Below the continuation table: the highest value the primary table can give.
            let top = breakpoints.last { $0.pollutant == pollutant && $0.averaging == primary }?.indexHigh ?? 0
            return (SubIndex(value: top, category: category(of: top)), false)
        }
        return (continued, continued.value == nil && isAbove(continuation))
    }
}

extension AirQualityIndex {
    /// How an index makes one day's AQI from the sub-indices of its pollutants: the highest
    /// sub-index (plus a ``Combination`` bonus where the index has one), on days with enough
    /// pollutants, naming the pollutant(s) with the highest sub-index.
    public struct DailyRule: Sendable, Equatable {
        /// The fewest pollutants with a sub-index for the day to have an AQI.
        public var minimumPollutants: Int
        /// Pollutants of which at least one must have a sub-index (empty: no such condition).
        public var requiresOneOf: [Pollutant]
        /// The AQI at or below which no dominant pollutant is named, or `nil` to name it always.
        public var namesDominantAbove: Int?
        /// The fewest hours of data for a valid 24-hour mean from hourly data, or `nil` for the
        /// data-capture rule's day fraction.
        public var minimumHoursPerDay: Int?
        /// The running means that make the daily maximum 8-hour mean of the index's 8-hour tables.
        public var eightHourWindow: DailyMetrics.EightHourWindow
        /// Pollutants whose day also takes the sub-index of a second table (its averaging
        /// period), the higher of the two counting (China: O3 by its 1-hour table too).
        public var alsoClassifiedBy: [Pollutant: String]
        /// The citation of the rule.
        public var source: String

        /// Creates a rule.
        ///
        /// - Parameters:
        ///   - minimumPollutants: The fewest pollutants with a sub-index.
        ///   - requiresOneOf: Pollutants of which one must have a sub-index.
        ///   - namesDominantAbove: The AQI above which the dominant pollutant is named.
        ///   - minimumHoursPerDay: The fewest hours for a 24-hour mean from hourly data.
        ///   - eightHourWindow: The running means of the daily maximum 8-hour mean.
        ///   - alsoClassifiedBy: Pollutants whose day also takes a second table's sub-index.
        ///   - source: The citation.
        public init(minimumPollutants: Int = 1, requiresOneOf: [Pollutant] = [], namesDominantAbove: Int? = nil,
                    minimumHoursPerDay: Int? = nil, eightHourWindow: DailyMetrics.EightHourWindow = .everyHour,
                    alsoClassifiedBy: [Pollutant: String] = [:], source: String = "") {
            self.eightHourWindow = eightHourWindow
            self.minimumPollutants = minimumPollutants
            self.requiresOneOf = requiresOneOf
            self.namesDominantAbove = namesDominantAbove
            self.minimumHoursPerDay = minimumHoursPerDay
            self.alsoClassifiedBy = alsoClassifiedBy
            self.source = source
        }

        /// The rules of the published indices, by identifier.
        static let published: [String: DailyRule] = [
            "us-epa-2024": DailyRule(
                eightHourWindow: .appendixU,
                source: "40 CFR Part 58 Appendix G §4: the AQI is the highest index value and the critical pollutant the pollutant with it; daily maximum 8-hour means by 40 CFR 50 Appendix U"),
            "china-hj633-2012": DailyRule(
                namesDominantAbove: 50, alsoClassifiedBy: [.o3: "1-hour"],
                source: "HJ 633-2012 §5: AQI = max(IAQI) over the daily items, O3 by its daily maximum 1-hour value and its daily maximum 8-hour mean (the 1-hour value alone above 800 µg/m³, Table 1 note 3); when the AQI is above 50 the pollutant(s) with the highest IAQI are the primary pollutant(s)"),
            "india-naqi-2014": DailyRule(
                minimumPollutants: 3, requiresOneOf: [.pm25, .pm10], minimumHoursPerDay: 16,
                source: "CPCB, National Air Quality Index (2014): at least three pollutants, one of them PM2.5 or PM10; a sub-index needs at least 16 hours of data"),
            "korea-cai": DailyRule(
                source: "AirKorea CAI: the highest sub-index plus the multi-pollutant bonus (aqi-combined.csv)"),
        ]
    }

    /// The daily rule of this index: the published rule for the US, China, India and Korea,
    /// otherwise the plain highest sub-index of any pollutants, its pollutant always named.
    public var dailyRule: DailyRule {
        DailyRule.published[id] ?? DailyRule()
    }

    /// One day's AQI.
    public struct DailyIndex: Sendable, Equatable {
        /// The AQI, or `nil` when the highest sub-index has no value (above its table, or in an
        /// open band).
        public let value: Int?
        /// The category of the AQI.
        public let category: String
        /// The pollutants with the highest sub-index (several on a tie), in pollutant order;
        /// empty when the index names none at this AQI (China at 50 or below).
        public let dominantPollutants: [Pollutant]
        /// The points a ``Combination`` added (0 without one).
        public let bonus: Int
    }

    /// The AQI of one day from the sub-indices of its pollutants, by ``dailyRule``.
    ///
    /// The value is ``combined(_:)``: the highest sub-index, with a ``Combination``'s bonus
    /// (Korea's CAI). The day has no AQI with fewer than ``DailyRule/minimumPollutants``
    /// sub-indices, without one of ``DailyRule/requiresOneOf`` or without a pollutant the
    /// combination requires. The dominant pollutants are those whose sub-index ranks with the
    /// highest (same category and value).
    ///
    /// ```swift
    /// // China: PM2.5 IAQI 120, PM10 120, NO2 40 → AQI 120, primary pollutants PM2.5 and PM10
    /// china.dailyIndex([.pm25: pm25, .pm10: pm10, .no2: no2])?.dominantPollutants   // [.pm25, .pm10]
    /// ```
    ///
    /// - Parameter subIndices: The day's sub-index of each pollutant measured.
    /// - Returns: The day's AQI, or `nil` when the rule gives none.
    /// - Complexity: O(*p* · *c*) for *p* pollutants and *c* categories.
    public func dailyIndex(_ subIndices: [Pollutant: SubIndex]) -> DailyIndex? {
        let rule = dailyRule
        guard subIndices.count >= rule.minimumPollutants,
            rule.requiresOneOf.isEmpty || rule.requiresOneOf.contains(where: { subIndices[$0] != nil }),
            let combined = combined(subIndices), let top = subIndices[combined.mainPollutant]
        else { return nil }
        var dominant = subIndices.filter { $0.value.category == top.category && $0.value.value == top.value }.keys.sorted()
        if let threshold = rule.namesDominantAbove, let value = combined.value, value <= threshold { dominant = [] }
        return DailyIndex(value: combined.value, category: combined.category, dominantPollutants: dominant, bonus: combined.bonus)
    }
}
