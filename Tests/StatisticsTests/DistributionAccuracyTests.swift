import Foundation
import Statistics
import Testing
import TestSupport

/// Compares every distribution function with the mpmath references in
/// Fixtures/distribution_fixtures.json (40-digit values produced by
/// Fixtures/make_distribution_fixtures.py), under a relative error budget of 1e-12.
@Suite("Distribution accuracy against mpmath fixtures")
struct DistributionAccuracyTests {
    static let tolerance = 1e-12

    @Test(arguments: ["normal", "t", "chi2", "f", "gamma"])
    func fixtureRows(distribution: String) throws {
        let rows = try DistributionFixture.load().rows.filter { $0.distribution == distribution }
        #expect(rows.count > 100, "fixture has too few \(distribution) rows")
        var worstByFunction: [String: (error: Double, row: DistributionFixtureRow, computed: Double)] = [:]
        var failures = 0
        for row in rows {
            let model = try makeDistribution(row.distribution, row.parameters)
            let computed = evaluate(row.function, of: model, at: row.argument)
            let error = relativeError(computed, row.expected)
            if error > Self.tolerance { failures += 1 }
            if error > worstByFunction[row.function]?.error ?? -1 {
                worstByFunction[row.function] = (error, row, computed)
            }
        }
        for (function, worst) in worstByFunction.sorted(by: { $0.key < $1.key }) {
            let row = worst.row
            let line =
                "\(distribution) \(function): worst relative error \(worst.error) at parameters "
                + "\(row.parameters), argument \(row.argument): computed \(worst.computed), expected \(row.expected)"
            print(line)
            #expect(worst.error <= Self.tolerance, "\(line)")
        }
        #expect(failures == 0, "\(failures) of \(rows.count) \(distribution) rows exceed \(Self.tolerance)")
    }
}
