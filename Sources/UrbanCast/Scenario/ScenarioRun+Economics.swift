extension ScenarioRun {
    /// The economics of one alternative scenario against business as usual: what its programmes
    /// cost, what they save, and the net present value, in the shared convention (``Economics``:
    /// constant prices, end-of-year flows discounted at the specification's rate to the end of the
    /// base year, capital over lead years, renewals, residual values at the horizon).
    public struct ScenarioEconomics: Codable, Sendable, Equatable {
        /// One programme's cost.
        public struct Programme: Codable, Sendable, Equatable {
            /// The programme.
            public var name: String
            /// Capital per build.
            @NullWhenNotFinite public var capital: Double
            /// Operating cost per year of service.
            @NullWhenNotFinite public var operating: Double
            /// Years one build serves; `null` without capital.
            @ExplicitNull public var lifetime: Int?
            /// Construction years before service.
            public var leadYears: Int
            /// The first year of service.
            public var from: Int
            /// Its net present cost.
            @NullWhenNotFinite public var netPresentCost: Double
        }

        /// What the scenario saves of one indicator.
        public struct Saving: Codable, Sendable, Equatable {
            /// The indicator.
            public var indicator: String
            /// Its unit.
            public var unit: String
            /// The discounted savings Σ_y d(y) · (mean_bau(y) − mean_scenario(y)) over the projected
            /// years, in indicator units × years (the means of `forecast.csv`).
            @NullWhenNotFinite public var discountedSavings: Double
            /// The levelised cost of a unit saved for a year: the scenario's whole net present
            /// cost / ``discountedSavings``; `null` without programme costs or positive savings.
            /// With several indicators each is charged the whole cost, so read it for the
            /// indicator the programmes are for.
            @ExplicitNull public var levelisedCost: Double?
            /// The present value of the money saved, Σ_y d(y) · saving_y · per_unit, with the
            /// indicator's unit cost (`costs:`); `null` without one.
            @ExplicitNull public var presentValue: Double?
            /// The unit cost's currency; empty without one.
            public var currency: String
        }

        /// The scenario.
        public var scenario: String
        /// Its programmes' costs.
        public var programmes: [Programme]
        /// The sum of the programmes' net present costs.
        @NullWhenNotFinite public var netPresentCost: Double
        /// What it saves, per indicator.
        public var savings: [Saving]
        /// The present value of the money saved over every priced indicator; `null` when no
        /// indicator has a unit cost or their currencies differ.
        @ExplicitNull public var presentValueOfSavings: Double?
        /// presentValueOfSavings − netPresentCost; `null` without a value of the savings.
        @ExplicitNull public var netPresentValue: Double?
        /// presentValueOfSavings / netPresentCost; `null` without either.
        @ExplicitNull public var benefitCostRatio: Double?
        /// The emissions it avoids against business as usual, per pollutant, when the
        /// specification links its indicators to air quality (``ScenarioRun/air``); absent otherwise.
        public var abatement: [Abatement]? = nil
        /// The present value of its avoided deaths, Σ_y d(y) · benefit_y (the air link's mean
        /// value over the draws, in its valuation's unit); absent without an air link with a valuation.
        public var presentHealthBenefit: Double? = nil
    }

    /// One pollutant's emissions avoided by a scenario.
    public struct Abatement: Codable, Sendable, Equatable {
        /// The pollutant.
        public var pollutant: String
        /// Σ_y d(y) · (tonnes_bau(y) − tonnes_scenario(y)), the means over the draws: tonnes × years.
        @NullWhenNotFinite public var discountedTonnesAvoided: Double
        /// The scenario's whole net present cost / ``discountedTonnesAvoided``: the cost per tonne
        /// avoided; `null` without programme costs or with no positive abatement.
        @ExplicitNull public var costPerTonne: Double?
    }

    /// The run's economics: the discount rate and every alternative scenario's costs, savings
    /// and net present value.
    public struct EconomicsSummary: Codable, Sendable, Equatable {
        /// The real discount rate per year.
        @NullWhenNotFinite public var discountRate: Double
        /// The year whose end present values are discounted to (the base year).
        public var discountedTo: Int
        /// Every scenario but business as usual, in file order.
        public var scenarios: [ScenarioEconomics]
    }

    /// The economics of the alternatives (``ScenarioEconomics``), or `nil` when the specification
    /// gives neither programme costs nor unit costs nor an air link (there is nothing to value).
    ///
    /// ```swift
    /// let conservation = run.economics?.scenarios.first { $0.scenario == "conservation" }
    /// conservation?.netPresentValue   // money saved less programme costs, discounted
    /// ```
    ///
    /// - Complexity: O(scenarios × (indicators + programmes) × years).
    public var economics: EconomicsSummary? {
        let spec = specification
        guard !spec.costs.isEmpty || spec.scenarios.contains(where: { !$0.costs.isEmpty }) || (air != nil && spec.scenarios.count > 1)
        else { return nil }
        let discounting = spec.discounting
        var out: [ScenarioEconomics] = []
        for (s, scenario) in spec.scenarios.enumerated() where s > 0 {
            let programmes = scenario.costs.map { programme in
                ScenarioEconomics.Programme(
                    name: programme.name, capital: programme.investment.capital, operating: programme.investment.operating,
                    lifetime: programme.investment.lifetime, leadYears: programme.investment.leadYears, from: programme.from,
                    netPresentCost: programme.investment.netPresentCost(firstServiceYear: programme.from, horizon: spec.horizon,
                                                                        discounting: discounting))
            }
            let cost = programmes.reduce(0) { $0 + $1.netPresentCost }
            let savings = spec.indicators.enumerated().map { i, indicator in
                let yearly = years.indices.map { h in (year: years[h], amount: bands[0][i][h].mean - bands[s][i][h].mean) }
                let saved = discounting.presentValue(yearly)
                let price = spec.costs.first { $0.indicator == indicator.name }
                return ScenarioEconomics.Saving(
                    indicator: indicator.name, unit: indicator.unit ?? "", discountedSavings: saved,
                    levelisedCost: programmes.isEmpty ? nil : Economics.levelisedCost(cost: cost, quantities: yearly, discounting: discounting),
                    presentValue: price.map { saved * $0.perUnit }, currency: price?.currency ?? "")
            }
            let priced = savings.filter { $0.presentValue != nil }
            let sameCurrency = Set(priced.map(\.currency)).count == 1
            let value = priced.isEmpty || !sameCurrency ? nil : priced.reduce(0) { $0 + ($1.presentValue ?? 0) }
            var economics = ScenarioEconomics(
                scenario: scenario.name, programmes: programmes, netPresentCost: cost, savings: savings,
                presentValueOfSavings: value, netPresentValue: value.map { $0 - cost },
                benefitCostRatio: value.flatMap { cost > 0 ? $0 / cost : nil })
            if let air, let bau = air.scenarios.first, let mine = air.scenarios.first(where: { $0.name == scenario.name }) {
                economics.abatement = air.pollutants.indices.map { p in
                    let avoided = zip(bau.years, mine.years).map { (year: $1.year, amount: $0.emissions[p].mean - $1.emissions[p].mean) }
                    return Abatement(
                        pollutant: air.pollutants[p], discountedTonnesAvoided: discounting.presentValue(avoided),
                        costPerTonne: programmes.isEmpty ? nil : Economics.levelisedCost(cost: cost, quantities: avoided, discounting: discounting))
                }
                if mine.years.contains(where: { $0.benefit != nil }) {
                    economics.presentHealthBenefit = discounting.presentValue(mine.years.map { ($0.year, $0.benefit?.mean ?? 0) })
                }
            }
            out.append(economics)
        }
        return EconomicsSummary(discountRate: discounting.rate, discountedTo: discounting.baseYear, scenarios: out)
    }
}
