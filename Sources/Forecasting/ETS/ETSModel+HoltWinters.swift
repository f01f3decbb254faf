import Foundation
import Statistics

extension ETSModel {
    /// How the model's parameters were estimated.
    public enum Estimation: String, Sendable, Hashable {
        /// Maximum likelihood over smoothing parameters and initial states (R's `etsmodel`).
        case maximumLikelihood
        /// R's short-series fallback (`HoltWintersZZ`): simple starting states, smoothing parameters
        /// in [0, 1] by least squares on one-step errors, no likelihood or information criteria.
        /// R uses it when n ≤ 4 + its rough parameter count; the form may differ from the one asked for.
        case holtWintersLeastSquares
    }

    /// R's `ets` when the series is too short for maximum likelihood (n ≤ npars + 4): Holt–Winters
    /// fits tried in R's order — seasonal (with trend), then trend, then level only — and, if none
    /// of those applies, the better of trend and level-only by σ².
    static func shortSeriesFit(
        _ y: [Double], seasonLength m: Int, trend: ETSTrendType?, season: ETSSeasonType?,
        options: ETSOptions, label: String
    ) throws(ForecastingError) -> ETSModel {
        let exponential = trend?.code == 2
        if let season, season != .none {
            if let model = try? holtWinters(
                y, seasonLength: m, trend: true, exponential: exponential, season: season,
                options: options)
            {
                return model
            }
        }
        if let trend, trend != .none {
            if let model = try? holtWinters(
                y, seasonLength: m, trend: true, exponential: exponential, season: .none,
                options: options)
            {
                return model
            }
        }
        if trend == ETSTrendType.none && season == ETSSeasonType.none {
            if let model = try? holtWinters(
                y, seasonLength: m, trend: false, exponential: false, season: .none,
                options: options)
            {
                return model
            }
        }
        let withTrend = try? holtWinters(
            y, seasonLength: m, trend: true, exponential: exponential, season: .none,
            options: options)
        let levelOnly = try? holtWinters(
            y, seasonLength: m, trend: false, exponential: exponential, season: .none,
            options: options)
        switch (withTrend, levelOnly) {
        case (let a?, let b?): return a.sigma2 < b.sigma2 ? a : b
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (nil, nil): throw .tooShort(model: label, count: y.count, minimum: 1)
        }
    }

    /// R's `HoltWintersZZ` with α, β, γ estimated (or α fixed, as R's `ses(initial = "simple")`) and φ = 1.
    ///
    /// Starting states: ℓ = y₁ and b = y₂ − y₁ (or y₂/y₁) without a season; with one, ℓ = mean of
    /// the first cycle, b = (mean of the second cycle − ℓ)/m and s = first cycle − ℓ (or ÷ ℓ). The
    /// smoothing parameters minimise the sum of squared one-step errors on [0, 1] from R's starting
    /// values (R uses L-BFGS-B, we a projected quasi-Newton method of the same kind, so parameters
    /// agree to the optimisers' tolerances, not to the last digit).
    static func holtWinters(
        _ y: [Double], seasonLength: Int, trend: Bool, exponential: Bool, season: ETSSeasonType,
        options: ETSOptions, fixedAlpha: Double? = nil
    ) throws(ForecastingError) -> ETSModel {
        let n = y.count
        let m = Swift.max(seasonLength, 1)
        let seasonal = season != .none && m > 1
        let label = "Holt-Winters"
        if seasonal && season == .multiplicative && y.contains(where: { $0 <= 0 }) {
            throw .nonPositiveData(model: label)
        }
        var kernel = HoltWintersKernel(
            m: seasonal ? m : 1, trend: trend, exponential: exponential,
            additiveSeason: !seasonal || season == .additive, seasonal: seasonal)
        if seasonal {
            guard n >= 2 * m else { throw .tooShort(model: label, count: n, minimum: 2 * m) }
            let first = y[0..<m].reduce(0, +) / Double(m)
            let second = y[m..<(2 * m)].reduce(0, +) / Double(m)
            kernel.level0 = first
            kernel.slope0 = (second - first) / Double(m)
            kernel.seasons0 = (0..<m).map { season == .additive ? y[$0] - first : y[$0] / first }
        } else {
            guard n >= (trend ? 2 : 1) else { throw .tooShort(model: label, count: n, minimum: trend ? 2 : 1) }
            kernel.level0 = y[0]
            kernel.slope0 = trend ? (exponential ? y[1] / y[0] : y[1] - y[0]) : 0
            kernel.seasons0 = [1]
        }
        // R's initparam with lower 0, upper 1 and the series' own frequency, even without a season.
        let spec = ETSSpecification(
            error: .additive, trend: trend ? .additive : .none,
            season: seasonal ? .additive : .none)
        let start = ETSInitialization.parameters(
            specification: spec, seasonLength: m, bounds: .usual,
            lower: ETSOptions.Limits(alpha: 0, beta: 0, gamma: 0, phi: 0),
            upper: ETSOptions.Limits(alpha: 1, beta: 1, gamma: 1, phi: 1))
        let k = start.count
        var ring = [Double](repeating: 0, count: kernel.m)
        let result: (parameters: [Double], evaluations: Int, status: NelderMead.Status)
        if let fixedAlpha {
            result = ([fixedAlpha], 0, .converged)
        } else {
            let search = y.withUnsafeBufferPointer { series in
                ring.withUnsafeMutableBufferPointer { r in
                    ProjectedQuasiNewton.minimize(
                        start: start, lower: [Double](repeating: 0, count: k),
                        upper: [Double](repeating: 1, count: k)
                    ) { p in
                        kernel.sumOfSquares(
                            series, alpha: p[0], beta: trend ? p[1] : 0,
                            gamma: seasonal ? p[k - 1] : 0, ring: r)
                    }
                }
            }
            guard search.value.isFinite else {
                throw .notConverged(
                    model: label, detail: "the sum of squared errors is not finite at the starting values")
            }
            result = (search.parameters, search.evaluations, .converged)
        }
        let alpha = result.parameters[0]
        let beta = trend ? result.parameters[1] : 0
        let gamma = seasonal ? result.parameters[k - 1] : 0
        let run = kernel.run(y, alpha: alpha, beta: beta, gamma: gamma)

        let multiplicative = seasonal ? season == .multiplicative : exponential
        let error: ETSErrorType = multiplicative ? .multiplicative : .additive
        let trendType: ETSTrendType = !trend ? .none : (exponential ? .multiplicative : .additive)
        let fitted = ETSSpecification(error: error, trend: trendType, season: seasonal ? season : .none)
        let innovations = multiplicative ? (0..<n).map { run.residuals[$0] / run.fitted[$0] } : run.residuals
        let sigma2 = innovations.reduce(0) { $0 + $1 * $1 } / Double(n)

        var initial = [kernel.level0]
        if trend { initial.append(kernel.slope0) }
        if seasonal { initial += kernel.seasons0.reversed() }
        var named: [(name: String, value: Double)] = [("alpha", alpha)]
        if trend { named.append(("beta", beta)) }
        if seasonal { named.append(("gamma", gamma)) }
        named.append(("l", initial[0]))
        if trend { named.append(("b", initial[1])) }
        if seasonal { for j in 0..<m { named.append(("s\(j + 1)", initial[(trend ? 2 : 1) + j])) } }
        let summary = ModelSummary(name: fitted.name, parameters: named, sigma2: sigma2)
        return ETSModel(
            specification: fitted, seasonLength: seasonal ? m : 1, alpha: alpha, beta: trend ? beta : nil,
            gamma: seasonal ? gamma : nil, phi: nil, initialStates: initial, finalStates: run.finalStates,
            summary: summary, fittedValues: run.fitted, residuals: run.residuals, innovations: innovations,
            sigma2: sigma2, options: options, optimizer: (result.evaluations, result.status),
            estimation: .holtWintersLeastSquares)
    }
}

/// The filter of R's `zzhw` (Holt–Winters in error-correction-free form) with φ = 1.
struct HoltWintersKernel {
    let m: Int
    let trend: Bool
    let exponential: Bool
    let additiveSeason: Bool
    let seasonal: Bool
    var level0 = 0.0
    var slope0 = 0.0
    var seasons0: [Double] = []

    init(m: Int, trend: Bool, exponential: Bool, additiveSeason: Bool, seasonal: Bool) {
        self.m = m
        self.trend = trend
        self.exponential = exponential
        self.additiveSeason = additiveSeason
        self.seasonal = seasonal
    }

    /// One step: the forecast from the previous state, then the new level, slope and season.
    @inline(__always)
    func step(
        _ x: Double, level: inout Double, slope: inout Double, season: inout Double,
        alpha: Double, beta: Double, gamma: Double
    ) -> Double {
        // Without a season R multiplies by a season of 1 (its "none" takes the multiplicative branch).
        let additive = seasonal && additiveSeason
        let lastLevel = level
        let lastSlope = trend ? slope : (exponential ? 1 : 0)
        let lastSeason = season
        let base = exponential ? lastLevel * lastSlope : lastLevel + lastSlope
        let forecast = additive ? base + lastSeason : base * lastSeason
        level = alpha * (additive ? x - lastSeason : x / lastSeason) + (1 - alpha) * base
        if trend {
            slope =
                exponential
                ? beta * (level / lastLevel) + (1 - beta) * lastSlope
                : beta * (level - lastLevel) + (1 - beta) * lastSlope
        }
        if seasonal {
            season =
                additive
                ? gamma * (x - base) + (1 - gamma) * lastSeason
                : gamma * (x / base) + (1 - gamma) * lastSeason
        }
        return forecast
    }

    func sumOfSquares(
        _ y: UnsafeBufferPointer<Double>, alpha: Double, beta: Double, gamma: Double,
        ring: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        var level = level0
        var slope = slope0
        for j in 0..<m { ring[j] = seasonal ? seasons0[j] : 1 }
        var total = 0.0
        for i in 0..<y.count {
            let f = step(
                y[i], level: &level, slope: &slope, season: &ring[i % m], alpha: alpha, beta: beta, gamma: gamma)
            let e = y[i] - f
            total += e * e
        }
        return total
    }

    func run(_ y: [Double], alpha: Double, beta: Double, gamma: Double)
        -> (fitted: [Double], residuals: [Double], finalStates: [Double])
    {
        var level = level0
        var slope = slope0
        var ring = (0..<m).map { seasonal ? seasons0[$0] : 1.0 }
        var fitted = [Double](repeating: 0, count: y.count)
        for i in 0..<y.count {
            fitted[i] = step(
                y[i], level: &level, slope: &slope, season: &ring[i % m], alpha: alpha, beta: beta,
                gamma: gamma)
        }
        var final = [level]
        if trend { final.append(slope) }
        if seasonal {
            // R's order: s1 the latest season.
            let n = y.count
            for k in 0..<m { final.append(ring[((n - 1 - k) % m + m) % m]) }
        }
        return (fitted, (0..<y.count).map { y[$0] - fitted[$0] }, final)
    }
}
