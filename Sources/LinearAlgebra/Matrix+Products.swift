import CLapacke

extension Matrix {
    /// The product `op(self) · op(other)` through BLAS `dgemm`, where `op` optionally transposes.
    ///
    /// - Parameters:
    ///   - other: the right factor.
    ///   - transposeSelf: use `selfᵀ` in place of `self`.
    ///   - transposeOther: use `otherᵀ` in place of `other`.
    /// - Returns: the product; its shape follows from the (possibly transposed) factors.
    /// - Complexity: O(m · n · k) for an `m × k` by `k × n` product.
    public func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        ensureBLASConfigured()
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let k2 = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        precondition(k == k2, "Inner dimensions differ: \(k) and \(k2)")
        var result = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 || k == 0 { return result }
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasColMajor,
                                transposeSelf ? CblasTrans : CblasNoTrans,
                                transposeOther ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1.0,
                                a.baseAddress, Int32(Swift.max(1, rows)),
                                b.baseAddress, Int32(Swift.max(1, other.rows)),
                                0.0, c.baseAddress, Int32(Swift.max(1, m)))
                }
            }
        }
        return result
    }

    /// The matrix–vector product `op(self) · vector` through BLAS `dgemv`.
    ///
    /// - Parameters:
    ///   - vector: a vector of length `columns` (or `rows` when `transpose` is true).
    ///   - transpose: use `selfᵀ`.
    /// - Complexity: O(rows × columns).
    public func multiplied(by vector: [Double], transpose: Bool = false) -> [Double] {
        ensureBLASConfigured()
        let inLength = transpose ? rows : columns
        let outLength = transpose ? columns : rows
        precondition(vector.count == inLength, "Vector has \(vector.count) elements, expected \(inLength)")
        var result = [Double](repeating: 0, count: outLength)
        if rows == 0 || columns == 0 { return result }
        storage.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans,
                                Int32(rows), Int32(columns), 1.0, a.baseAddress, Int32(Swift.max(1, rows)),
                                x.baseAddress, 1, 0.0, y.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// The Gram matrix `selfᵀ · self` through BLAS `dsyrk` (both triangles filled).
    ///
    /// - Complexity: O(rows × columns²).
    public func gram() -> Matrix {
        ensureBLASConfigured()
        var result = Matrix(rows: columns, columns: columns)
        if rows == 0 || columns == 0 { return result }
        storage.withUnsafeBufferPointer { a in
            result.storage.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1.0,
                            a.baseAddress, Int32(rows), 0.0, c.baseAddress, Int32(columns))
            }
        }
        for j in 0..<columns { for i in (j + 1)..<columns { result.storage[i + j * columns] = result.storage[j + i * columns] } }
        return result
    }

    /// Matrix product.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiplied(by: rhs) }

    /// Matrix–vector product.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] { lhs.multiplied(by: rhs) }
}
