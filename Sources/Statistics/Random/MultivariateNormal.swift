import LinearAlgebra

/// Draws from a multivariate normal distribution `N(μ, Σ)` as `x = μ + F z`, where `F Fᵀ = Σ` and
/// `z` holds independent standard normals (``SeededGenerator/nextNormal()``).
///
/// Two factors `F` are offered: the Cholesky factor, lower triangular, for a positive-definite
/// `Σ` (a singular one is refused, which tells a caller its parameters are not identified); and
/// the symmetric square root by eigen decomposition, `F = V Λ^{1/2}`, which also takes a
/// positive semi-definite `Σ` (eigenvalues below zero from rounding count as zero). Both give
/// draws with covariance `Σ`; the draws for the same `z` differ.
///
/// ```swift
/// let normal = try MultivariateNormal(mean: [1, 2], covariance: Matrix(rowMajor: [[4, 2], [2, 3]]),
///                                     factorization: .cholesky)
/// normal.factor   // [[2, 0], [1, 1.414…]]
/// normal.draw([1, 0])   // [3, 3]
/// ```
public struct MultivariateNormal: Sendable {
    /// How `Σ` is factored.
    public enum Factorization: Sendable, Equatable {
        /// `F` lower triangular with `F Fᵀ = Σ` (LAPACK `dpotrf`); `Σ` must be positive definite.
        case cholesky
        /// `F = V Λ^{1/2}` from `Σ = V Λ Vᵀ` (LAPACK `dsyev`), negative eigenvalues set to zero.
        case eigen
    }

    /// The mean `μ`.
    public let mean: [Double]
    /// The factor `F`, row by row: `factor[i][j]`, with `F Fᵀ = Σ`.
    public let factor: [[Double]]

    /// A normal distribution with mean `mean` and covariance `covariance`.
    ///
    /// - Parameters:
    ///   - mean: `μ`, one value per dimension.
    ///   - covariance: `Σ`, symmetric, of the order of `mean`.
    ///   - factorization: Cholesky or eigen.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` for a Cholesky factor of a `Σ` that is
    ///   not positive definite; `.nonFiniteInput` for NaN or ±∞ in `Σ`;
    ///   `.illegalArgument(routine: "MultivariateNormal", position: 2)` when `covariance` is not
    ///   square of order `mean.count`.
    /// - Complexity: O(k³) for `k` dimensions.
    public init(mean: [Double], covariance: Matrix, factorization: Factorization) throws(LinearAlgebraError) {
        let k = mean.count
        guard covariance.rows == k && covariance.columns == k else {
            throw .illegalArgument(routine: "MultivariateNormal", position: 2)
        }
        var factor = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        switch factorization {
        case .cholesky:
            let upper = try CholeskyFactorization(covariance).upper
            for j in 0..<k { for i in j..<k { factor[i][j] = upper[j, i] } }
        case .eigen:
            let eigen = try SymmetricEigendecomposition(covariance)
            for j in 0..<k {
                let scale = Swift.max(eigen.eigenvalues[j], 0).squareRoot()
                for i in 0..<k { factor[i][j] = eigen.eigenvectors[i, j] * scale }
            }
        }
        self.mean = mean
        self.factor = factor
    }

    /// A normal distribution `μ + F z` with a factor given directly, e.g. one of rank below `k`
    /// that a caller builds from a known structure.
    ///
    /// - Parameters:
    ///   - mean: `μ`.
    ///   - factor: `F`, row by row, `k × m` with `m ≤` the normals each draw is given.
    /// - Throws: `LinearAlgebraError.illegalArgument(routine: "MultivariateNormal", position: 2)`
    ///   unless `factor` has one row per dimension of `mean`.
    public init(mean: [Double], factor: [[Double]]) throws(LinearAlgebraError) {
        guard factor.count == mean.count else { throw .illegalArgument(routine: "MultivariateNormal", position: 2) }
        self.mean = mean
        self.factor = factor
    }

    /// `μ + F z`, each component summed in the order `μᵢ + Fᵢ₀ z₀ + Fᵢ₁ z₁ + …`.
    ///
    /// - Parameter normals: At least as many standard normals as ``factor`` has columns; the first are used.
    /// - Returns: One draw.
    /// - Complexity: O(k²).
    public func draw(_ normals: ArraySlice<Double>) -> [Double] {
        var out = mean
        let start = normals.startIndex
        for i in out.indices {
            for j in factor[i].indices { out[i] += factor[i][j] * normals[start + j] }
        }
        return out
    }

    /// `μ + F z` for an array of normals (see ``draw(_:)-(ArraySlice<Double>)``).
    public func draw(_ normals: [Double]) -> [Double] { draw(normals[...]) }
}
