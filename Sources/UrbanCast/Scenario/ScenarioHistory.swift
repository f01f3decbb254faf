import Forecasting

/// A yearly series by calendar year: the history of a driver or indicator, or a driver path.
public struct YearlySeries: Sendable, Equatable, Codable {
    /// The first year.
    public var firstYear: Int
    /// One value per year from `firstYear`, NaN where missing.
    public var values: [Double]

    /// A series of one value per year from `firstYear`.
    ///
    /// - Parameters:
    ///   - firstYear: The first year.
    ///   - values: One value per year, `NaN` where missing.
    public init(firstYear: Int, values: [Double]) {
        self.firstYear = firstYear
        self.values = values
    }

    /// The last year.
    public var lastYear: Int { firstYear + values.count - 1 }

    /// The value in `year`, or `nil` outside the series or where missing.
    public func value(in year: Int) -> Double? {
        let index = year - firstYear
        guard index >= 0, index < values.count, !values[index].isNaN else { return nil }
        return values[index]
    }

    /// The values for `years` (NaN outside the series or where missing).
    public func values(in years: ClosedRange<Int>) -> [Double] {
        years.map { value(in: $0) ?? .nan }
    }

    /// The observed part up to and including `year`, from the first observed year on.
    func history(through year: Int) -> YearlySeries? {
        guard let first = values.firstIndex(where: { !$0.isNaN }), firstYear + first <= year else { return nil }
        let start = firstYear + first
        return YearlySeries(firstYear: start, values: values(in: start...year))
    }
}

/// The history files of a specification, read once and searched by series name: the file
/// adapter in front of ``ScenarioData``.
struct ScenarioHistory: ScenarioSeriesSource {
    fileprivate enum Loaded {
        case long([KeyedSeries])
        /// A wide table and the rows its filters keep.
        case wide(WideTable, rows: [Int])
    }

    fileprivate var files: [(source: ScenarioSpecification.HistorySource, loaded: Loaded)] = []

    /// Read every history file.
    ///
    /// - Throws: ``ScenarioError/data(_:)`` with `FILE:LINE:COLUMN: message` lines.
    init(_ sources: [ScenarioSpecification.HistorySource]) throws(ScenarioError) {
        for source in sources { files.append((source, try Self.load(source))) }
    }

    private static func load(_ source: ScenarioSpecification.HistorySource) throws(ScenarioError) -> Loaded {
        do throws(DataError) {
            switch source.format {
            case .long:
                var series = try LongFormat.read(contentsOf: source.resolvedPath, options: .init(format: source.dialect))
                series = series.filter { keyed in source.filters.allSatisfy { keyed.key[$0.column] == $0.value } }
                return .long(series)
            case .wide:
                let column: WideTable.DateColumn = source.year != nil ? .none : source.dateColumn.map { .named($0) } ?? .automatic
                let table = try WideTable.read(contentsOf: source.resolvedPath, dateColumn: column, format: source.dialect)
                guard table.dates != nil || source.year != nil else {
                    throw .invalidData([DataDiagnostic(
                        file: source.resolvedPath, sheet: table.sheet, line: 1, column: 1,
                        message: "a wide history file needs a year or date column; name it with date_column: or give year:")])
                }
                var rows = Array(0..<table.rowCount)
                for filter in source.filters {
                    let text = try table.textColumn(named: filter.column)
                    rows = rows.filter { text[$0] == filter.value }
                }
                return .wide(table, rows: rows)
            }
        } catch {
            throw .data(error.description)
        }
    }

    /// The series named `name` in the first file that has it.
    ///
    /// - Throws: ``ScenarioError/spec(_:)`` naming `path` when no file has the series, when one file
    ///   has several matching series, or when it is not yearly.
    func series(_ name: String, specFile: String, path: String) throws(ScenarioError) -> (YearlySeries, unit: String?) {
        func fail(_ message: String) -> ScenarioError {
            .spec([SpecDiagnostic(file: specFile, path: path, message: message)])
        }
        for (source, loaded) in files {
            switch loaded {
            case .long(let all):
                let matches = all.filter { $0.key.values.contains(name) }
                if matches.isEmpty { continue }
                guard matches.count == 1 else {
                    let keys = matches.prefix(4).map { "'\($0.key.description)'" }.joined(separator: ", ")
                    throw fail("'\(name)' matches \(matches.count) series in \(source.path) (\(keys)…); add where: to the history file")
                }
                let series = matches[0].series
                guard series.frequency == .yearly else {
                    throw fail("'\(name)' in \(source.path) is \(series.frequency); scenarios work on yearly series")
                }
                return (YearlySeries(firstYear: series.start.year, values: series.values), matches[0].unit)
            case let .wide(table, rows):
                guard table.columnNames.contains(name) else { continue }
                let column: [Double]
                do { column = try table.column(named: name) } catch { throw .data(error.description) }
                let values = rows.map { column[$0] }
                if let year = source.year {
                    guard values.count == 1 else {
                        throw fail("'\(name)' in \(source.path): \(values.count) rows match where:; a record of year \(year) needs exactly one")
                    }
                    return (YearlySeries(firstYear: year, values: values), nil)
                }
                guard let dates = table.dates else { continue }
                return (try Self.yearly(dates: rows.map { dates[$0] }, values: values, name: name, file: source.path, fail: fail), nil)
            }
        }
        let files = self.files.map(\.source.path).joined(separator: ", ")
        let names = self.files.flatMap { _, loaded -> [String] in
            switch loaded {
            case .long(let all): return ScenarioData.seriesNames(all)
            case let .wide(table, _): return table.columnNames.filter { $0 != table.dateColumnName }
            }
        }
        throw fail("no series '\(name)' in \(files); " + ScenarioData.listing(names))
    }

    private static func yearly(dates: [SeriesDate], values: [Double], name: String, file: String,
                               fail: (String) -> ScenarioError) throws(ScenarioError) -> YearlySeries {
        var byYear: [Int: Double] = [:]
        for (date, value) in zip(dates, values) {
            guard date.precision == .year || (date.month == 1 && date.day == 1) else {
                throw fail("'\(name)' in \(file) has the date \(date); scenarios work on yearly rows")
            }
            if byYear[date.year] != nil { throw fail("'\(name)' in \(file) has the year \(date.year) twice") }
            byYear[date.year] = value
        }
        guard let first = byYear.keys.min(), let last = byYear.keys.max() else { throw fail("'\(name)' in \(file) has no rows") }
        return YearlySeries(firstYear: first, values: (first...last).map { byYear[$0] ?? .nan })
    }

    /// Hourly columns of the first wide file that has all of `names`, restricted to one year.
    ///
    /// - Throws: ``ScenarioError/spec(_:)`` naming `path` when no wide file with dates has the
    ///   columns or none of its rows fall in `year`; ``ScenarioError/data(_:)`` for non-numeric cells.
    func hourly(_ names: [String], indicator: String, year: Int, specFile: String, path: String) throws(ScenarioError)
        -> (dates: [SeriesDate], columns: [[Double]])
    {
        for (source, loaded) in files {
            guard case let .wide(table, rows) = loaded, let dates = table.dates,
                  names.allSatisfy(table.columnNames.contains) else { continue }
            let columns: [[Double]]
            do { columns = try table.columns(named: names) } catch { throw .data(error.description) }
            let kept = rows.filter { dates[$0].year == year }
            guard !kept.isEmpty else {
                throw .spec([SpecDiagnostic(file: specFile, path: path, message: "\(source.path) has no rows in base_year \(year)")])
            }
            return (kept.map { dates[$0] }, columns.map { column in kept.map { column[$0] } })
        }
        throw .spec([SpecDiagnostic(file: specFile, path: path,
                                    message: "no wide history file with dates has the columns \(names.joined(separator: ", "))")])
    }

    /// The series `name` of a path file, read on its own with the file's filters.
    func pathSeries(_ name: String, in source: ScenarioSpecification.HistorySource, owner: String, specFile: String,
                    path: String) throws(ScenarioError) -> YearlySeries {
        try ScenarioHistory([source]).series(name, specFile: specFile, path: path).0
    }

    /// The response, size and group columns of a cross-section prior's wide file, on the rows
    /// its filters keep.
    func crossSection(_ prior: ScenarioSpecification.CrossSectionPrior, indicator: String, specFile: String,
                      path: String) throws(ScenarioError) -> ScenarioData.CrossSection {
        do throws(DataError) {
            let table = try WideTable.read(contentsOf: prior.source.resolvedPath, dateColumn: .none)
            var rows = Array(0..<table.rowCount)
            for filter in prior.source.filters {
                let text = try table.textColumn(named: filter.column)
                rows = rows.filter { text[$0] == filter.value }
            }
            let columns = try table.columns(named: [prior.response, prior.size])
            let groups = try prior.groups.map { (column) throws(DataError) in try table.textColumn(named: column) }
            return ScenarioData.CrossSection(response: rows.map { columns[0][$0] }, size: rows.map { columns[1][$0] },
                                    groups: groups.map { g in rows.map { g[$0] } })
        } catch {
            throw .data(error.description)
        }
    }
}

extension ScenarioHistory {
    /// The file name messages of ``ScenarioStarter`` give before a specification exists.
    static let starterFile = "scenario init"

    /// The keys of the long-format series named `names`, in order; empty for a wide file.
    func keys(of names: [String]) -> [SeriesKey] {
        names.compactMap { name in
            for (_, loaded) in files {
                if case .long(let all) = loaded, let match = all.first(where: { $0.key.values.contains(name) }) {
                    return match.key
                }
            }
            return nil
        }
    }
}
