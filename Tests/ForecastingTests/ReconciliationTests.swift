import Foundation
import LinearAlgebra
import Testing
import TestSupport
@testable import Forecasting

/// Reconciliation against hierarchicalforecast 1.5.3 (Fixtures/hierarchy/make_fixtures.py): the
/// Beijing stations summing to the city for PM2.5 and NO2 (a strict hierarchy of 13 series) and a
/// grouped structure of 2 districts × 3 sectors (12 series), with statsforecast's AutoETS base
/// forecasts and residuals as inputs; every method to 1e-9 relative, and coherent to 1e-9.
@Suite struct ReconciliationTests {
    struct Case: Decodable {
        let name: String
        let summing: [[Double]]
        let levels: [[Int]]
        let history: [[Double]]
        let forecasts: [[Double]]
        let fitted: [[Double?]]
        let reconciled: [String: [[Double]]]
        let sigmas: [[Double]]
        let intervals: [String: Intervals]
    }

    struct Intervals: Decodable {
        let sigma: [[Double]]
        let lower: [[[Double]]]
        let upper: [[[Double]]]
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        guard let url = Bundle.module.url(forResource: "Fixtures/hierarchy/hierarchy", withExtension: "json"),
              let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    @Test func fixtureLoaded() {
        #expect(Self.cases.count == 3)
        #expect(Self.cases.map { $0.reconciled.count } == [7, 7, 6])
    }

    @Test(arguments: cases.map(\.name))
    func methodsMatchHierarchicalforecast(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let hierarchy = try Hierarchy(summing: Matrix(rowMajor: c.summing), levels: c.levels)
        #expect(hierarchy.isStrict == (c.reconciled["top-down"] != nil))
        // In-sample residuals y − ŷ (the fixture's fitted values are complete; a missing one would
        // make the residual NaN, which the residual-based methods refuse).
        let residuals = zip(c.history, c.fitted).map { y, f in zip(y, f).map { $0 - ($1 ?? .nan) } }
        for (key, wanted) in c.reconciled {
            let method = try #require(Reconciliation.Method(rawValue: key))
            let ours = try Reconciliation.reconcile(c.forecasts, hierarchy: hierarchy, method: method, residuals: residuals)
            for (i, row) in wanted.enumerated() {
                for (t, value) in row.enumerated() {
                    expectClose(ours[i][t], value, .relativeWithFloor(1e-9, floor: 1e-9), "\(name) \(key) series \(i) step \(t + 1)")
                }
            }
            // Coherent: every aggregate equals the sum of its bottom series.
            let m = hierarchy.bottomCount, n = hierarchy.count
            for i in 0..<(n - m) {
                for t in 0..<ours[i].count {
                    let sum = (0..<m).reduce(0.0) { $0 + c.summing[i][$1] * ours[n - m + $1][t] }
                    expectClose(ours[i][t], sum, .relativeWithFloor(1e-9, floor: 1e-9), "\(name) \(key) coherence \(i)")
                }
            }
        }
    }

    /// Normal reconciled intervals (hierarchicalforecast's "normality") at 80 and 95 % from the base
    /// forecasts' standard deviations, for every method but top-down.
    @Test(arguments: cases.map(\.name))
    func normalIntervalsMatchHierarchicalforecast(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let hierarchy = try Hierarchy(summing: Matrix(rowMajor: c.summing), levels: c.levels)
        let residuals = zip(c.history, c.fitted).map { y, f in zip(y, f).map { $0 - ($1 ?? .nan) } }
        #expect(c.intervals.count == 6)
        for (key, wanted) in c.intervals {
            let method = try #require(Reconciliation.Method(rawValue: key))
            let ours = try Reconciliation.reconcileWithIntervals(
                c.forecasts, sigmas: c.sigmas, hierarchy: hierarchy, method: method, residuals: residuals, levels: [80, 95])
            #expect(ours.count == hierarchy.count)
            for (i, series) in ours.enumerated() {
                #expect(series.forecast.levels == [80, 95])
                for t in 0..<series.forecast.horizon {
                    let label = "\(name) \(key) series \(i) step \(t + 1)"
                    expectClose(series.standardDeviation[t], wanted.sigma[i][t], .relativeWithFloor(1e-9, floor: 1e-9), "\(label) sigma")
                    for k in 0..<2 {
                        expectClose(series.forecast.lower[k][t], wanted.lower[k][i][t], .relativeWithFloor(1e-9, floor: 1e-9), "\(label) lower \(k)")
                        expectClose(series.forecast.upper[k][t], wanted.upper[k][i][t], .relativeWithFloor(1e-9, floor: 1e-9), "\(label) upper \(k)")
                    }
                }
            }
        }
        if hierarchy.isStrict {
            #expect(throws: ForecastingError.self) {
                try Reconciliation.reconcileWithIntervals(c.forecasts, sigmas: c.sigmas, hierarchy: hierarchy,
                                                          method: .topDownForecastProportions, levels: [80])
            }
        }
    }

    @Test func badInputsAreRefused() throws {
        let s = Matrix(rowMajor: [[1, 1], [1, 0], [0, 1]])
        #expect(throws: ForecastingError.self) { try Hierarchy(summing: s, levels: [[0], [1]]) }
        #expect(throws: ForecastingError.self) { try Hierarchy(summing: Matrix(rowMajor: [[1, 1], [0, 1], [1, 0]]), levels: [[0], [1, 2]]) }
        let hierarchy = try Hierarchy(summing: s, levels: [[0], [1, 2]])
        #expect(throws: ForecastingError.self) {
            try Reconciliation.reconcile([[3], [1], [2]], hierarchy: hierarchy, method: .mintShrink)
        }
        #expect(throws: ForecastingError.self) {
            try Reconciliation.reconcile([[3], [1]], hierarchy: hierarchy, method: .ols)
        }
        // Grouped (two crossing splits) is not strict: top-down refuses it.
        let grouped = try Hierarchy(summing: Matrix(rowMajor: [[1, 1, 1, 1], [1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 1, 0], [0, 1, 0, 1],
                                                             [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]),
                                    levels: [[0], [1, 2, 3, 4], [5, 6, 7, 8]])
        #expect(!grouped.isStrict)
        #expect(throws: ForecastingError.self) {
            try Reconciliation.reconcile(Array(repeating: [1], count: 9), hierarchy: grouped, method: .topDownForecastProportions)
        }
        // OLS on a two-level hierarchy by hand: ỹ = S (SᵀS)⁻¹ Sᵀ ŷ with ŷ = (10, 3, 4): the
        // incoherence 10 − 7 = 3 is shared, a third to each series: (9, 4, 5).
        let ols = try Reconciliation.reconcile([[10], [3], [4]], hierarchy: hierarchy, method: .ols)
        for (value, wanted) in zip(ols.map { $0[0] }, [9.0, 4, 5]) { expectClose(value, wanted, .absolute(1e-12), "ols by hand") }
    }
}
