import CLapacke

/// The eigenvalues of a general (non-symmetric) square matrix, by LAPACK's `dgeev` (Hessenberg
/// reduction and the shifted QR algorithm), as R's `eigen(A, only.values = TRUE)` computes them.
///
/// ```swift
/// let rotation = Matrix(rowMajor: [[0, -1], [1, 0]])
/// try GeneralEigenvalues(rotation).moduli   // [1, 1]  (eigenvalues ±i)
/// ```
public struct GeneralEigenvalues: Sendable {
    /// Real parts, one per eigenvalue (complex pairs appear together, positive imaginary part first).
    public let real: [Double]
    /// Imaginary parts, aligned with ``real``.
    public let imaginary: [Double]

    /// Compute the eigenvalues.
    ///
    /// - Parameter matrix: a square matrix with finite entries.
    /// - Throws: `LinearAlgebraError.nonFiniteInput` for NaN or ±∞ entries, `.illegalArgument`
    ///   for a matrix that is not square, `.noConvergence` when the QR algorithm fails.
    /// - Complexity: O(n³) time, O(n²) memory.
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .illegalArgument(routine: "dgeev", position: 1)
        }
        try requireFinite(matrix.storage, "dgeev")
        ensureBLASConfigured()
        let n = matrix.rows
        guard n > 0 else { real = []; imaginary = []; return }
        var a = matrix.storage
        var wr = [Double](repeating: 0, count: n), wi = [Double](repeating: 0, count: n)
        var unused = [Double](repeating: 0, count: 1)
        let info = a.withUnsafeMutableBufferPointer { ab in
            wr.withUnsafeMutableBufferPointer { rb in
                wi.withUnsafeMutableBufferPointer { ib in
                    unused.withUnsafeMutableBufferPointer { ub in
                        LAPACKE_dgeev(columnMajor, lapackChar("N"), lapackChar("N"), LapackInt(n), ab.baseAddress,
                                      LapackInt(n), rb.baseAddress, ib.baseAddress, ub.baseAddress, 1,
                                      ub.baseAddress, 1)
                    }
                }
            }
        }
        try checkInfo(info, "dgeev") { .noConvergence(routine: "dgeev", info: $0) }
        real = wr
        imaginary = wi
    }

    /// The moduli `|λᵢ| = √(re² + im²)`, aligned with ``real``.
    public var moduli: [Double] { zip(real, imaginary).map { ($0 * $0 + $1 * $1).squareRoot() } }

    /// The spectral radius `maxᵢ |λᵢ|` (0 for an empty matrix).
    public var spectralRadius: Double { moduli.max() ?? 0 }
}
