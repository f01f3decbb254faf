extension ScenarioRun {
    /// The LMDI-I decomposition of one indicator's central path in one scenario: its change from
    /// the base year, year by year, split into the effects of its factors.
    ///
    /// With population `P`, affluence `A` (when the indicator names one) and intensity
    /// `I = V / (P A)`, `V = P · A · I`, and the factors' effects in a year sum to
    /// `value − baseValue` (``LMDI/effects(baseValue:baseDrivers:value:drivers:)``). Zeros follow
    /// the small-value strategy (``LMDI``): a year in which the indicator and its population are
    /// both zero is finite; a driver at zero under a positive indicator leaves that year's effects
    /// NaN (they have no limit).
    public struct Decomposition: Codable, Sendable, Equatable {
        /// One factor's effect in every projected year.
        public struct Factor: Codable, Sendable, Equatable {
            /// `population`, `affluence` or `intensity`.
            public var name: String
            /// The effect on the indicator in each projected year, in its unit.
            public var effects: [Double]
        }

        /// The scenario.
        public var scenario: String
        /// The indicator.
        public var indicator: String
        /// The indicator's unit.
        public var unit: String?
        /// The base year.
        public var baseYear: Int
        /// The observed indicator in the base year.
        public var baseValue: Double
        /// The projected years.
        public var years: [Int]
        /// The central path, one value per projected year.
        public var values: [Double]
        /// The factors, population first and intensity last.
        public var factors: [Factor]
    }

    /// Every indicator's decomposition in every scenario, scenario by scenario; indicators without
    /// a population driver, or without base-year values, have none.
    ///
    /// ```swift
    /// let d = run.decompositions[0]
    /// d.factors.map { $0.effects.last! }   // population, intensity effects in the horizon year
    /// ```
    ///
    /// - Complexity: O(scenarios × indicators × years).
    public var decompositions: [Decomposition] {
        var out: [Decomposition] = []
        let drivers = specification.drivers.map(\.name)
        for (s, scenario) in specification.scenarios.enumerated() {
            for (i, indicator) in specification.indicators.enumerated() {
                guard let p = indicator.population.flatMap({ drivers.firstIndex(of: $0) }),
                      let v0 = baseIndicator[i], let p0 = baseDriver[p] else { continue }
                let a = indicator.affluence.flatMap { drivers.firstIndex(of: $0) }
                let a0 = a.flatMap { baseDriver[$0] }
                let names = a != nil && a0 != nil ? ["population", "affluence", "intensity"] : ["population", "intensity"]
                var effects = [[Double]](repeating: [], count: names.count)
                for h in years.indices {
                    var base = [p0], current = [centralDrivers[s][p][h]]
                    if let a, let a0 {
                        base.append(a0)
                        current.append(centralDrivers[s][a][h])
                    }
                    let yearEffects = LMDI.effects(baseValue: v0, baseDrivers: base, value: central[s][i][h], drivers: current)
                    for (k, effect) in yearEffects.enumerated() { effects[k].append(effect) }
                }
                out.append(Decomposition(scenario: scenario.name, indicator: indicator.name, unit: indicatorUnits[i],
                                         baseYear: specification.baseYear, baseValue: v0, years: years, values: central[s][i],
                                         factors: zip(names, effects).map { Decomposition.Factor(name: $0, effects: $1) }))
            }
        }
        return out
    }
}
