/// Error-free transformations and compensated sums for residuals in twice the working precision.
///
/// Least-squares iterative refinement only helps when residuals are computed more accurately than
/// the solution (Björck 1967; Higham, *Accuracy and Stability of Numerical Algorithms*, §20.5).
/// These kernels give results as if computed in about 106-bit precision and then rounded once
/// (Ogita, Rump & Oishi 2005, algorithm Dot2), using the fused multiply–add that every supported
/// platform provides, so they are portable and deterministic.

/// `a + b = s + e` exactly (Knuth's TwoSum).
@inline(__always)
func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let s = a + b
    let bVirtual = s - a
    let e = (a - (s - bVirtual)) + (b - bVirtual)
    return (s, e)
}

/// `a · b = p + e` exactly, using one fused multiply–add.
@inline(__always)
func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
    let p = a * b
    return (p, (-p).addingProduct(a, b))
}

/// Residuals of the least-squares augmented system, accumulated in double-double:
/// `f = b − r − A x` and `g = c − Aᵀ r`, each rounded once to double.
///
/// - Complexity: O(m n), no allocation beyond the outputs.
func augmentedResiduals(a: [Double], rows m: Int, columns n: Int,
                        b: [Double], c: [Double], r: [Double], x: [Double]) -> (f: [Double], g: [Double]) {
    var high = [Double](repeating: 0, count: m)
    var low = [Double](repeating: 0, count: m)
    var g = [Double](repeating: 0, count: n)
    a.withUnsafeBufferPointer { a in
        high.withUnsafeMutableBufferPointer { high in
            low.withUnsafeMutableBufferPointer { low in
                for i in 0..<m {
                    let (s, e) = twoSum(b[i], -r[i])
                    high[i] = s
                    low[i] = e
                }
                for j in 0..<n {
                    let xj = -x[j]
                    let column = j * m
                    for i in 0..<m {
                        let (p, pe) = twoProduct(a[column + i], xj)
                        let (s, se) = twoSum(high[i], p)
                        high[i] = s
                        low[i] += pe + se
                    }
                }
            }
        }
        for j in 0..<n {
            var s = c[j]
            var lo = 0.0
            let column = j * m
            for i in 0..<m {
                let (p, pe) = twoProduct(a[column + i], -r[i])
                let (t, te) = twoSum(s, p)
                s = t
                lo += pe + te
            }
            g[j] = s + lo
        }
    }
    var f = high
    for i in 0..<m { f[i] = high[i] + low[i] }
    return (f, g)
}
