import ArgumentParser
import Foundation
import UrbanCast

/// How a series file is written, the same flags on every command that reads series:
/// `--frequency`, `--date`, `--columns` and the dialect's (``CSVDialectOption``).
struct SeriesInputOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The frequency of every series instead of inferring it: \(Frequency.acceptedNames).", valueName: "frequency"))
    var frequency: String?

    @Option(name: .customLong("date"),
            help: ArgumentHelp("The date column, when it is not named date, ds, year, month, quarter, week or period.",
                               valueName: "COL"))
    var dateColumn: String?

    @Option(help: ArgumentHelp(
        "The value columns of a file with one column per series (default: every column but the date); "
            + "each column's name becomes the series key, and a unit written after it (electricity_GWh, "
            + "electricity (GWh), electricity [GWh]) the series' unit.", valueName: "A,B"))
    var columns: String?

    @OptionGroup var dialect: CSVDialectOption

    func validate() throws {
        if let frequency, Frequency(frequency) == nil {
            throw ValidationError("unknown frequency '\(frequency)'; use \(Frequency.acceptedNames)")
        }
    }

    /// The frequency, if one was given; ``validate()`` has refused unknown names.
    var parsedFrequency: Frequency? { frequency.flatMap { Frequency($0) } }

    /// The format the flags describe; validation has refused malformed values.
    var format: InputFormat {
        var format = dialect.format
        format.dateColumn = dateColumn
        format.valueColumns = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        return format
    }
}

/// The CSV dialect of a file: `--delimiter`, `--decimal`, `--thousands`, `--encoding` and
/// `--date-format`, and the `--sheet` of an .xlsx workbook, on every command that reads data files.
struct CSVDialectOption: ParsableArguments {
    @Option(help: ArgumentHelp("The field delimiter: ',' ';' or tab (default: found from the header line).",
                               valueName: "CHAR"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The decimal separator of numbers: '.' (default) or ','.", valueName: "CHAR"))
    var decimal: String = "."

    @Option(help: ArgumentHelp("The thousands separator of numbers, if they have one: ',' '.' \"'\" '_' or ' '.",
                               valueName: "CHAR"))
    var thousands: String?

    @Option(help: ArgumentHelp("The file's character set: utf-8 (default) or windows-1252.", valueName: "NAME"))
    var encoding: String = "utf-8"

    @Option(help: ArgumentHelp(
        "The order of dates written with a trailing year: DD/MM/YYYY (day first) or MM/DD/YYYY (month first); "
            + "any of / . - between the parts.", valueName: "FORMAT"))
    var dateFormat: String?

    @Option(help: ArgumentHelp("The sheet to read from an .xlsx workbook (default: the first).", valueName: "NAME"))
    var sheet: String?

    func validate() throws {
        _ = try inputFormat()
    }

    /// The dialect the flags describe; ``validate()`` has refused malformed values.
    var format: InputFormat { (try? inputFormat()) ?? InputFormat() }

    private func inputFormat() throws -> InputFormat {
        var format = InputFormat()
        format.sheet = sheet
        if let delimiter {
            let character: Character? = ["tab": "\t", "\\t": "\t", ",": ",", ";": ";", "\t": "\t"][delimiter.lowercased()]
            guard let character else { throw ValidationError("--delimiter takes ',' ';' or tab, not '\(delimiter)'") }
            format.delimiter = character
        }
        guard decimal == "." || decimal == "," else {
            throw ValidationError("--decimal takes '.' or ',', not '\(decimal)'")
        }
        format.decimalSeparator = Character(decimal)
        if let thousands {
            guard [",", ".", "'", "_", " "].contains(thousands), thousands != decimal else {
                throw ValidationError(
                    "--thousands takes one of ',' '.' \"'\" '_' ' ' other than the decimal separator, not '\(thousands)'")
            }
            format.thousandsSeparator = Character(thousands)
        }
        if decimal == ",", format.delimiter == "," {
            throw ValidationError("--decimal , needs a delimiter other than ',' (--delimiter ';' or tab)")
        }
        guard let encoding = InputFormat.Encoding(rawValue: encoding.lowercased()) ?? (
            ["utf8": .utf8, "cp1252": .windows1252, "windows1252": .windows1252, "latin1": .windows1252]
                as [String: InputFormat.Encoding])[encoding.lowercased()]
        else {
            throw ValidationError("--encoding takes utf-8 or windows-1252, not '\(encoding)'")
        }
        format.encoding = encoding
        if let dateFormat {
            let letters = dateFormat.uppercased().filter { $0 == "D" || $0 == "M" || $0 == "Y" }
            switch letters {
            case "DDMMYYYY", "DMY": format.dateOrder = .dayFirst
            case "MMDDYYYY", "MDY": format.dateOrder = .monthFirst
            default: throw ValidationError("--date-format takes DD/MM/YYYY or MM/DD/YYYY, not '\(dateFormat)'")
            }
        }
        return format
    }
}

/// The options that would fix what a data message describes, after the message's own words:
/// the library names settings, the command line names the flags that set them.
func withInputFlags(_ message: String) -> String {
    let remedies: [(phrase: String, flags: String)] = [
        ("read numbers with ',' as the decimal separator and '.' as the thousands separator", "--decimal , --thousands ."),
        ("read numbers with ',' as the thousands separator", "--thousands ,"),
        ("read numbers with ',' as the decimal separator", "--decimal ,"),
        ("read it as Windows-1252 if a spreadsheet saved it", "--encoding windows-1252"),
        ("give the date order (day first, DD/MM/YYYY, or month first, MM/DD/YYYY)",
         "--date-format DD/MM/YYYY or --date-format MM/DD/YYYY"),
        ("name the date column", "--date COL"),
        ("choose the sheet to read", "--sheet NAME"),
        ("choose the value columns", "--columns A,B"),
        ("set the frequency explicitly", "--frequency yearly, quarterly, monthly, weekly, daily ..."),
    ]
    return annotating(message, with: remedies)
}

/// The library's remedy phrases worded as the keys of a scenario specification's history entry,
/// for `scenario check` and `scenario run`, which read their files as the specification says and
/// take no dialect flags.
func withSpecKeys(_ message: String) -> String {
    annotating(message, with: [
        ("read numbers with ',' as the decimal separator and '.' as the thousands separator",
         "decimal: ',' and thousands: '.' in the history file's entry"),
        ("read numbers with ',' as the thousands separator", "thousands: ',' in the history file's entry"),
        ("read numbers with ',' as the decimal separator", "decimal: ',' in the history file's entry"),
        ("read it as Windows-1252 if a spreadsheet saved it", "encoding: windows-1252 in the history file's entry"),
        ("choose the sheet to read", "sheet: NAME in the history file's entry"),
    ])
}

/// Each line with the first remedy phrase it contains followed by the remedy in brackets, unless
/// a remedy already follows it.
private func annotating(_ message: String, with remedies: [(phrase: String, flags: String)]) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        for remedy in remedies where line.contains(remedy.phrase) && !line.contains(remedy.phrase + " (") {
            return line.replacingOccurrences(of: remedy.phrase, with: "\(remedy.phrase) (\(remedy.flags))")
        }
        return String(line)
    }.joined(separator: "\n")
}
