import Foundation
import Testing

@testable import Statistics
import TestSupport

/// Pins SeededGenerator against the independent Python implementation in
/// Fixtures/make_generator_fixtures.py (outputs in Fixtures/generator_fixtures.json).
@Suite("Seeded generator")
struct SeededGeneratorTests {
    struct Case: Decodable {
        var seed: String
        var state: [String]
        var outputs: [String]
        var jumped: [String]
        var streams: [String: [String]]
        var uniforms: [Double]
    }

    struct Fixture: Decodable {
        var cases: [Case]
    }

    static func fixture() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureURL("generator_fixtures.json")))
    }

    static func words(_ strings: [String]) throws -> [UInt64] {
        try strings.map { try #require(UInt64($0), "not a UInt64: \($0)") }
    }

    @Test func seedingAndFirstOutputsMatchReference() throws {
        for reference in try Self.fixture().cases {
            let seed = try #require(UInt64(reference.seed))
            var generator = SeededGenerator(seed: seed)
            #expect(generator.state == (try Self.words(reference.state)), "state for seed \(seed)")
            let outputs = (0..<reference.outputs.count).map { _ in generator.next() }
            #expect(outputs == (try Self.words(reference.outputs)), "outputs for seed \(seed)")
        }
    }

    @Test func jumpsAndStreamsMatchReference() throws {
        for reference in try Self.fixture().cases {
            let seed = try #require(UInt64(reference.seed))
            let generator = SeededGenerator(seed: seed)
            var jumped = generator.jumped()
            #expect((0..<4).map { _ in jumped.next() } == (try Self.words(reference.jumped)), "jumped, seed \(seed)")
            for (stream, expected) in reference.streams {
                var split = generator.split(stream: try #require(Int(stream)))
                #expect(
                    (0..<4).map { _ in split.next() } == (try Self.words(expected)),
                    "stream \(stream), seed \(seed)")
            }
        }
    }

    @Test func uniformsAreExactMidpoints() throws {
        for reference in try Self.fixture().cases {
            var generator = SeededGenerator(seed: try #require(UInt64(reference.seed)))
            for expected in reference.uniforms {
                // (k + ½)·2⁻⁵² is exact, so the comparison is of bit patterns, not of approximations.
                #expect(generator.nextUniform().bitPattern == expected.bitPattern)
            }
        }
        #expect(SeededGenerator.uniform(0) == 0x1p-53)
        #expect(SeededGenerator.uniform(.max) == 1 - 0x1p-53)
    }

    @Test func splitStreamsEqualRepeatedJumps() {
        let generator = SeededGenerator(seed: 7)
        var chained = generator
        for stream in 0..<6 {
            chained.jump()
            #expect(generator.split(stream: stream) == chained, "stream \(stream)")
        }
        #expect(generator.split(stream: 0) == generator.jumped())
    }

    @Test func normalsAreTheNormalQuantileOfTheUniforms() {
        var normals = SeededGenerator(seed: 99)
        var uniforms = SeededGenerator(seed: 99)
        for _ in 0..<1000 {
            let z = normals.nextNormal()
            let u = uniforms.nextUniform()
            #expect(z == Normal.standard.quantile(u))
            expectClose(Normal.standard.cdf(z), u, .relative(1e-14))
        }
    }

    @Test func sampleMomentsAreClose() throws {
        var generator = SeededGenerator(seed: propertySeed("sampleMoments"))
        let normals = (0..<20_000).map { _ in generator.nextNormal() }
        // 5 standard errors: sd(mean) = 1/√n, sd(variance) ≈ √(2/n).
        #expect(Swift.abs(try Descriptive.mean(normals)) <= 5 / 20_000.0.squareRoot())
        expectClose(try Descriptive.variance(normals), 1, .absolute(5 * (2 / 20_000.0).squareRoot()))
        let gamma = try GammaDistribution(shape: 3, scale: 2)
        let draws = (0..<5_000).map { _ in gamma.sample(using: &generator) }
        expectClose(try Descriptive.mean(draws), 6, .absolute(5 * (12 / 5_000.0).squareRoot()))
    }

    @Test func portableLogIsAccurate() {
        var generator = SeededGenerator(seed: propertySeed("portableLog"))
        for _ in 0..<20_000 {
            let x = Foundation.exp((generator.nextUniform() - 0.5) * 1400)
            let error = Swift.abs(PortableMath.log(x) - Foundation.log(x))
            #expect(error <= 2 * Foundation.log(x).ulp + Double.leastNormalMagnitude, "log(\(x))")
        }
        for x in [1.0, 0.5, 2, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 1 + 0x1p-52, 1 - 0x1p-53] {
            #expect(Swift.abs(PortableMath.log(x) - Foundation.log(x)) <= 2 * Foundation.log(x).ulp + 1e-300)
        }
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.log(-1).isNaN)
        #expect(PortableMath.log(.infinity) == .infinity)
    }
}
