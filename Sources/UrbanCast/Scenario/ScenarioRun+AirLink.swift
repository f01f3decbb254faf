import Foundation
import Statistics

/// Emissions, concentration and deaths of every scenario and projected year of a run whose
/// specification has an ``ScenarioSpecification/AirLink``.
///
/// The central values take the run's central path, the central factors, shares, coefficients and
/// base concentration and the central β. With draws, draw d takes the indicators' values of the
/// run's draw d (the draws behind `forecast.csv`, the same in every scenario), and its own
/// base concentration, shares or coefficients and β: β from stream 0 and the air-quality values
/// (for each sector in order its share or coefficient, then the base concentration) from stream 1
/// of `SeededGenerator(seed:).split(stream: Int.max)`, streams no draw of the indicators uses, so
/// adding air or health uncertainty leaves every indicator draw unchanged, and β draws do not move
/// when a coefficient's uncertainty changes. A share is drawn N(share, sd²) truncated to [0, 1]
/// (the shares scaled down to sum 1 when they exceed it), a coefficient N(c, sd²) and the base
/// concentration N(C₀, sd²) truncated at 0, β as ``HealthImpact`` describes. With
/// ``ScenarioSpecification/AirLink/drawsFactors`` each draw also takes its own emission factors
/// from stream 2 (a lognormal median at the factor fitted to its interval, see
/// ``ScenarioSpecification/AirLink/Factor/logSD``), the same in every scenario and year and in
/// the base year, so it moves emissions and coefficient sectors, while a share sector's ratio to
/// its base year is unchanged by it. Avoided deaths of draw
/// d are those of its business-as-usual concentration less its scenario concentration, so they
/// are paired. Intervals are the 2.5 % and 97.5 % quantiles (type 7) over the draws; without draws
/// the mean and the interval are the central value.
public struct AirLinkRun: Sendable {
    /// A quantity's central value, mean over the draws and 95 % interval.
    public struct Estimate: Sendable, Equatable {
        /// The value on the central path with central parameters.
        public let central: Double
        /// The mean over the draws (the central value without draws).
        public let mean: Double
        /// The 2.5 % and 97.5 % quantiles over the draws (the central value without draws).
        public let lower95: Double, upper95: Double

        init(central: Double, draws: [Double]) {
            self.central = central
            guard !draws.isEmpty else {
                mean = central
                lower95 = central
                upper95 = central
                return
            }
            mean = draws.reduce(0, +) / Double(draws.count)
            let q = (try? Descriptive.quantiles(draws.sorted(), probabilities: [0.025, 0.975])) ?? [.nan, .nan]
            lower95 = q[0]
            upper95 = q[1]
        }

        private init(central: Double, mean: Double, lower95: Double, upper95: Double) {
            self.central = central
            self.mean = mean
            self.lower95 = lower95
            self.upper95 = upper95
        }

        /// Every value times a constant k ≥ 0 (quantiles scale with a positive constant).
        func scaled(by k: Double) -> Estimate {
            Estimate(central: central * k, mean: mean * k, lower95: lower95 * k, upper95: upper95 * k)
        }
    }

    /// One scenario in one year.
    public struct Year: Sendable, Equatable {
        /// The year.
        public let year: Int
        /// Tonnes emitted of each pollutant, in ``AirLinkRun/pollutants`` order.
        public let emissions: [Estimate]
        /// The concentration, in the air-quality block's unit.
        public let concentration: Estimate
        /// Deaths avoided against business as usual (0 for business as usual).
        public let avoidedDeaths: Estimate
        /// Deaths attributable to the concentration against the health counterfactual.
        public let attributableDeaths: Estimate
        /// Years of life lost avoided, avoided deaths × ``HealthImpact/yearsOfLifeLostPerDeath``;
        /// `nil` without a life table.
        public let yearsOfLifeLostAvoided: Estimate?
        /// Years of life lost to the attributable deaths; `nil` without a life table.
        public let attributableYearsOfLifeLost: Estimate?
        /// The value of the avoided deaths, × the city's value of a statistical life
        /// (``HealthImpact/Valuation/valuePerDeath``), in the valuation's unit; `nil` without one.
        public let benefit: Estimate?
    }

    /// One scenario.
    public struct Scenario: Sendable, Equatable {
        /// Its name.
        public let name: String
        /// Every projected year.
        public let years: [Year]
    }

    /// The link as specified.
    public let link: ScenarioSpecification.AirLink
    /// The pollutants emitted.
    public let pollutants: [String]
    /// Tonnes of each pollutant in the base year (observed indicator values).
    public let baseEmissions: [Double]
    /// Every scenario, business as usual first.
    public let scenarios: [Scenario]

    /// Computes the link from a run's values.
    ///
    /// - Parameters:
    ///   - link: The link.
    ///   - specification: The run's specification (indicator and scenario names, base year).
    ///   - years: The projected years.
    ///   - central: The central path `[scenario][indicator][year]`.
    ///   - base: Each indicator's observed base-year value.
    ///   - draws: Draws `count` of cell (scenario, indicator, year), or `nil` without draws.
    ///   - count: The number of draws.
    ///   - seed: The run's seed.
    /// - Throws: ``ScenarioError/spec(_:)`` when an indicator has no base-year value, or a share
    ///   sector emitted nothing in the base year (its contribution cannot be scaled).
    /// - Complexity: O(draws × scenarios × years × (activities × pollutants + sectors)).
    init(link: ScenarioSpecification.AirLink, specification: ScenarioSpecification, years: [Int], central: [[[Double]]],
         base: [Double?], draws: ((Int, Int, Int) -> ArraySlice<Double>)?, count: Int, seed: UInt64) throws(ScenarioError) {
        self.link = link
        let spec = specification
        let pollutants = link.pollutants
        self.pollutants = pollutants
        func fail(_ path: String, _ message: String) -> ScenarioError {
            .spec([SpecDiagnostic(file: spec.file, path: path, message: message)])
        }
        var indicatorIndex: [Int] = []
        var baseValues: [Double] = []
        for activity in link.activities {
            guard let i = spec.indicators.firstIndex(where: { $0.name == activity.indicator }) else {
                throw fail("emissions.activities.\(activity.name).indicator", "unknown indicator '\(activity.indicator)'")
            }
            guard let value = base[i] ?? nil, value.isFinite else {
                throw fail("emissions.activities.\(activity.name).indicator", "'\(activity.indicator)' has no base-year value")
            }
            indicatorIndex.append(i)
            baseValues.append(value)
        }
        // Tonnes per indicator unit of each activity for each pollutant (0 without a factor).
        let perUnit: [[Double]] = link.activities.map { activity in
            pollutants.map { p in (activity.factors.first { $0.pollutant == p }?.tonnesPerActivityUnit ?? 0) * activity.conversion }
        }
        /// The same by pollutant: [pollutant][activity], so that a pollutant's tonnes are one dot product.
        func byPollutant(_ perUnit: [[Double]]) -> [[Double]] { pollutants.indices.map { p in perUnit.map { $0[p] } } }
        let sectors = link.airQuality.sectors
        /// Each sector's tonnes per indicator unit of each activity, of the pollutant that drives it.
        func sectorWeights(_ perUnit: [[Double]]) -> [[Double]] {
            sectors.map { sector in
                link.activities.indices.map { a in
                    guard link.activities[a].sector == sector.sector, let p = pollutants.firstIndex(of: sector.emission) else { return 0 }
                    return perUnit[a][p]
                }
            }
        }
        let sectorPerUnit = sectorWeights(perUnit)
        let dot = { (weights: [Double], values: [Double]) in zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 } }
        let pollutantWeights = byPollutant(perUnit)
        baseEmissions = pollutantWeights.map { dot($0, baseValues) }
        let sectorBase = sectorPerUnit.map { dot($0, baseValues) }
        for (k, sector) in sectors.enumerated() {
            if case .share = sector.contribution, !(sectorBase[k] > 0) {
                throw fail("air_quality.sectors.\(sector.name).share",
                           "the sector emitted no \(sector.emission) in base year \(spec.baseYear), so its share cannot be scaled; give a coefficient")
            }
        }
        let quality = link.airQuality
        /// C = C₀(1 − Σ shares) + Σ share_k C₀ E_k/E_k⁰ + Σ coefficient_k (E_k − E_k⁰).
        func concentration(_ sectorEmissions: [Double], base sectorBase: [Double], parameters: [Double], c0: Double) -> Double {
            var c = c0
            for (k, sector) in sectors.enumerated() {
                switch sector.contribution {
                case .share: c += parameters[k] * c0 * (sectorEmissions[k] / sectorBase[k] - 1)
                case .coefficient: c += parameters[k] * (sectorEmissions[k] - sectorBase[k])
                }
            }
            return c
        }
        let centralParameters = sectors.map { sector -> Double in
            switch sector.contribution {
            case .share(let value, _), .coefficient(let value, _): value
            }
        }

        // Per-draw parameters on streams no indicator draw uses.
        let root = SeededGenerator(seed: seed).split(stream: Int.max)
        var betaStream = root.split(stream: 0), airStream = root.split(stream: 1)
        let health = link.health, factor = link.healthConversionFactor
        var betas: [Double] = [], parameters: [[Double]] = [], baseDraws: [Double] = []
        for _ in 0..<(draws == nil ? 0 : count) {
            betas.append(health.beta + health.betaSD * betaStream.nextNormal())
            var drawn = sectors.map { sector -> Double in
                switch sector.contribution {
                case let .share(value, sd): min(1, max(0, value + sd * airStream.nextNormal()))
                case let .coefficient(value, sd): max(0, value + sd * airStream.nextNormal())
                }
            }
            let shareTotal = zip(sectors, drawn).reduce(0.0) { total, pair in
                if case .share = pair.0.contribution { return total + pair.1 }
                return total
            }
            if shareTotal > 1 {
                for (k, sector) in sectors.enumerated() { if case .share = sector.contribution { drawn[k] /= shareTotal } }
            }
            parameters.append(drawn)
            baseDraws.append(max(0, quality.baseConcentration + quality.baseConcentrationSD * airStream.nextNormal()))
        }
        // Per-draw factors (stream 2), each factor with an interval times exp(logSD · z), in
        // activity and factor order, for the base year as for the others: a draw's factor is its
        // world's, so a share sector's ratio to the base year does not move with it.
        var factorStream = root.split(stream: 2)
        var drawPollutantWeights: [[[Double]]] = [], drawSectorPerUnit: [[[Double]]] = [], drawSectorBase: [[Double]] = []
        if link.drawsFactors {
            for _ in betas.indices {
                let drawn = link.activities.map { activity in
                    var row = pollutants.map { _ in 0.0 }
                    for factor in activity.factors {
                        guard let p = pollutants.firstIndex(of: factor.pollutant) else { continue }
                        let multiplier = factor.interval == nil ? 1 : exp(factor.logSD * factorStream.nextNormal())
                        row[p] = factor.tonnesPerActivityUnit * multiplier * activity.conversion
                    }
                    return row
                }
                drawPollutantWeights.append(byPollutant(drawn))
                let weights = sectorWeights(drawn)
                drawSectorPerUnit.append(weights)
                drawSectorBase.append(weights.map { dot($0, baseValues) })
            }
        }

        /// Emissions by pollutant and concentration of scenario s in year h: central, then per draw.
        func evaluate(_ s: Int, _ h: Int) -> (emissions: [Double], concentration: Double, drawEmissions: [[Double]], drawConcentrations: [Double]) {
            let values = indicatorIndex.map { central[s][$0][h] }
            let emissions = pollutantWeights.map { dot($0, values) }
            let c = concentration(sectorPerUnit.map { dot($0, values) }, base: sectorBase, parameters: centralParameters,
                                  c0: quality.baseConcentration)
            guard let draws else { return (emissions, c, [], []) }
            let columns = indicatorIndex.map { Array(draws(s, $0, h)) }
            var drawEmissions = [[Double]](repeating: [], count: pollutants.count)
            var drawConcentrations: [Double] = []
            drawConcentrations.reserveCapacity(count)
            for d in 0..<count {
                let x = columns.map { $0[d] }
                let byPollutant = drawPollutantWeights.isEmpty ? pollutantWeights : drawPollutantWeights[d]
                let bySector = drawSectorPerUnit.isEmpty ? sectorPerUnit : drawSectorPerUnit[d]
                for p in pollutants.indices { drawEmissions[p].append(dot(byPollutant[p], x)) }
                let base = drawSectorBase.isEmpty ? sectorBase : drawSectorBase[d]
                drawConcentrations.append(concentration(bySector.map { dot($0, x) }, base: base, parameters: parameters[d], c0: baseDraws[d]))
            }
            return (emissions, c, drawEmissions, drawConcentrations)
        }

        let bau = years.indices.map { evaluate(0, $0) }
        scenarios = spec.scenarios.indices.map { s in
            Scenario(name: spec.scenarios[s].name, years: years.enumerated().map { h, year in
                let value = s == 0 ? bau[h] : evaluate(s, h)
                let t = year - spec.baseYear
                let avoided = health.avoided(reduction: (bau[h].concentration - value.concentration) * factor, yearsAfterBase: t)
                let avoidedDraws = value.drawConcentrations.indices.map { d in
                    health.avoided(reduction: (bau[h].drawConcentrations[d] - value.drawConcentrations[d]) * factor, yearsAfterBase: t,
                                   beta: betas[d])
                }
                let attributable = health.attributable(concentration: value.concentration * factor, yearsAfterBase: t)
                let attributableDraws = value.drawConcentrations.indices.map { d in
                    health.attributable(concentration: value.drawConcentrations[d] * factor, yearsAfterBase: t, beta: betas[d])
                }
                let avoidedEstimate = Estimate(central: avoided, draws: avoidedDraws)
                let attributableEstimate = Estimate(central: attributable, draws: attributableDraws)
                let yll = health.yearsOfLifeLostPerDeath
                return Year(
                    year: year,
                    emissions: pollutants.indices.map { p in
                        Estimate(central: value.emissions[p], draws: value.drawEmissions.isEmpty ? [] : value.drawEmissions[p])
                    },
                    concentration: Estimate(central: value.concentration, draws: value.drawConcentrations),
                    avoidedDeaths: avoidedEstimate, attributableDeaths: attributableEstimate,
                    yearsOfLifeLostAvoided: yll.map { avoidedEstimate.scaled(by: $0) },
                    attributableYearsOfLifeLost: yll.map { attributableEstimate.scaled(by: $0) },
                    benefit: health.valuation.map { avoidedEstimate.scaled(by: $0.valuePerDeath) })
            })
        }
    }

    /// `air.csv`: `scenario,year,quantity,pollutant,central,mean,lo95,hi95,unit`, for each scenario
    /// and projected year the tonnes emitted of each pollutant (`emissions`), the concentration
    /// (`concentration`), and the deaths avoided against business as usual (`avoided_deaths`) and
    /// attributable against the counterfactual (`attributable_deaths`), of the health function's
    /// outcome; with a life table also the years of life lost avoided (`avoided_yll`) and
    /// attributable (`attributable_yll`), with a valuation the value of the avoided deaths
    /// (`benefit`, in the valuation's unit).
    ///
    /// - Complexity: O(scenarios × years × (pollutants + 7)).
    public var csv: String {
        var lines = ["scenario,year,quantity,pollutant,central,mean,lo95,hi95,unit"]
        let concentrationPollutant = link.airQuality.pollutant.name, unit = link.airQuality.unit.symbol
        for scenario in scenarios {
            for year in scenario.years {
                var rows: [(String, String, Estimate, String)] = zip(pollutants, year.emissions).map { ("emissions", $0, $1, "t") }
                rows.append(("concentration", concentrationPollutant, year.concentration, unit))
                rows.append(("avoided_deaths", concentrationPollutant, year.avoidedDeaths, "deaths"))
                rows.append(("attributable_deaths", concentrationPollutant, year.attributableDeaths, "deaths"))
                if let value = year.yearsOfLifeLostAvoided { rows.append(("avoided_yll", concentrationPollutant, value, "years")) }
                if let value = year.attributableYearsOfLifeLost { rows.append(("attributable_yll", concentrationPollutant, value, "years")) }
                if let value = year.benefit { rows.append(("benefit", concentrationPollutant, value, link.health.valuation?.unit ?? "")) }
                for (quantity, pollutant, estimate, unit) in rows {
                    lines.append(ScenarioRun.row([scenario.name, String(year.year), quantity, pollutant]
                        + [estimate.central, estimate.mean, estimate.lower95, estimate.upper95].map(ScenarioRun.number) + [unit]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `air` block of `summary.json`.
    public struct Summary: Codable, Sendable, Equatable {
        /// An estimate: central, mean and 95 % interval.
        public struct Value: Codable, Sendable, Equatable {
            /// The central value.
            @NullWhenNotFinite public var central: Double
            /// The mean over the draws.
            @NullWhenNotFinite public var mean: Double
            /// The 2.5 % quantile.
            @NullWhenNotFinite public var lower95: Double
            /// The 97.5 % quantile.
            @NullWhenNotFinite public var upper95: Double
        }

        /// One scenario's values in one year.
        public struct Year: Codable, Sendable, Equatable {
            /// The scenario.
            public var scenario: String
            /// The year.
            public var year: Int
            /// Tonnes of each pollutant, in ``Summary/pollutants`` order.
            public var emissions: [Value]
            /// The concentration.
            public var concentration: Value
            /// Deaths avoided against business as usual.
            public var avoidedDeaths: Value
            /// Deaths attributable against the counterfactual.
            public var attributableDeaths: Value
            /// Years of life lost avoided; absent without a life table.
            public var yearsOfLifeLostAvoided: Value?
            /// Years of life lost to the attributable deaths; absent without a life table.
            public var attributableYearsOfLifeLost: Value?
            /// The value of the avoided deaths in ``Summary/valuationUnit``; absent without a valuation.
            public var benefit: Value?
        }

        /// The pollutants emitted (tonnes).
        public var pollutants: [String]
        /// The concentration's pollutant.
        public var pollutant: String
        /// Its unit.
        public var unit: String
        /// The base year's tonnes of each pollutant.
        public var baseEmissions: [Double]
        /// The base year's concentration.
        public var baseConcentration: Double
        /// What the deaths are and where the relative risk comes from.
        public var health: String
        /// The unit of ``Year/benefit``; absent without a valuation.
        public var valuationUnit: String?
        /// Every scenario and projected year.
        public var years: [Year]
    }

    /// This run's `air` block.
    ///
    /// - Complexity: O(scenarios × years × pollutants).
    public var summary: Summary {
        let value = { (e: Estimate) in Summary.Value(central: e.central, mean: e.mean, lower95: e.lower95, upper95: e.upper95) }
        return Summary(
            pollutants: pollutants, pollutant: link.airQuality.pollutant.name, unit: link.airQuality.unit.symbol,
            baseEmissions: baseEmissions, baseConcentration: link.airQuality.baseConcentration, health: link.health.summary,
            valuationUnit: link.health.valuation?.unit,
            years: scenarios.flatMap { scenario in
                scenario.years.map { y in
                    Summary.Year(scenario: scenario.name, year: y.year, emissions: y.emissions.map(value), concentration: value(y.concentration),
                                 avoidedDeaths: value(y.avoidedDeaths), attributableDeaths: value(y.attributableDeaths),
                                 yearsOfLifeLostAvoided: y.yearsOfLifeLostAvoided.map(value),
                                 attributableYearsOfLifeLost: y.attributableYearsOfLifeLost.map(value), benefit: y.benefit.map(value))
                }
            })
    }
}
