/// A small box-constrained quasi-Newton minimiser for R's Holt–Winters fallback, which R fits with
/// `optim(method = "L-BFGS-B")`.
///
/// Those least-squares problems (1–3 smoothing parameters in [0, 1]) often have their optimum on
/// a bound (α = 1, β = 0); a simplex that treats the outside as +∞ stalls short of the bound, so
/// this follows L-BFGS-B's approach instead: R's finite-difference gradient (step 1e−3, shortened at
/// a bound), a BFGS inverse-Hessian on the free coordinates, a projected backtracking line search,
/// and R's stopping rule `(f_k − f_{k+1}) ≤ factr·ε·max(|f_k|, |f_{k+1}|, 1)` with factr = 1e7.
/// It is not a port of L-BFGS-B: it reaches the same kind of point (a projected stationary point
/// from the same start), not the same iterates.
enum ProjectedQuasiNewton {
    static func minimize(
        start: [Double], lower: [Double], upper: [Double], maximumIterations: Int = 100,
        _ f: ([Double]) -> Double
    ) -> (parameters: [Double], value: Double, evaluations: Int) {
        let n = start.count
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isNaN ? .infinity : v
        }
        func project(_ x: [Double]) -> [Double] {
            (0..<n).map { Swift.min(Swift.max(x[$0], lower[$0]), upper[$0]) }
        }
        func gradient(_ x: [Double]) -> [Double] {
            var g = [Double](repeating: 0, count: n)
            var probe = x
            for i in 0..<n {
                let step = 1e-3
                let up = Swift.min(x[i] + step, upper[i])
                let down = Swift.max(x[i] - step, lower[i])
                probe[i] = up
                let f1 = value(probe)
                probe[i] = down
                let f2 = value(probe)
                probe[i] = x[i]
                g[i] = up > down ? (f1 - f2) / (up - down) : 0
            }
            return g
        }
        var x = project(start)
        var fx = value(x)
        guard fx.isFinite else { return (x, fx, evaluations) }
        var g = gradient(x)
        var inverseHessian = identity(n)
        var previousFree = [Bool](repeating: true, count: n)
        let factr = 1e7 * Double.ulpOfOne
        for _ in 0..<maximumIterations {
            // A coordinate pinned at a bound with the gradient pushing outwards is held fixed.
            let free = (0..<n).map { i in
                !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0))
            }
            if free != previousFree {
                inverseHessian = identity(n)
                previousFree = free
            }
            var direction = [Double](repeating: 0, count: n)
            for i in 0..<n where free[i] {
                for j in 0..<n where free[j] { direction[i] -= inverseHessian[i * n + j] * g[j] }
            }
            var slope = 0.0
            for i in 0..<n { slope += direction[i] * g[i] }
            if slope >= 0 {
                // Not a descent direction: fall back to steepest descent on the free coordinates.
                inverseHessian = identity(n)
                for i in 0..<n { direction[i] = free[i] ? -g[i] : 0 }
            }
            if direction.allSatisfy({ $0 == 0 }) { break }
            // The first step is limited to the width of the box, as L-BFGS-B's first iterate is.
            var longest = 0.0
            for i in 0..<n { longest = Swift.max(longest, Swift.abs(direction[i])) }
            var t = longest > 1 ? 1 / longest : 1
            var candidate = x
            var fc = fx
            var accepted = false
            for _ in 0..<40 {
                candidate = project((0..<n).map { x[$0] + t * direction[$0] })
                fc = value(candidate)
                var decrease = 0.0
                for i in 0..<n { decrease += g[i] * (candidate[i] - x[i]) }
                if fc <= fx + 1e-4 * decrease {
                    accepted = true
                    break
                }
                t *= 0.5
            }
            if !accepted { break }
            let gc = gradient(candidate)
            let s = (0..<n).map { candidate[$0] - x[$0] }
            let yv = (0..<n).map { gc[$0] - g[$0] }
            let improvement = fx - fc
            x = candidate
            g = gc
            let old = fx
            fx = fc
            if improvement <= factr * Swift.max(Swift.abs(old), Swift.abs(fc), 1) { break }
            bfgsUpdate(&inverseHessian, s: s, y: yv, n: n)
        }
        return (x, fx, evaluations)
    }

    static func identity(_ n: Int) -> [Double] {
        var h = [Double](repeating: 0, count: n * n)
        for i in 0..<n { h[i * n + i] = 1 }
        return h
    }

    /// H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, skipped when the curvature sᵀy is not positive.
    static func bfgsUpdate(_ h: inout [Double], s: [Double], y: [Double], n: Int) {
        var sy = 0.0
        for i in 0..<n { sy += s[i] * y[i] }
        guard sy > 1e-12 else { return }
        let rho = 1 / sy
        var hy = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { hy[i] += h[i * n + j] * y[j] } }
        var yhy = 0.0
        for i in 0..<n { yhy += y[i] * hy[i] }
        for i in 0..<n {
            for j in 0..<n {
                h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
            }
        }
    }
}
