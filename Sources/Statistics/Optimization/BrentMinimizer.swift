/// One-dimensional minimisation without derivatives by Brent's method (golden-section search with
/// parabolic interpolation), as R's `optimize` does it.
///
/// The algorithm is Brent (1973), *Algorithms for Minimization without Derivatives*, ch. 5
/// (`localmin`), the same procedure as R's `Brent_fmin`, so results agree with R's `optimize`
/// to the last few digits for the same `tolerance`. It finds a local minimum of `f` on `[a, b]`
/// to within `3·|x|·√ε + tolerance/3`; the function is never evaluated at the end points.
public enum BrentMinimizer {
    /// The result of a minimisation.
    public struct Result: Sendable, Equatable {
        /// The abscissa of the minimum.
        public let minimum: Double
        /// `f(minimum)`.
        public let objective: Double
        /// Number of function evaluations.
        public let evaluations: Int
    }

    /// R's default tolerance for `optimize`, `ε^(1/4)` ≈ 1.22e−4.
    public static let defaultTolerance = Double.ulpOfOne.squareRoot().squareRoot()

    /// Minimise `f` on `[lower, upper]`.
    ///
    /// - Parameters:
    ///   - lower: left end of the interval.
    ///   - upper: right end, greater than `lower`.
    ///   - tolerance: absolute tolerance on the abscissa; R's default `ε^(1/4)`.
    ///   - f: the function; a NaN value is treated as `+∞` (so the search moves away from it).
    /// - Returns: the abscissa, the value there and the number of evaluations.
    /// - Complexity: O(log((upper − lower)/tolerance)) evaluations for smooth unimodal `f`.
    public static func minimize(lower: Double, upper: Double, tolerance: Double = defaultTolerance,
                                _ f: (Double) -> Double) -> Result {
        precondition(lower < upper, "Brent minimisation needs lower < upper")
        let goldenSection = (3 - 5.0.squareRoot()) * 0.5
        let eps = Double.ulpOfOne.squareRoot()
        var evaluations = 0
        func value(_ x: Double) -> Double {
            evaluations += 1
            let y = f(x)
            return y.isNaN ? .infinity : y
        }
        var a = lower, b = upper
        var v = a + goldenSection * (b - a)
        var w = v, x = v
        var d = 0.0, e = 0.0
        var fx = value(x)
        var fv = fx, fw = fx
        let tol3 = tolerance / 3
        while true {
            let xm = (a + b) * 0.5
            let tol1 = eps * Swift.abs(x) + tol3
            let t2 = tol1 * 2
            if Swift.abs(x - xm) <= t2 - (b - a) * 0.5 { break }
            var p = 0.0, q = 0.0, r = 0.0
            if Swift.abs(e) > tol1 {
                // Fit a parabola through x, v, w.
                r = (x - w) * (fx - fv)
                q = (x - v) * (fx - fw)
                p = (x - v) * q - (x - w) * r
                q = (q - r) * 2
                if q > 0 { p = -p } else { q = -q }
                r = e
                e = d
            }
            if Swift.abs(p) >= Swift.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x) {
                // Golden-section step.
                e = x < xm ? b - x : a - x
                d = goldenSection * e
            } else {
                // Parabolic interpolation step; never too close to the ends.
                d = p / q
                let u = x + d
                if u - a < t2 || b - u < t2 {
                    d = x < xm ? tol1 : -tol1
                }
            }
            let u: Double
            if Swift.abs(d) >= tol1 {
                u = x + d
            } else if d > 0 {
                u = x + tol1
            } else {
                u = x - tol1
            }
            let fu = value(u)
            if fu <= fx {
                if u < x { b = x } else { a = x }
                v = w; w = x; x = u
                fv = fw; fw = fx; fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w; fv = fw
                    w = u; fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u; fv = fu
                }
            }
        }
        return Result(minimum: x, objective: fx, evaluations: evaluations)
    }
}
