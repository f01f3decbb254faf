import Foundation
import LinearAlgebra
import Statistics

extension FittedForecaster {
    /// A simulator of this model's future sample paths (see ``FuturePathSimulator`` for what a
    /// path is for each model).
    ///
    /// - Parameter horizon: steps per path, at least 1.
    /// - Returns: the simulator.
    /// - Throws: `ForecastingError.invalidSpecification` for a bad horizon, for an ARIMA model with
    ///   user regressors (use ``ARIMAModel/pathSimulator(horizon:futureRegressors:)``, or fit a
    ///   ``RegressionWithARIMAErrors``, whose future regressors must cover the horizon), for a
    ///   combination (a mean of forecasts is not a model of the data: simulate its members) and for
    ///   any other model type; `.numerical` when the ARIMA state covariance cannot be factored.
    /// - Complexity: O((r + d)³) for ARIMA (the state covariance's eigen decomposition and the
    ///   Kalman mean), O(horizon) otherwise.
    public func pathSimulator(horizon: Int) throws(ForecastingError) -> FuturePathSimulator {
        guard horizon >= 1 else { throw .invalidSpecification("the horizon must be at least 1, not \(horizon)") }
        switch self {
        case let model as ARIMAModel:
            return try model.pathSimulator(horizon: horizon, futureRegressors: [])
        case let model as RegressionWithARIMAErrors:
            let available = model.futureRegressors.map(\.values.count).min() ?? 0
            guard horizon <= available else {
                throw .invalidSpecification("the future regressors cover \(available) periods; the horizon is \(horizon)")
            }
            let future = model.futureRegressors.map { ARIMARegressor(name: $0.name, values: Array($0.values.prefix(horizon))) }
            return try model.model.pathSimulator(horizon: horizon, futureRegressors: future)
        case let model as ETSModel:
            return FuturePathSimulator(horizon: horizon, kind: .ets(ETSPathModel(
                recursion: model.recursion, state: model.finalStates, sigma: model.sigma2.squareRoot(),
                multiplicativeError: model.specification.error == .multiplicative, seasonLength: model.seasonLength)))
        case let model as LagWalk:
            return FuturePathSimulator(horizon: horizon, kind: .lagWalk(
                future: model.future, drift: model.drift, driftStandardError: model.driftStandardError,
                sigma: model.meanSquaredError.squareRoot()))
        case let model as MeanForecast:
            return FuturePathSimulator(horizon: horizon, kind: .mean(
                mean: model.mean, standardDeviation: model.standardDeviation, count: model.count))
        case let model as Theta:
            let shift = (1 - Foundation.pow(1 - model.alpha, Double(model.count))) / model.alpha
            return FuturePathSimulator(horizon: horizon, kind: .theta(
                level: model.level, alpha: model.alpha, drift: model.drift, shift: shift,
                sigma: model.sigma2.squareRoot(), seasonalIndices: model.lastSeasonalIndices))
        case let model as OptimisedTheta:
            return FuturePathSimulator(horizon: horizon, kind: .optimisedTheta(OptimisedThetaPathModel(model: model)))
        case let model as ComplexExponentialSmoothing:
            guard model.sigma2 > 0, model.sigma2.isFinite else {
                throw .numerical("CES has no residual variance to simulate from (σ² = \(model.sigma2))")
            }
            return FuturePathSimulator(horizon: horizon, kind: .linearInnovations(
                mean: model.pointForecasts(horizon: horizon), weights: model.errorWeights(horizon: horizon),
                sigma: model.sigma2.squareRoot()))
        case let model as TBATSModel:
            guard model.variance > 0, model.variance.isFinite else {
                throw .numerical("TBATS has no residual variance to simulate from (σ² = \(model.variance))")
            }
            let base = FuturePathSimulator(horizon: horizon, kind: .linearInnovations(
                mean: model.transformedForecasts(horizon: horizon), weights: model.errorWeights(horizon: horizon),
                sigma: model.variance.squareRoot()))
            guard let transform = model.boxCox else { return base }
            return FuturePathSimulator(horizon: horizon, kind: .boxCox(base, transform))
        case let model as BoxCoxForecaster:
            return FuturePathSimulator(horizon: horizon, kind: .boxCox(
                try model.base.pathSimulator(horizon: horizon), model.transform))
        case let model as STLForecaster:
            var offset = [Double](repeating: 0, count: horizon)
            for (period, seasonal) in zip(model.decomposition.periods, model.decomposition.seasonals) {
                let lastCycle = Array(seasonal.suffix(period))
                for h in 0..<horizon { offset[h] += lastCycle[h % period] }
            }
            return FuturePathSimulator(horizon: horizon, kind: .shifted(
                try model.adjustedModel.pathSimulator(horizon: horizon), offset: offset))
        case let model as AutoEnsemble:
            return try model.mixtureSimulator(horizon: horizon)
        case let model as ConformalForecaster:
            throw .invalidSpecification(
                "\(model.specification) has conformal intervals, calibrated on its errors rather than drawn from a "
                    + "stochastic model, so it has no sample paths; simulate a model with one (e.g. auto-ets)")
        case is Combination:
            throw .invalidSpecification(
                "a combination is a mean of forecasts, not a model of the data, so it has no sample paths; "
                    + "simulate one of its members")
        default:
            throw .invalidSpecification("\(summary.name) has no sample-path simulator")
        }
    }

    /// `count` future sample paths, R's `simulate(fit, future = TRUE, nsim = horizon)` repeated:
    /// the paths are drawn one after the other from `generator`. To compute paths in parallel, or
    /// to recompute one of them alone, draw each from its own stream with
    /// ``pathSimulator(horizon:)`` and ``FuturePathSimulator/path(generator:)`` instead.
    ///
    /// - Parameters:
    ///   - horizon: steps per path, at least 1.
    ///   - count: number of paths, at least 0.
    ///   - generator: the random stream, advanced past every normal the paths use.
    /// - Returns: `count` paths of `horizon` values.
    /// - Throws: `ForecastingError.invalidSpecification` for a negative `count`; otherwise as
    ///   ``pathSimulator(horizon:)``.
    /// - Complexity: that of ``pathSimulator(horizon:)`` plus `count` paths, each O(horizon · (r + d))
    ///   for ARIMA and O(horizon) otherwise.
    public func simulatePaths(horizon: Int, count: Int, generator: inout SeededGenerator) throws(ForecastingError)
        -> [[Double]]
    {
        guard count >= 0 else { throw .invalidSpecification("the number of paths must be at least 0, not \(count)") }
        let simulator = try pathSimulator(horizon: horizon)
        var paths: [[Double]] = []
        paths.reserveCapacity(count)
        var workspace = FuturePathSimulator.Workspace()
        for _ in 0..<count {
            var path: [Double] = []
            simulator.path(into: &path, workspace: &workspace, generator: &generator)
            paths.append(path)
        }
        return paths
    }
}

extension ARIMAModel {
    /// A simulator of future paths of this model (see ``FuturePathSimulator``), with the
    /// regressors' future values (R's `simulate(fit, future = TRUE, xreg = newxreg)`).
    ///
    /// The Kalman filter's final state `a_{n|n}` and covariance `σ² P_{n|n}` give the state's
    /// distribution; `P` is factored by its symmetric eigen decomposition (eigenvalues below
    /// `10⁻¹² · max(1, λ_max)` count as zero, so a singular `P` — the usual case — draws only
    /// along its range).
    ///
    /// - Parameters:
    ///   - horizon: steps per path, at least 1.
    ///   - futureRegressors: one per fitted regressor, same names and order, `horizon` finite values each.
    /// - Returns: the simulator.
    /// - Throws: `ForecastingError.invalidSpecification` as ``forecast(horizon:levels:futureRegressors:)``;
    ///   `.numerical` when the state covariance cannot be factored.
    /// - Complexity: O(horizon · (r + d)³ + (r + d)³).
    public func pathSimulator(horizon: Int, futureRegressors: [ARIMARegressor]) throws(ForecastingError)
        -> FuturePathSimulator
    {
        let mean = try forecast(horizon: horizon, levels: [], futureRegressors: futureRegressors).mean
        let kalman = state.forecast(horizon: horizon).mean
        let offset = zip(mean, kalman).map { $0 - $1 }
        let rd = state.rd
        let covariance = Matrix(rows: rd, columns: rd, columnMajor: state.covariance)
        let eigen: SymmetricEigendecomposition
        do { eigen = try SymmetricEigendecomposition(covariance) } catch {
            throw .numerical("the ARIMA filtered state covariance cannot be factored: \(error)")
        }
        let largest = eigen.eigenvalues.max() ?? 0
        let threshold = 1e-12 * Swift.max(1, largest)
        var factor: [Double] = []
        var rank = 0
        for (k, lambda) in eigen.eigenvalues.enumerated() where lambda > threshold {
            let scale = (lambda * sigma2).squareRoot()
            for i in 0..<rd { factor.append(eigen.eigenvectors[i, k] * scale) }
            rank += 1
        }
        let model = ARIMAPathModel(
            phi: state.phi, theta: state.theta, delta: state.delta, r: state.r, d: state.d, state: state.a,
            stateFactor: factor, rank: rank, sigma: sigma2.squareRoot(), offset: offset)
        return FuturePathSimulator(horizon: horizon, kind: .arima(model))
    }

    /// The covariance of the regression coefficients — intercept, drift and the user regressors,
    /// in ``coefficientNames`` order — the block of ``coefficientCovariance`` after the ARMA
    /// coefficients, column-major.
    ///
    /// - Returns: the names and the `k × k` block (`k` = their count); an empty block when the
    ///   model has no regression coefficient or the fit reported no covariance.
    /// - Complexity: O(k²).
    public var regressionCovariance: (names: [String], covariance: [Double]) {
        let total = coefficientNames.count
        let first = orders.armaCount
        let names = Array(coefficientNames[first...])
        guard coefficientCovariance.count == total * total, !names.isEmpty else { return (names, []) }
        let k = names.count
        var block = [Double](repeating: 0, count: k * k)
        for j in 0..<k { for i in 0..<k { block[i + k * j] = coefficientCovariance[(first + i) + total * (first + j)] } }
        return (names, block)
    }

    /// The covariance of the estimated coefficients (`k × k`, `k` = estimated count) spread over all
    /// coefficients, zero for the fixed ones; empty when its size does not match.
    static func expandCovariance(_ covariance: [Double], mask: [Bool]) -> [Double] {
        let estimated = mask.indices.filter { mask[$0] }
        let k = estimated.count
        guard covariance.count == k * k else { return [] }
        let total = mask.count
        var out = [Double](repeating: 0, count: total * total)
        for (b, j) in estimated.enumerated() {
            for (a, i) in estimated.enumerated() { out[i + total * j] = covariance[a + k * b] }
        }
        return out
    }
}
