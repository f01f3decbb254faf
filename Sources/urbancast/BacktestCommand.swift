import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast backtest`: rolling-origin evaluation of one or more models on a long-format file.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score models by rolling-origin backtests (time-series cross-validation).",
        discussion: """
            Each series is cut at K forecast origins: the last window's forecast ends at the last \
            observation and origins step back by --step. At every origin the model is refitted on \
            the observations before it (all of them, or the last --window-length with a sliding \
            window) and forecasts --horizon steps, as R's tsCV; with --no-refit it is fitted at \
            the first origin only and later windows run it with its parameters held. MODEL is as for `urbancast \
            forecast`; give several separated by commas (commas inside combo(...) belong to it).

            Scores of each series, over its windows and steps: ME, RMSE, MAE, MPE, MAPE, sMAPE, \
            MASE and RMSSE (scaled on each window's training data with the seasonal lag, as R's \
            accuracy), interval coverage and Winkler score per level, pinball loss at the bounds' \
            quantiles, and Gaussian CRPS with sigma from the widest interval. A model's scores are \
            the mean over series of each series' scores; scores in the data's units (ME, RMSE, \
            MAE, Winkler, pinball, CRPS) are given per unit when the series' units differ. \
            A window whose model fails is counted as failed, with its reason, and left out of the \
            scores. --seed fixes simulated intervals; the output does not depend on the number of \
            cores.

            Output: --format table (default), csv or json ({"models": [{"model", "series", \
            "windows", "failed", "me", "rmse", "mae", "mpe", "mape", "smape", "mase", "rmsse", \
            "coverage": {"80", "95"}, "winkler": {...}, "pinball": {...}, "crps", "failures", \
            "skipped", "aggregation", "byUnit"}], "perSeries": [...]}); --per-series adds one row \
            per series and model. --report FILE.html also writes a self-contained HTML report: \
            the scores, accuracy by horizon per model and forecast against actual window by window.

            \(standardInputHelp(example: "urbancast backtest - --model naive,theta --horizon 3 --windows 4 > scores.csv"))

            \(shardHelp) A shard's model rows are means over its own series; its --per-series rows \
            are one run's: combined (the header once, then per model each series' row in the order \
            its key first appears in FILE) they equal the single run's per-series rows, and a \
            model's score over every series is the mean of those rows.

            Examples:
              urbancast backtest Datasets/nyc_water_long.csv --model naive,drift,theta \\
                  --horizon 5 --windows 10 --where indicator=water_consumption
              urbancast backtest Datasets/beijing_12sites_daily_long.csv \\
                  --model 'snaive,combo(snaive,mean)' --horizon 7 --windows 8 \\
                  --step 7 --window-length 365 --where station=Dongsi \\
                  --where pollutant=PM2.5 --format json
            """
    )

    @Argument(help: "The series file: long format, or wide (a date column and one column per series); - reads standard input.")
    var file: String

    @Option(help: ArgumentHelp("Models, comma-separated (see above); auto by default.", valueName: "MODEL[,MODEL...]"))
    var model: String = "auto"

    @Option(parsing: .unconditional, help: "Steps ahead forecast from every origin.")
    var horizon: Int

    @Option(parsing: .unconditional, help: "Number of forecast origins.")
    var windows: Int

    @Option(parsing: .unconditional, help: "Observations between consecutive origins.")
    var step: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Train on the last L observations before each origin (a sliding window) "
        + "instead of all of them.", valueName: "L"))
    var windowLength: Int?

    @OptionGroup var level: LevelOption

    @OptionGroup var season: SeasonLengthOption

    @OptionGroup var filter: FilterOption

    @Flag(name: .customLong("no-refit"),
          help: ArgumentHelp("Fit each model at the first origin only and run it, parameters held, through every later window "
                             + "(ARIMA, ETS, naive and seasonal naive; automatic models keep the first origin's choice)."))
    var noRefit = false

    @Flag(help: "Also report every series and model.")
    var perSeries = false

    @OptionGroup var missing: MissingValueOption

    @OptionGroup var seed: SeedOption

    @OptionGroup var memory: MemoryLimitOption

    @OptionGroup var inputLimits: InputLimitOption

    @OptionGroup(title: "Input format") var input: SeriesInputOption

    @OptionGroup var progressOption: ProgressOption

    @Flag(help: "Exit 0 when some windows fail and the others are scored (otherwise the exit status is 3).")
    var allowFailures = false

    @OptionGroup var format: PipedFormatOption

    @OptionGroup var report: ReportOption

    @OptionGroup var shardOption: ShardOption

    /// The model list split at top-level commas, so `naive,combo(theta,drift)` is two models.
    func specifications() throws -> [ModelSpecification] {
        try parseModelList(model, option: "--model")
    }

    var backtestConfiguration: Backtest.Configuration {
        Backtest.Configuration(horizon: horizon, windows: windows, step: step,
                               trainingWindow: windowLength.map { .sliding(length: $0) } ?? .expanding, levels: level.levels,
                               refit: !noRefit)
    }

    mutating func validate() throws {
        let models = try specifications()
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1, not \(horizon)") }
        try memory.check(
            forecastMemory(horizon: horizon, levels: level.levels.count, simulates: simulatesPaths(models),
                           threads: ProcessInfo.processInfo.activeProcessorCount),
            for: "--horizon \(horizon)", lower: "--horizon")
        guard windows >= 1 else { throw ValidationError("--windows must be at least 1, not \(windows)") }
        guard step >= 1 else { throw ValidationError("--step must be at least 1, not \(step)") }
        if let windowLength, windowLength < 1 { throw ValidationError("--window-length must be at least 1, not \(windowLength)") }
    }

    func run() async throws {
        var request = try request()
        let input = try SeriesInputSource(file)
        (request.file, request.contents, request.configuration.shard) = (input.name, input.contents, shardOption.shard)
        let format = format.resolved(readingStandardInput: input.contents != nil)
        let run = try await progressOption.run(
            "backtest", unit: "windows", summary: { "\($0.perSeries.count) series-model pairs" },
            exitCode: usageOrRunFailure
        ) { reporter throws(BacktestRunError) in
            try await BacktestRun(request, progress: reporter)
        }
        if run.perSeries.isEmpty, let shard = shardOption.shard { return shardOption.noteEmpty(shard, command: "backtest", file: input.name) }
        // Nothing could be scored: say why on standard error and write no output.
        let nothingScored = run.models.allSatisfy { $0.scores.observations == 0 }
        if !nothingScored {
            try format.print(table: { run.table(perSeries: perSeries) }, csv: { run.csv(perSeries: perSeries) },
                             json: { run.document(perSeries: perSeries) })
        }
        var failureLines: [String] = []
        for result in run.perSeries {
            let title = "\(input.name): \(result.key.isEmpty ? "series" : result.key.description)"
            if let error = result.error { failureLines.append("\(title): \(MissingValueOption.message(for: error))") }
            if nothingScored, let backtest = result.backtest {
                var reasons: [String] = []
                for (_, error) in backtest.failures where !reasons.contains(MissingValueOption.message(for: error)) {
                    reasons.append(MissingValueOption.message(for: error))
                }
                failureLines.append("\(title): \(result.model): every window failed: " + reasons.joined(separator: "; "))
            }
        }
        let listed = listFailures(failureLines)
        if let path = report.report {
            let inputs = RunDirectory.manifest(command: [], inputs: [input.name], seed: seed.seed, draws: 0).inputs
            try writeReport(HTMLReport(backtest: run, inputs: inputs), to: path)
        }
        if nothingScored { throw ExitCode(1) }
        var reasons: [String] = []
        var windows = 0
        for result in run.perSeries {
            if let error = result.error {
                reasons.append(MissingValueOption.message(for: error))
                windows += 1
            } else if let backtest = result.backtest {
                windows += backtest.windows.count
                reasons += backtest.failures.map { MissingValueOption.message(for: $0.1) }
            }
        }
        try summarizeFailures(command: "backtest", reasons: reasons, total: max(windows, reasons.count),
                              unit: ("window", "windows"), allowed: allowFailures,
                              listed: reasons.count == failureLines.count ? listed : 0)
    }

    /// The run's request from the options; a model list that does not parse exits with status 2.
    func request() throws -> BacktestRun.Request {
        let models: [ModelSpecification]
        do {
            models = try specifications().map(season.applied(to:))
        } catch {
            printError(String(describing: error))
            throw ExitCode(2)
        }
        var request = BacktestRun.Request(file: file, models: models, configuration: backtestConfiguration,
                                          seasonLength: season.seasonLength, filters: filter.filters, seed: seed.seed)
        request.limits = inputLimits.limits
        request.frequency = input.parsedFrequency
        request.format = input.format
        request.configuration.missingValues = missing.policy
        return request
    }
}

