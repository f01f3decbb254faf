import Foundation
import LinearAlgebra
import Testing
import TestSupport
@testable import Forecasting
@testable import UrbanCast

/// Forecasts of a hierarchy built from key columns: districts within cities, per indicator. The
/// run forms the levels, forecasts every series and reconciles each hierarchy (the reconciliation
/// itself is checked against hierarchicalforecast in ReconciliationTests).
@Suite struct HierarchicalForecastTests {
    /// Two cities (3 and 2 districts) for water and one city (2 districts) for waste, 40 months.
    static func panel() throws -> SeriesPanel {
        var series: [KeyedSeries] = []
        let start = try SeriesDate(parsing: "2020-01")
        for (indicator, cities) in [("water", [("A", 3), ("B", 2)]), ("waste", [("A", 2)])] {
            for (c, (city, districts)) in cities.enumerated() {
                for d in 0..<districts {
                    let values = (0..<40).map { t in
                        50 + 10 * Double(d + c) + 0.3 * Double(t * (d + 1)) + 4 * sin(Double(t) * .pi / 6 + Double(d)) + Double((t * 7 + d) % 5)
                    }
                    series.append(KeyedSeries(key: SeriesKey(columns: ["city", "district", "indicator"], values: [city, "d\(d)", indicator]),
                                              unit: "t", series: TimeSeries(start: start, frequency: .monthly, values: values)))
                }
            }
        }
        return try SeriesPanel(series)
    }

    @Test func levelsAreSummedAndReconciled() async throws {
        let panel = try Self.panel()
        let configuration = ForecastRun.Configuration(model: .theta, horizon: 4)
        let run = try await ForecastRun(panel, configuration: configuration, hierarchy: ["district", "city"], method: .ols)
        // Water: cities A and B on top, then the five districts; waste: city A, then its two districts.
        let keys = run.results.map { "\($0.key["city"] ?? "")/\($0.key["district"] ?? "")/\($0.key["indicator"] ?? "")" }
        #expect(keys == ["A/total/water", "B/total/water", "A/d0/water", "A/d1/water", "A/d2/water", "B/d0/water", "B/d1/water",
                         "A/total/waste", "A/d0/waste", "A/d1/waste"])
        #expect(run.results.allSatisfy { $0.hasForecast && $0.error == nil && $0.model?.name == "Theta + ols" })
        // The aggregates' histories are the sums of their districts'.
        let cityA = try #require(run.results.first)
        for t in 0..<40 {
            let sum = (0..<3).reduce(0.0) { $0 + panel.series[$1].series.values[t] }
            expectClose(cityA.historyValues[t], sum, .relativeWithFloor(1e-15, floor: 1e-12), "history \(t)")
        }
        // The base forecasts of the same series, reconciled by hand with the summing matrix written out.
        var base = configuration
        base.levels = []
        let unreconciled = try await ForecastRun(try SeriesPanel(run.results.prefix(7).map { result in
            KeyedSeries(key: result.key, unit: "t", series: TimeSeries(start: try SeriesDate(parsing: "2020-01"), frequency: .monthly,
                                                                      values: result.historyValues))
        }), configuration: base)
        let S = Matrix(rowMajor: [[1, 1, 1, 0, 0], [0, 0, 0, 1, 1], [1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0],
                                  [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]])
        let wanted = try Reconciliation.reconcile(
            unreconciled.results.map { $0.forecast?.forecast.mean ?? [] },
            hierarchy: try Hierarchy(summing: S, levels: [[0, 1], [2, 3, 4, 5, 6]]), method: .ols)
        for (i, result) in run.results.prefix(7).enumerated() {
            let mean = try #require(result.forecast?.forecast.mean)
            for t in 0..<4 { expectClose(mean[t], wanted[i][t], .relativeWithFloor(1e-12, floor: 1e-12), "\(result.key) step \(t + 1)") }
        }
        // Coherent: city A's forecast is the sum of its districts'.
        let a = try #require(run.results[0].forecast?.forecast.mean)
        for t in 0..<4 {
            let sum = (2...4).reduce(0.0) { $0 + (run.results[$1].forecast?.forecast.mean[t] ?? .nan) }
            expectClose(a[t], sum, .relativeWithFloor(1e-12, floor: 1e-12), "coherent \(t)")
        }
    }

    @Test func refusals() async throws {
        let panel = try Self.panel()
        let configuration = ForecastRun.Configuration(model: .naive, horizon: 2)
        await #expect(throws: ForecastRunError.self) {
            try await ForecastRun(panel, configuration: configuration, hierarchy: ["station"], method: .ols)
        }
        await #expect(throws: ForecastRunError.self) {
            try await ForecastRun(panel, configuration: configuration, hierarchy: [], method: .ols)
        }
        await #expect(throws: ForecastRunError.self) {
            try await ForecastRun(panel, configuration: configuration, hierarchy: ["city", "city"], method: .ols)
        }
        // Cities alone: each district's cities summed (every other key column forms the hierarchies).
        let byDistrict = try await ForecastRun(panel, configuration: configuration, hierarchy: ["city"], method: .ols)
        #expect(byDistrict.results.filter { $0.key["city"] == "total" }.count == 5)
        // One column: the districts of each city and indicator summed to their total.
        let total = try await ForecastRun(panel, configuration: configuration, hierarchy: ["district"], method: .bottomUp)
        #expect(total.results.count == 10 && total.results.allSatisfy(\.hasForecast))
        #expect(total.results.map { $0.key["district"] ?? "" }.filter { $0 == "total" }.count == 3)
    }
}
