import Foundation
import Testing
import Forecasting
import TestSupport

/// naive, snaive, rwf(drift), meanf, Box–Cox (Guerrero λ, bias adjustment) and accuracy against
/// R forecast 8.20 (Fixtures/r-forecast/baselines, made by make_baseline_fixtures.R).
@Suite struct BaselineTests {
    struct Interval: Decodable {
        let mean, lower80, upper80, lower95, upper95: [Double]
    }
    struct Accuracy: Decodable {
        let trainLength: Int
        let ME, RMSE, MAE, MPE, MAPE, MASE: Double
    }
    struct Series: Decodable {
        let name: String
        let frequency: Int
        let values: [Double?]
        let horizon: Int
        let naive, snaive, drift, mean: Interval
        let lambdaGuerrero, lambdaAuto: Double?
        let naiveLog, meanSqrt, driftLambdaMedian: Interval?
        let theta, stlf: Interval?
        let thetaAlpha: Double?
        let stlfModel: String?
        let accuracy: Accuracy?
        var data: [Double] { values.map { $0 ?? .nan } }
    }
    struct File: Decodable { let series: [Series] }

    static let fixture: [Series] = {
        guard let data = try? Data(contentsOf: fixtureURL("r-forecast/baselines/baselines.json")),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.series
    }()

    static var names: [String] { fixture.map(\.name) }
    /// The series for which R gave each reference, so that every test case checks something.
    static var thetaNames: [String] { fixture.filter { $0.theta != nil }.map(\.name) }
    static var stlfNames: [String] { fixture.filter { $0.stlf != nil }.map(\.name) }
    static var boxCoxNames: [String] { fixture.filter { $0.lambdaGuerrero != nil }.map(\.name) }
    static var accuracyNames: [String] { fixture.filter { $0.accuracy != nil }.map(\.name) }

    static func series(_ name: String) throws -> Series {
        try #require(fixture.first { $0.name == name }, "fixture \(name)")
    }

    /// `|a − b| ≤ 1e−6 · max(|b|, 1e−6)`: the relative tolerance for the benchmarks.
    static func expectMatchesR(_ ours: Forecast, _ r: Interval, _ label: String, tolerance: Double = 1e-6) {
        func check(_ a: [Double], _ b: [Double], _ part: String) {
            #expect(a.count == b.count, "\(label) \(part) length")
            for (h, (x, y)) in zip(a, b).enumerated() {
                #expect(abs(x - y) <= tolerance * max(abs(y), 1e-6), "\(label) \(part)[\(h)]: \(x) vs R \(y)")
            }
        }
        check(ours.mean, r.mean, "mean")
        check(ours.lower[0], r.lower80, "lo80")
        check(ours.upper[0], r.upper80, "hi80")
        check(ours.lower[1], r.lower95, "lo95")
        check(ours.upper[1], r.upper95, "hi95")
    }

    @Test func fixtureLoaded() {
        #expect(Self.fixture.count == 19)
        let counts: [Int] = [Self.thetaNames.count, Self.stlfNames.count, Self.boxCoxNames.count, Self.accuracyNames.count]
        #expect(counts == [18, 8, 17, 15])
    }

    @Test(arguments: names)
    func randomWalkFamilyAndMeanMatchR(name: String) throws {
        let s = try Self.series(name)
        let levels = [80.0, 95.0]
        Self.expectMatchesR(try LagWalk(s.data, kind: .naive).forecast(horizon: s.horizon, levels: levels), s.naive, "\(name) naive")
        Self.expectMatchesR(try LagWalk(s.data, kind: .seasonalNaive, seasonLength: s.frequency)
            .forecast(horizon: s.horizon, levels: levels), s.snaive, "\(name) snaive")
        Self.expectMatchesR(try LagWalk(s.data, kind: .drift).forecast(horizon: s.horizon, levels: levels), s.drift, "\(name) drift")
        Self.expectMatchesR(try MeanForecast(s.data).forecast(horizon: s.horizon, levels: levels), s.mean, "\(name) mean")
    }

    @Test(arguments: thetaNames)
    func thetaMatchesR(name: String) throws {
        let s = try Self.series(name)
        let r = try #require(s.theta), alpha = try #require(s.thetaAlpha)
        let fit = try Theta(s.data, seasonLength: s.frequency)
        print("Theta \(name): α \(fit.alpha) vs R \(alpha)")
        Self.expectMatchesR(try fit.forecast(horizon: s.horizon, levels: [80, 95]), r, "\(name) theta", tolerance: Self.thetaTolerance)
    }

    @Test(arguments: stlfNames)
    func stlfMatchesR(name: String) throws {
        let s = try Self.series(name)
        let r = try #require(s.stlf), model = try #require(s.stlfModel)
        let fit = try STLForecaster(s.data, seasonLength: s.frequency)
        #expect(fit.adjustedModel.summary.name == model, "\(name) stlf model")
        Self.expectMatchesR(try fit.forecast(horizon: s.horizon, levels: [80, 95]), r, "\(name) stlf", tolerance: Self.thetaTolerance)
    }

    /// Theta and stlf run R's Nelder–Mead; ours follows the same steps, so forecasts agree closely but
    /// not to the last digit.
    static let thetaTolerance = 1e-6

    @Test(arguments: boxCoxNames)
    func boxCoxMatchesR(name: String) throws {
        let s = try Self.series(name)
        let guerrero = try #require(s.lambdaGuerrero), auto = try #require(s.lambdaAuto)
        let naiveLog = try #require(s.naiveLog), meanSqrt = try #require(s.meanSqrt)
        let driftMedian = try #require(s.driftLambdaMedian)
        // R's optimize stops within ~1e-4 of the minimum; the same Brent steps land on the same point.
        expectClose(BoxCox.guerreroLambda(s.data, seasonLength: s.frequency), guerrero, .absolute(1e-8), "\(name) λ")
        expectClose(BoxCox.guerreroLambda(s.data, seasonLength: s.frequency, lower: -0.9), auto, .absolute(1e-8), "\(name) auto λ")
        let levels = [80.0, 95.0]
        let log = try BoxCoxForecaster(s.data, lambda: 0, biasAdjusted: true) { (w) throws(ForecastingError) in
            try LagWalk(w, kind: .naive)
        }
        Self.expectMatchesR(try log.forecast(horizon: s.horizon, levels: levels), naiveLog, "\(name) naive log biasadj")
        let sqrt = try BoxCoxForecaster(s.data, lambda: 0.5, biasAdjusted: true) { (w) throws(ForecastingError) in
            try MeanForecast(w)
        }
        Self.expectMatchesR(try sqrt.forecast(horizon: s.horizon, levels: levels), meanSqrt, "\(name) mean sqrt biasadj")
        let median = try BoxCoxForecaster(s.data, lambda: 0.3) { (w) throws(ForecastingError) in
            try LagWalk(w, kind: .drift)
        }
        Self.expectMatchesR(try median.forecast(horizon: s.horizon, levels: levels), driftMedian, "\(name) drift λ=0.3")
    }

    @Test(arguments: accuracyNames)
    func accuracyMatchesR(name: String) throws {
        let s = try Self.series(name)
        let r = try #require(s.accuracy)
        let training = Array(s.data.prefix(r.trainLength))
        let test = Array(s.data.dropFirst(r.trainLength).prefix(s.horizon))
        let forecast = try LagWalk(training, kind: .seasonalNaive, seasonLength: s.frequency)
            .forecast(horizon: test.count, levels: [])
        let ours = AccuracyMetrics(actual: test, forecast: forecast.mean, training: training, seasonLength: s.frequency)
        for (label, a, b) in [("ME", ours.me, r.ME), ("RMSE", ours.rmse, r.RMSE), ("MAE", ours.mae, r.MAE),
                              ("MPE", ours.mpe, r.MPE), ("MAPE", ours.mape, r.MAPE), ("MASE", ours.mase, r.MASE)] {
            expectClose(a, b, .relativeWithFloor(1e-9, floor: 1e-9), "\(name) \(label): \(a) vs R \(b)")
        }
    }

    @Test func tooShortSeriesNameTheMinimum() {
        #expect(throws: ForecastingError.tooShort(model: "Seasonal naive", count: 3, minimum: 5)) {
            try LagWalk([1, 2, 3], kind: .seasonalNaive, seasonLength: 4)
        }
        #expect(throws: ForecastingError.tooShort(model: "Mean", count: 1, minimum: 2)) { try MeanForecast([5]) }
        #expect(throws: ForecastingError.self) { try LagWalk([1, 2, 3], kind: .naive).forecast(horizon: 0, levels: [95]) }
    }

    /// Interval scores by hand: an interval [0, 10] at 90% and observations 5, −1, 12.
    @Test func intervalScoresByHand() {
        let actual: [Double] = [5, -1, 12]
        let lower: [Double] = [0, 0, 0], upper: [Double] = [10, 10, 10]
        #expect(IntervalScores.coverage(actual: actual, lower: lower, upper: upper) == 1.0 / 3.0)
        // (10) + (10 + 20·1) + (10 + 20·2) = 90 → mean 30.
        expectClose(IntervalScores.winkler(actual: actual, lower: lower, upper: upper, level: 90), 30, .absolute(1e-12))
        // τ = 0.9, q = 4: 0.9·1, 0.1·5, 0.9·8 → mean (0.9 + 0.5 + 7.2)/3.
        expectClose(IntervalScores.pinball(actual: actual, quantile: [4, 4, 4], probability: 0.9), 8.6 / 3, .absolute(1e-12))
        // CRPS of N(0,1) at its mean is 2φ(0) − 1/√π = (√2 − 1)/√π.
        let crps = IntervalScores.gaussianCRPS(actual: [0], mean: [0], standardDeviation: [1])
        expectClose(crps, (2.0.squareRoot() - 1) / Double.pi.squareRoot(), .absolute(1e-15))
    }
}
