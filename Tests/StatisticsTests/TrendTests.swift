import Foundation
import Statistics
import Testing
import TestSupport

/// One case of Fixtures/air-quality/trend_fixtures.json (make_trend_fixtures.py, SciPy).
struct TrendFixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var x: [Double]
    var y: [Double?]
    var theilSlope: Double
    var theilIntercept: Double
    var s: Int
    var variance: Double
    var tauB: Double
    var zScipy: Double
    var pScipy: Double
    var pCorrected: Double

    var testDescription: String { name }
    var values: [Double] { y.map { $0 ?? .nan } }

    static func load() throws -> [TrendFixtureCase] {
        struct File: Decodable { var cases: [TrendFixtureCase] }
        let data = try Data(contentsOf: fixtureURL("air-quality/trend_fixtures.json"))
        return try JSONDecoder().decode(File.self, from: data).cases
    }
}

@Suite("Theil–Sen and Mann–Kendall")
struct TrendTests {
    static let cases = (try? TrendFixtureCase.load()) ?? []

    @Test func fixtureLoads() {
        #expect(Self.cases.count == 6)
    }

    /// Slope and intercept against SciPy's `theilslopes(method="joint")`.
    @Test(arguments: cases)
    func theilSenMatchesSciPy(_ fixture: TrendFixtureCase) throws {
        let fit = try TheilSen(x: fixture.x, y: fixture.values)
        expectClose(fit.slope, fixture.theilSlope, .relativeWithFloor(1e-12, floor: 1), "\(fit.slope)")
        expectClose(fit.intercept, fixture.theilIntercept, .relativeWithFloor(1e-9, floor: 1), "\(fit.intercept)")
    }

    /// S (brute force in Python), its tie-corrected variance, and SciPy's `kendalltau` z and p.
    @Test(arguments: cases)
    func mannKendallMatchesSciPy(_ fixture: TrendFixtureCase) throws {
        let uncorrected = try MannKendall(fixture.values, continuityCorrection: false)
        let corrected = try MannKendall(fixture.values)
        #expect(uncorrected.s == fixture.s && corrected.s == fixture.s)
        expectClose(uncorrected.variance, fixture.variance, .relative(1e-12))
        expectClose(uncorrected.z, fixture.zScipy, .relativeWithFloor(1e-9, floor: 1), "\(uncorrected.z)")
        #expect(abs(uncorrected.pValue - fixture.pScipy) <= 1e-10 * max(1e-3, fixture.pScipy), "\(uncorrected.pValue)")
        #expect(abs(corrected.pValue - fixture.pCorrected) <= 1e-10 * max(1e-3, fixture.pCorrected), "\(corrected.pValue)")
        // tau-b (SciPy) times sqrt((n0 - n1)(n0 - n2)) is S; with distinct times n1 = 0.
        let n = Double(uncorrected.count)
        let n0 = n * (n - 1) / 2
        var tiePairs = 0.0
        for (_, group) in Dictionary(grouping: fixture.values.filter { !$0.isNaN }, by: { $0 }) {
            tiePairs += Double(group.count * (group.count - 1) / 2)
        }
        expectClose(fixture.tauB * (n0 * (n0 - tiePairs)).squareRoot(), Double(fixture.s), .absolute(1e-6))
    }

    /// The slope is exactly the median of all pairwise slopes, enumerated by brute force, on
    /// seeded random samples with repeated abscissae and ties.
    @Test func theilSenIsTheMedianOfPairwiseSlopes() throws {
        let seed: UInt64 = 20_260_502
        var generator = SeededGenerator(seed: seed)
        for trial in 0..<50 {
            let n = 3 + trial % 40
            let x = (0..<n).map { _ in (generator.nextUniform() * 10).rounded() }
            let y = (0..<n).map { _ in (generator.nextNormal() * 3).rounded() / 2 }
            var slopes: [Double] = []
            for i in 0..<n { for j in 0..<n where i < j && x[i] != x[j] { slopes.append((y[j] - y[i]) / (x[j] - x[i])) } }
            guard !slopes.isEmpty else { continue }
            slopes.sort()
            let m = slopes.count
            let median = m % 2 == 1 ? slopes[m / 2] : (slopes[m / 2 - 1] + slopes[m / 2]) / 2
            let fit = try TheilSen(x: x, y: y)
            #expect(fit.slope == median, "seed \(seed) trial \(trial)")
            #expect(fit.pairCount == m)
        }
    }

    @Test func robustToAnOutlier() throws {
        let fit = try TheilSen(x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 50])
        #expect(fit.slope == 1 && fit.intercept == 0)
    }

    @Test func refusesTooFewAndInfiniteObservations() {
        #expect(throws: StatisticsError.tooFewObservations(statistic: "Theil–Sen slope (points with distinct x)", needed: 2, got: 1)) {
            try TheilSen(x: [1, 1, 1], y: [1, 2, 3])
        }
        #expect(throws: StatisticsError.invalidParameter(name: "y", value: .infinity, requirement: "finite or NaN")) {
            try TheilSen(x: [1, 2], y: [1, .infinity])
        }
        #expect(throws: StatisticsError.tooFewObservations(statistic: "Mann–Kendall test", needed: 3, got: 2)) {
            try MannKendall([1, .nan, 2])
        }
    }

    /// A constant series has S = 0 and Var(S) = 0: Z is 0 and p is 1, not NaN.
    @Test func constantSeriesHasNoTrend() throws {
        let test = try MannKendall([4, 4, 4, 4])
        #expect(test.s == 0 && test.variance == 0 && test.z == 0 && test.pValue == 1)
    }

    /// The bootstrap interval contains the slope, is reproducible with the seed, narrows with
    /// more data, and covers the true slope of a seeded linear trend with AR(1) noise.
    @Test func blockBootstrapInterval() throws {
        let seed: UInt64 = 7
        var noise = SeededGenerator(seed: seed)
        var e = 0.0
        let x = (0..<120).map { Double($0) / 12 }
        let y = x.map { t -> Double in
            e = 0.5 * e + noise.nextNormal()
            return 50 - 2 * t + 3 * e
        }
        var first = SeededGenerator(seed: 99)
        var second = SeededGenerator(seed: 99)
        let interval = try TheilSen.blockBootstrapInterval(x: x, y: y, replicates: 200, generator: &first)
        let again = try TheilSen.blockBootstrapInterval(x: x, y: y, replicates: 200, generator: &second)
        #expect(interval == again)
        let slope = try TheilSen(x: x, y: y).slope
        #expect(interval.lower < slope && slope < interval.upper, "\(interval) \(slope)")
        #expect(interval.lower < -2 && -2 < interval.upper, "seed \(seed): \(interval)")
        #expect(interval.upper - interval.lower < 1.5)
        #expect(throws: StatisticsError.self) {
            try TheilSen.blockBootstrapInterval(x: x, y: y, level: 1, generator: &first)
        }
    }
}
