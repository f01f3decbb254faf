import Forecasting
import Foundation
import Statistics
import Testing

@testable import UrbanCast
import TestSupport

/// The hourly load model's residual noise (Tetouan, zone 1, 2017).
@Suite struct HourlyLoadNoiseTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Models/scenarios")

    static func model(_ output: ScenarioSpecification.LoadOutput) throws -> HourlyLoadModel {
        let spec = try ScenarioSpecification(contentsOf: folder.appendingPathComponent("tetouan_electricity.yaml").path)
        let inputs = try ScenarioInputs(spec)
        let data = try #require(inputs.hourly[0])
        return try HourlyLoadModel(data, output: output, warming: nil, name: "load")
    }

    /// The annual-sum standard deviation equals the closed form of `Var Σ εₕ` for a stationary
    /// AR(1): `σ² (N (1 + φ)/(1 − φ) − 2φ (1 − φᴺ)/(1 − φ)²)`; the residuals are strongly
    /// autocorrelated hour to hour, so the annual noise is far above white noise's `σ √N`.
    @Test func energyNoiseIsTheAR1SumVariance() throws {
        let model = try Self.model(.energy)
        let phi = model.residualAutocorrelation, sigma = model.residualStandardDeviation
        let n = Double(model.fit.observationCount)
        #expect(phi > 0.5 && phi < 1, "φ = \(phi)")
        let closed = sigma * sigma * (n * (1 + phi) / (1 - phi) - 2 * phi * (1 - pow(phi, n)) / ((1 - phi) * (1 - phi)))
        expectClose(model.energyNoiseStandardDeviation / closed.squareRoot(), 1, .absolute(1e-9))
        #expect(model.energyNoiseStandardDeviation > 2 * sigma * n.squareRoot())
    }

    /// The noise simulated at the peak-candidate hours has the AR(1)'s marginal variance σ² at
    /// every candidate and correlation φ^Δ between consecutive candidates Δ hours apart, over 1,000
    /// simulated years (5 standard errors: √(2/N) relative for the variance, (1 − r²)/√N for a
    /// correlation r). Pairs one hour apart and pairs further apart must both occur, so a
    /// simulation that ignored the gaps between candidates would fail.
    @Test func peakNoiseIsTheAR1AtTheCandidateHours() throws {
        let model = try Self.model(.peak)
        let years = 1000
        var generator = SeededGenerator(seed: 8)
        let noise = model.peakNoise(years: years, generator: &generator)
        let c = model.candidateHours
        #expect(c >= HourlyLoadModel.candidateCount)
        let sigma2 = model.residualStandardDeviation * model.residualStandardDeviation
        let phi = model.residualAutocorrelation
        for k in [0, c / 2, c - 1] {
            let column = (0..<years).map { noise[$0 * c + k] }
            let variance = column.reduce(0) { $0 + $1 * $1 } / Double(years)
            expectClose(variance / sigma2, 1, .absolute(5 * (2 / Double(years)).squareRoot()), "candidate \(k): \(variance) vs \(sigma2)")
        }
        let gaps = model.candidateGaps
        #expect(gaps.count == c && gaps[0] == .infinity)
        var adjacent = 0, apart = 0
        for k in 1..<c {
            let expected = pow(phi, gaps[k])
            let a = (0..<years).map { noise[$0 * c + k - 1] }, b = (0..<years).map { noise[$0 * c + k] }
            // The sample correlation about the known zero means.
            let r = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
                / (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
            #expect(abs(r - expected) < 5 * (1 - expected * expected) / Double(years).squareRoot(),
                    "candidates \(k - 1), \(k), \(gaps[k]) h apart: r = \(r), φ^Δ = \(expected)")
            if gaps[k] == 1 { adjacent += 1 } else if gaps[k] >= 2 && expected < phi - 0.1 { apart += 1 }
        }
        #expect(adjacent > 10 && apart > 10, "\(adjacent) pairs an hour apart, \(apart) further apart")
    }

    /// A draw of the annual energy adds the AR(1) sum's noise to the coefficients' part: over
    /// 4,000 draws of the model's own evaluation the variance is `σ² N + sd_S²` (the coefficient
    /// part of an OLS fit with an intercept, `Var(1ᵀX β̂) = σ² 1ᵀH1 = σ² N`, plus the noise),
    /// within 5 standard errors (√(2/N) relative).
    @Test func energyDrawsCarryTheNoise() throws {
        let model = try Self.model(.energy)
        let indicator = PreparedIndicator(form: .hourlyLoad(model), population: nil)
        let k = indicator.parameterCount
        var generator = SeededGenerator(seed: 5)
        let count = 4000
        var values: [Double] = []
        for _ in 0..<count {
            let z = (0..<(k + 1)).map { _ in generator.nextNormal() }
            values.append(try indicator.evaluate(drivers: [], normals: z[...], path: nil, noisy: true, measures: [], years: [2018]).value[0])
        }
        let mean = values.reduce(0, +) / Double(count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
        let sigma = model.residualStandardDeviation, n = Double(model.fit.observationCount)
        let expected = sigma * sigma * n + pow(model.energyNoiseStandardDeviation, 2)
        #expect(abs(variance / expected - 1) < 5 * (2 / Double(count - 1)).squareRoot(), "\(variance) vs \(expected)")
    }

    /// In a scenario run the drawn peaks sit above the noise-free central peak by more than the
    /// residual standard deviation (the maximum of noisy hours), and the energy bands are
    /// wider than the coefficients alone would make them (`σ √N` for the sum).
    @Test func scenarioDrawsCarryHourlyNoise() async throws {
        let spec = try ScenarioSpecification(contentsOf: Self.folder.appendingPathComponent("tetouan_electricity.yaml").path)
        let run = try await ScenarioRun(spec, options: .init(draws: 20, seed: 4))
        let energy = try Self.model(.energy)
        let sigma = energy.residualStandardDeviation
        let n = Double(energy.fit.observationCount)
        let peak = try #require(run[scenario: "bau", indicator: "peak"])
        let variance = try #require(run[scenario: "bau", indicator: "energy"]?.varianceSplit)
        for h in [0, run.years.count - 1] {
            #expect(peak.mean[h] - peak.central[h] > sigma, "peak \(run.years[h])")
            #expect(variance.model[h] > 2 * sigma * sigma * n, "energy \(run.years[h])")
        }
    }
}
