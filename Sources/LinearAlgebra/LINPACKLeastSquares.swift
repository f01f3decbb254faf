/// Least squares computed operation for operation as R's `lm.fit` and `lsfit` compute them:
/// LINPACK's Householder QR with R's limited column pivoting (`dqrdc2`), `Qᵀy`, the coefficients
/// and the residuals (`dqrsl`), with the reference BLAS's sequential sums and no fused
/// multiply–add.
///
/// ``LeastSquaresFactorization`` is the accurate solver; this one exists for starting values that
/// must equal R's to the last bit. R's ARIMA and ETS fits start their optimisers from `lm`
/// coefficients, and on flat likelihoods a one-ulp difference in a start can send the optimiser
/// to a different optimum (M3 series N2864: `Benchmarks/RESULTS.md`). The answers here are those
/// of R linked with Debian's reference BLAS (`libblas3`); R linked with OpenBLAS rounds
/// differently, and differently on different CPUs. Everything is plain Swift, so the result is
/// the same on every machine.
///
/// The factorisation: for each column `l`, `ν = ±‖x_{l:n,l}‖₂` (the reference `dnrm2`, the sign of
/// `x_{ll}`), the column scaled by `1/ν`, `x_{ll} += 1`, and every later column `j` updated by
/// `t = −(x_{l:n,l} · x_{l:n,j}) / x_{ll}`, `x_{l:n,j} += t x_{l:n,l}`. A column whose norm falls
/// below `tolerance` times its original norm is moved to the end (R's `dqrdc2`), so the rank is
/// the number of columns kept. Cost `O(n p²)` for `n` rows and `p` columns.
public struct LINPACKLeastSquares: Sendable {
    /// Rows of the design.
    public let rows: Int
    /// Columns of the design.
    public let columns: Int
    /// The rank: columns not moved to the end as negligible.
    public let rank: Int
    /// Zero-based original column of each pivot position (R's `pivot - 1`).
    public let pivot: [Int]
    /// Coefficients in the original column order; NaN for columns beyond the rank (R's `NA`).
    public let coefficients: [Double]
    /// Residuals `y − X b`, computed as R does, by applying `Q` to the tail of `Qᵀy`.
    public let residuals: [Double]
    /// The compact factorisation, column-major `rows × columns` (R's `qr$qr`): `R` on and above
    /// the diagonal, the Householder vectors below it.
    let factor: [Double]

    /// Fit `y ≈ X b` by least squares.
    ///
    /// - Parameters:
    ///   - design: the columns of `X`, each with `response.count` finite values.
    ///   - response: `y`, finite.
    ///   - tolerance: R's `tol` for the limited pivoting (1e-7 in `lm.fit` and `lsfit`).
    /// - Throws: ``LinearAlgebraError/illegalArgument(routine:position:)`` when a column's length
    ///   differs from the response's, ``LinearAlgebraError/nonFiniteInput(routine:)`` for NaN or
    ///   infinite values.
    /// - Complexity: `O(n p²)`.
    public init(design: [[Double]], response: [Double], tolerance: Double = 1e-7) throws(LinearAlgebraError) {
        let n = response.count
        let p = design.count
        guard design.allSatisfy({ $0.count == n }) else {
            throw .illegalArgument(routine: "dqrls", position: 1)
        }
        guard response.allSatisfy(\.isFinite), design.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw .nonFiniteInput(routine: "dqrls")
        }
        var x = [Double](repeating: 0, count: n * p)
        for j in 0..<p { for i in 0..<n { x[i + n * j] = design[j][i] } }
        var qraux = [Double](repeating: 0, count: p)
        var pivot = Array(0..<p)
        let k = Self.decompose(&x, rows: n, columns: p, tolerance: tolerance, qraux: &qraux, pivot: &pivot)
        var b = [Double](repeating: 0, count: p)
        var residuals = response
        if k > 0 {
            Self.solve(x, rows: n, rank: k, qraux: qraux, y: response, coefficients: &b, residuals: &residuals)
        }
        var coefficients = [Double](repeating: .nan, count: p)
        for position in 0..<k { coefficients[pivot[position]] = b[position] }
        self.rows = n
        self.columns = p
        self.rank = k
        self.pivot = pivot
        self.coefficients = coefficients
        self.residuals = residuals
        self.factor = x
    }

    /// The coefficients' standard errors as R's `summary.lm`: `√(diag((RᵀR)⁻¹) · RSS/(n − rank))`,
    /// with the residual sum of squares accumulated in extended precision as R's `sum` and
    /// `(RᵀR)⁻¹` formed as LAPACK's unblocked `dpotri` (`chol2inv`). In the original column order;
    /// `nil` when the design is rank deficient or there are no residual degrees of freedom.
    ///
    /// - Complexity: `O(n + p³)`.
    public var standardErrors: [Double]? {
        let p = rank
        guard p == columns, rows > p, p > 0 else { return nil }
        #if arch(x86_64) || arch(i386)
        var rss: Float80 = 0
        for r in residuals { rss += Float80(r * r) }
        #else
        var rss = 0.0
        for r in residuals { rss += r * r }
        #endif
        let resvar = Double(rss) / Double(rows - p)
        // R⁻¹ by dtrti2 (upper, non-unit), column by column.
        var a = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0...j { a[i + p * j] = factor[i + rows * j] } }
        for j in 0..<p {
            a[j + p * j] = 1 / a[j + p * j]
            let ajj = -a[j + p * j]
            // dtrmv: x ← U x with U the leading j × j block (already inverted), x = a[0..<j, j].
            for c in 0..<j where a[c + p * j] != 0 {
                let temp = a[c + p * j]
                for i in 0..<c { a[i + p * j] += temp * a[i + p * c] }
                a[c + p * j] *= a[c + p * c]
            }
            for i in 0..<j { a[i + p * j] *= ajj }
        }
        // diag(U⁻¹ U⁻ᵀ) as dlauu2: row i's sum of squares from column i on, in column order.
        var variances = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var s = 0.0
            for j in i..<p { s += a[i + p * j] * a[i + p * j] }
            variances[i] = s
        }
        var se = [Double](repeating: .nan, count: p)
        for position in 0..<p { se[pivot[position]] = (variances[position] * resvar).squareRoot() }
        return se
    }

    /// The Euclidean norm as the reference BLAS's `dnrm2` (LAPACK 3.10 and later, Blue's
    /// algorithm): squares summed in order, with separate accumulators for very large and very
    /// small magnitudes.
    static func norm(_ x: UnsafeBufferPointer<Double>) -> Double {
        let tsml = 0x1p-511, tbig = 0x1p486, ssml = 0x1p537, sbig = 0x1p-538
        var notBig = true
        var asml = 0.0, amed = 0.0, abig = 0.0
        for v in x {
            let ax = Swift.abs(v)
            if ax > tbig {
                abig += (ax * sbig) * (ax * sbig)
                notBig = false
            } else if ax < tsml {
                if notBig { asml += (ax * ssml) * (ax * ssml) }
            } else {
                amed += ax * ax
            }
        }
        var scale = 1.0
        var sumsq: Double
        if abig > 0 {
            if amed > 0 || amed.isNaN { abig += (amed * sbig) * sbig }
            scale = 1 / sbig
            sumsq = abig
        } else if asml > 0 {
            if amed > 0 || amed.isNaN {
                let med = amed.squareRoot()
                let sml = asml.squareRoot() / ssml
                let (ymin, ymax) = sml > med ? (med, sml) : (sml, med)
                sumsq = ymax * ymax * (1 + (ymin / ymax) * (ymin / ymax))
            } else {
                scale = 1 / ssml
                sumsq = asml
            }
        } else {
            sumsq = amed
        }
        return scale * sumsq.squareRoot()
    }

    /// `Σ x_{start+i} y_{start+i}` in order, as the reference `ddot`.
    @inline(__always)
    static func dot(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var s = 0.0
        for i in 0..<count { s += x[i] * y[i] }
        return s
    }

    /// R's `dqrdc2` on the column-major `x`; returns the rank.
    static func decompose(_ x: inout [Double], rows n: Int, columns p: Int, tolerance: Double,
                          qraux: inout [Double], pivot: inout [Int]) -> Int {
        var original = [Double](repeating: 0, count: p)   // work(·, 1): norm at the last recomputation
        var reference = [Double](repeating: 0, count: p)  // work(·, 2): the original norm, 1 if zero
        x.withUnsafeMutableBufferPointer { xb in
            guard let base = xb.baseAddress else { return }
            for j in 0..<p {
                qraux[j] = norm(UnsafeBufferPointer(start: base + n * j, count: n))
                original[j] = qraux[j]
                reference[j] = qraux[j] == 0 ? 1 : qraux[j]
            }
        }
        var k = p + 1   // one past the last kept column, 1-based as in LINPACK
        let lup = Swift.min(n, p)
        for l in 0..<lup {
            // Cycle negligible columns to the end.
            while l + 1 < k && qraux[l] < reference[l] * tolerance {
                for i in 0..<n {
                    let t = x[i + n * l]
                    for j in (l + 1)..<p { x[i + n * (j - 1)] = x[i + n * j] }
                    x[i + n * (p - 1)] = t
                }
                let (i0, t0, tt0, ttt0) = (pivot[l], qraux[l], original[l], reference[l])
                for j in (l + 1)..<p {
                    pivot[j - 1] = pivot[j]
                    qraux[j - 1] = qraux[j]
                    original[j - 1] = original[j]
                    reference[j - 1] = reference[j]
                }
                pivot[p - 1] = i0
                qraux[p - 1] = t0
                original[p - 1] = tt0
                reference[p - 1] = ttt0
                k -= 1
            }
            if l == n - 1 { break }
            x.withUnsafeMutableBufferPointer { xb in
                guard let base = xb.baseAddress else { return }
                let col = base + l + n * l
                let len = n - l
                var nrmxl = norm(UnsafeBufferPointer(start: col, count: len))
                if nrmxl == 0 { return }
                if col[0] != 0 { nrmxl = col[0] < 0 ? -Swift.abs(nrmxl) : Swift.abs(nrmxl) }
                let scale = 1 / nrmxl
                for i in 0..<len { col[i] *= scale }
                col[0] = 1 + col[0]
                if l + 1 < p {
                    for j in (l + 1)..<p {
                        let other = base + l + n * j
                        let t = -dot(col, other, count: len) / col[0]
                        for i in 0..<len { other[i] += t * col[i] }
                        if qraux[j] == 0 { continue }
                        var tt = 1 - (Swift.abs(other[0]) / qraux[j]) * (Swift.abs(other[0]) / qraux[j])
                        tt = Swift.max(tt, 0)
                        if Swift.abs(tt) < 1e-6 {
                            qraux[j] = norm(UnsafeBufferPointer(start: other + 1, count: len - 1))
                            original[j] = qraux[j]
                        } else {
                            qraux[j] *= tt.squareRoot()
                        }
                    }
                }
                qraux[l] = col[0]
                col[0] = -nrmxl
            }
        }
        return Swift.min(k - 1, n)
    }

    /// R's `dqrsl` with job 1110 (`Qᵀy`, coefficients, residuals) for a rank-`k` factorisation.
    static func solve(_ factor: [Double], rows n: Int, rank k: Int, qraux: [Double], y: [Double],
                      coefficients b: inout [Double], residuals rsd: inout [Double]) {
        var x = factor
        var qty = y
        let ju = Swift.min(k, n - 1)
        if ju == 0 {
            if x[0] != 0 { b[0] = y[0] / x[0] }
            rsd[0] = 0
            return
        }
        for j in 0..<ju { reflect(&x, rows: n, column: j, qraux: qraux[j], vector: &qty) }
        for j in 0..<k { b[j] = qty[j] }
        for i in 0..<n { rsd[i] = i < k ? 0 : qty[i] }
        for j in stride(from: k - 1, through: 0, by: -1) {
            let diagonal = x[j + n * j]
            if diagonal == 0 { break }
            b[j] /= diagonal
            if j > 0 {
                let t = -b[j]
                for i in 0..<j { b[i] += t * x[i + n * j] }
            }
        }
        for j in stride(from: ju - 1, through: 0, by: -1) { reflect(&x, rows: n, column: j, qraux: qraux[j], vector: &rsd) }
    }

    /// Apply the Householder reflector of column `j` to `v[j...]` as `dqrsl` does: the vector is
    /// the column from the diagonal down with `qraux[j]` on the diagonal, and `v += t u` with
    /// `t = −(u · v) / u₀`. A zero `qraux` marks a column with no reflector.
    static func reflect(_ x: inout [Double], rows n: Int, column j: Int, qraux: Double, vector: inout [Double]) {
        guard qraux != 0 else { return }
        x.withUnsafeMutableBufferPointer { xb in
            vector.withUnsafeMutableBufferPointer { vb in
                guard let base = xb.baseAddress, let v = vb.baseAddress else { return }
                let u = base + j + n * j
                let saved = u[0]
                u[0] = qraux
                let t = -dot(u, v + j, count: n - j) / u[0]
                for i in 0..<(n - j) { v[j + i] += t * u[i] }
                u[0] = saved
            }
        }
    }
}
