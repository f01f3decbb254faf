import Foundation
import Statistics
import Testing
import TestSupport
import UrbanCast

/// The dynamic programme against an exhaustive search over every build schedule.
@Suite struct InfrastructurePlannerTests {
    struct Case {
        var capacity: Double
        var needed: [Double]
        var years: [Int]
        var options: [InfrastructurePlanner.Option]
        var discounting: Economics.Discounting
    }

    /// A random plan: 1–4 options, 4–10 years, needs rising with noise, random costs, lifetimes,
    /// lead times and earliest years, and a random real discount rate in [0 %, 8 %] (negative real rates are refused).
    static func randomCase(seed: UInt64) throws -> Case {
        var g = SeededGenerator(seed: seed)
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * g.nextUniform() }
        func integer(_ a: Int, _ b: Int) -> Int { a + Int(g.next() % UInt64(b - a + 1)) }
        let base = 2020
        let count = integer(4, 10)
        let years = Array((base + 1)...(base + count))
        let capacity = uniform(80, 120)
        var level = uniform(70, 110)
        let needed = years.map { _ in
            level += uniform(-3, 12)
            return level
        }
        let options = try (0..<integer(1, 4)).map { _ in
            let lead = integer(0, 3)
            let investment = try Economics.Investment(capital: uniform(0, 100), operating: uniform(0, 8),
                                                      lifetime: integer(2, 12), leadYears: lead)
            let earliest = base + 1 + lead + (g.nextUniform() < 0.4 ? integer(0, 4) : 0)
            return InfrastructurePlanner.Option(add: uniform(5, 40), investment: investment, firstServiceYear: earliest)
        }
        return Case(capacity: capacity, needed: needed, years: years, options: options,
                    discounting: try Economics.Discounting(rate: uniform(0, 0.08), baseYear: base))
    }

    /// Every schedule: each option not built or entering service in one of its possible years.
    static func bruteForce(_ c: Case) -> (best: (years: [Int?], cost: Double)?, secondCost: Double) {
        guard let horizon = c.years.last else { return (nil, .infinity) }
        let choices = c.options.map { option in [nil] + c.years.filter { $0 >= option.firstServiceYear }.map { Optional($0) } }
        var best: (years: [Int?], cost: Double)?
        var second = Double.infinity
        var index = [Int](repeating: 0, count: c.options.count)
        while true {
            let schedule = index.enumerated().map { j, k in choices[j][k] }
            let feasible = c.years.indices.allSatisfy { t in
                let capacity = c.capacity + c.options.indices.reduce(0) { sum, j in
                    schedule[j].map { $0 <= c.years[t] } == true ? sum + c.options[j].add : sum
                }
                return capacity >= c.needed[t]
            }
            if feasible {
                let cost = c.options.indices.reduce(0.0) { sum, j in
                    sum + (schedule[j].map {
                        c.options[j].investment.netPresentCost(firstServiceYear: $0, horizon: horizon, discounting: c.discounting)
                    } ?? 0)
                }
                if let current = best, cost >= current.cost {
                    second = min(second, cost)
                } else {
                    if let current = best { second = min(second, current.cost) }
                    best = (schedule, cost)
                }
            }
            var j = 0
            while j < index.count {
                index[j] += 1
                if index[j] < choices[j].count { break }
                index[j] = 0
                j += 1
            }
            if j == index.count { break }
        }
        return (best, second)
    }

    @Test(arguments: 1...300) func dynamicProgrammeEqualsBruteForce(seed: UInt64) throws {
        let c = try Self.randomCase(seed: seed)
        let solution = InfrastructurePlanner.leastCost(capacity: c.capacity, needed: c.needed, years: c.years, options: c.options,
                                                       discounting: c.discounting)
        let (best, second) = Self.bruteForce(c)
        guard let best else {
            // No schedule: the first year in which every option available by then falls short.
            let fails = c.years.indices.first { t in
                c.capacity + c.options.filter { $0.firstServiceYear <= c.years[t] }.reduce(0) { $0 + $1.add } < c.needed[t]
            }.map { c.years[$0] }
            #expect(solution == .infeasible(failsIn: try #require(fails)), "seed \(seed)")
            return
        }
        guard case let .plan(serviceYears, cost) = solution else {
            Issue.record("seed \(seed): the planner found no plan; brute force costs \(best.cost)")
            return
        }
        expectClose(cost, best.cost, .mixed(absolute: 1e-9, relative: 1e-12), "seed \(seed)")
        // The plan's own cost, recomputed, is the minimum, and it meets every year.
        let horizon = c.years[c.years.count - 1]
        let recomputed = c.options.indices.reduce(0.0) { sum, j in
            sum + (serviceYears[j].map { c.options[j].investment.netPresentCost(firstServiceYear: $0, horizon: horizon,
                                                                                  discounting: c.discounting) } ?? 0)
        }
        expectClose(recomputed, best.cost, .mixed(absolute: 1e-9, relative: 1e-12), "seed \(seed)")
        for (t, year) in c.years.enumerated() {
            let capacity = c.capacity + c.options.indices.reduce(0) { serviceYears[$1].map { $0 <= year } == true ? $0 + c.options[$1].add : $0 }
            #expect(capacity >= c.needed[t], "seed \(seed) year \(year)")
        }
        for (j, year) in serviceYears.enumerated() {
            if let year { #expect(year >= c.options[j].firstServiceYear, "seed \(seed) option \(j)") }
        }
        // When the optimum is unique by a clear margin, the schedules agree too.
        if second - best.cost > 1e-6 * max(1, abs(best.cost)) {
            #expect(serviceYears == best.years, "seed \(seed)")
        }
    }

    /// Enough seeds exercise both plans that build and plans that cannot meet the need.
    @Test func randomCasesCoverBothOutcomes() throws {
        var feasible = 0, infeasible = 0, building = 0
        for seed in 1...300 {
            let c = try Self.randomCase(seed: UInt64(seed))
            switch InfrastructurePlanner.leastCost(capacity: c.capacity, needed: c.needed, years: c.years, options: c.options,
                                                   discounting: c.discounting) {
            case .infeasible: infeasible += 1
            case .tooManyOptions: Issue.record("seed \(seed): at most 4 options")
            case .plan(let years, _):
                feasible += 1
                if years.contains(where: { $0 != nil }) { building += 1 }
            }
        }
        #expect(infeasible >= 20 && feasible >= 50 && building >= 40, "\(feasible) feasible (\(building) building), \(infeasible) not")
    }

    /// A hand-checked case: a need that jumps in 2026 and an option with a 3-year lead time
    /// can serve from 2024 at the earliest (2020 + 1 + 3); building it as late as possible, in
    /// 2026, is cheapest at a positive rate, and one with 6 lead years cannot help.
    @Test func leadTimesAreRespected() throws {
        let discounting = try Economics.Discounting(rate: 0.05, baseYear: 2020)
        let years = Array(2021...2030)
        let needed = years.map { $0 >= 2026 ? 150.0 : 90.0 }
        let slow = try Economics.Investment(capital: 10, lifetime: 50, leadYears: 6)
        let able = try Economics.Investment(capital: 100, operating: 1, lifetime: 50, leadYears: 3)
        let options = [InfrastructurePlanner.Option(add: 100, investment: slow, firstServiceYear: 2027),
                       InfrastructurePlanner.Option(add: 60, investment: able, firstServiceYear: 2024)]
        let solution = InfrastructurePlanner.leastCost(capacity: 100, needed: needed, years: years, options: options,
                                                       discounting: discounting)
        let expected = able.netPresentCost(firstServiceYear: 2026, horizon: 2030, discounting: discounting)
        #expect(solution == .plan(serviceYears: [nil, 2026], netPresentCost: expected))
        // The need in 2024 cannot be met by an option that serves from 2027 at the earliest.
        let early = years.map { $0 >= 2024 ? 150.0 : 90.0 }
        let tooLate = InfrastructurePlanner.leastCost(capacity: 100, needed: early, years: years, options: [options[0]],
                                                      discounting: discounting)
        #expect(tooLate == .infeasible(failsIn: 2024))
    }

    /// More options than the exact search takes is said, not silently cut.
    @Test func tooManyOptionsIsSaid() throws {
        let option = InfrastructurePlanner.Option(add: 1, investment: try Economics.Investment(operating: 1), firstServiceYear: 2021)
        let solution = InfrastructurePlanner.leastCost(capacity: 0, needed: [1], years: [2021],
                                                       options: Array(repeating: option, count: InfrastructurePlanner.maximumOptions + 1),
                                                       discounting: try Economics.Discounting(baseYear: 2020))
        #expect(solution == .tooManyOptions(limit: 16))
    }
}
