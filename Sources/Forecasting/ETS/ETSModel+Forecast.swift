import Foundation
import Statistics

extension ETSModel {
    /// How the prediction intervals of a form are computed, following R's `forecast.ets`.
    public enum IntervalMethod: String, Sendable, Hashable {
        /// Class 1 (additive error, trend N/A/Ad, season N/A): exact Gaussian variance
        /// `σ²(1 + Σ_{j<h} c_j²)` with `c_j = H Fʲ G` (Hyndman et al. 2008, ch. 6).
        case class1
        /// Class 2 (multiplicative error, trend N/A/Ad, season N/A): the exact variance
        /// `(1 + σ²)θ_h − μ_h²` with `θ_h = μ_h² + σ² Σ c_j² θ_{h−j}`.
        case class2
        /// Class 3 (multiplicative error and season, trend N/A/Ad): R's approximate variance by the
        /// Kronecker-product recursion of Hyndman et al. (2008), ch. 6.
        case class3
        /// Multiplicative trend: quantiles (R's type 8) of seeded simulated sample paths.
        case simulation
    }

    /// The interval method R's `forecast.ets` uses for this form.
    public var intervalMethod: IntervalMethod {
        let trendCode = specification.trend.code
        if specification.error == .additive && trendCode < 2 && specification.season != .multiplicative {
            return .class1
        }
        if specification.error == .multiplicative && trendCode < 2 && specification.season != .multiplicative {
            return .class2
        }
        if specification.error == .multiplicative && specification.season == .multiplicative && trendCode < 2 {
            return .class3
        }
        return .simulation
    }

    /// Point forecasts and Gaussian (or simulated) prediction intervals, as R's `forecast.ets`.
    ///
    /// Multiplicative-trend models draw their simulated intervals from a generator seeded with
    /// ``ETSOptions/simulationSeed``, so repeated calls agree.
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, ≥ 1.
    ///   - levels: interval levels in percent, each in (0, 100).
    /// - Returns: means `μ_h` and, per level, `μ_h ± z·√v_h` (or simulated quantiles).
    /// - Throws: `ForecastingError.invalidSpecification` for a horizon < 1 or a level outside
    ///   (0, 100); `.numerical` when a multiplicative trend's slope is negative (no point forecast)
    ///   or no simulated path stays defined.
    /// - Complexity: O(h·p²) for classes 1–2 (p states), O(h·(m·k)³) for class 3, O(paths·h) by simulation.
    public func forecast(horizon: Int, levels: [Double]) throws(ForecastingError) -> Forecast {
        var generator = SeededGenerator(seed: options.simulationSeed)
        return try forecast(horizon: horizon, levels: levels, generator: &generator)
    }

    /// Point forecasts and prediction intervals, with simulated intervals drawn from `generator`.
    ///
    /// The simulation (multiplicative trends only) follows R's `simulate.ets`: ``ETSOptions/simulationPaths``
    /// paths from the final state with innovations ε ~ N(0, σ²) (truncated at −1 for multiplicative
    /// errors), and R's type-8 quantiles per step; the point forecast stays the analytic one.
    ///
    /// - Parameters:
    ///   - horizon: steps ahead, ≥ 1.
    ///   - levels: interval levels in percent, each in (0, 100).
    ///   - generator: the random source for simulated intervals; advanced only when simulating.
    /// - Returns: the forecast.
    /// - Throws: as ``forecast(horizon:levels:)``.
    /// - Complexity: as ``forecast(horizon:levels:)``.
    public func forecast(horizon: Int, levels: [Double], generator: inout SeededGenerator) throws(ForecastingError)
        -> Forecast
    {
        guard horizon >= 1 else {
            throw .invalidSpecification("The forecast horizon must be at least 1, got \(horizon)")
        }
        if let bad = levels.first(where: { !($0 > 0 && $0 < 100) }) {
            throw .invalidSpecification("Interval levels are percentages strictly between 0 and 100, got \(bad)")
        }
        let sortedLevels = levels.sorted()
        var mean = recursion.forecast(state: finalStates, horizon: horizon)
        if mean.contains(where: { $0.isNaN }) {
            throw .numerical(
                "\(specification.name): the multiplicative trend's slope turned negative, so forecasts are undefined")
        }
        var lower: [[Double]] = []
        var upper: [[Double]] = []
        switch intervalMethod {
        case .class1, .class2, .class3:
            let variance: [Double]
            switch intervalMethod {
            case .class1: variance = class1(horizon: horizon).variance
            case .class2: variance = class2(horizon: horizon, mean: mean)
            default:
                // R reports class 3's own mean, E[y], which carries a σ² seasonal correction.
                (mean, variance) = class3(horizon: horizon)
            }
            for level in sortedLevels {
                let z = Swift.abs(Normal.standard.quantile((100 - level) / 200))
                lower.append((0..<horizon).map { mean[$0] - z * variance[$0].squareRoot() })
                upper.append((0..<horizon).map { mean[$0] + z * variance[$0].squareRoot() })
            }
        case .simulation:
            (lower, upper) = simulatedIntervals(horizon: horizon, levels: sortedLevels, generator: &generator)
            if (lower + upper).contains(where: { row in row.contains { $0.isNaN } }) {
                throw .numerical(
                    "\(specification.name): every simulated path turned its multiplicative slope negative, "
                        + "so the intervals are undefined; use an additive or damped-additive trend")
            }
        }
        return Forecast(mean: mean, levels: sortedLevels, lower: lower, upper: upper)
    }

    /// R's `class1`: forecast variance for linear homoscedastic forms, and the `c_j` it uses.
    func class1(horizon h: Int) -> (variance: [Double], c: [Double]) {
        let p = finalStates.count
        let hasTrend = specification.trend != .none
        let hasSeason = specification.season == .additive
        let m = seasonLength
        let damping = phi ?? 1
        // Row-major p×p transition F, row vector H, column G, as R builds them.
        var f = [Double](repeating: 0, count: p * p)
        var hRow = [Double](repeating: 0, count: p)
        var g = [Double](repeating: 0, count: p)
        hRow[0] = 1
        f[0] = 1
        g[0] = alpha
        if hasTrend {
            hRow[1] = damping
            f[1] = damping
            f[p + 1] = damping
            g[1] = beta ?? 0
        }
        if hasSeason {
            hRow[p - 1] = 1
            f[(p - m) * p + (p - 1)] = 1
            for i in 0..<(m - 1) { f[(p - m + 1 + i) * p + (p - m + i)] = 1 }
            // R 8.20 writes γ into row 3 of G whatever the trend (G[3, 1] <- gamma); kept for parity.
            g[2] = gamma ?? 0
        }
        // hF holds H·Fʲ; c_j = H Fʲ G.
        var hF = hRow
        var c = [Double](repeating: 0, count: Swift.max(h - 1, 0))
        for j in 0..<(h - 1) {
            var cj = 0.0
            for i in 0..<p { cj += hF[i] * g[i] }
            c[j] = cj
            var next = [Double](repeating: 0, count: p)
            for i in 0..<p where hF[i] != 0 {
                for k in 0..<p { next[k] += hF[i] * f[i * p + k] }
            }
            hF = next
        }
        var variance = [Double](repeating: sigma2, count: h)
        var cumulative = 0.0
        for j in 1..<Swift.max(h, 1) {
            cumulative += c[j - 1] * c[j - 1]
            variance[j] = sigma2 * (1 + cumulative)
        }
        return (variance, c)
    }

    /// R's `class2`: `(1 + σ²)θ_h − μ_h²` with θ from the class-1 `c_j`.
    func class2(horizon h: Int, mean: [Double]) -> [Double] {
        let c = class1(horizon: h).c
        var theta = [Double](repeating: 0, count: h)
        theta[0] = mean[0] * mean[0]
        if h > 1 {
            for j in 1..<h {
                var total = 0.0
                for i in 0..<j { total += c[i] * c[i] * theta[j - 1 - i] }
                theta[j] = mean[j] * mean[j] + sigma2 * total
            }
        }
        return (0..<h).map { (1 + sigma2) * theta[$0] - mean[$0] * mean[$0] }
    }

    /// R's `class3`: the Kronecker-product mean and variance recursion for multiplicative error and
    /// season. As in R 8.20, the mean uses `H₁ = [1, 1]` and `F₁ = [[1, 1], [0, φ]]`, so a damped
    /// trend enters the first step undamped; kept for parity with R.
    func class3(horizon h: Int) -> (mean: [Double], variance: [Double]) {
        let m = seasonLength
        let k = specification.trend == .none ? 1 : 2
        let damping = phi ?? 1
        let s2 = sigma2
        let f1: SmallMatrix
        let g1: SmallMatrix
        if k == 1 {
            f1 = SmallMatrix(rows: 1, columns: 1, values: [1])
            g1 = SmallMatrix(rows: 1, columns: 1, values: [alpha])
        } else {
            f1 = SmallMatrix(rows: 2, columns: 2, values: [1, 1, 0, damping])
            let b = beta ?? 0
            g1 = SmallMatrix(rows: 2, columns: 2, values: [alpha, alpha, b, b])
        }
        var f2 = SmallMatrix(rows: m, columns: m)
        f2[0, m - 1] = 1
        for i in 1..<m { f2[i, i - 1] = 1 }
        var g2 = SmallMatrix(rows: m, columns: m)
        g2[0, m - 1] = gamma ?? 0
        let h1 = SmallMatrix(rows: 1, columns: k, values: [Double](repeating: 1, count: k))
        var h2 = SmallMatrix(rows: 1, columns: m)
        h2[0, m - 1] = 1
        var mh = SmallMatrix(rows: k, columns: m)
        for i in 0..<k { for j in 0..<m { mh[i, j] = finalStates[i] * finalStates[k + j] } }
        let size = k * m
        var vh = SmallMatrix(rows: size, columns: size)
        let h21 = h2.kronecker(h1)
        let f21 = f2.kronecker(f1)
        let g21 = g2.kronecker(g1)
        let kMatrix = g2.kronecker(f1) + f2.kronecker(g1)
        let f21t = f21.transposed
        let g21t = g21.transposed
        let kt = kMatrix.transposed
        let f2t = f2.transposed
        let g2t = g2.transposed
        var variance = [Double](repeating: 0, count: h)
        var mean = [Double](repeating: 0, count: h)
        for i in 0..<h {
            let mu = (h1 * mh * h2.transposed)[0, 0]
            mean[i] = mu
            variance[i] = (1 + s2) * (h21 * vh * h21.transposed)[0, 0] + s2 * mu * mu
            let v = mh.columnMajorVector
            let outer = v * v.transposed
            let term1 = f21 * vh * f21t
            let inner =
                f21 * vh * g21t + g21 * vh * f21t + kMatrix * (vh + outer) * kt
                + (g21 * (vh.scaled(3) + outer.scaled(2)) * g21t).scaled(s2)
            vh = term1 + inner.scaled(s2)
            mh = f1 * mh * f2t + (g1 * mh * g2t).scaled(s2)
        }
        return (mean, variance)
    }

    /// Simulated quantile intervals as R's `pegelsfcast.C`.
    func simulatedIntervals(horizon h: Int, levels: [Double], generator: inout SeededGenerator) -> (
        [[Double]], [[Double]]
    ) {
        let paths = Swift.max(options.simulationPaths, 2)
        let sd = sigma2.squareRoot()
        let recursion = self.recursion
        let multiplicativeError = specification.error == .multiplicative
        // Column-major by step: samples[step * paths + path], so each step's draws are contiguous.
        var samples = [Double](repeating: 0, count: paths * h)
        var innovations = [Double](repeating: 0, count: h)
        var path = [Double](repeating: 0, count: h)
        var ring = [Double](repeating: 0, count: Swift.max(seasonLength, 1))
        for p in 0..<paths {
            for j in 0..<h {
                let e = sd * generator.nextNormal()
                innovations[j] = multiplicativeError ? Swift.max(-1, e) : e
            }
            innovations.withUnsafeBufferPointer { e in
                ring.withUnsafeMutableBufferPointer { r in
                    path.withUnsafeMutableBufferPointer { out in
                        recursion.simulate(state: finalStates, innovations: e, ring: r, output: out)
                    }
                }
            }
            for j in 0..<h { samples[j * paths + p] = path[j] }
        }
        var lower = [[Double]](repeating: [Double](repeating: 0, count: h), count: levels.count)
        var upper = lower
        for j in 0..<h {
            var column = samples[(j * paths)..<((j + 1) * paths)].filter { !$0.isNaN }
            column.sort()
            for (index, level) in levels.enumerated() {
                lower[index][j] = Self.quantileType8(column, 0.5 - level / 200)
                upper[index][j] = Self.quantileType8(column, 0.5 + level / 200)
            }
        }
        return (lower, upper)
    }

    /// R's `quantile(type = 8)` (median-unbiased) of sorted values; NaN for an empty sample.
    static func quantileType8(_ sorted: [Double], _ probability: Double) -> Double {
        let n = sorted.count
        guard n > 0 else { return .nan }
        let fuzz = 4 * Double.ulpOfOne
        let a = 1.0 / 3.0
        let position = a + probability * (Double(n) + 1 - 2 * a)
        let j = Int((position + fuzz).rounded(.down))
        var fraction = position - Double(j)
        if Swift.abs(fraction) < fuzz { fraction = 0 }
        func value(_ i: Int) -> Double { sorted[Swift.min(Swift.max(i, 1), n) - 1] }
        if fraction == 0 { return value(j) }
        return (1 - fraction) * value(j) + fraction * value(j + 1)
    }
}

/// A small dense row-major matrix for the class-3 variance recursion (at most 48×48).
struct SmallMatrix {
    let rows: Int
    let columns: Int
    var values: [Double]

    init(rows: Int, columns: Int, values: [Double]? = nil) {
        self.rows = rows
        self.columns = columns
        self.values = values ?? [Double](repeating: 0, count: rows * columns)
    }

    subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    var transposed: SmallMatrix {
        var result = SmallMatrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { result[j, i] = self[i, j] } }
        return result
    }

    /// `vec(M)` as a column: columns stacked, as R's `c(M)`.
    var columnMajorVector: SmallMatrix {
        var result = SmallMatrix(rows: rows * columns, columns: 1)
        for j in 0..<columns { for i in 0..<rows { result.values[j * rows + i] = self[i, j] } }
        return result
    }

    func kronecker(_ other: SmallMatrix) -> SmallMatrix {
        var result = SmallMatrix(rows: rows * other.rows, columns: columns * other.columns)
        for i in 0..<rows {
            for j in 0..<columns where self[i, j] != 0 {
                for k in 0..<other.rows {
                    for l in 0..<other.columns {
                        result[i * other.rows + k, j * other.columns + l] = self[i, j] * other[k, l]
                    }
                }
            }
        }
        return result
    }

    func scaled(_ factor: Double) -> SmallMatrix {
        SmallMatrix(rows: rows, columns: columns, values: values.map { $0 * factor })
    }

    static func + (lhs: SmallMatrix, rhs: SmallMatrix) -> SmallMatrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "SmallMatrix sum needs equal shapes")
        return SmallMatrix(rows: lhs.rows, columns: lhs.columns, values: zip(lhs.values, rhs.values).map { $0 + $1 })
    }

    static func * (lhs: SmallMatrix, rhs: SmallMatrix) -> SmallMatrix {
        precondition(lhs.columns == rhs.rows, "SmallMatrix product needs matching inner dimensions")
        var result = SmallMatrix(rows: lhs.rows, columns: rhs.columns)
        for i in 0..<lhs.rows {
            for k in 0..<lhs.columns {
                let a = lhs[i, k]
                if a == 0 { continue }
                for j in 0..<rhs.columns { result.values[i * rhs.columns + j] += a * rhs[k, j] }
            }
        }
        return result
    }
}
