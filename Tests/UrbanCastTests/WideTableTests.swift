import Testing
import UrbanCast

@Suite("Wide CSV tables")
struct WideTableTests {
    private let csv = """
        date,population,consumption,city
        2020,100,10.5,Oslo
        2021,101,NA,Oslo
        2022,102,,Oslo

        """

    private func table(_ text: String, dateColumn: WideTable.DateColumn = .automatic) throws(DataError)
        -> WideTable
    {
        try WideTable(Array(text.utf8), file: "w.csv", dateColumn: dateColumn)
    }

    private func diagnostics(_ text: String, dateColumn: WideTable.DateColumn = .automatic)
        -> [DataDiagnostic]
    {
        do {
            _ = try table(text, dateColumn: dateColumn)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("Named numeric columns, missing values and the date column")
    func readsColumns() throws {
        let wide = try table(csv)
        #expect(wide.columnNames == ["date", "population", "consumption", "city"])
        #expect(wide.rowCount == 3)
        #expect(wide.dateColumnName == "date")
        #expect(wide.dates?.map(\.description) == ["2020", "2021", "2022"])
        #expect(try wide.column(named: "population") == [100, 101, 102])
        let consumption = try wide.column(named: "consumption")
        #expect(consumption[0] == 10.5 && consumption[1].isNaN && consumption[2].isNaN)
        #expect(try wide.textColumn(named: "city") == ["Oslo", "Oslo", "Oslo"])
        let pair = try wide.columns(named: ["population", "date"])
        #expect(pair[1] == [2020, 2021, 2022])
    }

    @Test("The date column can be named or left out")
    func dateColumnChoice() throws {
        let text = "year,y\n1979,1\n1980,2\n"
        #expect(try table(text).dates == nil)
        #expect(try table(text, dateColumn: .named("year")).dates?.last?.description == "1980")
        #expect(try table(csv, dateColumn: .none).dates == nil)
        #expect(throws: DataError.unknownColumn(name: "when", available: ["year", "y"])) {
            try table(text, dateColumn: .named("when"))
        }
    }

    @Test("Asking for an unknown column names the available ones")
    func unknownColumn() throws {
        let wide = try table(csv)
        let error = #expect(throws: DataError.self) { try wide.column(named: "people") }
        #expect(
            error == .unknownColumn(name: "people", available: ["date", "population", "consumption", "city"]))
        #expect(
            error?.description
                == "unknown column 'people'; the available columns are: date, population, consumption, city")
    }

    @Test("Every non-numeric cell of the requested columns is reported")
    func nonNumericCells() throws {
        let wide = try table("a,b,c\n1,x,2\n2,3,Inf\nz,4,5\n")
        let error = #expect(throws: DataError.self) { try wide.columns(named: ["a", "b", "c"]) }
        let diagnostics = error?.diagnostics ?? []
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["2:2", "3:3", "4:1"])
        #expect(
            diagnostics[0].description
                == "w.csv:2:2: column 'b': 'x' is not a number; write a decimal number such as 12.5, or leave the cell empty (or NA) for a missing value"
        )
        #expect(diagnostics[1].message.contains("infinite value 'Inf'"))
    }

    @Test("Shape problems: empty file, header only, ragged rows, bad names, bad dates")
    func shapeProblems() {
        expectSingle(diagnostics(""), at: 1, 1, containing: "the file is empty")
        expectSingle(diagnostics("a,b\n"), at: 1, 1, containing: "header row but no data rows")
        expectSingle(
            diagnostics("a,b\n1,2,3\n"), at: 2, 3, containing: "the row has 3 fields but the header has 2")
        expectSingle(diagnostics("a,b\n1\n"), at: 2, 2, containing: "missing a value for 'b'")
        expectSingle(diagnostics("a,a\n1,2\n"), at: 1, 2, containing: "duplicate column 'a'")
        expectSingle(diagnostics("a,,c\n1,2,3\n"), at: 1, 2, containing: "empty column name")
        expectSingle(
            diagnostics("date,x\n2024-02-30,1\n"), at: 2, 1, containing: "'2024-02-30' is not a date")
        expectSingle(diagnostics("a,b\n\"1,2\n"), at: 2, 1, containing: "unterminated quoted field")
    }
}
