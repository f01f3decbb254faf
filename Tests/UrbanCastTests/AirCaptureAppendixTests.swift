import Foundation
import Forecasting
import Testing
import UrbanCast

/// US EPA's data-handling rules, worked by hand: the ozone daily maximum 8-hour mean of
/// 40 CFR 50 appendix U §3 (17 running means starting 07:00 … 23:00, each valid with 6 of its 8
/// hours, the day with 13 of the 17) and annual completeness in each calendar quarter
/// (appendix N §4.1(b)).
@Suite("Air quality: EPA appendix U and appendix N rules")
struct AirCaptureAppendixTests {
    /// Three days of hourly ozone (ppm) from 2024-07-01, 0.05 except 0.09 at 14:00–21:00 of
    /// day 1; hours 07–12 of day 1 and 07–13 of day 2 missing.
    static func ozone() -> TimeSeries {
        var values = [Double](repeating: 0.05, count: 72)
        for hour in 14...21 { values[hour] = 0.09 }
        for hour in 7...12 { values[hour] = .nan }
        for hour in 7...13 { values[24 + hour] = .nan }
        return TimeSeries(start: SeriesDate(year: 2024, month: 7, day: 1, hour: 0, precision: .minute), frequency: .hourly, values: values)
    }

    /// Day 1: the means starting 07:00–10:00 have 1–5 of 8 hours (invalid), 11:00–23:00 have 6
    /// or more: 13 of 17 valid, the day counts; the largest is the mean starting 14:00, 0.09.
    /// Day 2: starts 07:00–11:00 invalid (12:00–19:00 has 12, 13 missing: 6 hours, valid), 12 of
    /// 17: the day does not count. Day 3, the record's last: starts 19:00–23:00 run past the
    /// record with 5 or fewer hours, 12 of 17. The every-hour rule counts day 1's 24 means
    /// starting 00:00 and 01:00 (7 and 6 hours) and 11:00–23:00: 15 of 24, below 18.
    @Test func appendixUSeventeenPeriodsThirteenValid() {
        let u = DailyMetrics.dailyMaximum8HourMean(Self.ozone(), rules: .standard, window: .appendixU)
        #expect(u.count == 3)
        #expect(u[0].isValid && u[0].count == 13 && u[0].possible == 17 && abs(u[0].mean - 0.09) < 1e-12, "\(u[0])")
        #expect(!u[1].isValid && u[1].count == 12, "\(u[1])")
        #expect(!u[2].isValid && u[2].count == 12, "\(u[2])")
        let old = DailyMetrics.dailyMaximum8HourMean(Self.ozone(), rules: .standard)
        #expect(!old[0].isValid && old[0].count == 15 && old[0].possible == 24, "\(old[0])")
    }

    /// A night peak (0.10 ppm at 01:00–06:00 of day 2, 0.04 otherwise) enters day 2 through
    /// the mean starting at 00:00 under the every-hour rule, (6 × 0.10 + 2 × 0.04)/8 = 0.085;
    /// under appendix U it belongs to day 1's mean starting 23:00, (0.04 + 6 × 0.10 + 0.04)/8 =
    /// 0.085, and day 2's largest mean is 0.04.
    @Test func appendixUAssignsNightHoursToThePreviousDay() {
        var values = [Double](repeating: 0.04, count: 72)
        for hour in 25...30 { values[hour] = 0.10 }
        let series = TimeSeries(start: SeriesDate(year: 2024, month: 7, day: 1, hour: 0, precision: .minute), frequency: .hourly, values: values)
        let u = DailyMetrics.dailyMaximum8HourMean(series, rules: .standard, window: .appendixU)
        let old = DailyMetrics.dailyMaximum8HourMean(series, rules: .standard)
        #expect(abs(u[0].mean - 0.085) < 1e-12 && abs(u[1].mean - 0.04) < 1e-12, "\(u)")
        #expect(abs(old[1].mean - 0.085) < 1e-12, "\(old)")
    }

    /// 2024 (366 days; quarters of 91, 91, 92 and 92): with 1–23 January missing, the first
    /// quarter has 68 of 91 valid days, 68/91 = 0.747 < 0.75, while the year has 343 of 366 =
    /// 0.937. The calendar-year rule passes; appendix N's each-quarter rule fails. With
    /// 1–22 January missing (69 of 91 = 0.758) both pass.
    @Test(arguments: [(23, false), (22, true)])
    func appendixNEachQuarter(_ missing: Int, _ quarterly: Bool) throws {
        var rows = ["station,pollutant,date,value"]
        var date = SeriesDate(year: 2024, month: 1, day: 1, precision: .day)
        for day in 0..<366 {
            if day >= missing { rows.append("A,PM2.5,\(date),10") }
            date = date.advanced(by: 1, frequency: .daily)
        }
        let series = try airSeries(rows.joined(separator: "\n"))
        let year = try Localization(series).stations[0].annual[0]
        #expect(year.isValid && year.count == 366 - missing)
        let rules = try DataCaptureRules(annualCoverage: .eachQuarter)
        let byQuarter = try Localization(series, options: .init(capture: rules)).stations[0].annual[0]
        #expect(byQuarter.isValid == quarterly && byQuarter.count == 366 - missing && byQuarter.possible == 366)
    }
}
