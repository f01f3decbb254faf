import Testing
import UrbanCast

/// Small but malformed inputs end in a short, located error instead of exhausting memory: a
/// header of a million columns, one mistake repeated on every row, and one mistyped year.
@Suite("Input limits")
struct InputLimitsTests {
    /// `extra` column names after `leading`, as one header line.
    private func header(_ leading: String, extra: Int) -> String {
        var text = leading
        text.reserveCapacity(leading.utf8.count + extra * 9)
        for index in 1...extra { text += ",c\(index)" }
        return text + "\n"
    }

    /// The daily dates from 2013-03-01 on, `count` of them, as the Beijing daily files have.
    private func dailyDates(_ count: Int) throws -> [String] {
        let start = try date("2013-03-01")
        return (0..<count).map { start.advanced(by: $0, frequency: .daily).description }
    }

    // MARK: Columns

    @Test("A header of a million columns is one error at the first column past the limit")
    func millionColumnHeader() throws {
        var csv = header("station,pollutant,date,value", extra: 1_000_000)
        for day in try dailyDates(3) { csv += "Dongsi,PM2.5,\(day),5\n" }
        let diagnostics = longFormatDiagnostics(csv)
        expectSingle(diagnostics, at: 1, 10_001, containing: "1000004 columns, more than the limit of 10000")
        #expect(diagnostics.map(\.description).joined().utf8.count < 1_000)

        // The air-quality reader (which ignores unknown columns) stops at the same limit instead
        // of listing a million missing names for every short row.
        let error = #expect(throws: AirQualityError.self) {
            try AirQualityInput.read(Array(csv.utf8), file: "t.csv")
        }
        guard case .data(let data) = error else {
            Issue.record("expected a data error, got \(String(describing: error))")
            return
        }
        expectSingle(data.diagnostics, at: 1, 10_001, containing: "more than the limit of 10000")
    }

    @Test("The column limit is a library option: a file that needs more columns raises it")
    func columnLimitIsAnOption() throws {
        let csv = header("date,value", extra: 20) + "2024-01,1" + String(repeating: ",", count: 20) + "\n"
        let narrow = LongFormat.Options(
            frequency: .monthly, ignoresUnknownColumns: true, limits: InputLimits(maximumColumns: 8))
        expectSingle(
            longFormatDiagnostics(csv, options: narrow), at: 1, 9, containing: "22 columns, more than the limit of 8")
        let wide = LongFormat.Options(
            frequency: .monthly, ignoresUnknownColumns: true, limits: InputLimits(maximumColumns: 22))
        #expect(longFormatDiagnostics(csv, options: wide).isEmpty)

        let table = "a,b,c,d\n1,2,3,4\n"
        #expect(throws: DataError.self) {
            try WideTable(Array(table.utf8), file: "w.csv", limits: InputLimits(maximumColumns: 3))
        }
        #expect(try WideTable(Array(table.utf8), file: "w.csv", limits: InputLimits(maximumColumns: 4)).rowCount == 1)
    }

    // MARK: Repeated diagnostics

    @Test("The same mistake on every row is reported ten times, then counted in one line")
    func repeatedDiagnosticsAreCapped() throws {
        var csv = "date,value\n"
        for (row, day) in try dailyDates(25).enumerated() { csv += "\(day),\(row)kg\n" }
        let diagnostics = longFormatDiagnostics(csv)
        #expect(diagnostics.count == 11, "\(diagnostics)")
        #expect(diagnostics.prefix(10).map(\.line) == Array(2...11))
        #expect(diagnostics.prefix(10).allSatisfy { $0.column == 2 && $0.message.contains("is not a number") })
        let summary = try #require(diagnostics.last)
        #expect(summary.line == 12 && summary.column == 2)
        #expect(summary.message.hasPrefix("… and 15 more like this, the first here: column 'value': '10kg'"))
    }

    @Test("Diagnostics of different kinds are capped separately")
    func capsAreByKind() throws {
        var csv = "date,value,colour\n"
        for (row, day) in try dailyDates(15).enumerated() { csv += "\(day),\(row)kg,\n" }
        let diagnostics = longFormatDiagnostics(csv)
        // One unknown column, ten bad values and one summary of five more.
        #expect(diagnostics.count == 12, "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("unknown column 'colour'") == true)
        #expect(diagnostics.filter { $0.message.hasPrefix("… and 5 more like this") }.count == 1)

        let table = "date,x\n" + (try dailyDates(30)).map { "\($0),n/a\n" }.joined()
        let wide = try WideTable(Array(table.utf8), file: "w.csv")
        let error = #expect(throws: DataError.self) { try wide.column(named: "x") }
        #expect(error?.diagnostics.count == 11)
        #expect(error?.diagnostics.last?.message.hasPrefix("… and 20 more like this") == true)
    }

    @Test("A short row names at most ten missing columns, then a count")
    func missingNamesAreCapped() throws {
        let csv = header("date,value", extra: 5_000) + "2024-01,1\n"
        let diagnostics = longFormatDiagnostics(csv, options: .init(ignoresUnknownColumns: true))
        expectSingle(diagnostics, at: 2, 3, containing: "missing a value for 'c1', 'c2', ")
        #expect(diagnostics.first?.message.hasSuffix("'c10' and 4990 more") == true)
    }

    // MARK: Date span

    @Test("One mistyped year is named at its line, with the range of the other dates")
    func outlyingLateDate() throws {
        var days = try dailyDates(1_461)
        days[days.count - 1] = "9999-12-31"
        let csv = "station,date,value\n" + days.map { "Dongsi,\($0),1\n" }.joined()
        let diagnostics = longFormatDiagnostics(csv)
        expectSingle(diagnostics, at: 1_462, 2, containing: "date 9999-12-31 is far from the other dates of series station=Dongsi")
        let message = diagnostics.first?.message ?? ""
        #expect(message.contains("check the date; the other dates run from 2013-03-01 to \(days[1_459])"), "\(message)")
        #expect(message.contains("missing daily periods beside 1461 observed"), "\(message)")
    }

    @Test("A mistyped early year is named too, and a short sparse series is still accepted")
    func outlyingEarlyDateAndShortSeries() throws {
        var days = try dailyDates(400)
        days[0] = "0213-03-01"
        let csv = "date,value\n" + days.map { "\($0),1\n" }.joined()
        let diagnostics = longFormatDiagnostics(csv)
        expectSingle(diagnostics, at: 2, 1, containing: "date 0213-03-01 is far from the other dates of the series")
        #expect(diagnostics.first?.message.contains("the other dates run from \(days[1]) to \(days[399])") == true)

        // Two daily readings a year apart: 365 missing days, within the allowance.
        let sparse = try LongFormat.read(
            Array("date,value\n2020-01-01,1\n2021-01-01,2\n".utf8), file: "t.csv", options: .init(frequency: .daily))
        #expect(sparse.first?.series.count == 367)
    }

    @Test("Dates sparse throughout (a frequency far finer than the data) are refused at the first date")
    func sparseThroughout() throws {
        // Forty-one yearly readings on a daily grid: 14,570 missing days, too many to be one typo.
        let csv = "date,value\n" + (2000...2040).map { "\($0)-01-01,1\n" }.joined()
        let diagnostics = longFormatDiagnostics(csv, options: .init(frequency: .daily))
        expectSingle(diagnostics, at: 2, 1, containing: "the dates of the series run from 2000-01-01 to 2040-01-01")
        #expect(diagnostics.first?.message.contains("set a coarser frequency") == true)
    }

    @Test("The wide air-quality layout names a mistyped date at its row")
    func wideAirQualityTypo() throws {
        var days = try dailyDates(800)
        days[799] = "9999-12-31"
        let csv = "station,date,PM2.5,NO2\n" + days.map { "Dongsi,\($0),10,20\n" }.joined()
        let error = #expect(throws: AirQualityError.self) {
            try AirQualityInput.read(Array(csv.utf8), file: "w.csv")
        }
        guard case .data(let data) = error else {
            Issue.record("expected a data error, got \(String(describing: error))")
            return
        }
        // Every pollutant column shares the date; the station is reported once.
        expectSingle(data.diagnostics, at: 801, 2, containing: "date 9999-12-31 is far from the other dates")
        #expect(data.diagnostics.first?.message.contains("the other dates run from 2013-03-01 to \(days[798])") == true)
    }

    @Test("TimeSeries finds the outlying date only when asked to limit gaps")
    func timeSeriesGapLimit() throws {
        let dates = try ["2024-01-01", "2024-01-02", "2024-01-03", "2124-01-01"].map(date)
        let unlimited = try TimeSeries(dates: dates, values: [1, 2, 3, 4])
        #expect(unlimited.count > 36_000)
        let error = #expect(throws: TimeSeriesError.self) {
            try TimeSeries(dates: dates, values: [1, 2, 3, 4], gapLimit: TimeSeries.GapLimit())
        }
        guard case .tooManyGaps(let report) = error else {
            Issue.record("expected tooManyGaps, got \(String(describing: error))")
            return
        }
        #expect(report.observed == 4 && report.frequency == .daily)
        #expect(report.outlier == GapReport.Outlier(index: 3, count: 1, isLater: true, othersFirstIndex: 0, othersLastIndex: 2))
    }
}
