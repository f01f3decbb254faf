import CLapacke

/// Solve a square linear system `A X = B` by LU factorisation with partial pivoting (LAPACK `dgesv`).
///
/// - Parameters:
///   - a: a square `n × n` matrix.
///   - b: the right-hand sides, `n × k`.
/// - Returns: `X` with `A X = B`.
/// - Throws: `LinearAlgebraError.singular` with the one-based index of the zero pivot;
///   `.nonFiniteInput` for NaN or ±∞.
/// - Complexity: O(n³ + n² k).
public func solveLinearSystem(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
    precondition(a.rows == a.columns, "dgesv needs a square matrix")
    precondition(b.rows == a.rows, "Right-hand side has \(b.rows) rows, expected \(a.rows)")
    try requireFinite(a.storage, "dgesv")
    try requireFinite(b.storage, "dgesv")
    ensureBLASConfigured()
    let n = a.rows
    var lu = a.storage
    var x = b
    var pivots = [LapackInt](repeating: 0, count: n)
    let info = lu.withUnsafeMutableBufferPointer { lub in
        pivots.withUnsafeMutableBufferPointer { pb in
            x.storage.withUnsafeMutableBufferPointer { xb in
                LAPACKE_dgesv(columnMajor, LapackInt(n), LapackInt(b.columns), lub.baseAddress, LapackInt(Swift.max(1, n)),
                              pb.baseAddress, xb.baseAddress, LapackInt(Swift.max(1, n)))
            }
        }
    }
    try checkInfo(info, "dgesv") { .singular(routine: "dgesv", index: $0) }
    return x
}

/// Solve `A x = b` for one right-hand side (LAPACK `dgesv`). See ``solveLinearSystem(_:_:)-(Matrix,Matrix)``.
public func solveLinearSystem(_ a: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    try solveLinearSystem(a, Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
}
