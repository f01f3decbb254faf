import Forecasting
import Foundation
import Statistics

/// A scenario run, as `urbancast scenario run` performs it: read the history, fit every model,
/// hindcast it, carry driver, parameter and innovation uncertainty through by Monte Carlo, and
/// summarise per scenario, indicator and year.
///
/// With `draws = 0` the run is the deterministic central path: every model at its point forecast,
/// every driver at its central projection; there `value = population × intensity` holds exactly
/// for intensity models and every band equals the central value.
///
/// Randomness: draw `d` uses `SeededGenerator(seed:).split(stream: d)`: a fixed number of normals
/// per driver and indicator, then the future sample paths of the fitted time-series models
/// (``FuturePathSimulator``), the same in every scenario (common random numbers), so the output
/// does not depend on the number of threads and savings are paired draw by draw.
public struct ScenarioRun: Sendable {
    /// How to run.
    public struct Options: Sendable {
        /// Monte Carlo draws (0: the central path only).
        public var draws: Int
        /// Seed of the random streams.
        public var seed: UInt64
        /// Concurrent tasks for the draws (results do not depend on it).
        public var threads: Int

        /// Options with 1,000 draws, seed 1 and 2 threads by default.
        ///
        /// - Parameters:
        ///   - draws: Monte Carlo draws, ≥ 0.
        ///   - seed: The seed.
        ///   - threads: Concurrent tasks, ≥ 1.
        public init(draws: Int = 1000, seed: UInt64 = 1, threads: Int = 2) {
            self.draws = draws
            self.seed = seed
            self.threads = threads
        }
    }

    /// The distribution of one quantity in one year: mean and type-7 quantiles over the draws.
    /// Read through ``IndicatorProjection``'s mean, median and intervals.
    struct Band: Sendable, Equatable {
        /// The mean over the draws (the central value when there are none).
        var mean: Double
        /// The median.
        var median: Double
        /// The 10% and 90% quantiles.
        var lower80: Double, upper80: Double
        /// The 2.5% and 97.5% quantiles.
        var lower95: Double, upper95: Double

        /// Every field equal to `value` (the central path).
        init(constant value: Double) {
            mean = value
            median = value
            lower80 = value
            upper80 = value
            lower95 = value
            upper95 = value
        }

        init(draws: ArraySlice<Double>) {
            // Sorting here (specialised for Double) leaves Descriptive a linear pass over a sorted run.
            var sorted = Array(draws)
            sorted.sort()
            let q = (try? Descriptive.quantiles(sorted, probabilities: [0.5, 0.1, 0.9, 0.025, 0.975])) ?? Array(repeating: .nan, count: 5)
            mean = (try? Descriptive.mean(draws)) ?? .nan
            median = q[0]
            lower80 = q[1]
            upper80 = q[2]
            lower95 = q[3]
            upper95 = q[4]
        }
    }

    /// How far a model is to be trusted on this city: refit without the last years and compare.
    public struct Hindcast: Sendable {
        /// `drivers.NAME` or `indicators.NAME`.
        public var name: String
        /// The held-out years.
        public var years: ClosedRange<Int>
        /// Mean absolute percentage error over the held-out years (percent).
        public var mape: Double?
        /// Mean absolute scaled error (scale: in-sample naive one-step errors).
        public var mase: Double?
        /// Why the hindcast could not be computed, if it could not.
        public var error: String?
        /// The observed values in the held-out ``years``, when the hindcast was computed.
        public var observed: [Double]?
        /// The model's projection over the held-out years, fitted on the years before them;
        /// `nil` when the hindcast could not be computed.
        public var projected: [Double]?
    }

    /// One target's outcome in one scenario.
    public struct TargetOutcome: Sendable {
        /// The target.
        public var target: ScenarioSpecification.Target
        /// The scenario.
        public var scenario: String
        /// The central-path value in the target year.
        public var central: Double
        /// Whether the central path meets it.
        public var metOnCentralPath: Bool
        /// The share of draws that meet it; NaN without draws (the central path alone gives no
        /// probability: see ``metOnCentralPath``).
        public var probability: Double
        /// The share of draws meeting the target's bound in each projected year (``years``), so
        /// a planner sees when it becomes likely; `nil` without draws. The target year's entry is
        /// ``probability``.
        public var probabilityByYear: [Double]? = nil
    }

    /// The specification.
    public let specification: ScenarioSpecification
    /// The options.
    public let options: Options
    /// The projected years.
    public let years: [Int]
    /// The central path: `[scenario][indicator][year]`.
    let central: [[[Double]]]
    /// The central intensity of intensity models (`nil` for the others): `[scenario][indicator]`.
    let centralIntensity: [[[Double]?]]
    /// The central driver paths: `[scenario][driver][year]`.
    let centralDrivers: [[[Double]]]
    /// The bands: `[scenario][indicator][year]` (constant on the central path).
    let bands: [[[Band]]]
    /// 95% band of the paired savings `bau − scenario` per draw: `[scenario][indicator][year]`.
    let savingsBands: [[[(lower: Double, upper: Double)]]]
    /// The variance over the draws split by source: `[scenario][indicator][year]`: total,
    /// with only driver uncertainty, with only model uncertainty.
    let varianceSplit: [[[(total: Double, drivers: Double, model: Double)]]]
    /// The fit of each driver, in specification order.
    public let driverFits: [ModelFit]
    /// The fit of each indicator, in specification order.
    public let indicatorFits: [ModelFit]
    /// The hindcasts.
    public let hindcasts: [Hindcast]
    /// The target outcomes, per target and scenario.
    public let targets: [TargetOutcome]
    /// Every facility of the specification's `infrastructure:` in every scenario, scenarios in
    /// specification order (``InfrastructureOutcome``); empty without facilities.
    public let infrastructure: [InfrastructureOutcome]
    /// Emissions, concentration and deaths, when the specification links its indicators to air
    /// quality (``ScenarioSpecification/airLink``); `nil` otherwise.
    public let air: AirLinkRun?
    /// The observed base-year values of each indicator and driver (for the decomposition).
    let baseIndicator: [Double?]
    let baseDriver: [Double?]
    /// The observed history of each indicator, in specification order.
    let indicatorHistory: [YearlySeries]
    /// Each indicator's and driver's unit: the specification's, else its history series'.
    let indicatorUnits: [String?]
    let driverUnits: [String?]

    /// Read the files a specification names (``ScenarioData/init(reading:)``), then run it on them.
    ///
    /// - Parameters:
    ///   - specification: The specification, as read from a file or built in Swift.
    ///   - options: Draws, seed and threads.
    ///   - progress: Told as chunks of draws finish, with the number of draws.
    /// - Throws: ``ScenarioError/data(_:)`` for unreadable history, ``ScenarioError/spec(_:)`` for
    ///   an invalid specification or a series that is missing or does not reach the base year,
    ///   ``ScenarioError/model(_:)`` for a model that cannot be fitted,
    ///   ``ScenarioError/cancelled`` when the calling task is cancelled before the draws are done.
    /// - Complexity: O(size of the files), then as ``init(_:data:options:progress:)``.
    public init(_ specification: ScenarioSpecification, options: Options = Options(),
                progress: (any ProgressObserver)? = nil) async throws(ScenarioError) {
        try await self.init(specification, data: try ScenarioData(reading: specification), options: options, progress: progress)
    }

    /// Run a specification on an in-memory annual history.
    ///
    /// - Parameters:
    ///   - specification: The specification; its drivers' and indicators' `series` name series of `history`.
    ///   - history: The annual history (``ScenarioData/init(history:paths:hourly:crossSections:)``).
    ///   - options: Draws, seed and threads.
    ///   - progress: Told as chunks of draws finish, with the number of draws.
    /// - Throws: As ``init(_:data:options:progress:)``.
    /// - Complexity: As ``init(_:data:options:progress:)``.
    public init(_ specification: ScenarioSpecification, history: SeriesPanel, options: Options = Options(),
                progress: (any ProgressObserver)? = nil) async throws(ScenarioError) {
        try await self.init(specification, data: ScenarioData(history: history), options: options, progress: progress)
    }

    /// Run a specification on data in memory; the run reads no file.
    ///
    /// - Parameters:
    ///   - specification: The specification, as read from a file or built in Swift; it is
    ///     checked first (``ScenarioSpecification/validate()``).
    ///   - data: The history and the other inputs the specification names.
    ///   - options: Draws (≥ 0), seed and threads.
    ///   - progress: Told as chunks of draws finish, with the number of draws.
    /// - Throws: ``ScenarioError/spec(_:)`` for an invalid specification, a series that is
    ///   missing from `data` or does not reach the base year; ``ScenarioError/invalidOptions(_:)``
    ///   for negative draws; ``ScenarioError/model(_:)`` for a model that cannot be fitted;
    ///   ``ScenarioError/cancelled`` when the calling task is cancelled before the draws and their
    ///   summaries are done.
    /// - Complexity: O(draws × scenarios × (drivers + indicators) × years), plus the model fits,
    ///   spread over `threads` tasks.
    public init(_ specification: ScenarioSpecification, data: ScenarioData, options: Options = Options(),
                progress: (any ProgressObserver)? = nil) async throws(ScenarioError) {
        try specification.validate()
        guard options.draws >= 0 else {
            throw .invalidOptions("draws must be 0 or more, got \(options.draws)")
        }
        self.specification = specification
        self.options = options
        let spec = specification
        let inputs = try ScenarioInputs(spec, source: data)
        let years = spec.projectionYears
        let n = years.count
        self.years = years
        indicatorUnits = zip(spec.indicators, inputs.indicatorUnits).map { $0.unit ?? $1 }
        driverUnits = zip(spec.drivers, inputs.driverUnits).map { $0.unit ?? $1 }
        baseIndicator = inputs.indicatorHistory.map { $0.value(in: spec.baseYear) }
        indicatorHistory = inputs.indicatorHistory
        baseDriver = inputs.driverHistory.map { $0?.value(in: spec.baseYear) }

        // Drivers per scenario: business as usual, or the scenario's replacement.
        let fitting = ScenarioModelFitting(specification: spec, driverHistory: inputs.driverHistory,
                                           indicatorHistory: inputs.indicatorHistory, hourly: inputs.hourly,
                                           crossSections: inputs.crossSections)
        var driverFits: [ModelFit] = []
        var bauDrivers: [PreparedProjection] = []
        for (d, driver) in spec.drivers.enumerated() {
            let (prepared, fit) = try fitting.prepareDriver(d, projection: driver.projection, through: spec.baseYear, count: n,
                                                            pathPoints: inputs.pathPoints["drivers.\(driver.name)"])
            bauDrivers.append(prepared)
            driverFits.append(fit.named(driver.name, unit: driver.unit, missingValues: inputs.driverTreatments[d]))
        }
        var scenarioDrivers: [[PreparedProjection]] = []
        var scenarioMeasures: [[[ScenarioSpecification.MeasureAction]]] = []
        for scenario in spec.scenarios {
            var drivers = bauDrivers
            var measures = [[ScenarioSpecification.MeasureAction]](repeating: [], count: spec.indicators.count)
            for (k, measure) in scenario.measures.enumerated() {
                switch measure {
                case let .driver(name, projection):
                    guard let d = spec.drivers.firstIndex(where: { $0.name == name }) else { continue }
                    let key = "scenarios.\(scenario.name).measures[\(k)]"
                    drivers[d] = try fitting.prepareDriver(d, projection: projection, through: spec.baseYear, count: n,
                                                           pathPoints: inputs.pathPoints[key]).0
                case let .indicator(name, action):
                    guard let i = spec.indicators.firstIndex(where: { $0.name == name }) else { continue }
                    measures[i].append(action)
                }
            }
            scenarioDrivers.append(drivers)
            scenarioMeasures.append(measures)
        }
        let centralBauDrivers = bauDrivers.map { $0.values(count: n, normals: [], path: nil, noisy: false) }
        var indicators: [PreparedIndicator] = []
        var indicatorFits: [ModelFit] = []
        for (i, indicator) in spec.indicators.enumerated() {
            let (prepared, fit) = try fitting.prepareIndicator(i, through: spec.baseYear, futureDrivers: centralBauDrivers)
            indicators.append(prepared)
            indicatorFits.append(fit.named(indicator.name, unit: indicator.unit, missingValues: inputs.indicatorTreatments[i]))
        }
        self.driverFits = driverFits
        self.indicatorFits = indicatorFits

        let engine = DrawEngine(years: years, scenarioDrivers: scenarioDrivers, indicators: indicators,
                                measures: scenarioMeasures)
        let centralResult = try engine.evaluate(normals: [], paths: .none, mode: .none)
        let centralValues = centralResult.values
        central = centralValues
        centralIntensity = centralResult.intensities
        centralDrivers = centralResult.drivers

        let scenarioCount = spec.scenarios.count
        let indicatorCount = spec.indicators.count
        if options.draws == 0 {
            bands = centralValues.map { $0.map { $0.map(Band.init(constant:)) } }
            savingsBands = (0..<scenarioCount).map { s in
                (0..<indicatorCount).map { i in (0..<n).map { h in
                    let saving = centralValues[0][i][h] - centralValues[s][i][h]
                    return (saving, saving)
                } }
            }
            varianceSplit = centralValues.map { $0.map { $0.map { _ in (0, 0, 0) } } }
        } else {
            let draws = try await engine.simulate(draws: options.draws, seed: options.seed, threads: max(1, options.threads),
                                                  progress: progress)
            guard let summaries = await Self.summarize(draws, count: options.draws, scenarios: scenarioCount,
                                                       indicators: indicatorCount, years: n, threads: max(1, options.threads))
            else { throw .cancelled }
            bands = summaries.map { $0.map { $0.map(\.band) } }
            savingsBands = summaries.map { $0.map { $0.map(\.savings) } }
            varianceSplit = summaries.map { $0.map { $0.map(\.split) } }
            let column = { (s: Int, i: Int, h: Int) in draws.cell(((s * indicatorCount) + i) * n + h, count: options.draws) }
            // Targets need the draws; computed here while they are at hand.
            targets = Self.targetOutcomes(spec, years: years, central: centralResult.values, draws: column)
            infrastructure = Self.infrastructureOutcomes(spec, years: years, central: centralValues, units: zip(spec.indicators, inputs.indicatorUnits).map { $0.unit ?? $1 }, draws: column)
            let observedBase = baseIndicator
            air = try spec.airLink.map { link throws(ScenarioError) in
                try AirLinkRun(link: link, specification: spec, years: years, central: centralValues, base: observedBase,
                               draws: column, count: options.draws, seed: options.seed)
            }
            hindcasts = Self.hindcasts(spec, fitting: fitting)
            return
        }
        targets = Self.targetOutcomes(spec, years: years, central: centralResult.values, draws: nil)
        infrastructure = Self.infrastructureOutcomes(spec, years: years, central: centralValues, units: zip(spec.indicators, inputs.indicatorUnits).map { $0.unit ?? $1 }, draws: nil)
        let observedBase = baseIndicator
        air = try spec.airLink.map { link throws(ScenarioError) in
            try AirLinkRun(link: link, specification: spec, years: years, central: centralValues, base: observedBase,
                           draws: nil, count: 0, seed: options.seed)
        }
        hindcasts = Self.hindcasts(spec, fitting: fitting)
    }

    /// One cell's summary over the draws.
    struct CellSummary: Sendable {
        var band: Band
        var savings: (lower: Double, upper: Double)
        var split: (total: Double, drivers: Double, model: Double)
    }

    /// Bands, paired-savings quantiles and the variance split of every cell, one task per
    /// (scenario, indicator); each cell's numbers depend only on its own draws. `nil` when the
    /// calling task is cancelled first.
    private static func summarize(_ draws: DrawEngine.Draws, count: Int, scenarios: Int, indicators: Int, years n: Int,
                                  threads: Int) async -> [[[CellSummary]]]? {
        let pairs = scenarios * indicators
        var out = [[CellSummary]](repeating: [], count: pairs)
        let finished = await forEachConcurrently(pairs, width: threads) { pair in
            let i = pair % indicators
            return (0..<n).map { h in
                let cell = pair * n + h, bauCell = i * n + h
                let all = draws.cell(cell, count: count, in: \.all)
                let bau = draws.cell(bauCell, count: count, in: \.all)
                // Business as usual against itself saves exactly nothing in every draw.
                var q = [0.0, 0.0]
                if pair >= indicators {
                    var paired = zip(bau, all).map { $0 - $1 }
                    paired.sort()
                    q = (try? Descriptive.quantiles(paired, probabilities: [0.025, 0.975])) ?? [.nan, .nan]
                }
                return CellSummary(band: Band(draws: all), savings: (q[0], q[1]),
                                   split: (variance(all), variance(draws.cell(cell, count: count, in: \.driversOnly)),
                                           variance(draws.cell(cell, count: count, in: \.modelOnly))))
            }
        } receive: { pair, cells in
            out[pair] = cells
            return true
        }
        guard finished else { return nil }
        return (0..<scenarios).map { s in (0..<indicators).map { i in out[s * indicators + i] } }
    }

    @Sendable private static func variance(_ x: ArraySlice<Double>) -> Double {
        (try? Descriptive.variance(x)) ?? .nan
    }

    private static func targetOutcomes(_ spec: ScenarioSpecification, years: [Int], central: [[[Double]]],
                                       draws: ((Int, Int, Int) -> ArraySlice<Double>)?) -> [TargetOutcome] {
        var out: [TargetOutcome] = []
        for target in spec.targets {
            guard let i = spec.indicators.firstIndex(where: { $0.name == target.indicator }),
                  let h = years.firstIndex(of: target.year) else { continue }
            for (s, scenario) in spec.scenarios.enumerated() {
                let value = central[s][i][h]
                let met = target.bound.isMet(by: value)
                // Without draws there is no distribution to take a share of: undefined, not 0 or 1.
                var probability = Double.nan
                var byYear: [Double]?
                if let draws {
                    byYear = years.indices.map { year in
                        let sample = draws(s, i, year)
                        return Double(sample.filter { target.bound.isMet(by: $0) }.count) / Double(max(sample.count, 1))
                    }
                    probability = byYear?[h] ?? .nan
                }
                out.append(TargetOutcome(target: target, scenario: scenario.name, central: value, metOnCentralPath: met,
                                         probability: probability, probabilityByYear: byYear))
            }
        }
        return out
    }

    /// Refit each indicator (and each driver projected by a model) without the last
    /// `hindcastYears` of history, project them with the observed drivers, and score the result.
    private static func hindcasts(_ spec: ScenarioSpecification, fitting: ScenarioModelFitting) -> [Hindcast] {
        let k = spec.hindcastYears
        guard k > 0 else { return [] }
        let cut = spec.baseYear - k
        let heldOut = (cut + 1)...spec.baseYear
        var out: [Hindcast] = []
        func score(_ name: String, actual: [Double], forecast: [Double], training: [Double]) {
            guard actual.allSatisfy(\.isFinite), forecast.allSatisfy(\.isFinite) else {
                out.append(Hindcast(name: name, years: heldOut, error: "missing values in the held-out years"))
                return
            }
            let metrics = AccuracyMetrics(actual: actual, forecast: forecast, training: training.filter(\.isFinite), seasonLength: 1)
            out.append(Hindcast(name: name, years: heldOut, mape: metrics.mape.isFinite ? metrics.mape : nil,
                                mase: metrics.mase.isFinite ? metrics.mase : nil, observed: actual, projected: forecast))
        }
        for (d, driver) in spec.drivers.enumerated() {
            guard case .model = driver.projection, let history = fitting.driverHistory[d] else { continue }
            do {
                let (prepared, _) = try fitting.prepareDriver(d, projection: driver.projection, through: cut, count: k, pathPoints: nil)
                score("drivers.\(driver.name)", actual: history.values(in: heldOut),
                      forecast: prepared.values(count: k, normals: [], path: nil, noisy: false),
                      training: fitting.window(history, through: cut)?.values ?? [])
            } catch {
                out.append(Hindcast(name: "drivers.\(driver.name)", years: heldOut, error: error.description))
            }
        }
        let observedDrivers = fitting.driverHistory.map { $0?.values(in: heldOut) ?? Array(repeating: .nan, count: k) }
        for (i, indicator) in spec.indicators.enumerated() {
            let name = "indicators.\(indicator.name)"
            do {
                let (prepared, _) = try fitting.prepareIndicator(i, through: cut, futureDrivers: observedDrivers)
                let forecast = try prepared.evaluate(drivers: observedDrivers, normals: [], path: nil, noisy: false, measures: [],
                                                     years: Array(heldOut)).value
                score(name, actual: fitting.indicatorHistory[i].values(in: heldOut), forecast: forecast,
                      training: fitting.window(fitting.indicatorHistory[i], through: cut)?.values ?? [])
            } catch {
                out.append(Hindcast(name: name, years: heldOut, error: error.description))
            }
        }
        return out
    }
}

/// The inputs of a run: every series, hour and row the specification names, found in its files
/// or in a ``ScenarioData`` value, with every problem reported by key path.
struct ScenarioInputs {
    var driverHistory: [YearlySeries?] = []
    var indicatorHistory: [YearlySeries] = []
    /// The history series' units (`nil` where a series has none or a driver has no series).
    var driverUnits: [String?] = []
    var indicatorUnits: [String?] = []
    /// What the specification's missing-value policy did to each history series (`nil` under
    /// `refuse`, for a driver without a series, and for hourly-load indicators).
    var driverTreatments: [MissingValueTreatment?] = []
    var indicatorTreatments: [MissingValueTreatment?] = []
    /// The history series as found, before the missing-value policy (what ``ScenarioData``
    /// keeps, so that a run on it applies the policy once).
    var observedDriverHistory: [YearlySeries?] = []
    var observedIndicatorHistory: [YearlySeries?] = []
    /// The series of path-file projections, by the key path of the projection's owner.
    var pathSeries: [String: YearlySeries] = [:]
    /// The rows of cross-section priors, by indicator index.
    var crossSections: [Int: ScenarioData.CrossSection] = [:]
    /// The base year's hourly load and temperature of hourly-load indicators, by indicator index.
    var hourly: [Int: ScenarioData.HourlyRecords] = [:]
    /// Path points of path projections, by the key path of the projection's owner.
    var pathPoints: [String: [ScenarioSpecification.YearValue]] = [:]

    /// Read the files a specification names and check the series it takes from them.
    ///
    /// - Throws: As ``init(_:source:)``.
    init(_ spec: ScenarioSpecification) throws(ScenarioError) {
        try self.init(spec, source: try ScenarioHistory(spec.history))
    }

    /// Find and check the series a specification names.
    ///
    /// - Throws: ``ScenarioError/data(_:)`` for unreadable files, ``ScenarioError/spec(_:)`` with
    ///   every series that is missing, not yearly, without a base-year value, or a path file
    ///   that does not reach the horizon.
    init(_ spec: ScenarioSpecification, source history: some ScenarioSeriesSource) throws(ScenarioError) {
        var problems: [SpecDiagnostic] = []
        func collect<T>(_ body: () throws(ScenarioError) -> T) throws(ScenarioError) -> T? {
            do { return try body() } catch {
                guard case .spec(let diagnostics) = error else { throw error }
                problems += diagnostics
                return nil
            }
        }
        /// The series after the specification's missing-value policy, and what it did; a
        /// series the policy cannot treat is a problem at `path`.
        func treated(_ series: YearlySeries, _ path: String) -> (YearlySeries, MissingValueTreatment?) {
            guard spec.missingValues != .refuse else { return (series, nil) }
            let annual = TimeSeries(start: SeriesDate(year: series.firstYear, precision: .year), frequency: .yearly,
                                    values: series.values)
            do {
                let (kept, treatment) = try annual.treatingMissingValues(spec.missingValues)
                return (YearlySeries(firstYear: kept.start.year, values: kept.values), treatment)
            } catch {
                problems.append(SpecDiagnostic(file: spec.file, path: path, message: "missing: \(error.description)"))
                return (series, nil)
            }
        }
        func baseYearProblem(_ series: YearlySeries, _ name: String, _ path: String) {
            if series.value(in: spec.baseYear) == nil {
                let last = series.values.lastIndex { !$0.isNaN }.map { series.firstYear + $0 }
                problems.append(SpecDiagnostic(file: spec.file, path: path, message: "'\(name)' has no value for base_year \(spec.baseYear)"
                    + (last.map { $0 < spec.baseYear ? " (its last year is \($0))" : "" } ?? "")))
            }
        }
        func recordPath(_ projection: ScenarioSpecification.Projection, _ path: String) throws(ScenarioError) {
            switch projection {
            case .path(let points):
                pathPoints[path] = points
            case let .pathFile(source, series, relative):
                guard let values = try collect({ () throws(ScenarioError) in
                    try history.pathSeries(series, in: source, owner: path, specFile: spec.file, path: "\(path).path.series")
                }) else { return }
                pathSeries[path] = values
                let points = (values.firstYear...values.lastYear).compactMap { year in
                    values.value(in: year).map { ScenarioSpecification.YearValue(year: year, value: $0) }
                }
                if let last = points.last?.year, last < spec.horizon {
                    problems.append(SpecDiagnostic(file: spec.file, path: "\(path).path",
                                                   message: "'\(series)' in \(source.path) ends in \(last), before the horizon \(spec.horizon)"))
                }
                if relative, let first = points.first?.year, first > spec.baseYear {
                    problems.append(SpecDiagnostic(file: spec.file, path: "\(path).path.relative",
                                                   message: "'\(series)' in \(source.path) starts in \(first); a relative path must cover base_year \(spec.baseYear)"))
                }
                pathPoints[path] = points
            default:
                break
            }
        }
        for driver in spec.drivers {
            let path = "drivers.\(driver.name)"
            var series: YearlySeries?, unit: String?, treatment: MissingValueTreatment?, observed: YearlySeries?
            if let name = driver.series {
                (series, unit) = try collect { () throws(ScenarioError) in try history.series(name, specFile: spec.file, path: "\(path).series") }
                    ?? (nil, nil)
                observed = series
                if let found = series { (series, treatment) = treated(found, "\(path).series") }
                if let series, driver.projection.needsBaseValue { baseYearProblem(series, name, "\(path).series") }
            }
            driverHistory.append(series)
            driverTreatments.append(treatment)
            observedDriverHistory.append(observed)
            driverUnits.append(unit)
            try recordPath(driver.projection, path)
        }
        for (i, indicator) in spec.indicators.enumerated() {
            let path = "indicators.\(indicator.name).series"
            if case let .intensity(.elasticityPrior(_, prior)) = indicator.model {
                crossSections[i] = try collect { () throws(ScenarioError) in
                    try history.crossSection(prior, indicator: indicator.name, specFile: spec.file,
                                             path: "indicators.\(indicator.name).elasticity.prior")
                }
            }
            if case let .hourlyLoad(temperature, _, output) = indicator.model {
                indicatorUnits.append(nil)
                indicatorTreatments.append(nil)
                observedIndicatorHistory.append(nil)
                guard let data = try collect({ () throws(ScenarioError) in
                    try history.hourly([indicator.series, temperature], indicator: indicator.name, year: spec.baseYear,
                                       specFile: spec.file, path: path)
                }) else {
                    indicatorHistory.append(YearlySeries(firstYear: spec.baseYear, values: []))
                    continue
                }
                hourly[i] = ScenarioData.HourlyRecords(dates: data.dates, load: data.columns[0], temperature: data.columns[1])
                let base = output == .energy ? data.columns[0].reduce(0, +) : (data.columns[0].max() ?? .nan)
                indicatorHistory.append(YearlySeries(firstYear: spec.baseYear, values: [base]))
                continue
            }
            let found = try collect { () throws(ScenarioError) in try history.series(indicator.series, specFile: spec.file, path: path) }
            let treatedSeries = found.map { treated($0.0, path) }
            if let (series, _) = treatedSeries { baseYearProblem(series, indicator.series, path) }
            indicatorHistory.append(treatedSeries?.0 ?? YearlySeries(firstYear: spec.baseYear, values: []))
            indicatorTreatments.append(treatedSeries?.1)
            observedIndicatorHistory.append(found?.0)
            indicatorUnits.append(found?.unit ?? nil)
        }
        for scenario in spec.scenarios {
            for (k, measure) in scenario.measures.enumerated() {
                if case let .driver(_, projection) = measure {
                    try recordPath(projection, "scenarios.\(scenario.name).measures[\(k)]")
                }
            }
        }
        guard problems.isEmpty else { throw .spec(problems) }
    }
}

extension ScenarioSpecification.Projection {
    /// Whether the projection starts from the observed base-year value.
    var needsBaseValue: Bool {
        switch self {
        case .growth, .model, .pathFile(_, _, relative: true): true
        case .path, .pathFile: false
        }
    }
}

extension ScenarioSpecification {
    /// Check the data the specification names: every history and path file reads cleanly, every
    /// series exists once, is yearly and reaches the base year, and path files reach the horizon.
    ///
    /// - Throws: ``ScenarioError/data(_:)`` with `FILE:LINE:COLUMN: message` lines for bad files;
    ///   ``ScenarioError/spec(_:)`` naming the key path of every missing or short series.
    /// - Complexity: O(size of the files).
    public func checkData() throws(ScenarioError) {
        _ = try ScenarioData(reading: self)
    }
}
