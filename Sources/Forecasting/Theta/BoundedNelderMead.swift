/// The box-constrained Nelder–Mead minimiser statsforecast 2.1.1 uses for its Theta and CES
/// models (its `nelder_mead.h`), restated so that UrbanCast stops where statsforecast stops.
///
/// - Start: `x₀` clamped to the bounds; vertex `i` moves coordinate `i` by 5 % (to 1e−4 when it
///   is 0), clamped.
/// - Adaptive coefficients (Gao & Han 2012) for `d` parameters: reflection 1, expansion `1 + 2/d`,
///   contraction `0.75 − 1/(2d)`, shrink `1 − 1/d`; every trial point is clamped to the bounds.
/// - Each iteration orders the vertices by value, stops when the population standard deviation
///   of the `d + 1` values falls below `1e−4`, then reflects; accepts the reflection when it lies
///   between the best and the second worst; expands when it beats the best (keeping the better of
///   the two); contracts outside when it lies between the second worst and the worst (kept when
///   no worse than the reflection), inside otherwise (kept when better than the worst); else
///   shrinks every vertex but the best towards it.
/// - At most 1,000 iterations; the result is the best vertex of the last ordering.
enum BoundedNelderMead {
    /// The minimiser's result: the best vertex and its value.
    struct Result {
        var parameters: [Double]
        var objective: Double
    }

    /// Minimise `f` within `[lower, upper]`.
    ///
    /// - Parameters:
    ///   - start: the starting point (clamped to the bounds).
    ///   - lower: lower bounds, one per parameter.
    ///   - upper: upper bounds, one per parameter.
    ///   - f: the objective.
    /// - Returns: the best vertex and its value.
    /// - Complexity: at most 1,000 iterations of at most `d + 2` evaluations of `f`.
    static func minimize(start: [Double], lower: [Double], upper: [Double],
                         _ f: ([Double]) -> Double) -> Result {
        let d = start.count
        func clamp(_ x: inout [Double]) {
            for i in 0..<d { x[i] = Swift.min(Swift.max(x[i], lower[i]), upper[i]) }
        }
        var x0 = start
        clamp(&x0)
        let dd = Double(d)
        let reflection = 1.0, expansion = 1 + 2 / dd, contraction = 0.75 - 1 / (2 * dd), shrink = 1 - 1 / dd
        var simplex = [[Double]](repeating: x0, count: d + 1)
        for i in 0..<d {
            let value = simplex[i][i]
            let moved = value == 0 ? 1e-4 : value * 1.05
            simplex[i][i] = Swift.min(Swift.max(moved, lower[i]), upper[i])
        }
        var values = simplex.map(f)
        var best = 0
        var centroid = [Double](repeating: 0, count: d)
        var trial = [Double](repeating: 0, count: d)
        for _ in 0..<1000 {
            // A stable order (ties keep their index order); std::sort's order of ties is
            // unspecified, and ties of distinct vertices do not occur in practice.
            let order = (0...d).sorted { values[$0] < values[$1] }
            best = order[0]
            let worst = order[d], secondWorst = order[d - 1]
            let mean = values.reduce(0, +) / Double(d + 1)
            let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d + 1)).squareRoot()
            if spread < 1e-4 { break }
            for j in 0..<d {
                var s = 0.0
                for v in 0...d { s += simplex[v][j] }
                centroid[j] = (s - simplex[worst][j]) / dd
            }
            for j in 0..<d { trial[j] = centroid[j] + reflection * (centroid[j] - simplex[worst][j]) }
            clamp(&trial)
            let reflected = trial
            let fr = f(reflected)
            if values[best] <= fr && fr < values[secondWorst] {
                simplex[worst] = reflected; values[worst] = fr
                continue
            }
            if fr < values[best] {
                var expanded = centroid
                for j in 0..<d { expanded[j] = centroid[j] + expansion * (reflected[j] - centroid[j]) }
                clamp(&expanded)
                let fe = f(expanded)
                if fe < fr {
                    simplex[worst] = expanded; values[worst] = fe
                } else {
                    simplex[worst] = reflected; values[worst] = fr
                }
                continue
            }
            if values[secondWorst] <= fr && fr < values[worst] {
                var outside = centroid
                for j in 0..<d { outside[j] = centroid[j] + contraction * (reflected[j] - centroid[j]) }
                clamp(&outside)
                let fo = f(outside)
                if fo <= fr {
                    simplex[worst] = outside; values[worst] = fo
                    continue
                }
            } else {
                var inside = centroid
                for j in 0..<d { inside[j] = centroid[j] - contraction * (reflected[j] - centroid[j]) }
                clamp(&inside)
                let fi = f(inside)
                if fi < values[worst] {
                    simplex[worst] = inside; values[worst] = fi
                    continue
                }
            }
            for v in 0...d where v != best {
                for j in 0..<d { simplex[v][j] = simplex[best][j] + shrink * (simplex[v][j] - simplex[best][j]) }
                clamp(&simplex[v])
                values[v] = f(simplex[v])
            }
        }
        return Result(parameters: simplex[best], objective: values[best])
    }
}
