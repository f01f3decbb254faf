import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// Croston, SBA, optimised Croston, TSB, ADIDA and IMAPA against statsforecast 2.1.1
/// (Fixtures/intermittent/make_fixtures.py): point forecasts on ten series, and the fitted values
/// of the methods whose fitted values statsforecast defines the same way (the forecast from the
/// periods before).
@Suite struct IntermittentDemandTests {
    struct Case: Decodable {
        let name: String
        let y: [Double]
        let forecasts: [String: Double]
        let fitted: [String: [Double?]]
    }

    static func cases() throws -> [Case] {
        struct File: Decodable { let cases: [Case] }
        let url = try #require(Bundle.module.url(forResource: "Fixtures/intermittent/intermittent", withExtension: "json"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    static let methods: [(String, IntermittentDemand.Method)] = [
        ("croston", .croston), ("croston-sba", .crostonSBA), ("croston-opt", .crostonOptimized),
        ("tsb[0.3,0.1]", .tsb(demandAlpha: 0.3, probabilityAlpha: 0.1)), ("adida", .adida), ("imapa", .imapa),
    ]

    @Test func pointForecastsMatchStatsforecast() throws {
        let cases = try Self.cases()
        #expect(cases.count == 10)
        for c in cases {
            for (key, method) in Self.methods {
                let model = try IntermittentDemand(c.y, method: method)
                let wanted = try #require(c.forecasts[key], "\(c.name) \(key)")
                let forecast = try model.forecast(horizon: 4, levels: [])
                #expect(forecast.mean.count == 4 && Set(forecast.mean).count == 1)
                expectClose(forecast.mean[0], wanted, .relativeWithFloor(1e-12, floor: 1e-14), "\(c.name) \(key)")
            }
        }
    }

    @Test func fittedValuesMatchStatsforecast() throws {
        for c in try Self.cases() {
            for (key, method) in Self.methods {
                guard let wanted = c.fitted[key] else { continue }
                let model = try IntermittentDemand(c.y, method: method)
                #expect(model.fittedValues.count == wanted.count)
                #expect(model.fittedValues.first?.isNaN == true)
                for (t, (got, expected)) in zip(model.fittedValues, wanted).enumerated().dropFirst() {
                    expectClose(got, try #require(expected), .relativeWithFloor(1e-12, floor: 1e-14), "\(c.name) \(key) t=\(t)")
                }
                #expect(model.residuals.count == c.y.count)
            }
        }
    }

    /// By hand: demands 4 (period 2) and 2 (period 5): sizes 4, 2 and intervals 2, 3; SES with
    /// α = 0.1 from the first value: size 0.1·2 + 0.9·4 = 3.8, interval 0.1·3 + 0.9·2 = 2.1,
    /// Croston 3.8 / 2.1, SBA × 0.95. ADIDA: mean interval 2.5 rounds half to even to 2; twelve
    /// periods make six blocks of two.
    @Test func crostonByHand() throws {
        var y = [Double](repeating: 0, count: 12)
        y[1] = 4
        y[4] = 2
        expectClose(try IntermittentDemand(y, method: .croston).level, 3.8 / 2.1, .relative(1e-14))
        expectClose(try IntermittentDemand(y, method: .crostonSBA).level, 0.95 * 3.8 / 2.1, .relative(1e-14))
        #expect(try IntermittentDemand(y, method: .adida).aggregationLevels == [2])
        #expect(try IntermittentDemand(y, method: .imapa).aggregationLevels == [1, 2])
    }

    @Test func badInputIsRefused() {
        #expect(throws: ForecastingError.missingValues(model: "croston")) { try IntermittentDemand([1, .nan, 0], method: .croston) }
        #expect(throws: ForecastingError.self) { try IntermittentDemand([1, -2, 0], method: .adida) }
        #expect(throws: ForecastingError.self) { try IntermittentDemand([1, 0, 2], method: .tsb(demandAlpha: 0, probabilityAlpha: 0.1)) }
        #expect(throws: ForecastingError.tooShort(model: "imapa", count: 0, minimum: 1)) { try IntermittentDemand([], method: .imapa) }
        // No stochastic model, so no intervals (as R's croston).
        #expect(throws: ForecastingError.self) { try IntermittentDemand([1, 0, 2], method: .croston).forecast(horizon: 3, levels: [80]) }
    }
}
