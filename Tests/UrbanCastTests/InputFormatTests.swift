import Foundation
import Testing
import UrbanCast

/// Reading the files planners' spreadsheets, pandas and R write: one column per series, other
/// CSV dialects, and other ways of writing dates. Expected values are written by hand from the
/// small files in each test.
@Suite struct InputFormatTests {
    static func read(_ text: String, _ options: LongFormat.Options = .init()) throws -> [KeyedSeries] {
        try LongFormat.read(Array(text.utf8), file: "t.csv", options: options)
    }

    static func values(_ series: KeyedSeries) -> [Double] { series.series.values }

    @Test("A file with a date column and one column per series gives one series per column, named by it")
    func wideFile() throws {
        let series = try Self.read("year,electricity_GWh,population\n2000,10,5\n2001,11,6\n2002,12.5,7\n")
        #expect(series.map(\.key.description) == ["series=electricity", "series=population"])
        #expect(series[0].unit == "GWh")
        #expect(series[1].unit == nil)
        #expect(Self.values(series[0]) == [10, 11, 12.5])
        #expect(series[0].series.start.description == "2000")
    }

    @Test("Units in parentheses and brackets", arguments: [
        ("electricity (GWh)", "electricity", "GWh"), ("water [Mgal/d]", "water", "Mgal/d"),
        ("pm2_5", "pm2_5", nil), ("consumption_mgd", "consumption", "mgd"),
    ] as [(String, String, String?)])
    func units(header: String, name: String, unit: String?) throws {
        let series = try Self.read("date,\(header)\n2000,1\n2001,2\n")
        #expect(series[0].key.description == "series=\(name)")
        #expect(series[0].unit == unit)
    }

    @Test("Only the chosen columns, and the date column by its name")
    func chosenColumns() throws {
        var format = InputFormat(dateColumn: "Jahr", valueColumns: ["b"])
        let series = try Self.read("Jahr,a,b,notes\n2000,1,2,x\n2001,3,4,y\n", .init(format: format))
        #expect(series.map(\.key.description) == ["series=b"])
        #expect(Self.values(series[0]) == [2, 4])
        format.valueColumns = ["c"]
        let diagnostics = longFormatDiagnostics("Jahr,a\n2000,1\n", options: .init(format: format))
        expectSingle(diagnostics, at: 1, 1, containing: "no column 'c'; the header has: Jahr, a")
    }

    @Test("A text column among the series is reported at its cells")
    func textColumnInWideFile() {
        let diagnostics = longFormatDiagnostics("year,electricity,notes\n2000,1,dry\n2001,2,wet\n")
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["2:3", "3:3"], "\(diagnostics)")
        #expect(diagnostics[0].message.contains("column 'notes': 'dry' is not a number"))
    }

    @Test("A long file keeps its reading and its messages")
    func longFileUnchanged() throws {
        let series = try Self.read("city,date,value\nOslo,2024,1\nOslo,2025,2\n")
        #expect(series[0].key.description == "city=Oslo")
        expectSingle(
            longFormatDiagnostics("date,series\n2024,a\n"), at: 1, 1, containing: "missing the 'value' column")
    }

    @Test("No date column: the message says to name it")
    func noDateColumn() {
        expectSingle(
            longFormatDiagnostics("when,electricity\n2000,1\n"), at: 1, 1,
            containing: "no date column among when, electricity; a long file has 'date' and 'value' columns")
    }

    @Test("R's write.csv row names are dropped; a nameless first column of dates is the date column")
    func rWriteCSV() throws {
        let rowNames = try Self.read("\"\",\"year\",\"electricity\"\n\"1\",2000,5\n\"2\",2001,6\n")
        #expect(rowNames.map(\.key.description) == ["series=electricity"])
        #expect(Self.values(rowNames[0]) == [5, 6])
        let long = try Self.read("\"\",\"date\",\"value\"\n\"1\",2000,5\n\"2\",2001,6\n")
        #expect(long.count == 1 && long[0].key.isEmpty)
        let dated = try Self.read("\"\",\"x\"\n\"2000-01\",5\n\"2000-02\",6\n")
        #expect(dated[0].series.start.description == "2000-01")
        #expect(dated[0].key.description == "series=x")
        expectSingle(
            longFormatDiagnostics("\"\",\"x\"\n\"1\",5\n\"2\",6\n"), at: 1, 1,
            containing: "the first column holds row numbers 1, 2, 3 … and the file has no dates")
    }

    @Test("Semicolons, a decimal comma, a byte-order mark and CRLF")
    func semicolonDecimalComma() throws {
        let text = "\u{FEFF}city;date;value\r\nOslo;2024-01;12,5\r\nOslo;2024-02;\"1.234,5\"\r\n"
        let format = InputFormat(decimalSeparator: ",", thousandsSeparator: ".")
        let series = try Self.read(text, .init(format: format))
        #expect(Self.values(series[0]) == [12.5, 1234.5])
        let diagnostics = longFormatDiagnostics("city;date;value\nOslo;2024-01;12,5\nOslo;2024-02;3,75\n")
        #expect(diagnostics.count == 2, "\(diagnostics)")
        #expect(diagnostics[0].message.contains("read numbers with ',' as the decimal separator"), "\(diagnostics)")
        #expect(diagnostics[0].column == 3)
    }

    @Test("Tab-separated, and an explicit delimiter overrides detection")
    func tabs() throws {
        let series = try Self.read("date\tvalue\n2024\t1\n2025\t2\n")
        #expect(Self.values(series[0]) == [1, 2])
        let forced = try Self.read("date;value,x\n2024;1,5\n", .init(format: InputFormat(delimiter: ";", decimalSeparator: ",")))
        #expect(Self.values(forced[0]) == [1.5])
    }

    @Test("Thousands separators: read when asked, suggested when every bad value is one, capped at ten")
    func thousands() throws {
        var text = "year,electricity\n"
        for year in 2000..<2015 { text += "\(year),\"3,\(100 + year - 2000)\"\n" }
        let series = try Self.read(text, .init(format: InputFormat(thousandsSeparator: ",")))
        #expect(Self.values(series[0]).first == 3100)
        let diagnostics = longFormatDiagnostics(text)
        #expect(diagnostics.count == 11, "\(diagnostics)")
        #expect(diagnostics[0].message
            == "column 'electricity': '3,100' is not a number; they look like numbers with ',' between thousands: read numbers with ',' as the thousands separator")
        #expect(diagnostics[10].message.hasPrefix("… and 5 more like this"))
        let mixed = longFormatDiagnostics("year,electricity\n2000,\"3,100\"\n2001,abc\n")
        #expect(mixed.allSatisfy { !$0.message.contains("thousands") }, "\(mixed)")
        let misgrouped = longFormatDiagnostics(
            "year,e\n2000,\"3,10\"\n", options: .init(format: InputFormat(thousandsSeparator: ",")))
        expectSingle(misgrouped, at: 2, 2, containing: "is not a number with ',' between groups of three digits")
    }

    @Test("Windows-1252 text is read when asked, and suggested when the bytes are not UTF-8")
    func windows1252() throws {
        let bytes = Array("city,date,value\n".utf8) + [0x4D, 0x61, 0x6C, 0x6D, 0xF6] + Array(",2024,1\n".utf8)
        let series = try LongFormat.read(bytes, file: "t.csv", options: .init(format: InputFormat(encoding: .windows1252)))
        #expect(series[0].key.description == "city=Malmö")
        let error = #expect(throws: DataError.self) { try LongFormat.read(bytes, file: "t.csv") }
        #expect(error?.diagnostics.first?.message.contains("or read it as Windows-1252") == true)
    }

    @Test("Year-end, quarter-end and month-end stamps are the periods they end")
    func periodEnds() throws {
        let years = try Self.read("date,value\n2000-12-31,1\n2001-12-31,2\n2002-12-31,3\n")
        #expect(years[0].series.frequency == .yearly)
        #expect(years[0].series.start.description == "2000")
        let months = try Self.read("date,value\n2000-01-31,1\n2000-02-29,2\n2000-03-31,3\n")
        #expect(months[0].series.frequency == .monthly)
        #expect(months[0].series.end.description == "2000-03")
        let quarters = try Self.read("date,value\n2000-03-31,1\n2000-06-30,2\n2000-09-30,3\n")
        #expect(quarters[0].series.frequency == .quarterly)
        #expect(quarters[0].series.start.description == "2000-Q1")
        let fiscal = try Self.read("date,value\n2000-06-30,1\n2001-06-30,2\n")
        #expect(fiscal[0].series.frequency == .yearly)
        let days = try Self.read("date,value\n2000-01-30,1\n2000-01-31,2\n")
        #expect(days[0].series.frequency == .daily)
    }

    @Test("Month and quarter strings as tsibble and spreadsheets write them", arguments: [
        ("2000 Jan", "2000-01"), ("2000-Jan", "2000-01"), ("Jan 2000", "2000-01"), ("January 2000", "2000-01"),
        ("2000 Q1", "2000-Q1"), ("2000Q1", "2000-Q1"), ("2000-Q1", "2000-Q1"), ("Q1 2000", "2000-Q1"),
        ("2000-W05", "2000-01-31"), ("2020-W01", "2019-12-30"), ("2004-W53", "2004-12-27"),
    ])
    func periodStrings(text: String, expected: String) throws {
        let series = try Self.read("date,value\n\(text),1\n")
        #expect(series[0].series.start.description == expected)
    }

    @Test("A week 53 that the year does not have is refused")
    func missingWeek53() {
        expectSingle(longFormatDiagnostics("date,value\n2021-W53,1\n"), at: 2, 1, containing: "column 'date'")
    }

    @Test("Day-first and month-first dates: unambiguous ones read, ambiguous ones need the order")
    func dayMonthOrder() throws {
        let ambiguous = "date,value\n01/02/2020,1\n"
        expectSingle(
            longFormatDiagnostics(ambiguous), at: 2, 1,
            containing: "'01/02/2020' could be read day first or month first; give the date order")
        let dayFirst = try Self.read(ambiguous, .init(format: InputFormat(dateOrder: .dayFirst)))
        #expect(dayFirst[0].series.start.description == "2020-02-01")
        let monthFirst = try Self.read(ambiguous, .init(format: InputFormat(dateOrder: .monthFirst)))
        #expect(monthFirst[0].series.start.description == "2020-01-02")
        #expect(try Self.read("date,value\n13.02.2020,1\n")[0].series.start.description == "2020-02-13")
        expectSingle(
            longFormatDiagnostics("date,value\n13/02/2020,1\n", options: .init(format: InputFormat(dateOrder: .monthFirst))),
            at: 2, 1, containing: "is not a date written MM/DD/YYYY")
    }

    @Test("The frequency set by the caller overrides inference")
    func frequencyOverride() throws {
        let series = try Self.read("date,value\n2000-12-31,1\n2002-12-31,2\n", .init(frequency: .yearly))
        #expect(series[0].series.count == 3)
    }

    @Test("A wide table reads the dialect too")
    func wideTableDialect() throws {
        let table = try WideTable(
            Array("year;a\n2000;1,5\n2001;2\n".utf8), file: "w.csv", dateColumn: .named("year"),
            format: InputFormat(decimalSeparator: ","))
        #expect(try table.column(named: "a") == [1.5, 2])
        let plain = try WideTable(Array("year;a\n2000;\"1,500\"\n".utf8), file: "w.csv")
        let error = #expect(throws: DataError.self) { try plain.column(named: "a") }
        #expect(error?.diagnostics.first?.message.contains("decimal comma") == true)
    }

    @Test("The library example of the input format runs")
    func libraryExample() throws {
        let csv = "\u{FEFF}Jahr;Strom (GWh)\r\n2020;\"1.234,5\"\r\n2021;1.300\r\n"
        let format = InputFormat(decimalSeparator: ",", thousandsSeparator: ".", dateColumn: "Jahr")
        let series = try LongFormat.read(Array(csv.utf8), file: "strom.csv", options: .init(format: format))
        #expect(series[0].key.description == "series=Strom")
        #expect(series[0].unit == "GWh")
        #expect(series[0].series.values == [1234.5, 1300])
    }
}
