import Foundation

/// Starting values for the ETS optimiser: initial states as R forecast 8.20's `initstate`, and
/// smoothing parameters as its `initparam`.
enum ETSInitialization {
    /// Initial states `[ℓ, b?, s₀ … s_{m−2}]` (R's names `l`, `b`, `s0`…); the last season is implied.
    ///
    /// Seasonal series are first deseasonalised: by classical decomposition (R's `decompose`) when
    /// n ≥ 3m, otherwise by a regression on a linear trend and one Fourier pair. The level (and
    /// slope) then come from the first `max(10, 2m)` deseasonalised values.
    static func states(_ y: [Double], specification: ETSSpecification, seasonLength m: Int) throws(ForecastingError)
        -> [Double]
    {
        let n = y.count
        var adjusted = y
        var seasons: [Double] = []
        let period = specification.season == .none ? 1 : m
        if specification.season != .none {
            if n < 4 {
                throw .tooShort(model: specification.name, count: n, minimum: 4)
            }
            let multiplicative = specification.season == .multiplicative
            let seasonal: [Double]
            if n < 3 * m {
                seasonal = try fourierDetrended(y, period: m, multiplicative: multiplicative, model: specification.name)
            } else {
                seasonal = classicalSeasonal(y, period: m, multiplicative: multiplicative)
            }
            // R keeps seasonal[2...m] in reverse: s0 is the latest of the first cycle.
            seasons = (1..<m).reversed().map { seasonal[$0] }
            if multiplicative {
                seasons = seasons.map { Swift.max($0, 0.01) }
                let total = seasons.reduce(0, +)
                if total > Double(m) {
                    let denominator = seasons.reduce(0) { $0 + $1 + 0.01 }
                    seasons = seasons.map { $0 / denominator }
                }
                for i in 0..<n { adjusted[i] = y[i] / Swift.max(seasonal[i], 0.01) }
            } else {
                for i in 0..<n { adjusted[i] = y[i] - seasonal[i] }
            }
        }
        let count = Swift.min(Swift.max(10, 2 * period), n)
        var result: [Double]
        switch specification.trend {
        case .none:
            result = [adjusted[0..<count].reduce(0, +) / Double(count)]
        case .additive, .additiveDamped:
            let (intercept, slope) = lineFit(adjusted, count: count)
            var l0 = intercept
            var b0 = slope
            if Swift.abs(l0 + b0) < 1e-8 {
                l0 *= 1 + 0.001
                b0 *= 1 - 0.001
            }
            result = [l0, b0]
        case .multiplicative, .multiplicativeDamped:
            let (intercept, slope) = lineFit(adjusted, count: count)
            var l0 = intercept + slope
            if Swift.abs(l0) < 1e-8 { l0 = 1e-7 }
            var b0 = (intercept + 2 * slope) / l0
            l0 /= b0
            if Swift.abs(b0) > 1e10 { b0 = b0 < 0 ? -1e10 : 1e10 }
            if l0 < 1e-8 || b0 < 1e-8 {
                l0 = Swift.max(adjusted[0], 0.001)
                b0 = Swift.max(adjusted[1] / adjusted[0], 0.001)
            }
            result = [l0, b0]
        }
        return result + seasons
    }

    /// Least-squares line through `(1, y₀) … (count, y_{count−1})`, as R's `lsfit(1:count, y)`.
    static func lineFit(_ y: [Double], count: Int) -> (intercept: Double, slope: Double) {
        let tMean = Double(count + 1) / 2
        var yMean = 0.0
        for i in 0..<count { yMean += y[i] }
        yMean /= Double(count)
        var sxy = 0.0
        var sxx = 0.0
        for i in 0..<count {
            let dt = Double(i + 1) - tMean
            sxy += dt * (y[i] - yMean)
            sxx += dt * dt
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return (yMean - slope * tMean, slope)
    }

    /// The seasonal component of R's `decompose`: a centred moving average of order m (2×m for even
    /// m) as trend, the detrended values averaged by position in the cycle counted from the first
    /// observation, centred to sum 0 (or mean 1), repeated over the series.
    static func classicalSeasonal(_ y: [Double], period m: Int, multiplicative: Bool) -> [Double] {
        let n = y.count
        let half = m / 2
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        for i in half..<(n - half) {
            var trend = 0.0
            if m % 2 == 0 {
                trend = 0.5 * (y[i - half] + y[i + half])
                for k in (i - half + 1)..<(i + half) { trend += y[k] }
            } else {
                for k in (i - half)...(i + half) { trend += y[k] }
            }
            trend /= Double(m)
            let detrended = multiplicative ? y[i] / trend : y[i] - trend
            sums[i % m] += detrended
            counts[i % m] += 1
        }
        var figure = (0..<m).map { sums[$0] / Double(counts[$0]) }
        let mean = figure.reduce(0, +) / Double(m)
        figure = figure.map { multiplicative ? $0 / mean : $0 - mean }
        return (0..<n).map { figure[$0 % m] }
    }

    /// R's short-series substitute for decomposition: regress y on 1, t and one Fourier pair
    /// (`tslm(y ~ trend + fourier(y, 1))`) and take y minus (or over) the fitted line a + b·t.
    static func fourierDetrended(_ y: [Double], period m: Int, multiplicative: Bool, model: String)
        throws(ForecastingError) -> [Double]
    {
        let n = y.count
        // sin(2πt/m) vanishes for m = 2, and R drops that column.
        let columns = m == 2 ? 3 : 4
        var design = [Double](repeating: 0, count: n * columns)
        for i in 0..<n {
            let t = Double(i + 1)
            let angle = 2 * Double.pi * t / Double(m)
            design[i * columns] = 1
            design[i * columns + 1] = t
            if columns == 4 {
                design[i * columns + 2] = Foundation.sin(angle)
                design[i * columns + 3] = Foundation.cos(angle)
            } else {
                design[i * columns + 2] = Foundation.cos(angle)
            }
        }
        guard let beta = leastSquares(design: design, rows: n, columns: columns, y: y) else {
            throw .numerical("\(model): the trend-and-Fourier regression for the initial season is singular")
        }
        return (0..<n).map { i in
            let line = beta[0] + beta[1] * Double(i + 1)
            return multiplicative ? y[i] / line : y[i] - line
        }
    }

    /// Least squares by Householder QR on a small row-major design; nil when it is rank deficient.
    static func leastSquares(design: [Double], rows: Int, columns: Int, y: [Double]) -> [Double]? {
        var a = design
        var b = y
        for k in 0..<columns {
            var norm = 0.0
            for i in k..<rows { norm += a[i * columns + k] * a[i * columns + k] }
            norm = norm.squareRoot()
            if norm == 0 { return nil }
            let alpha = a[k * columns + k] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: rows)
            for i in k..<rows { v[i] = a[i * columns + k] }
            v[k] -= alpha
            var vNorm2 = 0.0
            for i in k..<rows { vNorm2 += v[i] * v[i] }
            if vNorm2 == 0 { continue }
            for j in k..<columns {
                var dot = 0.0
                for i in k..<rows { dot += v[i] * a[i * columns + j] }
                let scale = 2 * dot / vNorm2
                for i in k..<rows { a[i * columns + j] -= scale * v[i] }
            }
            var dot = 0.0
            for i in k..<rows { dot += v[i] * b[i] }
            let scale = 2 * dot / vNorm2
            for i in k..<rows { b[i] -= scale * v[i] }
        }
        var x = [Double](repeating: 0, count: columns)
        let largest = (0..<columns).map { Swift.abs(a[$0 * columns + $0]) }.max() ?? 0
        for k in stride(from: columns - 1, through: 0, by: -1) {
            let diagonal = a[k * columns + k]
            if Swift.abs(diagonal) <= 1e-10 * largest { return nil }
            var total = b[k]
            for j in (k + 1)..<columns { total -= a[k * columns + j] * x[j] }
            x[k] = total / diagonal
        }
        return x
    }

    /// Starting smoothing parameters as R's `initparam` for the given bounds, in R's order
    /// α, β (trend), γ (season), φ (damped).
    static func parameters(
        specification: ETSSpecification, seasonLength m: Int, bounds: ETSOptions.Bounds,
        lower: ETSOptions.Limits, upper: ETSOptions.Limits
    ) -> [Double] {
        var lo = lower
        var up = upper
        if bounds == .admissible {
            lo.alpha = 0
            lo.beta = 0
            lo.gamma = 0
            up.alpha = 1e-3
            up.beta = 1e-3
            up.gamma = 1e-3
        }
        let period = Double(specification.season == .none ? 1 : m)
        var alpha = lo.alpha + 0.2 * (up.alpha - lo.alpha) / period
        if alpha > 1 || alpha < 0 { alpha = lo.alpha + 0.002 }
        var result = [alpha]
        if specification.trend != .none {
            let betaUpper = Swift.min(up.beta, alpha)
            var beta = lo.beta + 0.1 * (betaUpper - lo.beta)
            if beta < 0 || beta > alpha { beta = alpha - 0.001 }
            result.append(beta)
        }
        if specification.season != .none {
            let gammaUpper = Swift.min(up.gamma, 1 - alpha)
            var gamma = lo.gamma + 0.05 * (gammaUpper - lo.gamma)
            if gamma < 0 || gamma > 1 - alpha { gamma = 1 - alpha - 0.001 }
            result.append(gamma)
        }
        if specification.trend.isDamped {
            var phi = lo.phi + 0.99 * (up.phi - lo.phi)
            if phi < 0 || phi > 1 { phi = up.phi - 0.001 }
            result.append(phi)
        }
        return result
    }
}
