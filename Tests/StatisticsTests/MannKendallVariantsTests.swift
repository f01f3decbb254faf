import Foundation
import Statistics
import Testing

/// The seasonal (Hirsch–Slack) and Hamed–Rao Mann–Kendall tests against pymannkendall 1.4.3 on
/// real series (`Fixtures/mann-kendall/make_fixtures.py`), and against hand arithmetic.
@Suite struct MannKendallVariantsTests {
    struct Statistic: Decodable { var s: Double; var varS: Double; var z: Double; var p: Double; var tau: Double?; var slope: Double?; var period: Int? }
    struct Case: Decodable {
        var name: String
        var values: [Double?]
        var seasonal: Statistic?
        var hamedRao: Statistic?
        var hamedRaoLag3: Statistic?
        var original: Statistic?
        var series: [Double] { values.map { $0 ?? .nan } }
    }
    struct Fixture: Decodable { var cases: [Case] }

    static let cases: [Case] = {
        guard let url = try? fixtureURL("mann-kendall/mann_kendall_fixtures.json"), let data = try? Data(contentsOf: url),
              let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else { return [] }
        return fixture.cases
    }()

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func fixturesLoaded() {
        #expect(Self.cases.count == 5)
        #expect(Self.cases.compactMap(\.seasonal).count == 4 && Self.cases.compactMap(\.hamedRao).count == 4)
    }

    @Test(arguments: cases.filter { $0.seasonal != nil }.map(\.name))
    func seasonalMatchesPymannkendall(_ name: String) throws {
        let item = try #require(Self.cases.first { $0.name == name })
        let expected = try #require(item.seasonal)
        let test = try SeasonalMannKendall(item.series, seasonLength: try #require(expected.period))
        #expect(Double(test.s) == expected.s)
        #expect(Self.close(test.variance, expected.varS), "\(test.variance) vs \(expected.varS)")
        #expect(Self.close(test.z, expected.z), "\(test.z) vs \(expected.z)")
        #expect(Self.close(test.pValue, expected.p, 1e-9), "\(test.pValue) vs \(expected.p)")
        #expect(Self.close(test.tau, try #require(expected.tau)))
        #expect(Self.close(test.slopePerCycle, try #require(expected.slope)), "\(test.slopePerCycle)")
        #expect(test.count == item.values.compactMap { $0 }.count)
    }

    @Test(arguments: cases.filter { $0.hamedRao != nil }.map(\.name))
    func hamedRaoMatchesPymannkendall(_ name: String) throws {
        let item = try #require(Self.cases.first { $0.name == name })
        for (expected, lag) in [(item.hamedRao, nil), (item.hamedRaoLag3, 3)] as [(Statistic?, Int?)] {
            let reference = try #require(expected)
            let test = try HamedRaoMannKendall(item.series, maximumLag: lag)
            #expect(Double(test.uncorrected.s) == reference.s)
            #expect(Self.close(test.variance, reference.varS), "lag \(String(describing: lag)): \(test.variance) vs \(reference.varS)")
            #expect(Self.close(test.z, reference.z), "\(test.z) vs \(reference.z)")
            #expect(Self.close(test.pValue, reference.p, 1e-8), "\(test.pValue) vs \(reference.p)")
            #expect(test.correctionFactor == test.variance / test.uncorrected.variance)
        }
        let plain = try #require(item.original)
        #expect(Self.close(try MannKendall(item.series).z, plain.z))
    }

    /// Two seasons by hand: season 0 = [1, 2, 3] (S = 3, Var = 3·2·11/18), season 1 = [5, 4, 6]
    /// (S = 1), so S = 4, Var = 22/3, Z = 3/√(22/3); the within-season slopes are 1, 1, 1 and
    /// −1, 0.5, 2 per cycle, median 1.
    @Test func seasonalByHand() throws {
        let test = try SeasonalMannKendall([1, 5, 2, 4, 3, 6], seasonLength: 2)
        #expect(test.s == 4)
        #expect(abs(test.variance - 22.0 / 3) < 1e-12)
        #expect(abs(test.z - 3 / (22.0 / 3).squareRoot()) < 1e-12)
        #expect(abs(test.tau - 4.0 / 6) < 1e-12)
        #expect(test.slopePerCycle == 1)
    }

    /// A seasonal cycle plus a year effect that rises and falls back (2, 1, 3, 1, 2): every season
    /// has S = 0, so the seasonal test finds no trend however large the cycle.
    @Test func seasonalIgnoresTheCycle() throws {
        let cycle: [Double] = [1, 40, 90, 3], years: [Double] = [2, 1, 3, 1, 2]
        let values = years.flatMap { w in cycle.map { $0 + w } }
        let test = try SeasonalMannKendall(values, seasonLength: 4)
        #expect(test.s == 0 && test.z == 0 && test.pValue == 1)
        #expect(test.variance > 0)
    }

    /// Independent noise barely changes the variance; a strongly autocorrelated series inflates
    /// it, so the p-value grows.
    @Test func hamedRaoInflatesUnderAutocorrelation() throws {
        var generator = SeededGenerator(seed: 11)
        var walk: [Double] = [], level = 0.0
        for t in 0..<80 {
            level = 0.9 * level + Double.random(in: -1...1, using: &generator)
            walk.append(level + 0.02 * Double(t))
        }
        let corrected = try HamedRaoMannKendall(walk)
        #expect(corrected.correctionFactor > 1.5, "\(corrected.correctionFactor)")
        #expect(corrected.pValue > corrected.uncorrected.pValue)
        #expect(corrected.significantLags.first == 1)
    }

    @Test func badInputIsRefused() {
        #expect(throws: StatisticsError.self) { try SeasonalMannKendall([1, 2, 3], seasonLength: 1) }
        #expect(throws: StatisticsError.self) { try SeasonalMannKendall([1, 2, 3, 4], seasonLength: 4) }
        #expect(throws: StatisticsError.self) { try SeasonalMannKendall([1, .infinity, 3, 4], seasonLength: 2) }
        #expect(throws: StatisticsError.self) { try HamedRaoMannKendall([1, 2]) }
        #expect(throws: StatisticsError.self) { try HamedRaoMannKendall([1, 2, 3, 4], maximumLag: 0) }
        #expect(throws: StatisticsError.self) { try HamedRaoMannKendall([1, 2, 3, 4], significance: 1) }
    }
}
