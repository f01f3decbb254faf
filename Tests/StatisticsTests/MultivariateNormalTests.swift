import Foundation
import LinearAlgebra
import Statistics
import Testing
import TestSupport

/// `μ + F z` has mean μ and covariance `F Fᵀ = Σ`. The 2ᵏ sign vectors `z ∈ {−1, +1}ᵏ`, equally
/// weighted, have mean 0 and identity covariance exactly, so their draws' mean and covariance
/// must be μ and Σ: the moments by brute force, without sampling error.
@Suite struct MultivariateNormalTests {
    static let mean = [1.0, -2.0, 0.5]
    static let covariance = [[4.0, 2.0, 0.6], [2.0, 3.0, 0.5], [0.6, 0.5, 2.0]]

    static func moments(_ normal: MultivariateNormal, k: Int) -> (mean: [Double], covariance: [[Double]]) {
        let draws = (0..<(1 << k)).map { bits in normal.draw((0..<k).map { bits >> $0 & 1 == 1 ? 1.0 : -1.0 }) }
        let n = Double(draws.count)
        let mean = (0..<k).map { i in draws.reduce(0) { $0 + $1[i] } / n }
        let covariance = (0..<k).map { i in
            (0..<k).map { j in draws.reduce(0) { $0 + ($1[i] - mean[i]) * ($1[j] - mean[j]) } / n }
        }
        return (mean, covariance)
    }

    @Test(arguments: [MultivariateNormal.Factorization.cholesky, .eigen])
    func drawsHaveTheExactMoments(_ factorization: MultivariateNormal.Factorization) throws {
        let normal = try MultivariateNormal(mean: Self.mean, covariance: Matrix(rowMajor: Self.covariance),
                                            factorization: factorization)
        let (mean, covariance) = Self.moments(normal, k: 3)
        for i in 0..<3 {
            expectClose(mean[i], Self.mean[i], .absolute(1e-12))
            for j in 0..<3 { expectClose(covariance[i][j], Self.covariance[i][j], .absolute(1e-12), "\(factorization) [\(i)][\(j)]") }
        }
    }

    /// Σ = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]] (by hand).
    @Test func choleskyFactorIsLowerTriangular() throws {
        let normal = try MultivariateNormal(mean: [1, 2], covariance: Matrix(rowMajor: [[4, 2], [2, 3]]), factorization: .cholesky)
        #expect(normal.factor[0] == [2, 0])
        #expect(normal.factor[1][0] == 1 && abs(normal.factor[1][1] - 2.0.squareRoot()) < 1e-15)
        #expect(normal.draw([1, 0]) == [3, 3])
        expectClose(normal.draw([0, 1])[1], (2 + 2.0.squareRoot()), .absolute(1e-15))
    }

    /// A rank-one Σ = v vᵀ: the eigen factor draws along v only; Cholesky refuses it.
    /// A covariance of the wrong order is a thrown error an embedder can catch, not a trap.
    @Test(arguments: [MultivariateNormal.Factorization.cholesky, .eigen])
    func covarianceOfTheWrongOrderIsRefused(_ factorization: MultivariateNormal.Factorization) {
        #expect(throws: LinearAlgebraError.illegalArgument(routine: "MultivariateNormal", position: 2)) {
            try MultivariateNormal(mean: [0, 0, 0], covariance: Matrix(rowMajor: [[4, 2], [2, 3]]),
                                   factorization: factorization)
        }
        #expect(throws: LinearAlgebraError.illegalArgument(routine: "MultivariateNormal", position: 2)) {
            try MultivariateNormal(mean: [0, 0, 0], factor: [[1], [2]])
        }
    }

    @Test func singularCovarianceNeedsTheEigenFactor() throws {
        let v = [1.0, 2.0, -1.0]
        let singular = Matrix(rowMajor: v.map { a in v.map { a * $0 } })
        let normal = try MultivariateNormal(mean: [0, 0, 0], covariance: singular, factorization: .eigen)
        let (_, covariance) = Self.moments(normal, k: 3)
        for i in 0..<3 { for j in 0..<3 { expectClose(covariance[i][j], v[i] * v[j], .absolute(1e-12)) } }
        let x = normal.draw([0.3, -1.2, 0.7])
        // The two zero eigenvalues come out of dsyev as ±1e-16 or so; the positive one adds a
        // √1e-16 = 1e-8 step off the line.
        #expect(abs(x[1] - 2 * x[0]) < 1e-6 && abs(x[2] + x[0]) < 1e-6, "draws lie on the line through v")
        #expect(throws: LinearAlgebraError.self) {
            try MultivariateNormal(mean: [0, 0, 0], covariance: singular, factorization: .cholesky)
        }
    }
}
