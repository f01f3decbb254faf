import Foundation
import Statistics
import Testing

@testable import Forecasting
import TestSupport

/// Future sample paths against each model's own analytic forecast distribution.
///
/// Over `N` seeded paths, per horizon, the checks and their Monte Carlo tolerances (5 standard
/// errors each, so a correct simulator fails a given comparison with probability below 10⁻⁶,
/// while a wrong conditioning, a missing integration or a variance off by 10% fails it):
/// - the sample mean against the forecast mean: se = s/√N;
/// - the sample variance against the forecast variance `((hi95 − lo95)/(2 z₀.₉₇₅))²`:
///   se = √((m₄ − s⁴)/N) with m₄ the sample fourth central moment (valid for any distribution);
/// - the sample 2.5% and 97.5% quantiles against `lo95` and `hi95`: se = √(p(1 − p)/N) / f(q),
///   the density f at the quantile estimated from the sample by the slope of the empirical
///   quantile function over p ± 0.005.
@Suite("Future sample paths")
struct FuturePathSimulatorTests {
    static let paths = 10_000
    static let horizon = 8

    /// Which properties of the forecast the paths must reproduce.
    struct Checks: Sendable {
        var mean = true
        var variance = true
        var quantiles = true
        /// Use the forecast's median (Box–Cox without bias adjustment) instead of its mean.
        var medianInsteadOfMean = false
        /// Horizons checked (default: all).
        var horizons: Range<Int> = 0..<FuturePathSimulatorTests.horizon
        /// Monte Carlo paths behind the forecast's own interval (simulated intervals), added to the error budget.
        var referencePaths: Int?
    }

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let checks: Checks
        let fit: @Sendable () throws -> any FittedForecaster
    }

    // MARK: - Data (simulated from stated models, fixed seeds)

    static func simulated(_ spec: String, _ parameters: [String: Double], length: Int, seed: UInt64,
                          seasonLength: Int = 1) -> [Double] {
        do {
            let model = try SimulationModel(try ModelSpecification(parsing: spec), parameters: parameters,
                                            seasonLength: seasonLength)
            var generator = SeededGenerator(seed: seed)
            return model.simulate(length: length, generator: &generator)
        } catch {
            preconditionFailure("the test model \(spec) is invalid: \(error)")
        }
    }

    static let arma = simulated("arima(1,0,1)+mean", ["ar1": 0.6, "ma1": 0.4, "mean": 10, "sigma": 2], length: 150, seed: 11)
    static let walk = simulated("arima(0,1,1)+drift", ["ma1": -0.3, "drift": 0.5, "sigma": 1], length: 80, seed: 12)
    static let quarterly = simulated("arima(0,1,1)(0,1,1)[4]", ["ma1": -0.4, "sma1": -0.5, "sigma": 1], length: 100, seed: 13)
    static let additive = simulated("ets(AAA)", ["alpha": 0.3, "beta": 0.05, "gamma": 0.1, "sigma": 2, "level": 100, "slope": 0.5],
                                    length: 96, seed: 14, seasonLength: 12)
    static let multiplicative = simulated("ets(MAM)", ["alpha": 0.3, "beta": 0.05, "gamma": 0.1, "sigma": 0.04, "level": 100,
                                                       "slope": 0.5], length: 96, seed: 15, seasonLength: 12)
    static let regressor = (0..<150).map { sin(Double($0) / 5) * 3 + Double($0) / 50 }

    static func arima(_ values: [Double], _ spec: String) -> @Sendable () throws -> any FittedForecaster {
        { try ModelSpecification(parsing: spec).fit(values, seasonLength: 1) }
    }

    static func ets(_ values: [Double], _ letters: String) -> @Sendable () throws -> any FittedForecaster {
        { try ETSModel.fit(values, seasonLength: 12, specification: ETSSpecification(parsing: letters)) }
    }

    static let cases: [Case] = [
        Case(description: "ARIMA(1,0,1) with mean", checks: Checks(), fit: arima(arma, "arima(1,0,1)+mean")),
        Case(description: "ARIMA(0,1,1) with drift", checks: Checks(), fit: arima(walk, "arima(0,1,1)+drift")),
        Case(description: "ARIMA(2,1,0)", checks: Checks(), fit: arima(walk, "arima(2,1,0)")),
        Case(description: "ARIMA(0,2,1)", checks: Checks(), fit: arima(walk, "arima(0,2,1)")),
        Case(description: "ARIMA(0,1,1)(0,1,1)[4]", checks: Checks(),
             fit: { try ModelSpecification(parsing: "arima(0,1,1)(0,1,1)[4]").fit(quarterly, seasonLength: 4) }),
        Case(description: "regression with ARIMA(1,0,0) errors", checks: Checks(), fit: {
            let y = zip(arma, regressor).map { $0 + 2 * $1 }
            let future = (150..<(150 + horizon)).map { sin(Double($0) / 5) * 3 + Double($0) / 50 }
            return try ModelSpecification(parsing: "arima(1,0,0)+mean").fit(
                y, seasonLength: 1, regressors: [ARIMARegressor(name: "x", values: regressor)],
                futureRegressors: [ARIMARegressor(name: "x", values: future)])
        }),
        Case(description: "auto-arima", checks: Checks(), fit: { try AutoARIMA(seasonLength: 4).fit(quarterly) }),
        Case(description: "ETS(A,N,N)", checks: Checks(), fit: ets(additive, "ANN")),
        Case(description: "ETS(A,Ad,N)", checks: Checks(), fit: ets(additive, "AAdN")),
        Case(description: "ETS(A,A,A)", checks: Checks(), fit: ets(additive, "AAA")),
        // Class 2: exact mean and variance; the distribution is not Gaussian, so R's Gaussian
        // interval is an approximation and is not compared.
        Case(description: "ETS(M,N,N)", checks: Checks(quantiles: false), fit: ets(multiplicative, "MNN")),
        Case(description: "ETS(M,A,N)", checks: Checks(quantiles: false), fit: ets(multiplicative, "MAN")),
        // Class 3: mean and variance from the Kronecker recursion, checked within the first season.
        Case(description: "ETS(M,A,M)", checks: Checks(quantiles: false), fit: ets(multiplicative, "MAM")),
        Case(description: "ETS(M,N,M)", checks: Checks(quantiles: false), fit: ets(multiplicative, "MNM")),
        // Multiplicative trend: R's intervals are simulated quantiles (5000 paths), compared with their own error.
        Case(description: "ETS(M,M,N)", checks: Checks(mean: false, variance: false, referencePaths: 5000),
             fit: ets(multiplicative, "MMN")),
        Case(description: "naive", checks: Checks(), fit: { try LagWalk(walk, kind: .naive) }),
        Case(description: "snaive", checks: Checks(), fit: { try LagWalk(quarterly, kind: .seasonalNaive, seasonLength: 4) }),
        Case(description: "drift", checks: Checks(), fit: { try LagWalk(walk, kind: .drift) }),
        // Student-t interval: quantiles and mean; the variance (n−1)/(n−3)·s²(1+1/n) is not the interval's.
        Case(description: "mean", checks: Checks(variance: false), fit: { try MeanForecast(Array(arma.prefix(12))) }),
        Case(description: "theta", checks: Checks(), fit: { try Theta(walk, seasonLength: 1) }),
        Case(description: "Box-Cox(0.5) ETS(A,N,N)", checks: Checks(variance: false, medianInsteadOfMean: true), fit: {
            try BoxCoxForecaster(multiplicative, lambda: 0.5) { (w) throws(ForecastingError) in
                try ETSModel.fit(w, seasonLength: 1, specification: ETSSpecification(parsing: "ANN"))
            }
        }),
        Case(description: "stl-ets", checks: Checks(), fit: { try STLForecaster(additive, seasonLength: 12) }),
    ]

    @Test("paths reproduce the forecast distribution", arguments: cases)
    func distribution(of model: Case) throws {
        let fit = try model.fit()
        let forecast = try fit.forecast(horizon: Self.horizon, levels: [95])
        let interval = try forecast.interval(level: 95)
        var generator = SeededGenerator(seed: 2024)
        let paths = try fit.simulatePaths(horizon: Self.horizon, count: Self.paths, generator: &generator)
        let n = Double(Self.paths)
        let z = Normal.standard.quantile(0.975)
        for h in model.checks.horizons {
            var column = paths.map { $0[h] }
            #expect(column.allSatisfy { $0.isFinite }, "\(model) h=\(h + 1): non-finite path values")
            column.sort()
            let mean = column.reduce(0, +) / n
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            let fourth = column.reduce(0) { $0 + pow($1 - mean, 4) } / n
            let label = "\(model) h=\(h + 1)"
            if model.checks.mean {
                let target = forecast.mean[h]
                let sample = model.checks.medianInsteadOfMean ? Self.quantile(column, 0.5) : mean
                let se = model.checks.medianInsteadOfMean
                    ? Self.quantileStandardError(column, 0.5, count: n) : (variance / n).squareRoot()
                expectClose(sample, target, .absolute(5 * se), "\(label): centre \(sample) vs \(target), 5 se = \(5 * se)")
            }
            if model.checks.variance {
                let target = pow((interval.upper[h] - interval.lower[h]) / (2 * z), 2)
                let se = ((fourth - variance * variance) / n).squareRoot()
                expectClose(variance, target, .absolute(5 * se), "\(label): variance \(variance) vs \(target), 5 se = \(5 * se)")
            }
            if model.checks.quantiles {
                for (p, target) in [(0.025, interval.lower[h]), (0.975, interval.upper[h])] {
                    var se = Self.quantileStandardError(column, p, count: n)
                    if let reference = model.checks.referencePaths {
                        se = (se * se * (1 + n / Double(reference))).squareRoot()
                    }
                    let sample = Self.quantile(column, p)
                    expectClose(sample, target, .absolute(5 * se), "\(label): q\(p) \(sample) vs \(target), 5 se = \(5 * se)")
                }
            }
        }
    }

    /// The one-step paths of an ARIMA(1,1,1) with drift, against the one-step distribution worked
    /// by hand from the fitted coefficients, the last two observations and the last residual,
    /// not from the forecast code: `Δyₙ₊₁ − δ = φ (Δyₙ − δ) + θ eₙ + εₙ₊₁`, so the mean is
    /// `yₙ + δ + φ (yₙ − yₙ₋₁ − δ) + θ eₙ` and the variance σ² (80 observations with |θ| < 1 leave
    /// the filtered state known to rounding, so it adds nothing). Both integration (the level
    /// `yₙ`) and conditioning (the last difference and residual) matter: a path started from
    /// the unconditional state, without the drift, or with a variance off by 10 % fails.
    @Test func arimaOneStepMatchesTheHandWorkedDistribution() throws {
        let fit = try ModelSpecification(parsing: "arima(1,1,1)+drift").fit(Self.walk, seasonLength: 1)
        let model = try #require(fit as? ARIMAModel)
        func coefficient(_ name: String) throws -> Double {
            model.coefficients[try #require(model.coefficientNames.firstIndex(of: name), "no \(name)")]
        }
        let phi = try coefficient("ar1"), theta = try coefficient("ma1"), drift = try coefficient("drift")
        let y = Self.walk, n = y.count
        let lastResidual = try #require(model.residuals.last)
        let expectedMean = y[n - 1] + drift + phi * (y[n - 1] - y[n - 2] - drift) + theta * lastResidual
        var generator = SeededGenerator(seed: 7)
        let values = try fit.simulatePaths(horizon: 1, count: Self.paths, generator: &generator).map { $0[0] }
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        let fourth = values.reduce(0) { $0 + pow($1 - mean, 4) } / count
        expectClose(mean, expectedMean, .absolute(5 * (variance / count).squareRoot()), "mean \(mean) vs \(expectedMean)")
        let varianceError = ((fourth - variance * variance) / count).squareRoot()
        #expect(abs(variance - model.sigma2) <= 5 * varianceError, "variance \(variance) vs σ² \(model.sigma2)")
    }

    /// Same seed, same paths; another seed, other paths; a path drawn alone from a stream equals
    /// the first path of a batch drawn from that stream, whatever was drawn on other streams.
    @Test(arguments: cases)
    func pathsAreDeterministic(for model: Case) throws {
        let fit = try model.fit()
        var a = SeededGenerator(seed: 99), b = SeededGenerator(seed: 99), c = SeededGenerator(seed: 100)
        let first = try fit.simulatePaths(horizon: Self.horizon, count: 5, generator: &a)
        let second = try fit.simulatePaths(horizon: Self.horizon, count: 5, generator: &b)
        #expect(first == second)
        #expect(a == b)
        let other = try fit.simulatePaths(horizon: Self.horizon, count: 5, generator: &c)
        #expect(first != other)
        var stream = SeededGenerator(seed: 99)
        var unrelated = SeededGenerator(seed: 99).split(stream: 1)
        _ = try fit.pathSimulator(horizon: Self.horizon).path(generator: &unrelated)
        #expect(try fit.pathSimulator(horizon: Self.horizon).path(generator: &stream) == first[0])
    }

    /// One workspace and one output buffer shared by every model, at three horizons, in order
    /// then in reverse, give each model bit for bit the paths it draws alone with fresh buffers:
    /// nothing left in the scratch by a larger or different model leaks into the next path.
    @Test func reusedWorkspaceGivesTheSamePaths() throws {
        var simulators: [FuturePathSimulator] = []
        for model in Self.cases {
            let fit = try model.fit()
            for horizon in [Self.horizon, 3, 6] { simulators.append(try fit.pathSimulator(horizon: horizon)) }
        }
        var workspace = FuturePathSimulator.Workspace()
        var output = [Double](repeating: .nan, count: 5 * Self.horizon)
        for order in [Array(simulators.indices), simulators.indices.reversed()] {
            for k in order {
                var alone = SeededGenerator(seed: 5).split(stream: k)
                var reused = alone
                simulators[k].path(into: &output, workspace: &workspace, generator: &reused)
                let expected = simulators[k].path(generator: &alone)
                #expect(output.map { $0.bitPattern } == expected.map { $0.bitPattern }, "simulator \(k)")
                #expect(reused == alone, "simulator \(k): the generator advanced differently")
            }
        }
    }

    @Test func combinationsAreRefused() throws {
        let fit = try ModelSpecification(parsing: "combo(naive,theta)").fit(Self.walk, seasonLength: 1)
        #expect(throws: ForecastingError.self) { try fit.pathSimulator(horizon: 3) }
        let arima = try ARIMAModel.fit(Array(Self.arma.prefix(150)), specification: ARIMASpecification(p: 1),
                                       regressors: [ARIMARegressor(name: "x", values: Self.regressor)])
        // Regressors without future values cannot be simulated.
        #expect(throws: ForecastingError.self) { try arima.pathSimulator(horizon: 3) }
        #expect(throws: ForecastingError.self) { try arima.pathSimulator(horizon: 0, futureRegressors: []) }
    }

    /// A negative number of paths is a thrown error that says the number, not a trap; zero paths
    /// is an empty batch that leaves the generator where it was.
    @Test func negativePathCountIsRefused() throws {
        let fit = try LagWalk(Self.walk, kind: .naive)
        var generator = SeededGenerator(seed: 3)
        let start = generator
        do {
            _ = try fit.simulatePaths(horizon: 3, count: -1, generator: &generator)
            Issue.record("a negative path count was accepted")
        } catch {
            #expect(error == .invalidSpecification("the number of paths must be at least 0, not -1"))
        }
        #expect(try fit.simulatePaths(horizon: 3, count: 0, generator: &generator).isEmpty)
        #expect(generator == start)
    }

    /// The regression block of the coefficient covariance is the Hessian covariance's block: its
    /// diagonal is the squared standard errors.
    @Test func regressionCovarianceMatchesStandardErrors() throws {
        let y = zip(Self.arma, Self.regressor).map { $0 + 2 * $1 }
        let model = try ARIMAModel.fit(y, specification: ARIMASpecification(p: 1),
                                       regressors: [ARIMARegressor(name: "x", values: Self.regressor)])
        let block = model.regressionCovariance
        #expect(block.names == ["intercept", "x"])
        for (k, name) in block.names.enumerated() {
            let index = try #require(model.coefficientNames.firstIndex(of: name))
            let se = model.standardErrors[index]
            expectClose(block.covariance[k + 2 * k].squareRoot() / se, 1, .absolute(1e-12))
        }
        expectClose(block.covariance[1], block.covariance[2], .absolute(1e-15))
    }

    // MARK: - Helpers

    /// Type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = Swift.min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }

    /// √(p(1−p)/N)/f(q), with 1/f(q) estimated as the slope of the empirical quantile function.
    static func quantileStandardError(_ sorted: [Double], _ p: Double, count n: Double) -> Double {
        let delta = 0.005
        let slope = (quantile(sorted, p + delta) - quantile(sorted, p - delta)) / (2 * delta)
        return (p * (1 - p) / n).squareRoot() * slope
    }
}
