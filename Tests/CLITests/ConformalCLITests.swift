import Foundation
import Testing
import TestSupport

/// Conformal intervals and the intermittent-demand models from the command line: the bounds of
/// `forecast` equal statsforecast's (the fixture of ConformalIntervalsTests), and `backtest`
/// reports the empirical coverage of conformal intervals as of any other model's.
@Suite struct ConformalCLITests {
    static let fixture = CLITests.repositoryRoot.appendingPathComponent("Tests/ForecastingTests/Fixtures/conformal/conformal.json")

    /// The fixture's intermittent series as a long file (monthly dates from 2015-01).
    static func intermittentFile() throws -> (path: String, cases: [[String: Any]]) {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        let series = try #require(json["series"] as? [String: [Double]])
        let y = try #require(series["intermittent-80"])
        let rows = y.enumerated().map { index, value in
            "waste,\(2015 + index / 12)-\(String(format: "%02d", index % 12 + 1)),\(value)"
        }
        let path = try CLITests.temporaryFile("collections.csv", "series,date,value\n" + rows.joined(separator: "\n") + "\n")
        let cases = try #require(json["cases"] as? [[String: Any]]).filter { $0["series"] as? String == "intermittent-80" }
        return (path, cases)
    }

    @Test(arguments: [("croston", 3, 5, "distribution"), ("imapa", 6, 10, "error"), ("tsb[0.3,0.1]", 1, 5, "error")])
    func forecastBoundsMatchStatsforecast(model: String, horizon: Int, windows: Int, method: String) throws {
        let (path, cases) = try Self.intermittentFile()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let wanted = try #require(cases.first {
            $0["model"] as? String == model && $0["horizon"] as? Int == horizon && $0["windows"] as? Int == windows
                && $0["method"] as? String == method
        })
        let grammar = "conformal[\(windows)\(method == "error" ? ",error" : "")](\(model))"
        let result = try CLITests.run(["forecast", path, "--model", grammar, "--horizon", "\(horizon)", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let series = try #require((json["series"] as? [[String: Any]])?.first)
        let steps = try #require(series["forecast"] as? [[String: Any]])
        let lower = try #require(wanted["lower"] as? [[Double]]), upper = try #require(wanted["upper"] as? [[Double]])
        #expect(steps.count == horizon)
        for (step, row) in steps.enumerated() {
            for (k, level) in ["80", "95"].enumerated() {
                // Intermittent demand is non-negative: statsforecast's lower bounds raised to 0.
                expectClose(try #require((row["lower"] as? [String: Double])?[level]), max(0, lower[k][step]), .relativeWithFloor(1e-10, floor: 1e-10),
                            "\(grammar) lower \(level) step \(step + 1)")
                expectClose(try #require((row["upper"] as? [String: Double])?[level]), upper[k][step], .relativeWithFloor(1e-10, floor: 1e-10),
                            "\(grammar) upper \(level) step \(step + 1)")
            }
        }
    }

    @Test func backtestReportsConformalCoverage() throws {
        let (path, _) = try Self.intermittentFile()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let result = try CLITests.run(["backtest", path, "--model", "croston,conformal[3](naive)", "--horizon", "2",
                                       "--windows", "8", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("\"croston\"") && result.output.contains("\"conformal[3](naive)\""))
        #expect(result.output.contains("\"coverage\""))
        // A bare intermittent model's intervals are conformal too, so a series too short for two
        // windows at the horizon is refused with the length it needs.
        let short = try CLITests.temporaryFile("short.csv", "date,value\n2020,0\n2021,3\n2022,0\n2023,0\n2024,2\n")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: short).deletingLastPathComponent().path) }
        let refused = try CLITests.run(["forecast", short, "--model", "croston", "--horizon", "3"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("needs at least 7"), "\(refused.error)")
    }
}
