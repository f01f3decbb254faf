import Foundation
import Testing
import Forecasting

/// NIST StRD linear least-squares datasets: every coefficient, standard error, the residual SD and R²
/// against the certified values. Polynomial models get their power columns computed in double
/// precision, as a user's CSV would hold them.
@Suite struct NISTStRDTests {
    struct Certified: Decodable {
        let file: String
        let beta: [Double]
        let se: [Double]
        let rsd: Double
        let r2: Double
    }

    /// (dataset, polynomial degree or nil for Longley's own columns, intercept, minimum LRE)
    static let cases: [(String, Int?, Bool, Double)] = [
        ("Norris", 1, true, 9), ("Pontius", 2, true, 9), ("NoInt1", 1, false, 9), ("NoInt2", 1, false, 9),
        ("Filip", 10, true, 7), ("Longley", nil, true, 9),
        ("Wampler1", 5, true, 9), ("Wampler2", 5, true, 9), ("Wampler3", 5, true, 9),
        ("Wampler4", 5, true, 9), ("Wampler5", 5, true, 9),
    ]

    @Test(arguments: cases.map(\.0))
    func certifiedValues(dataset: String) throws {
        let (_, degree, intercept, minimum) = try #require(Self.cases.first(where: { $0.0 == dataset }))
        let certifiedAll = try JSONDecoder().decode(
            [String: Certified].self, from: Data(contentsOf: fixtureURL("nist-strd/certified_values.json")))
        let certified = try #require(certifiedAll[dataset])
        let (names, columns) = try readNumericCSV(fixtureURL("nist-strd/\(certified.file)"))
        let y = columns[0]
        let predictors: [[Double]]
        let predictorNames: [String]
        if let degree {
            let x = columns[1]
            predictors = (1...degree).map { k in x.map { pow($0, Double(k)) } }
            predictorNames = (1...degree).map { "x^\($0)" }
        } else {
            predictors = Array(columns.dropFirst())
            predictorNames = Array(names.dropFirst())
        }
        let fit = try LinearRegression(response: y, predictors: predictors, names: predictorNames,
                                       options: RegressionOptions(includeIntercept: intercept))
        var report: [String] = []
        var worst = Double.infinity
        for (j, coefficient) in fit.coefficients.enumerated() {
            let lreBeta = logRelativeError(coefficient.estimate, certified.beta[j])
            let lreSE = logRelativeError(coefficient.standardError, certified.se[j])
            report.append("\(coefficient.name): β \(String(format: "%.1f", lreBeta)) se \(String(format: "%.1f", lreSE))")
            worst = min(worst, lreBeta, lreSE)
        }
        let lreRSD = logRelativeError(fit.residualStandardError, certified.rsd)
        let lreR2 = logRelativeError(fit.rSquared, certified.r2)
        worst = min(worst, lreRSD, lreR2)
        report.append("rsd \(String(format: "%.1f", lreRSD)) R² \(String(format: "%.1f", lreR2))")
        print("NIST \(dataset): minimum LRE \(String(format: "%.2f", worst)) — " + report.joined(separator: ", "))
        #expect(worst >= minimum, "\(dataset): minimum LRE \(worst) < \(minimum): \(report)")
    }
}
