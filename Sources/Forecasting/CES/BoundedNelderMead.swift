/// The box-bounded, adaptive Nelder–Mead minimiser statsforecast (2.1.1) uses for CES and the
/// Theta family (`nelder_mead.h`), with its fixed settings, so that fits stop where statsforecast's do.
///
/// Unlike R's `optim` (``NelderMead``), every trial point is clamped into the box `[lower, upper]`,
/// and the simplex is built by scaling one coordinate at a time:
/// - start: `x₀` clamped; vertex `i < d` is `x₀` with coordinate i times `1 + initialStep` (or
///   `zeroPerturbation` when it is 0), clamped; vertex d is `x₀`;
/// - adaptive coefficients (Gao & Han 2012) for dimension d: reflection 1, expansion `1 + 2/d`,
///   contraction `0.75 − 1/(2d)`, shrink `1 − 1/d`;
/// - each iteration orders the vertices by value (ties keep their index order), stops when the
///   population standard deviation of the d + 1 values is below `tolerance`, else reflects,
///   expands, contracts outside (accepted when not worse than the reflection) or inside (accepted
///   when better than the worst), and otherwise shrinks towards the best vertex;
/// - the result is the vertex that was best at the start of the last iteration.
struct BoundedNelderMead {
    /// Lower and upper bounds, one per coordinate.
    var lower: [Double], upper: [Double]
    /// statsforecast's `init_step` (0.05), `zero_pert` (1e−4), `max_iter` (1000), `tol_std` (1e−4).
    var initialStep = 0.05, zeroPerturbation = 1e-4
    var maximumIterations = 1000
    var tolerance = 1e-4

    /// The minimiser's answer.
    struct Result {
        /// The best vertex and its value.
        var parameters: [Double], objective: Double
        /// Iterations as statsforecast reports them: the iteration that found the simplex flat
        /// counts, and a run stopped by the limit reports the limit plus one.
        var iterations: Int
    }

    /// Minimise `objective` from `start`.
    ///
    /// - Parameters:
    ///   - start: the starting point, one value per bound.
    ///   - objective: the function to minimise; it may return ±∞ but not NaN (NaN makes the
    ///     ordering meaningless; statsforecast's CES objective maps NaN to −∞ itself).
    /// - Complexity: at most `maximumIterations · (d + 1)` evaluations.
    func minimize(start: [Double], objective: ([Double]) -> Double) -> Result {
        let d = start.count
        func clamp(_ x: inout [Double]) {
            for i in 0..<d { x[i] = Swift.min(Swift.max(x[i], lower[i]), upper[i]) }
        }
        let dimension = Double(d)
        let reflection = 1.0
        let expansion = 1.0 + 2.0 / dimension
        let contraction = 0.75 - 1.0 / (2 * dimension)
        let shrink = 1.0 - 1.0 / dimension
        var x0 = start
        clamp(&x0)
        var simplex = [[Double]](repeating: x0, count: d + 1)
        for i in 0..<d {
            var value = simplex[i][i]
            value = value == 0 ? zeroPerturbation : value * (1.0 + initialStep)
            simplex[i][i] = Swift.min(Swift.max(value, lower[i]), upper[i])
        }
        var values = simplex.map(objective)
        var order = Array(0...d)
        var best = 0
        var iteration = 0, converged = false
        while iteration < maximumIterations {
            defer { iteration += 1 }
            // Insertion sort of the indices: stable, as libstdc++'s std::sort is for 17 or fewer items.
            for i in 0...d { order[i] = i }
            for i in 1..<(d + 1) {
                let key = order[i]
                var j = i - 1
                while j >= 0 && values[key] < values[order[j]] { order[j + 1] = order[j]; j -= 1 }
                order[j + 1] = key
            }
            best = order[0]
            let worst = order[d], secondWorst = order[d - 1]
            if Self.populationStandardDeviation(values) < tolerance { converged = true; break }
            var centroid = [Double](repeating: 0, count: d)
            for k in 0..<d {
                var sum = simplex[0][k]
                for r in 1...d { sum += simplex[r][k] }
                centroid[k] = (sum - simplex[worst][k]) / dimension
            }
            var reflected = (0..<d).map { centroid[$0] + reflection * (centroid[$0] - simplex[worst][$0]) }
            clamp(&reflected)
            let fReflected = objective(reflected)
            if values[best] <= fReflected && fReflected < values[secondWorst] {
                simplex[worst] = reflected; values[worst] = fReflected
                continue
            }
            if fReflected < values[best] {
                var expanded = (0..<d).map { centroid[$0] + expansion * (reflected[$0] - centroid[$0]) }
                clamp(&expanded)
                let fExpanded = objective(expanded)
                if fExpanded < fReflected {
                    simplex[worst] = expanded; values[worst] = fExpanded
                } else {
                    simplex[worst] = reflected; values[worst] = fReflected
                }
                continue
            }
            if values[secondWorst] <= fReflected && fReflected < values[worst] {
                var outside = (0..<d).map { centroid[$0] + contraction * (reflected[$0] - centroid[$0]) }
                clamp(&outside)
                let fOutside = objective(outside)
                if fOutside <= fReflected {
                    simplex[worst] = outside; values[worst] = fOutside
                    continue
                }
            } else {
                var inside = (0..<d).map { centroid[$0] - contraction * (reflected[$0] - centroid[$0]) }
                clamp(&inside)
                let fInside = objective(inside)
                if fInside < values[worst] {
                    simplex[worst] = inside; values[worst] = fInside
                    continue
                }
            }
            for j in 0...d where j != best {
                var point = (0..<d).map { simplex[best][$0] + shrink * (simplex[j][$0] - simplex[best][$0]) }
                clamp(&point)
                simplex[j] = point
                values[j] = objective(point)
            }
        }
        // statsforecast reports its loop index plus one: one more than the iterations run when
        // the limit stopped it.
        return Result(parameters: simplex[best], objective: values[best], iterations: converged ? iteration : iteration + 1)
    }

    /// `√(mean((x − x̄)²))`, NaN when any value is infinite (as Eigen's).
    static func populationStandardDeviation(_ x: [Double]) -> Double {
        let mean = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)).squareRoot()
    }
}
