import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast air localize`: station data to station or city statistics by period.
struct AirLocalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "localize",
        abstract: "Turn station data into station or city means by hour, day, month or year, with data capture.",
        discussion: """
            A day is valid with 75 % of its readings, a month and a year with 75 % of their \
            calendar days (--capture changes all three), a city period with 75 % of its \
            stations. Monthly and annual means are means of the valid daily means. Negative \
            readings are flagged and excluded (--keep-negative keeps them); runs of 12 equal \
            readings and spikes (a Hampel filter: more than 6 scaled MADs from the median of \
            the ±12 periods around) are flagged and kept. Gases convert between ppb and µg/m³ \
            at 25 °C and 1013.25 hPa when stations of a city differ in unit.

            --format csv writes the key columns, pollutant, date, value, unit, count, possible, \
            valid (value is the mean of what was counted; valid says whether the capture rule \
            is met). --format json writes {"records": [{"key", "pollutant", "unit", \
            "stations", "periods": [{"date", "mean", "count", "possible", "valid"}], \
            "flags": [{"kind", "date", "value", "count", "excluded"}]}]}. --flags prints the \
            quality flags of each station instead of the periods.

            Examples:
              urbancast air localize Datasets/beijing_12sites_daily_long.csv --city --period year
              urbancast air localize Datasets/beijing_dongsi_hourly_wide.csv --period day
              urbancast air localize Datasets/beijing_dongsi_hourly_wide.csv --flags
            """
    )

    @OptionGroup var data: AirDataOptions

    @Option(help: "The period: hour, day, month or year.")
    var period: Localization.Period = .day

    @OptionGroup var format: FormatOption<CSVOrJSONFormat>

    @Flag(help: "Print the quality flags of each station instead of the periods.")
    var flags = false

    func run() throws {
        let localization = try data.localize()
        let records = data.records(localization)
        if flags {
            try format.print(csv: { Localization.flagsCSV(localization.stations) },
                             json: { Localization.FlagsDocument(localization.stations) })
        } else {
            try format.print(csv: { Localization.csv(records, period: period) },
                             json: { Localization.Document(records, period: period) })
        }
    }
}

extension Localization.Period: ExpressibleByArgument {}
