import Foundation
import Testing

/// Planners' spreadsheet exports and workbooks (Tests/Fixtures/Messy, made by its make.py and
/// make_xlsx.py) reach a forecast
/// with at most the options that the first error message suggests.
@Suite struct MessyFilesCLITests {
    static func path(_ name: String) -> String {
        CLITests.repositoryRoot.appendingPathComponent("Tests/Fixtures/Messy/\(name)").path
    }

    static func forecast(_ name: String, _ options: [String] = []) throws -> CLITests.Result {
        try CLITests.run(["forecast", path(name), "--model", "naive", "--horizon", "2", "--format", "csv"] + options)
    }

    /// Each file, the text its first refusal must contain (nil: it reads as it is), and the
    /// options that text names.
    static let cases: [(file: String, suggestion: String?, options: [String])] = [
        ("hanoi_electricity.csv", "(--thousands ,)", ["--thousands", ","]),
        ("wide_units.csv", nil, []),
        ("semicolon_decimal_comma.csv", "(--decimal ,)", ["--decimal", ","]),
        ("year_end.csv", nil, []),
        ("month_end.csv", nil, []),
        ("quarters.csv", nil, []),
        ("quarters_compact.csv", nil, []),
        ("tsibble_months.csv", nil, []),
        ("r_write_csv.csv", nil, []),
        ("windows1252.csv", "(--encoding windows-1252)", ["--encoding", "windows-1252"]),
        ("day_first.csv", "(--date-format DD/MM/YYYY or --date-format MM/DD/YYYY)", ["--date-format", "DD/MM/YYYY"]),
        ("weeks.tsv", nil, []),
        ("two_sheets.xlsx", "(--sheet NAME)", ["--sheet", "Data"]),
        ("thousands_text.xlsx", "(--thousands ,)", ["--thousands", ","]),
        ("excel_dates.xlsx", nil, []),
        ("excel_dates_1904.xlsx", nil, []),
    ]

    @Test(arguments: cases.map { [$0.file, $0.suggestion ?? "", $0.options.joined(separator: " ")] })
    func reachesAForecast(row: [String]) throws {
        let (file, suggestion) = (row[0], row[1])
        let options = row[2].isEmpty ? [] : row[2].split(separator: " ").map(String.init)
        if !suggestion.isEmpty {
            let refused = try Self.forecast(file)
            #expect(refused.status == 1, "\(refused.error)")
            #expect(refused.error.contains(suggestion), "\(refused.error)")
            #expect(refused.error.hasPrefix(Self.path(file) + ":"), "\(refused.error)")
        }
        let result = try Self.forecast(file, options)
        #expect(result.status == 0, "\(file): \(result.error)")
        #expect(result.output.split(separator: "\n").count >= 3, "\(result.output)")
    }

    @Test("A wide file with units: one series per column, named by it")
    func wideUnits() throws {
        let result = try CLITests.run(["validate", Self.path("wide_units.csv"), "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("\"label\": \"series=electricity\""), "\(result.output)")
        #expect(result.output.contains("\"unit\": \"GWh\""), "\(result.output)")
        #expect(result.output.contains("\"unit\": \"Mgal/d\""), "\(result.output)")
    }

    @Test("Year-end stamps are read as years")
    func yearEnd() throws {
        let result = try CLITests.run(["validate", Self.path("year_end.csv")])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("2000"), "\(result.output)")
        #expect(result.output.contains("yearly"), "\(result.output)")
        #expect(!result.output.contains("12-31"), "\(result.output)")
    }

    @Test("The thousands message names the column and the cell, and is capped")
    func thousandsMessage() throws {
        let result = try Self.forecast("hanoi_electricity.csv")
        let lines = result.error.split(separator: "\n")
        #expect(lines.first?.hasSuffix(
            "hanoi_electricity.csv:2:2: column 'electricity_GWh': '2,100' is not a number; they look like numbers with ',' between thousands: read numbers with ',' as the thousands separator (--thousands ,)"
        ) == true, "\(result.error)")
        #expect(lines.count == 11, "\(result.error)")
        #expect(lines.last?.contains("… and 30 more like this") == true, "\(result.error)")
    }

    @Test("--frequency, --date, --columns and --delimiter on every command that reads series", arguments: [
        ["validate"], ["forecast", "--model", "naive", "--horizon", "2"],
        ["backtest", "--model", "naive", "--horizon", "2", "--windows", "2"],
        ["bench", "--models", "naive", "--horizon", "2"],
    ])
    func sharedInputOptions(command: [String]) throws {
        let arguments = [command[0], Self.path("wide_units.csv")] + command.dropFirst()
            + ["--frequency", "yearly", "--date", "date", "--columns", "electricity (GWh)", "--delimiter", ","]
        let result = try CLITests.run(arguments)
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.output.contains("water"), "\(result.output)")
        let refused = try CLITests.run([command[0], Self.path("wide_units.csv")] + command.dropFirst() + ["--decimal", ";"])
        #expect(refused.status == 2)
        #expect(refused.error.contains("--decimal takes '.' or ',', not ';'"), "\(refused.error)")
    }

    @Test("A date column with another name is named by --date, which the message suggests")
    func dateColumnByName() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jahr-\(UUID()).csv")
        try Data("Jahr,Strom\n2000,1\n2001,2\n2002,3\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let refused = try CLITests.run(["forecast", file.path, "--model", "naive", "--horizon", "1"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("name the date column (--date COL)"), "\(refused.error)")
        let result = try CLITests.run(["forecast", file.path, "--model", "naive", "--horizon", "1", "--date", "Jahr"])
        #expect(result.status == 0, "\(result.error)")
    }

    @Test("Station data in a semicolon, decimal-comma file: the air commands read the dialect too")
    func airDialect() throws {
        let refused = try CLITests.run(["air", "localize", Self.path("air_semicolon.csv")])
        #expect(refused.status == 1)
        #expect(refused.error.contains("read numbers with ',' as the decimal separator (--decimal ,)"), "\(refused.error)")
        let result = try CLITests.run(["air", "localize", Self.path("air_semicolon.csv"), "--decimal", ","])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Dongsi,PM2.5,2024-01-02,17.1,"), "\(result.output)")
    }
}
