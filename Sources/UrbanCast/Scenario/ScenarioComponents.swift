import Forecasting
import Foundation
import LinearAlgebra

/// Which uncertainties a Monte Carlo pass draws.
enum NoiseMode: Sendable {
    /// The central path: no draw at all.
    case none
    /// Driver uncertainty only (models at their central path).
    case drivers
    /// Model uncertainty only (parameters and innovations; drivers at their central path).
    case model
    /// Both.
    case all

    var drivers: Bool { self == .drivers || self == .all }
    var model: Bool { self == .model || self == .all }
}

/// A forecast's mean with the standard deviation of its h-step error, read off the 95% interval
/// (`(hi95 − lo95) / (2 · 1.96)`), and the path noise built from it.
struct ForecastPath: Sendable {
    var mean: [Double]
    var standardDeviation: [Double]

    static let z975 = 1.959963984540054

    init(mean: [Double], standardDeviation: [Double]) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    init(_ forecast: Forecast) {
        mean = forecast.mean
        if let interval = forecast.interval(level: 95) {
            standardDeviation = zip(interval.lower, interval.upper).map { lo, hi in
                let sd = (hi - lo) / (2 * Self.z975)
                return sd.isFinite && sd > 0 ? sd : 0
            }
        } else {
            standardDeviation = Array(repeating: 0, count: forecast.mean.count)
        }
    }

    /// A simulated error path `e` with `Var(eₕ) = sdₕ²`: the cumulative sum of independent normal
    /// increments with variances `sdₕ² − sdₕ₋₁²` (zero where the sd does not grow). The marginal
    /// distribution of every year is the model's Gaussian forecast distribution; the correlation
    /// across years is that of a random walk (exact for random walks and ETS(A,N,N)).
    static func errors(standardDeviation sd: [Double], normals z: ArraySlice<Double>) -> [Double] {
        var out = [Double](repeating: 0, count: sd.count)
        var cumulative = 0.0
        var previous = 0.0
        var index = z.startIndex
        for h in sd.indices {
            let variance = sd[h] * sd[h]
            cumulative += (Swift.max(variance - previous, 0)).squareRoot() * z[index]
            previous = Swift.max(previous, variance)
            out[h] = cumulative
            index += 1
        }
        return out
    }
}

/// A driver ready to draw: its base-year value and its projection prepared for the horizon.
struct PreparedProjection: Sendable {
    enum Form: Sendable {
        case growth(base: Double, rate: Double, standardDeviation: Double)
        case model(ForecastPath)
        case path([Double])
    }

    var form: Form

    /// The driver over the projection years, with driver noise when `noisy`.
    func values(count n: Int, normals z: ArraySlice<Double>, noisy: Bool) -> [Double] {
        switch form {
        case let .growth(base, rate, sd):
            let r = noisy ? rate + sd * z[z.startIndex] : rate
            var out = [Double](repeating: 0, count: n)
            var level = base
            for h in 0..<n {
                level *= 1 + r
                out[h] = level
            }
            return out
        case .model(let path):
            guard noisy else { return path.mean }
            let e = ForecastPath.errors(standardDeviation: path.standardDeviation, normals: z)
            return zip(path.mean, e).map(+)
        case .path(let values):
            return values
        }
    }
}

/// The Cholesky-like factor `F` with `F Fᵀ = Σ` of a covariance, from its eigen decomposition
/// (negative eigenvalues from rounding are set to zero), so that `β̂ + F z` draws N(β̂, Σ).
func covarianceFactor(_ covariance: Matrix) throws(ScenarioError) -> [[Double]] {
    let k = covariance.rows
    let eigen: SymmetricEigendecomposition
    do { eigen = try SymmetricEigendecomposition(covariance) } catch {
        throw .model("the coefficient covariance cannot be factored: \(error)")
    }
    var factor = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for j in 0..<k {
        let scale = Swift.max(eigen.eigenvalues[j], 0).squareRoot()
        for i in 0..<k { factor[i][j] = eigen.eigenvectors[i, j] * scale }
    }
    return factor
}

/// An indicator's fitted model, ready to evaluate on driver paths.
struct PreparedIndicator: Sendable {
    enum Form: Sendable {
        /// Intensity by a time-series model; value = population × intensity.
        case intensitySeries(ForecastPath)
        /// ln intensity = β · (1, ln A, (ln A)²); value = population × intensity.
        case elasticity(beta: [Double], factor: [[Double]], sigma: Double, quadratic: Bool, affluence: Int)
        /// value = β · (1, drivers…) + ε.
        case ols(beta: [Double], factor: [[Double]], sigma: Double, drivers: [Int])
        /// Regression with ARIMA errors on drivers; the ARIMA forecast's sd for the noise and the
        /// regressor coefficients' standard errors for the parameter draws.
        case arima(ARIMAModel, drivers: [Int], names: [String], standardDeviation: [Double], coefficientErrors: [Double])
        /// A time-series model of the value.
        case series(ForecastPath)
        /// Hourly load replayed on the base year's warmed weather.
        case hourlyLoad(HourlyLoadModel)
    }

    var form: Form
    /// The population driver's index (intensity models).
    var population: Int?

    /// Normals consumed per draw: parameters then one per year.
    var parameterCount: Int {
        switch form {
        case let .elasticity(beta, _, _, _, _), let .ols(beta, _, _, _): beta.count
        case let .arima(_, _, names, _, _): names.count
        case .hourlyLoad(let model): model.beta.count
        default: 0
        }
    }

    var isIntensity: Bool {
        switch form {
        case .intensitySeries, .elasticity: true
        default: false
        }
    }

    /// The indicator (and, for intensity models, the intensity) over the projection years.
    ///
    /// - Parameters:
    ///   - drivers: each driver's path over the projection years.
    ///   - normals: `parameterCount + n` standard normals for this indicator in this draw.
    ///   - noisy: whether to draw parameter and innovation uncertainty.
    ///   - measures: the scenario's measures on this indicator, applied to the intensity of
    ///     intensity models and to the value otherwise.
    ///   - years: the projection years.
    func evaluate(drivers: [[Double]], normals z: ArraySlice<Double>, noisy: Bool,
                  measures: [ScenarioSpecification.MeasureAction], years: [Int]) throws(ScenarioError)
        -> (value: [Double], intensity: [Double]?)
    {
        let n = years.count
        let k = parameterCount
        let innovations = z.dropFirst(k)
        func drawBeta(_ beta: [Double], _ factor: [[Double]]) -> [Double] {
            guard noisy else { return beta }
            var out = beta
            for i in 0..<k {
                for j in 0..<k { out[i] += factor[i][j] * z[z.startIndex + j] }
            }
            return out
        }
        var base: [Double]
        switch form {
        case .intensitySeries(let path), .series(let path):
            base = path.mean
            if noisy {
                let e = ForecastPath.errors(standardDeviation: path.standardDeviation, normals: innovations)
                for h in 0..<n { base[h] += e[h] }
            }
        case let .elasticity(beta, factor, sigma, quadratic, affluence):
            let b = drawBeta(beta, factor)
            base = (0..<n).map { h in
                let x = log(drivers[affluence][h])
                var y = b[0] + b[1] * x
                if quadratic { y += b[2] * x * x }
                if noisy { y += sigma * innovations[innovations.startIndex + h] }
                return exp(y)
            }
        case let .ols(beta, factor, sigma, indices):
            let b = drawBeta(beta, factor)
            base = (0..<n).map { h in
                var y = b[0]
                for (j, d) in indices.enumerated() { y += b[j + 1] * drivers[d][h] }
                if noisy { y += sigma * innovations[innovations.startIndex + h] }
                return y
            }
        case .hourlyLoad(let model):
            base = model.values(beta: drawBeta(model.beta, model.factor), drivers: drivers, count: n)
        case let .arima(model, indices, names, sd, coefficientErrors):
            let future = zip(indices, names).map { ARIMARegressor(name: $1, values: drivers[$0]) }
            do {
                base = try model.forecast(horizon: n, levels: [], futureRegressors: future).mean
            } catch {
                throw .model("regression with ARIMA errors: \(error.description)")
            }
            if noisy {
                // Each regressor coefficient moves by its standard error times a normal; the mean is
                // linear in them, so the forecast shifts by Σ δβⱼ xⱼ,ₕ.
                for (j, d) in indices.enumerated() {
                    let delta = coefficientErrors[j] * z[z.startIndex + j]
                    for h in 0..<n { base[h] += delta * drivers[d][h] }
                }
                let e = ForecastPath.errors(standardDeviation: sd, normals: innovations)
                for h in 0..<n { base[h] += e[h] }
            }
        }
        Self.apply(measures, to: &base, years: years)
        guard isIntensity, let population else { return (base, nil) }
        let value = (0..<n).map { drivers[population][$0] * base[$0] }
        return (value, base)
    }

    /// Apply measures in order: `change` compounds a percentage a year, `step` scales, `cap`
    /// bounds from above, `path` replaces (interpolated, the last value held).
    static func apply(_ measures: [ScenarioSpecification.MeasureAction], to values: inout [Double], years: [Int]) {
        for measure in measures {
            switch measure {
            case let .change(percent, from, to):
                for (h, year) in years.enumerated() where year > from {
                    values[h] *= pow(1 + percent / 100, Double(Swift.min(year, to) - from))
                }
            case let .step(percent, from):
                for (h, year) in years.enumerated() where year >= from { values[h] *= 1 + percent / 100 }
            case let .cap(limit, from):
                for (h, year) in years.enumerated() where year >= from { values[h] = Swift.min(values[h], limit) }
            case .path(let points):
                guard let first = points.first?.year else { continue }
                for (h, year) in years.enumerated() where year >= first {
                    values[h] = interpolate(points, at: year)
                }
            }
        }
    }
}

/// Linear interpolation in sorted (year, value) points; the end values are held outside them.
func interpolate(_ points: [ScenarioSpecification.YearValue], at year: Int) -> Double {
    guard let first = points.first, let last = points.last else { return .nan }
    if year <= first.year { return first.value }
    if year >= last.year { return last.value }
    for k in 1..<points.count where points[k].year >= year {
        let a = points[k - 1], b = points[k]
        let weight = Double(year - a.year) / Double(b.year - a.year)
        return a.value + weight * (b.value - a.value)
    }
    return last.value
}
