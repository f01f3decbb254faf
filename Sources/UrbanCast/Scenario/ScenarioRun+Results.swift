extension ScenarioRun {
    /// A two-sided interval of one level over the projected years.
    public struct Interval: Codable, Sendable, Equatable {
        /// The level, in percent (80, 95): the interval runs from the `(100 − level)/2` to the
        /// `(100 + level)/2` percent quantile of the draws (type 7).
        public var level: Double
        /// The lower end, one per projected year.
        public var lower: [Double]
        /// The upper end, one per projected year.
        public var upper: [Double]

        /// An interval of `level` percent.
        ///
        /// - Parameters:
        ///   - level: The level, in percent.
        ///   - lower: The lower ends, one per projected year.
        ///   - upper: The upper ends, one per projected year.
        public init(level: Double, lower: [Double], upper: [Double]) {
            self.level = level
            self.lower = lower
            self.upper = upper
        }
    }

    /// What an alternative saves against business as usual, per projected year, in the
    /// indicator's unit (and money, where the indicator has a unit cost).
    public struct Savings: Codable, Sendable, Equatable {
        /// `mean(bau) − mean(scenario)` over the draws (the central paths' difference without draws).
        public var mean: [Double]
        /// The running sum of ``mean`` from the first projected year (unit × years).
        public var cumulative: [Double]
        /// Intervals of the paired per-draw savings `bau − scenario` (95%).
        public var intervals: [Interval]
        /// `mean × per-unit cost`, when the indicator has a unit cost.
        public var money: [Double]?
        /// `cumulative × per-unit cost`, when the indicator has a unit cost.
        public var cumulativeMoney: [Double]?
        /// The currency of ``money``.
        public var currency: String?

        /// The interval of `level` percent, if the run has one.
        public func interval(level: Double) -> Interval? { intervals.first { $0.level == level } }
    }

    /// The variance over the draws of one indicator in one scenario, split by source, year by year.
    public struct VarianceSplit: Codable, Sendable, Equatable {
        /// The variance with every source drawn.
        public var total: [Double]
        /// The variance with only the drivers drawn.
        public var drivers: [Double]
        /// The variance with only the models drawn.
        public var model: [Double]
    }

    /// One indicator's projection in one scenario, keyed by their names.
    public struct IndicatorProjection: Codable, Sendable, Equatable {
        /// The scenario.
        public var scenario: String
        /// The indicator.
        public var indicator: String
        /// The unit: the specification's, else the history series'.
        public var unit: String?
        /// The projected years, `baseYear + 1 … horizon`.
        public var years: [Int]
        /// The central path: every model at its point forecast, every driver at its central projection.
        public var central: [Double]
        /// The mean over the draws (the central path without draws).
        public var mean: [Double]
        /// The median over the draws.
        public var median: [Double]
        /// The quantile intervals over the draws, by level (80 and 95).
        public var intervals: [Interval]
        /// The savings against business as usual; `nil` for business as usual itself.
        public var savings: Savings?
        /// The central intensity path of an intensity model (the indicator per person, with its
        /// affluence factor), so that `central = population × centralIntensity`; `nil` for the
        /// other models.
        public var centralIntensity: [Double]?
        /// The variance over the draws split by source.
        public var varianceSplit: VarianceSplit

        /// The interval of `level` percent (80 or 95), if the run has one.
        public func interval(level: Double) -> Interval? { intervals.first { $0.level == level } }

        /// The central value in `year`, or `nil` outside the projected years.
        public func central(in year: Int) -> Double? { years.firstIndex(of: year).map { central[$0] } }

        /// The interval of `level` percent in `year`, or `nil` outside the projected years or levels.
        public func interval(level: Double, in year: Int) -> (lower: Double, upper: Double)? {
            guard let h = years.firstIndex(of: year), let interval = interval(level: level) else { return nil }
            return (interval.lower[h], interval.upper[h])
        }
    }

    /// One driver's central path in one scenario.
    public struct DriverProjection: Codable, Sendable, Equatable {
        /// The scenario.
        public var scenario: String
        /// The driver.
        public var driver: String
        /// The unit: the specification's, else the history series'.
        public var unit: String?
        /// The projected years.
        public var years: [Int]
        /// The central path.
        public var central: [Double]

        /// The central value in `year`, or `nil` outside the projected years.
        public func central(in year: Int) -> Double? { years.firstIndex(of: year).map { central[$0] } }
    }

    /// A target's outcome in every scenario.
    public struct TargetResult: Codable, Sendable, Equatable {
        /// One scenario's outcome.
        public struct Outcome: Codable, Sendable, Equatable {
            /// The scenario.
            public var scenario: String
            /// The central-path value in the target year.
            public var central: Double
            /// Whether the central path meets the target.
            public var metOnCentralPath: Bool
            /// The share of draws that meet it; NaN without draws (undefined: see ``metOnCentralPath``).
            public var probability: Double
            /// The share of draws meeting the same bound in each projected year (the projections'
            /// `years`), from 0 to 1; `nil` without draws, and in results written before it was
            /// recorded.
            public var probabilityByYear: [Double]? = nil
        }

        /// The target's name.
        public var name: String
        /// The indicator.
        public var indicator: String
        /// The year.
        public var year: Int
        /// The bound, when the target asks for at most a value.
        public var atMost: Double?
        /// The bound, when the target asks for at least a value.
        public var atLeast: Double?
        /// The outcome in each scenario, in specification order.
        public var outcomes: [Outcome]

        /// The probability that `scenario` meets the target, or `nil` for an unknown scenario.
        public func probability(scenario: String) -> Double? { outcomes.first { $0.scenario == scenario }?.probability }
    }

    /// A run's results as named, keyed values: every indicator's and driver's projection in every
    /// scenario, with units, intervals, savings, the variance split and the targets, by name.
    ///
    /// A cell whose draws are not all finite holds NaN. Its coding keys are the property names and
    /// are part of the contract: a run folder written with a report holds these results (with
    /// each indicator's history) as `results.json`, `Schemas/scenario-results.schema.json`.
    public struct Results: Codable, Sendable, Equatable {
        /// The city.
        public var city: String
        /// The last year of history.
        public var baseYear: Int
        /// The last projected year.
        public var horizon: Int
        /// Monte Carlo draws (0: the central path only).
        public var draws: Int
        /// The seed.
        public var seed: UInt64
        /// The scenarios, business as usual first.
        public var scenarios: [String]
        /// Every indicator in every scenario, scenario by scenario.
        public var indicators: [IndicatorProjection]
        /// Every driver in every scenario, scenario by scenario.
        public var drivers: [DriverProjection]
        /// The targets, in specification order.
        public var targets: [TargetResult]
        /// Programme costs, savings and net present values (``ScenarioRun/economics``); `nil`
        /// (absent from the JSON) when the specification gives neither programme nor unit costs.
        public var economics: EconomicsSummary? = nil

        /// The projection of `indicator` in `scenario`, or `nil` if either is unknown.
        ///
        /// - Complexity: O(scenarios × indicators).
        public subscript(scenario scenario: String, indicator indicator: String) -> IndicatorProjection? {
            indicators.first { $0.scenario == scenario && $0.indicator == indicator }
        }

        /// The central path of `driver` in `scenario`, or `nil` if either is unknown.
        public subscript(scenario scenario: String, driver driver: String) -> DriverProjection? {
            drivers.first { $0.scenario == scenario && $0.driver == driver }
        }

        /// The target named `name`, or `nil`.
        public func target(named name: String) -> TargetResult? { targets.first { $0.name == name } }

        /// The probability that `scenario` meets the target named `target`, or `nil` if either is unknown.
        public func probability(target: String, scenario: String) -> Double? {
            self.target(named: target)?.probability(scenario: scenario)
        }
    }

    /// The run's results as named, keyed values (``Results``).
    ///
    /// - Complexity: O(scenarios × (indicators + drivers) × years).
    public var results: Results {
        let scenarioNames = specification.scenarios.map(\.name)
        var indicatorResults: [IndicatorProjection] = []
        var driverResults: [DriverProjection] = []
        for s in scenarioNames.indices {
            for i in specification.indicators.indices { indicatorResults.append(indicatorProjection(s, i)) }
            for d in specification.drivers.indices { driverResults.append(driverProjection(s, d)) }
        }
        let targetResults = specification.targets.map { target in
            var result = TargetResult(name: target.name, indicator: target.indicator, year: target.year, outcomes: [])
            switch target.bound {
            case .atMost(let value): result.atMost = value
            case .atLeast(let value): result.atLeast = value
            }
            // Outcomes are stored target by target with the same target value; names select them.
            result.outcomes = targets.filter { $0.target == target }.map {
                TargetResult.Outcome(scenario: $0.scenario, central: $0.central, metOnCentralPath: $0.metOnCentralPath,
                                     probability: $0.probability, probabilityByYear: $0.probabilityByYear)
            }
            return result
        }
        return Results(city: specification.city, baseYear: specification.baseYear, horizon: specification.horizon,
                       draws: options.draws, seed: options.seed, scenarios: scenarioNames, indicators: indicatorResults,
                       drivers: driverResults, targets: targetResults, economics: economics)
    }

    /// The projection of `indicator` in `scenario`, or `nil` if either is unknown.
    ///
    /// ```swift
    /// let water = run[scenario: "conservation", indicator: "water"]
    /// water?.interval(level: 95, in: 2050)   // (lower: …, upper: …), Mgal/d
    /// ```
    ///
    /// - Complexity: O(scenarios + indicators + years).
    public subscript(scenario scenario: String, indicator indicator: String) -> IndicatorProjection? {
        guard let s = specification.scenarios.firstIndex(where: { $0.name == scenario }),
              let i = specification.indicators.firstIndex(where: { $0.name == indicator }) else { return nil }
        return indicatorProjection(s, i)
    }

    /// The central path of `driver` in `scenario`, or `nil` if either is unknown.
    ///
    /// ```swift
    /// run[scenario: "bau", driver: "population"]?.central   // one value per projected year
    /// ```
    ///
    /// - Complexity: O(scenarios + drivers + years).
    public subscript(scenario scenario: String, driver driver: String) -> DriverProjection? {
        guard let s = specification.scenarios.firstIndex(where: { $0.name == scenario }),
              let d = specification.drivers.firstIndex(where: { $0.name == driver }) else { return nil }
        return driverProjection(s, d)
    }

    /// The observed yearly history of `indicator` as the run read it (NaN where missing), or `nil`
    /// for an unknown indicator. An indicator modelled from hourly records or a cross-section has
    /// at most its base-year value here.
    ///
    /// ```swift
    /// run.history(indicator: "water")?.value(in: 2022)   // the observed base-year value
    /// ```
    ///
    /// - Complexity: O(indicators).
    public func history(indicator: String) -> YearlySeries? {
        specification.indicators.firstIndex { $0.name == indicator }.map { indicatorHistory[$0] }
    }

    private func driverProjection(_ s: Int, _ d: Int) -> DriverProjection {
        DriverProjection(scenario: specification.scenarios[s].name, driver: specification.drivers[d].name,
                         unit: driverUnits[d], years: years, central: centralDrivers[s][d])
    }

    private func indicatorProjection(_ s: Int, _ i: Int) -> IndicatorProjection {
        let indicator = specification.indicators[i]
        let cells = bands[s][i]
        var savings: Savings?
        if s > 0 {
            let mean = zip(bands[0][i], cells).map { $0.mean - $1.mean }
            let cumulative = mean.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
            let cost = specification.costs.first { $0.indicator == indicator.name }
            savings = Savings(mean: mean, cumulative: cumulative,
                              intervals: [Interval(level: 95, lower: savingsBands[s][i].map(\.lower),
                                                   upper: savingsBands[s][i].map(\.upper))],
                              money: cost.map { c in mean.map { $0 * c.perUnit } },
                              cumulativeMoney: cost.map { c in cumulative.map { $0 * c.perUnit } }, currency: cost?.currency)
        }
        return IndicatorProjection(
            scenario: specification.scenarios[s].name, indicator: indicator.name, unit: indicatorUnits[i], years: years,
            central: central[s][i], mean: cells.map(\.mean), median: cells.map(\.median),
            intervals: [Interval(level: 80, lower: cells.map(\.lower80), upper: cells.map(\.upper80)),
                        Interval(level: 95, lower: cells.map(\.lower95), upper: cells.map(\.upper95))],
            savings: savings, centralIntensity: centralIntensity[s][i],
            varianceSplit: VarianceSplit(total: varianceSplit[s][i].map(\.total), drivers: varianceSplit[s][i].map(\.drivers),
                                         model: varianceSplit[s][i].map(\.model)))
    }
}
