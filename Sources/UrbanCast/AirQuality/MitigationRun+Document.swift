import Forecasting

extension MitigationRun {
    /// The document of `urbancast air mitigate --format json`; its coding keys are the contract:
    /// `{"pollutant", "unit", "costUnit", "discountRate", "discountedTo", "levels": [{"name", "value"}], "scenarios": [{"name",
    /// "measures", "netPresentCost", "presentBenefit", "benefitCostRatio", "years": [{"year", "central", "p5", "p50", "p95", "probabilityMeeting":
    /// {"IT-1": p, ...}, "cost", "reduction", "costPerMicrogram", "avoidedDeaths",
    /// "avoidedDeathsLower", "avoidedDeathsUpper", "avoidedDeathsLower95", "avoidedDeathsUpper95", "attributableDeaths",
    /// "attributableDeathsLower95", "attributableDeathsUpper95", "yearsOfLifeLostAvoided",
    /// "attributableYearsOfLifeLost", "benefit", "benefitCostRatio"}]}], "abatementCurve": {"year", "steps":
    /// [{"measure", "sector", "reduction", "annualCost", "netPresentCost", "costPerMicrogram", "levelisedCost",
    /// "cumulativeReduction"}]}, "portfolio": {"target", "year", "measures", "annualCost",
    /// "netPresentCost", "concentration"} | null, "baseline": {"year", "concentration", "trendPerYear", "trendSD",
    /// "derivedFrom": {"level": {"file", "key", "normalized", "validDays"}, "trend": {"file",
    /// "key", "normalized", "lower95", "upper95", "months"}} | null, "forecast": {"file", "key",
    /// "normalized", "model", "fittedModel", "lastObserved", "interpolatedMonths", "samplePaths",
    /// "path": [{"year", "mean", "sd", "forecastMonths"}]} | null}, "health": {"function", "pollutant",
    /// "averaging", "exposure", "outcome", "ages", "source", "relativeRisk": {"central", "lower",
    /// "upper"}, "increment", "unit", "conversionFactor", "counterfactual", "counterfactualSource",
    /// "population", "expectedCases", "populationGrowth", "rateChange", "ageGroups": [{"ages",
    /// "population", "baselineRate", "counted"}], "yearsOfLifeLostPerDeath", "lifeTableSource",
    /// "valuation": {"vsl", "baseIncome", "income", "elasticity", "valuePerDeath", "unit"} | null}}`. Concentrations are in the
    /// plan's unit, costs in its cost unit per year; non-finite numbers are written as `null`.
    public struct Document: Codable, Sendable {
        /// A level judged.
        public struct Level: Codable, Sendable {
            /// The level's name (`IT-1`).
            public var name: String
            /// The level, in the plan's unit.
            @NullWhenNotFinite public var value: Double
        }

        /// One scenario.
        public struct Scenario: Codable, Sendable {
            /// The scenario's name.
            public var name: String
            /// Its measures by name.
            public var measures: [String]
            /// The net present cost of its measures.
            @NullWhenNotFinite public var netPresentCost: Double
            /// The present value of its valued avoided deaths; `null` without a valuation.
            @ExplicitNull public var presentBenefit: Double?
            /// presentBenefit / netPresentCost; `null` without a valuation in the cost unit or without a cost.
            @ExplicitNull public var benefitCostRatio: Double?
            /// One entry per year from the base year to the horizon.
            public var years: [Year]
        }

        /// One scenario in one year.
        public struct Year: Codable, Sendable {
            /// The year.
            public var year: Int
            /// The central concentration (central shares and trend).
            @NullWhenNotFinite public var central: Double
            /// The 5th percentile over the draws.
            @NullWhenNotFinite public var p5: Double
            /// The median over the draws.
            @NullWhenNotFinite public var p50: Double
            /// The 95th percentile over the draws.
            @NullWhenNotFinite public var p95: Double
            /// The probability of being at or below each level, by level name.
            public var probabilityMeeting: NamedValues<Double>
            /// The undiscounted cost of the scenario's measures this year.
            @NullWhenNotFinite public var cost: Double
            /// The central reduction against the baseline scenario.
            @NullWhenNotFinite public var reduction: Double
            /// Cost per unit of reduction; `null` without a reduction.
            @ExplicitNull public var costPerMicrogram: Double?
            /// Avoided premature deaths this year, central.
            @NullWhenNotFinite public var avoidedDeaths: Double
            /// The lower bound of the avoided deaths (from the relative risk's interval).
            @NullWhenNotFinite public var avoidedDeathsLower: Double
            /// The upper bound of the avoided deaths.
            @NullWhenNotFinite public var avoidedDeathsUpper: Double
            /// The 2.5th percentile of the avoided deaths over the draws of β and concentrations.
            @NullWhenNotFinite public var avoidedDeathsLower95: Double
            /// The 97.5th percentile of the avoided deaths over the draws.
            @NullWhenNotFinite public var avoidedDeathsUpper95: Double
            /// Deaths attributable to the scenario's concentration against the counterfactual.
            @NullWhenNotFinite public var attributableDeaths: Double
            /// The 2.5th percentile of the attributable deaths over the draws.
            @NullWhenNotFinite public var attributableDeathsLower95: Double
            /// The 97.5th percentile of the attributable deaths over the draws.
            @NullWhenNotFinite public var attributableDeathsUpper95: Double
            /// Years of life lost avoided; `null` without a life table.
            @ExplicitNull public var yearsOfLifeLostAvoided: Double?
            /// Years of life lost to the attributable deaths; `null` without a life table.
            @ExplicitNull public var attributableYearsOfLifeLost: Double?
            /// The value of the avoided deaths; `null` without a valuation.
            @ExplicitNull public var benefit: Double?
            /// Benefit over cost; `null` without a valuation in the cost unit or without a cost.
            @ExplicitNull public var benefitCostRatio: Double?
        }

        /// The health parameters behind the deaths.
        public struct Health: Codable, Sendable {
            /// The concentration–response function's identifier.
            public var function: String
            /// Its pollutant.
            public var pollutant: String
            /// `long-term` or `short-term`.
            public var averaging: String
            /// The exposure metric.
            public var exposure: String
            /// The outcome counted.
            public var outcome: String
            /// Who it is counted in.
            public var ages: String
            /// The function's source; `from the plan` when the plan gives its own relative risk.
            public var source: String
            /// The relative risk per increment: central, lower and upper.
            public var relativeRisk: NamedValues<Double>
            /// The increment, in ``unit``.
            @NullWhenNotFinite public var increment: Double
            /// The function's unit.
            public var unit: String
            /// The factor from the plan's unit to the function's (gases at 25 °C, 1013.25 hPa).
            @NullWhenNotFinite public var conversionFactor: Double
            /// The burden's counterfactual, in the function's unit.
            @NullWhenNotFinite public var counterfactual: Double
            /// Where the counterfactual comes from.
            public var counterfactualSource: String
            /// The exposed population of the function's ages in the base year.
            @NullWhenNotFinite public var population: Double
            /// The base year's expected cases of the outcome in that population.
            @NullWhenNotFinite public var expectedCases: Double
            /// Population growth per year.
            @NullWhenNotFinite public var populationGrowth: Double
            /// Change of the baseline rates per year (0: frozen).
            @NullWhenNotFinite public var rateChange: Double
            /// The age groups as given, and whether each is counted.
            public var ageGroups: [AgeGroup]
            /// Years of life lost per death; `null` without a life table.
            @ExplicitNull public var yearsOfLifeLostPerDeath: Double?
            /// The life table's source; `null` without one.
            @ExplicitNull public var lifeTableSource: String?
            /// The valuation; `null` without one.
            @ExplicitNull public var valuation: Valuation?
        }

        /// One age group of the health parameters.
        public struct AgeGroup: Codable, Sendable {
            /// The ages, `30-34` or `85+`.
            public var ages: String
            /// The population in the base year.
            @NullWhenNotFinite public var population: Double
            /// The baseline rate, cases per person per year.
            @NullWhenNotFinite public var baselineRate: Double
            /// Whether the group is inside the function's ages.
            public var counted: Bool
        }

        /// The value of a statistical life transferred by income.
        public struct Valuation: Codable, Sendable {
            /// The base VSL.
            @NullWhenNotFinite public var vsl: Double
            /// The base income per person.
            @NullWhenNotFinite public var baseIncome: Double
            /// The city's income per person.
            @NullWhenNotFinite public var income: Double
            /// The income elasticity.
            @NullWhenNotFinite public var elasticity: Double
            /// The city's VSL, vsl × (income / baseIncome)^elasticity.
            @NullWhenNotFinite public var valuePerDeath: Double
            /// The unit of the values.
            public var unit: String
        }

        /// The marginal abatement cost curve.
        public struct AbatementCurve: Codable, Sendable {
            /// The curve's year: the target year, else the horizon.
            public var year: Int
            /// The measures, cheapest per unit of concentration removed first.
            public var steps: [Step]
        }

        /// One step of the abatement curve.
        public struct Step: Codable, Sendable {
            /// The measure.
            public var measure: String
            /// Its sector.
            public var sector: String
            /// The reduction it gives alone.
            @NullWhenNotFinite public var reduction: Double
            /// Its cost in the curve's year.
            @NullWhenNotFinite public var annualCost: Double
            /// Its net present cost.
            @NullWhenNotFinite public var netPresentCost: Double
            /// Cost per unit of concentration removed, alone, in the curve's year; `null` without a reduction.
            @ExplicitNull public var costPerMicrogram: Double?
            /// Levelised cost per unit removed for a year, alone (the curve's order); `null` without a reduction.
            @ExplicitNull public var levelisedCost: Double?
            /// The reduction of this and every cheaper measure together.
            @NullWhenNotFinite public var cumulativeReduction: Double
        }

        /// The least-cost portfolio that meets the target.
        public struct Portfolio: Codable, Sendable {
            /// The target concentration.
            @NullWhenNotFinite public var target: Double
            /// The target year.
            public var year: Int
            /// The measures chosen, by name.
            public var measures: [String]
            /// Their undiscounted cost in the target year.
            @NullWhenNotFinite public var annualCost: Double
            /// Their net present cost: the quantity minimised.
            @NullWhenNotFinite public var netPresentCost: Double
            /// The central concentration they reach in the target year.
            @NullWhenNotFinite public var concentration: Double
        }

        /// The baseline: the plan's level and trend, and where they came from.
        public struct Baseline: Codable, Sendable {
            /// The base year.
            public var year: Int
            /// The concentration in the base year.
            @NullWhenNotFinite public var concentration: Double
            /// The trend per year.
            @NullWhenNotFinite public var trendPerYear: Double
            /// The trend's standard deviation.
            @NullWhenNotFinite public var trendSD: Double
            /// The measured level and trend behind the baseline; `null` when the plan gives them.
            @ExplicitNull public var derivedFrom: DerivedFrom?
            /// The forecast behind the baseline; `null` without one.
            @ExplicitNull public var forecast: Forecast?
        }

        /// The measured series behind a derived baseline.
        public struct DerivedFrom: Codable, Sendable {
            /// Where the level came from.
            public var level: LevelSource
            /// Where the trend came from.
            public var trend: TrendSource
        }

        /// The series of a derived level.
        public struct LevelSource: Codable, Sendable {
            /// The file read.
            public var file: String
            /// The series key, as an object of column → value.
            public var key: SeriesKey
            /// Whether the series was weather-normalised.
            public var normalized: Bool
            /// The valid days behind the level.
            public var validDays: Int
        }

        /// The series of a derived trend.
        public struct TrendSource: Codable, Sendable {
            /// The file read.
            public var file: String
            /// The series key, as an object of column → value.
            public var key: SeriesKey
            /// Whether the series was weather-normalised.
            public var normalized: Bool
            /// The lower bound of the Theil–Sen slope's 95 % interval.
            @NullWhenNotFinite public var lower95: Double
            /// The upper bound of the interval.
            @NullWhenNotFinite public var upper95: Double
            /// The months used.
            public var months: Int
        }

        /// A forecast baseline.
        public struct Forecast: Codable, Sendable {
            /// The file read.
            public var file: String
            /// The series key, as an object of column → value.
            public var key: SeriesKey
            /// Whether the series was weather-normalised.
            public var normalized: Bool
            /// The model asked for.
            public var model: String
            /// The model fitted.
            public var fittedModel: String
            /// The last observed month.
            public var lastObserved: SeriesDate
            /// The months filled by interpolation before fitting.
            public var interpolatedMonths: Int
            /// The sample paths behind the forecast standard deviations.
            public var samplePaths: Int
            /// The forecast annual means.
            public var path: [PathYear]
        }

        /// One year of a forecast baseline.
        public struct PathYear: Codable, Sendable {
            /// The year.
            public var year: Int
            /// The forecast annual mean.
            @NullWhenNotFinite public var mean: Double
            /// Its standard deviation.
            @NullWhenNotFinite public var sd: Double
            /// The forecast (not observed) months in the year.
            public var forecastMonths: Int
        }

        /// The pollutant's name.
        public var pollutant: String
        /// The plan's unit symbol.
        public var unit: String
        /// The plan's cost unit.
        public var costUnit: String
        /// The real discount rate per year.
        @NullWhenNotFinite public var discountRate: Double
        /// The year whose end present values are discounted to (the base year).
        public var discountedTo: Int
        /// The levels judged.
        public var levels: [Level]
        /// The scenarios: baseline, the plan's own, all measures, and the least-cost portfolio.
        public var scenarios: [Scenario]
        /// The marginal abatement cost curve.
        public var abatementCurve: AbatementCurve
        /// The least-cost portfolio; `null` without a target or when none meets it.
        @ExplicitNull public var portfolio: Portfolio?
        /// The baseline.
        public var baseline: Baseline
        /// The health parameters.
        public var health: Health

        /// The document of `run`.
        ///
        /// - Complexity: O(scenarios × years × levels + curve).
        public init(_ run: MitigationRun) {
            let plan = run.plan
            pollutant = plan.pollutant.name
            unit = plan.unit.symbol
            costUnit = plan.costUnit
            discountRate = plan.discountRate
            discountedTo = plan.baseYear
            levels = run.levels.map { Level(name: $0.name, value: $0.value) }
            scenarios = run.scenarios.map { scenario in
                Scenario(name: scenario.name, measures: scenario.measures, netPresentCost: scenario.netPresentCost,
                         presentBenefit: scenario.presentBenefit, benefitCostRatio: scenario.benefitCostRatio,
                         years: scenario.years.map { year in
                    Year(
                        year: year.year, central: year.central, p5: year.p5, p50: year.p50, p95: year.p95,
                        probabilityMeeting: NamedValues(zip(run.levels, year.probabilityMeeting).map { ($0.name, $1) }),
                        cost: year.cost, reduction: year.reduction, costPerMicrogram: year.costPerMicrogram,
                        avoidedDeaths: year.avoidedDeaths, avoidedDeathsLower: year.avoidedDeathsLower,
                        avoidedDeathsUpper: year.avoidedDeathsUpper, avoidedDeathsLower95: year.avoidedDeathsLower95,
                        avoidedDeathsUpper95: year.avoidedDeathsUpper95, attributableDeaths: year.attributableDeaths,
                        attributableDeathsLower95: year.attributableDeathsLower95,
                        attributableDeathsUpper95: year.attributableDeathsUpper95,
                        yearsOfLifeLostAvoided: year.yearsOfLifeLostAvoided,
                        attributableYearsOfLifeLost: year.attributableYearsOfLifeLost, benefit: year.benefit,
                        benefitCostRatio: year.benefitCostRatio)
                })
            }
            abatementCurve = AbatementCurve(year: run.curveYear, steps: run.curve.map {
                Step(measure: $0.measure, sector: $0.sector, reduction: $0.reduction, annualCost: $0.annualCost,
                     netPresentCost: $0.netPresentCost, costPerMicrogram: $0.costPerMicrogram, levelisedCost: $0.levelisedCost,
                     cumulativeReduction: $0.cumulativeReduction)
            })
            portfolio = run.portfolio.flatMap { portfolio in
                plan.target.map { target in
                    Portfolio(target: target.concentration, year: target.year,
                              measures: portfolio.measures.map { plan.measures[$0].name },
                              annualCost: portfolio.annualCost, netPresentCost: portfolio.netPresentCost,
                              concentration: portfolio.concentration)
                }
            }
            let health = plan.health
            self.health = Health(
                function: health.function.id, pollutant: health.pollutant.name, averaging: health.function.averaging.rawValue,
                exposure: health.function.exposure, outcome: health.function.outcome, ages: health.function.ages,
                source: health.isPublished ? health.function.source : "from the plan",
                relativeRisk: NamedValues([("central", health.relativeRisk.central), ("lower", health.relativeRisk.lower),
                                           ("upper", health.relativeRisk.upper)]),
                increment: health.increment, unit: health.unit.symbol, conversionFactor: plan.healthConversionFactor,
                counterfactual: health.counterfactual, counterfactualSource: health.counterfactualSource,
                population: health.population, expectedCases: health.expectedCases, populationGrowth: health.populationGrowth,
                rateChange: health.rateChange,
                ageGroups: health.ageGroups.map {
                    AgeGroup(ages: $0.label, population: $0.population, baselineRate: $0.baselineRate,
                             counted: health.function.covers($0.lowerAge))
                },
                yearsOfLifeLostPerDeath: health.yearsOfLifeLostPerDeath, lifeTableSource: health.lifeTable?.source,
                valuation: health.valuation.map {
                    Valuation(vsl: $0.baseValue, baseIncome: $0.baseIncome, income: $0.income, elasticity: $0.elasticity,
                              valuePerDeath: $0.valuePerDeath, unit: $0.unit)
                })
            baseline = Baseline(
                year: plan.baseYear, concentration: plan.baseConcentration, trendPerYear: plan.trendPerYear,
                trendSD: plan.trendSD,
                derivedFrom: plan.derivedBaseline.map { derived in
                    DerivedFrom(
                        level: LevelSource(file: derived.level.file, key: derived.levelKey,
                                           normalized: derived.level.normalized, validDays: derived.validDays),
                        trend: TrendSource(file: derived.trendSource.file, key: derived.trendKey,
                                           normalized: derived.trendSource.normalized, lower95: derived.trend.lower,
                                           upper95: derived.trend.upper, months: derived.trend.months))
                },
                forecast: plan.forecastBaseline.map { forecast in
                    Forecast(
                        file: forecast.source.file, key: forecast.key, normalized: forecast.source.normalized,
                        model: forecast.model, fittedModel: forecast.fittedModel, lastObserved: forecast.lastObserved,
                        interpolatedMonths: forecast.interpolatedMonths, samplePaths: forecast.samplePaths,
                        path: forecast.path.map { PathYear(year: $0.year, mean: $0.mean, sd: $0.sd, forecastMonths: $0.forecastMonths) })
                })
        }
    }
}

extension MitigationRun {
    /// The health section of ``table``: attributable and avoided deaths with the intervals of
    /// both uncertainties, and years of life lost and the benefit when the plan asks for them.
    var healthTable: [String] {
        let health = plan.health
        let fixed = { (value: Double) in String(format: "%.0f", value) }
        var header = ["scenario", "year", "attributable (95%)", "avoided (95%)"]
        if health.lifeTable != nil { header.append("YLL avoided") }
        if let valuation = health.valuation { header += ["benefit" + (valuation.unit.isEmpty ? "" : " (\(valuation.unit))"), "benefit/cost"] }
        var rows = [header]
        for scenario in scenarios {
            for year in scenario.years where year.year == curveYear || year.year == plan.horizon {
                var row = [scenario.name, String(year.year),
                           "\(fixed(year.attributableDeaths)) (\(fixed(year.attributableDeathsLower95))–\(fixed(year.attributableDeathsUpper95)))",
                           "\(fixed(year.avoidedDeaths)) (\(fixed(year.avoidedDeathsLower95))–\(fixed(year.avoidedDeathsUpper95)))"]
                if health.lifeTable != nil { row.append(year.yearsOfLifeLostAvoided.map(fixed) ?? "-") }
                if health.valuation != nil {
                    row += [year.benefit.map { String(format: "%.1f", $0) } ?? "-", year.benefitCostRatio.map { String(format: "%.2f", $0) } ?? "-"]
                }
                rows.append(row)
            }
        }
        let unit = health.unit.symbol
        var lines = [""]
        var setting = String(format: "Health: deaths attributable above %@ %@ (%@) and avoided against the baseline scenario; ",
                             health.counterfactual.asWritten, unit, health.counterfactualSource)
        setting += String(format: "%.0f persons counted (%@) in %d, growing %.2f%% a year; ", health.population, health.function.ages,
                          plan.baseYear, health.populationGrowth * 100)
        if health.ageGroups.count == 1 {
            // One group cannot say whose population it is; a city's total and its crude death
            // rate are the usual mistake, and they overstate the deaths.
            setting += String(format: "one group given, taken to be %@ with their %@ rate (a whole city's population and crude death rate overstate the deaths); ",
                              health.function.ages, health.function.outcome)
        }
        setting += health.rateChange == 0 ? "baseline rates frozen at the base year; "
            : String(format: "baseline rates changing %.2f%% a year; ", health.rateChange * 100)
        setting += "95% intervals over the draws of the relative risk and the concentrations."
        lines.append(setting)
        if plan.unit != health.unit {
            lines.append(String(format: "Concentrations converted from %@ to %@ (× %.4f, at 25 °C and 1013.25 hPa).",
                                plan.unit.symbol, unit, plan.healthConversionFactor))
        }
        if let valuation = health.valuation {
            lines.append(String(format: "Value of a statistical life %.4g %@ × (%.6g / %.6g)^%.2f = %.4g %@ (OECD 2012 income transfer).",
                                valuation.baseValue, valuation.unit, valuation.income, valuation.baseIncome, valuation.elasticity,
                                valuation.valuePerDeath, valuation.unit))
        }
        if let perDeath = health.yearsOfLifeLostPerDeath {
            lines.append(String(format: "Years of life lost: %.2f per death from the life table (%@).", perDeath, health.lifeTable?.source ?? ""))
        }
        return lines + TextTable.render(rows)
    }
}
