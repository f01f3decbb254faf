import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast air sources`: wind sectors, urban increment and time profiles — indications only.
struct AirSourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Indications of sources (not an apportionment): wind sectors with CPF, urban increment, weekday and hour profiles.",
        discussion: """
            Per station: the mean by weekday and hour of day; with wind columns in a wide file, \
            the mean by 16 wind sectors and 4 speed bins and the conditional probability of \
            concentrations at or above the 75th percentile (CPF). With --background STATION, \
            the urban increment of every other station over it (Lenschow): the mean of \
            station − background over days valid at both.

            --format json writes {"note", "pollutant", "unit", "stations": [{"key", "mean", \
            "weekday", "hour", "wind": {"threshold", "sectors": [{"name", "count", "mean", "cpf", \
            "meanBySpeed"}]}}], "urbanIncrement": {"background", "stations": [{"station", \
            "increment", "days", "backgroundMean"}]}}.

            --report FILE.html also writes a self-contained HTML report: per station with wind \
            data a wind rose and a binned polar plot of the mean by wind direction and speed, \
            with each chart's data, the station means and the urban increment as tables.

            Examples:
              urbancast air sources Datasets/beijing_dongsi_hourly_wide.csv --pollutant NO2
              urbancast air sources Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --background Dingling
            """
    )

    @Argument(help: "The station data file (long or wide CSV).")
    var file: String

    @Option(help: "The pollutant.")
    var pollutant: String

    @Option(help: ArgumentHelp("The background station for the urban increment.", valueName: "station"))
    var background: String?

    @Option(help: ArgumentHelp("The wind-direction column of a wide file.", valueName: "column"))
    var windDirection: String = "wd"

    @Option(help: ArgumentHelp("The wind-speed column (m/s) of a wide file.", valueName: "column"))
    var windSpeed: String = "WSPM"

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    @OptionGroup var report: ReportOption

    func validate() throws {
        guard Pollutant(name: pollutant) != nil else {
            throw ValidationError("--pollutant: \(AirQualityError.unknownPollutant(pollutant).description)")
        }
    }

    func run() throws {
        let report: SourceReport
        do {
            report = try SourceReport(
                contentsOf: file, pollutant: Pollutant(name: pollutant) ?? .pm25, windDirection: windDirection,
                windSpeed: windSpeed, background: background)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        try format.print(table: { report.table }, json: { report.document })
        if let path = self.report.report {
            let inputs = RunDirectory.manifest(command: [], inputs: [file], seed: 0, draws: 0).inputs
            try writeReport(HTMLReport(sources: report, inputs: inputs, settings: [
                ("file", file), ("wind direction column", windDirection), ("wind speed column", windSpeed + " (m/s)"),
            ]), to: path)
        }
    }
}
