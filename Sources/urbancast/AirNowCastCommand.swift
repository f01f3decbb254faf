import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast air nowcast`: US EPA's hourly NowCast of PM2.5 or PM10 and its AQI.
struct AirNowCastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nowcast",
        abstract: "The hourly NowCast of PM2.5 and PM10 (US EPA) and its AQI, per station or city.",
        discussion: """
            For each hour of hourly PM2.5 or PM10 data: the NowCast of the 12 hours ending at \
            that hour (weights w^(i-1), w = max(lowest/highest, 0.5), over the valid hours; \
            none unless 2 of the 3 most recent hours are valid) and its sub-index and category \
            on the 24-hour table of --index (us-epa-2024 by default; the value is truncated to \
            the table's decimals first, 0.1 µg/m³ for PM2.5). Other pollutants and daily data \
            are refused. Negative readings are excluded unless --keep-negative.

            --format csv (default) writes the key columns, pollutant, date, value, nowcast, unit, \
            aqi, category (empty cells where there is none). --format json writes {"series": \
            [{"key", "pollutant", "unit", "index", "hours": [{"date", "value", "nowcast", "aqi", \
            "category"}]}]}, with null where there is none.

            Examples:
              urbancast air nowcast Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5
              urbancast air nowcast Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5,PM10 --format json
            """
    )

    @OptionGroup var data: AirDataOptions

    @Option(help: ArgumentHelp(
        "The index whose 24-hour table classifies the NowCast (us-epa-2024, or one of --standards).", valueName: "id"))
    var index: String = "us-epa-2024"

    @OptionGroup var standards: AirStandardsOption

    @OptionGroup var format: FormatOption<CSVOrJSONFormat>

    @OptionGroup var progressOption: ProgressOption

    func validate() throws {
        guard let pollutants = try data.pollutants() else {
            throw ValidationError("--pollutant is required: PM2.5, PM10 or both")
        }
        if let other = pollutants.first(where: { $0 != .pm25 && $0 != .pm10 }) {
            throw ValidationError("--pollutant: the NowCast is defined for PM2.5 and PM10 only, not \(other.name)")
        }
    }

    func run() throws {
        let localization = try data.localize()
        let records = data.records(localization)
        let reporter = progressOption.reporter("air nowcast", unit: "series")
        let report: NowCastReport
        do {
            let loaded = try standards.load()
            guard let chosen = loaded.indices.first(where: { $0.id == index }) else {
                reporter?.finish()
                printError("--index: unknown index '\(index)'; the standards have " + loaded.indices.map(\.id).joined(separator: ", "))
                throw ExitCode(2)
            }
            report = try NowCastReport(records: records, index: chosen) { done, total in reporter?.update(done, of: total) }
            reporter?.finish("\(report.series.count) series")
        } catch let error as AirQualityError {
            reporter?.finish()
            printError(error.description)
            throw ExitCode(1)
        }
        try format.print(csv: { report.csv }, json: { report.document })
    }
}
