import Testing
import UrbanCast

@Suite("RFC 4180 CSV reading")
struct CSVReaderTests {
    private func read(_ text: String) -> CSVDocument {
        CSVReader.read(Array(text.utf8), file: "t.csv")
    }

    private func texts(_ document: CSVDocument) -> [[String]] {
        document.records.map { $0.fields.map(\.text) }
    }

    @Test("Plain fields with their lines and columns")
    func plainFields() {
        let document = read("date,value\n2024-01,12.5\n")
        #expect(document.diagnostics.isEmpty)
        #expect(texts(document) == [["date", "value"], ["2024-01", "12.5"]])
        let value = document.records[1].fields[1]
        #expect(value.line == 2 && value.column == 2 && !value.isQuoted)
        #expect(document.records[1].endLine == 2)
    }

    @Test("Quoted fields hold commas, doubled quotes and empty text")
    func quotedFields() {
        let document = read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n")
        #expect(document.diagnostics.isEmpty)
        #expect(texts(document)[1] == ["x, y", "say \"hi\"", ""])
        #expect(document.records[1].fields.allSatisfy { $0.isQuoted })
        #expect(document.records[1].fields.map(\.column) == [1, 2, 3])
    }

    @Test("A newline inside quotes stays in the field, and later fields are on later lines")
    func embeddedNewlines() {
        let document = read("a,b\n\"line 1\nline 2\",z\n3,4\n")
        #expect(document.diagnostics.isEmpty)
        #expect(texts(document) == [["a", "b"], ["line 1\nline 2", "z"], ["3", "4"]])
        let z = document.records[1].fields[1]
        #expect(z.line == 3 && z.column == 2)
        #expect(document.records[1].line == 2)
        #expect(document.records[2].line == 4)
    }

    @Test("CRLF line endings, including a CRLF kept inside quotes")
    func crlf() {
        let document = read("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n")
        #expect(document.diagnostics.isEmpty)
        #expect(texts(document) == [["a", "b"], ["x\r\ny", "2"], ["3", "4"]])
        #expect(document.records[1].fields[1].line == 3)
        #expect(document.records[2].line == 4)
        #expect(document.records[1].endLine == 3)
    }

    @Test("A lone CR also ends a line")
    func loneCarriageReturn() {
        let document = read("a,b\r1,2\r")
        #expect(texts(document) == [["a", "b"], ["1", "2"]])
        #expect(document.records[1].line == 2)
    }

    @Test("A UTF-8 byte-order mark is skipped and not counted as a column")
    func byteOrderMark() {
        let document = CSVReader.read([0xEF, 0xBB, 0xBF] + Array("date,value\n2024,1\n".utf8), file: "t.csv")
        #expect(texts(document) == [["date", "value"], ["2024", "1"]])
        #expect(document.records[0].fields[0].column == 1)
        #expect(document.records[0].fields[1].column == 2)
    }

    @Test("Empty fields, a trailing comma, no final newline and blank lines")
    func emptyFieldsAndBlankLines() {
        let document = read("a,b,c\n1,,3\n\n4,5,\n\r\n6,7,")
        #expect(document.diagnostics.isEmpty)
        #expect(texts(document) == [["a", "b", "c"], ["1", "", "3"], ["4", "5", ""], ["6", "7", ""]])
        #expect(document.records.map(\.line) == [1, 2, 4, 6])
        let last = document.records[3].fields[2]
        #expect(last.line == 6 && last.column == 3)
    }

    @Test("Columns count fields, whatever their width in characters or bytes")
    func columnsCountFields() {
        let document = read("unit,x\nµg/m³,1\n\"a,b\",2\n")
        #expect(document.records[1].fields[1].column == 2)
        #expect(document.records[2].fields[1].column == 2)
    }

    @Test("An unterminated quote is reported where it opens and ends reading")
    func unterminatedQuote() {
        let document = read("a,b\n1,2\n3,\"open\n4,5\n")
        #expect(texts(document) == [["a", "b"], ["1", "2"]])
        expectSingle(document.diagnostics, at: 3, 2, containing: "unterminated quoted field")
    }

    @Test("A quote inside an unquoted field is reported and reading goes on")
    func strayQuote() {
        let document = read("a,b\n1,ab\"c\n2,3\n")
        #expect(texts(document) == [["a", "b"], ["1", "ab\"c"], ["2", "3"]])
        expectSingle(document.diagnostics, at: 2, 2, containing: "a quote inside an unquoted field")
    }

    @Test("Text after a closing quote is reported and skipped")
    func textAfterClosingQuote() {
        let document = read("a,b\n\"x\"y,2\n")
        #expect(texts(document) == [["a", "b"], ["x", "2"]])
        expectSingle(document.diagnostics, at: 2, 1, containing: "unexpected text after the closing quote")
    }

    @Test("Invalid UTF-8 is reported at the field")
    func invalidUTF8() {
        let document = CSVReader.read(Array("a,b\n1,".utf8) + [0xFF, 0x41] + Array("\n".utf8), file: "t.csv")
        expectSingle(document.diagnostics, at: 2, 2, containing: "not valid UTF-8")
        #expect(document.records.count == 2)
    }

    @Test("An empty file has no records and no syntax problems")
    func emptyFile() {
        #expect(read("").records.isEmpty)
        #expect(CSVReader.read([0xEF, 0xBB, 0xBF], file: "t.csv").records.isEmpty)
        #expect(read("\n\r\n").records.isEmpty)
    }

    @Test("A missing file is a typed error")
    func missingFile() {
        #expect(throws: DataError.unreadableFile(path: "/nonexistent/x.csv", reason: "no such file")) {
            try CSVReader.read(contentsOf: "/nonexistent/x.csv")
        }
    }
}
