import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast forecast`: forecast every series of a long-format file.
struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast every series in a file with prediction intervals.",
        discussion: """
            MODEL is one of: auto (the default: the mean of auto-ets, auto-arima, dotm and dstm \
            for seasonal series, their median otherwise, with intervals from their pooled sample \
            paths; the most accurate choice on M3), auto-arima, auto-ets, arima(p,d,q), arima(p,d,q)(P,D,Q)[m] with \
            optional +drift or +mean, ets(XYZ) with R's letters (ets(MAdM), ets(ANN)), theta, \
            naive, snaive, drift, mean, stl-ets, combo(a,b,...). They follow R's forecast package \
            (auto.arima, ets, thetaf, naive, snaive, rwf, meanf, stlf). mstl[24,168] takes \
            several seasonal cycles (R's stlf on an msts); mstl alone the day and week of \
            hourly or half-hourly data, the week and year of daily data. tbats[24,168] is R's \
            tbats (Box-Cox, trend, trigonometric seasons, ARMA errors; periods may be fractional, \
            tbats[7,365.25]); tbats alone takes the same cycles, the year as 365.25 days. For intermittent demand: \
            croston, croston-sba, croston-opt, tsb[αd,αp], adida, imapa (statsforecast's), whose \
            intervals are conformal. conformal[W](MODEL) gives any model conformal intervals from \
            its errors at the last W rolling origins (default 5; conformal[W,error](MODEL) for \
            statsforecast's conformal_error method). The optimised theta models stm, otm, dstm, \
            dotm and auto-theta (the best of the four) follow statsforecast. Complex exponential \
            smoothing: auto-ces, or one form ces(n), ces(s), ces(p), ces(f) (statsforecast's AutoCES).

            Series are forecast in parallel and reported in file order. A series whose model \
            fails keeps its error on its row (JSON "error") and, with --fallback, is forecast by \
            the fallback model, which is named. --seed fixes simulated intervals, so the same \
            input and seed give identical output for any number of cores.

            Output: --format table (default), csv (key columns, date, model, mean, lo80, hi80, \
            lo95, hi95, then unit when the data has units) or json ({"series": [{"key", "model": \
            {"name", "parameters", "sigma2", "logLikelihood", "aic", "aicc", "bic"}, "forecast": \
            [{"date", "mean", "lower", "upper"}], "unit", "error"}]}). A failed series has no table \
            block or CSV rows; its error goes to standard error (the first 10, then a count by \
            reason) and stays in the JSON.

            \(standardInputHelp(example: "urbancast forecast - --model theta --horizon 12 > out.csv"))

            \(shardHelp) Combining the shards' CSV: the header once, then each series' rows in the \
            order its key first appears in FILE (the same for the JSON's "series" entries).

            Examples:
              urbancast forecast Datasets/nyc_water_long.csv --model auto-ets --horizon 10 \\
                  --where indicator=water_consumption
              urbancast forecast Datasets/beijing_12sites_daily_long.csv --model theta \\
                  --horizon 14 --where station=Dongsi --where pollutant=PM2.5 --format csv
              urbancast forecast history.csv --model auto-arima --horizon 12 \\
                  --xreg temperature --future temperature_next_year.csv
              urbancast forecast Datasets/nyc_water_long.csv --model auto-ets --horizon 10 \\
                  --report water.html
            """
    )

    @Argument(help: "The series file: long format, or wide (a date column and one column per series); - reads standard input.")
    var file: String

    @Option(help: ArgumentHelp("The model (see above).", valueName: "MODEL"))
    var model: String = "auto"

    @Option(parsing: .unconditional, help: "Steps ahead to forecast.")
    var horizon: Int

    @OptionGroup var level: LevelOption

    @OptionGroup var season: SeasonLengthOption

    @OptionGroup var filter: FilterOption

    @Option(help: ArgumentHelp("Box–Cox transform: auto (Guerrero) or a power λ.", valueName: "auto|LAMBDA"))
    var boxCox: String?

    @Flag(help: "With --box-cox, report bias-adjusted means instead of medians.")
    var biasAdjust = false

    @Option(help: ArgumentHelp("A model for series where MODEL fails.", valueName: "MODEL"))
    var fallback: String?

    @Option(help: ArgumentHelp("Regressor columns of FILE (regression with ARIMA errors; ARIMA models only).",
                               valueName: "COL,..."))
    var xreg: String?

    @Option(help: ArgumentHelp("File with the key columns, date and the --xreg columns over the horizon.",
                               valueName: "FILE"))
    var future: String?

    @Option(help: ArgumentHelp("Key columns of a hierarchy, bottom up (station/city; district/city/region): every "
        + "level above the file's series is their sum, and all forecasts are reconciled with normal intervals.",
        valueName: "COL/COL..."))
    var hierarchy: String?

    @Option(help: ArgumentHelp("Reconciliation with --hierarchy: bottom-up, top-down (forecast proportions), ols, "
        + "wls-struct, wls-var, mint-shrink (default) or mint-cov.", valueName: "METHOD"))
    var reconcile: String?

    @OptionGroup var missing: MissingValueOption

    @OptionGroup var seed: SeedOption

    @OptionGroup var memory: MemoryLimitOption

    @OptionGroup var inputLimits: InputLimitOption

    @OptionGroup(title: "Input format") var input: SeriesInputOption

    @OptionGroup var progressOption: ProgressOption

    @Flag(help: "Exit 0 when some series fail and the others are written (otherwise the exit status is 3).")
    var allowFailures = false

    @OptionGroup var format: PipedFormatOption

    @OptionGroup var report: ReportOption
    @OptionGroup var output: OutputFormatOptions

    @OptionGroup var shardOption: ShardOption

    mutating func validate() throws {
        let models: [ModelSpecification]
        do {
            models = [try ModelSpecification(parsing: model)] + (try fallback.map { [try ModelSpecification(parsing: $0)] } ?? [])
        } catch {
            throw ValidationError(String(describing: error))
        }
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1, not \(horizon)") }
        try memory.check(
            forecastMemory(horizon: horizon, levels: level.levels.count, simulates: simulatesPaths(models),
                           threads: ProcessInfo.processInfo.activeProcessorCount),
            for: "--horizon \(horizon)", lower: "--horizon")
        if let boxCox, boxCox != "auto", !(Double(boxCox)?.isFinite ?? false) {
            throw ValidationError("--box-cox takes auto or a finite number (λ, e.g. 0 for logarithms), not '\(boxCox)'")
        }
        if let hierarchy, hierarchyColumns(hierarchy).isEmpty {
            throw ValidationError("--hierarchy takes key columns separated by /, bottom up, e.g. station/city; not '\(hierarchy)'")
        }
        if let reconcile {
            guard hierarchy != nil else { throw ValidationError("--reconcile is only used with --hierarchy") }
            guard Reconciliation.Method(rawValue: reconcile) != nil else {
                throw ValidationError("--reconcile takes " + Reconciliation.Method.allCases.map(\.rawValue).joined(separator: ", ")
                    + "; not '\(reconcile)'")
            }
        }
        if hierarchy != nil && xreg != nil { throw ValidationError("--hierarchy cannot be combined with --xreg") }
        if hierarchy != nil, let shard = shardOption.shard, shard.count > 1 {
            throw ValidationError("--shard cannot split a run with --hierarchy: reconciling a hierarchy needs all of its series")
        }
        if xreg != nil && future == nil { throw ValidationError("--xreg needs --future FILE with the regressors' future values") }
        if future != nil && xreg == nil { throw ValidationError("--future is only used with --xreg") }
        if xreg != nil, let parsed = try? ModelSpecification(parsing: model) {
            switch parsed {
            case .autoARIMA, .arima: break
            default: throw ValidationError("--xreg needs an ARIMA model (auto-arima or arima(p,d,q)), not \(model)")
            }
        }
    }

    /// The run's error in the command's words: the options that supply what is missing.
    static func message(for error: ForecastRunError) -> String {
        switch error {
        case .missingFutureRegressors: "--xreg needs --future FILE with the regressors' future values"
        case .missingRegressors(let key): "--xreg: no regressor values for \(key.isEmpty ? "the series" : key.description)"
        default: error.description
        }
    }

    var regressorNames: [String] {
        xreg.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
    }

    func run() async throws {
        var request = try request()
        let input = try SeriesInputSource(file)
        (request.file, request.contents, request.configuration.shard) = (input.name, input.contents, shardOption.shard)
        let format = format.resolved(readingStandardInput: input.contents != nil)
        let run = try await progressOption.run(
            "forecast", unit: "series", summary: { "\($0.results.count) series" }, message: Self.message(for:)
        ) { reporter throws(ForecastRunError) in
            try await ForecastRun(request, progress: reporter)
        }
        if run.results.isEmpty, let shard = shardOption.shard { return shardOption.noteEmpty(shard, command: "forecast", file: input.name) }
        let layout = output.layout()
        // The table leaves failed series to standard error; with none forecast it would be empty.
        if format.value != .table || run.results.contains(where: \.hasForecast) {
            try format.print(table: { run.table(includingFailures: false) }, csv: { run.csv(layout) }, json: { run.document(layout) })
        }
        if let path = report.report {
            let inputs = RunDirectory.manifest(command: [], inputs: [input.name] + (future.map { [$0] } ?? []), seed: seed.seed, draws: 0).inputs
            try writeReport(HTMLReport(forecast: run, inputs: inputs), to: path)
        }
        let failures = run.results.filter { !$0.hasForecast }
        let reasons = failures.map { $0.error.map(MissingValueOption.message(for:)) ?? "failed" }
        let listed = listFailures(zip(failures, reasons).map { row, reason in
            "\(input.name): \(row.key.isEmpty ? "series" : row.key.description): \(reason)"
        })
        try summarizeFailures(command: "forecast", reasons: reasons, total: run.results.count,
                              unit: ("series", "series"), allowed: allowFailures, listed: listed)
    }

    /// The run's request from the options; a model that does not parse exits with status 2.
    func request() throws -> ForecastRun.Request {
        let specification: ModelSpecification
        let fallbackSpecification: ModelSpecification?
        do {
            specification = season.applied(to: try ModelSpecification(parsing: model))
            fallbackSpecification = try fallback.map { (text) throws(ForecastingError) in season.applied(to: try ModelSpecification(parsing: text)) }
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let boxCoxChoice: BoxCoxChoice? = boxCox.map { $0 == "auto" ? .guerrero : .fixed(Double($0) ?? 1) }
        var request = ForecastRun.Request(
            file: file, model: specification, horizon: horizon, levels: level.levels, seasonLength: season.seasonLength,
            filters: filter.filters, boxCox: boxCoxChoice, biasAdjusted: biasAdjust, fallback: fallbackSpecification,
            seed: seed.seed, regressors: regressorNames, futureFile: future)
        request.limits = inputLimits.limits
        request.frequency = input.parsedFrequency
        request.format = input.format
        request.configuration.missingValues = missing.policy
        if let hierarchy {
            request.hierarchy = hierarchyColumns(hierarchy)
            request.reconciliation = reconcile.flatMap(Reconciliation.Method.init(rawValue:)) ?? .mintShrink
        }
        return request
    }
}

/// The columns of `--hierarchy a/b/c`, or none when a part is empty or repeated.
func hierarchyColumns(_ text: String) -> [String] {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    return parts.contains("") || Set(parts).count != parts.count ? [] : parts
}
