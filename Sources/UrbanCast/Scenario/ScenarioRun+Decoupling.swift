extension ScenarioRun {
    /// One indicator's decoupling from GDP in one scenario (``Decoupling``), from the base year to
    /// each projected year on the central path.
    public struct DecouplingPath: Codable, Sendable, Equatable {
        /// The scenario.
        public var scenario: String
        /// The indicator.
        public var indicator: String
        /// The base year.
        public var baseYear: Int
        /// The projected years.
        public var years: [Int]
        /// Tapio's elasticity and state from the base year to each projected year; `nil` where GDP
        /// is unchanged or a value is not positive (see ``Decoupling/init(baseResource:resource:baseGDP:gdp:)``).
        public var decoupling: [Decoupling?]
    }

    /// Tapio's decoupling index of every indicator that names both a population and an affluence
    /// driver, in every scenario: GDP is `population × affluence` (affluence being GDP or income
    /// per person), compared between the observed base year and each year of the central path.
    /// Indicators without both drivers, or without base-year values, have none.
    ///
    /// ```swift
    /// let water = run.decoupling.first { $0.scenario == "bau" && $0.indicator == "water" }
    /// water?.decoupling.last??.state   // e.g. .weakDecoupling in the horizon year
    /// ```
    ///
    /// - Complexity: O(scenarios × indicators × years).
    public var decoupling: [DecouplingPath] {
        let drivers = specification.drivers.map(\.name)
        var out: [DecouplingPath] = []
        for (s, scenario) in specification.scenarios.enumerated() {
            for (i, indicator) in specification.indicators.enumerated() {
                guard let p = indicator.population.flatMap({ drivers.firstIndex(of: $0) }),
                      let a = indicator.affluence.flatMap({ drivers.firstIndex(of: $0) }),
                      let v0 = baseIndicator[i], let p0 = baseDriver[p], let a0 = baseDriver[a] else { continue }
                let states = years.indices.map { h in
                    Decoupling(baseResource: v0, resource: central[s][i][h], baseGDP: p0 * a0,
                               gdp: centralDrivers[s][p][h] * centralDrivers[s][a][h])
                }
                out.append(DecouplingPath(scenario: scenario.name, indicator: indicator.name, baseYear: specification.baseYear,
                                          years: years, decoupling: states))
            }
        }
        return out
    }
}
