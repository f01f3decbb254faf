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

    /// Read `forecast.csv` and `summary.json` of a run directory.
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
        var yearOf: [Int] = []
        for (r, value) in yearColumn.enumerated() {
            guard let year = Int(exactly: value) else {
                throw .data("\(forecastPath):\(r + 2): the year '\(value)' is not a whole number")
            }
            yearOf.append(year)
        }
        let allYears = Array(Set(yearOf)).sorted()
        guard let first = allYears.first, let last = allYears.last else { throw .data("\(forecastPath): no rows") }
        let chosen = years ?? (allYears.filter { $0 % 10 == 0 } + (last % 10 == 0 ? [] : [last]))
        for year in chosen where !allYears.contains(year) {
            throw .data("\(forecastPath): the run covers \(first)–\(last), not \(year)")
        }
        let scenarioNames = scenarios.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard scenarioNames.contains(baseline) else {
            throw .data("\(forecastPath): no scenario '\(baseline)'; the scenarios are: \(scenarioNames.joined(separator: ", "))")
        }
        var value: [String: Double] = [:]
        var unitOf: [String: String] = [:]
        var indicatorNames: [String] = []
        for r in means.indices {
            value["\(scenarios[r])\u{1}\(indicators[r])\u{1}\(yearOf[r])"] = means[r]
            unitOf[indicators[r]] = units[r]
            if !indicatorNames.contains(indicators[r]) { indicatorNames.append(indicators[r]) }
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
        targets = Self.targetLines(directory: directory)
    }

    private static func targetLines(directory: String) -> [String] {
        let path = (directory as NSString).appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let targets = root["targets"] as? [[String: Any]] else { return [] }
        return targets.compactMap { t in
            guard let indicator = t["indicator"] as? String, let year = t["year"] as? Int, let scenario = t["scenario"] as? String,
                  let met = t["metOnCentralPath"] as? Bool, let probability = t["probability"] as? Double else { return nil }
            let bound = (t["atMost"] as? Double).map { "≤ \(Self.short($0))" } ?? (t["atLeast"] as? Double).map { "≥ \(Self.short($0))" } ?? ""
            return "\(indicator) \(bound) in \(year): \(scenario) \(met ? "met" : "not met") on the central path, "
                + "probability \(String(format: "%.3f", probability))"
        }
    }

    static func short(_ x: Double) -> String { ForecastRun.short(x) }

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
        return out.joined(separator: "\n")
    }
}
