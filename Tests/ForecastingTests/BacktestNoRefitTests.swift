import Foundation
import Statistics
import Testing

@testable import Forecasting
import TestSupport

/// Backtests without refitting: the first origin's fit runs, parameters held, through every later
/// window (`Backtest.Configuration(refit: false)`).
@Suite("Backtest without refitting")
struct BacktestNoRefitTests {
    /// A seeded monthly-like series: level, trend, season and AR(1) noise; positive.
    static let series: [Double] = {
        var generator = SeededGenerator(seed: 424242)
        var e = 0.0
        return (0..<96).map { t in
            e = 0.6 * e + 4 * generator.nextNormal()
            return 200 + 0.8 * Double(t) + 25 * sin(2 * Double.pi * Double(t) / 12) + e
        }
    }()

    static func backtest(_ text: String, refit: Bool, season: Int = 12) async throws -> Backtest {
        try await Backtest(series, model: try ModelSpecification(parsing: text), seasonLength: season,
                           configuration: .init(horizon: 6, windows: 5, step: 6, refit: refit))
    }

    @Test("Re-filtering on the training data reproduces the fit", arguments: ["arima(1,1,1)", "arima(1,0,0)(1,0,0)[12]+mean", "ets(AAdA)", "ets(MAM)", "ets(ANN)"])
    func refilterReproducesFit(_ text: String) throws {
        let y = Array(Self.series.prefix(72))
        let fitted = try ModelSpecification(parsing: text).fit(y, seasonLength: 12)
        let again = try #require(try fitted.refiltered(on: y))
        let a = fitted.summary, b = again.summary
        #expect(a.parameters.map(\.name) == b.parameters.map(\.name))
        for (x, z) in zip(a.parameters, b.parameters) { #expect(x.value == z.value, "\(x.name)") }
        let l1 = try #require(a.logLikelihood), l2 = try #require(b.logLikelihood)
        expectClose(l2, l1, .relative(1e-9), "\(l1) vs \(l2)")
        let f1 = try fitted.forecast(horizon: 6, levels: [80, 95]), f2 = try again.forecast(horizon: 6, levels: [80, 95])
        for (u, v) in zip(f1.mean, f2.mean) { expectClose(v, u, .relative(1e-9)) }
    }

    @Test("Parameters are held from the first origin", arguments: ["arima(1,1,1)", "ets(AAdA)", "auto-ets"])
    func parametersHeld(_ text: String) async throws {
        let held = try await Self.backtest(text, refit: false)
        let refitted = try await Self.backtest(text, refit: true)
        #expect(held.scores.failed == 0)
        let first = try #require(held.windows[0].forecast)
        // The first window is the ordinary fit.
        #expect(first.mean == refitted.windows[0].forecast?.mean)
        // Later windows forecast from their own data: each equals the first origin's model re-filtered there.
        let model = try ModelSpecification(parsing: text).fit(Array(Self.series[held.windows[0].training]), seasonLength: 12)
        var differsFromRefit = false
        for window in held.windows.dropFirst() {
            let expected = try #require(try model.refiltered(on: Array(Self.series[window.training])))
            let forecast = try #require(window.forecast)
            #expect(forecast.mean == (try expected.forecast(horizon: 6, levels: [80, 95])).mean)
            if let other = refitted.windows[window.index].forecast, other.mean != forecast.mean { differsFromRefit = true }
        }
        #expect(differsFromRefit, "holding the parameters must change some forecast against refitting")
    }

    @Test("Naive and seasonal naive hold nothing: the same as refitting", arguments: ["naive", "snaive"])
    func parameterFreeBaselines(_ text: String) async throws {
        let held = try await Self.backtest(text, refit: false)
        let refitted = try await Self.backtest(text, refit: true)
        for (a, b) in zip(held.windows, refitted.windows) { #expect(a.forecast?.mean == b.forecast?.mean) }
        #expect(held.scores.mase == refitted.scores.mase)
    }

    @Test("A model without a held-parameter form fails on the later windows, saying so")
    func unsupportedModel() async throws {
        let held = try await Self.backtest("theta", refit: false)
        #expect(held.windows[0].error == nil)
        #expect(held.scores.failed == 4)
        let message = try #require(held.windows[1].error?.description)
        #expect(message.contains("parameters held"), "\(message)")
    }
}
