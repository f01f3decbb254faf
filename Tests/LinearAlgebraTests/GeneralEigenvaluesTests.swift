import Foundation
import Testing
import TestSupport
@testable import LinearAlgebra

/// `dgeev` eigenvalues against matrices whose eigenvalues are known exactly.
@Suite struct GeneralEigenvaluesTests {
    /// A rotation by θ has eigenvalues cos θ ± i sin θ, both of modulus 1.
    @Test func rotation() throws {
        let theta = 0.3
        let eigen = try GeneralEigenvalues(Matrix(rowMajor: [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]))
        for (re, im) in zip(eigen.real, eigen.imaginary) {
            expectClose(re, cos(theta), .absolute(1e-14), "real part")
            expectClose(abs(im), sin(theta), .absolute(1e-14), "imaginary part")
        }
        expectClose(eigen.spectralRadius, 1, .absolute(1e-14), "spectral radius")
    }

    /// The companion matrix of (z − 0.5)(z + 2)(z − 3) = z³ − 1.5z² − 5.5z + 3 has the roots
    /// 0.5, −2 and 3 as eigenvalues.
    @Test func companionMatrix() throws {
        let eigen = try GeneralEigenvalues(Matrix(rowMajor: [[1.5, 5.5, -3], [1, 0, 0], [0, 1, 0]]))
        let sorted = eigen.real.sorted()
        for (value, expected) in zip(sorted, [-2.0, 0.5, 3.0]) { expectClose(value, expected, .absolute(1e-12), "root") }
        #expect(eigen.imaginary.allSatisfy { abs($0) < 1e-12 })
        expectClose(eigen.spectralRadius, 3, .absolute(1e-12), "spectral radius")
    }

    @Test func refusesBadInput() throws {
        #expect(throws: LinearAlgebraError.self) { try GeneralEigenvalues(Matrix(rows: 2, columns: 3)) }
        #expect(throws: LinearAlgebraError.self) { try GeneralEigenvalues(Matrix(rowMajor: [[.nan, 0], [0, 1]])) }
        #expect(try GeneralEigenvalues(Matrix(rows: 0, columns: 0)).spectralRadius == 0)
    }
}
