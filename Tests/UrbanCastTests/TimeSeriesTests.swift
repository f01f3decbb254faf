import Testing
import UrbanCast

@Suite("Frequency inference")
struct FrequencyInferenceTests {
    @Test(
        "Each frequency is inferred from the text's precision and the most common step",
        arguments: [
            (["2020", "2021", "2022"], Frequency.yearly),
            (["1950", "1955", "1960"], .yearly),
            (["2024-Q1", "2024-Q2", "2024-Q3"], .quarterly),
            (["2022-Q3", "2023-Q3", "2024-Q3"], .yearly),
            (["2024-01", "2024-02", "2024-03"], .monthly),
            (["2024-01", "2024-04", "2024-07"], .quarterly),
            (["2022-07", "2023-07", "2024-07"], .yearly),
            (["2024-01-01", "2024-01-02", "2024-01-03"], .daily),
            (["2024-01-01", "2024-01-08", "2024-01-15"], .weekly),
            (["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"], .monthly),
            (["2024-01-15", "2024-02-15", "2024-03-15"], .monthly),
            (["2023-12-31", "2024-03-31", "2024-06-30"], .quarterly),
            (["2022-12-31", "2023-12-31", "2024-12-31"], .yearly),
            (["2024-01-01T00:00", "2024-01-01T01:00", "2024-01-01T02:00"], .hourly),
            (["2024-01-01 00:00:00", "2024-01-01 01:00:00"], .hourly),
            (["2024-01-01T00:00", "2024-01-01T00:15", "2024-01-01T00:30"], .subHourly(minutes: 15)),
            (["2024-01-01T00:00", "2024-01-01T00:10"], .subHourly(minutes: 10)),
            (["2024-01-01T00:00", "2024-01-02T00:00", "2024-01-03T00:00"], .daily),
            (["2024-01-01T00:00", "2024-01-08T00:00"], .weekly),
        ])
    func infers(texts: [String], expected: Frequency) throws {
        let dates = try texts.map(date)
        #expect(try Frequency.inferred(from: dates) == expected)
    }

    @Test("Gaps do not change the most common step; a tie goes to a supported, then the finer, step")
    func gapsAndTies() throws {
        let weekly = try ["2024-01-01", "2024-01-08", "2024-01-22", "2024-01-29"].map(date)
        #expect(try Frequency.inferred(from: weekly) == .weekly)
        let tie = try ["2024-01-01T00:00", "2024-01-01T02:00", "2024-01-01T03:00"].map(date)
        #expect(try Frequency.inferred(from: tie) == .hourly)
        let supportedFirst = try ["2024-01-01T00:00:00", "2024-01-01T00:00:30", "2024-01-01T01:00:30"].map(
            date)
        #expect(try Frequency.inferred(from: supportedFirst) == .hourly)
    }

    @Test(
        "A single date gives the frequency its precision suggests",
        arguments: [
            ("2024", Frequency.yearly), ("2024-Q1", .quarterly), ("2024-01", .monthly),
            ("2024-01-01", .daily), ("2024-01-01T00:00", .hourly),
        ])
    func singleDate(text: String, expected: Frequency) throws {
        #expect(try Frequency.inferred(from: [date(text)]) == expected)
    }

    @Test(
        "An unsupported most common step is refused, naming the step",
        arguments: [
            (["2024-01", "2024-03", "2024-05"], "2 months"),
            (["2024-01-01", "2024-01-03", "2024-01-05"], "2 days"),
            (["2024-01-01", "2024-01-04", "2024-01-06"], "2 days"),
            (["2024-01-01T00:00", "2024-01-01T02:00", "2024-01-01T04:00"], "2 hours"),
            (["2024-01-01T00:00:00", "2024-01-01T00:00:30", "2024-01-01T00:01:00"], "30 seconds"),
        ])
    func refusesUnsupportedSteps(texts: [String], step: String) throws {
        let dates = try texts.map(date)
        let error = #expect(throws: TimeSeriesError.self) { try Frequency.inferred(from: dates) }
        guard case .frequencyNotInferred(let reason) = error else {
            Issue.record("expected frequencyNotInferred, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(step), "\(reason)")
    }
}

@Suite("TimeSeries on a regular grid")
struct TimeSeriesTests {
    @Test("Gaps in the dates become missing values, not a shorter series")
    func gapsBecomeMissing() throws {
        let dates = try ["2024-01", "2024-02", "2024-05"].map(date)
        let series = try TimeSeries(dates: dates, values: [1, 2, 5])
        #expect(series.frequency == .monthly)
        #expect(series.seasonLength == 12)
        #expect(series.count == 5)
        #expect(series.values[0] == 1 && series.values[1] == 2 && series.values[4] == 5)
        #expect(series.values[2].isNaN && series.values[3].isNaN)
        #expect(series.missingCount == 2)
        #expect(series.dates.map(\.description) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"])
        #expect(series.end.description == "2024-05")
        #expect(series.futureDates(horizon: 2).map(\.description) == ["2024-06", "2024-07"])
    }

    @Test("Explicit missing values count as missing; frequency and season length can be overridden")
    func overrides() throws {
        let dates = try ["2024-01-01", "2024-01-02", "2024-01-03"].map(date)
        let series = try TimeSeries(dates: dates, values: [1, .nan, 3], frequency: .daily, seasonLength: 30)
        #expect(series.missingCount == 1)
        #expect(series.seasonLength == 30)
        let hourly = try TimeSeries(dates: dates, values: [1, 2, 3], frequency: .hourly)
        #expect(hourly.count == 49)
        #expect(hourly.start.description == "2024-01-01T00:00")
        #expect(hourly.missingCount == 46)
    }

    @Test("Every duplicate, unsorted, irregular and mixed-precision date is reported by index")
    func reportsEveryIssue() throws {
        let texts = ["2024-01", "2024-03", "2024-02", "2024-03", "2024-04-15", "2024-05"]
        let dates = try texts.map(date)
        let error = #expect(throws: TimeSeriesError.self) {
            try TimeSeries(dates: dates, values: [Double](repeating: 1, count: 6))
        }
        #expect(
            error
                == .irregularDates([
                    DateIssue(index: 2, kind: .outOfOrder(previousIndex: 1)),
                    DateIssue(index: 3, kind: .duplicate(firstIndex: 1)),
                    DateIssue(index: 4, kind: .mixedPrecision(expected: .month)),
                ]))
    }

    @Test("Sorting the dates fixes a series whose only problem is order")
    func sortingFixesOrder() throws {
        let dates = try ["2024-03", "2024-01", "2024-02"].map(date)
        #expect(throws: TimeSeriesError.self) { try TimeSeries(dates: dates, values: [3, 1, 2]) }
        let sorted = try TimeSeries(dates: dates, values: [3, 1, 2], sortsDates: true)
        #expect(sorted.values == [1, 2, 3])
        #expect(sorted.start.description == "2024-01")
    }

    @Test("Dates off the grid of the inferred step are irregular")
    func offGrid() throws {
        let texts = [
            "2024-01-01T00:00", "2024-01-01T01:00", "2024-01-01T02:00", "2024-01-01T03:00",
            "2024-01-01T03:30", "2024-01-01T04:00",
        ]
        let dates = try texts.map(date)
        let error = #expect(throws: TimeSeriesError.self) {
            try TimeSeries(dates: dates, values: [1, 2, 3, 4, 5, 6])
        }
        #expect(
            error
                == .irregularDates([DateIssue(index: 4, kind: .offGrid(start: dates[0], frequency: .hourly))])
        )
    }

    @Test("Bad settings and absurd spans are typed errors, not traps")
    func badSettings() throws {
        let dates = try ["2024-01", "2024-02"].map(date)
        #expect(throws: TimeSeriesError.invalidSeasonLength(0)) {
            try TimeSeries(dates: dates, values: [1, 2], seasonLength: 0)
        }
        #expect(throws: TimeSeriesError.invalidFrequency(.subHourly(minutes: 90))) {
            try TimeSeries(dates: dates, values: [1, 2], frequency: .subHourly(minutes: 90))
        }
        #expect(throws: TimeSeriesError.noObservations) { try TimeSeries(dates: [], values: []) }
        let typo = try ["2024-01-01T00:00", "2024-01-01T01:00", "9024-01-01T02:00"].map(date)
        let error = #expect(throws: TimeSeriesError.self) { try TimeSeries(dates: typo, values: [1, 2, 3]) }
        guard case .tooManyPeriods(_, let limit) = error else {
            Issue.record("expected tooManyPeriods, got \(String(describing: error))")
            return
        }
        #expect(limit == TimeSeries.maximumLength)
    }
}
