import Foundation
import Statistics
import Testing
import UrbanCast
import TestSupport

/// `SimulationModel` and `SimulationRun`: simulated series re-fit to the stated parameters within
/// their standard errors, have the moments the model implies, come out in the stated seasonal
/// order, and depend only on the seed (not on threads); bad statements are refused.
@Suite struct SimulateTests {
    /// One long path of a model.
    static func path(
        _ text: String, _ parameters: [String: Double], length: Int, seed: UInt64 = 11,
        seasonLength: Int = 1
    ) throws -> [Double] {
        let model = try SimulationModel(
            try ModelSpecification(parsing: text), parameters: parameters, seasonLength: seasonLength)
        var generator = SeededGenerator(seed: seed)
        return model.simulate(length: length, generator: &generator)
    }

    /// ARMA(1,1) with a mean: the ML re-fit lies within 4 standard errors of the stated ar1, ma1
    /// and mean, and σ² within 4 of its asymptotic standard error √(2/n)·σ².
    @Test func armaRefitsToStatedParameters() throws {
        let n = 3000
        let y = try Self.path("arima(1,0,1)+mean", ["ar1": 0.6, "ma1": 0.3, "mean": 10, "sigma": 2], length: n)
        let fit = try ARIMAModel.fit(y, specification: ARIMASpecification(p: 1, q: 1, includeMean: true))
        let stated = ["ar1": 0.6, "ma1": 0.3, "intercept": 10.0]
        for (name, value) in stated {
            let k = try #require(fit.coefficientNames.firstIndex(of: name))
            expectClose(fit.coefficients[k], value, .absolute(4 * fit.standardErrors[k]), "\(name): \(fit.coefficients[k]) ± \(fit.standardErrors[k]) vs \(value)")
        }
        #expect(abs(fit.sigma2 - 4) < 4 * (2.0 / Double(n)).squareRoot() * 4, "σ² \(fit.sigma2)")
    }

    /// The airline model: differencing is undone correctly, so re-fitting
    /// ARIMA(0,1,1)(0,1,1)[12] recovers ma1 and sma1 within 4 standard errors.
    @Test func airlineModelRefits() throws {
        let y = try Self.path("arima(0,1,1)(0,1,1)[12]", ["ma1": -0.4, "sma1": -0.6], length: 1200)
        let fit = try ARIMAModel.fit(
            y, specification: ARIMASpecification(d: 1, q: 1, seasonalD: 1, seasonalQ: 1, seasonLength: 12))
        for (name, value) in ["ma1": -0.4, "sma1": -0.6] {
            let k = try #require(fit.coefficientNames.firstIndex(of: name))
            expectClose(fit.coefficients[k], value, .absolute(4 * fit.standardErrors[k]), "\(name): \(fit.coefficients[k]) ± \(fit.standardErrors[k]) vs \(value)")
        }
        #expect(abs(fit.sigma2 - 1) < 4 * (2.0 / 1187).squareRoot())
    }

    /// Drift with one difference: the mean step of a random walk with drift δ is δ, within 4
    /// standard errors σ/√n.
    @Test func driftIsTheMeanStep() throws {
        let n = 5000
        let y = try Self.path("arima(0,1,0)+drift", ["drift": 0.5, "sigma": 3], length: n)
        let meanStep = (y[n - 1] - y[0]) / Double(n - 1)
        expectClose(meanStep, 0.5, .absolute(4 * 3 / Double(n - 1).squareRoot()))
    }

    /// ETS(A,N,N): first differences are the MA(1) `εₜ − (1 − α)εₜ₋₁`, so their variance is
    /// σ²(1 + (1 − α)²) and lag-1 autocorrelation −(1 − α)/(1 + (1 − α)²); checked over 400 series
    /// of 200 with tolerances of 4 standard errors; the ETS re-fit of one long path finds α.
    @Test func etsSimpleMomentsAndRefit() throws {
        let alpha = 0.3
        let sigma = 2.0
        let model = try SimulationModel(.ets(try ETSSpecification(parsing: "ANN")), parameters: ["alpha": alpha, "sigma": sigma, "level": 50])
        var sumSquares = 0.0
        var sumProducts = 0.0
        var count = 0
        for i in 0..<400 {
            var generator = SeededGenerator(seed: 5).split(stream: i)
            let y = model.simulate(length: 200, generator: &generator)
            let d = zip(y.dropFirst(), y).map { $0 - $1 }
            for t in d.indices {
                sumSquares += d[t] * d[t]
                if t > 0 { sumProducts += d[t] * d[t - 1] }
            }
            count += d.count
        }
        let variance = sumSquares / Double(count)
        let expected = sigma * sigma * (1 + 0.49)
        #expect(
            abs(variance - expected) < 4 * expected * (2.0 * (1 + 2 * 0.2) / Double(count)).squareRoot(), "\(variance)")
        let rho = sumProducts / sumSquares
        let expectedRho = -0.7 / 1.49
        expectClose(rho, expectedRho, .absolute(4 / Double(count).squareRoot()), "\(rho)")

        let long = try Self.path("ets(ANN)", ["alpha": alpha, "sigma": sigma, "level": 50], length: 2000)
        let fit = try ETSModel.fit(long, seasonLength: 1, specification: ETSSpecification(parsing: "ANN"))
        expectClose(fit.alpha, alpha, .absolute(0.06), "α̂ = \(fit.alpha)")
    }

    /// Stated seasons come out in order: with a negligible σ, ETS(A,N,A) gives level + s1, s2, …
    /// and ETS(M,N,M) level × s1, s2, …, repeating every m periods.
    @Test(arguments: ["ANA", "MNM"])
    func seasonsComeOutInStatedOrder(letters: String) throws {
        let multiplicative = letters == "MNM"
        let seasons: [Double] = multiplicative ? [0.8, 1.1, 1.3, 0.8] : [-5, 2, 7, -4]
        var parameters = ["alpha": 0.2, "gamma": 0.1, "sigma": 1e-9, "level": 100]
        for (j, s) in seasons.enumerated() { parameters["s\(j + 1)"] = s }
        let y = try Self.path("ets(\(letters))", parameters, length: 8, seasonLength: 4)
        for t in 0..<8 {
            let expected = multiplicative ? 100 * seasons[t % 4] : 100 + seasons[t % 4]
            expectClose(y[t], expected, .absolute(1e-5), "t = \(t): \(y[t]) vs \(expected)")
        }
    }

    /// ETS(M,N,N): the first observation is ℓ₀(1 + ε), so its mean over 4000 series is ℓ₀ within
    /// 4 standard errors ℓ₀σ/√N, and every value is positive.
    @Test func multiplicativeErrorsHaveTheStatedMean() throws {
        let model = try SimulationModel(.ets(try ETSSpecification(parsing: "MNN")), parameters: ["alpha": 0.5, "sigma": 0.1, "level": 200])
        var firsts: [Double] = []
        for i in 0..<4000 {
            var generator = SeededGenerator(seed: 3).split(stream: i)
            let y = model.simulate(length: 20, generator: &generator)
            #expect(y.allSatisfy { $0 > 0 })
            firsts.append(y[0])
        }
        let mean = firsts.reduce(0, +) / 4000
        #expect(abs(mean - 200) < 4 * 200 * 0.1 / 4000.0.squareRoot(), "\(mean)")
    }

    /// The text depends on the seed only: identical for 1 and 3 threads, different for another
    /// seed; series 5 is the same whether 5 or 300 series are written (more than one block); and
    /// the long-format reader reads it back as N monthly series of length L.
    @Test func outputDependsOnlyOnTheSeed() async throws {
        let model = try SimulationModel(.arima(.init(p: 1, includeMean: false)), parameters: ["ar1": 0.5])
        let start = try SeriesDate(parsing: "2000-01")
        func text(count: Int, seed: UInt64, threads: Int) async throws -> String {
            let run = try SimulationRun(
                SimulationRun.Request(
                    model: model, count: count, length: 24, seed: seed, start: start,
                    frequency: .monthly, threads: threads))
            var bytes: [UInt8] = []
            try await run.write { bytes += $0 }
            return String(decoding: bytes, as: UTF8.self)
        }
        let one = try await text(count: 300, seed: 9, threads: 1)
        #expect(try await text(count: 300, seed: 9, threads: 3) == one)
        #expect(try await text(count: 300, seed: 10, threads: 1) != one)
        let series = try LongFormat.read(Array(one.utf8), file: "sim.csv")
        #expect(series.count == 300 && series.allSatisfy { $0.series.count == 24 && $0.series.frequency == .monthly })
        #expect(series[0].key.values == ["sim001"] && series[299].key.values == ["sim300"])
        let few = try LongFormat.read(Array(try await text(count: 5, seed: 9, threads: 2).utf8), file: "few.csv")
        #expect(few[4].series.values == series[4].series.values)
    }

    /// The stated ARIMA likelihood is the one the fit maximises: at the fit's coefficients,
    /// `log L(σ²) = −½[ν log 2πσ² + A + S/σ²]` is pinned by two values of σ, and its maximum over
    /// σ² (at S/ν) equals the fit's log-likelihood.
    @Test func arimaLikelihoodMatchesTheFit() throws {
        let y = try Self.path("arima(1,0,1)+mean", ["ar1": 0.6, "ma1": 0.3, "mean": 10, "sigma": 2], length: 300)
        let fit = try ARIMAModel.fit(y, specification: ARIMASpecification(p: 1, q: 1, includeMean: true))
        var stated: [String: Double] = [:]
        for (name, value) in zip(fit.coefficientNames, fit.coefficients) {
            stated[name == "intercept" ? "mean" : name] = value
        }
        func logL(_ sigma: Double) throws -> Double {
            stated["sigma"] = sigma
            return try SimulationModel(.arima(.init(p: 1, q: 1, includeMean: true)), parameters: stated)
                .logLikelihood(y)
        }
        let nu = Double(y.count)
        let one = try logL(1)
        let two = try logL(2)
        // −2 log L(1) = ν log 2π + A + S and −2 log L(2) = ν log 8π + A + S/4.
        let s = (-2 * one + 2 * two + nu * log(4.0)) * 4 / 3
        let a = -2 * one - nu * log(2 * Double.pi) - s
        let maximum = -0.5 * (nu * log(2 * Double.pi * s / nu) + a + nu)
        expectClose(maximum, fit.logLikelihood, .relative(1e-8), "\(maximum) vs \(fit.logLikelihood)")
    }

    /// ETS(A,N,N) and ETS(M,N,N) likelihoods worked by hand: εₜ = yₜ − ℓₜ₋₁ (or relative),
    /// ℓₜ = ℓₜ₋₁ + αεₜ (or ℓₜ₋₁(1 + αεₜ)).
    @Test(arguments: ["ANN", "MNN"])
    func etsLikelihoodByHand(letters: String) throws {
        let y: [Double] = [101, 99, 104, 103, 98, 100]
        let alpha = 0.4
        let sigma = letters == "ANN" ? 2.0 : 0.02
        let model = try SimulationModel(.ets(try ETSSpecification(parsing: letters)), parameters: ["alpha": alpha, "sigma": sigma, "level": 100])
        var level = 100.0
        var expected = 0.0
        for value in y {
            let e = letters == "ANN" ? value - level : (value - level) / level
            expected += -0.5 * (log(2 * Double.pi * sigma * sigma) + e * e / (sigma * sigma))
            if letters == "MNN" { expected -= log(level) }
            level = letters == "ANN" ? level + alpha * e : level * (1 + alpha * e)
        }
        expectClose(model.logLikelihood(y), expected, .relative(1e-10))
    }

    /// A root just outside the unit circle asks R's rule for billions of burn-in steps; the burn-in
    /// is capped, so the path comes back, finite.
    @Test func nearUnitRootBurnInIsBounded() throws {
        let y = try Self.path("arima(1,0,0)", ["ar1": 0.999_999_999], length: 10)
        #expect(y.count == 10 && y.allSatisfy(\.isFinite))
    }

    /// Statements that cannot be simulated are refused with a message naming what to change.
    @Test(
        arguments: [
            ("arima(1,0,0)", ["ar1": 1.01], "not stationary"),
            ("arima(0,0,0)(1,0,0)[4]", ["sar1": -1.0], "not stationary"),
            ("arima(1,0,1)", ["ar1": 0.5], "needs a value for ma1"),
            ("arima(1,0,0)", ["ar1": 0.5, "ar2": 0.1], "no parameter 'ar2'"),
            ("arima(1,0,0)+mean", ["ar1": 0.5], "needs a value for mean"),
            ("arima(1,0,0)", ["ar1": 0.5, "sigma": 0], "sigma must be positive"),
            ("ets(AAN)", ["alpha": 0.3, "sigma": 1], "needs beta"),
            ("ets(AAN)", ["alpha": 0.3, "beta": 0.5, "sigma": 1], "beta must lie in (0, alpha]"),
            ("ets(ANA)", ["alpha": 0.8, "gamma": 0.5, "sigma": 1], "gamma must lie"),
            ("ets(MNN)", ["alpha": 0.3, "sigma": 0.1, "level": -1], "level must be positive"),
            ("ets(ANA)", ["alpha": 0.3, "gamma": 0.1, "sigma": 1, "s1": 1], "give all 4 seasons"),
            ("theta", [:], "only arima"),
        ] as [(String, [String: Double], String)])
    func refusesBadStatements(model: String, parameters: [String: Double], message: String) throws {
        do {
            _ = try SimulationModel(try ModelSpecification(parsing: model), parameters: parameters, seasonLength: 4)
            Issue.record("\(model) \(parameters) was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
