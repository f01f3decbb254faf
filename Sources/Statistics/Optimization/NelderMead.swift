/// Derivative-free minimisation in several dimensions by the Nelder–Mead simplex method, as R's
/// `optim(method = "Nelder-Mead")` does it.
///
/// The procedure is Nash (1990), *Compact Numerical Methods for Computers*, Algorithm 19, which is
/// what R's `nmmin` implements (and what R forecast's `ets` calls through its own copy): the
/// starting simplex is the start point plus one vertex per coordinate, offset by
/// `step = max(0.1·|x₀ᵢ|)` (0.1 when the start is 0); each iteration reflects the worst vertex
/// through the centroid of the others, then extends, contracts or shrinks. It stops when
///
///     f(worst) ≤ f(best) + reltol·(|f(x₀)| + reltol)     or     f(best) ≤ abstol
///
/// or when the evaluation count exceeds `maximumEvaluations`. The same steps and tests as R give
/// the same iterates for the same objective, so R's early stops are reproduced too.
///
/// Bounds are optional: a point outside `[lower, upper]` is not evaluated and counts as `+∞`, the
/// way R's `ets` target function rejects parameters outside its bounds. Non-finite objective
/// values are replaced by R's `big = 1e35`, so the simplex moves away from them.
///
/// ```swift
/// let result = NelderMead.minimize(start: [-1.2, 1]) { x in
///     let a = 1 - x[0], b = x[1] - x[0] * x[0]
///     return a * a + 100 * b * b
/// }
/// // result.parameters ≈ [1, 1] (R: optim(c(-1.2, 1), fr) gives 1.000260 1.000506)
/// ```
public enum NelderMead {
    /// Why the search stopped.
    public enum Status: Sendable, Equatable {
        /// The spread of objective values in the simplex fell below the tolerance (R's `convergence = 0`).
        case converged
        /// More than `maximumEvaluations` evaluations were used (R's `convergence = 1`).
        case maximumEvaluationsReached
        /// A shrink step did not reduce the simplex size (R's `convergence = 10`).
        case degenerateSimplex
        /// The objective is not finite at the start point (R stops with "function cannot be
        /// evaluated at initial parameters"); no search was made.
        case infeasibleStart
    }

    /// Tuning constants, R's `optim` control list for Nelder–Mead.
    public struct Options: Sendable, Equatable {
        /// Relative convergence tolerance `reltol`; R's default √ε ≈ 1.49e−8.
        public var relativeTolerance: Double
        /// Absolute tolerance `abstol` on the objective value; R's default `−∞` (off).
        public var absoluteTolerance: Double
        /// Reflection coefficient `alpha` (R: 1).
        public var reflection: Double
        /// Contraction coefficient `beta` in (0, 1) (R: 0.5).
        public var contraction: Double
        /// Expansion coefficient `gamma` > 1 (R: 2).
        public var expansion: Double
        /// Maximum number of objective evaluations, R's `maxit` (R's `optim`: 500; R's `ets`: 2000).
        public var maximumEvaluations: Int
        /// Optional lower bounds, one per coordinate (`-∞` for none).
        public var lower: [Double]?
        /// Optional upper bounds, one per coordinate (`+∞` for none).
        public var upper: [Double]?

        /// Options with R's `optim` defaults unless given.
        ///
        /// - Parameters:
        ///   - relativeTolerance: `reltol`, default √ε.
        ///   - absoluteTolerance: `abstol`, default `−∞`.
        ///   - reflection: `alpha`, default 1.
        ///   - contraction: `beta`, default 0.5.
        ///   - expansion: `gamma`, default 2.
        ///   - maximumEvaluations: `maxit`, default 500.
        ///   - lower: lower bounds or `nil`.
        ///   - upper: upper bounds or `nil`.
        public init(
            relativeTolerance: Double = Double.ulpOfOne.squareRoot(), absoluteTolerance: Double = -.infinity,
            reflection: Double = 1, contraction: Double = 0.5, expansion: Double = 2,
            maximumEvaluations: Int = 500, lower: [Double]? = nil, upper: [Double]? = nil
        ) {
            self.relativeTolerance = relativeTolerance
            self.absoluteTolerance = absoluteTolerance
            self.reflection = reflection
            self.contraction = contraction
            self.expansion = expansion
            self.maximumEvaluations = maximumEvaluations
            self.lower = lower
            self.upper = upper
        }
    }

    /// The outcome of a search.
    public struct Result: Sendable, Equatable {
        /// The best vertex found (the start point when ``status`` is ``Status/infeasibleStart``).
        public let parameters: [Double]
        /// The objective at ``parameters`` (`+∞` when the start was infeasible).
        public let objective: Double
        /// Number of objective evaluations, R's `counts["function"]`.
        public let evaluations: Int
        /// Why the search stopped.
        public let status: Status
    }

    /// R's replacement for a non-finite objective value inside the search.
    static let big = 1.0e35

    /// Minimise `objective` starting from `start`.
    ///
    /// - Parameters:
    ///   - start: the start point, n ≥ 1 coordinates.
    ///   - options: tolerances, coefficients, evaluation limit and optional bounds.
    ///   - objective: the function; it receives a buffer of n coordinates that is valid only during
    ///     the call (so the search allocates nothing per evaluation). NaN and ±∞ count as `+∞`.
    /// - Returns: the best vertex, its value, the evaluation count and the stopping reason.
    /// - Complexity: O(n) work per evaluation besides the objective, O(n²) per shrink; at most
    ///   `maximumEvaluations + n + 2` evaluations. Memory O(n²), allocated once.
    public static func minimize(
        start: [Double], options: Options = Options(),
        _ objective: (UnsafeBufferPointer<Double>) -> Double
    ) -> Result {
        minimize(start: start, options: options, bounded: { point, _ in objective(point) })
    }

    /// ``minimize(start:options:_:)`` with an objective that may stop early.
    ///
    /// Most trial points of the method (reflections, expansions, contractions) are only compared
    /// with one value — the worst vertex, or the reflected point — and dropped when they are not
    /// below it. The objective receives that value as `bound` (+∞ when the exact value is
    /// needed: the initial simplex and shrinks) and may return any value `≥ bound` (for example
    /// +∞) as soon as it knows its value is at least `bound`; every decision, and so the result,
    /// is then the same as with the exact objective. ETS uses this to skip the rest of a
    /// likelihood pass, and its admissibility test, for points that will be rejected.
    ///
    /// - Parameters:
    ///   - start: the starting point.
    ///   - options: tolerances, coefficients, evaluation limit and box.
    ///   - objective: `(point, bound) → value`, honouring the contract above.
    /// - Returns: as ``minimize(start:options:_:)``.
    /// - Complexity: as ``minimize(start:options:_:)``.
    public static func minimize(
        start: [Double], options: Options = Options(),
        bounded objective: (UnsafeBufferPointer<Double>, Double) -> Double
    ) -> Result {
        let n = start.count
        precondition(n >= 1, "Nelder–Mead needs at least one coordinate")
        precondition(options.lower.map { $0.count == n } ?? true, "One lower bound per coordinate")
        precondition(options.upper.map { $0.count == n } ?? true, "One upper bound per coordinate")
        let lower = options.lower ?? [Double](repeating: -.infinity, count: n)
        let upper = options.upper ?? [Double](repeating: .infinity, count: n)

        // Column j of the simplex holds vertex j in rows 0..<n and its value in row n, as R's P;
        // column n + 1 is R's centroid column C.
        let rows = n + 1
        var simplex = [Double](repeating: 0, count: rows * (n + 2))
        var trial = start
        var evaluations = 0
        var status = Status.converged
        var best = 0

        func evaluate(_ point: UnsafeMutableBufferPointer<Double>, bound: Double = .infinity) -> Double {
            evaluations += 1
            for i in 0..<n where !(point[i] >= lower[i] && point[i] <= upper[i]) { return .infinity }
            return objective(UnsafeBufferPointer(point), bound)
        }

        simplex.withUnsafeMutableBufferPointer { p in
            trial.withUnsafeMutableBufferPointer { b in
                let f0 = evaluate(b)
                guard f0.isFinite else {
                    status = .infeasibleStart
                    return
                }
                let convergenceTolerance = options.relativeTolerance * (Swift.abs(f0) + options.relativeTolerance)
                let centroid = (n + 1) * rows
                for i in 0..<n { p[i] = b[i] }
                p[n] = f0
                var step = 0.0
                for i in 0..<n where 0.1 * Swift.abs(b[i]) > step { step = 0.1 * Swift.abs(b[i]) }
                if step == 0 { step = 0.1 }
                var size = 0.0
                for j in 1...n {
                    let column = j * rows
                    for i in 0..<n { p[column + i] = b[i] }
                    // R multiplies the step by 10 until the coordinate actually moves (large |x|).
                    var tryStep = step
                    while p[column + j - 1] == b[j - 1] {
                        p[column + j - 1] = b[j - 1] + tryStep
                        tryStep *= 10
                    }
                    size += tryStep
                }
                var oldSize = size
                var recomputeVertices = true
                var low = 0
                let alpha = options.reflection
                let beta = options.contraction
                let gamma = options.expansion

                repeat {
                    if recomputeVertices {
                        for j in 0...n where j != low {
                            for i in 0..<n { b[i] = p[j * rows + i] }
                            let f = evaluate(b)
                            p[j * rows + n] = f.isFinite ? f : big
                        }
                        recomputeVertices = false
                    }
                    var lowValue = p[low * rows + n]
                    var highValue = lowValue
                    var high = low
                    for j in 0...n where j != low {
                        let f = p[j * rows + n]
                        if f < lowValue {
                            low = j
                            lowValue = f
                        }
                        if f > highValue {
                            high = j
                            highValue = f
                        }
                    }
                    if highValue <= lowValue + convergenceTolerance || lowValue <= options.absoluteTolerance { break }

                    let h = high * rows
                    // R's centroid, each coordinate summed in R's order (−high, then vertices
                    // 0…n): eight coordinates at a time in registers, then one at a time.
                    let base = p.baseAddress!
                    let c = base + centroid, highVertex = base + h
                    var i0 = 0
                    while i0 + 8 <= n {
                        var lo = -UnsafeRawPointer(highVertex + i0).loadUnaligned(as: SIMD4<Double>.self)
                        var hi = -UnsafeRawPointer(highVertex + i0 + 4).loadUnaligned(as: SIMD4<Double>.self)
                        for j in 0...n {
                            let vertex = UnsafeRawPointer(base + j &* rows + i0)
                            lo += vertex.loadUnaligned(as: SIMD4<Double>.self)
                            hi += vertex.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
                        }
                        UnsafeMutableRawPointer(c + i0).storeBytes(of: lo, as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(c + i0 + 4).storeBytes(of: hi, as: SIMD4<Double>.self)
                        i0 += 8
                    }
                    for i in i0..<n {
                        var sum = -highVertex[i]
                        for j in 0...n { sum += base[j &* rows &+ i] }
                        c[i] = sum
                    }
                    for i in 0..<n { c[i] /= Double(n) }
                    for i in 0..<n { b[i] = (1 + alpha) * p[centroid + i] - alpha * p[h + i] }
                    // Only compared with the lowest and highest values: ≥ highValue is all that matters.
                    var f = evaluate(b, bound: highValue)
                    if !f.isFinite { f = big }
                    let reflectedValue = f
                    if reflectedValue < lowValue {
                        p[centroid + n] = f
                        for i in 0..<n {
                            let extended = gamma * b[i] + (1 - gamma) * p[centroid + i]
                            p[centroid + i] = b[i]
                            b[i] = extended
                        }
                        f = evaluate(b, bound: reflectedValue)
                        if !f.isFinite { f = big }
                        if f < reflectedValue {
                            for i in 0..<n { p[h + i] = b[i] }
                            p[h + n] = f
                        } else {
                            for i in 0..<n { p[h + i] = p[centroid + i] }
                            p[h + n] = reflectedValue
                        }
                    } else {
                        if reflectedValue < highValue {
                            for i in 0..<n { p[h + i] = b[i] }
                            p[h + n] = reflectedValue
                        }
                        for i in 0..<n { b[i] = (1 - beta) * p[h + i] + beta * p[centroid + i] }
                        f = evaluate(b, bound: p[h + n])
                        if !f.isFinite { f = big }
                        if f < p[h + n] {
                            for i in 0..<n { p[h + i] = b[i] }
                            p[h + n] = f
                        } else if reflectedValue >= highValue {
                            recomputeVertices = true
                            size = 0
                            let l = low * rows
                            for j in 0...n where j != low {
                                for i in 0..<n {
                                    p[j * rows + i] = beta * (p[j * rows + i] - p[l + i]) + p[l + i]
                                    size += Swift.abs(p[j * rows + i] - p[l + i])
                                }
                            }
                            if size < oldSize {
                                oldSize = size
                            } else {
                                status = .degenerateSimplex
                                break
                            }
                        }
                    }
                } while evaluations <= options.maximumEvaluations
                best = low
            }
        }
        if status == .infeasibleStart {
            return Result(parameters: start, objective: .infinity, evaluations: evaluations, status: status)
        }
        if status == .converged && evaluations > options.maximumEvaluations { status = .maximumEvaluationsReached }
        let parameters = Array(simplex[(best * rows)..<(best * rows + n)])
        return Result(
            parameters: parameters, objective: simplex[best * rows + n], evaluations: evaluations,
            status: status)
    }
}
