import LinearAlgebra
import Testing
import TestSupport
@testable import UrbanCast

/// Coefficient draws use the unique Cholesky factor of a positive definite covariance, so the
/// draws are the same under every BLAS kernel even when an eigenvalue repeats (an eigen basis of
/// a repeated eigenvalue is arbitrary, and OpenBLAS's kernels differ by CPU).
@Suite struct CovarianceFactorTests {
    /// Σ = I + 𝟙𝟙ᵀ (4 × 4) has the eigenvalue 1 three times. Its factor is lower triangular with
    /// a positive diagonal — the Cholesky factor, the only such factor — and F Fᵀ = Σ; by hand,
    /// F₀₀ = √2 and F₁₀ = 1/√2.
    @Test func positiveDefiniteCovarianceGetsItsCholeskyFactor() throws {
        let k = 4
        let sigma = Matrix(rows: k, columns: k, columnMajor: (0..<(k * k)).map { $0 % (k + 1) == 0 ? 2 : 1 })
        let factor = try covarianceFactor(sigma)
        for i in 0..<k {
            #expect(factor[i][i] > 0)
            for j in (i + 1)..<k where j < k { #expect(factor[i][j] == 0, "F[\(i)][\(j)]") }
            for j in 0..<k {
                let product = (0..<k).reduce(0.0) { $0 + factor[i][$1] * factor[j][$1] }
                expectClose(product, i == j ? 2 : 1, .absolute(1e-14))
            }
        }
        expectClose(factor[0][0], 2.0.squareRoot(), .absolute(1e-15))
        expectClose(factor[1][0], 1 / 2.0.squareRoot(), .absolute(1e-15))
    }

    /// A positive semi-definite covariance (rank 1) has no Cholesky factor; the eigen factor
    /// still reproduces it.
    @Test func semiDefiniteCovarianceFallsBackToEigen() throws {
        let sigma = Matrix(rows: 2, columns: 2, columnMajor: [1, 1, 1, 1])
        let factor = try covarianceFactor(sigma)
        for i in 0..<2 {
            for j in 0..<2 {
                expectClose((0..<2).reduce(0.0) { $0 + factor[i][$1] * factor[j][$1] }, 1, .absolute(1e-12))
            }
        }
    }
}
