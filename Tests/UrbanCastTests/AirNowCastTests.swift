import Foundation
import Forecasting
import Testing
import UrbanCast

/// The PM NowCast by EPA's eight steps (PM NowCast fact sheet): w = max(c_min/c_max, 0.5),
/// NowCast = Σ w^(i−1) c_i / Σ w^(i−1) over the valid hours of the last 12, with 2 of the 3 most
/// recent hours required (AirNow-Tech). Each value is worked by hand in closed form.
@Suite("Air quality: PM NowCast")
struct AirNowCastTests {
    /// (hours, most recent first; NowCast; why).
    static let cases: [(hours: [Double], nowCast: Double?, why: String)] = [
        // Twelve equal hours: w = 1, the plain mean.
        (Array(repeating: 20, count: 12), 20, "steady"),
        // A pulse of 71 after 11 zeros (the example of EPA's NowCast pages): w* = 0 → 0.5,
        // 71 / (2 − 0.5¹¹) = 71 × 2048/4095 = 35.508669…
        ([71] + Array(repeating: 0, count: 11), 71.0 * 2048 / 4095, "pulse"),
        // c₁ = 20, the rest 16: w = 16/20 = 0.8; Σ₀¹¹ 0.8^k = 5(1 − 0.8¹²) = 4.65640261632,
        // (20 + 16 × 3.65640261632) / 4.65640261632 = 16.859032246…
        ([20] + Array(repeating: 16, count: 11), (20 + 16 * (5 * (1 - pow(0.8, 12)) - 1)) / (5 * (1 - pow(0.8, 12))), "w 0.8"),
        // c₂ missing keeps its power: w = 10/30 → 0.5, Σ₂¹¹ 0.5^k = 0.5(1 − 2⁻¹⁰) = 0.49951171875,
        // (30 + 10 × 0.49951171875) / 1.49951171875 = 23.337675…
        ([30, .nan] + Array(repeating: 10, count: 10), (30 + 10 * 0.49951171875) / 1.49951171875, "gap"),
        // Only c₁ of the 3 most recent hours: no NowCast.
        ([30, .nan, .nan] + Array(repeating: 10, count: 9), nil, "2 of 3 missing"),
        // c₃ missing, c₁ and c₂ valid: still 2 of 3; w = 1, the mean of the 11 valid hours.
        ([10, 10, .nan] + Array(repeating: 10, count: 9), 10, "c3 missing"),
        // All zero: w is taken as 1, NowCast 0.
        (Array(repeating: 0, count: 12), 0, "zeros"),
    ]

    @Test(arguments: cases.indices)
    func nowCastOfOneWindow(_ position: Int) {
        let row = Self.cases[position]
        let value = NowCast.value(mostRecentFirst: row.hours)
        if let expected = row.nowCast {
            #expect(value.map { abs($0 - expected) < 1e-12 * max(1, expected) } == true, "\(row.why): \(String(describing: value))")
        } else {
            #expect(value == nil, "\(row.why)")
        }
    }

    /// The pulse as an hourly series: the NowCast at the pulse hour is 35.51 µg/m³, which
    /// truncates to 35.5, the first PM2.5 value of the US "Unhealthy for Sensitive Groups"
    /// band (AQI 101); the hour before it is 0, and the first hour of a series (2 of 3 recent
    /// hours needs two hours) has none.
    @Test func hourlySeriesAndItsIndex() throws {
        let values = Array(repeating: 0.0, count: 11) + [71]
        let series = TimeSeries(start: SeriesDate(year: 2024, month: 7, day: 1, precision: .minute), frequency: .hourly, values: values)
        let nowCast = try NowCast.hourly(series)
        let daily = TimeSeries(start: SeriesDate(year: 2024, month: 7, day: 1, precision: .day), frequency: .daily, values: values)
        #expect(throws: AirQualityError.self) { try NowCast.hourly(daily) }
        #expect(nowCast[0].isNaN && nowCast[10] == 0 && abs(nowCast[11] - 71.0 * 2048 / 4095) < 1e-12, "\(nowCast)")
        let us = try #require(AirQualityStandards.builtIn.indices.first { $0.id == "us-epa-2024" })
        let sub = try us.subIndex(nowCast[11], pollutant: .pm25, averaging: "24-hour", unit: .microgramsPerCubicMetre)
        #expect(sub?.value == 101 && sub?.category == "Unhealthy for Sensitive Groups")
    }
}
