import Foundation

/// The ETS state-space recursions of Hyndman et al. (2008), in the error-correction form that R
/// forecast's C code (`etscalc`, `etsforecast`, `etssimulate`) uses.
///
/// With `q = ℓ + φb` (additive trend), `ℓ·b^φ` (multiplicative) or `ℓ` (none), and `s` the season
/// from m periods ago, the one-step forecast is `μ = q + s` or `q·s`; the updates are
///
///     ℓ' = q + α(p − q),  p = y − s or y/s
///     b' = φb + (β/α)(ℓ' − ℓ − φb)          (additive trend; ratio ℓ'/ℓ and b^φ for multiplicative)
///     s' = s + γ(t − s),  t = y − q or y/q
///
/// The season is kept in a ring of m values: `ring[position]` is the season of the next period, and
/// the update overwrites it and advances `position`, so no values move per step.
struct ETSRecursion {
    let error: Int
    let trend: Int
    let season: Int
    let m: Int
    let alpha: Double
    let beta: Double
    let gamma: Double
    let phi: Double
    /// Whether the trend is damped (otherwise φ = 1).
    let damped: Bool

    /// R's C code treats |φ − 1| below this as undamped and guards divisions with it.
    static let tolerance = 1.0e-10
    /// R's stand-in for a division by (nearly) zero.
    static let huge = 1.0e10

    init(specification: ETSSpecification, seasonLength: Int, alpha: Double, beta: Double, gamma: Double, phi: Double) {
        error = specification.error == .additive ? 1 : 2
        trend = specification.trend.code
        season = specification.season.code
        m = specification.season == .none ? 1 : seasonLength
        self.alpha = alpha
        self.beta = trend == 0 ? 0 : beta
        self.gamma = season == 0 ? 0 : gamma
        self.phi = specification.trend.isDamped ? phi : 1
        damped = specification.trend.isDamped
    }

    /// The h-step forecast from level, slope and the season ring; NaN when a multiplicative trend has
    /// a negative slope (R's `NA`).
    @inline(__always)
    func pointForecast(level: Double, slope: Double, seasonal: Double, phiSum: Double) -> Double {
        var f: Double
        switch trend {
        case 0: f = level
        case 1: f = level + phiSum * slope
        default:
            if slope < 0 { return .nan }
            f = level * Foundation.pow(slope, phiSum)
        }
        switch season {
        case 1: f += seasonal
        case 2: f *= seasonal
        default: break
        }
        return f
    }

    /// Updates level, slope and the season at `ring[position]` after observing `y`.
    @inline(__always)
    func update(
        y: Double, level: inout Double, slope: inout Double, ring: UnsafeMutableBufferPointer<Double>,
        position: Int
    ) {
        let oldLevel = level
        let q: Double
        let phiB: Double
        switch trend {
        case 0:
            phiB = 0
            q = oldLevel
        case 1:
            // φ = 1 exactly without damping, and 1·b = b exactly: one multiplication less on the
            // step-to-step dependency chain, the same bits.
            phiB = damped ? phi * slope : slope
            q = oldLevel + phiB
        default:
            phiB = Swift.abs(phi - 1) < Self.tolerance ? slope : Foundation.pow(slope, phi)
            q = oldLevel * phiB
        }
        let oldSeason = season == 0 ? 0 : ring[position]
        let p: Double
        switch season {
        case 0: p = y
        case 1: p = y - oldSeason
        default: p = Swift.abs(oldSeason) < Self.tolerance ? Self.huge : y / oldSeason
        }
        level = q + alpha * (p - q)
        if trend == 1 {
            slope = phiB + (beta / alpha) * ((level - oldLevel) - phiB)
        } else if trend == 2 {
            let r = Swift.abs(oldLevel) < Self.tolerance ? Self.huge : level / oldLevel
            slope = phiB + (beta / alpha) * (r - phiB)
        }
        if season != 0 {
            let t: Double
            if season == 1 {
                t = y - q
            } else {
                t = Swift.abs(q) < Self.tolerance ? Self.huge : y / q
            }
            ring[position] = oldSeason + gamma * (t - oldSeason)
        }
    }

    /// Filters the series from the given initial state and returns R's `lik`,
    /// `n·log(Σε²) + 2·Σlog|μ|` (the last sum for multiplicative errors only), or NaN where R's C code
    /// returns `NA`. On return `level`, `slope` and `ring` hold the final state and `position` the
    /// ring slot of the next period.
    ///
    /// When `residuals` is given, ε[t] is stored there (y − μ, or (y − μ)/μ for multiplicative errors),
    /// and `fitted` receives μ[t]. Once Σε² exceeds `sumOfSquaresLimit` the pass stops and returns
    /// +∞ (the state is then partial). Nothing is allocated.
    func filter(
        y: UnsafeBufferPointer<Double>, level: inout Double, slope: inout Double,
        ring: UnsafeMutableBufferPointer<Double>, position: inout Int,
        residuals: UnsafeMutableBufferPointer<Double>? = nil,
        fitted: UnsafeMutableBufferPointer<Double>? = nil,
        sumOfSquaresLimit: Double = .infinity
    ) -> Double {
        var sumSquares = 0.0
        // Σ log|μ| is kept as a product split into significand and binary exponent (exact
        // renormalisation), so one logarithm per filter replaces one per observation.
        var product = 1.0
        var exponents = 0
        let multiplicative = error == 2
        for i in 0..<y.count {
            let f = pointForecast(level: level, slope: slope, seasonal: season == 0 ? 0 : ring[position], phiSum: phi)
            if f.isNaN { return .nan }
            let e: Double
            if multiplicative {
                e = (y[i] - f) / f
                product *= Swift.abs(f)
                if product.isNormal {
                    exponents += Int(product.exponent)
                    product = product.significand
                }
            } else {
                e = y[i] - f
            }
            residuals?[i] = e
            fitted?[i] = f
            update(y: y[i], level: &level, slope: &slope, ring: ring, position: position)
            if season != 0 {
                position += 1
                if position == m { position = 0 }
            }
            sumSquares += e * e
            if sumSquares > sumOfSquaresLimit { return .infinity }
        }
        var lik = Double(y.count) * Foundation.log(sumSquares)
        if multiplicative {
            // log|μ| of a zero or non-finite forecast poisons the sum, as R's would.
            let sumLogs =
                product.isFinite && product > 0
                ? Foundation.log(product) + Double(exponents) * Foundation.log(2.0)
                : (product == 0 ? -.infinity : .nan)
            lik += 2 * sumLogs
        }
        return lik
    }

    /// Point forecasts 1…h from a state in R's order `[ℓ, b, s₁ … s_m]` (s₁ the latest season), as R's
    /// `etsforecast`; NaN where a multiplicative trend has a negative slope.
    func forecast(state: [Double], horizon: Int) -> [Double] {
        let level = state[0]
        let slope = trend == 0 ? 0 : state[1]
        let seasonStart = trend == 0 ? 1 : 2
        var result = [Double](repeating: 0, count: horizon)
        var phiSum = phi
        for i in 0..<horizon {
            // R's seasonal index counts down from the oldest stored season.
            let seasonal = season == 0 ? 0 : state[seasonStart + m - 1 - (i % m)]
            result[i] = pointForecast(level: level, slope: slope, seasonal: seasonal, phiSum: phiSum)
            if Swift.abs(phi - 1) < Self.tolerance {
                phiSum += 1
            } else {
                phiSum += Foundation.pow(phi, Double(i + 2))
            }
        }
        return result
    }

    /// One simulated future path, as R's `etssimulate`: `y = μ + ε` or `μ(1 + ε)` with the given
    /// innovations, updating the state after each step. Writes NaN from the first undefined step on.
    ///
    /// - Parameters:
    ///   - state: R-ordered final state `[ℓ, b, s₁ … s_m]`.
    ///   - innovations: ε for each step (already truncated at −1 for multiplicative errors).
    ///   - ring: scratch of at least m values.
    ///   - output: receives the path, one value per innovation.
    func simulate(
        state: [Double], innovations: UnsafeBufferPointer<Double>, ring: UnsafeMutableBufferPointer<Double>,
        output: UnsafeMutableBufferPointer<Double>
    ) {
        var level = state[0]
        var slope = trend == 0 ? 0 : state[1]
        let seasonStart = trend == 0 ? 1 : 2
        if season != 0 {
            for i in 0..<m { ring[i] = state[seasonStart + m - 1 - i] }
        }
        var position = 0
        for i in 0..<innovations.count {
            let f = pointForecast(level: level, slope: slope, seasonal: season == 0 ? 0 : ring[position], phiSum: phi)
            if f.isNaN {
                for j in i..<innovations.count { output[j] = .nan }
                return
            }
            let y = error == 1 ? f + innovations[i] : f * (1 + innovations[i])
            output[i] = y
            update(y: y, level: &level, slope: &slope, ring: ring, position: position)
            if season != 0 {
                position += 1
                if position == m { position = 0 }
            }
        }
    }
}
