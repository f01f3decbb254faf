import Foundation
import Testing
import Statistics
import TestSupport
@testable import Forecasting

/// Complex exponential smoothing against statsforecast 2.1.1 (Fixtures/ces/make_fixtures.py):
/// AutoCES's choice and every fixed form's point forecasts, parameters, criteria and fitted values
/// on thirteen series (M3, the bundled datasets, two synthetic), to 1e−10 relative (the issue asks
/// 1e−6; the largest difference seen is 3e−13, in the hourly series's CES(F) forecasts), except
/// the two CES(F) fits that stop at the iteration limit (``stoppedAtTheLimit(_:)``).
@Suite struct CESTests {
    struct Fit: Decodable {
        let seasontype: String
        let par: [String: Double?]
        let lik: Double
        let aicc: Double
        let sigma2: Double
        let iterations: Int
        let forecast: [Double]
        let fitted: [Double]
    }

    struct Forward: Decodable {
        let count: Int
        let seasontype: String
        let forecast: [Double]
    }

    struct Case: Decodable {
        let name: String
        let m: Int
        let h: Int
        let y: [Double]
        let fits: [String: Fit]
        let forward: Forward
    }

    static func cases() throws -> [Case] {
        struct File: Decodable { let cases: [Case] }
        let url = try #require(Bundle.module.url(forResource: "Fixtures/ces/ces", withExtension: "json"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    static let tolerance = Tolerance.relativeWithFloor(1e-10, floor: 1e-9)

    /// Fits where statsforecast's Nelder–Mead stopped at its iteration limit (it reports 1001) on a
    /// flat, ill-conditioned CES(F) objective: M3 N1672 and N2579. Both minimisers start from the
    /// same bits (initial states equal to statsforecast's, parameters equal at every converged
    /// fit), but after 1000 iterations they stand at different points, so the forecasts differ
    /// (12% and 0.4% at most). Judged by statsforecast's own `cescalc` at both points (see the
    /// report of issue 17's CES branch): N1672, ours 964.956 against statsforecast's 965.131
    /// (lower, so AutoCES then prefers F to statsforecast's P); N2579, ours 2268.4245 against
    /// 2268.4120 (5.5e−6 relative higher). For these the test asks the same iteration count and
    /// objectives within 1e−3 relative, not the same point.
    static func stoppedAtTheLimit(_ c: Case) -> Bool { ["M3 N1672", "M3 N2579"].contains(c.name) }

    static func check(_ model: ComplexExponentialSmoothing, _ wanted: Fit, horizon: Int, _ label: String,
                      elsewhere: Bool = false) throws {
        if elsewhere && wanted.seasontype == "F" {
            #expect(model.iterations == 1001, "\(label) iterations")
            expectClose(model.objective, wanted.lik, .relative(1e-3), "\(label) n log SSE at the iteration limit")
            return
        }
        #expect(model.seasonality.rawValue == wanted.seasontype, "\(label)")
        let forecast = try model.forecast(horizon: horizon, levels: [])
        expectClose(forecast.mean, wanted.forecast, tolerance, "\(label) forecasts")
        expectClose(model.alpha0, try #require(wanted.par["alpha_0"] ?? nil), tolerance, "\(label) alpha0")
        expectClose(model.alpha1, try #require(wanted.par["alpha_1"] ?? nil), tolerance, "\(label) alpha1")
        if let beta0 = wanted.par["beta_0"] ?? nil { expectClose(model.beta0, beta0, tolerance, "\(label) beta0") }
        if let beta1 = wanted.par["beta_1"] ?? nil { expectClose(model.beta1, beta1, tolerance, "\(label) beta1") }
        expectClose(model.objective, wanted.lik, tolerance, "\(label) n log SSE")
        expectClose(model.aicc, wanted.aicc, tolerance, "\(label) AICc")
        expectClose(model.sigma2, wanted.sigma2, tolerance, "\(label) sigma2")
        // The same number of Nelder–Mead iterations: the two minimisers took the same path.
        #expect(model.iterations == wanted.iterations, "\(label) iterations")
        expectClose(model.fittedValues, wanted.fitted, .relativeWithFloor(1e-6, floor: 1e-6 * (wanted.fitted.map(Swift.abs).max() ?? 1)),
                    "\(label) fitted")
    }

    @Test func fixtureHasThirteenSeries() throws {
        let cases = try Self.cases()
        #expect(cases.count == 13)
        #expect(Set(cases.map { $0.fits["Z"]!.seasontype }) == ["N", "P", "F"])
    }

    @Test func autoCESMatchesStatsforecast() throws {
        for c in try Self.cases() {
            let model = try AutoCES.fit(c.y, seasonLength: c.m)
            if Self.stoppedAtTheLimit(c) {
                // The choice rests on a CES(F) fit that stopped elsewhere: ask only that it is the
                // lowest AICc among our own forms.
                let forms = try ComplexExponentialSmoothing.Seasonality.allCases.map {
                    try ComplexExponentialSmoothing.fit(c.y, seasonLength: c.m, seasonality: $0).aicc
                }
                #expect(model.aicc == forms.min(), "\(c.name)")
                continue
            }
            try Self.check(model, try #require(c.fits["Z"]), horizon: c.h, "\(c.name) AutoCES")
            for (t, (y, (fitted, residual))) in zip(c.y, zip(model.fittedValues, model.residuals)).enumerated() {
                #expect(Swift.abs(y - fitted - residual) <= 1e-9 * Swift.max(1, Swift.abs(y)), "\(c.name) t=\(t)")
            }
        }
    }

    @Test(arguments: ["N", "S", "P", "F"])
    func eachFormMatchesStatsforecast(form: String) throws {
        let seasonality = try #require(ComplexExponentialSmoothing.Seasonality(rawValue: form))
        for c in try Self.cases() {
            let model = try ComplexExponentialSmoothing.fit(c.y, seasonLength: c.m, seasonality: seasonality)
            try Self.check(model, try #require(c.fits[form]), horizon: c.h, "\(c.name) CES(\(form))",
                           elsewhere: Self.stoppedAtTheLimit(c))
        }
    }

    /// No refit: AutoCES's parameters on the series without its last 6 values, as statsforecast's `forward`.
    @Test func refilteredIsStatsforecastsForward() throws {
        for c in try Self.cases() where !Self.stoppedAtTheLimit(c) {
            let model = try AutoCES.fit(c.y, seasonLength: c.m)
            let moved = try #require(try model.refiltered(on: Array(c.y.prefix(c.forward.count))) as? ComplexExponentialSmoothing)
            #expect(moved.seasonality.rawValue == c.forward.seasontype, "\(c.name)")
            #expect(moved.alpha0 == model.alpha0 && moved.alpha1 == model.alpha1 && moved.iterations == 0)
            expectClose(try moved.forecast(horizon: c.h, levels: []).mean, c.forward.forecast, Self.tolerance, "\(c.name) forward")
        }
    }

    /// The grammar's names reach the same models, and a constant series is naive as in statsforecast.
    @Test func grammarNamesTheModels() throws {
        #expect(try ModelSpecification(parsing: "auto-ces") == .autoCES)
        #expect(try ModelSpecification(parsing: "AutoCES") == .autoCES)
        for (text, form) in [("ces(n)", "N"), ("CES(S)", "S"), ("ces( p )", "P"), ("ces(F)", "F")] {
            let spec = try ModelSpecification(parsing: text)
            #expect(spec == .ces(try #require(ComplexExponentialSmoothing.Seasonality(rawValue: form))))
            #expect(try ModelSpecification(parsing: spec.description) == spec)
        }
        #expect(throws: ForecastingError.self) { try ModelSpecification(parsing: "ces(z)") }
        let c = try #require(try Self.cases().first { $0.name == "M3 N2000" })
        let fitted = try ModelSpecification.autoCES.fit(c.y, seasonLength: c.m)
        #expect(fitted.summary.name == "CES(P)")
        let constant = try ModelSpecification.autoCES.fit([4, 4, 4, 4, 4, 4], seasonLength: 1)
        #expect(constant.summary.name == "Naive")
        #expect(try constant.forecast(horizon: 2, levels: []).mean == [4, 4])
        #expect(throws: ForecastingError.self) { try AutoCES.fit([4, 4, 4, 4, 4], seasonLength: 1) }
        #expect(throws: ForecastingError.self) { try AutoCES.fit([1, 2], seasonLength: 1) }
        #expect(throws: ForecastingError.self) { try AutoCES.fit([1, .nan, 3, 4], seasonLength: 1) }
    }

    /// Intervals of CES(N) from the innovations form by brute force: `x = (l, c)`,
    /// `F = [[1, −(1 − α₁)], [1, 1 − α₀]]`, `g = (α₀ − α₁, α₀ + α₁)`, `w = (1, 0)`,
    /// `c_j = w F^{j−1} g`, variance `σ² (1 + Σ_{j<h} c_j²)`; for CES(S) the same weights at lags
    /// that are multiples of m and zero elsewhere, since each season is its own CES.
    @Test func intervalsFollowTheInnovationsForm() throws {
        let c = try #require(try Self.cases().first { $0.name == "M3 N2000" })
        for form in [ComplexExponentialSmoothing.Seasonality.none, .simple] {
            let model = try ComplexExponentialSmoothing.fit(c.y, seasonLength: c.m, seasonality: form)
            let horizon = 30
            let forecast = try model.forecast(horizon: horizon, levels: [80, 95])
            let (a0, a1) = (model.alpha0, model.alpha1)
            var power = [[1.0, 0.0], [0.0, 1.0]]
            let f = [[1.0, -(1 - a1)], [1.0, 1 - a0]]
            var weights: [Double] = []
            for _ in 0..<horizon {
                weights.append(power[0][0] * (a0 - a1) + power[0][1] * (a0 + a1))
                power = [[power[0][0] * f[0][0] + power[0][1] * f[1][0], power[0][0] * f[0][1] + power[0][1] * f[1][1]],
                         [power[1][0] * f[0][0] + power[1][1] * f[1][0], power[1][0] * f[0][1] + power[1][1] * f[1][1]]]
            }
            let z95 = 1.959963984540054
            for h in 1...horizon {
                var variance = 1.0
                for j in 1..<h {
                    if form == .none { variance += weights[j - 1] * weights[j - 1] }
                    else if j % c.m == 0 { variance += weights[j / c.m - 1] * weights[j / c.m - 1] }
                }
                let halfWidth = z95 * (model.sigma2 * variance).squareRoot()
                expectClose(forecast.upper[1][h - 1] - forecast.mean[h - 1], halfWidth, .relative(1e-9), "\(form) h=\(h)")
                expectClose(forecast.mean[h - 1] - forecast.lower[1][h - 1], halfWidth, .relative(1e-9), "\(form) h=\(h)")
            }
        }
    }

    /// Sample paths have the forecast's mean and the intervals' variance (20 000 paths; 4 standard errors).
    @Test func samplePathsHaveTheForecastDistribution() throws {
        let c = try #require(try Self.cases().first { $0.name == "M3 N0700" })
        let model = try AutoCES.fit(c.y, seasonLength: c.m)
        let horizon = 8, count = 20_000
        var generator = SeededGenerator(seed: 17)
        let paths = try model.simulatePaths(horizon: horizon, count: count, generator: &generator)
        let forecast = try model.forecast(horizon: horizon, levels: [95])
        for h in 0..<horizon {
            let values = paths.map { $0[h] }
            let mean: Double = values.reduce(0, +) / Double(count)
            var squares = 0.0
            for v in values { squares += (v - mean) * (v - mean) }
            let variance = squares / Double(count - 1)
            let sd = (forecast.upper[0][h] - forecast.mean[h]) / 1.959963984540054
            #expect(Swift.abs(mean - forecast.mean[h]) < 4 * sd / Double(count).squareRoot(), "h=\(h + 1)")
            #expect(Swift.abs(variance / (sd * sd) - 1) < 4 * (2.0 / Double(count)).squareRoot(), "h=\(h + 1)")
        }
        var again = SeededGenerator(seed: 17)
        #expect(try model.simulatePaths(horizon: horizon, count: 3, generator: &again) == Array(paths.prefix(3)))
    }
}
