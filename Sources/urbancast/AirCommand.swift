import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast air`: air quality for city mitigation plans.
struct AirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "air",
        abstract: "Air quality: localise station data, compare with WHO 2021 levels and AQIs, and trends.",
        discussion: """
            Input is station monitoring data, in the long series format (a 'pollutant' key \
            column, 'value', optional 'unit', 'station', 'city') or wide (a 'date' column, \
            optional 'station'/'city', and one column per pollutant: PM2.5, PM10, NO2, SO2, O3, \
            CO). Hourly, sub-hourly and daily data are accepted.

            Examples:
              urbancast air standards Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --city
              urbancast air localize Datasets/beijing_12sites_daily_long.csv --period year --city
              urbancast air trend Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --city
            """,
        subcommands: [AirStandardsCommand.self, AirLocalizeCommand.self, AirTrendCommand.self, AirNormalizeCommand.self, AirSourcesCommand.self, AirMitigateCommand.self, AirNowCastCommand.self]
    )
}

/// The options shared by the `air` commands that read station data.
struct AirDataOptions: ParsableArguments {
    @Argument(help: "The station data file (long or wide CSV).")
    var file: String

    @Option(help: ArgumentHelp("Pollutants to keep, comma-separated (\(Pollutant.acceptedNames)).", valueName: "P,..."))
    var pollutant: String?

    @Option(help: ArgumentHelp("The unit of values whose file gives none (µg/m³, mg/m³, ppb, ppm).", valueName: "unit"))
    var unit: String = "µg/m³"

    @Flag(help: "Aggregate the stations of each city (the key without 'station') before the statistics.")
    var city = false

    @Option(help: ArgumentHelp(
        "Data capture needed for a valid day, month, year and city period, in (0, 1].", valueName: "fraction"))
    var capture: Double = 0.75

    @Flag(help: ArgumentHelp(
        "A valid year needs the --capture fraction of the days of each calendar quarter (US EPA 40 CFR 50 appendix N §4.1(b)), not of the whole year."))
    var quarterlyCapture = false

    @Option(help: ArgumentHelp(
        "A CSV file 'station,weight' of station weights (e.g. population) for --city; default the plain mean.",
        valueName: "file"))
    var weights: String?

    @Flag(help: "Keep negative readings in the statistics (they are flagged either way).")
    var keepNegative = false

    @OptionGroup(title: "Input format") var dialect: CSVDialectOption

    func validate() throws {
        _ = try pollutants()
        guard ConcentrationUnit(parsing: unit) != nil else {
            throw ValidationError("--unit: \(AirQualityError.unknownUnit(unit).description)")
        }
        guard capture > 0, capture <= 1 else { throw ValidationError("--capture must be in (0, 1], got \(capture)") }
        if weights != nil, !city { throw ValidationError("--weights needs --city") }
    }

    /// The pollutants of `--pollutant`, or `nil` for all.
    func pollutants() throws -> [Pollutant]? {
        guard let pollutant else { return nil }
        return try pollutant.split(separator: ",", omittingEmptySubsequences: false).map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let parsed = Pollutant(name: trimmed) else {
                throw ValidationError("--pollutant: \(AirQualityError.unknownPollutant(trimmed).description)")
            }
            return parsed
        }
    }

    /// Reads the file and localises it, printing any error and exiting with status 1.
    func localize() throws -> Localization {
        do {
            let rules = try DataCaptureRules(
                dayFraction: capture, monthFraction: capture, yearFraction: capture, stationFraction: capture,
                annualCoverage: quarterlyCapture ? .eachQuarter : .calendarYear)
            let checks = try QualityChecks(excludesNegativeValues: !keepNegative)
            let series = try AirQualityInput.read(
                contentsOf: file,
                options: .init(
                    defaultUnit: ConcentrationUnit(parsing: unit) ?? .microgramsPerCubicMetre, pollutants: try pollutants(),
                    format: dialect.format))
            let stationWeights = try weights.map { path throws(AirQualityError) in try StationWeights.read(contentsOf: path) }
            return try Localization(series, options: .init(capture: rules, checks: checks, weights: stationWeights))
        } catch let error as AirQualityError {
            printError(error.description)
            throw ExitCode(1)
        }
    }

    /// The file and the options that shape the records, as a report's settings.
    var reportSettings: [(name: String, value: String)] {
        [("file", file), ("pollutants", pollutant ?? "all in the file"), ("series", city ? "cities (--city)" : "stations"),
         ("unit of values without one", unit)]
            + (quarterlyCapture ? [("annual data capture", "each calendar quarter (appendix N)")] : [])
            + (weights.map { [("station weights", $0)] } ?? [])
    }

    /// The station or city records, as `--city` asks.
    func records(_ localization: Localization) -> [Localization.Record] {
        city ? localization.cities : localization.stations
    }
}

/// The `--standards DIR` option of the air commands that compare with the WHO levels and AQIs.
struct AirStandardsOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A folder of standards files laid out as Models/air-quality, in place of the built-in WHO 2021 and AQI tables.",
        valueName: "dir"))
    var standards: String?

    /// The WHO levels and indices: those of the folder ``airQualityModelsDirectory(_:)`` finds,
    /// else the built-in tables (the same as the repository's files).
    func load() throws(AirQualityError) -> AirQualityStandards {
        guard let directory = airQualityModelsDirectory(standards) else { return .builtIn }
        return try AirQualityStandards(directory: directory)
    }

    /// The WHO levels alone, found as ``load()`` finds them; a folder needs only the guideline file.
    func guidelines() throws(AirQualityError) -> WHOGuidelines {
        guard let directory = airQualityModelsDirectory(standards) else { return AirQualityStandards.builtIn.guidelines }
        return try WHOGuidelines(contentsOf: directory + "/" + AirQualityStandards.guidelinesFileName)
    }
}

/// Finds a standards folder: `--standards`, else `./Models/air-quality`, else the folder found by
/// walking up from the executable (a build inside the repository, or `PREFIX/bin/urbancast`
/// finding `PREFIX/share/urbancast/Models/air-quality` after `make install`), so that a table
/// edited there takes effect; `nil` when there is none, for the built-in tables.
func airQualityModelsDirectory(_ explicit: String?) -> String? {
    if let explicit { return explicit }
    let manager = FileManager.default
    let relative = "Models/air-quality"
    let marker = AirQualityStandards.guidelinesFileName
    if manager.fileExists(atPath: relative + "/" + marker) { return relative }
    let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
        for candidate in [folder.appendingPathComponent(relative), folder.appendingPathComponent("share/urbancast/" + relative)]
        where manager.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
            return candidate.path
        }
        folder = folder.deletingLastPathComponent()
    }
    return nil
}
