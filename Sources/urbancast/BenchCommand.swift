import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast bench`: speed, memory and hold-out accuracy of models on every series of a file.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark models: speed, peak memory and hold-out accuracy on every series of a file.",
        discussion: """
            Each series' last --horizon points are held out; every model is fitted on the rest \
            and forecasts --horizon steps with 80% and 95% intervals, one model after another over \
            the whole file: a one-window `urbancast backtest`, scored and averaged the same way. MODEL is as for `urbancast forecast`; give several separated by commas \
            (commas inside combo(...) belong to it).

            Per model: series fitted and failed; series per second (series attempted ÷ wall time \
            of fitting, file reading excluded); median and 95th-percentile (R's type 7) fit + \
            forecast milliseconds per series; peak resident memory during the model's pass (Linux: \
            VmHWM of /proc/self/status, reset before each model through /proc/self/clear_refs; \
            elsewhere getrusage's ru_maxrss, the process's lifetime peak); the mean over series of \
            MASE, sMAPE and RMSSE (scaled by the in-sample seasonal naive errors at lag m, as R's \
            accuracy and the M4/M5 competitions; sMAPE in percent, 0–200), of the coverage of the \
            80% and 95% intervals and of the mean Winkler score at 95% (per unit when the series' \
            units differ, as it is in the data's units); and the failures, counted per reason (a series of H points or fewer fails: nothing is left to \
            fit).

            The file is read as a stream, a block of whole series at a time, so memory stays flat \
            as the number of series grows; each series' rows must be together (sorted by key). \
            --threads fits that many series at once (default 1, the peers' single-thread setting); \
            every number but the timings and memory is the same for any --threads, and --seed fixes \
            simulated intervals. A model that fails on every series is still a row; the exit \
            status is 1 only for bad input. --where keeps the series whose key column has the \
            value (repeatable; all must hold).

            Output: --format table (default), csv or json ({"models": [{"model", "series", \
            "failed", "seriesPerSecond", "medianMilliseconds", "p95Milliseconds", \
            "peakMemoryBytes", "mase", "smape", "rmsse", "coverage80", "coverage95", "winkler95", \
            "fitSeconds", "peakMemorySource", "failures": [{"reason", "count", "firstSeries"}]}], \
            "machine": {"operatingSystem", "cpu", "logicalCores", "activeCores", "memoryBytes"}, \
            "threads", "horizon", "seasonLength", "seed", "file", "version"}). Rows come in the \
            order of --models.

            --report FILE.html also writes an HTML report with speed against accuracy per model; \
            --peers FILE.json adds the peers' results from Benchmarks/compare/compare.py.

            \(standardInputHelp(example: "urbancast bench - --models naive,theta --horizon 12 > bench.csv")) \
            Standard input is held whole, as every model reads the data once.

            \(shardHelp) A shard's rows benchmark its own series: series and failures add up over \
            the shards; the accuracy means combine weighted by each shard's series.

            Examples:
              urbancast simulate --model 'arima(0,1,1)(0,1,1)[12]' \\
                  --param ma1=-0.4,sma1=-0.6 --n 1000 --length 144 > sim.csv
              urbancast bench sim.csv --models auto-arima,auto-ets,snaive \\
                  --horizon 18 --format json
              urbancast bench Datasets/nyc_water_long.csv --models naive,theta \\
                  --horizon 3
              urbancast bench Datasets/beijing_12sites_daily_long.csv \\
                  --models snaive,theta --horizon 28 --where pollutant=PM2.5
            """
    )

    @Argument(help: "The series file: long format, or wide (a date column and one column per series); - reads standard input.")
    var file: String

    @Option(help: ArgumentHelp("Models, comma-separated (see above).", valueName: "MODEL[,MODEL...]"))
    var models: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Points held out at the end of each series and forecast.", valueName: "H"))
    var horizon: Int

    @Option(parsing: .unconditional, help: ArgumentHelp("Series fitted at once.", valueName: "T"))
    var threads: Int = 1

    @OptionGroup var season: SeasonLengthOption

    @OptionGroup var filter: FilterOption

    @OptionGroup var seed: SeedOption

    @OptionGroup var memory: MemoryLimitOption

    @OptionGroup var inputLimits: InputLimitOption

    @OptionGroup(title: "Input format") var input: SeriesInputOption

    @OptionGroup var progressOption: ProgressOption

    @OptionGroup var format: PipedFormatOption

    @OptionGroup var report: ReportOption

    @OptionGroup var shardOption: ShardOption

    @Option(help: ArgumentHelp("With --report, the peers' results to draw beside this run's (a compare_SET_DATE.json of "
                               + "Benchmarks/compare/compare.py).", valueName: "FILE.json"))
    var peers: String?

    func specifications() throws -> [ModelSpecification] {
        try parseModelList(models, option: "--models")
    }

    mutating func validate() throws {
        let parsed = try specifications()
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1, not \(horizon)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, not \(threads)") }
        if peers != nil && report.report == nil { throw ValidationError("--peers draws beside the run's own results in --report; add --report FILE.html") }
        try memory.check(forecastMemory(horizon: horizon, levels: 2, simulates: simulatesPaths(parsed), threads: threads),
                         for: "--horizon \(horizon)", lower: "--horizon")
    }

    func run() async throws {
        var request = BenchRun.Request(
            file: file, models: try specifications().map(season.applied(to:)), horizon: horizon, threads: threads,
            seasonLength: season.seasonLength, filters: filter.filters, seed: seed.seed)
        request.limits = inputLimits.limits
        request.frequency = input.parsedFrequency
        request.format = input.format
        let source = try SeriesInputSource(file)
        (request.file, request.contents, request.shard) = (source.name, source.contents, shardOption.shard)
        let format = format.resolved(readingStandardInput: source.contents != nil)
        let shard = shardOption.shard
        // A shard without series is not a failure: the other shards hold them.
        let run = try await progressOption.run(
            "bench", unit: "series", summary: { "\($0.models.count) model\($0.models.count == 1 ? "" : "s")" },
            message: { error in
                guard let shard, case .noSeries = error else { return error.description }
                return "bench: shard \(shard) holds none of the selected series of \(source.name); nothing was written"
            },
            exitCode: { error in
                if shard != nil, case .noSeries = error { return 0 }
                return usageOrRunFailure(error)
            }
        ) { reporter throws(BacktestRunError) in
            try await BenchRun(request, progress: reporter)
        }
        try format.print(table: { run.table }, csv: { run.csv }, json: { run.document })
        if let path = report.report {
            var peerResults: BenchPeerResults?
            if let peers {
                do {
                    peerResults = try BenchPeerResults(json: Data(contentsOf: URL(fileURLWithPath: peers)))
                } catch {
                    printError("--peers \(peers): not a results file of Benchmarks/compare/compare.py: \(error.localizedDescription)")
                    throw ExitCode(1)
                }
            }
            let inputs = RunDirectory.manifest(command: [], inputs: [source.name], seed: seed.seed, draws: 0).inputs
            try writeReport(HTMLReport(bench: run, peers: peerResults, inputs: inputs), to: path)
        }
    }
}
