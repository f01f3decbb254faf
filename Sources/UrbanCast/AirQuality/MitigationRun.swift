import Foundation
import Statistics

/// A mitigation plan run: concentration quantiles, the probability of meeting each level, cost,
/// cost per unit of concentration removed (per µg/m³, or per ppb for a plan in ppb) and avoided
/// deaths per scenario and year; the marginal abatement cost curve;
/// and the least-cost portfolio.
///
/// Uncertainty: each of ``MitigationPlan/draws`` draws takes every sector share from a normal
/// distribution (its share and sd), truncated at 0 and renormalised to sum to 1, and one
/// standard-normal deviate z of the baseline (``MitigationPlan/baseline(year:deviation:)``: the
/// trend is trend + trend sd · z, or a forecast path is mean + sd · z in every year), from the
/// plan's seed; every scenario uses the
/// same draws, so differences between scenarios are not noise. Costs, the abatement curve, the
/// portfolio use the central shares and trend. Health (``HealthImpact``, in the function's unit
/// after ``MitigationPlan/healthConversionFactor``): the central avoided and attributable deaths
/// use the central concentrations and β; `avoidedDeathsLower`/`Upper` the relative risk's bounds
/// with the central reduction; the 95 % intervals (`…Lower95`, `…Upper95`) the draws, each with
/// its concentrations and a β drawn from its own stream (stream 1 of the plan's seed), so they
/// carry both uncertainties.
///
/// Economics (``Economics``): each scenario's net present cost over the base year to the
/// horizon at the plan's discount rate, and the present value of its valued avoided deaths, give
/// its benefit–cost ratio; the abatement curve ranks measures by levelised cost
/// (``MitigationPortfolio/levelisedCost(_:measure:)``); the portfolio minimises net present cost.
public struct MitigationRun: Sendable {
    /// One scenario in one year.
    public struct Year: Sendable, Equatable {
        /// The year.
        public let year: Int
        /// The central concentration (central shares and trend).
        public let central: Double
        /// The 5th, 50th and 95th percentiles over the draws.
        public let p5: Double, p50: Double, p95: Double
        /// The probability (share of draws) of being at or below each level, in level order.
        public let probabilityMeeting: [Double]
        /// The undiscounted cost of the scenario's measures this year: operating costs, capital
        /// paid this year, less residual values in the horizon year (``MitigationPlan/cost(year:measures:)``).
        public let cost: Double
        /// The central reduction against the baseline scenario, in the plan's unit.
        public let reduction: Double
        /// Cost per unit of reduction in the plan's unit (per µg/m³ for a plan in µg/m³; the name
        /// is that of the JSON key), `nil` without a reduction.
        public let costPerMicrogram: Double?
        /// Avoided premature deaths this year, of the outcome of the plan's
        /// ``ConcentrationResponse`` (natural-cause mortality in adults for PM2.5): central, lower,
        /// upper (from the relative risk's interval).
        public let avoidedDeaths: Double, avoidedDeathsLower: Double, avoidedDeathsUpper: Double
        /// The 2.5th and 97.5th percentiles of the avoided deaths over the draws, each with its
        /// own β (from the relative risk's interval) and its own baseline and scenario
        /// concentrations (shares and trend): the 95 % interval of both uncertainties.
        public let avoidedDeathsLower95: Double, avoidedDeathsUpper95: Double
        /// Deaths attributable to the scenario's concentration against the counterfactual
        /// (``HealthImpact/attributable(concentration:yearsAfterBase:beta:)``): central (central
        /// concentration and β) and the 2.5th and 97.5th percentiles over the draws.
        public let attributableDeaths: Double, attributableDeathsLower95: Double, attributableDeathsUpper95: Double
        /// Years of life lost avoided, avoided deaths × ``HealthImpact/yearsOfLifeLostPerDeath``;
        /// `nil` without a life table.
        public let yearsOfLifeLostAvoided: Double?
        /// Years of life lost to the attributable deaths; `nil` without a life table.
        public let attributableYearsOfLifeLost: Double?
        /// The value of the avoided deaths, avoided deaths × the city's VSL, in the valuation's
        /// unit; `nil` without a valuation.
        public let benefit: Double?
        /// benefit / cost, when the valuation's unit is the plan's cost unit and the cost is above 0.
        public let benefitCostRatio: Double?
    }

    /// One scenario.
    public struct Scenario: Sendable, Equatable {
        /// The name.
        public let name: String
        /// The measures by name.
        public let measures: [String]
        /// One entry per year from the base year to the horizon.
        public let years: [Year]
        /// The net present cost of its measures over the horizon (``MitigationPlan/netPresentCost(measures:)``).
        public let netPresentCost: Double
        /// The present value of the valued avoided deaths, Σ_y benefit_y · d(y), in the
        /// valuation's unit; `nil` without a valuation.
        public let presentBenefit: Double?
        /// presentBenefit / netPresentCost, when the valuation's unit is the plan's cost unit and
        /// the cost is above 0.
        public let benefitCostRatio: Double?
    }

    /// One step of the marginal abatement cost curve.
    public struct CurveStep: Sendable, Equatable {
        /// The measure.
        public let measure: String
        /// Its sector.
        public let sector: String
        /// The reduction it gives alone in the curve's year, in the plan's unit.
        public let reduction: Double
        /// Its undiscounted cost in the curve's year (``MitigationPlan/cost(year:measures:)``).
        public let annualCost: Double
        /// Its net present cost over the horizon.
        public let netPresentCost: Double
        /// Its cost in the curve's year per unit of the plan's concentration it removes alone
        /// that year; `nil` without a reduction.
        public let costPerMicrogram: Double?
        /// Its levelised cost per unit of the plan's concentration removed for a year, alone
        /// (``MitigationPortfolio/levelisedCost(_:measure:)``): the curve's ranking and bar
        /// height; `nil` when it removes nothing.
        public let levelisedCost: Double?
        /// The reduction of this and every cheaper measure together (interactions included).
        public let cumulativeReduction: Double
    }

    /// The plan.
    public let plan: MitigationPlan
    /// The levels judged (for example the WHO annual levels), in the plan's unit.
    public let levels: [(name: String, value: Double)]
    /// The scenarios: baseline, the plan's own, all measures, and the least-cost portfolio.
    public let scenarios: [Scenario]
    /// The year of the abatement curve: the target year, else the horizon.
    public let curveYear: Int
    /// The marginal abatement cost curve, lowest levelised cost per unit of concentration removed first.
    public let curve: [CurveStep]
    /// The least-cost portfolio, when the plan has a target and it can be met.
    public let portfolio: MitigationPortfolio.Solution?

    /// Runs the plan.
    ///
    /// - Parameters:
    ///   - plan: The checked plan.
    ///   - levels: Levels to judge, named, in the plan's unit.
    /// - Complexity: O(draws × scenarios × years × (sectors + measures)) plus the portfolio search.
    public init(plan: MitigationPlan, levels: [(name: String, value: Double)]) {
        self.plan = plan
        self.levels = levels
        var generator = SeededGenerator(seed: plan.seed)
        var draws: [(shares: [Double], deviation: Double)] = []
        for _ in 0..<plan.draws {
            var shares = plan.sectors.map { max(0, $0.share + $0.shareSD * generator.nextNormal()) }
            let total = shares.reduce(0, +)
            shares = total > 0 ? shares.map { $0 / total } : plan.sectors.map(\.share)
            draws.append((shares, generator.nextNormal()))
        }
        let year = plan.target?.year ?? plan.horizon
        curveYear = year
        let portfolio = plan.target.flatMap { MitigationPortfolio.leastCost(plan, target: $0.concentration, year: $0.year) }
        self.portfolio = portfolio
        var sets: [(String, [Int])] = [("baseline", [])]
        for scenario in plan.scenarios {
            sets.append((scenario.name, scenario.measures.compactMap { name in plan.measures.firstIndex { $0.name == name } }))
        }
        sets.append(("all measures", Array(plan.measures.indices)))
        if let portfolio { sets.append(("least cost", portfolio.measures)) }
        let years = Array(plan.baseYear...plan.horizon)
        let health = plan.health, factor = plan.healthConversionFactor
        // β has its own stream, so that the concentration draws stay those of plans before it.
        var betaGenerator = SeededGenerator(seed: plan.seed).split(stream: 1)
        let betas = draws.map { _ in health.beta + health.betaSD * betaGenerator.nextNormal() }
        let baselineDraws = years.map { y in
            draws.map { plan.concentration(year: y, measures: [], shares: $0.shares, deviation: $0.deviation) }
        }
        let interval95 = { (values: [Double]) in
            (try? Descriptive.quantiles(values.sorted(), probabilities: [0.025, 0.975])) ?? [.nan, .nan]
        }
        let sameUnit = health.valuation.map { $0.unit == plan.costUnit } ?? false
        scenarios = sets.map { name, selected in
            let scenarioYears = years.enumerated().map { i, y in
                let central = plan.concentration(year: y, measures: selected)
                let drawn = draws.map { plan.concentration(year: y, measures: selected, shares: $0.shares, deviation: $0.deviation) }
                let values = drawn.sorted()
                let quantiles = (try? Descriptive.quantiles(values, probabilities: [0.05, 0.5, 0.95])) ?? [.nan, .nan, .nan]
                let meeting = levels.map { level in Double(values.filter { $0 <= level.value }.count) / Double(values.count) }
                let reduction = plan.concentration(year: y, measures: []) - central
                let cost = plan.cost(year: y, measures: selected)
                let t = y - plan.baseYear
                let expected = health.expectedCases(yearsAfterBase: t)
                let deaths = { (rr: Double) in expected * (1 - exp(-log(rr) / health.increment * reduction * factor)) }
                let bounds = [deaths(health.relativeRisk.lower), deaths(health.relativeRisk.upper)]
                let avoided = deaths(health.relativeRisk.central)
                let avoidedDrawn = interval95(drawn.indices.map { d in
                    health.avoided(reduction: (baselineDraws[i][d] - drawn[d]) * factor, yearsAfterBase: t, beta: betas[d])
                })
                let attributable = health.attributable(concentration: central * factor, yearsAfterBase: t)
                let attributableDrawn = interval95(drawn.indices.map { d in
                    health.attributable(concentration: drawn[d] * factor, yearsAfterBase: t, beta: betas[d])
                })
                let benefit = health.valuation.map { avoided * $0.valuePerDeath }
                return Year(
                    year: y, central: central, p5: quantiles[0], p50: quantiles[1], p95: quantiles[2],
                    probabilityMeeting: meeting, cost: cost, reduction: reduction,
                    costPerMicrogram: reduction > 1e-12 ? cost / reduction : nil, avoidedDeaths: avoided,
                    avoidedDeathsLower: bounds.min() ?? 0, avoidedDeathsUpper: bounds.max() ?? 0,
                    avoidedDeathsLower95: avoidedDrawn[0], avoidedDeathsUpper95: avoidedDrawn[1],
                    attributableDeaths: attributable, attributableDeathsLower95: attributableDrawn[0],
                    attributableDeathsUpper95: attributableDrawn[1],
                    yearsOfLifeLostAvoided: health.yearsOfLifeLostPerDeath.map { $0 * avoided },
                    attributableYearsOfLifeLost: health.yearsOfLifeLostPerDeath.map { $0 * attributable },
                    benefit: benefit,
                    benefitCostRatio: benefit.flatMap { sameUnit && cost > 0 ? $0 / cost : nil })
            }
            let cost = plan.netPresentCost(measures: selected)
            let presentBenefit = health.valuation == nil ? nil
                : plan.discounting.presentValue(scenarioYears.map { ($0.year, $0.benefit ?? 0) })
            return Scenario(name: name, measures: selected.map { plan.measures[$0].name }, years: scenarioYears,
                            netPresentCost: cost, presentBenefit: presentBenefit,
                            benefitCostRatio: presentBenefit.flatMap { sameUnit && cost > 0 ? $0 / cost : nil })
        }
        let baseline = plan.concentration(year: year, measures: [])
        var cumulative: [Int] = []
        curve = MitigationPortfolio.marginalAbatementOrder(plan).map { index in
            cumulative.append(index)
            let removed = baseline - plan.concentration(year: year, measures: [index])
            let cost = plan.cost(year: year, measures: [index])
            return CurveStep(
                measure: plan.measures[index].name, sector: plan.measures[index].sector, reduction: removed,
                annualCost: cost, netPresentCost: plan.netPresentCost(of: index),
                costPerMicrogram: removed > 1e-12 ? cost / removed : nil,
                levelisedCost: MitigationPortfolio.levelisedCost(plan, measure: index),
                cumulativeReduction: baseline - plan.concentration(year: year, measures: cumulative))
        }
    }
}

extension MitigationRun {
    /// The document of `urbancast air mitigate --format json`.
    public var document: Document { Document(self) }

    /// The economics section of ``table``: each scenario's net present cost, and the present value
    /// of its valued avoided deaths and its benefit–cost ratio when the plan values them.
    var economicsTable: [String] {
        var header = ["scenario", "net present cost"]
        let valued = plan.health.valuation != nil
        if valued { header += ["PV of deaths avoided", "benefit/cost"] }
        var rows = [header]
        for scenario in scenarios {
            var row = [scenario.name, String(format: "%.1f", scenario.netPresentCost)]
            if valued {
                row += [scenario.presentBenefit.map { String(format: "%.1f", $0) } ?? "-",
                        scenario.benefitCostRatio.map { String(format: "%.2f", $0) } ?? "-"]
            }
            rows.append(row)
        }
        let discounting = plan.discounting
        return ["", String(format: "Economics, %d–%d, discounted at %.1f%% a year (real) to the end of %d; capital in the start year, renewed at the end of its lifetime, residual value credited at the horizon:",
                           plan.baseYear, plan.horizon, discounting.rate * 100, discounting.baseYear)] + TextTable.render(rows)
    }

    /// A summary table: each scenario at the curve year and the horizon, the curve, the portfolio.
    /// Every concentration is labelled with the plan's unit, and the deaths with their outcome and
    /// the relative risk they come from.
    public var table: String {
        let unit = plan.unit.symbol
        var rows = [["scenario", "year", "central", "p5", "p95"] + levels.map { "P(≤\($0.name))" }
            + ["cost", "per \(unit)", "deaths avoided (95% CI)"]]
        for scenario in scenarios {
            for year in scenario.years where year.year == curveYear || year.year == plan.horizon {
                rows.append([scenario.name, String(year.year), String(format: "%.1f", year.central), String(format: "%.1f", year.p5),
                             String(format: "%.1f", year.p95)] + year.probabilityMeeting.map { String(format: "%.2f", $0) }
                            + [String(format: "%.1f", year.cost), year.costPerMicrogram.map { String(format: "%.1f", $0) } ?? "-",
                               String(format: "%.0f (%.0f–%.0f)", year.avoidedDeaths, year.avoidedDeathsLower, year.avoidedDeathsUpper)])
            }
        }
        var lines = ["\(plan.pollutant.name) in \(plan.unit.symbol); costs in \(plan.costUnit) (cost: the year's undiscounted cost)"]
        if let forecast = plan.forecastBaseline {
            lines.append(String(format: "Baseline: %.1f in %d, forecast by %@ (%@) of the monthly means of %@%@, observed to %@",
                                plan.baseConcentration, plan.baseYear, forecast.fittedModel, forecast.model,
                                forecast.key.isEmpty ? "" : "\(forecast.key) in ", forecast.source.file,
                                forecast.lastObserved.description))
            lines.append("  " + forecast.path.map { String(format: "%d %.1f ± %.1f", $0.year, $0.mean, $0.sd) }.joined(separator: ", "))
        } else {
            lines.append(String(format: "Baseline: %.1f in %d, trend %.2f (sd %.2f) per year", plan.baseConcentration, plan.baseYear,
                                plan.trendPerYear, plan.trendSD))
        }
        if let derived = plan.derivedBaseline {
            let describe = { (source: MitigationPlan.DerivedBaseline.Source, key: SeriesKey) in
                (key.isEmpty ? "" : "\(key) in ") + source.file + (source.normalized ? " (weather-normalised)" : "")
            }
            lines.append(String(format: "  level from %@, %d valid days", describe(derived.level, derived.levelKey), derived.validDays))
            lines.append(String(format: "  trend from %@, Theil–Sen 95%% interval %.2f to %.2f over %d months",
                                describe(derived.trendSource, derived.trendKey), derived.trend.lower, derived.trend.upper, derived.trend.months))
        }
        lines += TextTable.render(rows)
        lines.append("Deaths avoided: \(plan.health.summary); 95% CI from the relative risk's interval only.")
        lines += healthTable
        lines += economicsTable
        lines.append("")
        lines.append("Marginal abatement cost curve, \(curveYear) (levelised: net present cost / discounted \(unit) removed, alone):")
        var curveRows = [["measure", "sector", "\(unit) alone", "cost", "per \(unit)", "NPC", "per \(unit)-year", "cumulative \(unit)"]]
        for step in curve {
            curveRows.append([step.measure, step.sector, String(format: "%.2f", step.reduction), String(format: "%.1f", step.annualCost),
                              step.costPerMicrogram.map { String(format: "%.1f", $0) } ?? "-", String(format: "%.1f", step.netPresentCost),
                              step.levelisedCost.map { String(format: "%.1f", $0) } ?? "-", String(format: "%.2f", step.cumulativeReduction)])
        }
        lines += TextTable.render(curveRows)
        if let target = plan.target {
            lines.append("")
            if let portfolio, portfolio.measures.isEmpty {
                lines.append(String(format: "The baseline already meets %@ %@ by %d (%.1f): no measure is needed.",
                                    target.concentration.asWritten, plan.unit.symbol, target.year, portfolio.concentration))
            } else if let portfolio {
                lines.append("Least-cost portfolio for \(target.concentration) \(plan.unit.symbol) by \(target.year): "
                    + portfolio.measures.map { plan.measures[$0].name }.joined(separator: ", ")
                    + String(format: "; net present cost %.1f %@ (%.1f in %d); %.1f %@", portfolio.netPresentCost, plan.costUnit,
                             portfolio.annualCost, target.year, portfolio.concentration, plan.unit.symbol))
            } else {
                lines.append("No portfolio reaches \(target.concentration) \(plan.unit.symbol) by \(target.year), even with every measure.")
            }
        }
        return lines.joined(separator: "\n")
    }
}
