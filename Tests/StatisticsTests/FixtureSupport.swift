import Foundation
import Statistics
import Testing
import TestSupport

/// Locates a file in the test bundle's `Fixtures` folder.
func fixtureURL(_ name: String) throws -> URL {
    let folder = try #require(
        Bundle.module.url(forResource: "Fixtures", withExtension: nil),
        "the test target must copy Fixtures/ as a resource")
    return folder.appendingPathComponent(name)
}

/// One reference value from `distribution_fixtures.json` (see make_distribution_fixtures.py).
struct DistributionFixtureRow: Decodable, Sendable {
    var distribution: String
    var parameters: [Double]
    var function: String
    var argument: Double
    var expected: Double
    var scipy: Double?
}

struct DistributionFixture: Decodable, Sendable {
    var rows: [DistributionFixtureRow]

    static func load() throws -> DistributionFixture {
        let data = try Data(contentsOf: fixtureURL("distribution_fixtures.json"))
        return try JSONDecoder().decode(DistributionFixture.self, from: data)
    }
}

/// Builds the distribution a fixture row names.
func makeDistribution(_ name: String, _ parameters: [Double]) throws -> any ContinuousDistribution {
    switch (name, parameters.count) {
    case ("normal", 2): return try Normal(mean: parameters[0], standardDeviation: parameters[1])
    case ("t", 1): return try StudentT(degreesOfFreedom: parameters[0])
    case ("chi2", 1): return try ChiSquared(degreesOfFreedom: parameters[0])
    case ("f", 2):
        return try FDistribution(numeratorDegreesOfFreedom: parameters[0], denominatorDegreesOfFreedom: parameters[1])
    case ("gamma", 2): return try GammaDistribution(shape: parameters[0], scale: parameters[1])
    default:
        Issue.record("unknown fixture distribution \(name) \(parameters)")
        return Normal.standard
    }
}

/// Evaluates the function a fixture row names.
func evaluate(_ function: String, of distribution: any ContinuousDistribution, at argument: Double) -> Double {
    switch function {
    case "cdf": return distribution.cdf(argument)
    case "sf": return distribution.survival(argument)
    case "logcdf": return distribution.logCDF(argument)
    case "logsf": return distribution.logSurvival(argument)
    case "quantile": return distribution.quantile(argument)
    case "survivalQuantile": return distribution.survivalQuantile(argument)
    default:
        Issue.record("unknown fixture function \(function)")
        return .nan
    }
}

/// A reproducible seed for property tests: `STATISTICS_TEST_SEED` if set, else a fixed value.
func propertySeed(_ test: String) -> UInt64 {
    let seed = ProcessInfo.processInfo.environment["STATISTICS_TEST_SEED"].flatMap(UInt64.init) ?? 20_240_601
    print("\(test): seed \(seed) (set STATISTICS_TEST_SEED to reproduce or vary)")
    return seed
}
