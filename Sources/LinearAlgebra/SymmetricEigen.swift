import CLapacke

/// Eigenvalues and eigenvectors of a symmetric matrix (LAPACK `dsyevr`, relatively robust representations).
public struct SymmetricEigendecomposition: Sendable {
    /// Eigenvalues in ascending order.
    public let eigenvalues: [Double]
    /// Orthonormal eigenvectors as columns, in the order of `eigenvalues`.
    public let eigenvectors: Matrix

    /// Decompose a symmetric matrix; only its upper triangle is read.
    ///
    /// - Throws: `LinearAlgebraError.noConvergence` if `dsyevr` fails; `.nonFiniteInput` for NaN or ±∞.
    /// - Complexity: O(n³).
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        precondition(matrix.rows == matrix.columns, "dsyevr needs a square matrix")
        try requireFinite(matrix.storage, "dsyevr")
        ensureBLASConfigured()
        let n = matrix.rows
        var a = matrix.storage
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * n)
        var support = [LapackInt](repeating: 0, count: 2 * Swift.max(1, n))
        var found: LapackInt = 0
        let info = a.withUnsafeMutableBufferPointer { ab in
            w.withUnsafeMutableBufferPointer { wb in
                z.withUnsafeMutableBufferPointer { zb in
                    support.withUnsafeMutableBufferPointer { sb in
                        LAPACKE_dsyevr(columnMajor, lapackChar("V"), lapackChar("A"), lapackChar("U"), LapackInt(n),
                                       ab.baseAddress, LapackInt(Swift.max(1, n)), 0, 0, 0, 0, 0, &found,
                                       wb.baseAddress, zb.baseAddress, LapackInt(Swift.max(1, n)), sb.baseAddress)
                    }
                }
            }
        }
        try checkInfo(info, "dsyevr") { .noConvergence(routine: "dsyevr", info: $0) }
        eigenvalues = w
        eigenvectors = Matrix(rows: n, columns: n, columnMajor: z)
    }
}
