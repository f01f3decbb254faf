import Foundation
import Testing
@testable import LinearAlgebra
import TestSupport

/// Absolute near zero, relative for large values (``Tolerance/mixed(absolute:relative:)``).
private func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    Tolerance.mixed(absolute: tolerance, relative: tolerance).accepts(a, b)
}

@Suite struct FactorizationTests {
    // A symmetric positive-definite matrix with an exact rational inverse:
    // A = [[4, 2], [2, 3]], det 8, A⁻¹ = [[3/8, −2/8], [−2/8, 4/8]].
    let spd = Matrix(rowMajor: [[4, 2], [2, 3]])

    @Test func productsMatchHandComputation() {
        let a = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix(rowMajor: [[7, 8], [9, 10], [11, 12]])
        let c = a * b
        #expect(c == Matrix(rowMajor: [[58, 64], [139, 154]]))
        #expect(a.multiplied(by: a, transposeOther: true) == Matrix(rowMajor: [[14, 32], [32, 77]]))
        #expect(a * [1, 1, 1] == [6, 15])
        #expect(a.multiplied(by: [1, 1], transpose: true) == [5, 7, 9])
        #expect(a.gram() == a.transposed * a)
    }

    @Test func choleskySolvesAndInverts() throws {
        let chol = try CholeskyFactorization(spd)
        let inverse = try chol.inverse()
        let expected: [Double] = [0.375, -0.25, -0.25, 0.5]
        for (v, e) in zip(inverse.storage, expected) { #expect(close(v, e, 1e-15)) }
        let x = try chol.solve([8, 7])  // A x = b with x = (1.25, 1.5)
        #expect(close(x[0], 1.25, 1e-15) && close(x[1], 1.5, 1e-15))
        #expect(close(chol.logDeterminant, log(8.0), 1e-15))
    }

    @Test func choleskyRefusesIndefiniteMatrix() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", minor: 2)) {
            try CholeskyFactorization(Matrix(rowMajor: [[1, 2], [2, 1]]))
        }
    }

    @Test func luSolvesAndReportsSingularity() throws {
        let x = try solveLinearSystem(Matrix(rowMajor: [[0, 1], [2, 0]]), [3, 4])
        #expect(x == [2, 3])
        #expect(throws: LinearAlgebraError.singular(routine: "dgesv", index: 2)) {
            try solveLinearSystem(Matrix(rowMajor: [[1, 2], [2, 4]]), [1, 2])
        }
        #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "dgesv")) {
            try solveLinearSystem(Matrix(rowMajor: [[1, .nan], [2, 4]]), [1, 2])
        }
    }

    @Test func symmetricEigenvaluesOfKnownMatrix() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
        let eig = try SymmetricEigendecomposition(Matrix(rowMajor: [[2, 1], [1, 2]]))
        #expect(close(eig.eigenvalues[0], 1, 1e-15) && close(eig.eigenvalues[1], 3, 1e-15))
        let v = eig.eigenvectors
        #expect(close(abs(v[0, 1]), 1 / 2.0.squareRoot(), 1e-15))
        #expect(close(v[0, 0] * v[1, 0], -0.5, 1e-15))
    }

    @Test func singularValuesOfKnownMatrix() throws {
        // [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]] → σ² = 45, 5 → σ = 3√5, √5.
        let svd = try SingularValueDecomposition(Matrix(rowMajor: [[3, 0], [4, 5]]))
        #expect(close(svd.singularValues[0], 3 * 5.0.squareRoot(), 1e-15))
        #expect(close(svd.singularValues[1], 5.0.squareRoot(), 1e-15))
        #expect(close(svd.conditionNumber, 3, 1e-14))
        let reconstructed = svd.u * Matrix(rowMajor: [[svd.singularValues[0], 0], [0, svd.singularValues[1]]]) * svd.vTransposed
        #expect(close(reconstructed[1, 0], 4, 1e-14) && close(reconstructed[0, 1], 0, 1e-14))
    }

    @Test func minimumNormSolutionOfRankDeficientSystem() throws {
        // Columns equal: minimum-norm solution splits the coefficient evenly.
        let a = Matrix(rowMajor: [[1, 1], [2, 2], [3, 3]])
        let (x, rank) = try minimumNormLeastSquares(a, [2, 4, 6])
        #expect(rank == 1)
        #expect(close(x[0], 1, 1e-14) && close(x[1], 1, 1e-14))
    }

    @Test func leastSquaresNamesAliasedColumns() throws {
        // Column 2 = column 0 + column 1.
        let a = Matrix(columns: [[1, 1, 1, 1, 1], [1, 2, 3, 4, 6], [2, 3, 4, 5, 7]])
        let ls = try LeastSquaresFactorization(a)
        #expect(ls.rank == 2)
        #expect(ls.aliasedColumns.count == 1)
        #expect(throws: LinearAlgebraError.self) { try ls.solve([1, 2, 3, 4, 5]) }
        // Whichever column was dropped, its alias coefficients reproduce it from the others.
        let dropped = ls.aliasedColumns[0]
        for i in 0..<a.rows {
            let rebuilt = zip(ls.independentColumns, ls.aliasCoefficients[0]).reduce(0.0) { $0 + a[i, $1.0] * $1.1 }
            #expect(close(rebuilt, a[i, dropped], 1e-12))
        }
    }

    @Test func zeroColumnIsAliased() throws {
        let a = Matrix(columns: [[1, 1, 1], [0, 0, 0]])
        let ls = try LeastSquaresFactorization(a)
        #expect(ls.rank == 1 && ls.aliasedColumns == [1])
    }

    /// Wampler5 (NIST StRD): y = 1 + x + … + x⁵ plus a residual of order 10⁷; certified coefficients all 1.
    /// Plain Householder QR reaches about 6 digits here; the refined solution must reach 13.
    @Test func refinementRecoversWampler5() throws {
        let y: [Double] = [7590001, -20479994, 20480063, -20479636, 25231365, -20476094, 20489331, -20460392,
                           18417449, -20413570, 20591111, -20302844, 18651453, -20077766, 21059195, -19666384,
                           26348481, -18971402, 22480719, -17866340, 10958421]
        let x = (0...20).map(Double.init)
        let design = Matrix(columns: (0...5).map { k in x.map { pow($0, Double(k)) } })
        let solution = try LeastSquaresFactorization(design).solve(y)
        #expect(solution.refinementConverged)
        for b in solution.coefficients { expectClose(b, 1, .absolute(1e-13), "coefficient \(b)") }
    }
}
