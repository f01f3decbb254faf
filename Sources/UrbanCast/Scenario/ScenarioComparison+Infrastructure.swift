import Foundation

extension ScenarioComparison {
    /// The lines `scenario compare` prints for each facility of a run: a heading with the
    /// facility's demand, capacity and reliability, then one line per scenario with the first
    /// year the exceedance passes 1 − reliability (and its interval), the year a cumulative
    /// capacity is used up, the least-cost plan and its net present cost, and what the scenario
    /// saves against the baseline:
    ///
    /// ```
    /// water_supply: water against 1100 Mgal/d at reliability 0.95
    ///   bau           exceeds from 2025 (2024–2025); plan: reuse_plant 2025, reservoir 2028; NPC 812 USD million
    ///   conservation  exceeds from 2027 (2026–2028); plan: reservoir 2031 (+3 y); NPC 640 USD million; saves 172
    /// ```
    ///
    /// - Parameter outcomes: The run's ``ScenarioRun/infrastructure`` (or `summary.json`'s `infrastructure`).
    /// - Returns: The lines, none without facilities.
    /// - Complexity: O(outcomes × expansions).
    public static func infrastructureLines(_ outcomes: [InfrastructureOutcome]) -> [String] {
        var facilities: [String] = []
        for outcome in outcomes where !facilities.contains(outcome.facility) { facilities.append(outcome.facility) }
        var out: [String] = []
        for facility in facilities {
            let rows = outcomes.filter { $0.facility == facility }
            guard let first = rows.first else { continue }
            out.append("\(facility): \(first.demand) against \(short(first.capacity))\(first.unit.map { " \($0)" } ?? "") "
                + "at reliability \(short(first.reliability))")
            var cells: [[String]] = []
            for row in rows {
                var parts: [String] = []
                if let exceedance = row.firstExceedance {
                    let interval = [exceedance.earliest, exceedance.latest].map { $0.map(String.init) ?? "after \(row.years.last?.year ?? 0)" }
                    parts.append("exceeds from \(exceedance.year) (\(interval[0])–\(interval[1]))")
                } else {
                    parts.append("within capacity to \(row.years.last.map { String($0.year) } ?? "")")
                }
                if let exhaustion = row.exhaustion {
                    parts.append("used up " + (exhaustion.median.map { "by \($0) in half the draws" } ?? "after the horizon in half the draws"))
                }
                let plan = row.plan
                if plan.feasible {
                    let builds = plan.builds.map { build in
                        "\(build.expansion) \(build.firstServiceYear)"
                            + (build.deferredYears.map { $0 == 0 ? "" : " (\($0 > 0 ? "+" : "")\($0) y)" } ?? "")
                    }
                    parts.append("plan: " + (builds.isEmpty ? "nothing to build" : builds.joined(separator: ", "))
                        + "; NPC \(short(plan.netPresentCost ?? .nan))\(row.currency.isEmpty ? "" : " \(row.currency)")")
                    if let saving = plan.savingVersusBaseline { parts.append("saves \(short(saving))") }
                    if let avoided = plan.avoidedVersusBaseline, !avoided.isEmpty { parts.append("avoids \(avoided.joined(separator: ", "))") }
                } else {
                    parts.append("no plan meets the reliability (fails in \(plan.failsIn.map(String.init) ?? "?"))")
                }
                cells.append([row.scenario, parts.joined(separator: "; ")])
            }
            out += BacktestRun.aligned(cells, leftColumns: 2).map {
                "  " + String($0.reversed().drop { $0 == " " }.reversed())
            }
        }
        return out
    }

    /// The facilities of `summary.json` in a run directory; none when it has no `infrastructure`
    /// key (or cannot be read: the table's other parts report that).
    static func infrastructure(directory: String) -> [InfrastructureOutcome] {
        struct Document: Decodable { var infrastructure: [InfrastructureOutcome]? }
        let path = (directory as NSString).appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: path),
              let document = try? JSONDecoder().decode(Document.self, from: data) else { return [] }
        return document.infrastructure ?? []
    }
}

extension ScenarioComparison {
    /// Compares the scenarios of a finished run held in memory, with everything the run-directory
    /// form shows: the means, savings and targets of ``init(_:baseline:years:)``, the economics,
    /// and a line per facility and scenario of the run's infrastructure.
    ///
    /// ```swift
    /// let comparison = try ScenarioComparison(run: run, years: [2030, 2050])
    /// comparison.infrastructure   // e.g. "water_supply: water against 1200 Mgal/d at reliability 0.95", …
    /// ```
    ///
    /// - Parameters:
    ///   - run: The finished run.
    ///   - baseline: The scenario savings are measured against.
    ///   - years: The years to show; `nil` for every tenth year and the last.
    /// - Throws: ``ScenarioError/invalidOptions(_:)`` for an unknown baseline or years that the
    ///   run does not cover.
    /// - Complexity: O(scenarios × (indicators + facilities) × years).
    public init(run: ScenarioRun, baseline: String = "bau", years: [Int]? = nil) throws(ScenarioError) {
        try self.init(run.results, baseline: baseline, years: years)
        infrastructure = Self.infrastructureLines(run.infrastructure)
    }
}

