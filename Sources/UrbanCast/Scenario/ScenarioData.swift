import Forecasting

/// What a scenario run reads besides its specification, as values: the annual history of the
/// drivers and indicators, and the series, tables and hours that a specification's file-bound
/// parts (path files, cross-section priors, hourly load) were read into.
///
/// A run never touches the file system. ``init(reading:)`` is the adapter that reads the files a
/// specification names (what `urbancast scenario run` uses); a caller that holds its data in
/// memory builds the history panel itself:
///
/// ```swift
/// let year = SeriesDate(year: 2018, precision: .year)
/// let data = try ScenarioData(history: SeriesPanel([
///     KeyedSeries(key: ["series": "population"], unit: "persons",
///                 series: TimeSeries(start: year, frequency: .yearly, values: [8_390_000, 8_340_000])),
/// ]))
/// ```
///
/// A driver's or indicator's `series` names the one series of ``history`` whose key has that value
/// in any key column (`["series": "population"]`, or `["city": "New York", "indicator": "population"]`);
/// it must be yearly. Its unit is the result's unit when the specification gives none.
public struct ScenarioData: Sendable {
    /// The annual history of the drivers and indicators.
    public var history: SeriesPanel
    /// The series of `path: {file, series}` projections, by the key path of the projection's
    /// owner (`drivers.population`, `scenarios.no_growth.measures[0]`).
    var pathSeries: [String: YearlySeries] = [:]
    /// The base year's hourly records of hourly-load indicators, by indicator name.
    var hourly: [String: HourlyData] = [:]
    /// The rows of cross-section priors, by indicator name.
    var crossSections: [String: CrossSectionRows] = [:]

    /// Data whose history is `history`.
    ///
    /// Specifications run on it take their driver paths from ``ScenarioSpecification/Projection/path(_:)``;
    /// path files, cross-section priors and hourly-load models read files and need ``init(reading:)``.
    ///
    /// - Parameter history: The annual history; each series a specification names must be found
    ///   by exactly one key value.
    public init(history: SeriesPanel) {
        self.history = history
    }

    /// Read the files a specification names: its history files, path files and cross-section
    /// priors, keeping only the series, rows and hours it uses.
    ///
    /// The history panel holds one series per name the specification uses, keyed
    /// `["series": NAME]`, with the unit of the long file's `unit` column.
    ///
    /// - Parameter specification: The specification; its paths are resolved already.
    /// - Throws: ``ScenarioError/data(_:)`` with `FILE:LINE:COLUMN: message` lines for a file that
    ///   cannot be read or is not valid; ``ScenarioError/spec(_:)`` for an invalid specification
    ///   (``ScenarioSpecification/validate()``) and naming the key path of every series that is missing, matched more than once, not yearly, short of the base year, or a
    ///   path that does not reach the horizon.
    /// - Complexity: O(size of the files).
    public init(reading specification: ScenarioSpecification) throws(ScenarioError) {
        try specification.validate()
        let inputs = try ScenarioInputs(specification)
        var panel: [KeyedSeries] = []
        var seen = Set<String>()
        func add(_ name: String?, _ series: YearlySeries?, unit: String?) {
            guard let name, let series, seen.insert(name).inserted else { return }
            panel.append(KeyedSeries(key: ["series": name], unit: unit,
                                     series: TimeSeries(start: SeriesDate(year: series.firstYear, precision: .year),
                                                        frequency: .yearly, values: series.values)))
        }
        for (d, driver) in specification.drivers.enumerated() {
            add(driver.series, inputs.driverHistory[d], unit: inputs.driverUnits[d])
        }
        for (i, indicator) in specification.indicators.enumerated() where inputs.hourly[i] == nil {
            add(indicator.series, inputs.indicatorHistory[i], unit: inputs.indicatorUnits[i])
        }
        do {
            history = try SeriesPanel(panel)
        } catch {
            throw .data(error.description)
        }
        pathSeries = inputs.pathSeries
        for (i, data) in inputs.hourly { hourly[specification.indicators[i].name] = data }
        for (i, rows) in inputs.crossSections { crossSections[specification.indicators[i].name] = rows }
    }
}

/// The rows of a cross-section prior's table that its filters keep.
struct CrossSectionRows: Sendable {
    var response: [Double]
    var size: [Double]
    /// The group of each row, when the prior has groups.
    var groups: [String]?
}

/// Where the series a specification names come from: its files (``ScenarioHistory``) or values
/// (``ScenarioData``). Both report problems the same way, by key path.
protocol ScenarioSeriesSource {
    /// The yearly series `name` and its unit.
    func series(_ name: String, specFile: String, path: String) throws(ScenarioError) -> (YearlySeries, unit: String?)
    /// The series of a `path: {file, series}` projection owned by `owner`.
    func pathSeries(_ name: String, in source: ScenarioSpecification.HistorySource, owner: String, specFile: String,
                    path: String) throws(ScenarioError) -> YearlySeries
    /// The base year's hours of an hourly-load indicator: its load and temperature columns.
    func hourly(_ names: [String], indicator: String, year: Int, specFile: String, path: String) throws(ScenarioError)
        -> (dates: [SeriesDate], columns: [[Double]])
    /// The rows of an indicator's cross-section prior.
    func crossSection(_ prior: ScenarioSpecification.CrossSectionPrior, indicator: String, specFile: String,
                      path: String) throws(ScenarioError) -> CrossSectionRows
}

extension ScenarioData: ScenarioSeriesSource {
    func series(_ name: String, specFile: String, path: String) throws(ScenarioError) -> (YearlySeries, unit: String?) {
        func fail(_ message: String) -> ScenarioError { .spec([SpecDiagnostic(file: specFile, path: path, message: message)]) }
        let matches = history.series.filter { $0.key.values.contains(name) }
        guard let keyed = matches.first else {
            throw fail("no series '\(name)' in the history (\(history.count) series; a series is found by a key value)")
        }
        guard matches.count == 1 else {
            let keys = matches.prefix(4).map { "'\($0.key.description)'" }.joined(separator: ", ")
            throw fail("'\(name)' matches \(matches.count) series in the history (\(keys)…); each name must match one series")
        }
        guard keyed.series.frequency == .yearly else {
            throw fail("'\(name)' is \(keyed.series.frequency); scenarios work on yearly series")
        }
        return (YearlySeries(firstYear: keyed.series.start.year, values: keyed.series.values), keyed.unit)
    }

    func pathSeries(_ name: String, in source: ScenarioSpecification.HistorySource, owner: String, specFile: String,
                    path: String) throws(ScenarioError) -> YearlySeries {
        guard let series = pathSeries[owner] else {
            throw .spec([SpecDiagnostic(file: specFile, path: path, message:
                "the path file \(source.path) was not read; give the path as year: value pairs, or read the files with ScenarioData(reading:)")])
        }
        return series
    }

    func hourly(_ names: [String], indicator: String, year: Int, specFile: String, path: String) throws(ScenarioError)
        -> (dates: [SeriesDate], columns: [[Double]]) {
        guard let data = hourly[indicator] else {
            throw .spec([SpecDiagnostic(file: specFile, path: path, message:
                "an hourly load model needs the base year's hourly records, which are read from a wide history file by ScenarioData(reading:)")])
        }
        return (data.dates, [data.load, data.temperature])
    }

    func crossSection(_ prior: ScenarioSpecification.CrossSectionPrior, indicator: String, specFile: String,
                      path: String) throws(ScenarioError) -> CrossSectionRows {
        guard let rows = crossSections[indicator] else {
            throw .spec([SpecDiagnostic(file: specFile, path: path, message:
                "the cross-section \(prior.source.path) was not read; read the files with ScenarioData(reading:)")])
        }
        return rows
    }
}
