import Foundation
import Statistics
import Testing
import Forecasting

/// Rolling-origin backtests against R forecast 8.20's `tsCV` and an independent R evaluation of the
/// same windows (Fixtures/r-forecast/backtest, made by make_backtest_fixtures.R).
@Suite struct BacktestTests {
    struct Reference: Decodable {
        let windows, step, horizon: Int
        let origins: [Int]
        let me, rmse, mae, mpe, mape, smape, mase, maseMeanOfWindows, rmsse: Double
        let coverage80, coverage95, winkler80, winkler95, crps: Double
        let pinball: [String: Double]
    }
    struct Case: Decodable {
        let name, series, method: String
        let frequency: Int
        let values: [Double]
        let horizon: Int
        let window: Int?
        let errors: [[Double?]]
        let backtest: Reference

        var model: ModelSpecification {
            switch method {
            case "naive": .naive
            case "snaive": .seasonalNaive
            case "drift": .drift
            default: .mean
            }
        }
        var trainingWindow: Backtest.TrainingWindow { window.map { .sliding(length: $0) } ?? .expanding }
    }
    struct File: Decodable { let cases: [Case] }

    static let fixture: [Case] = {
        guard let data = try? Data(contentsOf: fixtureURL("r-forecast/backtest/backtest.json")),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    static var names: [String] { fixture.map(\.name) }

    static func fixtureCase(_ name: String) throws -> Case {
        try #require(fixture.first { $0.name == name }, "fixture \(name)")
    }

    /// `|a − b| ≤ 1e−9 · max(|b|, 1)`.
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(abs(b), 1)
    }

    @Test func fixtureLoaded() { #expect(Self.fixture.count >= 8) }

    /// Every origin tsCV evaluates with a full horizon of actuals, as one backtest with step 1 and
    /// the most windows the series allows: each window's errors equal R's row `e[tₖ, ]` to 1e-9.
    /// Our benchmarks refuse a training series with no usable difference at the lag (one
    /// observation for naive, two for drift, one season for snaive, one for mean), where R's
    /// `naive` and `meanf` still return a point forecast: those first origins must fail with
    /// `.tooShort`, and no other.
    @Test(arguments: names)
    func errorsMatchTsCV(name: String) async throws {
        let c = try Self.fixtureCase(name)
        let n = c.values.count
        let windows = n - c.horizon - (c.window ?? 1) + 1
        let configuration = Backtest.Configuration(horizon: c.horizon, windows: windows, trainingWindow: c.trainingWindow)
        #expect(configuration.minimumLength == n)
        let backtest = try await Backtest(c.values, model: c.model, seasonLength: c.frequency, configuration: configuration)
        let minimum = c.model == .drift ? 3 : (c.model == .seasonalNaive ? c.frequency + 1 : 2)
        var compared = 0
        for window in backtest.windows {
            let row = c.errors[window.test.lowerBound - 1]
            guard let errors = window.errors else {
                #expect(window.training.count < minimum, "\(name): window \(window.index) failed: \(String(describing: window.error))")
                guard case .tooShort = window.error else {
                    Issue.record("\(name): window \(window.index): \(String(describing: window.error))")
                    continue
                }
                continue
            }
            for (j, ours) in errors.enumerated() {
                let r = try #require(row[j], "\(name): R has no error at origin \(window.test.lowerBound), step \(j + 1)")
                #expect(Self.close(ours, r), "\(name) origin \(window.test.lowerBound) h=\(j + 1): \(ours) vs R \(r)")
            }
            compared += 1
        }
        let fittable = backtest.windows.filter { $0.training.count >= minimum }.count
        #expect(compared == fittable && fittable >= windows - minimum, "\(name): compared \(compared) of \(windows) origins")
        // R has nothing at the origins after ours (their actuals run past the data).
        for i in (n - c.horizon)..<n { #expect(c.errors[i].contains { $0 == nil }) }
    }

    /// Pooled scores of one configuration equal R's independent evaluation of the same windows with
    /// `naive`/`snaive`/`rwf`/`meanf` forecasts and intervals, to 1e-9 relative.
    @Test(arguments: names)
    func scoresMatchR(name: String) async throws {
        let c = try Self.fixtureCase(name)
        let r = c.backtest
        let configuration = Backtest.Configuration(horizon: r.horizon, windows: r.windows, step: r.step,
                                                   trainingWindow: c.trainingWindow)
        let backtest = try await Backtest(c.values, model: c.model, seasonLength: c.frequency, configuration: configuration)
        #expect(backtest.windows.map(\.test.lowerBound) == r.origins)
        #expect(backtest.windows.allSatisfy { $0.test.upperBound - $0.test.lowerBound == r.horizon })
        if let length = c.window { #expect(backtest.windows.allSatisfy { $0.training.count == length }) }
        let s = backtest.scores
        #expect(s.windows == r.windows && s.failed == 0 && s.observations == r.windows * r.horizon)
        let pairs: [(String, Double, Double)] = [
            ("ME", s.me, r.me), ("RMSE", s.rmse, r.rmse), ("MAE", s.mae, r.mae), ("MPE", s.mpe, r.mpe),
            ("MAPE", s.mape, r.mape), ("sMAPE", s.smape, r.smape), ("MASE", s.mase, r.mase),
            ("MASE (mean of R accuracy())", s.mase, r.maseMeanOfWindows), ("RMSSE", s.rmsse, r.rmsse),
            ("coverage80", s.coverage(level: 80) ?? .nan, r.coverage80), ("coverage95", s.coverage(level: 95) ?? .nan, r.coverage95),
            ("winkler80", s.winkler(level: 80) ?? .nan, r.winkler80), ("winkler95", s.winkler(level: 95) ?? .nan, r.winkler95),
            ("crps", s.crps ?? .nan, r.crps),
        ]
        for (label, ours, reference) in pairs {
            #expect(Self.close(ours, reference), "\(name) \(label): \(ours) vs R \(reference)")
        }
        #expect(s.pinball.map(\.probability) == [0.025, 0.1, 0.9, 0.975])
        for (loss, key) in zip(s.pinball, ["p025", "p10", "p90", "p975"]) {
            let reference = try #require(r.pinball[key])
            #expect(Self.close(loss.loss, reference), "\(name) pinball \(key): \(loss.loss) vs R \(reference)")
        }
    }

    /// With one window the scores are that window's `AccuracyMetrics`, and both equal the naive
    /// forecast's metrics worked out by hand from their definitions.
    @Test func oneWindowEqualsAccuracyMetricsByHand() async throws {
        let c = try Self.fixtureCase("Nile_naive_h3")
        let y = c.values, n = y.count, h = 4
        let backtest = try await Backtest(y, model: .naive, seasonLength: 1,
                                          configuration: .init(horizon: h, windows: 1, levels: []))
        let window = try #require(backtest.windows.first)
        #expect(window.training == 0..<(n - h) && window.test == (n - h)..<n)
        let training = Array(y[0..<(n - h)]), actual = Array(y[(n - h)...])
        let last = training[training.count - 1]
        let errors: [Double] = actual.map { $0 - last }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        var differences: [Double] = []
        for t in 1..<training.count { differences.append(training[t] - training[t - 1]) }
        let scale = mean(differences.map { abs($0) })
        let squaredScale = mean(differences.map { $0 * $0 })
        var percentages: [Double] = [], symmetric: [Double] = []
        for (e, a) in zip(errors, actual) {
            percentages.append(100 * e / a)
            symmetric.append(200 * abs(e) / (abs(a) + abs(last)))
        }
        let squared: [Double] = errors.map { $0 * $0 }
        let absolute: [Double] = errors.map { abs($0) }
        let byHand: [(String, Double)] = [
            ("ME", mean(errors)), ("RMSE", mean(squared).squareRoot()), ("MAE", mean(absolute)),
            ("MPE", mean(percentages)), ("MAPE", mean(percentages.map { abs($0) })), ("sMAPE", mean(symmetric)),
            ("MASE", mean(absolute) / scale), ("RMSSE", (mean(squared) / squaredScale).squareRoot()),
        ]
        let metrics = AccuracyMetrics(actual: actual, forecast: [Double](repeating: last, count: h), training: training, seasonLength: 1)
        let windowMetrics = try #require(window.metrics)
        let s = backtest.scores
        let ours: [[Double]] = [
            [s.me, s.rmse, s.mae, s.mpe, s.mape, s.smape, s.mase, s.rmsse],
            [metrics.me, metrics.rmse, metrics.mae, metrics.mpe, metrics.mape, metrics.smape, metrics.mase, metrics.rmsse],
            [windowMetrics.me, windowMetrics.rmse, windowMetrics.mae, windowMetrics.mpe, windowMetrics.mape,
             windowMetrics.smape, windowMetrics.mase, windowMetrics.rmsse],
        ]
        for row in ours {
            for ((label, expected), value) in zip(byHand, row) {
                #expect(Self.close(value, expected, 1e-12), "\(label): \(value) vs by hand \(expected)")
            }
        }
        #expect(s.levels.isEmpty && s.coverage.isEmpty && s.pinball.isEmpty && s.crps == nil)
    }

    /// Windows run on 1 or 3 tasks give identical windows and scores, also for a model with
    /// simulated intervals (multiplicative trend), whose streams depend on the seed and window only.
    @Test func resultsDoNotDependOnConcurrency() async throws {
        let y = try Self.fixtureCase("Nile_naive_h3").values
        let configuration = Backtest.Configuration(horizon: 3, windows: 5, step: 2)
        let model = try ModelSpecification(parsing: "ets(MMN)")
        let one = try await Backtest(y, model: model, seasonLength: 1, configuration: configuration, seed: 7, concurrency: 1)
        let three = try await Backtest(y, model: model, seasonLength: 1, configuration: configuration, seed: 7, concurrency: 3)
        #expect(one.windows.map(\.forecast) == three.windows.map(\.forecast))
        #expect(one.windows.map(\.error) == three.windows.map(\.error))
        #expect(one.scores == three.scores)
        #expect(one.windows.allSatisfy { $0.forecast != nil }, "\(one.failures)")
        let otherSeed = try await Backtest(y, model: model, seasonLength: 1, configuration: configuration, seed: 8, concurrency: 3)
        #expect(otherSeed.windows.map(\.forecast) != one.windows.map(\.forecast), "the seed reaches the simulated intervals")
        #expect(otherSeed.windows.map { $0.forecast?.mean } == one.windows.map { $0.forecast?.mean })
    }

    @Test func tooShortNamesTheMinimum() async throws {
        let y = (1...7).map(Double.init)
        await #expect(throws: ForecastingError.tooShort(
            model: "a backtest of naive with 5 windows of horizon 3 and step 1", count: 7, minimum: 8)) {
            _ = try await Backtest(y, model: .naive, seasonLength: 1, configuration: .init(horizon: 3, windows: 5))
        }
        let sliding = Backtest.Configuration(horizon: 2, windows: 3, step: 2, trainingWindow: .sliding(length: 10))
        #expect(sliding.minimumLength == 10 + 2 + 2 * 2)
        do {
            _ = try await Backtest(Array(repeating: 1, count: 15), model: .mean, seasonLength: 1, configuration: sliding)
            Issue.record("a 15-point series is too short for \(sliding)")
        } catch {
            #expect(error.description == "a backtest of mean with 3 windows of horizon 2 and step 2 on a sliding window of 10 "
                + "needs at least 16 observations; the series has 15")
        }
        let exact = try await Backtest(Array(repeating: 1, count: 16).enumerated().map { Double($0.offset) },
                                       model: .mean, seasonLength: 1, configuration: sliding)
        #expect(exact.windows.map(\.training) == [0..<10, 2..<12, 4..<14])
        #expect(exact.windows.map(\.test) == [10..<12, 12..<14, 14..<16])
    }

    @Test(arguments: [
        Backtest.Configuration(horizon: 0, windows: 2), Backtest.Configuration(horizon: 2, windows: 0),
        Backtest.Configuration(horizon: 2, windows: 2, step: 0),
        Backtest.Configuration(horizon: 2, windows: 2, trainingWindow: .sliding(length: 0)),
        Backtest.Configuration(horizon: 2, windows: 2, levels: [80, 100]),
    ])
    func invalidConfigurationsAreRefused(configuration: Backtest.Configuration) async {
        await #expect(throws: ForecastingError.self) {
            _ = try await Backtest((1...50).map(Double.init), model: .naive, seasonLength: 1, configuration: configuration)
        }
    }

    /// A window the model cannot fit is counted as failed with the model's error and left out of
    /// every score; missing actuals are skipped.
    @Test func failedWindowsAreCountedAndExplained() async throws {
        var y = try Self.fixtureCase("USAccDeaths_snaive_sliding36_h6").values
        y[71] = .nan
        // The first origins have 10 and 11 observations: fewer than a season plus one.
        let backtest = try await Backtest(y, model: .seasonalNaive, seasonLength: 12,
                                          configuration: .init(horizon: 6, windows: 9, step: 7))
        #expect(backtest.windows.map(\.training.count) == [10, 17, 24, 31, 38, 45, 52, 59, 66])
        #expect(backtest.failures.map(\.window) == [0])
        #expect(backtest.failures.first?.error == .tooShort(model: "Seasonal naive", count: 10, minimum: 13))
        let s = backtest.scores
        #expect(s.windows == 9 && s.failed == 1 && s.observations == 8 * 6 - 1)
        let succeeded = backtest.windows.dropFirst()
        let pooledErrors = succeeded.flatMap { $0.errors ?? [] }.filter { !$0.isNaN }
        #expect(Self.close(s.mae, pooledErrors.map(abs).reduce(0, +) / Double(pooledErrors.count), 1e-12))
        #expect(s.mase.isFinite && s.coverage.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(s.coverage[0] <= s.coverage[1] && s.winkler.allSatisfy(\.isFinite))
    }
}
