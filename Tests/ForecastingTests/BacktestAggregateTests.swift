import Foundation
import Statistics
import Testing
import Forecasting
import TestSupport

/// One evaluation engine: a model's scores over many series are the mean over series of each
/// series' backtest scores (worked out here from the series' own scores), scale-dependent scores
/// are never averaged across units, and the hold-out used by benchmarks is the one-window backtest.
@Suite struct BacktestAggregateTests {
    /// Three short series with a level shift each, so every score is non-trivial.
    static let series: [[Double]] = [
        [10, 12, 11, 13, 12, 14, 13, 15, 30, 16],
        [200, 180, 210, 190, 220, 200, 230, 210, 240, 150],
        [1.5, 1.7, 1.6, 1.8, 1.7, 1.9, 1.8, 2.0, 1.9, 4.0],
    ]

    static func backtests(_ model: ModelSpecification) async throws -> [Backtest] {
        var out: [Backtest] = []
        for (i, values) in series.enumerated() {
            out.append(try await Backtest(values, model: model, seasonLength: 1,
                                          configuration: .init(horizon: 2, windows: 3), firstStream: 3 * i))
        }
        return out
    }

    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    @Test func meanOverSeriesOfEachScore() async throws {
        let runs = try await Self.backtests(.drift)
        let aggregate = Backtest.Aggregate(runs.map { (scores: $0.scores, unit: "kWh") }, levels: [80, 95])
        let s = aggregate.scores
        #expect(aggregate.series == 3 && !aggregate.isMixingUnits)
        #expect(s.windows == 9 && s.failed == 0 && s.observations == 18)
        let each = runs.map(\.scores)
        for (ours, scores) in [(s.mase, each.map(\.mase)), (s.rmsse, each.map(\.rmsse)), (s.smape, each.map(\.smape)),
                               (s.mae, each.map(\.mae)), (s.rmse, each.map(\.rmse)), (s.me, each.map(\.me)),
                               (s.coverage[1], each.map { $0.coverage[1] }), (s.winkler[0], each.map { $0.winkler[0] }),
                               (s.crps ?? .nan, each.map { $0.crps ?? .nan }),
                               (s.pinball[3].loss, each.map { $0.pinball[3].loss })] {
            expectClose(ours, Self.mean(scores), .relative(1e-14), "\(ours) vs \(scores)")
        }
        #expect(aggregate.byUnit.count == 1)
        #expect(aggregate.byUnit.first?.unit == "kWh" && aggregate.byUnit.first?.series == 3 && aggregate.byUnit.first?.scores == s)
    }

    @Test func scaleDependentScoresStayWithinAUnit() async throws {
        let runs = try await Self.backtests(.naive)
        let units: [String?] = ["kWh", "t", "kWh"]
        let aggregate = Backtest.Aggregate(zip(runs, units).map { (scores: $0.scores, unit: $1) }, levels: [80, 95])
        #expect(aggregate.isMixingUnits)
        let s = aggregate.scores
        for scaled in [s.me, s.rmse, s.mae, s.winkler[0], s.winkler[1], s.crps ?? 0] + s.pinball.map(\.loss) {
            #expect(scaled.isNaN, "a score in the data's units is not averaged over kWh and t")
        }
        expectClose(Self.mean(runs.map(\.scores.mase)), s.mase, .relative(1e-14), "scale-free scores cover every series")
        #expect(aggregate.byUnit.map(\.unit) == ["kWh", "t"] && aggregate.byUnit.map(\.series) == [2, 1])
        let kWh = aggregate.byUnit[0].scores
        expectClose(Self.mean([runs[0].scores.mae, runs[2].scores.mae]), kWh.mae, .relative(1e-14))
        #expect(aggregate.byUnit[1].scores.rmse == runs[1].scores.rmse)
        // The streaming accumulator gives the same aggregate.
        var accumulator = Backtest.Accumulator(levels: [80, 95])
        for (run, unit) in zip(runs, units) { accumulator.add(run.scores, unit: unit) }
        // (Compared as text: the NaN scores make `==` false even for identical bits.)
        #expect(String(describing: accumulator.aggregate) == String(describing: aggregate))
    }

    @Test func nanScoresLeaveOnlyTheirOwnMean() async throws {
        var values = Self.series[0]
        values[8] = .nan
        values[9] = .nan
        let missing = try await Backtest(values, model: .naive, seasonLength: 1, configuration: .init(horizon: 2, windows: 1))
        let full = try await Backtest(Self.series[1], model: .naive, seasonLength: 1, configuration: .init(horizon: 2, windows: 1))
        #expect(missing.scores.mase.isNaN && missing.scores.observations == 0)
        let aggregate = Backtest.Aggregate([(missing.scores, nil), (full.scores, nil)], levels: [80, 95])
        #expect(aggregate.series == 2 && aggregate.scores.mase == full.scores.mase)
        #expect(aggregate.scores.coverage == full.scores.coverage)
    }

    /// The hold-out (`holdingOut:`) is the one-window rolling-origin backtest, bit for bit, also
    /// for a model whose intervals are simulated from the window's random stream.
    @Test(arguments: ["naive", "theta", "ets(MMN)", "auto-arima"])
    func holdOutIsTheOneWindowBacktest(_ text: String) async throws {
        let model = try ModelSpecification(parsing: text)
        let values: [Double] = (0..<40).map { (t: Int) -> Double in
            let x = Double(t)
            return 50 + 0.8 * x + 6 * Foundation.sin(x)
        }
        let windowed = try await Backtest(values, model: model, seasonLength: 1,
                                          configuration: .init(horizon: 6, windows: 1), seed: 7, firstStream: 5)
        let holdOut = try Backtest(holdingOut: 6, of: values, model: model, seasonLength: 1, seed: 7, stream: 5)
        #expect(holdOut.windows.map { $0.test } == windowed.windows.map { $0.test })
        #expect(holdOut.windows[0].forecast == windowed.windows[0].forecast)
        #expect(holdOut.scores == windowed.scores)
        // MASE has one definition: the window's score is AccuracyMetrics' on the same window.
        let metrics = try #require(holdOut.windows[0].metrics)
        expectClose(holdOut.scores.mase, metrics.mase, .relative(1e-15))
        expectClose(holdOut.scores.rmsse, metrics.rmsse, .relative(1e-15))
        expectClose(holdOut.scores.smape, metrics.smape, .relative(1e-15))
    }

    @Test func holdOutRefusesAShortSeries() {
        #expect(throws: ForecastingError.self) {
            try Backtest(holdingOut: 3, of: [1, 2, 3], model: .naive, seasonLength: 1)
        }
    }
}
