import Forecasting
import LinearAlgebra
import Statistics

extension ForecastRun {
    /// The label of a key column summed over in an aggregate's key (`station=total`).
    public static let totalLabel = "total"

    /// Forecasts a hierarchy and reconciles the forecasts: the panel's series are the bottom of a
    /// hierarchy given by key columns, bottom up (`["station", "city"]`: stations within cities;
    /// `["district", "city", "region"]`); every level above is their sum, with the columns below
    /// it set to ``totalLabel`` (`city=Beijing station=total`). The top level is the last column's
    /// values (each city), or with one column (`["station"]`) the total of all its series. Series that differ in other key columns (the pollutant)
    /// form separate hierarchies. Every series of every level is forecast by the configuration's
    /// model, and the forecasts of each hierarchy are reconciled (``Reconciliation``), so each
    /// aggregate's forecast is the sum of its parts'.
    ///
    /// The results list each hierarchy top down, aggregates first, then its bottom series in the
    /// panel's order. Intervals are normal and reconciled
    /// (``Reconciliation/reconcileWithIntervals(_:sigmas:hierarchy:method:residuals:levels:ridge:)``),
    /// with each base forecast's standard deviation estimated from its own intervals; top-down has
    /// none (its ``Configuration/levels`` are set to none). The residual-based methods use the
    /// periods where every series of the hierarchy has a residual. A hierarchy with a failed base forecast, or
    /// series on different dates, fails as a whole: each of its series carries the error.
    ///
    /// - Parameters:
    ///   - panel: The bottom series.
    ///   - configuration: The model, horizon, levels, filters and the other settings.
    ///   - hierarchy: Key columns, bottom up, each in every selected series' key.
    ///   - method: The reconciliation method.
    ///   - progress: Told as series finish, with the number of series of every level.
    /// - Throws: ``ForecastRunError/invalidConfiguration(_:)`` for an empty hierarchy or a column
    ///   that is not a key column of every series, or a repeated column; the errors of ``init(_:configuration:regressors:progress:)``.
    /// - Complexity: the fits of every series of every level, plus the reconciliation of each
    ///   hierarchy (O(n³ + n² T) for the MinT methods, n its series).
    public init(_ panel: SeriesPanel, configuration: Configuration, hierarchy: [String], method: Reconciliation.Method,
                progress: (any ProgressObserver)? = nil) async throws(ForecastRunError) {
        self = try await Self.reconciling(panel, configuration: configuration, hierarchy: hierarchy, method: method,
                                          source: nil, progress: progress)
    }

    static func reconciling(_ panel: SeriesPanel, configuration: Configuration, hierarchy: [String],
                            method: Reconciliation.Method, source: String?,
                            progress: (any ProgressObserver)?) async throws(ForecastRunError) -> ForecastRun {
        guard !hierarchy.isEmpty, Set(hierarchy).count == hierarchy.count else {
            throw .invalidConfiguration("a hierarchy names one or more distinct key columns, bottom up, e.g. station/city")
        }
        let selected = SeriesSelection.select(panel, filters: configuration.filters)
        guard !selected.isEmpty else { throw .noSeries(filters: SeriesSelection.key(configuration.filters), source: source) }
        for keyed in selected {
            for column in hierarchy where keyed.key[column] == nil {
                throw .invalidConfiguration("the hierarchy column '\(column)' is not a key column of series \(keyed.key); "
                    + "its key columns are \(keyed.key.columns.joined(separator: ", "))")
            }
        }
        // Hierarchies: the series that agree on every other key column, in order of first appearance.
        var groupOrder: [[String]] = [], groups: [[String]: [KeyedSeries]] = [:]
        for keyed in selected {
            let others = keyed.key.columns.filter { !hierarchy.contains($0) }.map { keyed.key[$0] ?? "" }
            if groups[others] == nil { groupOrder.append(others) }
            groups[others, default: []].append(keyed)
        }
        var structures: [(keys: [SeriesKey], hierarchy: Hierarchy?, problem: ForecastingError?)] = []
        var allSeries: [KeyedSeries] = []
        for others in groupOrder {
            let bottom = groups[others] ?? []
            let built = Self.structure(bottom, hierarchy: hierarchy)
            structures.append((built.series.map(\.key), built.hierarchy, built.problem))
            allSeries += built.series
        }
        var base = configuration
        // Top-down by forecast proportions has no fixed projection, so no normal intervals.
        if method == .topDownForecastProportions { base.levels = [] }
        base.filters = []
        let combined: SeriesPanel
        do {
            combined = try SeriesPanel(allSeries)
        } catch {
            throw .invalidConfiguration("the hierarchy's series could not be formed: \(error)")
        }
        let run = try await plain(combined, configuration: base, source: source, progress: progress)
        var results: [SeriesResult] = []
        for structure in structures {
            let members = structure.keys.compactMap { run[$0] }
            results += Self.reconciled(members, hierarchy: structure.hierarchy, problem: structure.problem, method: method,
                                       levels: base.levels)
        }
        return ForecastRun(configuration: base, results: results, source: source)
    }

    /// One hierarchy's series, top down (aggregates first, the bottom series last in their
    /// order), and its structure; or, when its series are not on the same dates, the bottom
    /// series alone with the problem.
    static func structure(_ bottom: [KeyedSeries], hierarchy columns: [String])
        -> (series: [KeyedSeries], hierarchy: Hierarchy?, problem: ForecastingError?) {
        // Unique: the hierarchy's columns and the group's other columns make up each series' key.
        let paths = bottom.map { keyed in columns.map { keyed.key[$0] ?? "" } }
        guard let first = bottom.first else { return ([], nil, nil) }
        for keyed in bottom.dropFirst() where keyed.series.dates != first.series.dates {
            return (bottom, nil, .invalidSpecification(
                "reconciliation needs every series of the hierarchy on the same dates; \(keyed.key) runs "
                    + "\(keyed.series.dates.first?.description ?? "-")…\(keyed.series.dates.last?.description ?? "-") and "
                    + "\(first.key) \(first.series.dates.first?.description ?? "-")…\(first.series.dates.last?.description ?? "-")"))
        }
        // Levels top down: level j keeps columns[j...] and sums over columns[..<j]; the top is the
        // last column (cities), or with one column the total of its series.
        var series: [KeyedSeries] = [], levels: [[Int]] = [], rows: [[Double]] = []
        let units = Set(bottom.map(\.unit))
        let unit = units.count == 1 ? units.first ?? nil : nil
        for j in stride(from: max(1, columns.count - 1), through: 1, by: -1) {
            var level: [Int] = [], order: [[String]] = [], members: [[String]: [Int]] = [:]
            for (b, path) in paths.enumerated() {
                let kept = Array(path[j...])
                if members[kept] == nil { order.append(kept) }
                members[kept, default: []].append(b)
            }
            for kept in order {
                let parts = members[kept] ?? []
                let values = (0..<first.series.count).map { t in parts.reduce(0.0) { $0 + bottom[$1].series.values[t] } }
                let key = SeriesKey(columns: first.key.columns, values: first.key.columns.map { column in
                    if let position = columns.firstIndex(of: column) {
                        return position < j ? Self.totalLabel : kept[position - j]
                    }
                    return first.key[column] ?? ""
                })
                level.append(series.count)
                rows.append((0..<bottom.count).map { parts.contains($0) ? 1 : 0 })
                series.append(KeyedSeries(key: key, unit: unit, series: TimeSeries(
                    start: first.series.start, frequency: first.series.frequency, values: values,
                    seasonLength: first.series.seasonLength)))
            }
            levels.append(level)
        }
        levels.append(Array(series.count..<(series.count + bottom.count)))
        for b in bottom.indices { rows.append((0..<bottom.count).map { $0 == b ? 1 : 0 }) }
        series += bottom
        do {
            return (series, try Hierarchy(summing: Matrix(rowMajor: rows), levels: levels), nil)
        } catch {
            return (bottom, nil, error)
        }
    }

    /// The reconciled results of one hierarchy's series (base results, top down), or each with
    /// the hierarchy's problem.
    static func reconciled(_ members: [SeriesResult], hierarchy: Hierarchy?, problem: ForecastingError?,
                           method: Reconciliation.Method, levels: [Double]) -> [SeriesResult] {
        func failed(_ error: ForecastingError) -> [SeriesResult] { members.map { $0.replacing(forecast: nil, error: error) } }
        if let problem { return failed(problem) }
        guard let hierarchy, members.count == hierarchy.count else { return failed(.numerical("the hierarchy was not formed")) }
        if let broken = members.first(where: { $0.forecast == nil }) {
            return failed(.invalidSpecification(
                "reconciliation needs every base forecast of the hierarchy; \(broken.key) failed: "
                    + (broken.error?.description ?? "no forecast")))
        }
        let forecasts = members.map { $0.forecast?.mean ?? [] }
        var residuals: [[Double]]? = nil
        if method.needsResiduals {
            let length = members.map(\.residuals.count).min() ?? 0
            let periods = (0..<length).filter { t in members.allSatisfy { $0.residuals[t].isFinite } }
            residuals = members.map { member in periods.map { member.residuals[$0] } }
        }
        do {
            guard !levels.isEmpty else {
                let reconciled = try Reconciliation.reconcile(forecasts, hierarchy: hierarchy, method: method, residuals: residuals)
                return zip(members, reconciled).map { member, mean in
                    guard let dated = member.forecast else { return member }
                    return member.replacing(
                        forecast: DatedForecast(datesMatching: dated.dates, forecast: Forecast(mean: mean)), error: nil,
                        reconciledBy: method)
                }
            }
            let sigmas = try members.map { (member) throws(ForecastingError) in try Self.standardDeviations(member, levels: levels) }
            let reconciled = try Reconciliation.reconcileWithIntervals(
                forecasts, sigmas: sigmas, hierarchy: hierarchy, method: method, residuals: residuals, levels: levels)
            return zip(members, reconciled).map { member, result in
                guard let dated = member.forecast else { return member }
                return member.replacing(forecast: DatedForecast(datesMatching: dated.dates, forecast: result.forecast), error: nil,
                                        reconciledBy: method)
            }
        } catch {
            return failed(error)
        }
    }
}

extension ForecastRun {
    /// A base forecast's standard deviation at each step, as hierarchicalforecast estimates it
    /// from intervals: the mean over `levels` of (upper − lower) / (2 z), z = Φ⁻¹(0.5 + L/200).
    static func standardDeviations(_ member: SeriesResult, levels: [Double]) throws(ForecastingError) -> [Double] {
        guard let forecast = member.forecast?.forecast else { throw .invalidSpecification("\(member.key) has no forecast") }
        var sums = [Double](repeating: 0, count: forecast.horizon)
        for level in levels {
            let bounds = try forecast.interval(level: level)
            let z = Normal.standard.quantile(0.5 + level / 200)
            for t in sums.indices { sums[t] += (bounds.upper[t] - bounds.lower[t]) / (2 * z) }
        }
        return sums.map { Swift.max($0 / Double(levels.count), 0) }
    }
}

extension ForecastRun.SeriesResult {
    /// This result with its forecast replaced (and the model's name marked with the reconciliation).
    func replacing(forecast: DatedForecast?, error: ForecastingError?, reconciledBy method: Reconciliation.Method? = nil)
        -> ForecastRun.SeriesResult {
        var summary = model
        if let method, summary != nil { summary?.name += " + \(method.rawValue)" }
        return ForecastRun.SeriesResult(
            key: key, unit: unit, model: forecast == nil && error != nil ? nil : summary, fallback: fallback,
            error: error, forecast: forecast, historyDates: historyDates, historyValues: historyValues,
            fittedValues: fittedValues, residuals: residuals, missingValues: missingValues)
    }
}
