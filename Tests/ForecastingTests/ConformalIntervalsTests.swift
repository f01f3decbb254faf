import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// Conformal prediction intervals against statsforecast 2.1.1's `ConformalIntervals`
/// (Fixtures/conformal/make_fixtures.py): 166 cases of ten models whose point forecasts UrbanCast
/// reproduces exactly, horizons 1 to 6, 2 to 10 windows (capped by the series for the short
/// ones), both methods, at 80 and 95 %.
@Suite struct ConformalIntervalsTests {
    struct Case: Decodable {
        let series: String
        let model: String
        let horizon: Int
        let windows: Int
        let method: String
        let mean: [Double]
        let lower: [[Double]]
        let upper: [[Double]]
    }

    struct File: Decodable {
        let levels: [Double]
        let series: [String: [Double]]
        let cases: [Case]
    }

    static func file() throws -> File {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/conformal/conformal", withExtension: "json"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    @Test func boundsMatchStatsforecast() throws {
        let file = try Self.file()
        #expect(file.cases.count == 166)
        for c in file.cases {
            let y = try #require(file.series[c.series])
            let seasonLength = c.series == "seasonal-60" ? 12 : 4
            let method = try #require(ConformalSettings.Method(rawValue: c.method))
            let base = try ModelSpecification(parsing: c.model)
            let model = ModelSpecification.conformal(base, try ConformalSettings(windows: c.windows, method: method))
            let intermittent = if case .intermittent = base { true } else { false }
            let label = "\(c.series) \(model) h=\(c.horizon)"
            let forecast = try model.fit(y, seasonLength: seasonLength).forecast(horizon: c.horizon, levels: file.levels)
            for step in 0..<c.horizon {
                expectClose(forecast.mean[step], c.mean[step], .relativeWithFloor(1e-12, floor: 1e-12), "\(label) mean")
                for k in file.levels.indices {
                    // The intermittent-demand models' lower bounds are statsforecast's raised to 0.
                    let lower = intermittent ? max(0, c.lower[k][step]) : c.lower[k][step]
                    expectClose(forecast.lower[k][step], lower, .relativeWithFloor(1e-10, floor: 1e-10),
                                "\(label) lower \(file.levels[k]) step \(step + 1)")
                    expectClose(forecast.upper[k][step], c.upper[k][step], .relativeWithFloor(1e-10, floor: 1e-10),
                                "\(label) upper \(file.levels[k]) step \(step + 1)")
                }
            }
        }
    }

    /// The scores by hand on a line: naive's errors at each origin grow with the steps ahead.
    @Test func scoresOfNaiveOnALine() throws {
        let y = (0..<11).map { 2 * Double($0) }
        let model = ConformalForecaster(base: try ModelSpecification.naive.fit(y, seasonLength: 1), specification: .naive,
                                        settings: try ConformalSettings(windows: 3), values: y, seasonLength: 1)
        // h = 3: ⌊10 / 3⌋ = 3 windows, ending after 2, 5 and 8 values; each misses by 2, 4, 6.
        #expect(try model.scores(horizon: 3) == [[2, 4, 6], [2, 4, 6], [2, 4, 6]])
        // h = 4: ⌊10 / 4⌋ = 2 windows; h = 6: one, too few.
        #expect(try model.scores(horizon: 4).count == 2)
        #expect(throws: ForecastingError.self) { try model.scores(horizon: 6) }
        #expect(throws: ForecastingError.self) { try model.scores(horizon: 0) }
    }

    @Test func grammarRoundTrips() throws {
        for text in ["conformal(theta)", "conformal[3](auto-ets)", "conformal[7,error](arima(1,1,0)+drift)",
                     "croston", "croston-sba", "croston-opt", "tsb[0.1,0.05]", "adida", "imapa", "conformal[2](croston)"] {
            #expect(try ModelSpecification(parsing: text).description == text)
        }
        #expect(try ModelSpecification(parsing: "conformal[5](theta)").description == "conformal(theta)")
        for bad in ["conformal[1](theta)", "conformal[3]theta", "conformal[3,median](theta)", "conformal(conformal(theta))",
                    "conformal(combo(theta,naive))", "conformal()", "tsb[0,0.1]", "tsb[0.1]", "tsb[a,b]"] {
            #expect(throws: ForecastingError.self, "\(bad)") { try ModelSpecification(parsing: bad) }
        }
    }

    /// The intermittent-demand methods get the default conformal intervals, never below 0; a
    /// series too short for two windows says how long it must be.
    @Test func intermittentMethodsHaveIntervals() throws {
        let y: [Double] = [0, 3, 0, 0, 5, 0, 2, 0, 0, 0, 4, 0, 0, 6, 0, 0, 0, 1, 0, 3, 0, 0, 2]
        let fit = try ModelSpecification.intermittent(.croston).fit(y, seasonLength: 1)
        let forecast = try fit.forecast(horizon: 2, levels: [80, 95])
        #expect(forecast.lower.count == 2 && zip(forecast.lower[1], forecast.lower[0]).allSatisfy { $0 <= $1 })
        #expect(forecast.lower.joined().allSatisfy { $0 >= 0 } && forecast.lower[1].contains(0))
        #expect(fit.summary.parameters.contains { $0.name == "conformal.windows" && $0.value == 5 })
        #expect(throws: ForecastingError.tooShort(model: "croston (its conformal intervals at horizon 12)", count: 23, minimum: 25)) {
            try fit.forecast(horizon: 12, levels: [80])
        }
        #expect(try fit.forecast(horizon: 12, levels: []).mean.count == 12)
    }
}
