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
        subcommands: [ScenarioCheckCommand.self, ScenarioRunCommand.self, ScenarioCompareCommand.self]
    )
}

/// `urbancast scenario check SPEC`.
struct ScenarioCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario specification and the data it names.",
        discussion: """
            Reports every problem as `SPEC: key.path: message` (or `FILE:LINE:COLUMN: message` \
            for the data) and exits 1; prints a one-line summary and exits 0 when all is well.

            Example:
              urbancast scenario check Models/scenarios/nyc_water.yaml
            """
    )

    @Argument(help: "The scenario specification (.yaml, .yml or .json).")
    var spec: String

    func run() async throws {
        do throws(ScenarioError) {
            let specification = try ScenarioSpecification(contentsOf: spec)
            try specification.checkData()
            print("\(spec): ok: \(specification.city), \(specification.drivers.count) drivers, "
                + "\(specification.indicators.count) indicators, \(specification.scenarios.count) scenarios "
                + "(\(specification.scenarios.map(\.name).joined(separator: ", "))), "
                + "\(specification.baseYear + 1)–\(specification.horizon)")
        } catch {
            printError(error.description)
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
            split) and DIR/manifest.json (which lists the files the run wrote). The files appear \
            together or not at all. An existing DIR is replaced only when it holds nothing but an \
            earlier run's own files; a folder holding anything else is refused (--force writes \
            into it, replacing only UrbanCast's own files).

            --report FILE.html also writes a self-contained HTML report (charts, inputs, models, \
            manifest) and puts DIR/results.json (what the charts are drawn from, for `urbancast \
            report`) and each chart as DIR/chart-NAME.svg in the folder.

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
            "scenario", unit: "draws", showsProgress: draws > 0, summary: { _ in "\(draws) draws" }
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
        do throws(ScenarioError) {
            print(try ScenarioComparison(directory: directory, baseline: baseline, years: chosen).table)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
