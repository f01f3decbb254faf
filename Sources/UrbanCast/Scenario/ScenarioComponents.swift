import Forecasting
import Foundation
import LinearAlgebra
import Statistics

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

/// A time-series model's point forecast with the simulator of its future sample paths.
struct SeriesProjection: Sendable {
    /// The point forecast, the central path.
    var mean: [Double]
    /// Future paths conditioned on the history (``FuturePathSimulator``).
    var simulator: FuturePathSimulator

    /// Fit-time preparation: the forecast's mean and the model's path simulator for `horizon` steps.
    init(_ fitted: any FittedForecaster, forecast: Forecast) throws(ForecastingError) {
        mean = forecast.mean
        simulator = try fitted.pathSimulator(horizon: forecast.mean.count)
    }
}

/// The simulated paths of one draw, shared by every scenario and pass of the draw (common random
/// numbers): a path per scenario and model-projected driver, and per indicator whatever its
/// model simulates (a time-series path, the ARIMA errors' deviation from their mean, or the
/// hourly residual noise at the peak-candidate hours).
struct DrawPaths: Sendable {
    /// `[scenario][driver]`, `nil` where the driver has no model.
    var drivers: [[[Double]?]] = []
    /// `[indicator]`, `nil` where the indicator simulates nothing.
    var indicators: [[Double]?] = []

    /// No paths: the central path, or a pass that does not draw them.
    static let none = DrawPaths()
}

/// A driver ready to draw: its base-year value and its projection prepared for the horizon.
struct PreparedProjection: Sendable {
    enum Form: Sendable {
        case growth(base: Double, rate: Double, standardDeviation: Double)
        case model(SeriesProjection)
        case path([Double])
    }

    var form: Form

    /// The driver over the projection years, with driver noise when `noisy`: a growth-rate draw,
    /// or the model's simulated path `path` (the point forecast when there is none).
    func values(count n: Int, normals z: ArraySlice<Double>, path: [Double]?, noisy: Bool) -> [Double] {
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
        case .model(let projection):
            guard noisy, let path else { return projection.mean }
            return path
        case .path(let values):
            return values
        }
    }

    /// This draw's simulated path of a model-projected driver (`nil` for other projections),
    /// written over `path` (its storage reused).
    func simulate(into path: inout [Double]?, workspace: inout FuturePathSimulator.Workspace,
                  generator: inout SeededGenerator)
    {
        guard case .model(let projection) = form else {
            path = nil
            return
        }
        var buffer = path ?? []
        path = nil  // leaves `buffer` the storage's only owner, so writing it does not copy
        projection.simulator.path(into: &buffer, workspace: &workspace, generator: &generator)
        path = buffer
    }
}

/// The factor `F` with `F Fᵀ = Σ` of a coefficient covariance, so that `β̂ + F z` draws N(β̂, Σ):
/// the Cholesky factor when Σ is positive definite, else from its eigen decomposition
/// (``MultivariateNormal/Factorization/eigen``: negative eigenvalues from rounding are set to
/// zero).
///
/// Cholesky first because it is unique: a covariance with a repeated eigenvalue (calendar
/// dummies with equal counts make one, with multiplicity 22 for the hours of the day) has no
/// unique eigenvector basis, and LAPACK returns a different one under different BLAS kernels
/// (OpenBLAS picks them by CPU), so eigen factors made the draws differ between machines.
func covarianceFactor(_ covariance: Matrix) throws(ScenarioError) -> [[Double]] {
    let mean = Array(repeating: 0.0, count: covariance.rows)
    if let cholesky = try? MultivariateNormal(mean: mean, covariance: covariance, factorization: .cholesky) {
        return cholesky.factor
    }
    do {
        return try MultivariateNormal(mean: mean, covariance: covariance, factorization: .eigen).factor
    } catch {
        throw .model("the coefficient covariance cannot be factored: \(error)")
    }
}

/// An indicator's fitted model, ready to evaluate on driver paths.
struct PreparedIndicator: Sendable {
    enum Form: Sendable {
        /// Intensity by a time-series model; value = population × intensity.
        case intensitySeries(SeriesProjection)
        /// ln intensity = β · (1, ln A, (ln A)²); value = population × intensity.
        case elasticity(beta: [Double], factor: [[Double]], sigma: Double, quadratic: Bool, affluence: Int)
        /// value = β · (1, drivers…) + ε.
        case ols(beta: [Double], factor: [[Double]], sigma: Double, drivers: [Int])
        /// Regression with ARIMA errors on drivers.
        case arima(ARIMAProjection)
        /// A time-series model of the value.
        case series(SeriesProjection)
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
        case .arima(let projection): projection.coefficientNames.count
        case .hourlyLoad(let model): model.beta.count
        default: 0
        }
    }

    /// This draw's simulated quantity of the model, shared by every scenario and pass: a
    /// time-series model's path, the ARIMA errors' deviation from their mean, or the hourly noise
    /// at the peak-candidate hours; `nil` for models that draw only normals.
    func simulate(years n: Int, generator: inout SeededGenerator) -> [Double]? {
        var path: [Double]?
        var workspace = FuturePathSimulator.Workspace()
        simulate(years: n, into: &path, workspace: &workspace, generator: &generator)
        return path
    }

    /// As ``simulate(years:generator:)``, written over `path` (its storage reused) with the
    /// caller's scratch.
    func simulate(years n: Int, into path: inout [Double]?, workspace: inout FuturePathSimulator.Workspace,
                  generator: inout SeededGenerator)
    {
        var buffer = path ?? []
        path = nil  // leaves `buffer` the storage's only owner, so writing it does not copy
        switch form {
        case .intensitySeries(let projection), .series(let projection):
            projection.simulator.path(into: &buffer, workspace: &workspace, generator: &generator)
        case .arima(let projection):
            projection.simulator.path(into: &buffer, workspace: &workspace, generator: &generator)
            for h in buffer.indices { buffer[h] -= projection.centralMean[h] }
        case .hourlyLoad(let model):
            guard model.output == .peak else { return }
            model.peakNoise(years: n, into: &buffer, generator: &generator)
        case .elasticity, .ols:
            return
        }
        path = buffer
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
    ///   - path: this draw's simulated path of the indicator's model (see ``DrawPaths``), if any.
    ///   - noisy: whether to draw parameter and innovation uncertainty.
    ///   - measures: the scenario's measures on this indicator, applied to the intensity of
    ///     intensity models and to the value otherwise.
    ///   - years: the projection years.
    func evaluate(drivers: [[Double]], normals z: ArraySlice<Double>, path: [Double]?, noisy: Bool,
                  measures: [ScenarioSpecification.MeasureAction], years: [Int]) throws(ScenarioError)
        -> (value: [Double], intensity: [Double]?)
    {
        let n = years.count
        let k = parameterCount
        let innovations = z.dropFirst(k)
        func drawBeta(_ beta: [Double], _ factor: [[Double]]) throws(ScenarioError) -> [Double] {
            guard noisy else { return beta }
            do {
                return try MultivariateNormal(mean: beta, factor: factor).draw(z.prefix(k))
            } catch {
                throw .model("the coefficient covariance factor has \(factor.count) rows for \(beta.count) coefficients")
            }
        }
        var base: [Double]
        switch form {
        case .intensitySeries(let projection), .series(let projection):
            base = noisy ? (path ?? projection.mean) : projection.mean
        case let .elasticity(beta, factor, sigma, quadratic, affluence):
            let b = try drawBeta(beta, factor)
            base = (0..<n).map { h in
                let x = log(drivers[affluence][h])
                var y = b[0] + b[1] * x
                if quadratic { y += b[2] * x * x }
                if noisy { y += sigma * innovations[innovations.startIndex + h] }
                return exp(y)
            }
        case let .ols(beta, factor, sigma, indices):
            let b = try drawBeta(beta, factor)
            base = (0..<n).map { h in
                var y = b[0]
                for (j, d) in indices.enumerated() { y += b[j + 1] * drivers[d][h] }
                if noisy { y += sigma * innovations[innovations.startIndex + h] }
                return y
            }
        case .hourlyLoad(let model):
            base = model.values(beta: try drawBeta(model.beta, model.factor), drivers: drivers, count: n,
                                noise: noisy ? HourlyLoadModel.Noise(normals: innovations, peakNoise: path) : nil)
        case .arima(let projection):
            base = try projection.values(drivers: drivers, normals: z, deviation: path, noisy: noisy)
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
