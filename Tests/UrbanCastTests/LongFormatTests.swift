import Testing
import UrbanCast

@Suite("Long-format series files")
struct LongFormatTests {
    private func read(_ csv: String, options: LongFormat.Options = .init()) throws -> [KeyedSeries] {
        try LongFormat.read(Array(csv.utf8), file: "t.csv", options: options)
    }

    // MARK: Reading

    @Test("Rows group into series by their key columns, in order of first appearance")
    func groupsByKey() throws {
        let csv = """
            station,pollutant,date,value,unit
            Dongsi,PM2.5,2024-01-01T00:00,9,µg/m³
            Dongsi,SO2,2024-01-01T00:00,3,µg/m³
            Dongsi,PM2.5,2024-01-01T01:00,4,µg/m³
            Dongsi,SO2,2024-01-01T01:00,,µg/m³
            Dongsi,PM2.5,2024-01-01T03:00,NA,µg/m³
            Dongsi,SO2,2024-01-01T02:00,NaN,µg/m³

            """
        let series = try read(csv)
        #expect(
            series.map(\.key.description) == [
                "station=Dongsi pollutant=PM2.5", "station=Dongsi pollutant=SO2",
            ])
        #expect(series[0].key["pollutant"] == "PM2.5")
        #expect(series[0].unit == "µg/m³")
        #expect(series[0].firstLine == 2 && series[1].firstLine == 3)
        let pm = series[0].series
        #expect(pm.frequency == .hourly && pm.seasonLength == 24)
        #expect(pm.count == 4 && pm.missingCount == 2)
        #expect(pm.values[0] == 9 && pm.values[1] == 4)
        #expect(pm.end.description == "2024-01-01T03:00")
        #expect(series[1].series.missingCount == 2)
    }

    @Test("statsforecast's unique_id, ds, y are aliases; header names ignore case and spaces")
    func aliases() throws {
        let series = try read("unique_id,ds,y\nH1,2024-Q1,1\nH1,2024-Q2,2\nH2,2024,5\n")
        #expect(series.map(\.key.description) == ["unique_id=H1", "unique_id=H2"])
        #expect(series[0].series.frequency == .quarterly)
        #expect(series[1].series.frequency == .yearly)
        let spaced = try read(" Date , VALUE \n2024-01,1\n2024-02,2\n")
        #expect(spaced.count == 1 && spaced[0].key.isEmpty)
        #expect(spaced[0].series.frequency == .monthly)
    }

    @Test("Frequency and season length can be set for every series")
    func options() throws {
        let csv = "date,value\n2024-01,1\n2024-03,3\n"
        let series = try read(csv, options: .init(frequency: .monthly, seasonLength: 6))
        #expect(series[0].series.count == 3 && series[0].series.seasonLength == 6)
    }

    @Test("Unknown columns can be ignored when asked")
    func ignoringUnknownColumns() throws {
        let series = try read(
            "date,value,note\n2024,1,first\n2025,2,\n", options: .init(ignoresUnknownColumns: true))
        #expect(series[0].series.values == [1, 2])
    }

    @Test("Unsorted rows can be sorted when asked")
    func sortingWhenAsked() throws {
        let series = try read(
            "date,value\n2024-03,3\n2024-01,1\n2024-02,2\n", options: .init(sortsDates: true))
        #expect(series[0].series.values == [1, 2, 3])
    }

    // MARK: Bad input, one case each

    @Test("Empty file")
    func emptyFile() {
        expectSingle(longFormatDiagnostics(""), at: 1, 1, containing: "the file is empty")
    }

    @Test("Header only")
    func headerOnly() {
        expectSingle(
            longFormatDiagnostics("date,value\n"), at: 1, 1, containing: "header row but no data rows")
    }

    @Test("A row with too many fields")
    func tooManyFields() {
        expectSingle(
            longFormatDiagnostics("date,value\n2024,1\n2025,2,3\n"), at: 3, 3,
            containing: "the row has 3 fields but the header has 2")
    }

    @Test("A row with too few fields")
    func tooFewFields() {
        expectSingle(
            longFormatDiagnostics("date,value,unit\n2024,1,t\n2025,2\n"), at: 3, 3,
            containing: "missing a value for 'unit'")
    }

    @Test("An unterminated quote")
    func unterminatedQuote() {
        expectSingle(
            longFormatDiagnostics("date,value\n2024,1\n2025,\"2\n"), at: 3, 2,
            containing: "unterminated quoted field")
    }

    @Test("A non-numeric value")
    func nonNumericValue() {
        expectSingle(
            longFormatDiagnostics(
                "city,date,value\nOslo,2024,1\nOslo,2025,12,5\n".replacingOccurrences(
                    of: "12,5", with: "\"12,5\"")),
            at: 3, 3, containing: "'12,5' is not a number")
    }

    @Test("An unparseable date")
    func unparseableDate() {
        expectSingle(
            longFormatDiagnostics("city,date,value\nOslo,2024-01,1\nOslo,2024-13,2\n"), at: 3, 2,
            containing: "'2024-13' is not a date: month 13 is out of range 1–12")
    }

    @Test("A missing date")
    func missingDate() {
        expectSingle(longFormatDiagnostics("date,value\n2024,1\n,2\n"), at: 3, 1, containing: "missing date")
    }

    @Test("A duplicate date")
    func duplicateDate() {
        expectSingle(
            longFormatDiagnostics("city,date,value\nOslo,2024,1\nBergen,2024,2\nOslo,2024,3\n"), at: 4, 2,
            containing: "duplicate date 2024 in series city=Oslo; first on line 2")
    }

    @Test("NaN text is a missing value")
    func nanText() throws {
        let series = try LongFormat.read(
            Array("date,value\n2024,NaN\n2025,nan\n2026,NA\n2027,\n2028,1\n".utf8), file: "t.csv")
        #expect(series[0].series.missingCount == 4)
    }

    @Test(
        "Values in decimal notation, with surrounding spaces trimmed",
        arguments: [("+1", 1.0), (".5", 0.5), ("5.", 5.0), ("-1.5e3", -1500.0), (" 7 ", 7.0), ("2E-2", 0.02)])
    func decimalValues(text: String, expected: Double) throws {
        let series = try LongFormat.read(Array("date,value\n2024,\(text)\n".utf8), file: "t.csv")
        #expect(series[0].series.values == [expected])
    }

    @Test(
        "Text that is not a decimal number is refused", arguments: ["0x10", "1 000", "12%", "e5", "-", "1e"])
    func notDecimal(text: String) {
        expectSingle(
            longFormatDiagnostics("date,value\n2024,1\n2025,\(text)\n"), at: 3, 2,
            containing: "'\(text)' is not a number")
    }

    @Test("Infinite values are refused", arguments: ["Inf", "-inf", "Infinity", "1e400"])
    func infiniteText(text: String) {
        let diagnostics = longFormatDiagnostics("date,value\n2024,1\n2025,\(text)\n")
        expectSingle(diagnostics, at: 3, 2, containing: text == "1e400" ? "too large" : "infinite value")
    }

    @Test("An unknown column names the accepted ones")
    func unknownColumn() {
        expectSingle(
            longFormatDiagnostics("date,value,region\n2024,1,north\n"), at: 1, 3,
            containing: "unknown column 'region'; accepted columns are date, value, series, city")
    }

    @Test(
        "A missing required column",
        arguments: [("date,series\n2024,a\n", "'value'"), ("value\n1\n", "'date'")])
    func missingColumn(csv: String, column: String) {
        expectSingle(longFormatDiagnostics(csv), at: 1, 1, containing: "missing the \(column) column")
    }

    @Test("A repeated column, or a column and its alias")
    func repeatedColumn() {
        expectSingle(
            longFormatDiagnostics("date,value,ds\n2024,1,2024\n"), at: 1, 3,
            containing: "'ds' means the same as 'date'")
        expectSingle(
            longFormatDiagnostics("date,value,Value\n2024,1,2\n"), at: 1, 3,
            containing: "duplicate column 'Value'")
    }

    @Test("An empty key value")
    func emptyKey() {
        expectSingle(
            longFormatDiagnostics("station,date,value\nDongsi,2024,1\n,2025,2\n"), at: 3, 1,
            containing: "empty 'station' value")
    }

    @Test("A unit that changes within a series")
    func unitChanges() {
        expectSingle(
            longFormatDiagnostics("date,value,unit\n2024,1,kg\n2025,2,t\n"), at: 3, 3,
            containing: "unit 't' differs from 'kg' on line 2")
    }

    @Test("Unsorted dates say that sorting would fix them")
    func unsorted() {
        expectSingle(
            longFormatDiagnostics("date,value\n2024-01,1\n2024-03,3\n2024-02,2\n2024-04,4\n"), at: 4, 1,
            containing:
                "unsorted dates in the series: 2024-02 comes after 2024-03 on line 3; sorting the rows by date would fix this"
        )
    }

    @Test("Unsorted dates with other problems say sorting alone would not fix them")
    func unsortedAndDuplicate() {
        let diagnostics = longFormatDiagnostics(
            "date,value\n2024-01,1\n2024-03,3\n2024-02,2\n2024-03,4\n2024-01,5\n")
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["4:1", "5:1", "6:1"])
        #expect(diagnostics[0].message.contains("(and 1 later row)"))
        #expect(diagnostics[0].message.contains("not the other problems"))
        #expect(diagnostics[1].message.contains("duplicate date 2024-03"))
        #expect(diagnostics[2].message.contains("duplicate date 2024-01 in the series; first on line 2"))
    }

    @Test("Irregular timestamps: off the inferred step")
    func offGrid() {
        let csv =
            "date,value\n2024-01-01T00:00,1\n2024-01-01T01:00,2\n2024-01-01T02:00,3\n2024-01-01T02:30,4\n2024-01-01T03:00,5\n2024-01-01T04:00,6\n"
        expectSingle(
            longFormatDiagnostics(csv), at: 5, 1,
            containing:
                "irregular date 2024-01-01T02:30 in the series: it is not a whole number of hourly steps after the series start 2024-01-01T00:00"
        )
    }

    @Test("Irregular timestamps: mixed date precision")
    func mixedPrecision() {
        expectSingle(
            longFormatDiagnostics("date,value\n2024-01,1\n2024-02-01,2\n2024-03,3\n"), at: 3, 1,
            containing:
                "date '2024-02-01' is written to the day but the other dates of the series are written to the month (YYYY-MM)"
        )
    }

    @Test("A frequency that cannot be inferred")
    func frequencyNotInferred() {
        expectSingle(
            longFormatDiagnostics("series,date,value\na,2024-01-01,1\na,2024-01-03,2\n"), at: 2, 2,
            containing:
                "cannot infer the frequency of series series=a: the most common step between day dates is 2 days"
        )
    }

    @Test("Every problem in the file is reported, ordered by line")
    func collectsEverything() {
        let csv = """
            city,date,value,extra
            Oslo,2024,abc,x
            Oslo,2024,1,x,y
            Oslo,20x4,2,x
            Bergen,2024,Inf,x
            Bergen,2024,3,x
            """
        let diagnostics = longFormatDiagnostics(csv)
        #expect(
            diagnostics.map { "\($0.line):\($0.column)" } == ["1:4", "2:3", "3:5", "4:2", "5:3", "6:2"],
            "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.file == "t.csv" })
        #expect(diagnostics[5].message.contains("duplicate date 2024 in series city=Bergen; first on line 5"))
        #expect(diagnostics[0].description.hasPrefix("t.csv:1:4: unknown column 'extra'"))
    }
}
