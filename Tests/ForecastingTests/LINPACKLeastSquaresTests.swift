import Foundation
import Testing
@testable import LinearAlgebra
@testable import Forecasting
import TestSupport

/// `LINPACKLeastSquares` against R's `lm.fit` and `summary.lm` run with the reference BLAS, to the
/// last bit (Fixtures/r-forecast/lm, made by make_lm_fixtures.R).
@Suite struct LINPACKLeastSquaresTests {
    struct Case: Decodable {
        let name: String
        let columns: [[String]]
        let response: [String]
        let rank: Int
        let pivot: [Int]
        let coefficients: [String]
        let residuals: [String]
        let standardErrors: [String]?
    }
    struct Fixture: Decodable {
        let cases: [Case]
    }

    static func hex(_ text: String) -> Double {
        text == "NA" ? .nan : (Double(text) ?? -.infinity)
    }

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: fixtureURL("r-forecast/lm/lm.json")),
              let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else { return [] }
        return fixture.cases
    }()

    @Test func fixtureLoads() {
        #expect(Self.cases.count == 6)
    }

    /// Bit-for-bit equality, NaN matching NaN (R's NA for an aliased column).
    static func same(_ a: Double, _ b: Double) -> Bool {
        (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern
    }

    @Test(arguments: cases)
    func matchesRToTheLastBit(_ c: Case) throws {
        let fit = try LINPACKLeastSquares(design: c.columns.map { $0.map(Self.hex) }, response: c.response.map(Self.hex))
        #expect(fit.rank == c.rank, "\(c.name)")
        #expect(fit.pivot == c.pivot, "\(c.name)")
        let expected = c.coefficients.map(Self.hex)
        for (j, (ours, theirs)) in zip(fit.coefficients, expected).enumerated() {
            #expect(Self.same(ours, theirs), "\(c.name): coefficient \(j) \(ours) against R's \(theirs)")
        }
        let residuals = c.residuals.map(Self.hex)
        let differing = zip(fit.residuals, residuals).filter { !Self.same($0, $1) }.count
        #expect(differing == 0, "\(c.name): \(differing) of \(residuals.count) residuals differ from R's")
        if let se = c.standardErrors {
            let ours = try #require(fit.standardErrors, "\(c.name)")
            for (j, (a, b)) in zip(ours, se.map(Self.hex)).enumerated() {
                #expect(Self.same(a, b), "\(c.name): standard error \(j) \(a) against R's \(b)")
            }
        } else {
            #expect(fit.standardErrors == nil, "\(c.name): rank deficient, no standard errors")
        }
    }

    /// The ARIMA regression start is R's `lm` with missing rows omitted: the same bits as the
    /// complete-case fit, NaN residuals on the omitted rows.
    @Test func arimaStartOmitsMissingRows() throws {
        let c = try #require(Self.cases.first { $0.name == "drift of Nile" })
        var y = c.response.map(Self.hex)
        var ones = [Double](repeating: 1, count: y.count)
        y.insert(.nan, at: 5)
        ones.insert(1, at: 5)
        let fit = try #require(ARIMAEstimator.leastSquares(y, [ones]))
        #expect(fit.coefficients[0].bitPattern == Self.hex(c.coefficients[0]).bitPattern)
        #expect(fit.standardErrors[0].bitPattern == Self.hex(try #require(c.standardErrors)[0]).bitPattern)
        #expect(fit.residuals[5].isNaN)
        #expect(fit.residuals[6].bitPattern == Self.hex(c.residuals[5]).bitPattern)
    }

    @Test func nonFiniteOrMismatchedInputThrows() {
        #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "dqrls")) {
            try LINPACKLeastSquares(design: [[1, 1, 1]], response: [1, .nan, 2])
        }
        #expect(throws: LinearAlgebraError.illegalArgument(routine: "dqrls", position: 1)) {
            try LINPACKLeastSquares(design: [[1, 1]], response: [1, 2, 3])
        }
    }

    /// The norm follows the reference dnrm2 also outside the range where squares are safe.
    @Test func normScalesHugeAndTinyValues() {
        let huge = [3e200, 4e200]
        let tiny = [3e-200, 4e-200]
        huge.withUnsafeBufferPointer { expectClose(LINPACKLeastSquares.norm($0) / 5e200, 1, .absolute(1e-15)) }
        tiny.withUnsafeBufferPointer { expectClose(LINPACKLeastSquares.norm($0) / 5e-200, 1, .absolute(1e-15)) }
    }
}

extension LINPACKLeastSquaresTests.Case: CustomTestStringConvertible {
    var testDescription: String { name }
}
