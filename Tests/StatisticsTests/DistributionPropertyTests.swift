import Foundation
import Statistics
import Testing
import TestSupport

/// Identities every distribution must satisfy, on seeded random inputs (the seed is printed).
@Suite("Distribution properties")
struct DistributionPropertyTests {
    static let cases: [String: any ContinuousDistribution] = {
        var all: [String: any ContinuousDistribution] = [:]
        func add(_ name: String, _ distribution: (any ContinuousDistribution)?) {
            if let distribution { all[name] = distribution } else { Issue.record("could not build \(name)") }
        }
        add("Normal(0, 1)", Normal.standard)
        add("Normal(-3, 0.25)", try? Normal(mean: -3, standardDeviation: 0.25))
        for df in [0.7, 1, 2, 3.5, 10, 1e3, 1e10] {
            add("StudentT(\(df))", try? StudentT(degreesOfFreedom: df))
        }
        for df in [0.3, 1, 4, 37.5, 1e4] {
            add("ChiSquared(\(df))", try? ChiSquared(degreesOfFreedom: df))
        }
        for (d1, d2) in [(1.0, 1.0), (3.0, 12.0), (40.0, 2.5), (1e4, 1e4)] {
            add("F(\(d1), \(d2))", try? FDistribution(numeratorDegreesOfFreedom: d1, denominatorDegreesOfFreedom: d2))
        }
        for (k, theta) in [(0.05, 1.0), (1.0, 3.0), (7.5, 0.1), (1e5, 2.0)] {
            add("Gamma(\(k), \(theta))", try? GammaDistribution(shape: k, scale: theta))
        }
        return all
    }()

    static let names = cases.keys.sorted()

    /// A log-uniform probability in [1e-300, 1/2].
    static func tailProbability(_ generator: inout SeededGenerator) -> Double {
        Foundation.exp(-Foundation.log(2) - generator.nextUniform() * 688)
    }

    @Test("cdf + survival = 1 where neither is tiny", arguments: names)
    func complementarity(name: String) throws {
        let model = try #require(Self.cases[name])
        var generator = SeededGenerator(seed: propertySeed("complementarity \(name)"))
        for _ in 0..<200 {
            let x = model.quantile(0.001 + 0.998 * generator.nextUniform())
            let sum = model.cdf(x) + model.survival(x)
            expectClose(sum, 1, .absolute(1e-14), "\(name) at x = \(x): cdf + survival = \(sum)")
        }
    }

    @Test("cdf(quantile(p)) = p and survival(survivalQuantile(q)) = q in the tails", arguments: names)
    func roundTrip(name: String) throws {
        let model = try #require(Self.cases[name])
        var generator = SeededGenerator(seed: propertySeed("roundTrip \(name)"))
        for _ in 0..<100 {
            let p = Self.tailProbability(&generator)
            for upper in [false, true] {
                let x = upper ? model.survivalQuantile(p) : model.quantile(p)
                guard x.isFinite, x != 0, Swift.abs(x) > 1e-290 else { continue }  // under/overflowed quantile
                let back = upper ? model.survival(x) : model.cdf(x)
                // The rounding of x to a double moves the probability by |x|·pdf(x)·ε/2, and the
                // evaluation at x has its own error of the same form.
                let slack = 8 * Double.ulpOfOne * Swift.abs(x) * model.pdf(x) / p
                let error = Swift.abs(back / p - 1)
                #expect(error <= 1e-13 + slack, "\(name): p = \(p), upper = \(upper), x = \(x), back = \(back)")
            }
        }
    }

    @Test("quantile(cdf(x)) = x", arguments: names)
    func inverseOfCDF(name: String) throws {
        let model = try #require(Self.cases[name])
        var generator = SeededGenerator(seed: propertySeed("inverseOfCDF \(name)"))
        for _ in 0..<200 {
            let x = model.quantile(0.001 + 0.998 * generator.nextUniform())
            guard x.isFinite, x != 0 else { continue }
            let p = model.cdf(x)
            // p carries a relative rounding error ε, which moves the quantile by ε·p/f(x).
            let slack = 8 * Double.ulpOfOne * p / (Swift.abs(x) * model.pdf(x))
            let error = relativeError(model.quantile(p), x)
            #expect(error <= 1e-13 + slack, "\(name): x = \(x), p = \(p), quantile(p) = \(model.quantile(p))")
        }
    }

    @Test("cdf, survival and quantile are monotone", arguments: names)
    func monotonicity(name: String) throws {
        let model = try #require(Self.cases[name])
        var generator = SeededGenerator(seed: propertySeed("monotonicity \(name)"))
        let probabilities = (0..<300).map { _ in generator.nextUniform() }.sorted()
        let quantiles = probabilities.map { model.quantile($0) }
        for (a, b) in zip(quantiles, quantiles.dropFirst()) {
            #expect(a <= b, "\(name): quantile not monotone: \(a) > \(b)")
        }
        let points = quantiles.filter(\.isFinite)
        for (a, b) in zip(points, points.dropFirst()) {
            #expect(model.cdf(a) <= model.cdf(b), "\(name): cdf not monotone between \(a) and \(b)")
            #expect(model.survival(a) >= model.survival(b), "\(name): survival not monotone between \(a) and \(b)")
        }
    }

    @Test("log tails agree with the tails where both are representable", arguments: names)
    func logTails(name: String) throws {
        let model = try #require(Self.cases[name])
        var generator = SeededGenerator(seed: propertySeed("logTails \(name)"))
        for _ in 0..<100 {
            let x = model.quantile(Self.tailProbability(&generator))
            guard x.isFinite, Swift.abs(x) > 1e-290 else { continue }
            expectClose(Foundation.exp(model.logCDF(x)), model.cdf(x), .relative(1e-13), "\(name) logCDF at \(x)")
            expectClose(Foundation.exp(model.logSurvival(x)), model.survival(x), .relative(1e-13), "\(name) logSurvival at \(x)")
            if model.pdf(x) > 1e-290 {
                expectClose(Foundation.exp(model.logPDF(x)), model.pdf(x), .relative(1e-13), "\(name) logPDF at \(x)")
            }
        }
    }

    @Test("quantile conventions at 0, 1, outside [0, 1] and NaN", arguments: names)
    func quantileConventions(name: String) throws {
        let model = try #require(Self.cases[name])
        #expect(model.quantile(0) == model.support.lowerBound)
        #expect(model.quantile(1) == .infinity)
        #expect(model.survivalQuantile(0) == .infinity)
        #expect(model.survivalQuantile(1) == model.support.lowerBound)
        for bad in [-0.1, 1.1, Double.nan, -Double.infinity] {
            #expect(model.quantile(bad).isNaN)
            #expect(model.survivalQuantile(bad).isNaN)
        }
        #expect(model.cdf(.nan).isNaN)
        #expect(model.survival(.nan).isNaN)
        #expect(model.cdf(.infinity) == 1)
        #expect(model.survival(.infinity) == 0)
        #expect(model.cdf(-.infinity) == 0)
        #expect(model.survival(-.infinity) == 1)
        #expect(model.pdf(.infinity) == 0)
        #expect(model.logPDF(.infinity) == -.infinity)
        #expect(model.logSurvival(.infinity) == -.infinity)
        #expect(model.logCDF(.infinity) == 0)
        #expect(model.pdf(.nan).isNaN)
    }

    @Test("Student t approaches the normal as degrees of freedom grow")
    func studentTLimit() throws {
        let t = try StudentT(degreesOfFreedom: 1e10)
        for p in [1e-300, 1e-50, 1e-5, 0.025, 0.3] {
            // t quantile − z quantile ≈ (z³ + z)/(4ν), so 1e10 leaves ~1e-8 relative at z = 37.
            let z = Normal.standard.quantile(p)
            expectClose(t.quantile(p), z, .relative(5e-8))
        }
    }
}
