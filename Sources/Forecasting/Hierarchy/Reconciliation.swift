import LinearAlgebra
import Statistics

/// A hierarchical or grouped collection of series given by its summing matrix S: n series (rows),
/// each the sum of some of the m bottom series (columns), so that coherent values are y = S b.
///
/// Rows are ordered aggregates first and the bottom series last, as hierarchicalforecast orders
/// them: the last m rows of S are the identity. A strict hierarchy (stations → city; districts →
/// city → region) is one where every aggregate's bottom series are split exactly among the
/// aggregates, or bottom series, of the level below; grouped structures (districts × sectors)
/// cross two or more such splits.
public struct Hierarchy: Sendable, Equatable {
    /// The summing matrix, n × m, rows as described above (0 or 1 entries).
    public let summing: Matrix
    /// The series of each level, top first, as row indices of ``summing``; the last level is the
    /// bottom series.
    public let levels: [[Int]]

    /// The number of series, n.
    public var count: Int { summing.rows }
    /// The number of bottom series, m.
    public var bottomCount: Int { summing.columns }

    /// A structure from its summing matrix and its levels.
    ///
    /// - Parameters:
    ///   - summing: n × m with entries 0 or 1, every row non-zero, its last m rows the identity.
    ///   - levels: the row indices of each level, top first, together covering 0..<n once each, the
    ///     last level the bottom rows.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` naming the first rule broken.
    public init(summing: Matrix, levels: [[Int]]) throws(ForecastingError) {
        let n = summing.rows, m = summing.columns
        guard m >= 1, n > m else {
            throw .invalidSpecification("a hierarchy needs at least one aggregate above its \(m) bottom series")
        }
        for i in 0..<n {
            let row = summing.row(i)
            guard row.allSatisfy({ $0 == 0 || $0 == 1 }), row.contains(1) else {
                throw .invalidSpecification("row \(i) of the summing matrix must be 0s and 1s with at least one 1")
            }
            if i >= n - m, row != (0..<m).map({ $0 == i - (n - m) ? 1 : 0 }) {
                throw .invalidSpecification("the last \(m) rows of the summing matrix must be the identity (the bottom series)")
            }
        }
        guard levels.flatMap({ $0 }).sorted() == Array(0..<n), levels.last?.sorted() == Array((n - m)..<n) else {
            throw .invalidSpecification("the levels must cover every series once, the bottom series last")
        }
        self.summing = summing
        self.levels = levels
    }

    /// Whether every series but the top has one parent one level up whose bottom series contain
    /// its own, and the series of each level split their parents' bottom series exactly.
    public var isStrict: Bool { (try? parents()) != nil }

    /// The parent of every series below the top level (nil for the top level).
    ///
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` when the structure is not a strict
    ///   hierarchy.
    func parents() throws(ForecastingError) -> [Int?] {
        var parent = [Int?](repeating: nil, count: count)
        let leaves = (0..<count).map { i in Set(summing.row(i).enumerated().filter { $0.element == 1 }.map(\.offset)) }
        for (depth, level) in levels.enumerated() where depth > 0 {
            var covered = [Int: Set<Int>]()
            for child in level {
                let candidates = levels[depth - 1].filter { leaves[child].isSubset(of: leaves[$0]) }
                guard candidates.count == 1, let found = candidates.first else {
                    throw .invalidSpecification("series \(child) has no single parent one level up; the structure is not a strict hierarchy")
                }
                parent[child] = found
                guard covered[found, default: []].isDisjoint(with: leaves[child]) else {
                    throw .invalidSpecification("the children of series \(found) overlap; the structure is not a strict hierarchy")
                }
                covered[found, default: []].formUnion(leaves[child])
            }
            for above in levels[depth - 1] where covered[above, default: []] != leaves[above] {
                throw .invalidSpecification("the children of series \(above) do not add up to it; the structure is not a strict hierarchy")
            }
        }
        return parent
    }
}

/// Forecast reconciliation: base forecasts ŷ of every series of a ``Hierarchy`` made coherent,
/// ỹ = S P ŷ, so aggregates equal the sums of their parts. The methods and their conventions are
/// hierarchicalforecast's (Wickramasuriya, Athanasopoulos & Hyndman 2019 for MinT):
///
/// - ``Method/bottomUp``: P = [0 | I], the bottom forecasts summed.
/// - ``Method/topDownForecastProportions``: strict hierarchies only; the top forecast is kept and
///   each series' reconciled value is split among its children in the proportions of their base
///   forecasts, level by level (equally when the children's base forecasts sum to less than 1e-8
///   in absolute value).
/// - The MinT family, P = (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹, with W: ``Method/ols`` the identity;
///   ``Method/wlsStructural`` diag(S 1), the number of bottom series in each; ``Method/wlsVariance``
///   diag of the in-sample residuals' mean squares (Σₜ eᵢₜ² / T) + 2·10⁻⁸; ``Method/mintCovariance``
///   the sample covariance of the residuals (divisor T − 1); ``Method/mintShrink`` that covariance
///   with its off-diagonal shrunk towards zero by the Schäfer–Strimmer intensity λ̂ (computed on
///   the residuals standardised by their population standard deviations + 2·10⁻⁸, as
///   hierarchicalforecast computes it) and its diagonal at least `ridge` (2·10⁻⁸).
///
/// Residuals are in-sample one-step errors y − ŷ of each series' base model (n rows, one column
/// per period; missing values are not accepted).
public enum Reconciliation {
    /// A reconciliation method.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Bottom-up.
        case bottomUp = "bottom-up"
        /// Top-down by forecast proportions.
        case topDownForecastProportions = "top-down"
        /// MinT with W = I.
        case ols
        /// MinT with W = diag(S 1).
        case wlsStructural = "wls-struct"
        /// MinT with W = diag of the residual mean squares.
        case wlsVariance = "wls-var"
        /// MinT with the Schäfer–Strimmer shrunk residual covariance.
        case mintShrink = "mint-shrink"
        /// MinT with the sample residual covariance.
        case mintCovariance = "mint-cov"

        /// Whether the method needs in-sample residuals.
        public var needsResiduals: Bool { [.wlsVariance, .mintShrink, .mintCovariance].contains(self) }
    }

    /// Reconciles base forecasts.
    ///
    /// - Parameters:
    ///   - forecasts: n rows (one per series of `hierarchy`, in its order), each of h steps.
    ///   - hierarchy: the structure.
    ///   - method: the method.
    ///   - residuals: n rows of in-sample residuals of equal length T ≥ 2, for the methods that
    ///     need them (``Method/needsResiduals``).
    ///   - ridge: the least diagonal of the shrunk covariance (hierarchicalforecast's
    ///     `mint_shr_ridge`).
    /// - Returns: n rows of h coherent forecasts.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` for mismatched shapes, missing or
    ///   non-finite values, missing residuals, or top-down on a structure that is not a strict
    ///   hierarchy; ``ForecastingError/numerical(_:)`` when W or Sᵀ W⁻¹ S is not positive definite
    ///   (e.g. the sample covariance of fewer periods than series).
    /// - Complexity: O(n³ + n² T) for the MinT family (W's covariance and factorisation), O(n h)
    ///   for bottom-up and top-down.
    public static func reconcile(_ forecasts: [[Double]], hierarchy: Hierarchy, method: Method,
                                 residuals: [[Double]]? = nil, ridge: Double = 2e-8) throws(ForecastingError) -> [[Double]] {
        let n = hierarchy.count, m = hierarchy.bottomCount
        guard forecasts.count == n, let h = forecasts.first?.count, h >= 1, forecasts.allSatisfy({ $0.count == h }) else {
            throw .invalidSpecification("reconciliation needs one forecast row per series (\(n)), all of the same horizon")
        }
        guard forecasts.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw .invalidSpecification("reconciliation needs finite base forecasts")
        }
        let S = hierarchy.summing
        switch method {
        case .bottomUp:
            return (0..<n).map { i in (0..<h).map { t in (0..<m).reduce(0.0) { $0 + S[i, $1] * forecasts[n - m + $1][t] } } }
        case .topDownForecastProportions:
            let parent = try hierarchy.parents()
            var children = [Int: [Int]]()
            for (child, p) in parent.enumerated() { if let p { children[p, default: []].append(child) } }
            var reconciled = forecasts
            for level in hierarchy.levels.dropLast() {
                for node in level {
                    guard let kids = children[node] else { continue }
                    for t in 0..<h {
                        let sum = kids.reduce(0.0) { $0 + forecasts[$1][t] }
                        for kid in kids {
                            reconciled[kid][t] = abs(sum) < 1e-8
                                ? reconciled[node][t] / Double(kids.count) : forecasts[kid][t] * reconciled[node][t] / sum
                        }
                    }
                }
            }
            return reconciled
        case .ols, .wlsStructural, .wlsVariance, .mintShrink, .mintCovariance:
            let (P, _) = try projection(method, hierarchy: hierarchy, residuals: residuals, ridge: ridge)
            let reconciled = S.multiplied(by: P.multiplied(by: Matrix(rowMajor: forecasts)))
            return (0..<n).map { reconciled.row($0) }
        }
    }

    /// P (m × n, ỹ = S P ŷ) and W (n × n) of bottom-up (W = I) and of the MinT family.
    static func projection(_ method: Method, hierarchy: Hierarchy, residuals: [[Double]]?, ridge: Double) throws(ForecastingError)
        -> (P: Matrix, W: Matrix) {
        let n = hierarchy.count, m = hierarchy.bottomCount, S = hierarchy.summing
        switch method {
        case .bottomUp:
            var P = Matrix(rows: m, columns: n)
            for j in 0..<m { P[j, n - m + j] = 1 }
            return (P, Matrix.identity(n))
        case .topDownForecastProportions:
            throw .invalidSpecification("top-down by forecast proportions has no fixed projection, so no normal intervals; "
                + "use bottom-up or a MinT method for intervals")
        case .ols, .wlsStructural, .wlsVariance, .mintShrink, .mintCovariance:
            let W = try weights(method, hierarchy: hierarchy, residuals: residuals, ridge: ridge)
            do {
                // P = (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹.
                let wInverseS = try CholeskyFactorization(W).solve(S)
                let normal = S.multiplied(by: wInverseS, transposeSelf: true)
                return (try CholeskyFactorization(normal).solve(wInverseS.transposed), W)
            } catch {
                throw .numerical("reconciliation (\(method.rawValue)): \(error); W or Sᵀ W⁻¹ S is not positive definite — "
                    + "for mint-cov, use more periods than series or mint-shrink")
            }
        }
    }

    /// Reconciled forecasts with normal prediction intervals (Panagiotelis et al. 2023;
    /// hierarchicalforecast's `intervals_method="normality"`): with the base forecasts' standard
    /// deviations σₜ at step t and R the correlation matrix of the method's W (the identity for
    /// bottom-up, OLS and WLS), the reconciled covariance is S P (R ∘ σₜσₜᵀ) Pᵀ Sᵀ; each series'
    /// bounds at level L are ỹ ∓ z σ̃, z = Φ⁻¹(0.5 + L/200), σ̃ the square root of its diagonal
    /// (negative rounding clamped to 0).
    ///
    /// - Parameters:
    ///   - forecasts: n rows of h base forecasts.
    ///   - sigmas: n rows of h base forecast standard deviations (≥ 0), e.g. estimated from base
    ///     intervals as (upper − lower) / (2z) averaged over levels.
    ///   - hierarchy: the structure.
    ///   - method: any method but top-down.
    ///   - residuals: as ``reconcile(_:hierarchy:method:residuals:ridge:)``.
    ///   - levels: interval levels in percent, each in (0, 100).
    ///   - ridge: as ``reconcile(_:hierarchy:method:residuals:ridge:)``.
    /// - Returns: one reconciled forecast per series, in the hierarchy's order.
    /// - Throws: as ``reconcile(_:hierarchy:method:residuals:ridge:)``; for top-down, for sigmas
    ///   of the wrong shape or not finite and ≥ 0, or a level outside (0, 100).
    /// - Complexity: that of ``reconcile(_:hierarchy:method:residuals:ridge:)`` plus O(h n² m).
    public static func reconcileWithIntervals(
        _ forecasts: [[Double]], sigmas: [[Double]], hierarchy: Hierarchy, method: Method, residuals: [[Double]]? = nil,
        levels: [Double], ridge: Double = 2e-8
    ) throws(ForecastingError) -> [ReconciledForecast] {
        let n = hierarchy.count
        let mean = try reconcile(forecasts, hierarchy: hierarchy, method: method, residuals: residuals, ridge: ridge)
        let h = mean.first?.count ?? 0
        guard sigmas.count == n, sigmas.allSatisfy({ $0.count == h && $0.allSatisfy { $0.isFinite && $0 >= 0 } }) else {
            throw .invalidSpecification("reconciled intervals need a finite standard deviation ≥ 0 for every forecast")
        }
        for level in levels where !(level > 0 && level < 100) {
            throw .invalidSpecification("interval level \(level) is outside (0, 100)")
        }
        let (P, W) = try projection(method, hierarchy: hierarchy, residuals: residuals, ridge: ridge)
        let SP = hierarchy.summing.multiplied(by: P)
        var sigma = [[Double]](repeating: [Double](repeating: 0, count: h), count: n)
        for t in 0..<h {
            var covariance = Matrix(rows: n, columns: n)
            for i in 0..<n {
                for j in 0..<n {
                    let correlation = i == j ? 1 : W[i, j] / (W[i, i] * W[j, j]).squareRoot()
                    covariance[i, j] = correlation * sigmas[i][t] * sigmas[j][t]
                }
            }
            let reconciled = SP.multiplied(by: covariance).multiplied(by: SP, transposeOther: true)
            for i in 0..<n { sigma[i][t] = Swift.max(reconciled[i, i], 0).squareRoot() }
        }
        let z = levels.map { Normal.standard.quantile(0.5 + $0 / 200) }
        return (0..<n).map { i in
            ReconciledForecast(
                forecast: Forecast(mean: mean[i], levels: levels,
                                   lower: z.map { z in (0..<h).map { mean[i][$0] - z * sigma[i][$0] } },
                                   upper: z.map { z in (0..<h).map { mean[i][$0] + z * sigma[i][$0] } }),
                standardDeviation: sigma[i])
        }
    }

    /// The W of a MinT method (n × n).
    static func weights(_ method: Method, hierarchy: Hierarchy, residuals: [[Double]]?, ridge: Double) throws(ForecastingError)
        -> Matrix {
        let n = hierarchy.count
        switch method {
        case .ols:
            return Matrix.identity(n)
        case .wlsStructural:
            var W = Matrix(rows: n, columns: n)
            for i in 0..<n { W[i, i] = hierarchy.summing.row(i).reduce(0, +) }
            return W
        default:
            guard let residuals, residuals.count == n, let T = residuals.first?.count, T >= 2,
                  residuals.allSatisfy({ $0.count == T }) else {
                throw .invalidSpecification("\(method.rawValue) needs in-sample residuals of every series, of one length of at least 2")
            }
            guard residuals.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
                throw .invalidSpecification("\(method.rawValue) needs finite in-sample residuals (no missing values)")
            }
            var W = Matrix(rows: n, columns: n)
            if method == .wlsVariance {
                for i in 0..<n { W[i, i] = residuals[i].reduce(0) { $0 + $1 * $1 } / Double(T) + 2e-8 }
                return W
            }
            let means = residuals.map { $0.reduce(0, +) / Double(T) }
            let centred = (0..<n).map { i in residuals[i].map { $0 - means[i] } }
            let eps = 2e-8
            let inverseScale = centred.map { row in 1 / ((row.reduce(0) { $0 + $1 * $1 } / Double(T)).squareRoot() + eps) }
            var varianceSum = 0.0, squareSum = 0.0
            for i in 0..<n {
                for j in 0...i {
                    var cov = 0.0, covSquares = 0.0
                    for t in 0..<T {
                        let product = centred[i][t] * centred[j][t]
                        cov += product
                        if i != j { covSquares += product * product }
                    }
                    W[i, j] = cov / Double(T - 1)
                    W[j, i] = W[i, j]
                    if method == .mintShrink, i != j {
                        let meanProduct = cov / Double(T)
                        let s = inverseScale[i] * inverseScale[j]
                        varianceSum += s * s * (covSquares - Double(T) * meanProduct * meanProduct)
                        squareSum += (s * meanProduct) * (s * meanProduct)
                    }
                }
            }
            guard method == .mintShrink else { return W }
            let intensity = Swift.min(Swift.max(varianceSum / (Double(T) * Double(T - 1)) / (squareSum + eps), 0), 1)
            for i in 0..<n {
                for j in 0..<i {
                    W[i, j] *= 1 - intensity
                    W[j, i] = W[i, j]
                }
                W[i, i] = Swift.max(W[i, i], ridge)
            }
            return W
        }
    }
}

/// One series' reconciled forecast with normal intervals
/// (``Reconciliation/reconcileWithIntervals(_:sigmas:hierarchy:method:residuals:levels:ridge:)``).
public struct ReconciledForecast: Sendable, Equatable {
    /// The reconciled point forecasts and their intervals at the levels asked for.
    public let forecast: Forecast
    /// The reconciled forecast's standard deviation at each step, σ̃ (the intervals are ỹ ∓ z σ̃).
    public let standardDeviation: [Double]
}
