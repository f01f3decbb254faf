import Foundation
import Statistics
import Testing
import TestSupport
@testable import Forecasting

/// STM, OTM, DSTM, DOTM and AutoTheta against statsforecast 2.1.1 (Fixtures/theta/make_fixtures.py)
/// on eighteen real series: the model chosen, the estimates, the criterion, the point forecasts and
/// fitted values to 1e−6 relative, and the intervals against statsforecast's own interval sampler
/// run with 1,000,000 paths.
@Suite struct OptimisedThetaTests {
    struct Fit: Decodable {
        let model: String
        let initial_smoothed: Double
        let alpha: Double
        let theta: Double
        let mse: Double
        let decomposition: String
        let mean: [Double]
        let fitted: [Double]
        let intervals: [String: [Double]]
        let mc: [String: [Double]]
        let forward: Forward?
    }

    struct Forward: Decodable {
        let model: String
        let mean: [Double]
    }

    struct Case: Decodable {
        let name: String
        let m: Int
        let h: Int
        let y: [Double]
        let fits: [String: Fit]
    }

    static func cases() throws -> [Case] {
        struct File: Decodable { let cases: [Case] }
        let url = try #require(Bundle.module.url(forResource: "Fixtures/theta/theta", withExtension: "json"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    static let keys: [(String, OptimisedTheta.Variant?)] = [
        ("auto", nil), ("stm", .stm), ("otm", .otm), ("dstm", .dstm), ("dotm", .dotm),
    ]

    static func fit(_ c: Case, _ variant: OptimisedTheta.Variant?) throws -> OptimisedTheta {
        try OptimisedTheta(c.y, seasonLength: c.m, variant: variant)
    }

    @Test func chosenModelEstimatesAndCriterionMatchStatsforecast() throws {
        let cases = try Self.cases()
        #expect(cases.count == 18)
        for c in cases {
            for (key, variant) in Self.keys {
                let wanted = try #require(c.fits[key])
                let model = try Self.fit(c, variant)
                let label = "\(c.name) \(key)"
                #expect(model.variant.name == wanted.model, "\(label)")
                #expect(model.seasonalAdjustment.rawValue == wanted.decomposition, "\(label)")
                expectClose(model.alpha, wanted.alpha, .relative(1e-6), "\(label) alpha")
                expectClose(model.theta, wanted.theta, .relative(1e-6), "\(label) theta")
                expectClose(model.initialLevel, wanted.initial_smoothed, .relativeWithFloor(1e-6, floor: 1e-6),
                            "\(label) initial level")
                expectClose(model.criterion, wanted.mse, .relative(1e-6), "\(label) criterion")
            }
        }
    }

    @Test func pointForecastsMatchStatsforecast() throws {
        for c in try Self.cases() {
            for (key, variant) in Self.keys {
                let wanted = try #require(c.fits[key])
                let forecast = try Self.fit(c, variant).forecast(horizon: c.h, levels: [])
                #expect(forecast.mean.count == c.h)
                expectClose(forecast.mean, wanted.mean, .relative(1e-6), "\(c.name) \(key)")
            }
        }
    }

    /// statsforecast's fitted values are `y − residuals` with the residuals put back on the data's
    /// scale; with an additive decomposition it adds the seasonal index to the residual instead
    /// of subtracting it, so its fitted values lack the seasonal part. UrbanCast's include it: the
    /// difference is then exactly the (periodic) additive index.
    @Test func fittedValuesMatchStatsforecast() throws {
        for c in try Self.cases() {
            for (key, variant) in Self.keys {
                let wanted = try #require(c.fits[key])
                let model = try Self.fit(c, variant)
                #expect(model.fittedValues.count == c.y.count)
                #expect(model.residuals.count == c.y.count)
                if model.seasonalAdjustment == .additive {
                    let index = zip(model.fittedValues, wanted.fitted).map { $0 - $1 }
                    #expect(index.prefix(c.m).contains { Swift.abs($0) > 1e-3 })
                    for t in c.m..<c.y.count {
                        expectClose(index[t], index[t - c.m], .absolute(1e-6), "\(c.name) \(key) seasonal t=\(t)")
                    }
                } else {
                    let scale = c.y.map(Swift.abs).max() ?? 1
                    expectClose(model.fittedValues, wanted.fitted, .mixed(absolute: 1e-9 * scale, relative: 1e-6),
                                "\(c.name) \(key)")
                }
                for t in c.y.indices {
                    expectClose(model.residuals[t], c.y[t] - model.fittedValues[t], .exact, "\(c.name) \(key) t=\(t)")
                }
            }
        }
    }

    /// The exact quantiles of statsforecast's path distribution against its own sampler with
    /// 1,000,000 paths (a quantile's standard error is about 0.07 % of the 95 % width there; the
    /// largest difference is 0.2 %) and against the 200 paths it reports (standard error about 5 %
    /// of the width; the largest difference is 12 %).
    /// With an additive decomposition statsforecast's σ comes from its residuals that keep the
    /// seasonal index (see the fitted-value test), so those intervals are not compared.
    @Test func intervalsMatchStatsforecastSampler() throws {
        for c in try Self.cases() {
            for (key, variant) in Self.keys {
                let wanted = try #require(c.fits[key])
                guard wanted.decomposition != "additive" else { continue }
                let forecast = try Self.fit(c, variant).forecast(horizon: c.h, levels: [80, 95])
                let (lo80, hi80) = try forecast.interval(level: 80)
                let (lo95, hi95) = try forecast.interval(level: 95)
                let mc = wanted.mc, reported = wanted.intervals
                for step in 0..<c.h {
                    let width = try #require(mc["hi-95"])[step] - (try #require(mc["lo-95"]))[step]
                    #expect(width > 0)
                    let label = "\(c.name) \(key) h=\(step + 1)"
                    for (name, ours) in [("lo-80", lo80), ("hi-80", hi80), ("lo-95", lo95), ("hi-95", hi95)] {
                        expectClose(ours[step], try #require(mc[name])[step], .absolute(0.005 * width), "\(label) \(name)")
                        expectClose(ours[step], try #require(reported[name])[step], .absolute(0.25 * width),
                                    "\(label) \(name) (200 paths)")
                    }
                }
            }
        }
    }

    /// `refiltered(on:)` (backtest's no-refit) is statsforecast's `forward`: fitted to all but the
    /// last h values, then run with its parameters held through the whole series.
    @Test func refilteringMatchesStatsforecastForward() throws {
        var compared = 0
        for c in try Self.cases() {
            for (key, variant) in Self.keys {
                guard let wanted = try #require(c.fits[key]).forward else { continue }
                let short = try OptimisedTheta(Array(c.y.dropLast(c.h)), seasonLength: c.m, variant: variant)
                #expect(short.variant.name == wanted.model, "\(c.name) \(key)")
                let held = try #require(try short.refiltered(on: c.y) as? OptimisedTheta)
                #expect(held.alpha == short.alpha && held.theta == short.theta && held.initialLevel == short.initialLevel)
                #expect(held.summary.name == short.summary.name)
                let forecast = try held.forecast(horizon: c.h, levels: [])
                expectClose(forecast.mean, wanted.mean, .relative(1e-6), "\(c.name) \(key) forward")
                compared += 1
            }
        }
        #expect(compared >= 60)
    }

    /// The simulated paths have the interval's distribution: over 4,000 paths the mean and the
    /// standard deviation of each step are within five standard errors of the exact ones.
    @Test func pathsFollowTheIntervalDistribution() throws {
        let cases = try Self.cases()
        for name in ["AirPassengers", "Nile", "aotizhongxin_pm25_120d"] {
            let c = try #require(cases.first { $0.name == name })
            let model = try Self.fit(c, nil)
            let forecast = try model.forecast(horizon: c.h, levels: [95])
            let (lo, hi) = try forecast.interval(level: 95)
            let z = Normal.standard.quantile(0.975)
            var generator = SeededGenerator(seed: 17)
            let count = 4000
            let paths = try model.simulatePaths(horizon: c.h, count: count, generator: &generator)
            for step in 0..<c.h {
                let centre = (lo[step] + hi[step]) / 2, sd = (hi[step] - lo[step]) / (2 * z)
                let values = paths.map { $0[step] }
                let mean = values.reduce(0, +) / Double(count)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
                expectClose(mean, centre, .absolute(5 * sd / Double(count).squareRoot()), "\(name) mean h=\(step + 1)")
                expectClose(variance.squareRoot(), sd, .absolute(5 * sd / Double(2 * count).squareRoot()),
                            "\(name) sd h=\(step + 1)")
            }
        }
    }

    @Test func grammarNamesTheFamily() throws {
        for (text, expected) in [("auto-theta", ModelSpecification.autoTheta), ("AutoTheta", .autoTheta),
                                 ("stm", .optimisedTheta(.stm)), ("OTM", .optimisedTheta(.otm)),
                                 ("dstm", .optimisedTheta(.dstm)), ("d o t m", .optimisedTheta(.dotm))] {
            let parsed = try ModelSpecification(parsing: text)
            #expect(parsed == expected, "\(text)")
            #expect(try ModelSpecification(parsing: parsed.description) == parsed)
        }
        #expect(try ModelSpecification(parsing: "combo(dotm,auto-ets)")
                    == .combination([.optimisedTheta(.dotm), .autoETS]))
        #expect(throws: ForecastingError.self) { try ModelSpecification(parsing: "dotm2") }
    }

    @Test func badInputIsRefused() throws {
        #expect(throws: ForecastingError.tooShort(model: "DOTM", count: 3, minimum: 4)) {
            try OptimisedTheta([1, 2, 3], seasonLength: 1, variant: .dotm)
        }
        #expect(throws: ForecastingError.missingValues(model: "AutoTheta")) {
            try OptimisedTheta([1, 2, .nan, 4, 5], seasonLength: 1)
        }
        let constant = try OptimisedTheta([Double](repeating: 5, count: 30), seasonLength: 12)
        let forecast = try constant.forecast(horizon: 3, levels: [95])
        expectClose(forecast.mean, [5, 5, 5], .relative(1e-6), "constant series")
    }
}
