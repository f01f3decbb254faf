import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast validate`: checks a series CSV file and summarises each series in it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a series CSV file (long format) and summarise each series.",
        discussion: """
            The file has a header row, a 'date' column and a 'value' column. Key columns \
            (series, city, indicator, station, pollutant, scenario) identify the series; 'unit' \
            is metadata; statsforecast's unique_id, ds, y are accepted as aliases. Dates are \
            written 2024, 2024-Q3, 2024-07, 2024-07-31 or 2024-07-31T13:00 (a space instead of \
            T, and seconds, are allowed). An empty cell, NA or NaN is a missing value; gaps in \
            the dates count as missing values.

            A file with a date column and one column per series (a spreadsheet's layout) is read \
            too: each column is a series named by its header, with a unit written after the \
            name (electricity_GWh, electricity (GWh)). See the Input format options for another \
            date column, chosen columns, semicolons, decimal commas, thousands separators, \
            Windows-1252 text and day-first dates.

            Valid data: one line per series with its key, number of periods (n), first and \
            last date, frequency, season length and number of missing values; exit status 0.

            Bad data: every problem is printed to standard error as FILE:LINE:COLUMN: message, \
            and the exit status is 1. After ten problems of one kind, the rest are counted in \
            one line. A header of more than --max-columns columns is an error, and so is a date \
            so far from the others that its series would have over 100 missing periods per \
            observation (a mistyped year).

            \(standardInputHelp(example: "urbancast validate -", csv: false))

            \(shardHelp) Combining the shards' JSON: the "series" entries in the order their keys \
            first appear in FILE.

            Example:
              $ urbancast validate water.csv
              key        n   start    end      frequency  season  missing
              city=Oslo  36  2021-01  2023-12  monthly    12      2
            """
    )

    @Argument(help: "The series file to check: long format, or wide (a date column and one column per series); - reads standard input.")
    var file: String

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    @OptionGroup var season: SeasonLengthOption

    @Flag(help: "Ignore columns other than the accepted ones instead of reporting them.")
    var ignoreUnknownColumns = false

    @Flag(help: "Sort each series' rows by date instead of reporting unsorted rows.")
    var sortDates = false

    @OptionGroup var inputLimits: InputLimitOption

    @OptionGroup(title: "Input format") var input: SeriesInputOption

    @OptionGroup var shardOption: ShardOption

    func run() throws {
        let options = LongFormat.Options(
            frequency: input.parsedFrequency, seasonLength: season.seasonLength,
            ignoresUnknownColumns: ignoreUnknownColumns, sortsDates: sortDates,
            limits: inputLimits.limits, format: input.format)
        let source = try SeriesInputSource(file)
        var series: [KeyedSeries]
        do {
            if let contents = source.contents {
                series = try LongFormat.read(contents, file: source.name, options: options)
            } else {
                series = try LongFormat.read(contentsOf: file, options: options)
            }
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        if let shard = shardOption.shard {
            series = series.filter { shard.contains($0.key) }
            if series.isEmpty { return shardOption.noteEmpty(shard, command: "validate", file: source.name) }
        }
        let summaries = series.map(SeriesSummary.init)
        switch format.value {
        case .table:
            print(Self.table(summaries), terminator: "")
        case .json:
            let report = ValidationReport(schemaVersion: JSONContract.schemaVersion, file: source.name, series: summaries)
            try ResultWriter.write(report)
        }
    }

    /// The summaries as a left-aligned text table with a header row.
    static func table(_ summaries: [SeriesSummary]) -> String {
        let header = ["key", "n", "start", "end", "frequency", "season", "missing"]
        let rows = summaries.map { summary in
            [
                summary.label.isEmpty ? "(one series)" : summary.label, String(summary.count),
                summary.start, summary.end, summary.frequency, String(summary.seasonLength),
                String(summary.missing),
            ]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        // One string appended to in place: a file of 20,000 series makes 20,000 rows, and
        // joining an array of strings per row cost a sixth of reading the file.
        var text = ""
        for row in [header] + rows {
            for (index, cell) in row.enumerated() {
                text += cell
                if index < row.count - 1 {
                    text += String(repeating: " ", count: widths[index] - cell.count + 2)
                }
            }
            text += "\n"
        }
        return text
    }
}

/// The JSON document `validate --format json` prints. Keys are stable; changing them is a
/// versioned change.
///
/// The keys come in the order of the coding keys, `schemaVersion` first; a series' key columns
/// are a dictionary, which the encoder writes with sorted keys.
struct ValidationReport: Encodable {
    /// ``JSONContract/schemaVersion``.
    let schemaVersion: String
    /// The file as given on the command line; `<stdin>` for standard input (`-`).
    let file: String
    /// One entry per series, in order of first appearance.
    let series: [SeriesSummary]
}

/// What `validate` prints about one series.
struct SeriesSummary: Encodable {
    /// Key column → value.
    let key: [String: String]
    /// The key as `name=value` pairs, as in the table.
    let label: String
    /// The unit, or `null`.
    let unit: String?
    /// The number of periods, observed or missing.
    let count: Int
    /// The first and last date, as written in the file.
    let start: String
    let end: String
    /// The frequency's name, for example `hourly` or `15min`.
    let frequency: String
    /// The season length in periods.
    let seasonLength: Int
    /// The number of missing values, including gaps.
    let missing: Int

    init(_ keyed: KeyedSeries) {
        key = Dictionary(zip(keyed.key.columns, keyed.key.values), uniquingKeysWith: { first, _ in first })
        label = keyed.key.description
        unit = keyed.unit
        count = keyed.series.count
        start = keyed.series.start.description
        end = keyed.series.end.description
        frequency = keyed.series.frequency.description
        seasonLength = keyed.series.seasonLength
        missing = keyed.series.missingCount
    }

    enum CodingKeys: String, CodingKey {
        case key, label, unit, count, start, end, frequency, seasonLength, missing
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(label, forKey: .label)
        try container.encode(unit, forKey: .unit)
        try container.encode(count, forKey: .count)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(frequency, forKey: .frequency)
        try container.encode(seasonLength, forKey: .seasonLength)
        try container.encode(missing, forKey: .missing)
    }
}
