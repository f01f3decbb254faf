import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast simulate`: series simulated from an ARIMA or ETS model with stated parameters.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write series simulated from an ARIMA or ETS model with stated parameters (long format).",
        discussion: """
            MODEL is arima(p,d,q), arima(p,d,q)(P,D,Q)[m] with optional +mean or +drift, or \
            ets(XYZ) with R's letters; --param states its parameters as NAME=VALUE pairs, \
            comma-separated (or --param repeated):

              ARIMA  ar1..arp, ma1..maq, sar1..sarP, sma1..smaQ (R's signs: \
            (1 - ar1 B)y = (1 + ma1 B)e), mean (or intercept) with +mean, drift with +drift, \
            all required; sigma, the innovations' standard deviation (default 1). The AR part \
            must be stationary. As R's arima.sim: a burn-in is discarded, and differencing is \
            undone from zeros, so an integrated series starts near 0 (plus the mean or drift).

              ETS    alpha, and beta (trend), gamma (season), phi (damped) where the model has \
            them, and sigma (for multiplicative errors a relative error, e.g. 0.05), all \
            required, in R's usual region 0 < alpha < 1, 0 < beta <= alpha, 0 < gamma <= \
            1 - alpha, 0 < phi <= 1; the initial state: level (default 100), slope (default 0, or \
            1 for a multiplicative trend), and the seasons of the first m periods s1..sm, or \
            amplitude A for A*sin(2*pi*j/m) (additive; default level/10) or 1 + A*sin(2*pi*j/m) \
            (multiplicative; default 0.1). m is --season-length (default: the frequency's).

            Output: CSV `series,date,value`, series named sim001.. (zero-padded), dates from \
            --start stepping by --frequency (default monthly from 2000-01), to standard output or \
            --output FILE (written whole or not at all; an existing file is replaced only with \
            --force, a folder never). Series i is drawn from stream i of \
            --seed, so the output depends only on the arguments, not on --threads, and the first \
            k series are the same for any --n >= k.

            Examples:
              urbancast simulate --model 'arima(1,0,1)+mean' \\
                  --param ar1=0.5,ma1=0.3,mean=10 --n 1000 --length 144 > arma.csv
              urbancast simulate --model 'arima(0,1,1)(0,1,1)[12]' \\
                  --param ma1=-0.4,sma1=-0.6,sigma=2 --n 100000 --length 144 \\
                  --output sim100k.csv
              urbancast simulate --model 'ets(MAM)' --n 10 --length 120 \\
                  --param alpha=0.3,beta=0.05,gamma=0.1,sigma=0.05,level=500,slope=2
            """
    )

    @Option(help: ArgumentHelp("The model (see above).", valueName: "MODEL"))
    var model: String

    @Option(
        name: .customLong("param"), parsing: .singleValue,
        help: ArgumentHelp("Parameters, comma-separated; repeatable.", valueName: "NAME=VALUE[,...]"))
    var parameterTexts: [String] = []

    @Option(name: .customLong("n"), parsing: .unconditional, help: ArgumentHelp("Number of series.", valueName: "N"))
    var count: Int

    @Option(parsing: .unconditional, help: ArgumentHelp("Observations per series.", valueName: "L"))
    var length: Int

    @OptionGroup var seed: SeedOption

    @Option(help: ArgumentHelp("Step between dates: \(Frequency.acceptedNames).", valueName: "FREQUENCY"))
    var frequency: String = "monthly"

    @Option(help: ArgumentHelp("The first date (default: the first period of 2000).", valueName: "DATE"))
    var start: String?

    @OptionGroup var season: SeasonLengthOption

    @Option(parsing: .unconditional, help: ArgumentHelp("Series generated at once (default: the number of cores).", valueName: "T"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var memory: MemoryLimitOption

    @OptionGroup var progressOption: ProgressOption

    @Flag(help: "Replace a file already at --output (never a folder).")
    var force = false

    /// The `--param` pairs by name.
    ///
    /// - Throws: `ValidationError` for an entry that is not NAME=NUMBER or a name given twice.
    func parameters() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for entry in parameterTexts.flatMap({ $0.split(separator: ",") }) {
            let parts = entry.split(separator: "=", maxSplits: 1)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard parts.count == 2, !name.isEmpty, let value = Double(parts[1].trimmingCharacters(in: .whitespaces))
            else {
                throw ValidationError("--param needs NAME=NUMBER pairs, e.g. ar1=0.5,sigma=2; got '\(entry)'")
            }
            guard result[name] == nil else { throw ValidationError("--param gives \(name) twice") }
            result[name] = value
        }
        return result
    }

    /// The request; every problem is a `ValidationError` naming the option.
    func request() throws -> SimulationRun.Request {
        guard let step = Frequency(frequency) else {
            throw ValidationError("--frequency must be one of \(Frequency.acceptedNames); got '\(frequency)'")
        }
        let first: SeriesDate
        do {
            first = try SeriesDate(parsing: start ?? "2000").advanced(by: 0, frequency: step)
        } catch {
            throw ValidationError("--start: \(error.description)")
        }
        guard count >= 1 else { throw ValidationError("--n must be at least 1, not \(count)") }
        guard length >= 1 else { throw ValidationError("--length must be at least 1, not \(length)") }
        // A block of series is simulated and formatted at once: 8 bytes a value and up to 40 of
        // text, plus each date's text once.
        try memory.check(Double(length) * (Double(SimulationRun.blockSize) * 48 + 64), for: "--length \(length)",
                         lower: "--length")
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, not \(threads)") }
        do {
            let specification = try ModelSpecification(parsing: model)
            let stated = try SimulationModel(
                specification, parameters: try parameters(),
                seasonLength: season.seasonLength ?? step.defaultSeasonLength)
            return SimulationRun.Request(
                model: stated, count: count, length: length, seed: seed.seed, start: first,
                frequency: step, threads: threads)
        } catch let error as ForecastingError {
            throw ValidationError(error.description)
        }
    }

    mutating func validate() throws {
        _ = try request()
    }

    func run() async throws {
        let run = try SimulationRun(try request())
        let reporter = progressOption.reporter("simulate", unit: "series")
        do {
            try await ResultWriter.stream(to: output, replacingExisting: force, replaceOption: "--force") { write in
                try await run.write(progress: reporter, to: write)
            }
            reporter?.finish("\(count) series of \(length) values")
        } catch is CancellationError {
            reporter?.finish()
            printError(cancellationMessage(command: "simulate", reason: "cancelled before every series was simulated"))
            throw ExitCode(1)
        } catch {
            reporter?.finish()
            throw error
        }
    }
}
