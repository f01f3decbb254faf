import Testing
import UrbanCast

@Suite("SeriesDate grammar, calendar and stepping")
struct SeriesDateTests {
    @Test(
        "Every form of the grammar formats back to the same text",
        arguments: [
            ("2024", SeriesDate.Precision.year),
            ("2024-Q3", .quarter),
            ("2024-07", .month),
            ("2024-07-31", .day),
            ("2024-07-31T13:00", .minute),
            ("2024-07-31 13:00", .minute),
            ("2024-07-31T13:00:05", .second),
            ("2024-07-31 13:00:59", .second),
            ("1600-02-29", .day),
            ("0001-01-01", .day),
            ("9999-12-31T23:59:59", .second),
        ])
    func roundTrip(text: String, precision: SeriesDate.Precision) throws {
        let parsed = try SeriesDate(parsing: text)
        #expect(parsed.precision == precision)
        #expect(parsed.description == text)
        #expect(SeriesDate(text) == parsed)
    }

    @Test("A coarse date stands for the start of its period")
    func coarseDatesStartTheirPeriod() throws {
        #expect(try date("2024-Q3") == SeriesDate(year: 2024, month: 7, precision: .quarter))
        #expect(try date("2024-Q3").secondsSinceEpoch == date("2024-07-01").secondsSinceEpoch)
        #expect(try date("2024").secondsSinceEpoch == date("2024-01-01T00:00").secondsSinceEpoch)
        #expect(try date("1970-01-01T00:00").secondsSinceEpoch == 0)
        #expect(try date("1969-12-31T23:59:59").secondsSinceEpoch == -1)
        // 2024-07-31T13:00 is 19,935 days and 13 hours after the epoch.
        #expect(try date("2024-07-31T13:00").secondsSinceEpoch == 19_935 * 86_400 + 13 * 3_600)
        #expect(SeriesDate(year: 2024, month: 8, day: 20, precision: .quarter).description == "2024-Q3")
    }

    @Test("Components read back from the instant")
    func components() throws {
        let value = try date("2024-02-29 23:45:07")
        #expect(value.year == 2024)
        #expect(value.month == 2)
        #expect(value.quarter == 1)
        #expect(value.day == 29)
        #expect(value.hour == 23)
        #expect(value.minute == 45)
        #expect(value.second == 7)
        #expect(value.separator == .space)
    }

    @Test("Day numbers match counting days one by one from 1900 to 2100")
    func calendarAgainstBruteForce() {
        // Walk the calendar with the month-length rule only, from 1900-01-01 (day −25,567).
        var year = 1900
        var month = 1
        var day = 1
        var mismatches: [String] = []
        for dayNumber in -25_567..<47_482 {
            let value = SeriesDate(year: year, month: month, day: day, precision: .day)
            if value.secondsSinceEpoch != dayNumber * 86_400 || value.year != year
                || value.month != month || value.day != day
            {
                mismatches.append("\(year)-\(month)-\(day) (day \(dayNumber)) gave \(value)")
            }
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let length = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            day += 1
            if day > length {
                day = 1
                month += 1
            }
            if month > 12 {
                month = 1
                year += 1
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(year == 2100 && month == 1 && day == 1)
    }

    @Test(
        "Text outside the grammar is refused with a reason",
        arguments: [
            ("24", "expected YYYY"),
            ("2024-7", "expected YYYY"),
            ("2024-13", "month 13 is out of range"),
            ("2024-00", "month 0 is out of range"),
            ("2023-02-29", "day 29 is out of range for 2023-02"),
            ("2024-04-31", "day 31 is out of range"),
            ("2024-Q5", "quarter 5 is out of range"),
            ("2024-Q", "expected a quarter"),
            ("2024-07-31T24:00", "hour 24 is out of range"),
            ("2024-07-31T13:60", "minute 60 is out of range"),
            ("2024-07-31T13:00:60", "second 60 is out of range"),
            ("2024-07-31X13:00", "expected T or a space"),
            ("2024-07-31T13", "expected a time"),
            ("2024-07-31T13:00Z", "expected a time"),
            (" 2024", "expected YYYY"),
            ("31/07/2024", "expected YYYY"),
            ("", "expected YYYY"),
        ])
    func refusesBadText(text: String, reason: String) {
        let error = #expect(throws: TimeSeriesError.self) { try SeriesDate(parsing: text) }
        guard case .invalidDate(let refused, let message) = error else {
            Issue.record("expected invalidDate, got \(String(describing: error))")
            return
        }
        #expect(refused == text)
        #expect(message.contains(reason), "\(message)")
        #expect(SeriesDate(text) == nil)
    }

    @Test(
        "Stepping forward and back",
        arguments: [
            ("2024", Frequency.yearly, 3, "2027"),
            ("2024-Q3", .quarterly, 2, "2025-Q1"),
            ("2024-Q3", .quarterly, -3, "2023-Q4"),
            ("2024-11", .monthly, 3, "2025-02"),
            ("2024-01-31", .monthly, 1, "2024-02-29"),
            ("2024-01-31", .monthly, 2, "2024-03-31"),
            ("2024-01-30", .monthly, 1, "2024-02-29"),
            ("2024-01-30", .monthly, 2, "2024-03-30"),
            ("2023-12-31", .quarterly, 1, "2024-03-31"),
            ("2024-02-29", .yearly, 1, "2025-02-28"),
            ("2024-12-30", .weekly, 1, "2025-01-06"),
            ("2024-02-28", .daily, 2, "2024-03-01"),
            ("2024-12-31T23:00", .hourly, 2, "2025-01-01T01:00"),
            ("2024-12-31 23:45", .subHourly(minutes: 15), 1, "2025-01-01 00:00"),
            ("2024-07-31T13:00:30", .hourly, -14, "2024-07-30T23:00:30"),
            ("2024", .quarterly, 1, "2024-Q2"),
            ("2024-07", .daily, 1, "2024-07-02"),
            ("2024-07-31", .hourly, 1, "2024-07-31T01:00"),
            ("2024-07-31", .hourly, 0, "2024-07-31T00:00"),
            ("2024-Q3", .monthly, 1, "2024-08"),
        ])
    func stepping(start: String, frequency: Frequency, periods: Int, expected: String) throws {
        let stepped = try date(start).advanced(by: periods, frequency: frequency)
        #expect(stepped.description == expected)
        #expect(stepped.periods(from: try date(start), frequency: frequency) == periods)
    }

    @Test("A date between grid points has no period count")
    func offGridPeriods() throws {
        let start = try date("2024-01")
        #expect(try date("2024-07").periods(from: start, frequency: .quarterly) == 2)
        #expect(try date("2024-08").periods(from: start, frequency: .quarterly) == nil)
        #expect(
            try date("2024-01-01T13:30").periods(from: date("2024-01-01T00:00"), frequency: .hourly) == nil)
        #expect(try date("2024-03-30").periods(from: date("2024-01-31"), frequency: .monthly) == nil)
        #expect(
            try date("2023-12-31T22:00").periods(from: date("2024-01-01T00:00"), frequency: .hourly) == -2)
    }

    @Test("Ordering is by instant, then precision; the separator does not matter for equality")
    func ordering() throws {
        #expect(try date("2024-07-31T13:00") == date("2024-07-31 13:00"))
        #expect(try date("2024-07") != date("2024-07-01"))
        #expect(try date("2024-07") < date("2024-07-01"))
        #expect(try date("2024-06-30T23:59") < date("2024-07"))
        #expect(try Set([date("2024-07-31T13:00"), date("2024-07-31 13:00")]).count == 1)
    }
}

@Suite("Frequency names and season lengths")
struct FrequencyTests {
    @Test(
        "Default season lengths",
        arguments: [
            (Frequency.yearly, 1), (.quarterly, 4), (.monthly, 12), (.weekly, 52), (.daily, 7),
            (.hourly, 24), (.subHourly(minutes: 15), 96), (.subHourly(minutes: 30), 48),
            (.subHourly(minutes: 7), 1),
        ])
    func defaultSeasonLength(frequency: Frequency, length: Int) {
        #expect(frequency.defaultSeasonLength == length)
    }

    @Test(
        "Names parse and print",
        arguments: [
            ("yearly", Frequency.yearly), ("Y", .yearly), ("annual", .yearly), ("quarterly", .quarterly),
            ("monthly", .monthly), ("M", .monthly), ("weekly", .weekly), ("daily", .daily),
            ("Hourly", .hourly), ("15min", .subHourly(minutes: 15)), ("5T", .subHourly(minutes: 5)),
        ])
    func names(name: String, frequency: Frequency) {
        #expect(Frequency(name) == frequency)
        #expect(Frequency(frequency.description) == frequency)
    }

    @Test(
        "Unknown names and out-of-range steps are refused",
        arguments: ["2h", "60min", "0min", "fortnightly", ""])
    func refusedNames(name: String) {
        #expect(Frequency(name) == nil)
    }
}
