import Foundation

extension StandardsReport {
    /// The overall daily AQI of one place, index and year: days by category of the day's AQI
    /// and the days each pollutant was dominant.
    ///
    /// A day counts when ``AirQualityIndex/dailyIndex(_:)`` gives it an AQI from the sub-indices
    /// of the place's pollutants that day (each by its own day-classifying statistic, through
    /// ``AirQualityIndex/dailySubIndex(_:pollutant:unit:)``): for India with at least three
    /// pollutants, one of them PM2.5 or PM10; for Korea with PM10, PM2.5, NO2 and O3.
    public struct OverallDays: Sendable, Equatable {
        /// The station's or city's key.
        public let key: SeriesKey
        /// The index identifier.
        public let index: String
        /// The calendar year.
        public let year: Int
        /// The place's pollutants the index has a table for and the data can evaluate, in
        /// pollutant order.
        public let pollutants: [Pollutant]
        /// Days per category of the day's AQI, in category order; `nil` when not evaluated.
        public let days: [(category: String, count: Int)]?
        /// Days each pollutant had the highest sub-index, in pollutant order (a tie counts for
        /// each pollutant in it; China names none on days with an AQI of 50 or less).
        public let dominantDays: [(pollutant: Pollutant, count: Int)]
        /// Days on which a multi-pollutant bonus was added (Korea's CAI).
        public let bonusDays: Int
        /// Why the days were not evaluated, if they were not.
        public let note: String?

        /// Equality of all stored fields.
        public static func == (lhs: OverallDays, rhs: OverallDays) -> Bool {
            lhs.key == rhs.key && lhs.index == rhs.index && lhs.year == rhs.year && lhs.pollutants == rhs.pollutants
                && lhs.bonusDays == rhs.bonusDays && lhs.note == rhs.note
                && lhs.days?.map(\.category) == rhs.days?.map(\.category) && lhs.days?.map(\.count) == rhs.days?.map(\.count)
                && lhs.dominantDays.map(\.pollutant) == rhs.dominantDays.map(\.pollutant)
                && lhs.dominantDays.map(\.count) == rhs.dominantDays.map(\.count)
        }
    }

    /// The records grouped by place, in order of first appearance.
    static func places(_ statistics: [DayStatistics]) -> [(key: SeriesKey, entries: [DayStatistics])] {
        var order: [SeriesKey] = []
        var byKey: [SeriesKey: [DayStatistics]] = [:]
        for entry in statistics {
            if byKey[entry.record.key] == nil { order.append(entry.record.key) }
            byKey[entry.record.key, default: []].append(entry)
        }
        return order.map { ($0, byKey[$0] ?? []) }
    }

    /// The overall daily AQI of each place with two or more pollutants, for every index that
    /// covers one of them.
    static func overallDays(_ statistics: [DayStatistics], indices: [AirQualityIndex]) throws(AirQualityError)
        -> [OverallDays]
    {
        var result: [OverallDays] = []
        for (key, entries) in places(statistics) where Set(entries.map(\.record.pollutant)).count >= 2 {
            let years = Set(entries.flatMap { $0.record.annual.map(\.date.year) }).sorted()
            for index in indices {
                let (byDay, available, _) = try subIndicesByDay(entries, index: index)
                guard entries.contains(where: { index.primaryAveraging(for: $0.record.pollutant) != nil }) else { continue }
                let pollutants = available.sorted()
                let note = Self.overallProblem(index: index, available: available)
                for year in years {
                    guard note == nil else {
                        result.append(OverallDays(
                            key: key, index: index.id, year: year, pollutants: pollutants, days: nil, dominantDays: [],
                            bonusDays: 0, note: note))
                        continue
                    }
                    let counted = Self.tally(byDay, year: year, index: index)
                    result.append(OverallDays(
                        key: key, index: index.id, year: year, pollutants: pollutants, days: counted.days,
                        dominantDays: pollutants.map { ($0, counted.dominant[$0] ?? 0) }, bonusDays: counted.bonusDays, note: nil))
                }
            }
        }
        return result
    }

    /// The days of `year` by category of the index's daily AQI (``AirQualityIndex/dailyIndex(_:)``),
    /// the days with a multi-pollutant bonus and the days each pollutant was dominant.
    static func tally(_ byDay: [Int: (year: Int, values: [Pollutant: AirQualityIndex.SubIndex])], year: Int,
                      index: AirQualityIndex)
        -> (days: [(category: String, count: Int)], bonusDays: Int, dominant: [Pollutant: Int])
    {
        var counts = [Int](repeating: 0, count: index.categories.count)
        var dominant: [Pollutant: Int] = [:]
        var bonusDays = 0
        for day in byDay.values where day.year == year {
            guard let aqi = index.dailyIndex(day.values),
                let position = index.categories.firstIndex(where: { $0.name == aqi.category })
            else { continue }
            counts[position] += 1
            for pollutant in aqi.dominantPollutants { dominant[pollutant, default: 0] += 1 }
            if aqi.bonus > 0 { bonusDays += 1 }
        }
        return (zip(index.categories, counts).map { ($0.name, $1) }, bonusDays, dominant)
    }

    /// Why the pollutants the data can evaluate can never give the index a day's AQI, or `nil`.
    private static func overallProblem(index: AirQualityIndex, available: Set<Pollutant>) -> String? {
        let rule = index.dailyRule
        let names = available.sorted().map(\.name).joined(separator: ", ")
        let has = available.isEmpty ? "none can be evaluated" : "the data give \(names)"
        if available.count < rule.minimumPollutants {
            return "the daily AQI needs at least \(rule.minimumPollutants) pollutants; \(has)"
        }
        if !rule.requiresOneOf.isEmpty, available.isDisjoint(with: rule.requiresOneOf) {
            return "the daily AQI needs one of \(rule.requiresOneOf.map(\.name).joined(separator: ", ")); \(has)"
        }
        if let combination = index.combination, !available.isSuperset(of: combination.requiredPollutants) {
            return "the daily AQI needs \(combination.requiredPollutants.map(\.name).joined(separator: ", ")); \(has)"
        }
        if available.isEmpty { return "no pollutant can be evaluated (the gas tables need hourly data)" }
        return nil
    }
}
