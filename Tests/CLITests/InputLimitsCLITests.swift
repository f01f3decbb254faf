import Foundation
import Testing

/// Small but malformed inputs end every command with a short, located error and exit status 1,
/// instead of gigabytes of memory and messages, or minutes of work on a mistyped year.
@Suite struct InputLimitsCLITests {
    /// What a bounded run printed: the exit status and the first part of each stream.
    struct BoundedResult {
        let status: Int32
        let output: String
        let error: String
        /// The bytes written to standard error in all, including any past the cap.
        let errorBytes: Int
        /// Whether the run was stopped for printing more than the cap.
        let wasStopped: Bool
    }

    /// Runs `urbancast` keeping at most `cap` bytes of each stream and killing it once either
    /// stream passes the cap, so that a run that would print gigabytes fails quickly instead of
    /// filling the disk (``ChildProcess/run(_:_:directory:environment:cap:)``).
    static func runBounded(_ arguments: [String], cap: Int = 1_000_000) throws -> BoundedResult {
        let outcome = try ChildProcess.run(CLITests.executable, arguments, directory: CLITests.repositoryRoot, cap: cap)
        return BoundedResult(
            status: outcome.status, output: String(decoding: outcome.output, as: UTF8.self),
            error: String(decoding: outcome.error, as: UTF8.self), errorBytes: outcome.errorBytes,
            wasStopped: outcome.wasStopped)
    }

    /// Removes the folder ``CLITests/temporaryFile(_:_:)`` made for `file`: these inputs are
    /// megabytes each.
    static func remove(_ file: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: file).deletingLastPathComponent())
    }

    /// A header with a million columns after `leading`, then `rows`.
    static func millionColumnFile(_ leading: String, rows: [String]) throws -> String {
        var text = leading
        text.reserveCapacity(10_000_000)
        for index in 1...1_000_000 { text += ",extra\(index)" }
        text += "\n" + rows.map { $0 + "\n" }.joined()
        return try CLITests.temporaryFile("wide-header.csv", text)
    }

    /// The Beijing daily long file with the last date of its first series (Aotizhongxin PM2.5,
    /// 2017-02-28) mistyped as 9999-12-31, and the line of that row.
    static func beijingWithTypo() throws -> (path: String, line: Int) {
        let original = CLITests.repositoryRoot.appendingPathComponent("Datasets/beijing_12sites_daily_long.csv")
        var lines = try String(contentsOf: original, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("Beijing,Aotizhongxin,PM2.5,2017-02-28,") })
        lines[index] = lines[index].replacingOccurrences(of: "2017-02-28", with: "9999-12-31")
        return (try CLITests.temporaryFile("beijing-typo.csv", lines.joined(separator: "\n")), index + 1)
    }

    @Test func validateRefusesAMillionColumnHeaderWithOneLine() throws {
        let file = try Self.millionColumnFile("date,value", rows: ["2024-01-01,1", "2024-01-02,2"])
        defer { Self.remove(file) }
        let result = try Self.runBounded(["validate", file])
        #expect(result.status == 1)
        #expect(!result.wasStopped && result.errorBytes < 100_000, "\(result.errorBytes) bytes of messages")
        #expect(
            result.error == "\(file):1:10001: the header has 1000002 columns, more than the limit of 10000; "
                + "check that the file is comma-separated with one header row, or raise the column limit "
                + "if it really has that many\n")
    }

    @Test func validateColumnLimitCanBeRaised() throws {
        let file = try Self.millionColumnFile("date,value", rows: [])
        defer { Self.remove(file) }
        let result = try Self.runBounded(["validate", file, "--max-columns", "5", "--ignore-unknown-columns"])
        #expect(result.status == 1)
        #expect(result.error.contains(":1:6: the header has 1000002 columns, more than the limit of 5;"))
        let small = try CLITests.temporaryFile("small.csv", "date,value,note\n2024,1,a\n2025,2,b\n")
        defer { Self.remove(small) }
        let raised = try CLITests.run(["validate", small, "--max-columns", "3", "--ignore-unknown-columns"])
        #expect(raised.status == 0, "\(raised.error)")
        let refused = try CLITests.run(["validate", small, "--max-columns", "0"])
        #expect(refused.status == 2)
    }

    /// The commands that forecast from a series file take the same option: a file wider than the
    /// limit is refused at the first column past it, and runs once the limit is raised.
    @Test(arguments: [
        ["forecast", "--model", "naive", "--horizon", "1"],
        ["backtest", "--model", "naive", "--horizon", "1", "--windows", "1"],
        ["bench", "--models", "naive", "--horizon", "1"],
    ])
    func forecastingCommandsTakeTheColumnLimit(command: [String]) throws {
        let file = try CLITests.temporaryFile("wide.csv", "series,date,value\na,2020,1\na,2021,2\na,2022,3\na,2023,4\n")
        defer { Self.remove(file) }
        let arguments = [command[0], file] + command.dropFirst()
        let refused = try CLITests.run(arguments + ["--max-columns", "2"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("\(file):1:3: the header has 3 columns, more than the limit of 2;"), "\(refused.error)")
        let raised = try CLITests.run(arguments + ["--max-columns", "3"])
        #expect(raised.status == 0, "\(raised.error)")
    }

    @Test func airStandardsRefusesAMillionColumnHeaderWithOneLine() throws {
        func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let rows = (0..<200).map { row in
            "Dongsi,PM2.5,2024-\(twoDigits(row / 28 + 1))-\(twoDigits(row % 28 + 1)),\(row)"
        }
        let file = try Self.millionColumnFile("station,pollutant,date,value", rows: rows)
        defer { Self.remove(file) }
        let result = try Self.runBounded(["air", "standards", file])
        #expect(result.status == 1)
        #expect(!result.wasStopped && result.errorBytes < 100_000, "\(result.errorBytes) bytes of messages")
        #expect(result.error.hasPrefix("\(file):1:10001: the header has 1000004 columns, more than the limit of 10000;"))
        #expect(result.error.split(separator: "\n").count == 1)
    }

    @Test func airStandardsNamesAMistypedYear() throws {
        let (file, line) = try Self.beijingWithTypo()
        defer { Self.remove(file) }
        let result = try Self.runBounded(["air", "standards", file])
        #expect(result.status == 1)
        #expect(result.errorBytes < 100_000)
        #expect(result.output.isEmpty)
        #expect(
            result.error.hasPrefix(
                "\(file):\(line):4: date 9999-12-31 is far from the other dates of series city=Beijing "
                    + "station=Aotizhongxin pollutant=PM2.5:"), "\(result.error)")
        #expect(result.error.contains("check the date; the other dates run from 2013-03-01 to 2017-02-27"))
    }

    @Test func forecastNamesAMistypedYear() throws {
        let (file, line) = try Self.beijingWithTypo()
        defer { Self.remove(file) }
        let result = try Self.runBounded([
            "forecast", file, "--model", "auto-arima", "--horizon", "7",
            "--where", "station=Aotizhongxin", "--where", "pollutant=PM2.5",
        ])
        #expect(result.status == 1)
        #expect(result.errorBytes < 100_000)
        #expect(result.error.contains("\(file):\(line):4: date 9999-12-31 is far from the other dates"), "\(result.error)")
    }

    @Test func validateCapsARepeatedMistake() throws {
        let rows = (1...5_000).map { "2024-01-01T00:00,\($0)kg" }
        let file = try CLITests.temporaryFile("units.csv", "date,value\n" + rows.joined(separator: "\n") + "\n")
        defer { Self.remove(file) }
        let result = try Self.runBounded(["validate", file])
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n")
        // Ten bad values, their count; ten duplicate dates, their count.
        #expect(lines.count == 22, "\(result.error)")
        #expect(lines.contains { $0.hasPrefix("\(file):12:2: … and 4990 more like this, the first here: column 'value':") })
        #expect(lines.contains { $0.hasPrefix("\(file):13:1: … and 4989 more like this, the first here: duplicate date") })
    }
}
