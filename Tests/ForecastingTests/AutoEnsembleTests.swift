import Foundation
import Statistics
import Testing
@testable import Forecasting

/// `auto` (``AutoEnsemble``): its combination rule, its pooled-path intervals and its fallbacks,
/// each recomputed here from the members fitted on their own (the members themselves are checked
/// against R and statsforecast in their own suites; the accuracy on M3 and M1 is measured by
/// Benchmarks/compare/m3_accuracy.py).
@Suite struct AutoEnsembleTests {
    /// Trend, a 12-step season and noise: 72 monthly points.
    static func seasonal(seed: UInt64 = 3, count: Int = 72) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { t in
            200 + 1.5 * Double(t) + 25 * sin(2 * Double.pi * Double(t) / 12) + 6 * generator.nextNormal()
        }
    }

    /// A random walk with drift: 40 annual points.
    static func annual(seed: UInt64 = 5, count: Int = 40) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var level = 1_000.0
        return (0..<count).map { _ in
            level += 12 + 30 * generator.nextNormal()
            return level
        }
    }

    /// Type-7 quantile, written out again here: sort, then interpolate at (n − 1)p.
    static func type7(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted()
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    @Test func grammarAndDescription() throws {
        #expect(try ModelSpecification(parsing: "auto") == .auto)
        #expect(try ModelSpecification(parsing: " AUTO ") == .auto)
        #expect(ModelSpecification.auto.description == "auto")
        #expect(try ModelSpecification(parsing: "combo(auto,theta)") == .combination([.auto, .theta]))
        #expect(throws: ForecastingError.self) { try ModelSpecification(parsing: "auto[3]") }
    }

    @Test func seasonalPointForecastIsTheMembersMean() throws {
        let y = Self.seasonal()
        let fit = try #require(try ModelSpecification.auto.fit(y, seasonLength: 12) as? AutoEnsemble)
        #expect(fit.rule == .mean)
        #expect(fit.members.count == 4 && fit.failures.isEmpty && fit.unsimulated.isEmpty)
        let forecast = try fit.forecast(horizon: 18, levels: [80, 95])
        var expected = [Double](repeating: 0, count: 18)
        for specification in [ModelSpecification.autoETS, .autoARIMA, .optimisedTheta(.dotm), .optimisedTheta(.dstm)] {
            let member = try specification.fit(y, seasonLength: 12).forecast(horizon: 18, levels: []).mean
            for h in 0..<18 { expected[h] += member[h] / 4 }
        }
        for h in 0..<18 { #expect(abs(forecast.mean[h] - expected[h]) <= 1e-12 * abs(expected[h])) }
        #expect(fit.summary.name.hasPrefix("Auto(mean: ETS("))
    }

    @Test func nonSeasonalPointForecastIsTheMembersMedian() throws {
        let y = Self.annual()
        let fit = try #require(try ModelSpecification.auto.fit(y, seasonLength: 1) as? AutoEnsemble)
        #expect(fit.rule == .median)
        let forecast = try fit.forecast(horizon: 6, levels: [])
        let members = try [ModelSpecification.autoETS, .autoARIMA, .optimisedTheta(.dotm), .optimisedTheta(.dstm)].map {
            try $0.fit(y, seasonLength: 1).forecast(horizon: 6, levels: []).mean
        }
        for h in 0..<6 {
            let sorted = members.map { $0[h] }.sorted()
            let median = (sorted[1] + sorted[2]) / 2
            #expect(abs(forecast.mean[h] - median) <= 1e-12 * abs(median))
        }
        // The fitted values combine the same way wherever every member has one.
        let fitted = try [ModelSpecification.autoETS, .autoARIMA, .optimisedTheta(.dotm), .optimisedTheta(.dstm)].map {
            try $0.fit(y, seasonLength: 1).fittedValues
        }
        for t in y.indices where fitted.allSatisfy({ $0[t].isFinite }) {
            let sorted = fitted.map { $0[t] }.sorted()
            #expect(abs(fit.fittedValues[t] - (sorted[1] + sorted[2]) / 2) <= 1e-9 * abs(y[t]))
            #expect(abs(fit.residuals[t] - (y[t] - fit.fittedValues[t])) <= 1e-9 * abs(y[t]))
        }
    }

    /// The bounds are the type-7 quantiles of 1,000 paths of each member, drawn member by member
    /// from the same generator.
    @Test func intervalsAreQuantilesOfThePooledPaths() throws {
        let y = Self.seasonal(seed: 11)
        let fit = try #require(try ModelSpecification.auto.fit(y, seasonLength: 12) as? AutoEnsemble)
        var generator = SeededGenerator(seed: 42)
        let forecast = try fit.forecast(horizon: 6, levels: [80, 95], generator: &generator)
        var replay = SeededGenerator(seed: 42)
        var pooled = [[Double]](repeating: [], count: 6)
        for member in fit.members {
            let simulator = try member.pathSimulator(horizon: 6)
            for _ in 0..<AutoEnsemble.pathsPerMember {
                let path = simulator.path(generator: &replay)
                for h in 0..<6 { pooled[h].append(path[h]) }
            }
        }
        #expect(replay == generator)
        for h in 0..<6 {
            #expect(pooled[h].count == 4_000)
            for (l, level) in [80.0, 95.0].enumerated() {
                let tail = (1 - level / 100) / 2
                #expect(abs(forecast.lower[l][h] - Self.type7(pooled[h], tail)) <= 1e-9 * abs(forecast.mean[h]))
                #expect(abs(forecast.upper[l][h] - Self.type7(pooled[h], 1 - tail)) <= 1e-9 * abs(forecast.mean[h]))
            }
            #expect(forecast.lower[1][h] < forecast.lower[0][h] && forecast.upper[0][h] < forecast.upper[1][h])
        }
        // The default generator is seeded 1, so two forecasts are identical.
        #expect(try fit.forecast(horizon: 6, levels: [80]) == fit.forecast(horizon: 6, levels: [80]))
    }

    /// The mixture simulator draws a member per path: over many paths each member's share is a
    /// quarter and the mean is the members' mean path (4 standard errors).
    @Test func mixturePathsDrawEachMemberEqually() throws {
        let y = Self.seasonal(seed: 17)
        let fit = try #require(try ModelSpecification.auto.fit(y, seasonLength: 12) as? AutoEnsemble)
        let simulator = try fit.pathSimulator(horizon: 3)
        var generator = SeededGenerator(seed: 9)
        let n = 20_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let v = simulator.path(generator: &generator)[2]
            sum += v
            sumSquares += v * v
        }
        let mean = sum / Double(n)
        let sd = (sumSquares / Double(n) - mean * mean).squareRoot()
        var memberMean = 0.0
        for member in fit.members {
            let paths = try member.simulatePaths(horizon: 3, count: n, generator: &generator)
            memberMean += paths.map { $0[2] }.reduce(0, +) / Double(n) / 4
        }
        #expect(abs(mean - memberMean) <= 4 * sd / Double(n).squareRoot() * 1.5)
    }

    /// A member that cannot be fitted is left out and named; with none left the fit fails.
    @Test func fallbacksAreReported() throws {
        // Eight points: too few for a seasonal model of period 12, so each member falls back or fails.
        let short: [Double] = [10, 12, 11, 13, 12, 14, 13, 15]
        let fit = try #require(try ModelSpecification.auto.fit(short, seasonLength: 1) as? AutoEnsemble)
        let forecast = try fit.forecast(horizon: 3, levels: [95])
        #expect(forecast.mean.allSatisfy(\.isFinite) && forecast.lower[0].allSatisfy(\.isFinite))
        #expect(fit.members.count + fit.failures.count == 4)
        for failure in fit.failures { #expect(fit.summary.name.contains(failure.specification.description)) }
        // One observation: only ETS fits (a flat level), and auto is ETS alone, the others named.
        let single = try #require(try ModelSpecification.auto.fit([1.0], seasonLength: 1) as? AutoEnsemble)
        #expect(single.memberSpecifications == [.autoETS])
        #expect(single.failures.map(\.specification) == [.autoARIMA, .optimisedTheta(.dotm), .optimisedTheta(.dstm)])
        #expect(single.summary.name.contains("not fitted: auto-arima, dotm, dstm"))
        #expect(try single.forecast(horizon: 2, levels: []).mean == [1, 1])
        #expect(throws: ForecastingError.self) { try ModelSpecification.auto.fit([], seasonLength: 1) }
    }

    @Test func badHorizonAndLevelAreRefused() throws {
        let fit = try ModelSpecification.auto.fit(Self.annual(), seasonLength: 1)
        #expect(throws: ForecastingError.self) { try fit.forecast(horizon: 0, levels: [80]) }
        #expect(throws: ForecastingError.self) { try fit.forecast(horizon: 3, levels: [100]) }
    }
}
