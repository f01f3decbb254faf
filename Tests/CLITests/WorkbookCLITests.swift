import Foundation
import Testing

/// `.xlsx` workbooks read directly by every command that reads series (Tests/Fixtures/Messy,
/// made by its make_xlsx.py): the same forecasts as their CSV twins, byte for byte, and errors
/// at cells.
@Suite struct WorkbookCLITests {
    static func path(_ name: String) -> String { MessyFilesCLITests.path(name) }

    /// A new empty folder for a test's files; the test removes it.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func forecast(_ file: String, _ options: [String] = []) throws -> CLITests.Result {
        try CLITests.run(["forecast", path(file), "--model", "auto-ets", "--horizon", "6", "--format", "csv"] + options)
    }

    @Test("Serial dates in both date systems, shared and inline strings, a number stored as text and an empty cell: the CSV's forecast")
    func serialDatesMatchTheCSV() throws {
        let csv = try Self.forecast("excel_dates.csv", ["--missing", "interpolate"])
        #expect(csv.status == 0, "\(csv.error)")
        #expect(csv.output.contains("Hanoi,2023-01-01,"), "\(csv.output)")
        for workbook in ["excel_dates.xlsx", "excel_dates_1904.xlsx"] {
            let result = try Self.forecast(workbook, ["--missing", "interpolate"])
            #expect(result.status == 0, "\(workbook): \(result.error)")
            #expect(result.output == csv.output, "\(workbook)")
            #expect(result.error == csv.error, "\(workbook)")
        }
    }

    @Test("The data sheet of a two-sheet workbook, and numbers typed as text: the CSV's forecast")
    func sheetsMatchTheCSV() throws {
        let csv = try Self.forecast("hanoi_electricity.csv", ["--thousands", ","])
        #expect(csv.status == 0, "\(csv.error)")
        let data = try Self.forecast("two_sheets.xlsx", ["--sheet", "Data"])
        #expect(data.status == 0, "\(data.error)")
        #expect(data.output == csv.output)
        let text = try Self.forecast("thousands_text.xlsx", ["--thousands", ","])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output == csv.output)
    }

    @Test("Errors name the sheet and the cell; the first sheet, read by default, points to --sheet")
    func errorsAtCells() throws {
        let thousands = try Self.forecast("thousands_text.xlsx")
        #expect(thousands.status == 1)
        #expect(thousands.error.split(separator: "\n").first == """
            \(Self.path("thousands_text.xlsx")):Sheet!B2: column 'electricity_GWh': '2,100' is not a number; they look like numbers with ',' between thousands: read numbers with ',' as the thousands separator (--thousands ,)
            """[...], "\(thousands.error)")

        let notes = try Self.forecast("two_sheets.xlsx")
        #expect(notes.status == 1)
        #expect(notes.error.hasPrefix(
            "\(Self.path("two_sheets.xlsx")):Notes!A1: 'Notes' is the first sheet, read because no sheet was named; the workbook also has 'Data': choose the sheet to read (--sheet NAME)"),
                "\(notes.error)")

        let unknown = try Self.forecast("two_sheets.xlsx", ["--sheet", "Daten"])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("\(Self.path("two_sheets.xlsx")): no sheet named 'Daten'; the workbook has: 'Notes', 'Data'"),
                "\(unknown.error)")

        let text = try Self.forecast("excel_dates.csv", ["--sheet", "Data"])
        #expect(text.status == 1)
        #expect(text.error.contains("it is delimited text, not an .xlsx workbook, so it has no sheet 'Data'"), "\(text.error)")
    }

    @Test("A file that is not a workbook, or a damaged one, is refused with the reason")
    func damagedWorkbook() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.path("two_sheets.xlsx")))
        let cases: [(name: String, bytes: Data, reason: String)] = [
            ("renamed.xlsx", Data("date,value\n2000,1\n".utf8), "it is not a valid .xlsx workbook"),
            ("truncated.xlsx", whole.prefix(whole.count / 2), "it is not a valid .xlsx workbook"),
            ("old.xls", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)),
             "it is an Excel 97–2003 (.xls) workbook or a password-protected one"),
        ]
        for (name, bytes, reason) in cases {
            let file = folder.appendingPathComponent(name)
            try bytes.write(to: file)
            let result = try CLITests.run(["validate", file.path])
            #expect(result.status == 1, "\(name)")
            #expect(result.error.contains("\(file.path): cannot read the file: \(reason)"), "\(name): \(result.error)")
        }
    }

    @Test("--sheet on every command that reads series", arguments: [
        ["validate"], ["backtest", "--model", "naive", "--horizon", "2", "--windows", "2"],
        ["bench", "--models", "naive", "--horizon", "2"],
    ])
    func everyCommand(command: [String]) throws {
        let arguments = [command[0], Self.path("two_sheets.xlsx")] + command.dropFirst() + ["--sheet", "Data"]
        let result = try CLITests.run(arguments)
        #expect(result.status == 0, "\(result.error)")
        let csv = try CLITests.run([command[0], Self.path("hanoi_electricity.csv")] + command.dropFirst() + ["--thousands", ","])
        #expect(csv.status == 0, "\(csv.error)")
        // The same output; bench's heading names the file and its timings vary, so there the
        // accuracy columns (the last six) are compared.
        func comparable(_ output: String) -> [String] {
            let lines = output.split(separator: "\n").map(String.init)
            guard command[0] == "bench" else { return lines }
            return lines.filter { $0.hasPrefix("naive") }.map { $0.split(separator: " ").suffix(6).joined(separator: " ") }
        }
        #expect(!comparable(csv.output).isEmpty)
        #expect(comparable(result.output) == comparable(csv.output))
        let refused = try CLITests.run([command[0], Self.path("two_sheets.xlsx")] + command.dropFirst())
        #expect(refused.status == 1)
        #expect(refused.error.contains("(--sheet NAME)"), "\(refused.error)")
    }

    @Test("A scenario's history entry takes sheet: beside the other dialect keys")
    func scenarioSheet() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("hanoi.yaml").path
        let initialize = try CLITests.run([
            "scenario", "init", Self.path("two_sheets.xlsx"), "--sheet", "Data", "--layout", "wide", "--date-column", "year",
            "--driver", "population", "--indicator", "electricity_GWh", "--city", "Hanoi", "--out", spec,
        ])
        #expect(initialize.status == 0, "\(initialize.error)")
        let text = try String(contentsOfFile: spec, encoding: .utf8)
        #expect(text.contains("    sheet: Data\n"), "\(text)")
        let check = try CLITests.run(["scenario", "check", spec])
        #expect(check.status == 0, "\(check.error)")
        let bare = folder.appendingPathComponent("bare.yaml").path
        try text.replacingOccurrences(of: "    sheet: Data\n", with: "").write(toFile: bare, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["scenario", "check", bare])
        #expect(refused.status == 1)
        #expect(refused.error.contains("choose the sheet to read (sheet: NAME in the history file's entry)"), "\(refused.error)")
    }
}
