import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast air normalize`: weather-normalised concentrations with held-out skill.
struct AirNormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Remove the weather from a pollutant record (Grange et al. 2018, with penalised regression splines).",
        discussion: """
            The file is wide (a date column, optional station/city columns, the pollutant's \
            column and the meteorological columns) or long, as the other air commands read it \
            (station, pollutant, date, value and optional unit columns), with the \
            meteorological columns beside 'value'; the rows of --pollutant are used. A \
            missing meteorological column is named and the command exits 1. The model is additive in c (log(c + 1) \
            with --log): P-splines of each meteorological variable and of TEMP − DEWP, wind \
            direction and direction × speed, hour of day, weekday, day of year and a trend, \
            with the smoothing parameter chosen by GCV. The normalised series holds the \
            trend and averages everything else (weather and the seasonal, weekly and daily \
            cycles) over the whole record, as rmweather does. Held-out R² and RMSE come \
            from contiguous blocks (--folds).

            --format json writes {"results": [{"key", "pollutant", "unit", "rowsFitted", \
            "lambda", "effectiveDegreesOfFreedom", "fittedRSquared", "heldOut": {"rSquared", \
            "rmse", "folds": [...]}, "partialEffects": [{"variable", "x", "effect"}], \
            "series": [{"date", "observed", "normalized"}]}]}.

            Examples:
              urbancast air normalize Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5 --period month
              urbancast air normalize dongsi_long_with_meteorology.csv --pollutant NO2 --format json
            """
    )

    @Argument(help: "The CSV file with the pollutant and the meteorology (wide, or long with meteorology columns).")
    var file: String

    @Option(help: "The pollutant (\(Pollutant.acceptedNames)).")
    var pollutant: String

    @Option(help: ArgumentHelp("Numeric meteorological columns, comma-separated.", valueName: "A,B,..."))
    var met: String = "TEMP,PRES,DEWP,RAIN,WSPM"

    @Option(help: ArgumentHelp("The wind-direction column (compass points or degrees); 'none' for no wind terms.", valueName: "column"))
    var windDirection: String = "wd"

    @Option(help: ArgumentHelp("The wind-speed column multiplying the wind-direction term; 'none' for none.", valueName: "column"))
    var windSpeed: String = "WSPM"

    @Flag(help: "Fit log(c + 1) instead of c (multiplicative weather effects).")
    var log = false

    @Option(parsing: .unconditional, help: "The number of contiguous held-out blocks (at least 2).")
    var folds: Int = 5

    @Option(help: "The period of the printed series: hour, day, month or year.")
    var period: Localization.Period = .month

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    var meteorology: [String] {
        met.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @OptionGroup var progressOption: ProgressOption

    func validate() throws {
        guard Pollutant(name: pollutant) != nil else {
            throw ValidationError("--pollutant: \(AirQualityError.unknownPollutant(pollutant).description)")
        }
        guard !meteorology.contains(where: \.isEmpty) else { throw ValidationError("--met needs comma-separated column names, got '\(met)'") }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2, got \(folds)") }
    }

    func run() throws {
        let options = WeatherNormalization.Options(
            meteorology: meteorology, windDirection: windDirection == "none" ? nil : windDirection,
            windSpeed: windSpeed == "none" || windDirection == "none" ? nil : windSpeed, folds: folds, logScale: log)
        let results: [WeatherNormalization]
        let reporter = progressOption.reporter("air normalize", unit: "stations")
        do {
            results = try WeatherNormalization.run(
                contentsOf: file, pollutant: Pollutant(name: pollutant) ?? .pm25, options: options, progress: reporter)
            reporter?.finish("\(results.count) stations")
        } catch {
            reporter?.finish()
            printError(error.description)
            throw ExitCode(1)
        }
        try format.print(
            table: { results.map { $0.table(period: period) }.joined(separator: "\n\n") },
            json: { WeatherNormalization.Document(results, period: period) })
    }
}
