import Foundation
import Testing

@testable import UrbanCast

/// Workbooks written here part by part, with hand-written XML, so every cell kind and every
/// damaged file is exactly what the test says.
@Suite struct WorkbookTests {
    /// A ZIP archive (deflated) of `parts`.
    static func archive(_ parts: [(String, String)]) throws -> [UInt8] {
        TestZipWriter.archive(parts.map { TestZipWriter.Part(path: $0.0, contents: Array($0.1.utf8)) })
    }

    static let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook of named sheets (tab order) with their `sheetData` contents, shared strings,
    /// custom number formats and cell styles (each a number format id).
    static func workbook(
        sheets: [(name: String, data: String)], strings: [String] = [], formats: [(Int, String)] = [],
        styles: [Int] = [0], date1904: Bool = false, prefix: String = "r", sheetPrologue: String = ""
    ) throws -> [UInt8] {
        let sheetList = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" \(prefix):id=\"rId\(index + 1)\"/>"
        }.joined()
        var workbookRelationships = sheets.indices.map { index in
            "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        workbookRelationships.append("<Relationship Id=\"rIdS\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>")
        workbookRelationships.append(
            "<Relationship Id=\"rIdT\" Type=\"\(relationships)/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>")
        var parts: [(String, String)] = [
            ("_rels/.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml",
             "<workbook \(main) xmlns:\(prefix)=\"\(relationships)\">\(date1904 ? "<workbookPr date1904=\"true\"/>" : "")<sheets>\(sheetList)</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships>\(workbookRelationships.joined())</Relationships>"),
            ("xl/styles.xml",
             "<styleSheet \(main)><numFmts>\(formats.map { "<numFmt numFmtId=\"\($0.0)\" formatCode=\"\($0.1.replacingOccurrences(of: "\"", with: "&quot;"))\"/>" }.joined())</numFmts>"
                + "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
                + "<cellXfs>\(styles.map { "<xf numFmtId=\"\($0)\" fontId=\"0\"/>" }.joined())</cellXfs></styleSheet>"),
            ("xl/sharedStrings.xml", "<sst \(main)>\(strings.map { "<si>\($0)</si>" }.joined())</sst>"),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", sheetPrologue + "<worksheet \(main)><sheetData>\(sheet.data)</sheetData></worksheet>"))
        }
        return try archive(parts)
    }

    static func texts(_ document: CSVDocument) -> [[String]] { document.records.map { $0.fields.map(\.text) } }

    @Test("Every kind of cell becomes the text a CSV export holds, at its own row and column")
    func cellKinds() throws {
        let sheet = """
            <row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>flag</t></is></c></row>
            <row r="4"><c r="B4" s="1"><v>43831</v></c><c r="C4"><v>3512.25</v></c><c r="D4" t="b"><v>1</v></c></row>
            <row r="5"><c r="B5" s="2"><v>43862.5</v></c><c r="C5" t="s"><v>2</v></c><c r="D5" t="e"><v>#N/A</v></c></row>
            <row r="6"><c r="B6" s="3"><v>12</v></c><c r="D6" t="str"><f>A1</f><v>x</v></c></row>
            <row r="7"><c r="C7"><v>2.5E-3</v></c></row>
            """
        let bytes = try Self.workbook(
            sheets: [("Data", sheet)],
            strings: ["<t>date</t>", "<r><t>val</t></r><r><rPr/><t>ue</t></r><rPh><t>phonetic</t></rPh>", "<t>3512</t>"],
            formats: [(164, "yyyy-mm-dd hh:mm"), (165, "0.0\" mm\"")], styles: [0, 14, 164, 165])
        let document = try Workbook(bytes, file: "book.xlsx").document()
        #expect(document.sheet == "Data")
        #expect(Self.texts(document) == [
            ["date", "value", "flag"],
            ["2020-01-01", "3512.25", "TRUE"],
            ["2020-02-01 12:00", "3512", "#N/A"],
            ["12", "", "x"],
            ["", "0.0025", ""],
        ])
        let cell = document.records[2].fields[2]
        #expect((cell.line, cell.column) == (5, 4))
        #expect(document.diagnostics.isEmpty)
    }

    @Test("Serial dates in the 1900 system (with its phantom 29 February) and the 1904 system")
    func serialDates() {
        // Excel: DATE(1900,1,1) = 1, DATE(1900,2,28) = 59, DATE(1900,3,1) = 61, DATE(2020,1,1) = 43831,
        // DATE(2023,3,15) = 45000; in the 1904 system DATE(1904,1,1) = 0 and 2020-01-01 is 43831 − 1462.
        #expect(ExcelDate.text(serial: 1, uses1904: false) == "1900-01-01")
        #expect(ExcelDate.text(serial: 59, uses1904: false) == "1900-02-28")
        #expect(ExcelDate.text(serial: 60, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: 61, uses1904: false) == "1900-03-01")
        #expect(ExcelDate.text(serial: 43831, uses1904: false) == "2020-01-01")
        #expect(ExcelDate.text(serial: 45000.25, uses1904: false) == "2023-03-15 06:00")
        #expect(ExcelDate.text(serial: 45000 + 3725.0 / 86400, uses1904: false) == "2023-03-15 01:02:05")
        #expect(ExcelDate.text(serial: 0.5, uses1904: false) == "12:00:00")
        #expect(ExcelDate.text(serial: 0, uses1904: true) == "1904-01-01")
        #expect(ExcelDate.text(serial: 42369, uses1904: true) == "2020-01-01")
        #expect(ExcelDate.text(serial: -1, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: 2_958_465, uses1904: false) == "9999-12-31")
    }

    @Test("Custom number formats that show dates", arguments: [
        ("yyyy-mm-dd", true), ("mmm yyyy", true), ("[$-409]d-mmm-yy;@", true), ("dd/mm/yyyy hh:mm", true),
        ("mmmm", true), ("0.0\" mm\"", false), ("h:mm", false), ("[h]:mm:ss", false), ("#,##0.00", false),
        ("\\d0", false), ("[Red]0.0", false), ("0;[Red]-0;\"dd\"", false),
    ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(ExcelDate.isDateFormat(code) == isDate, "\(code)")
    }

    @Test("Date cells in the 1904 system; a prefix other than r: on the sheet's relationship id")
    func dateSystem1904() throws {
        let bytes = try Self.workbook(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>date</t></is></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>42369</v></c></row>")],
            styles: [0, 15], date1904: true, prefix: "rel")
        let workbook = try Workbook(bytes, file: "mac.xlsx")
        #expect(workbook.uses1904DateSystem)
        #expect(Self.texts(try workbook.document()) == [["date"], ["2020-01-01"]])
    }

    @Test("Cells past the header's last column and damaged cells are reported at their cells")
    func cellProblems() throws {
        let sheet = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row>
            <row r="2"><c r="A2"><v>2000</v></c><c r="B2"><v>1</v></c><c r="E2" t="inlineStr"><is><t>note</t></is></c></row>
            <row r="3"><c r="A3"><v>2001</v></c><c r="B3" t="s"><v>7</v></c></row>
            """
        let document = try Workbook(try Self.workbook(sheets: [("Sheet1", sheet)]), file: "b.xlsx").document()
        #expect(document.diagnostics.map(\.description) == [
            "b.xlsx:Sheet1!E2: a value ('note') to the right of the header's last column B; clear the cell, or give its column a name in row 1",
            "b.xlsx:Sheet1!B3: the cell refers to shared string '7', which the workbook does not have; the workbook is damaged",
        ])
    }

    /// A long table city/date/value on sheet `Data` after an empty `Notes` sheet, with monthly
    /// serial dates (2020-01 to 2020-04) and `values` as cells.
    static func cityWorkbook(values: [String]) throws -> [UInt8] {
        let serials = [43831, 43862, 43891, 43922]
        func text(_ reference: String, _ text: String) -> String {
            "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
        }
        let header = "<row r=\"1\">" + text("A1", "city") + text("B1", "date") + text("C1", "value") + "</row>"
        let rows = zip(serials, values).enumerated().map { i, cell in
            "<row r=\"\(i + 2)\">" + text("A\(i + 2)", "Hanoi") + "<c r=\"B\(i + 2)\" s=\"1\"><v>\(cell.0)</v></c>" + cell.1 + "</row>"
        }.joined()
        return try workbook(sheets: [("Notes", ""), ("Data", header + rows)], styles: [0, 14])
    }

    @Test("Reading a workbook as a series file gives the series its CSV export gives")
    func longFormat() throws {
        let values = ["<c r=\"C2\"><v>10</v></c>", "<c r=\"C3\" t=\"inlineStr\"><is><t>11.5</t></is></c>", "", "<c r=\"C5\"><v>13</v></c>"]
        var options = LongFormat.Options()
        options.format.sheet = "Data"
        let fromWorkbook = try LongFormat.read(try Self.cityWorkbook(values: values), file: "city.xlsx", options: options)
        let csv = "city,date,value\nHanoi,2020-01-01,10\nHanoi,2020-02-01,11.5\nHanoi,2020-03-01,\nHanoi,2020-04-01,13\n"
        let fromCSV = try LongFormat.read(Array(csv.utf8), file: "city.csv")
        #expect(fromWorkbook.map(\.key) == fromCSV.map(\.key))
        #expect(fromWorkbook.map(\.series.dates) == fromCSV.map(\.series.dates))
        #expect(fromWorkbook.map { $0.series.values.map(\.bitPattern) } == fromCSV.map { $0.series.values.map(\.bitPattern) })
        #expect(fromWorkbook.first?.series.frequency == .monthly)
    }

    @Test("A bad value is reported at its cell; the first sheet, read by default, points to the others")
    func errorsAtCells() throws {
        let values = ["<c r=\"C2\"><v>10</v></c>", "<c r=\"C3\" t=\"inlineStr\"><is><t>abc</t></is></c>"]
        let bytes = try Self.cityWorkbook(values: values)
        var options = LongFormat.Options()
        options.format.sheet = "data"
        let error = #expect(throws: DataError.self) { try LongFormat.read(bytes, file: "city.xlsx", options: options) }
        let lines = error?.description.split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("city.xlsx:Data!C3: column 'value': 'abc' is not a number") == true, "\(lines)")
        #expect(error?.diagnostics.first?.cellReference == "C3")

        let first = #expect(throws: DataError.self) { try LongFormat.read(bytes, file: "city.xlsx") }
        #expect(first?.diagnostics.first?.description == "city.xlsx:Notes!A1: 'Notes' is the first sheet, read because no sheet was named; the workbook also has 'Data': choose the sheet to read")

        options.format.sheet = "Summary"
        let unknown = #expect(throws: DataError.self) { try LongFormat.read(bytes, file: "city.xlsx", options: options) }
        #expect(unknown == .unknownSheet(path: "city.xlsx", name: "Summary", available: ["Notes", "Data"]))
        #expect(unknown?.description == "city.xlsx: no sheet named 'Summary'; the workbook has: 'Notes', 'Data'")
    }

    @Test("A sheet named for delimited text is refused")
    func sheetOfText() {
        var options = LongFormat.Options()
        options.format.sheet = "Data"
        #expect(throws: DataError.unreadableFile(path: "a.csv", reason: "it is delimited text, not an .xlsx workbook, so it has no sheet 'Data'")) {
            try LongFormat.read(Array("date,value\n2000,1\n".utf8), file: "a.csv", options: options)
        }
    }

    /// The reason of the `unreadableFile` error reading `bytes` throws.
    static func refusal(_ bytes: [UInt8], limits: InputLimits = InputLimits()) -> String {
        do {
            _ = try Workbook(bytes, file: "x.xlsx", limits: limits).document()
            return "read"
        } catch {
            if case .unreadableFile(_, let reason) = error { return reason }
            return error.description
        }
    }

    @Test("Files that are not readable workbooks get a reason, never a crash")
    func damagedFiles() throws {
        #expect(Self.refusal(Array("date,value\n2000,1\n".utf8)).hasPrefix("it is not a valid .xlsx workbook (the ZIP archive is damaged"))
        #expect(Self.refusal([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
            .hasPrefix("it is an Excel 97–2003 (.xls) workbook or a password-protected one"))
        #expect(Self.refusal(try Self.archive([("mimetype", "application/vnd.oasis.opendocument.spreadsheet")]))
            .hasPrefix("it is an OpenDocument spreadsheet (.ods)"))
        #expect(Self.refusal(try Self.archive([("readme.txt", "hello")])).hasPrefix("it is a ZIP archive without a workbook part"))
        let good = try Self.workbook(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
        #expect(Self.refusal(Array(good.prefix(good.count / 2))).hasPrefix("it is not a valid .xlsx workbook"))
        let malformed = try Self.workbook(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></row>")])
        #expect(Self.refusal(malformed).hasPrefix("its part xl/worksheets/sheet1.xml is not well-formed XML"))
        let entities = try Self.workbook(
            sheets: [("S", "")], sheetPrologue: "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>")
        #expect(Self.refusal(entities).hasPrefix("its part xl/worksheets/sheet1.xml declares a document type"))
    }

    @Test("A part that expands past the byte limit, or a table past the cell limit, is refused")
    func bounds() throws {
        let cells = String(repeating: "<row><c><v>1</v></c></row>", count: 40_000)
        let bytes = try Self.workbook(sheets: [("S", cells)])
        #expect(bytes.count < 40_000)
        var limits = InputLimits()
        limits.maximumWorkbookBytes = 500_000
        #expect(Self.refusal(bytes, limits: limits).hasPrefix("its part xl/worksheets/sheet1.xml expands to more than the limit of"))
        limits = InputLimits()
        limits.maximumWorkbookCells = 1_000
        #expect(Self.refusal(bytes, limits: limits).hasPrefix("x.xlsx:S!A1: the table has 40000 rows of 1 columns, more than the limit of 1000 cells"))
        let wide = try Self.workbook(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>")])
        let error = #expect(throws: DataError.self) { try LongFormat.read(wide, file: "w.xlsx") }
        #expect(error?.description.hasPrefix("w.xlsx:S!NTQ1: the header has 16384 columns, more than the limit of 10000") == true,
                "\(String(describing: error))")
    }
}
