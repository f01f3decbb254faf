import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast scenario`: resource-use scenarios from a specification file.
struct ScenarioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Check, run and compare resource-use scenarios (business as usual against alternatives).",
        discussion: """
            A scenario specification (YAML or JSON; schema in Models/scenarios/README.md) names \
            the city's history files, the drivers (population, GDP per capita, …) and how they \
            are projected, the indicators (water, energy, waste, …) and their models, the \
            scenarios with their measures, targets and unit costs.

            Examples:
              urbancast scenario check Models/scenarios/nyc_water.yaml
              urbancast scenario run Models/scenarios/nyc_water.yaml --draws 2000 --seed 7 --out runs/nyc
              urbancast scenario compare runs/nyc --years 2030,2050
            """,
        subcommands: [ScenarioInitCommand.self, ScenarioCheckCommand.self, ScenarioRunCommand.self, ScenarioCompareCommand.self]
    )
}

/// `urbancast scenario init DATA --driver D --indicator I`.
struct ScenarioInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario specification for a city's own data.",
        discussion: """
            Reads two yearly series from DATA (a long file, or --layout wide for one column per \
            series), takes the last year with both as the base year, and writes a specification: \
            the driver growing at its recent rate, the indicator as driver × intensity with an \
            automatic ETS model, business as usual and an example efficiency scenario. Comments \
            show the history found and the base-year intensity in readable units. The \
            specification is checked (data read, every model fitted) before it is written.

            Example:
              urbancast scenario init Datasets/nyc_water_long.csv --driver population \
                --indicator water_consumption --out nyc.yaml
            """
    )

    @Argument(help: "The history file (CSV).")
    var data: String

    @Option(help: ArgumentHelp("The driver's series (e.g. population).", valueName: "NAME"))
    var driver: String

    @Option(help: ArgumentHelp("The indicator's series (e.g. electricity).", valueName: "NAME"))
    var indicator: String

    @Option(help: ArgumentHelp("The file's layout: long (key columns, date, value) or wide (a year column and one column per series).",
                               valueName: "LAYOUT"))
    var layout: ScenarioSpecification.HistorySource.Format = .long

    @Option(help: ArgumentHelp("For --layout wide, the year or date column (default: date, ds or datetime).", valueName: "COLUMN"))
    var dateColumn: String?

    @OptionGroup var filter: FilterOption

    @OptionGroup(title: "Input format") var dialect: CSVDialectOption

    @Option(help: ArgumentHelp("The city's name (default: a key value the two series share).", valueName: "NAME"))
    var city: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The last projected year (default 2050).", valueName: "YEAR"))
    var horizon: Int?

    @Option(help: ArgumentHelp("Write the specification to FILE instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(help: "Replace an existing --out file.")
    var force = false

    func run() async throws {
        // The specification names the data relative to its own folder.
        let folder = out.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? FileManager.default.currentDirectoryPath
        let written = relativePath(from: folder, to: data)
        let source = ScenarioSpecification.HistorySource(
            path: written, resolvedPath: data, format: layout, dateColumn: dateColumn,
            filters: filter.filters.map { ScenarioSpecification.Filter(column: $0.column, value: $0.value) },
            dialect: dialect.format)
        let starter: ScenarioStarter
        do throws(ScenarioError) {
            starter = try ScenarioStarter(history: source, driver: driver, indicator: indicator, city: city, horizon: horizon)
            let specification = try ScenarioSpecification(text: starter.text, file: out ?? "the starter specification", folder: folder)
            _ = try await ScenarioRun(specification, options: ScenarioRun.Options(draws: 2, seed: 1, threads: 1))
        } catch {
            printError(error.description.replacingOccurrences(of: "scenario init: driver:", with: "--driver:")
                .replacingOccurrences(of: "scenario init: indicator:", with: "--indicator:")
                .replacingOccurrences(of: "the starter specification: horizon:", with: "--horizon:"))
            throw ExitCode(1)
        }
        try await ResultWriter.stream(to: out, replacingExisting: force, replaceOption: "--force") { write in
            try write(Array(starter.text.utf8))
        }
        if let out { printError("\(out): starter specification written; next: urbancast scenario check \(out)") }
    }

    /// `target` relative to `folder` when both are in one tree, else `target` made absolute.
    private func relativePath(from folder: String, to target: String) -> String {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        let path = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        let common = zip(base, path).prefix { $0 == $1 }.count
        guard common > 1 else { return URL(fileURLWithPath: target).standardizedFileURL.path }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + path[common...]).joined(separator: "/")
    }
}

extension ScenarioSpecification.HistorySource.Format: ExpressibleByArgument {}

/// `urbancast scenario check SPEC`.
struct ScenarioCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario specification, the data it names and the fit of every model.",
        discussion: """
            Reads the data, fits and hindcasts every model and takes two draws, as `scenario run` \
            would, writing nothing. Reports every problem as `SPEC: key.path: message` (or \
            `FILE:LINE:COLUMN: message` for the data) and exits 1; prints a one-line summary and \
            exits 0 when all is well.

            Example:
              urbancast scenario check Models/scenarios/nyc_water.yaml
            """
    )

    @Argument(help: "The scenario specification (.yaml, .yml or .json).")
    var spec: String

    func run() async throws {
        do throws(ScenarioError) {
            let specification = try ScenarioSpecification(contentsOf: spec)
            // Everything `run` does but the bulk of the draws: read the data, fit and hindcast every
            // model, and take two draws (threads 1), so that a specification `check` accepts
            // does not then fail in `run` for a data, fit or sampling reason.
            _ = try await ScenarioRun(specification, options: ScenarioRun.Options(draws: 2, seed: 1, threads: 1))
            print("\(spec): ok: \(specification.city), \(specification.drivers.count) drivers, "
                + "\(specification.indicators.count) indicators, \(specification.scenarios.count) scenarios "
                + "(\(specification.scenarios.map(\.name).joined(separator: ", "))), "
                + "\(specification.baseYear + 1)–\(specification.horizon)")
        } catch {
            printError(withSpecKeys(error.description))
            throw ExitCode(1)
        }
    }
}

/// `urbancast scenario run SPEC --out DIR`.
struct ScenarioRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fit, hindcast and simulate every scenario; write the results to a directory.",
        discussion: """
            Writes DIR/forecast.csv (scenario, indicator, year, mean, median, lo80, hi80, lo95, \
            hi95, unit), DIR/decomposition.csv (LMDI population, affluence and intensity effects \
            of the change from the base year), DIR/savings.csv (against bau, in units and money), \
            DIR/summary.json (model fits, hindcast MAPE/MASE, target probabilities, variance \
            split) and DIR/manifest.json (which lists the files the run wrote); a specification \
            with sectors: also gets DIR/sector_decomposition.csv (activity, structure and \
            intensity effects of each sector total); a specification with infrastructure: also \
            gets DIR/infrastructure.csv (exceedance probability, capacity needed and the \
            least-cost plan's capacity per facility and year). The files appear \
            together or not at all. An existing DIR is replaced only when it holds nothing but an \
            earlier run's own files; a folder holding anything else is refused (--force writes \
            into it, replacing only UrbanCast's own files).

            --report FILE.html also writes a self-contained HTML report (charts, inputs, models, \
            manifest) and puts DIR/results.json (what the charts are drawn from, for `urbancast \
            report`) and each chart as DIR/chart-NAME.svg in the folder.

            A specification with emissions:, air_quality: and health: also gets DIR/air.csv \
            (per scenario and year: tonnes of each pollutant, the concentration, deaths avoided \
            against bau and attributable, each with mean and 95% interval over the draws).

            --draws 0 gives the deterministic central path. The same inputs and --seed give \
            identical files for any --threads.

            Example:
              urbancast scenario run Models/scenarios/nyc_water.yaml --draws 2000 --seed 7 --out runs/nyc
            """
    )

    @Argument(help: "The scenario specification (.yaml, .yml or .json).")
    var spec: String

    @Option(parsing: .unconditional, help: "Monte Carlo draws (0: the central path only).")
    var draws: Int = 1000

    @OptionGroup var seed: SeedOption

    @Option(parsing: .unconditional, help: "Concurrent tasks (the results do not depend on it).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("The output directory (created, or replaced if it holds only an earlier run).", valueName: "DIR"))
    var out: String

    @OptionGroup var memory: MemoryLimitOption

    @OptionGroup var progressOption: ProgressOption

    @Flag(help: "Write into a --out folder that also holds other files, replacing only earlier runs' own files.")
    var force = false

    @OptionGroup var report: ReportOption

    func validate() throws {
        guard draws >= 0, draws <= 10_000_000 else { throw ValidationError("--draws must be between 0 and 10000000, got \(draws)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard !out.isEmpty else { throw ValidationError("--out needs a directory") }
    }

    func run() async throws {
        let (specification, run) = try await progressOption.run(
            "scenario", unit: "draws", showsProgress: draws > 0, summary: { _ in "\(draws) draws" },
            message: { withSpecKeys($0.description) }
        ) { reporter throws(ScenarioError) in
            let specification = try ScenarioSpecification(contentsOf: spec)
            try checkDrawMemory(specification)
            let run = try await ScenarioRun(
                specification, options: ScenarioRun.Options(draws: draws, seed: seed.seed, threads: threads),
                progress: reporter)
            return (specification, run)
        }
        let manifest = RunDirectory.manifest(
            command: CommandLine.arguments, inputs: [spec] + specification.inputFiles, seed: seed.seed, draws: draws)
        let summary = try JSONValueEncoder().document(run.summary)
        var files: [(name: String, contents: String)] = [
            ("forecast.csv", run.forecastCSV), ("decomposition.csv", run.decompositionCSV),
            ("savings.csv", run.savingsCSV), ("summary.json", summary + "\n"),
        ]
        if !specification.sectorTotals.isEmpty { files.append(("sector_decomposition.csv", run.sectorDecompositionCSV)) }
        if !specification.infrastructure.isEmpty { files.append(("infrastructure.csv", run.infrastructureCSV)) }
        if let air = run.air { files.append(("air.csv", air.csv)) }
        var separateReport: HTMLReport?
        if let path = report.report {
            let data = ScenarioReportData(run)
            let html = HTMLReport(scenario: data, summary: run.summary, manifest: manifest)
            files += [(ScenarioReportData.fileName, try data.json())]
            files += html.charts.map { ("chart-\($0.id).svg", $0.svg) }
            // A report inside the run folder is one of the run's own files, so re-running replaces it.
            let url = URL(fileURLWithPath: path).standardizedFileURL
            if url.deletingLastPathComponent() == URL(fileURLWithPath: out, isDirectory: true).standardizedFileURL {
                guard !files.contains(where: { $0.name == url.lastPathComponent }) else {
                    printError("--report \(path): \(url.lastPathComponent) is a file the run writes; choose another name")
                    throw ExitCode(2)
                }
                files.append((url.lastPathComponent, html.html()))
            } else {
                separateReport = html
            }
        }
        do throws(OutputError) {
            try RunDirectory.write(files, manifest: manifest, to: out, replacingOwnFiles: force)
        } catch {
            printError(outputMessage(error, replaceOption: "--force"))
            throw ExitCode(1)
        }
        if let separateReport, let path = report.report { try writeReport(separateReport, to: path) }
        print("\(out): \(specification.scenarios.count) scenarios × \(specification.indicators.count) indicators × "
            + "\(run.years.count) years, \(draws) draws")
        if let path = report.report { print("report: \(path)") }
    }

    /// Refuse draws whose memory (``ScenarioRun/estimatedMemory(_:draws:threads:)``) would exceed
    /// the limit.
    func checkDrawMemory(_ specification: ScenarioSpecification) throws(ScenarioError) {
        let needed = ScenarioRun.estimatedMemory(specification, draws: draws, threads: threads)
        let cells = ScenarioRun.cellCount(specification)
        if let message = memory.refusal(needed, for: "--draws \(draws) of \(cells) scenario-indicator-years", lower: "--draws") {
            throw .data(message)
        }
    }
}

/// `urbancast scenario compare DIR`.
struct ScenarioCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Print scenarios side by side from a run directory: values, savings, target verdicts.",
        discussion: """
            --report FILE.html also writes a self-contained HTML report: the table, each scenario \
            in the chosen years, the cumulative savings and, when DIR holds results.json (a run \
            written with --report), every scenario's path with its 95% band.

            Example:
              urbancast scenario compare runs/nyc --baseline bau --years 2030,2040,2050
            """
    )

    @Argument(help: "A directory written by `urbancast scenario run`.")
    var directory: String

    @Option(help: "The scenario savings are measured against.")
    var baseline: String = "bau"

    @Option(help: ArgumentHelp("Years to show, comma-separated (default: every tenth year and the last).", valueName: "2030,2050"))
    var years: String?

    @OptionGroup var report: ReportOption

    func run() async throws {
        var chosen: [Int]?
        if let years {
            let parts = years.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
                printError("--years needs comma-separated years, e.g. 2030,2050; got '\(years)'")
                throw ExitCode(2)
            }
            chosen = parts.compactMap { $0 }
        }
        let comparison: ScenarioComparison
        do throws(ScenarioError) {
            comparison = try ScenarioComparison(directory: directory, baseline: baseline, years: chosen)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        print(comparison.table)
        if let path = report.report {
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(ScenarioReportData.fileName).path)
                .flatMap { try? ScenarioReportData(json: $0) }
            let manifest = FileManager.default.contents(atPath: folder.appendingPathComponent(RunDirectory.manifestName).path)
                .flatMap { try? JSONDecoder().decode(RunDirectory.Manifest.self, from: $0) }
            try writeReport(HTMLReport(comparison: comparison, data: data, manifest: manifest), to: path)
        }
    }
}
