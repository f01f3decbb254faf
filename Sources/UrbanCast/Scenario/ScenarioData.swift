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
    public var paths: [String: YearlySeries] = [:]
    /// The base year's hourly records of hourly-load indicators, by indicator name.
    public var hourly: [String: HourlyRecords] = [:]
    /// The rows of cross-section priors, by indicator name.
    public var crossSections: [String: CrossSection] = [:]

    /// The hourly records of an hourly-load indicator: its load and the temperature, hour by
    /// hour. Only the hours of the specification's base year are used.
    public struct HourlyRecords: Sendable {
        /// The hour of each record.
        public var dates: [SeriesDate]
        /// The load in each hour, in the indicator's unit.
        public var load: [Double]
        /// The temperature in each hour, °C.
        public var temperature: [Double]

        /// Creates hourly records; the three arrays have one entry per hour.
        ///
        /// - Parameters:
        ///   - dates: The hour of each record.
        ///   - load: The load in each hour.
        ///   - temperature: The temperature in each hour, °C.
        public init(dates: [SeriesDate], load: [Double], temperature: [Double]) {
            self.dates = dates
            self.load = load
            self.temperature = temperature
        }
    }

    /// The rows of a cross-section prior's table (other cities' responses and sizes) that its
    /// filters keep.
    public struct CrossSection: Sendable {
        /// The response of each row (the prior's `response` column).
        public var response: [Double]
        /// The size of each row (the prior's `size` column).
        public var size: [Double]
        /// The group of each row, when the prior has groups.
        public var groups: [String]?

        /// Creates the rows of a cross-section; the arrays have one entry per row.
        ///
        /// - Parameters:
        ///   - response: The response of each row.
        ///   - size: The size of each row.
        ///   - groups: The group of each row, or `nil`.
        public init(response: [Double], size: [Double], groups: [String]? = nil) {
            self.response = response
            self.size = size
            self.groups = groups
        }
    }

    /// Data whose history is `history`, with the values of a specification's file-bound parts.
    ///
    /// Specifications run on it take their driver paths from ``ScenarioSpecification/Projection/path(_:)``
    /// or from `paths`, hourly-load models from `hourly` and cross-section priors from
    /// `crossSections`; ``init(reading:)`` fills all four from the files a specification names.
    ///
    /// - Parameters:
    ///   - history: The annual history; each series a specification names must be found by
    ///     exactly one key value.
    ///   - paths: The series of path-file projections by the key path of their owner
    ///     (`drivers.population`, `scenarios.no_growth.measures[0]`).
    ///   - hourly: The hourly records of hourly-load indicators, by indicator name.
    ///   - crossSections: The rows of cross-section priors, by indicator name.
    public init(history: SeriesPanel, paths: [String: YearlySeries] = [:], hourly: [String: HourlyRecords] = [:],
                crossSections: [String: CrossSection] = [:]) {
        self.history = history
        self.paths = paths
        self.hourly = hourly
        self.crossSections = crossSections
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
            add(driver.series, inputs.observedDriverHistory[d], unit: inputs.driverUnits[d])
        }
        for (i, indicator) in specification.indicators.enumerated() where inputs.hourly[i] == nil {
            add(indicator.series, inputs.observedIndicatorHistory[i], unit: inputs.indicatorUnits[i])
        }
        do {
            history = try SeriesPanel(panel)
        } catch {
            throw .data(error.description)
        }
        paths = inputs.pathSeries
        for (i, data) in inputs.hourly { hourly[specification.indicators[i].name] = data }
        for (i, rows) in inputs.crossSections { crossSections[specification.indicators[i].name] = rows }
    }
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
                      path: String) throws(ScenarioError) -> ScenarioData.CrossSection
}

extension ScenarioData {
    /// The names a specification can use for `series`: the values of the key column that tells
    /// the series apart (the last such column, as `city,indicator` files name the indicator last),
    /// or else each key value that picks out exactly one series, in the order the series come.
    ///
    /// - Complexity: O(series × key columns).
    static func seriesNames(_ series: [KeyedSeries]) -> [String] {
        let columns = series.first?.key.columns ?? []
        let identifying = columns.indices.filter { c in
            Set(series.map { $0.key.values.indices.contains(c) ? $0.key.values[c] : "" }).count == series.count
        }
        if let c = identifying.last {
            return series.compactMap { $0.key.values.indices.contains(c) ? $0.key.values[c] : nil }
        }
        var count: [String: Int] = [:]
        for keyed in series { for value in Set(keyed.key.values) { count[value, default: 0] += 1 } }
        var seen = Set<String>()
        return series.flatMap { $0.key.values.filter { count[$0] == 1 && seen.insert($0).inserted } }
    }

    /// `the series are: a, b, c` (at most 20, then how many more), or that there are none.
    static func listing(_ names: [String]) -> String {
        guard !names.isEmpty else { return "the history has no series that one key value names" }
        let shown = names.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
        return "the series are: " + shown + (names.count > 20 ? " and \(names.count - 20) more" : "")
    }
}

extension ScenarioData: ScenarioSeriesSource {
    func series(_ name: String, specFile: String, path: String) throws(ScenarioError) -> (YearlySeries, unit: String?) {
        func fail(_ message: String) -> ScenarioError { .spec([SpecDiagnostic(file: specFile, path: path, message: message)]) }
        let matches = history.series.filter { $0.key.values.contains(name) }
        guard let keyed = matches.first else {
            throw fail("no series '\(name)' in the history (a series is found by a key value); "
                + Self.listing(Self.seriesNames(history.series)))
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
        guard let series = paths[owner] else {
            throw .spec([SpecDiagnostic(file: specFile, path: path, message:
                "the path file \(source.path) was not read; give the path as year: value pairs, give the series in the data's paths['\(owner)'], or read the files with ScenarioData(reading:)")])
        }
        return series
    }

    func hourly(_ names: [String], indicator: String, year: Int, specFile: String, path: String) throws(ScenarioError)
        -> (dates: [SeriesDate], columns: [[Double]]) {
        func fail(_ message: String) -> ScenarioError { .spec([SpecDiagnostic(file: specFile, path: path, message: message)]) }
        guard let data = hourly[indicator] else {
            throw fail("an hourly load model needs the base year's hourly records: give them in the data's hourly['\(indicator)'], or read them from a wide history file with ScenarioData(reading:)")
        }
        guard data.load.count == data.dates.count, data.temperature.count == data.dates.count else {
            throw fail("the hourly records of '\(indicator)' have \(data.dates.count) dates, \(data.load.count) loads and \(data.temperature.count) temperatures; give one of each per hour")
        }
        let kept = data.dates.indices.filter { data.dates[$0].year == year }
        guard !kept.isEmpty else { throw fail("the hourly records of '\(indicator)' have no hours in base_year \(year)") }
        return (kept.map { data.dates[$0] }, [kept.map { data.load[$0] }, kept.map { data.temperature[$0] }])
    }

    func crossSection(_ prior: ScenarioSpecification.CrossSectionPrior, indicator: String, specFile: String,
                      path: String) throws(ScenarioError) -> CrossSection {
        guard let rows = crossSections[indicator] else {
            throw .spec([SpecDiagnostic(file: specFile, path: path, message:
                "the cross-section \(prior.source.path) was not read; give its rows in the data's crossSections['\(indicator)'], or read the files with ScenarioData(reading:)")])
        }
        guard rows.size.count == rows.response.count, (rows.groups?.count ?? rows.response.count) == rows.response.count else {
            throw .spec([SpecDiagnostic(file: specFile, path: path, message:
                "the cross-section of '\(indicator)' has \(rows.response.count) responses, \(rows.size.count) sizes and \(rows.groups?.count ?? 0) groups; give one of each per row")])
        }
        return rows
    }
}
