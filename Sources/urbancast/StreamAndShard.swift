import ArgumentParser
import Foundation
import UrbanCast

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The series file named on the command line: a path, or `-` for standard input, which is read
/// whole and then parsed by the same reader as a file, its problems reported as
/// `<stdin>:LINE:COLUMN: message`.
struct SeriesInputSource {
    /// The name in messages: the path as given, or ``standardInputName``.
    let name: String
    /// Standard input's bytes, or `nil` for a file the library reads itself.
    let contents: [UInt8]?

    /// How standard input is named in messages.
    static let standardInputName = "<stdin>"

    /// The source `argument` names, reading standard input when it is `-`.
    ///
    /// - Throws: `ExitCode(2)` when `-` is given but standard input is a terminal (nothing is
    ///   piped in); `ExitCode(1)` for a workbook on standard input, which is not read from a
    ///   stream (an .xlsx file's directory is at its end), after printing why.
    init(_ argument: String) throws {
        guard argument == "-" else {
            name = argument
            contents = nil
            return
        }
        name = Self.standardInputName
        if isatty(STDIN_FILENO) == 1 {
            printError("- reads the series from standard input, which is a terminal; pipe a file in (cat FILE | urbancast ...) or give its path")
            throw ExitCode(2)
        }
        let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        if Workbook.isWorkbook(bytes) {
            printError("\(Self.standardInputName): a workbook (.xlsx) cannot be read from standard input; give its path instead")
            throw ExitCode(1)
        }
        contents = bytes
    }
}

/// The help paragraph on `-` for a command's discussion, with an example pipe; `csv` for the
/// commands whose results are then CSV by default (``PipedFormatOption``).
func standardInputHelp(example: String, csv: Bool = true) -> String {
    "FILE - reads the series from standard input, whole, and checks it as a file (problems are reported as "
        + "<stdin>:LINE:COLUMN; a workbook cannot be read from standard input). Results go to standard output"
        + (csv ? ", as CSV unless --format says otherwise," : "")
        + " and messages and progress to standard error, so the command can sit in a pipe: cat data.csv | \(example)."
}

/// The help paragraph on `--shard`, before the command's own combining rule.
let shardHelp = "--shard I/N keeps the series whose key hashes to shard I of N (I from 0 to N-1; FNV-1a 64 of the "
    + "key's column names and values written as netstrings, mod N), so N runs with I = 0 ... N-1, on one machine "
    + "or many, together cover every series once. A shard without series writes nothing, says so on standard "
    + "error and exits 0."

/// `--format` of forecast, backtest and bench: a table by default, but CSV (the long format)
/// when the series come from standard input, so `cat data.csv | urbancast forecast - ... > out.csv`
/// writes CSV in a pipe.
struct PipedFormatOption: ParsableArguments {
    @Option(name: .customLong("format"),
            help: ArgumentHelp("Output format: table, csv or json (default: table, or csv when FILE is - for standard input)."))
    var given: TabularFormat?

    /// The format to write: the one given, else CSV for standard input and a table otherwise.
    func resolved(readingStandardInput: Bool) -> FormatOption<TabularFormat> {
        var option = FormatOption<TabularFormat>()
        option.value = given ?? (readingStandardInput ? .csv : .table)
        return option
    }
}

/// `--shard I/N`: only the series whose key hashes to shard `I` of `N` (``SeriesShard``).
struct ShardOption: ParsableArguments {
    @Option(name: .customLong("shard"),
            help: ArgumentHelp("Only the series whose key hashes to shard I of N, I from 0 to N-1 (FNV-1a 64 of the key, "
                + "mod N); N runs with I = 0 ... N-1 together cover every series once.", valueName: "I/N"))
    var text: String?

    func validate() throws {
        guard let text else { return }
        do {
            _ = try SeriesShard(parsing: text)
        } catch {
            throw ValidationError("--shard: \(error.description)")
        }
    }

    /// The shard; ``validate()`` has refused malformed text.
    var shard: SeriesShard? { text.flatMap { try? SeriesShard(parsing: $0) } }

    /// The note on standard error for a shard that holds no series; nothing goes to standard
    /// output, so the shards' outputs still combine into one run's.
    func noteEmpty(_ shard: SeriesShard, command: String, file: String) {
        printError("\(command): shard \(shard) holds none of the selected series of \(file); nothing was written")
    }
}
