import ArgumentParser
import Foundation
import UrbanCast
import UrbanCastCharts

/// `urbancast air mitigate`: mitigation scenarios, abatement curve, least-cost portfolio, health.
struct AirMitigateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mitigate",
        abstract: "Run a mitigation plan: scenarios, the abatement cost curve, the least-cost portfolio and avoided deaths.",
        discussion: """
            SPEC is a YAML (or JSON) plan: pollutant, a baseline (base year, concentration, \
            trend per year and its sd), a horizon, source sectors (share of the base-year \
            concentration with sd, growth per year), measures (sector, fraction of that \
            sector's contribution removed, start year, ramp years, annual cost), health \
            (adult population, their natural-cause death rate, and the relative risk with the \
            pollutant, unit and increment it is per; default PM2.5, 1.08 (1.06–1.09) per \
            10 µg/m³ from Chen & Hoek 2020), an optional target {concentration, year} and \
            named scenarios. Shares must sum to 1 ± 0.01. Per scenario and year: the central \
            concentration and its 5/50/95 % quantiles over the share and trend draws, the \
            probability of meeting each WHO 2021 annual level, the cost, the cost per unit of \
            concentration removed and avoided premature deaths = population × mortality × \
            (1 − exp(−β ΔC)), β = ln(RR)/increment. The least-cost portfolio is exact (branch \
            and bound). Deaths need a concentration–response function for the plan's pollutant \
            (Models/air-quality/concentration-response.csv: long-term PM2.5, NO2 and O3, \
            short-term PM2.5; health.function picks one by id); a plan in ppb is converted to \
            µg/m³ at 25 °C and 1013.25 hPa, and a pollutant without a function is refused. \
            health.ageGroups gives the population and baseline rate by age (those in the \
            function's ages count), populationGrowth and rateChange their change per year; the \
            health section reports deaths attributable above the counterfactual (default the \
            WHO 2021 guideline) and avoided, with 95% intervals over the draws of the relative \
            risk and the concentrations, years of life lost with health.lifeTable, and the \
            benefit with health.valuation (VSL transferred by income, elasticity 0.8 by default).

            --report FILE.html also writes a self-contained HTML report: the settings and \
            assumptions, the marginal abatement cost curve, the least-cost portfolio's path \
            against the target, and each chart's data as a table.

            Example:
              urbancast air mitigate Models/air-quality/beijing-pm25-mitigation.yaml
            """
    )

    @Argument(help: "The plan (YAML or JSON).")
    var spec: String

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    @OptionGroup var standards: AirStandardsOption

    @OptionGroup var memory: MemoryLimitOption

    @OptionGroup var report: ReportOption

    func run() throws {
        let run: MitigationRun
        do throws(AirQualityError) {
            let plan = try MitigationPlan(contentsOf: spec)
            // Each draw keeps its sector shares, and each year sorts one value per draw.
            let needed = Double(plan.draws) * (Double(plan.sectors.count) * 8 + 96)
            if let message = memory.refusal(needed, for: "\(plan.draws) draws", lower: "draws in the plan") {
                throw AirQualityError.invalidSetting("\(spec): draws: " + message)
            }
            let guidelines = try standards.guidelines()
            run = MitigationRun(plan: plan, levels: try guidelines.annualLevels(for: plan.pollutant, in: plan.unit))
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        try format.print(table: { run.table }, json: { run.document })
        if let path = report.report {
            let plan = run.plan
            let sources = [plan.derivedBaseline?.level.file, plan.derivedBaseline?.trendSource.file, plan.forecastBaseline?.source.file]
            var files = [spec]
            for case let file? in sources where !files.contains(file) { files.append(file) }
            let inputs = RunDirectory.manifest(command: [], inputs: files, seed: plan.seed, draws: plan.draws).inputs
            try writeReport(HTMLReport(mitigation: run, inputs: inputs), to: path)
        }
    }
}
