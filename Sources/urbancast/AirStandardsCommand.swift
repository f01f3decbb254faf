import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast air standards`: WHO 2021 levels, exceedances and AQI days per series and year.
struct AirStandardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standards",
        abstract: "Compare station or city air quality with the WHO 2021 guidelines and AQI categories, by year.",
        discussion: """
            Per series (station, or city with --city), pollutant and year: valid days (a day \
            needs 75 % of its hours), the annual mean of the valid daily means, the 99th \
            percentile of the daily means, the days above each WHO 24-hour level (8-hour for \
            ozone, from hourly data), the highest WHO level met (IT-1 … AQG; none when the \
            year has less than 75 % of its days), and the days in each category of the US \
            (2024), China (HJ 633-2012), India (NAQI) and Korea (CAI) indices; per place and \
            year, the days in each category of Korea's CAI combined over pollutants (the \
            highest sub-index + 50 with two Unhealthy pollutants, + 75 with three or more; \
            needs hourly PM10, PM2.5, NO2 and O3). The standards are the files in \
            Models/air-quality (see its README for sources and rules), read from there when \
            found and otherwise built in; --standards reads another folder laid out the same way.

            --format json writes {"results": [{"key", "pollutant", "unit", "year", \
            "validDays", "possibleDays", "meetsCaptureRule", "annualMean", "dailyP99", \
            "dailyMax8hP99", "peakSeasonMean", "exceedanceDays": {"15": n, ...}, \
            "highestLevelMet", "aqi": {"us-epa-2024": {"averaging", "days", "aboveTable", \
            "note"}, ...}, "notes"}], "combined": [{"key", "index", "year", "days", \
            "bonusDays", "note"}]}; thresholds are keyed by their value in the series' unit.

            Examples:
              urbancast air standards Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5,O3
              urbancast air standards Datasets/beijing_12sites_daily_long.csv --city --format json
            """
    )

    @OptionGroup var data: AirDataOptions

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    @OptionGroup var standards: AirStandardsOption

    func run() throws {
        let localization = try data.localize()
        let report: StandardsReport
        do {
            report = try StandardsReport(
                records: data.records(localization), standards: try standards.load(), rules: localization.options.capture)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        try format.print(table: { report.table }, json: { report.document })
    }
}
