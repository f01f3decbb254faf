import Foundation
import Testing
import UrbanCast

/// A day's sub-index by the rules around the tables, and the overall daily AQI (highest
/// sub-index and its pollutant), each case worked by hand from the official document.
@Suite("Air quality: daily sub-index rules and the overall daily AQI")
struct AirDailyIndexTests {
    static func index(_ id: String) throws -> AirQualityIndex {
        try #require(AirQualityStandards.builtIn.indices.first { $0.id == id })
    }

    /// US SO2, 40 CFR 58 appendix G Table 2 note 3 ("1-hour SO2 values do not define higher AQI
    /// values (≥ 200). AQI values of 200 or greater are calculated with 24-hour SO2
    /// concentrations") as EPA-454/B-24-002 (2024) applies it: a daily maximum 1-hour value of
    /// 305 ppb or more (after truncation to integer ppb) takes the 24-hour mean's sub-index
    /// (rows 305–604 → 201–300, 605–1004 → 301–500) when that mean is 305 ppb or more, and
    /// exactly 200 when it is not.
    static let usSulfurDioxide: [(max1h: Double, mean24h: Double?, value: Int?, category: String)] = [
        // 304.9 truncates to 304, the top of the 1-hour table (186–304 → 151–200): 200.
        (304.9, 400, 200, "Unhealthy"),
        // 1-hour 200: 151 + 49/118 × (200 − 186) = 156.81 → 157; the 24-hour mean is not used.
        (200, 400, 157, "Unhealthy"),
        // 1-hour 305 → 24-hour 400: 201 + 99/299 × (400 − 305) = 232.45 → 232.
        (305, 400, 232, "Very Unhealthy"),
        // 24-hour 150 is below the 24-hour table: the AQI is fixed at 200.
        (350, 150, 200, "Unhealthy"),
        // 24-hour 304.9 truncates to 304, still below 305: 200.
        (350, 304.9, 200, "Unhealthy"),
        // 24-hour 1004, the top: 301 + 199/399 × (1004 − 605) = 500.
        (700, 1004, 500, "Hazardous"),
        // 24-hour 1005 is above the table: no value, the category of a lower bound.
        (700, 1005, nil, "Hazardous"),
        // No valid 24-hour mean: no value, at least Very Unhealthy (201).
        (400, nil, nil, "Very Unhealthy"),
    ]

    @Test(arguments: usSulfurDioxide.indices)
    func usSulfurDioxideAbove304ppbUsesThe24HourMean(_ position: Int) throws {
        let row = Self.usSulfurDioxide[position]
        try Self.expectDay(
            "us-epa-2024", .so2, .ppb, .init(mean24Hour: row.mean24h, maximum1Hour: row.max1h), row.value, row.category)
    }

    static func expectDay(_ id: String, _ pollutant: Pollutant, _ unit: ConcentrationUnit, _ day: AirQualityIndex.DayValues,
                          _ value: Int?, _ category: String) throws {
        let sub = try #require(try index(id).dailySubIndex(day, pollutant: pollutant, unit: unit))
        #expect(sub.value == value && sub.category == category, "\(id) \(day): \(sub)")
    }

    /// India O3 (CPCB 2014; *About National Air Quality Index*: 209–748 and 748+ µg/m³ on
    /// 1-hour values): an 8-hour maximum above 208 takes the 1-hour value,
    /// 301 + 99/539 × (300 − 209) = 317.71 → 318; below the 1-hour table (an 8-hour maximum of
    /// 220 with a 1-hour maximum of 200, which data cannot give but the rule must handle) the
    /// 8-hour table's top, 300; within the 8-hour table the 1-hour value is not used.
    @Test func indiaOzoneAbove208UsesTheOneHourValue() throws {
        let india = try Self.index("india-naqi-2014")
        let ug = ConcentrationUnit.microgramsPerCubicMetre
        let high = try #require(try india.dailySubIndex(.init(maximum8Hour: 250, maximum1Hour: 300), pollutant: .o3, unit: ug))
        #expect(high.value == 318 && high.category == "Very Poor")
        let low = try #require(try india.dailySubIndex(.init(maximum8Hour: 220, maximum1Hour: 200), pollutant: .o3, unit: ug))
        #expect(low.value == 300 && low.category == "Poor")
        // 8-hour 168 → 101 + 99/67 × (168 − 101) = 200.
        let inTable = try #require(try india.dailySubIndex(.init(maximum8Hour: 168, maximum1Hour: 700), pollutant: .o3, unit: ug))
        #expect(inTable.value == 200)
        #expect(try india.dailySubIndex(.init(maximum1Hour: 300), pollutant: .o3, unit: ug) == nil)
    }

    /// China O3, HJ 633-2012 §5.1 (the daily report's items include the O3 daily maximum 1-hour
    /// value and daily maximum 8-hour mean, AQI = max IAQI) and Table 1 note 3 (an 8-hour value
    /// above 800 µg/m³ is not indexed; the 1-hour IAQI is reported). IAQIs round up.
    static let chinaOzone: [(max8h: Double, max1h: Double?, value: Int?, category: String)] = [
        // 8-hour 150 → 50 + 50/60 × 50 = 91.67 → 92; 1-hour 250 → 100 + 50/100 × 50 = 125: 125.
        (150, 250, 125, "Lightly polluted"),
        // 1-hour 180 → 50 + 50/40 × 20 = 75 < 92: the 8-hour IAQI, 92.
        (150, 180, 92, "Good"),
        // No 1-hour value: the 8-hour IAQI.
        (150, nil, 92, "Good"),
        // 8-hour 850 > 800: the 1-hour 900 alone, 300 + 100/200 × 100 = 350.
        (850, 900, 350, "Severely polluted"),
        // 8-hour above 800 without a 1-hour value: no IAQI, at least Severely polluted (301).
        (850, nil, nil, "Severely polluted"),
    ]

    @Test(arguments: chinaOzone.indices)
    func chinaOzoneUsesTheOneHourMaximumToo(_ position: Int) throws {
        let row = Self.chinaOzone[position]
        try Self.expectDay(
            "china-hj633-2012", .o3, .microgramsPerCubicMetre, .init(maximum8Hour: row.max8h, maximum1Hour: row.max1h),
            row.value, row.category)
    }

    static func subIndices(_ index: AirQualityIndex, _ values: [(Pollutant, Double, ConcentrationUnit)]) throws
        -> [Pollutant: AirQualityIndex.SubIndex]
    {
        var result: [Pollutant: AirQualityIndex.SubIndex] = [:]
        for (pollutant, value, unit) in values {
            let averaging = try #require(index.primaryAveraging(for: pollutant))
            result[pollutant] = try index.subIndex(value, pollutant: pollutant, averaging: averaging, unit: unit)
        }
        return result
    }

    /// China, HJ 633-2012 §5: AQI = max(IAQI), IAQI rounded up; when the AQI is above 50 the
    /// pollutant(s) with the highest IAQI are the primary pollutant(s), several on a tie.
    @Test func chinaPrimaryPollutantAbove50() throws {
        let china = try Self.index("china-hj633-2012")
        let ug = ConcentrationUnit.microgramsPerCubicMetre
        // PM2.5 115 → 100 + 50/40 × 40 = 150; PM10 250 → 100 + 50/100 × 100 = 150; NO2 40 → 50.
        let tie = try #require(china.dailyIndex(try Self.subIndices(china, [(.pm25, 115, ug), (.pm10, 250, ug), (.no2, 40, ug)])))
        #expect(tie.value == 150 && tie.category == "Lightly polluted" && tie.dominantPollutants == [.pm25, .pm10])
        // PM2.5 35 → 50, PM10 50 → 50: AQI 50, no primary pollutant.
        let clean = try #require(china.dailyIndex(try Self.subIndices(china, [(.pm25, 35, ug), (.pm10, 50, ug)])))
        #expect(clean.value == 50 && clean.dominantPollutants.isEmpty)
        // PM2.5 36 → 50 + 50/40 × 1 = 51.25 → 52 (rounded up): primary PM2.5.
        let just = try #require(china.dailyIndex(try Self.subIndices(china, [(.pm25, 36, ug), (.pm10, 50, ug)])))
        #expect(just.value == 52 && just.dominantPollutants == [.pm25])
    }

    /// India, CPCB 2014: the AQI needs at least three pollutants, one of them PM2.5 or PM10.
    @Test func indiaNeedsThreePollutantsWithParticles() throws {
        let india = try Self.index("india-naqi-2014")
        let ug = ConcentrationUnit.microgramsPerCubicMetre
        // PM2.5 61 → 101; NO2 41 → 51; SO2 10 → 50/40 × 10 = 12.5 → 13.
        let three = try #require(india.dailyIndex(try Self.subIndices(india, [(.pm25, 61, ug), (.no2, 41, ug), (.so2, 10, ug)])))
        #expect(three.value == 101 && three.category == "Moderate" && three.dominantPollutants == [.pm25])
        #expect(india.dailyIndex(try Self.subIndices(india, [(.pm25, 61, ug), (.no2, 41, ug)])) == nil)
        #expect(india.dailyIndex(try Self.subIndices(india, [(.no2, 41, ug), (.so2, 10, ug), (.nh3, 10, ug)])) == nil)
    }

    /// US, 40 CFR 58 appendix G §4: the AQI is the highest index value and the critical
    /// pollutant the one with it. PM2.5 55.4 → 150; O3 0.085 ppm → 150; CO 4.4 ppm → 50.
    @Test func usCriticalPollutant() throws {
        let us = try Self.index("us-epa-2024")
        let day = try #require(us.dailyIndex(try Self.subIndices(us, [
            (.pm25, 55.4, .microgramsPerCubicMetre), (.o3, 0.085, .ppm), (.co, 4.4, .ppm),
        ])))
        #expect(day.value == 150 && day.dominantPollutants == [.pm25, .o3].sorted())
        let single = try #require(us.dailyIndex(try Self.subIndices(us, [(.co, 4.4, .ppm)])))
        #expect(single.value == 50 && single.dominantPollutants == [.co])
    }

    static func report(_ rows: [String]) throws -> StandardsReport {
        let localization = try Localization(try airSeries((["station,pollutant,date,value,unit"] + rows).joined(separator: "\n")))
        return try StandardsReport(records: localization.stations, rules: .standard)
    }

    static func hours(_ pollutant: String, day: Int, unit: String, _ values: [Double]) -> [String] {
        values.enumerated().map { hour, value in
            "A,\(pollutant),2024-05-0\(day)T\(String(format: "%02d", hour)):00,\(value),\(unit)"
        }
    }

    /// Two days of hourly SO2 (ppb) and PM2.5 (µg/m³) at one station. Day 1: SO2 400 every
    /// hour (maximum and mean 400 → 232), PM2.5 20 (51 + 49/26.3 × 10.9 = 71.31 → 71). Day 2:
    /// SO2 350 at midnight and 100 after (maximum 350, mean 110.4, below 305 → 200), PM2.5 150
    /// (201 + 99/99.9 × 24.5 = 225.28 → 225). US: both days Very Unhealthy, SO2 dominant on day
    /// 1 and PM2.5 on day 2; today's rule counted both SO2 days above the table.
    /// China (SO2 at 25 °C: 1 ppb = 64.066/24.465 = 2.6187 µg/m³): day 1 SO2 1047.5 → 200 +
    /// 100/800 × 247.5 = 230.9 → 231, PM2.5 20 → 28.6 → 29: Heavily polluted, SO2; day 2 SO2
    /// 289.1 → 100 + 50/325 × 139.1 = 121.4 → 122, PM2.5 150 → 200: Moderately polluted, PM2.5.
    /// India (two pollutants) and Korea (no NO2, O3) give no overall AQI.
    @Test func reportCountsOverallDaysAndDominantPollutants() throws {
        let report = try Self.report(
            Self.hours("SO2", day: 1, unit: "ppb", Array(repeating: 400, count: 24))
                + Self.hours("SO2", day: 2, unit: "ppb", [350] + Array(repeating: 100, count: 23))
                + Self.hours("PM2.5", day: 1, unit: "µg/m³", Array(repeating: 20, count: 24))
                + Self.hours("PM2.5", day: 2, unit: "µg/m³", Array(repeating: 150, count: 24)))
        let so2 = try #require(report.results.first { $0.pollutant == .so2 }?.indexDays.first { $0.index == "us-epa-2024" })
        #expect(so2.days?.map(\.count) == [0, 0, 0, 1, 1, 0] && so2.aboveTable == 0, "\(so2)")

        let us = try #require(report.overall.first { $0.index == "us-epa-2024" })
        #expect(us.days?.map(\.count) == [0, 0, 0, 0, 2, 0] && us.pollutants == [.pm25, .so2].sorted(), "\(us)")
        #expect(Dictionary(uniqueKeysWithValues: us.dominantDays.map { ($0.pollutant, $0.count) }) == [.so2: 1, .pm25: 1])
        let china = try #require(report.overall.first { $0.index == "china-hj633-2012" })
        #expect(china.days?.map(\.count) == [0, 0, 0, 1, 1, 0], "\(china)")
        #expect(Dictionary(uniqueKeysWithValues: china.dominantDays.map { ($0.pollutant, $0.count) }) == [.so2: 1, .pm25: 1])
        let india = try #require(report.overall.first { $0.index == "india-naqi-2014" })
        #expect(india.days == nil && (india.note ?? "").contains("at least 3 pollutants"), "\(india)")
        let korea = try #require(report.overall.first { $0.index == "korea-cai" })
        #expect(korea.days == nil && (korea.note ?? "").contains("O3"), "\(korea)")

        let document = report.document
        #expect(document.overall?.count == 5)  // US, China, India, Korea, Indonesia
        #expect(report.table.contains("2024 us-epa-2024 (PM2.5, SO2): Good 0, Moderate 0, Unhealthy for Sensitive Groups 0, Unhealthy 0, Very Unhealthy 2, Hazardous 0; dominant PM2.5 1, SO2 1"), "\(report.table)")
    }

    /// The library example of the daily rules: a US day with SO2 above 304 ppb and PM2.5 at
    /// 150 µg/m³ (201 + 99/99.9 × 24.5 = 225.28 → 225); SO2 by its 24-hour mean, 232, leads.
    @Test func libraryExample() throws {
        let standards = AirQualityStandards.builtIn
        let us = try #require(standards.indices.first { $0.id == "us-epa-2024" })
        var day: [Pollutant: AirQualityIndex.SubIndex] = [:]
        day[.so2] = try us.dailySubIndex(.init(mean24Hour: 400, maximum1Hour: 420), pollutant: .so2, unit: .ppb)
        day[.pm25] = try us.dailySubIndex(.init(mean24Hour: 150), pollutant: .pm25, unit: .microgramsPerCubicMetre)
        let aqi = us.dailyIndex(day)
        #expect(aqi?.value == 232 && aqi?.category == "Very Unhealthy" && aqi?.dominantPollutants == [.so2])
    }

    /// India's sub-index needs 16 hours of data (CPCB); the capture rule's 18 of 24 still holds
    /// for the other indices. PM2.5 at 61 µg/m³ for 16 hours of day 1 and all of day 2, NO2 41
    /// and SO2 10 every hour: India counts both PM2.5 days (101, Moderate) and gives both days
    /// an AQI of 101 with PM2.5 dominant; the US counts only day 2 for PM2.5.
    @Test func indiaSixteenHourRule() throws {
        let report = try Self.report(
            Self.hours("PM2.5", day: 1, unit: "µg/m³", Array(repeating: 61, count: 16))
                + Self.hours("PM2.5", day: 2, unit: "µg/m³", Array(repeating: 61, count: 24))
                + (1...2).flatMap { Self.hours("NO2", day: $0, unit: "µg/m³", Array(repeating: 41, count: 24)) }
                + (1...2).flatMap { Self.hours("SO2", day: $0, unit: "µg/m³", Array(repeating: 10, count: 24)) })
        let pm25 = try #require(report.results.first { $0.pollutant == .pm25 })
        let india = try #require(pm25.indexDays.first { $0.index == "india-naqi-2014" })
        #expect(india.days?.map(\.count) == [0, 0, 2, 0, 0, 0], "\(india)")
        let us = try #require(pm25.indexDays.first { $0.index == "us-epa-2024" })
        #expect(us.days?.map(\.count).reduce(0, +) == 1, "\(us)")
        let overall = try #require(report.overall.first { $0.index == "india-naqi-2014" })
        #expect(overall.days?.map(\.count) == [0, 0, 2, 0, 0, 0], "\(overall)")
        #expect(overall.dominantDays.first { $0.pollutant == .pm25 }?.count == 2)
    }
}
