extension ScenarioRun {
    /// A scenario run's `summary.json`; its coding keys are the contract
    /// (`Schemas/scenario-summary.schema.json`):
    /// `{"city", "baseYear", "horizon", "draws", "seed", "scenarios", "drivers": [fit…],
    /// "indicators": [fit…], "hindcast": [{"name", "firstYear", "lastYear", "mape", "mase", "error"}],
    /// "targets": [{"indicator", "year", "atMost"|"atLeast", "scenario", "central",
    /// "metOnCentralPath", "probability"}], "varianceSplit": [{"scenario", "indicator",
    /// "years": [{"year", "total", "drivers", "model"}]}], "decoupling"?: [{"scenario", "indicator",
    /// "baseYear", "years", "decoupling": [{"elasticity", "state"} | null]}], "economics"?: {"discountRate",
    /// "discountedTo", "scenarios": [{"scenario", "programmes": [{"name", "capital", "operating", "lifetime",
    /// "leadYears", "from", "netPresentCost"}], "netPresentCost", "savings": [{"indicator", "unit",
    /// "discountedSavings", "levelisedCost", "presentValue", "currency"}], "presentValueOfSavings",
    /// "netPresentValue", "benefitCostRatio"}]}}`. The fits are ``ModelFit``s.
    public struct Summary: Codable, Sendable {
        /// A target's outcome in one scenario.
        public struct Target: Codable, Sendable, Equatable {
            /// The indicator.
            public var indicator: String
            /// The target year.
            public var year: Int
            /// The bound, when the target asks for at most a value.
            public var atMost: Double?
            /// The bound, when the target asks for at least a value.
            public var atLeast: Double?
            /// The scenario.
            public var scenario: String
            /// The central-path value in the target year.
            @NullWhenNotFinite public var central: Double
            /// Whether the central path meets the target.
            public var metOnCentralPath: Bool
            /// The share of draws that meet it; `null` (NaN) without draws, where it is undefined.
            @NullWhenNotFinite public var probability: Double
        }

        /// The variance over the draws of one indicator in one scenario, split by source.
        public struct VarianceSplit: Codable, Sendable, Equatable {
            /// One year's split.
            public struct Year: Codable, Sendable, Equatable {
                /// The year.
                public var year: Int
                /// The variance with every source of uncertainty.
                @NullWhenNotFinite public var total: Double
                /// With only the drivers' uncertainty.
                @NullWhenNotFinite public var drivers: Double
                /// With only the models' uncertainty.
                @NullWhenNotFinite public var model: Double
            }

            /// The scenario.
            public var scenario: String
            /// The indicator.
            public var indicator: String
            /// Every projected year.
            public var years: [Year]
        }

        /// The city.
        public var city: String
        /// The last year of history.
        public var baseYear: Int
        /// The last projected year.
        public var horizon: Int
        /// Monte Carlo draws.
        public var draws: Int
        /// The seed, as text (a 64-bit unsigned integer may exceed what JSON readers hold exactly).
        public var seed: String
        /// The scenarios, business as usual first.
        public var scenarios: [String]
        /// Each driver's fit.
        public var drivers: [ModelFit]
        /// Each indicator's fit.
        public var indicators: [ModelFit]
        /// The hindcasts.
        public var hindcast: [Hindcast]
        /// Every target in every scenario.
        public var targets: [Target]
        /// Every indicator in every scenario.
        public var varianceSplit: [VarianceSplit]
        /// Tapio's decoupling index of every indicator with population and affluence drivers, in
        /// every scenario (``ScenarioRun/decoupling``); absent when no indicator names both.
        public var decoupling: [DecouplingPath]? = nil
        /// Programme costs, savings and net present values (``ScenarioRun/economics``); absent
        /// when the specification gives neither programme costs nor unit costs.
        public var economics: EconomicsSummary? = nil
        /// Every facility in every scenario: exceedance, capacity needed and the least-cost
        /// expansion plan (``ScenarioRun/infrastructure``); absent without `infrastructure:`.
        public var infrastructure: [InfrastructureOutcome]? = nil
        /// Emissions, concentration and deaths of every scenario and year (``ScenarioRun/air``);
        /// absent when the specification has no air link.
        public var air: AirLinkRun.Summary? = nil
    }

    /// The run's `summary.json` document.
    ///
    /// - Complexity: O(scenarios × indicators × years).
    public var summary: Summary {
        let targetRows = targets.map { t in
            var row = Summary.Target(indicator: t.target.indicator, year: t.target.year, scenario: t.scenario,
                                     central: t.central, metOnCentralPath: t.metOnCentralPath, probability: t.probability)
            switch t.target.bound {
            case .atMost(let v): row.atMost = v
            case .atLeast(let v): row.atLeast = v
            }
            return row
        }
        var split: [Summary.VarianceSplit] = []
        for (s, scenario) in specification.scenarios.enumerated() {
            for (i, indicator) in specification.indicators.enumerated() {
                split.append(Summary.VarianceSplit(
                    scenario: scenario.name, indicator: indicator.name,
                    years: years.enumerated().map { h, year in
                        let v = varianceSplit[s][i][h]
                        return Summary.VarianceSplit.Year(year: year, total: v.total, drivers: v.drivers, model: v.model)
                    }))
            }
        }
        let decoupling = decoupling
        var document = Summary(
            city: specification.city, baseYear: specification.baseYear, horizon: specification.horizon, draws: options.draws,
            seed: String(options.seed), scenarios: specification.scenarios.map(\.name), drivers: driverFits,
            indicators: indicatorFits, hindcast: hindcasts, targets: targetRows, varianceSplit: split,
            decoupling: decoupling.isEmpty ? nil : decoupling, economics: economics, air: air?.summary)
        if !infrastructure.isEmpty { document.infrastructure = infrastructure }
        return document
    }

    /// ``summary`` as a JSON tree, without the contract's version.
    public var summaryJSON: JSONValue {
        // The summary holds only strings, integers that fit an Int, doubles and booleans, which the encoder always takes.
        (try? JSONValueEncoder().encode(summary)) ?? .null
    }
}

extension ScenarioRun.Hindcast: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, firstYear, lastYear, mape, mase, error
    }

    /// Decode `{"name", "firstYear", "lastYear", "mape", "mase", "error"}`.
    ///
    /// - Throws: `DecodingError` for a missing or mistyped key, or a last year before the first.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let first = try container.decode(Int.self, forKey: .firstYear)
        let last = try container.decode(Int.self, forKey: .lastYear)
        guard first <= last else {
            throw DecodingError.dataCorruptedError(forKey: .lastYear, in: container,
                                                   debugDescription: "lastYear \(last) is before firstYear \(first)")
        }
        self.init(name: try container.decode(String.self, forKey: .name), years: first...last,
                  mape: try container.decodeIfPresent(Double.self, forKey: .mape),
                  mase: try container.decodeIfPresent(Double.self, forKey: .mase),
                  error: try container.decodeIfPresent(String.self, forKey: .error))
    }

    /// Encode the hindcast with its years as `firstYear` and `lastYear` and `null` for a
    /// missing score or error.
    ///
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(years.lowerBound, forKey: .firstYear)
        try container.encode(years.upperBound, forKey: .lastYear)
        try container.encode(mape, forKey: .mape)
        try container.encode(mase, forKey: .mase)
        try container.encode(error, forKey: .error)
    }
}
