import Foundation
import Testing
import TestSupport

/// The New York City example's programme cost and net present value, from `scenario run` to
/// `scenario compare`: the programme's cost written out by hand, the money saved from
/// savings.csv discounted by hand.
@Suite struct ScenarioEconomicsCLITests {
    /// 300 million in 2025 and again in 2040 (15-year life), 15 million a year 2025–2050, and the
    /// 2040 build's four unused years credited in 2050 (−80 million), at 3 % to the end of 2022.
    static let programmeCost: Double = {
        let d = { (year: Int) in pow(1.03, -Double(year - 2022)) }
        return 300e6 * d(2025) + 300e6 * d(2040) - 80e6 * d(2050) + (2025...2050).reduce(0.0) { $0 + 15e6 * d($1) }
    }()

    @Test func nycConservationIsValued() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-econ-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try CLITests.run(["scenario", "run", "Models/scenarios/nyc_water.yaml", "--draws", "200", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let economics = try #require(summary["economics"] as? [String: Any])
        #expect(economics["discountRate"] as? Double == 0.03 && economics["discountedTo"] as? Int == 2022)
        let conservation = try #require((economics["scenarios"] as? [[String: Any]])?.first)
        expectClose(try #require(conservation["netPresentCost"] as? Double), Self.programmeCost, .relative(1e-12))
        let savings = try String(contentsOfFile: out + "/savings.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        var discounted = 0.0
        for line in savings {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            discounted += (Double(fields[3]) ?? .nan) * pow(1.03, -Double((Int(fields[2]) ?? 0) - 2022))
        }
        let value = try #require(conservation["presentValueOfSavings"] as? Double)
        expectClose(value, discounted * 5.5e6, .relative(1e-9))
        expectClose(try #require(conservation["netPresentValue"] as? Double), value - Self.programmeCost, .relative(1e-9))

        let compare = try CLITests.run(["scenario", "compare", out])
        #expect(compare.status == 0, "\(compare.error)")
        #expect(compare.output.contains("economics, discounted at 3% a year (real) to the end of 2022"), "\(compare.output)")
        let million = String(format: "%.1f million", Self.programmeCost / 1e6)
        #expect(compare.output.contains("conservation: programmes \(million), money saved "), "\(compare.output)")
    }
}
