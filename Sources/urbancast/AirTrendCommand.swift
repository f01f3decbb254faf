import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast air trend`: Theil–Sen slope and Mann–Kendall test of monthly means.
struct AirTrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Theil–Sen trend of monthly means with a block-bootstrap interval and the Mann–Kendall test.",
        discussion: """
            As openair's TheilSen: monthly means (a month needs 75 % of its days), optionally \
            deseasonalised by STL (period 12, seasonal window 35, robust), time in years; the \
            slope is the median of all pairwise slopes (with --deseason none exactly the \
            median of the pairwise slopes of the monthly means); the 95 % interval comes from \
            a moving-block bootstrap (blocks of ⌈n^(1/3)⌉ months, --seed). The p-value is of \
            --test: auto (default) uses Hamed & Rao's Mann–Kendall test corrected for \
            autocorrelation on deseasonalised values and the seasonal (Hirsch–Slack) test with \
            --deseason none, so it agrees with the interval's allowance for serial correlation; \
            mann-kendall, hamed-rao and seasonal choose one. The plain Mann–Kendall p-value is \
            always in the JSON (mannKendallP). A warning follows the table when the record is \
            short for the test or the p-value and the interval disagree. With --normalized the monthly means are \
            those of the weather-normalised series of 'air normalize' (a wide or long file with the \
            pollutant and TEMP, PRES, DEWP, RAIN, WSPM, wd).

            --format json writes {"results": [{"key", "pollutant", "unit", "slopePerYear", \
            "lower95", "upper95", "mannKendallP", "test", "pValue", "warnings", "tau", "months", \
            "start", "end"}]}.

            --report FILE.html also writes a self-contained HTML report with a chart per series: \
            the monthly values, the Theil–Sen line and the band of its slope's interval.

            Examples:
              urbancast air trend Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --city
              urbancast air trend Datasets/beijing_dongsi_hourly_wide.csv --pollutant NO2 --deseason none --format json
              urbancast air trend Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5 --normalized
              urbancast air trend Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --city --report trend.html
            """
    )

    @OptionGroup var data: AirDataOptions

    @Option(help: "Remove the seasonal cycle first: stl or none.")
    var deseason: TrendAnalysis.Deseasonalization = .stl

    @Option(help: ArgumentHelp("The test of the p-value: auto, mann-kendall, hamed-rao or seasonal.",
                               valueName: "test"))
    var test: TrendAnalysis.Test = .automatic

    @Flag(help: "Trend of the weather-normalised series (a wide or long file with TEMP, PRES, DEWP, RAIN, WSPM and wd; see 'air normalize').")
    var normalized = false

    @Option(parsing: .unconditional, help: "Bootstrap replicates for the interval (at least 10).")
    var replicates: Int = 1000

    @OptionGroup var seed: SeedOption

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    @OptionGroup var progressOption: ProgressOption

    @OptionGroup var report: ReportOption

    func validate() throws {
        guard data.pollutant != nil else { throw ValidationError("--pollutant is required: name the pollutant(s) to analyse") }
        guard replicates >= 10 else { throw ValidationError("--replicates must be at least 10, got \(replicates)") }
        if normalized, data.city { throw ValidationError("--normalized works per station; leave out --city") }
    }

    func run() throws {
        let localization = try data.localize()
        var options = TrendAnalysis.Options(deseasonalization: deseason, replicates: replicates, seed: seed.seed)
        options.test = test
        var results: [TrendAnalysis.Result] = []
        let reporter = progressOption.reporter("air trend", unit: "series")
        do {
            if normalized {
                let pollutants = try data.pollutants() ?? []
                for pollutant in pollutants {
                    let stage = pollutants.count > 1 ? pollutant.name : nil
                    for result in try WeatherNormalization.run(contentsOf: data.file, pollutant: pollutant) {
                        results.append(try TrendAnalysis.analyze(
                            key: result.key, pollutant: pollutant, unit: result.unit,
                            monthly: result.normalizedMonthly(rules: localization.options.capture), options: options))
                        reporter?.update(results.count, of: nil, detail: stage)
                    }
                }
            } else {
                let records = data.records(localization)
                for record in records {
                    results.append(try TrendAnalysis.analyze(
                        key: record.key, pollutant: record.pollutant, unit: record.unit, monthly: record.monthly, options: options))
                    reporter?.update(results.count, of: records.count)
                }
            }
            reporter?.finish("\(results.count) series")
        } catch let error as AirQualityError {
            reporter?.finish()
            if case .recordTooShortToDeseasonalize(let series, let months) = error {
                printError("\(series): STL deseasonalisation needs more than 24 months from the first to the last valid "
                    + "month, the record has \(months); use --deseason none")
            } else {
                printError(error.description)
            }
            throw ExitCode(1)
        }
        try format.print(table: { TrendAnalysis.table(results) }, json: { TrendAnalysis.Document(results) })
        if let path = report.report {
            let settings = data.reportSettings + [("weather-normalised", normalized ? "yes (see 'air normalize')" : "no")]
            try writeReport(HTMLReport(trend: results, options: options, settings: settings,
                                       inputs: RunDirectory.manifest(command: [], inputs: [data.file], seed: seed.seed, draws: 0).inputs),
                            to: path)
        }
    }
}

extension TrendAnalysis.Deseasonalization: ExpressibleByArgument {}
extension TrendAnalysis.Test: ExpressibleByArgument {}
