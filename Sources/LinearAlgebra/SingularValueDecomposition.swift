import CLapacke

/// The thin singular value decomposition `A = U Σ Vᵀ` (LAPACK `dgesdd`, divide and conquer).
public struct SingularValueDecomposition: Sendable {
    /// `m × k` left singular vectors, `k = min(m, n)`.
    public let u: Matrix
    /// The `k` singular values in descending order.
    public let singularValues: [Double]
    /// `k × n`, the transposed right singular vectors.
    public let vTransposed: Matrix

    /// Decompose `matrix`.
    ///
    /// - Throws: `LinearAlgebraError.noConvergence` if `dgesdd` fails to converge;
    ///   `.nonFiniteInput` for NaN or ±∞.
    /// - Complexity: O(m n min(m, n)).
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        try requireFinite(matrix.storage, "dgesdd")
        ensureBLASConfigured()
        let m = matrix.rows, n = matrix.columns, k = Swift.min(m, n)
        var a = matrix.storage
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * k)
        var vt = [Double](repeating: 0, count: k * n)
        if k > 0 {
            let info = a.withUnsafeMutableBufferPointer { ab in
                s.withUnsafeMutableBufferPointer { sb in
                    u.withUnsafeMutableBufferPointer { ub in
                        vt.withUnsafeMutableBufferPointer { vb in
                            LAPACKE_dgesdd(columnMajor, lapackChar("S"), LapackInt(m), LapackInt(n), ab.baseAddress,
                                           LapackInt(Swift.max(1, m)), sb.baseAddress, ub.baseAddress, LapackInt(Swift.max(1, m)),
                                           vb.baseAddress, LapackInt(Swift.max(1, k)))
                        }
                    }
                }
            }
            try checkInfo(info, "dgesdd") { .noConvergence(routine: "dgesdd", info: $0) }
        }
        self.u = Matrix(rows: m, columns: k, columnMajor: u)
        singularValues = s
        vTransposed = Matrix(rows: k, columns: n, columnMajor: vt)
    }

    /// The 2-norm condition number `σ_max / σ_min` (∞ when `σ_min = 0`).
    public var conditionNumber: Double {
        guard let largest = singularValues.first, let smallest = singularValues.last else { return .nan }
        return smallest == 0 ? .infinity : largest / smallest
    }

    /// Only the singular values of `matrix` (LAPACK `dgesdd` with no vectors).
    ///
    /// - Complexity: O(m n min(m, n)).
    public static func singularValues(of matrix: Matrix) throws(LinearAlgebraError) -> [Double] {
        try requireFinite(matrix.storage, "dgesdd")
        ensureBLASConfigured()
        let m = matrix.rows, n = matrix.columns, k = Swift.min(m, n)
        guard k > 0 else { return [] }
        var a = matrix.storage
        var s = [Double](repeating: 0, count: k)
        var dummy = [Double](repeating: 0, count: 1)
        var dummy2 = [Double](repeating: 0, count: 1)
        let info = a.withUnsafeMutableBufferPointer { ab in
            s.withUnsafeMutableBufferPointer { sb in
                dummy.withUnsafeMutableBufferPointer { ub in
                    dummy2.withUnsafeMutableBufferPointer { vb in
                        LAPACKE_dgesdd(columnMajor, lapackChar("N"), LapackInt(m), LapackInt(n), ab.baseAddress,
                                       LapackInt(Swift.max(1, m)), sb.baseAddress, ub.baseAddress, 1, vb.baseAddress, 1)
                    }
                }
            }
        }
        try checkInfo(info, "dgesdd") { .noConvergence(routine: "dgesdd", info: $0) }
        return s
    }
}

/// Minimum-norm least-squares solution of `min ‖A x − b‖₂` by the SVD (LAPACK `dgelsd`).
///
/// Singular values below `rcond · σ_max` are treated as zero, so a rank-deficient `A` yields the
/// minimum-norm solution rather than an error. For regression prefer ``LeastSquaresFactorization``,
/// which reports rank deficiency and refines the solution.
///
/// - Parameters:
///   - a: the `m × n` design.
///   - b: the right-hand side of length `m`.
///   - rcond: relative threshold for the singular values; default `max(m, n) · ε`.
/// - Returns: the solution of length `n` and the effective rank.
/// - Throws: `.noConvergence` if the SVD fails; `.nonFiniteInput` for NaN or ±∞.
/// - Complexity: O(m n min(m, n)).
public func minimumNormLeastSquares(_ a: Matrix, _ b: [Double], rcond: Double? = nil) throws(LinearAlgebraError) -> (solution: [Double], rank: Int) {
    precondition(b.count == a.rows, "Right-hand side has \(b.count) elements, expected \(a.rows)")
    try requireFinite(a.storage, "dgelsd")
    try requireFinite(b, "dgelsd")
    ensureBLASConfigured()
    let m = a.rows, n = a.columns
    let ldb = Swift.max(1, m, n)
    var work = a.storage
    var rhs = [Double](repeating: 0, count: ldb)
    for i in 0..<m { rhs[i] = b[i] }
    var s = [Double](repeating: 0, count: Swift.max(1, Swift.min(m, n)))
    var rank: LapackInt = 0
    let threshold = rcond ?? Double(Swift.max(m, n)) * Double.ulpOfOne
    let info = work.withUnsafeMutableBufferPointer { ab in
        rhs.withUnsafeMutableBufferPointer { bb in
            s.withUnsafeMutableBufferPointer { sb in
                LAPACKE_dgelsd(columnMajor, LapackInt(m), LapackInt(n), 1, ab.baseAddress, LapackInt(Swift.max(1, m)),
                               bb.baseAddress, LapackInt(ldb), sb.baseAddress, threshold, &rank)
            }
        }
    }
    try checkInfo(info, "dgelsd") { .noConvergence(routine: "dgelsd", info: $0) }
    return (Array(rhs[0..<n]), Int(rank))
}
