import Foundation
import Testing

/// `--season-length`, `--where`, `--seed`, `--level` and `--format` are one option each: every
/// command that has one refuses the same mistake with the same message and describes it with the
/// same help line.
@Suite struct SharedOptionsCLITests {
    static let series = ["Datasets/nyc_water_long.csv"]

    /// The commands with `--season-length`, with their other required arguments.
    static let seasonal: [[String]] = [
        ["forecast"] + series + ["--model", "theta", "--horizon", "3"],
        ["backtest"] + series + ["--model", "theta", "--horizon", "3", "--windows", "2"],
        ["bench"] + series + ["--models", "theta", "--horizon", "3"],
        ["simulate", "--model", "arima(0,0,0)", "--n", "2", "--length", "3"],
        ["validate"] + series,
    ]

    /// The commands with `--where`.
    static let filtered: [[String]] = Array(seasonal.prefix(3)) + [
        ["regress", "Datasets/nyc_water_wide.csv", "--y", "consumption_mgd", "--x", "population"],
    ]

    @Test(arguments: seasonal)
    func seasonLengthIsCheckedOnce(command: [String]) throws {
        let result = try CLITests.run(command + ["--season-length", "0"])
        #expect(result.status == 2)
        #expect(result.error.contains("--season-length must be at least 1, not 0"), "\(result.error)")
    }

    @Test(arguments: filtered)
    func whereIsCheckedOnce(command: [String]) throws {
        let result = try CLITests.run(command + ["--where", "indicator"])
        #expect(result.status == 2)
        #expect(result.error.contains("--where needs KEY=VALUE, got 'indicator'"), "\(result.error)")
    }

    /// The help line of each shared option, gathered from every command that has it, is one text.
    @Test(arguments: [
        ("--season-length", seasonal.map { [$0[0]] }),
        ("--where", filtered.map { [$0[0]] }),
        ("--seed", [["forecast"], ["backtest"], ["bench"], ["simulate"], ["scenario", "run"], ["air", "trend"]]),
        ("--level", [["forecast"], ["backtest"]]),
        ("--progress", [["forecast"], ["backtest"], ["bench"], ["scenario", "run"]]),
    ])
    func helpIsOneText(option: String, commands: [[String]]) throws {
        var texts: Set<String> = []
        for command in commands {
            let help = try CLITests.run(command + ["--help"])
            #expect(help.status == 0)
            texts.insert(try #require(Self.helpEntry(option, in: help.output), "\(command) has no \(option)"))
        }
        #expect(texts.count == 1, "\(texts)")
    }

    /// `--format`'s line lists the command's own formats and its default.
    @Test func formatHelpListsTheCommandsFormats() throws {
        let forecast = try CLITests.run(["forecast", "--help"]).output
        let localize = try CLITests.run(["air", "localize", "--help"]).output
        let regress = try CLITests.run(["regress", "--help"]).output
        #expect(Self.helpEntry("--format", in: regress) == "Output format: table or json. (values: table, json; default: table)")
        // Series read from standard input are written as CSV unless --format says otherwise.
        #expect(Self.helpEntry("--format", in: forecast)
            == "Output format: table, csv or json (default: table, or csv when FILE is - for standard input). (values: table, csv, json)")
        #expect(Self.helpEntry("--format", in: localize) == "Output format: csv or json. (values: csv, json; default: csv)")
    }

    /// The description of `option` in a help text, its wrapped lines joined by spaces.
    static func helpEntry(_ option: String, in help: String) -> String? {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Options are listed two spaces in; examples and the discussion are not.
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  \(option) ") }) else {
            return nil
        }
        let column = 26
        var words: [String] = []
        // A short label has its description beside it; a long one, on the lines below.
        let label = lines[start].drop { $0 == " " }
        if let gap = label.range(of: "  ") { words.append(label[gap.upperBound...].trimmingCharacters(in: .whitespaces)) }
        for line in lines[(start + 1)...] {
            guard line.count > column, line.prefix(column).allSatisfy({ $0 == " " }) else { break }
            words.append(line.trimmingCharacters(in: .whitespaces))
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
