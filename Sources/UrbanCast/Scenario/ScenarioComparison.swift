import Foundation

/// The side-by-side table a planner reads from a run directory: each scenario's value in chosen
/// years, the savings against a baseline, and the target verdicts.
public struct ScenarioComparison: Sendable {
    /// One scenario's numbers for one indicator.
    public struct Row: Sendable {
        /// The scenario.
        public var scenario: String
        /// The mean in each chosen year.
        public var values: [Double]
        /// `baseline − scenario` in each chosen year.
        public var savings: [Double]
        /// The savings summed over every projected year.
        public var cumulativeSavings: Double
    }

    /// The chosen years.
    public let years: [Int]
    /// The baseline scenario.
    public let baseline: String
    /// Per indicator (in file order): its unit and one row per scenario.
    public let indicators: [(name: String, unit: String, rows: [Row])]
    /// The target lines from `summary.json`: indicator, year, bound, scenario, met, probability.
    public let targets: [String]
    /// One line per alternative scenario with its programmes' net present cost, the present value
    /// of its money saved, the net present value and the benefit–cost ratio (``ScenarioRun/economics``),
    /// after a line with the discount rate; empty when the run values nothing.
    public let economics: [String]
    /// The facility lines from `summary.json`'s `infrastructure` (``infrastructureLines(_:)``);
    /// none without facilities, or for a comparison made from ``ScenarioRun/results`` alone (``init(run:baseline:years:)`` has them).
    public internal(set) var infrastructure: [String] = []

    /// One scenario's mean of one indicator in one year: a row of `forecast.csv`.
    struct Mean {
        var scenario: String
        var indicator: String
        var unit: String
        var year: Int
        var mean: Double
    }

    /// Compares the scenarios of a run's results held in memory.
    ///
    /// ```swift
    /// let comparison = try ScenarioComparison(run.results, years: [2030, 2050])
    /// comparison.indicators[0].rows[1].savings   // bau − scenario in 2030 and 2050
    /// ```
    ///
    /// - Parameters:
    ///   - results: The run's results (``ScenarioRun/results``).
    ///   - baseline: The scenario savings are measured against.
    ///   - years: The years to show; `nil` for every tenth year and the last.
    /// - Throws: ``ScenarioError/invalidOptions(_:)`` for an unknown baseline or years that the
    ///   run does not cover.
    /// - Complexity: O(scenarios × indicators × years).
    public init(_ results: ScenarioRun.Results, baseline: String = "bau", years: [Int]? = nil) throws(ScenarioError) {
        let means = results.indicators.flatMap { projection in
            zip(projection.years, projection.mean).map { year, mean in
                Mean(scenario: projection.scenario, indicator: projection.indicator, unit: projection.unit ?? "", year: year, mean: mean)
            }
        }
        let targets = results.targets.flatMap { target in
            target.outcomes.map { outcome in
                Self.targetLine(indicator: target.indicator, year: target.year, atMost: target.atMost, atLeast: target.atLeast,
                                scenario: outcome.scenario, met: outcome.metOnCentralPath, probability: outcome.probability)
            }
        }
        try self.init(means, targets: targets, economics: Self.economicsLines(results.economics), baseline: baseline, years: years) {
            .invalidOptions($0)
        }
    }

    /// Read `forecast.csv` and `summary.json` of a run directory: the file adapter in front of
    /// ``init(_:baseline:years:)``.
    ///
    /// - Parameters:
    ///   - directory: The directory written by `urbancast scenario run`.
    ///   - baseline: The scenario savings are measured against.
    ///   - years: The years to show; `nil` for every tenth year and the last.
    /// - Throws: ``ScenarioError/data(_:)`` for a missing or malformed file (with
    ///   `FILE:LINE:COLUMN`), an unknown baseline, or years that the run does not cover.
    /// - Complexity: O(size of the files).
    public init(directory: String, baseline: String = "bau", years: [Int]? = nil) throws(ScenarioError) {
        let forecastPath = (directory as NSString).appendingPathComponent("forecast.csv")
        let table: WideTable
        let scenarios: [String], indicators: [String], units: [String], yearColumn: [Double], means: [Double]
        do throws(DataError) {
            table = try WideTable.read(contentsOf: forecastPath, dateColumn: .none)
            scenarios = try table.textColumn(named: "scenario")
            indicators = try table.textColumn(named: "indicator")
            units = try table.textColumn(named: "unit")
            yearColumn = try table.column(named: "year")
            means = try table.column(named: "mean")
        } catch {
            throw .data(error.description)
        }
        var rows: [Mean] = []
        for (r, value) in yearColumn.enumerated() {
            guard let year = Int(exactly: value) else {
                throw .data("\(forecastPath):\(r + 2): the year '\(value)' is not a whole number")
            }
            rows.append(Mean(scenario: scenarios[r], indicator: indicators[r], unit: units[r], year: year, mean: means[r]))
        }
        try self.init(rows, targets: Self.targetLines(directory: directory), economics: Self.economicsLines(directory: directory),
                      baseline: baseline, years: years) {
            .data("\(forecastPath): \($0)")
        }
        infrastructure = Self.infrastructureLines(Self.infrastructure(directory: directory))
    }

    /// The comparison of the means, `fail` wording a problem with the baseline or the years.
    private init(_ means: [Mean], targets: [String], economics: [String], baseline: String, years: [Int]?,
                 fail: (String) -> ScenarioError)
        throws(ScenarioError)
    {
        let allYears = Array(Set(means.map(\.year))).sorted()
        guard let first = allYears.first, let last = allYears.last else { throw fail("no rows") }
        let chosen = years ?? (allYears.filter { $0 % 10 == 0 } + (last % 10 == 0 ? [] : [last]))
        for year in chosen where !allYears.contains(year) {
            throw fail("the run covers \(first)–\(last), not \(year)")
        }
        let scenarioNames = means.map(\.scenario).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard scenarioNames.contains(baseline) else {
            throw fail("no scenario '\(baseline)'; the scenarios are: \(scenarioNames.joined(separator: ", "))")
        }
        var value: [String: Double] = [:]
        var unitOf: [String: String] = [:]
        var indicatorNames: [String] = []
        for row in means {
            value["\(row.scenario)\u{1}\(row.indicator)\u{1}\(row.year)"] = row.mean
            unitOf[row.indicator] = row.unit
            if !indicatorNames.contains(row.indicator) { indicatorNames.append(row.indicator) }
        }
        func mean(_ s: String, _ i: String, _ y: Int) -> Double { value["\(s)\u{1}\(i)\u{1}\(y)"] ?? .nan }
        self.years = chosen
        self.baseline = baseline
        self.indicators = indicatorNames.map { indicator in
            let rows = scenarioNames.map { scenario in
                Row(scenario: scenario, values: chosen.map { mean(scenario, indicator, $0) },
                    savings: chosen.map { mean(baseline, indicator, $0) - mean(scenario, indicator, $0) },
                    cumulativeSavings: allYears.reduce(0) { $0 + mean(baseline, indicator, $1) - mean(scenario, indicator, $1) })
            }
            return (indicator, unitOf[indicator] ?? "", rows)
        }
        self.targets = targets
        self.economics = economics
    }

    /// The economics of `summary.json` in `directory`, as ``economicsLines(_:)`` gives them.
    private static func economicsLines(directory: String) -> [String] {
        let path = (directory as NSString).appendingPathComponent("summary.json")
        struct Document: Decodable { var economics: ScenarioRun.EconomicsSummary? }
        guard let data = FileManager.default.contents(atPath: path),
              let document = try? JSONDecoder().decode(Document.self, from: data) else { return [] }
        return economicsLines(document.economics)
    }

    /// `conservation: programmes 668.6 million, money saved 6,689.2 million USD, net present value
    /// 6,020.6 million, benefit/cost 10.01; 549,703 per Mgal/d of water saved for a year`.
    static func economicsLines(_ economics: ScenarioRun.EconomicsSummary?) -> [String] {
        guard let economics else { return [] }
        var lines = [String(format: "discounted at %@%% a year (real) to the end of %d", Self.short(economics.discountRate * 100),
                            economics.discountedTo)]
        for scenario in economics.scenarios {
            var line = scenario.scenario + ":"
            line += scenario.programmes.isEmpty ? " no programme costs" : " programmes \(Self.money(scenario.netPresentCost))"
            if let value = scenario.presentValueOfSavings {
                let currency = scenario.savings.first { $0.presentValue != nil }?.currency ?? ""
                line += ", money saved \(Self.money(value))\(currency.isEmpty ? "" : " " + currency)"
                    + ", net present value \(Self.money(value - scenario.netPresentCost))"
                if let ratio = scenario.benefitCostRatio { line += String(format: ", benefit/cost %.2f", ratio) }
            }
            for entry in scenario.abatement ?? [] {
                if let perTonne = entry.costPerTonne {
                    line += "; \(Self.money(perTonne)) per t of \(entry.pollutant) avoided"
                } else {
                    line += "; \(Self.short(entry.discountedTonnesAvoided)) t of \(entry.pollutant) avoided (discounted)"
                }
            }
            if let health = scenario.presentHealthBenefit { line += "; deaths avoided worth \(Self.money(health)) (present value)" }
            for saving in scenario.savings {
                if let levelised = saving.levelisedCost {
                    line += "; \(Self.money(levelised)) per \(saving.unit.isEmpty ? saving.indicator : saving.unit) of \(saving.indicator) saved for a year"
                }
            }
            lines.append(line)
        }
        return lines
    }

    private static func targetLines(directory: String) -> [String] {
        let path = (directory as NSString).appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let targets = root["targets"] as? [[String: Any]] else { return [] }
        return targets.compactMap { t in
            guard let indicator = t["indicator"] as? String, let year = t["year"] as? Int, let scenario = t["scenario"] as? String,
                  let met = t["metOnCentralPath"] as? Bool else { return nil }
            // `null` when the run had no draws.
            let probability = t["probability"] as? Double ?? .nan
            return targetLine(indicator: indicator, year: year, atMost: t["atMost"] as? Double, atLeast: t["atLeast"] as? Double,
                              scenario: scenario, met: met, probability: probability)
        }
    }

    /// `water ≤ 1000 in 2050: conservation met on the central path, probability 0.870`.
    private static func targetLine(indicator: String, year: Int, atMost: Double?, atLeast: Double?, scenario: String, met: Bool,
                                   probability: Double) -> String {
        let bound = atMost.map { "≤ \(Self.short($0))" } ?? atLeast.map { "≥ \(Self.short($0))" } ?? ""
        return "\(indicator) \(bound) in \(year): \(scenario) \(met ? "met" : "not met") on the central path, "
            + (probability.isNaN ? "no probability without draws" : "probability \(String(format: "%.3f", probability))")
    }

    static func short(_ x: Double) -> String { ForecastRun.short(x) }

    /// A sum of money as a planner reads it: `6,689.2 million` from 1 million up, `549,703` below
    /// (thousands grouped with commas, whatever the locale, so the table is reproducible).
    static func money(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        let millions = abs(x) >= 1e6
        let text = String(format: millions ? "%.1f" : "%.0f", abs(millions ? x / 1e6 : x))
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = Array(parts.first ?? "")
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped + (parts.count > 1 ? "." + parts[1] : "")
        return (x < 0 ? "−" : "") + grouped + (millions ? " million" : "")
    }

    /// The table: per indicator, one line per scenario with its values in the chosen years, the
    /// savings in the last chosen year and the cumulative savings; then the target verdicts.
    public var table: String {
        var out: [String] = []
        for indicator in indicators {
            out.append("\(indicator.name)\(indicator.unit.isEmpty ? "" : " (\(indicator.unit))")")
            let lastYear = years.last.map(String.init) ?? ""
            var cells = [["scenario"] + years.map(String.init) + ["savings \(lastYear)", "cumulative savings"]]
            for row in indicator.rows {
                cells.append([row.scenario] + row.values.map(Self.short)
                    + (row.scenario == baseline ? ["", ""] : [row.savings.last.map(Self.short) ?? "", Self.short(row.cumulativeSavings)]))
            }
            out += BacktestRun.aligned(cells, leftColumns: 1).map { "  " + $0 }
            out.append("")
        }
        if !targets.isEmpty {
            out.append("targets")
            out += targets.map { "  " + $0 }
        }
        if let first = economics.first {
            if !targets.isEmpty { out.append("") }
            out.append("economics, " + first)
            out += economics.dropFirst().map { "  " + $0 }
        }
        if !infrastructure.isEmpty {
            out += (targets.isEmpty && economics.isEmpty ? [] : [""]) + ["infrastructure"] + infrastructure.map { "  " + $0 }
        }
        return out.joined(separator: "\n")
    }
}
