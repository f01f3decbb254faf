import CLapacke

/// The Cholesky factorisation of a symmetric positive-definite matrix, `A = U ᵀU`
/// with `U` upper triangular (LAPACK `dpotrf`).
///
/// Use it to solve systems with covariance or Gram matrices and to invert them.
public struct CholeskyFactorization: Sendable {
    /// The order of the matrix.
    public let order: Int
    /// `U` in the upper triangle (the strictly lower triangle holds no meaning).
    let factor: [Double]

    /// Factorise a symmetric positive-definite matrix; only its upper triangle is read.
    ///
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` naming the failing leading minor;
    ///   `.nonFiniteInput` if the matrix holds NaN or ±∞.
    /// - Complexity: O(n³ / 3).
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        precondition(matrix.rows == matrix.columns, "Cholesky needs a square matrix")
        try requireFinite(matrix.storage, "dpotrf")
        ensureBLASConfigured()
        let n = matrix.rows
        var a = matrix.storage
        let info = a.withUnsafeMutableBufferPointer {
            LAPACKE_dpotrf(columnMajor, lapackChar("U"), LapackInt(n), $0.baseAddress, LapackInt(Swift.max(1, n)))
        }
        try checkInfo(info, "dpotrf") { .notPositiveDefinite(routine: "dpotrf", minor: $0) }
        order = n
        factor = a
    }

    /// The upper-triangular factor `U` with `A = UᵀU`.
    public var upper: Matrix {
        var u = Matrix(rows: order, columns: order)
        for j in 0..<order { for i in 0...j { u[i, j] = factor[i + j * order] } }
        return u
    }

    /// Solve `A X = B` (LAPACK `dpotrs`).
    ///
    /// - Complexity: O(n² × columns of B).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        precondition(b.rows == order, "Right-hand side has \(b.rows) rows, expected \(order)")
        try requireFinite(b.storage, "dpotrs")
        var x = b
        let info = factor.withUnsafeBufferPointer { a in
            x.storage.withUnsafeMutableBufferPointer { xb in
                LAPACKE_dpotrs(columnMajor, lapackChar("U"), LapackInt(order), LapackInt(b.columns),
                               a.baseAddress, LapackInt(Swift.max(1, order)), xb.baseAddress, LapackInt(Swift.max(1, order)))
            }
        }
        try checkInfo(info, "dpotrs") { .singular(routine: "dpotrs", index: $0) }
        return x
    }

    /// Solve `A x = b` for one right-hand side.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// The inverse `A⁻¹` (LAPACK `dpotri`), both triangles filled.
    ///
    /// - Complexity: O(n³).
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        var a = factor
        let n = order
        let info = a.withUnsafeMutableBufferPointer {
            LAPACKE_dpotri(columnMajor, lapackChar("U"), LapackInt(n), $0.baseAddress, LapackInt(Swift.max(1, n)))
        }
        try checkInfo(info, "dpotri") { .singular(routine: "dpotri", index: $0) }
        for j in 0..<n { for i in (j + 1)..<n { a[i + j * n] = a[j + i * n] } }
        return Matrix(rows: n, columns: n, columnMajor: a)
    }

    /// `log det A = 2 Σ log Uᵢᵢ`.
    public var logDeterminant: Double {
        (0..<order).reduce(0) { $0 + 2 * Foundation_log(factor[$1 + $1 * order]) }
    }
}
