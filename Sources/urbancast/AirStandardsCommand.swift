import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

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
            (2024), China (HJ 633-2012), India (NAQI), Korea (CAI) and Indonesia (ISPU, \
            P.14/2020) indices; per place and \
            year, the days in each category of Korea's CAI combined over pollutants (the \
            highest sub-index + 50 with two Unhealthy pollutants, + 75 with three or more; \
            needs hourly PM10, PM2.5, NO2 and O3). The standards are the files in \
            Models/air-quality (see its README for sources and rules), read from there when \
            found and otherwise built in; --standards reads another folder laid out the same way.

            --format json writes {"results": [{"key", "pollutant", "unit", "year", \
            "validDays", "possibleDays", "meetsCaptureRule", "annualMean", "dailyP99", \
            "dailyMax8hP99", "peakSeasonMean", "peakSeasonStart", "shortTermGuidelines": \
            [{"averaging", "statistic", "level", "threshold", "maximum", "daysAbove", "met", \
            "note"}], "exceedanceDays": {"15": n, ...}, \
            "highestLevelMet", "aqi": {"us-epa-2024": {"averaging", "days", "aboveTable", \
            "note"}, ...}, "notes"}], "combined": [{"key", "index", "year", "days", \
            "bonusDays", "note"}]}; thresholds are keyed by their value in the series' unit. \
            The ozone peak season may span the year end and counts in the year it ends \
            (peakSeasonStart is its first month). The WHO short-term guidelines kept from \
            earlier editions (NO2 1-hour 200 µg/m³, SO2 10-minute 500 µg/m³, CO 15-minute 100, \
            1-hour 35, 8-hour 10 mg/m³) are judged as values not to be exceeded; a 10- or \
            15-minute guideline needs sub-hourly data and is marked not applicable otherwise. \
            --quarterly-capture asks 75 % of each calendar quarter's days for a valid year \
            (US EPA 40 CFR 50 appendix N).

            --report FILE.html also writes a self-contained HTML report: per series a calendar \
            of each year with every day coloured by its AQI category (the first index covering \
            the pollutant, or --calendar-index), the mean by hour, weekday and month with 95 % \
            intervals, and the days above the WHO 24-hour levels by year.

            Examples:
              urbancast air standards Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5,O3
              urbancast air standards Datasets/beijing_12sites_daily_long.csv --city --format json
              urbancast air standards Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --city --report pm25.html
            """
    )

    @OptionGroup var data: AirDataOptions

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    @OptionGroup var standards: AirStandardsOption

    @OptionGroup var report: ReportOption

    @Option(help: ArgumentHelp(
        "With --report: the index whose categories colour the calendars (us-epa-2024, china-hj633-2012, india-naqi-2014, korea-cai, or one of --standards); by default the first that covers the pollutant.",
        valueName: "id"))
    var calendarIndex: String?

    func validate() throws {
        if calendarIndex != nil, report.report == nil { throw ValidationError("--calendar-index needs --report") }
    }

    func run() throws {
        let localization = try data.localize()
        let records = data.records(localization)
        let loaded: AirQualityStandards
        let comparison: StandardsReport
        do {
            loaded = try standards.load()
            if let calendarIndex, !loaded.indices.contains(where: { $0.id == calendarIndex }) {
                printError("--calendar-index: unknown index '\(calendarIndex)'; the standards have "
                    + loaded.indices.map(\.id).joined(separator: ", "))
                throw ExitCode(2)
            }
            comparison = try StandardsReport(records: records, standards: loaded, rules: localization.options.capture)
        } catch let error as AirQualityError {
            printError(error.description)
            throw ExitCode(1)
        }
        try format.print(table: { comparison.table }, json: { comparison.document })
        guard let path = report.report else { return }
        let html: HTMLReport
        do {
            html = try HTMLReport(
                standards: comparison, records: records, standards: loaded, calendarIndex: calendarIndex,
                rules: localization.options.capture, settings: data.reportSettings + [
                    ("standards", airQualityModelsDirectory(standards.standards) ?? "built in (WHO 2021 and the AQI tables of Models/air-quality)"),
                ], inputs: RunDirectory.manifest(command: [], inputs: [data.file], seed: 0, draws: 0).inputs)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        try writeReport(html, to: path)
    }
}
