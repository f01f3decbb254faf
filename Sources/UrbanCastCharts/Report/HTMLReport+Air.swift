import UrbanCast

extension HTMLReport {
    /// The report of `air sources`: the pollutant, the settings the caller gives, the
    /// assumptions (indications, not an apportionment; how the wind is binned), each station's
    /// mean and wind hours, the urban increment, the manifest facts, and the charts of
    /// ``SourceReport/charts(maximumStations:)``. A station without wind data is named in a warning.
    ///
    /// ```swift
    /// let report = try SourceReport(contentsOf: "beijing_dongsi_hourly_wide.csv", pollutant: .pm25)
    /// try HTMLReport(sources: report).write(to: "sources.html")
    /// ```
    ///
    /// - Parameters:
    ///   - report: The source signals.
    ///   - inputs: The input files with their SHA-256, or empty for data in memory.
    ///   - settings: Facts about how the report was made (the wind columns read, say), shown with the pollutant.
    ///   - maximumStations: The most stations charted.
    /// - Complexity: O(stations × sectors).
    public init(sources report: SourceReport, inputs: [RunDirectory.Manifest.Input] = [],
                settings: [(name: String, value: String)] = [], maximumStations: Int = 24) {
        let unit = report.unit.symbol
        self.init(title: "Source signals: \(report.pollutant.name)",
                  subtitle: "\(report.stations.count) station\(report.stations.count == 1 ? "" : "s"); "
                      + "\(SourceReport.caveat); UrbanCast \(UrbanCastVersion.string)")
        sections.append(Section(heading: "Inputs and settings",
                                facts: [("pollutant", report.pollutant.name), ("unit", unit)] + settings
                                    + [("background station", report.increment?.background ?? "none")]))
        let thresholds = report.stations.compactMap { $0.wind?.threshold }
        sections.append(Section(heading: "Assumptions", facts: [
            ("what this is", "Indications of where \(report.pollutant.name) comes from, not a source apportionment."),
            ("wind directions", "16 sectors of 22.5° centred on N, NNE, …, the direction the wind blows from."),
            ("wind speeds", SourceReport.speedClasses.joined(separator: ", ")),
            ("hours counted", "Hours with a \(report.pollutant.name) reading, a wind direction and a wind speed."),
            ("conditional probability (CPF)", "The share of a sector's hours at or above the 75th percentile of all such hours"
                + (thresholds.isEmpty ? "." : " (" + thresholds.map { "\(ChartText.readable($0)) \(unit)" }.joined(separator: ", ") + ").")),
            ("polar plot", "Binned means per direction and speed class (openair's polarPlot smooths these into a surface); "
                + "a class without hours is left empty."),
        ]))
        sections.append(Section(heading: "Stations", table: DataTable(
            columns: ["station", titled("mean", unit: unit), "hours with wind", titled("CPF threshold", unit: unit)],
            rows: report.stations.map { station in
                [station.key.isEmpty ? "all" : station.key.description, ChartText.readable(station.mean),
                 station.wind.map { String($0.sectors.reduce(0) { $0 + $1.count }) } ?? "no wind data",
                 station.wind.map { ChartText.readable($0.threshold) } ?? ""]
            })))
        if let increment = report.increment {
            sections.append(Section(heading: "Urban increment over \(increment.background)", table: DataTable(
                columns: ["station", titled("increment", unit: unit), "days", titled("background mean", unit: unit)],
                rows: increment.stations.map { [$0.station, ChartText.readable($0.increment), String($0.days), ChartText.readable($0.backgroundMean)] })))
        }
        sections.append(Self.manifestSection(inputs: inputs, seed: "none (no random draws)"))
        let windless = report.stations.filter { $0.wind == nil }
        if !windless.isEmpty {
            warnings.append("No wind data for " + (windless.count == report.stations.count ? "any station"
                : windless.map { $0.key.isEmpty ? "all" : $0.key.description }.joined(separator: ", "))
                + ": no wind rose or polar plot (wind needs a wide file with wind-direction and wind-speed columns).")
        }
        charts = report.charts(maximumStations: maximumStations)
        let charted = report.stations.filter { $0.wind != nil }.count
        if charted > maximumStations {
            notes.append("Wind charts for the first \(maximumStations) of \(charted) stations with wind data; the rest are in the text and JSON outputs.")
        }
    }

    /// The report of `air mitigate`: the plan's settings (baseline and where it came from,
    /// horizon, draws, seed, target), the assumptions (the concentration model, the uncertainty
    /// draws, the health function), each scenario at the curve year and the horizon, the least-cost
    /// portfolio, the manifest facts, and the charts of ``MitigationRun/charts()``.
    ///
    /// ```swift
    /// let plan = try MitigationPlan(contentsOf: "beijing-pm25-mitigation.yaml")
    /// let run = MitigationRun(plan: plan, levels: try AirQualityStandards.builtIn.guidelines.annualLevels(for: plan.pollutant, in: plan.unit))
    /// try HTMLReport(mitigation: run).write(to: "mitigation.html")
    /// ```
    ///
    /// - Parameters:
    ///   - run: The finished run.
    ///   - inputs: The plan and data files with their SHA-256, or empty for a plan in memory.
    /// - Complexity: O(scenarios × years + measures).
    public init(mitigation run: MitigationRun, inputs: [RunDirectory.Manifest.Input] = []) {
        let plan = run.plan
        let unit = plan.unit.symbol
        self.init(title: "Mitigation plan: \(plan.pollutant.name)",
                  subtitle: "\(plan.baseYear) to \(plan.horizon), \(plan.measures.count) measures, \(plan.draws) draws; UrbanCast \(UrbanCastVersion.string)")
        var settings: [(name: String, value: String)] = [
            ("pollutant", plan.pollutant.name), ("unit", unit), ("base year", String(plan.baseYear)),
            ("base concentration", "\(ChartText.readable(plan.baseConcentration)) \(unit)"), ("horizon", String(plan.horizon)),
        ]
        if let forecast = plan.forecastBaseline {
            settings.append(("baseline", "forecast by \(forecast.fittedModel) (\(forecast.model)) of the monthly means of "
                + (forecast.key.isEmpty ? "" : "\(forecast.key) in ") + "\(forecast.source.file), observed to \(forecast.lastObserved)"))
        } else {
            settings.append(("baseline trend", "\(ChartText.readable(plan.trendPerYear)) \(unit) a year (sd \(ChartText.readable(plan.trendSD)))"))
        }
        if let derived = plan.derivedBaseline {
            let describe = { (source: MitigationPlan.DerivedBaseline.Source, key: SeriesKey) in
                (key.isEmpty ? "" : "\(key) in ") + source.file + (source.normalized ? " (weather-normalised)" : "")
            }
            settings.append(("baseline level from", "\(describe(derived.level, derived.levelKey)), \(derived.validDays) valid days"))
            settings.append(("baseline trend from", "\(describe(derived.trendSource, derived.trendKey)), Theil–Sen 95% interval "
                + "\(ChartText.readable(derived.trend.lower)) to \(ChartText.readable(derived.trend.upper)) over \(derived.trend.months) months"))
        }
        settings += [
            ("cost unit", plan.costUnit.isEmpty ? "not given" : plan.costUnit),
            ("target", plan.target.map { "\(ChartText.compact($0.concentration)) \(unit) by \($0.year)" } ?? "none"),
            ("levels judged", run.levels.map { "\($0.name) \(ChartText.compact($0.value)) \(unit)" }.joined(separator: ", ")),
            ("draws", String(plan.draws)), ("seed", String(plan.seed)),
        ]
        sections.append(Section(heading: "Inputs and settings", facts: settings))
        sections.append(Section(heading: "Assumptions", facts: [
            ("concentration", "C(y; M) = B(y) · Σₛ wₛ(y) · Π (1 − rₘ · rampₘ(y)) over the measures on sector s; "
                + "sector weights grow with each sector's activity and are renormalised."),
            ("uncertainty", "Each draw takes every sector share from a normal distribution (truncated at 0, renormalised) and one "
                + "deviate of the baseline; every scenario uses the same draws. Intervals are the 5th to 95th percentile."),
            ("abatement cost curve", "Measures in order of levelised cost per \(unit) removed alone (net present cost over the "
                + "discounted reduction, \(plan.baseYear)–\(plan.horizon)); each bar's width is what the measure adds to the cheaper "
                + "ones in \(run.curveYear)."),
            ("economics", "Costs in constant prices, discounted at \(ChartText.readable(plan.discountRate * 100))% a year to the end of "
                + "\(plan.baseYear); a measure pays its capital in its start year and again when its lifetime ends, its annual cost "
                + "every year from its start, and is credited its residual value at the horizon; the portfolio minimises net present cost."),
            ("health", plan.health.summary + "; the scenario table's interval comes from the relative risk's interval only, "
                + "the health table's 95% intervals from the draws of the relative risk and the concentrations together."),
        ]))
        sections.append(Section(heading: "Sectors and measures", table: DataTable(
            columns: ["measure", "sector", "sector share", "reduction of the sector", "start", "ramp (years)", titled("annual cost", unit: plan.costUnit),
                      titled("capital", unit: plan.costUnit), "lifetime (years)", titled("net present cost", unit: plan.costUnit)],
            rows: plan.measures.enumerated().map { index, measure in
                [measure.name, measure.sector, plan.sectors.first { $0.name == measure.sector }.map { ChartText.readable($0.share) } ?? "",
                 ChartText.readable(measure.reduction), String(measure.start), String(measure.ramp), ChartText.readable(measure.annualCost),
                 ChartText.readable(measure.capital), measure.lifetime.map(String.init) ?? "", ChartText.readable(plan.netPresentCost(of: index))]
            })))
        let valued = plan.health.valuation != nil
        sections.append(Section(heading: "Economics", table: DataTable(
            columns: ["scenario", titled("net present cost", unit: plan.costUnit)]
                + (valued ? [titled("present value of deaths avoided", unit: plan.health.valuation?.unit ?? ""), "benefit/cost"] : []),
            rows: run.scenarios.map { scenario in
                [scenario.name, ChartText.readable(scenario.netPresentCost)]
                    + (valued ? [scenario.presentBenefit.map(ChartText.readable) ?? "", scenario.benefitCostRatio.map(ChartText.readable) ?? ""] : [])
            })))
        let shownYears = Set([run.curveYear, plan.horizon])
        sections.append(Section(heading: "Scenarios", table: DataTable(
            columns: ["scenario", "year", titled("central", unit: unit), "p5", "p95"] + run.levels.map { "P(≤ \($0.name))" }
                + [titled("cost", unit: plan.costUnit), "cost per \(unit)", "deaths avoided", "95% interval"],
            rows: run.scenarios.flatMap { scenario in
                scenario.years.filter { shownYears.contains($0.year) }.map { year in
                    [scenario.name, String(year.year), ChartText.readable(year.central), ChartText.readable(year.p5), ChartText.readable(year.p95)]
                        + year.probabilityMeeting.map(ChartText.readable)
                        + [ChartText.readable(year.cost), year.costPerMicrogram.map(ChartText.readable) ?? "",
                           ChartText.readable(year.avoidedDeaths.rounded()),
                           "\(ChartText.readable(year.avoidedDeathsLower.rounded()))–\(ChartText.readable(year.avoidedDeathsUpper.rounded()))"]
                }
            })))
        sections.append(Self.healthSection(run, shownYears: shownYears))
        if let target = plan.target {
            if let portfolio = run.portfolio {
                sections.append(Section(heading: "Least-cost portfolio", facts: [
                    ("target", "\(ChartText.compact(target.concentration)) \(unit) by \(target.year)"),
                    ("measures", portfolio.measures.map { plan.measures[$0].name }.joined(separator: ", ")),
                    ("net present cost", "\(ChartText.readable(portfolio.netPresentCost)) \(plan.costUnit)"),
                    ("cost in \(target.year)", "\(ChartText.readable(portfolio.annualCost)) \(plan.costUnit)"),
                    ("concentration in \(target.year)", "\(ChartText.readable(portfolio.concentration)) \(unit)"),
                ]))
            } else {
                warnings.append("No portfolio reaches \(ChartText.compact(target.concentration)) \(unit) by \(target.year), even with every measure; "
                    + "the path chart shows every measure together.")
            }
        }
        sections.append(Self.manifestSection(inputs: inputs, seed: String(plan.seed)))
        charts = run.charts()
    }
}

extension HTMLReport {
    /// The health section of the mitigation report: who is counted and how (the function, the
    /// counterfactual, the population and its growth, the baseline rates, the life table and the
    /// valuation), then each scenario at the curve year and the horizon with the deaths
    /// attributable above the counterfactual and avoided against the baseline scenario, each with
    /// the 95 % interval over the draws, and years of life lost and the value of the deaths
    /// avoided when the plan asks for them.
    ///
    /// - Complexity: O(scenarios × years).
    static func healthSection(_ run: MitigationRun, shownYears: Set<Int>) -> Section {
        let plan = run.plan, health = plan.health
        let unit = health.unit.symbol
        var facts: [(name: String, value: String)] = [
            ("function", "\(health.function.outcome), \(health.function.ages), \(health.function.exposure): "
                + (health.isPublished ? health.function.source : "relative risk from the plan")),
            ("relative risk", "\(ChartText.readable(health.relativeRisk.central)) (\(ChartText.readable(health.relativeRisk.lower))–"
                + "\(ChartText.readable(health.relativeRisk.upper))) per \(ChartText.compact(health.increment)) \(unit)"),
            ("counterfactual", "\(ChartText.compact(health.counterfactual)) \(unit) (\(health.counterfactualSource))"),
            ("population counted", "\(ChartText.readable(health.population.rounded())) in \(plan.baseYear), growing "
                + "\(ChartText.readable(health.populationGrowth * 100))% a year; "
                + (health.rateChange == 0 ? "baseline rates frozen at the base year"
                    : "baseline rates changing \(ChartText.readable(health.rateChange * 100))% a year")),
        ]
        if health.ageGroups.count == 1 {
            facts.append(("one group", "taken to be \(health.function.ages) with their \(health.function.outcome) rate; a whole city's "
                + "population and crude death rate overstate the deaths"))
        }
        if plan.unit != health.unit {
            facts.append(("conversion", "\(plan.unit.symbol) × \(ChartText.readable(plan.healthConversionFactor)) = \(unit) (25 °C, 1013.25 hPa)"))
        }
        if let perDeath = health.yearsOfLifeLostPerDeath {
            facts.append(("years of life lost", "\(ChartText.readable(perDeath)) per death (\(health.lifeTable?.source ?? "life table"))"))
        }
        if let valuation = health.valuation {
            facts.append(("value of a statistical life", "\(ChartText.readable(valuation.valuePerDeath)) \(valuation.unit): "
                + "\(ChartText.readable(valuation.baseValue)) × (\(ChartText.readable(valuation.income)) / "
                + "\(ChartText.readable(valuation.baseIncome)))^\(ChartText.readable(valuation.elasticity)) (OECD 2012 income transfer)"))
        }
        var columns = ["scenario", "year", "deaths attributable", "95% interval", "deaths avoided", "95% interval"]
        if health.lifeTable != nil { columns.append("years of life lost avoided") }
        if let valuation = health.valuation { columns += [titled("value of deaths avoided", unit: valuation.unit), "benefit/cost"] }
        let whole = { (value: Double) in ChartText.readable(value.rounded()) }
        let rows = run.scenarios.flatMap { scenario in
            scenario.years.filter { shownYears.contains($0.year) }.map { year -> [String] in
                var row = [scenario.name, String(year.year), whole(year.attributableDeaths),
                           "\(whole(year.attributableDeathsLower95))–\(whole(year.attributableDeathsUpper95))", whole(year.avoidedDeaths),
                           "\(whole(year.avoidedDeathsLower95))–\(whole(year.avoidedDeathsUpper95))"]
                if health.lifeTable != nil { row.append(year.yearsOfLifeLostAvoided.map(whole) ?? "") }
                if health.valuation != nil {
                    row += [year.benefit.map(ChartText.readable) ?? "", year.benefitCostRatio.map(ChartText.readable) ?? ""]
                }
                return row
            }
        }
        return Section(heading: "Health", facts: facts, table: DataTable(columns: columns, rows: rows))
    }
}
