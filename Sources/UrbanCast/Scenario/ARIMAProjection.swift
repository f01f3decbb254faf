import Forecasting
import LinearAlgebra
import Statistics

/// A regression with ARIMA errors on drivers, ready to draw.
///
/// A draw of the indicator in year h is
///
///     ŷₕ(x) + (ηₕ − E ηₕ) + Σₖ δβₖ sₖ,ₕ(x),   δβ = L z,  L Lᵀ = Σ_β
///
/// with `ŷₕ(x)` the model's forecast for the draw's driver path `x`, `ηₕ − E ηₕ` the deviation of
/// a future path of the ARIMA errors simulated from the fitted model (conditioned on the history;
/// it does not depend on `x`), and `δβ` a joint draw of all regression coefficients — intercept,
/// drift and the drivers' coefficients — from `Σ_β`, their block of the fit's Hessian covariance,
/// factored by Cholesky. `sₖ,ₕ(x) = ∂ŷₕ/∂βₖ` is the forecast's exact sensitivity to the
/// coefficient (``ARIMAModel/regressionSensitivity(horizon:futureRegressors:)``): the covariate
/// (1, `n + h`, or `xⱼ,ₕ`) less what the errors' forecast takes back, since the errors are
/// filtered from `y − Xβ` — with `d = 1` errors a driver's coefficient moves the forecast by
/// `δβ (xⱼ,ₕ − xⱼ,ₙ)`, not `δβ xⱼ,ₕ`. It is computed once on the central drivers `x̄`; a draw's
/// is `sₖ,ₕ(x̄) + xⱼ,ₕ − x̄ⱼ,ₕ` for a driver's coefficient (the sensitivity is linear in the
/// future covariate) and `sₖ,ₕ(x̄)` for the intercept and drift.
struct ARIMAProjection: Sendable {
    let model: ARIMAModel
    /// Each regressor's driver index, aligned with `names`.
    let drivers: [Int]
    /// The regressors' names (the drivers').
    let names: [String]
    /// The regression coefficients drawn: `intercept`, `drift` and the regressors, in the fit's order.
    let coefficientNames: [String]
    /// The coefficients' deviations from their estimates: N(0, Σ) by a lower-triangular Cholesky factor.
    let coefficientDeviation: MultivariateNormal
    /// Its lower-triangular factor `L`, column-major `k × k`, with `L Lᵀ` the coefficients' covariance.
    var factor: [Double] {
        let rows = coefficientDeviation.factor, k = rows.count
        return (0..<(k * k)).map { rows[$0 % k][$0 / k] }
    }
    /// The forecast mean on the drivers' central path, the centre of the simulated errors.
    let centralMean: [Double]
    /// Future paths of the model on the central drivers.
    let simulator: FuturePathSimulator
    /// `∂ŷₕ/∂βₖ` on the central drivers, one array per coefficient in `coefficientNames` order.
    let sensitivity: [[Double]]
    /// The drivers' central paths, aligned with `names`, against which `sensitivity` was taken.
    let centralDrivers: [[Double]]

    /// Prepares the draws of `model` on the drivers' central path `future` (one regressor each).
    ///
    /// - Throws: `ScenarioError.model` when the forecast or simulator cannot be built, when the
    ///   fit reported no coefficient covariance, or when the regression block of the covariance is
    ///   not positive definite (Cholesky fails: the coefficients are not identified separately —
    ///   choose fewer drivers or a simpler errors model).
    /// - Complexity: O(k³) for the factorisation plus the model's forecast and `k` filter passes
    ///   for the sensitivities.
    init(model: ARIMAModel, drivers: [Int], names: [String], future: [ARIMARegressor], name: String) throws(ScenarioError) {
        self.model = model
        self.drivers = drivers
        self.names = names
        let horizon = future.first?.values.count ?? 0
        do throws(ForecastingError) {
            centralMean = try model.forecast(horizon: horizon, levels: [], futureRegressors: future).mean
            simulator = try model.pathSimulator(horizon: horizon, futureRegressors: future)
            sensitivity = try model.regressionSensitivity(horizon: horizon, futureRegressors: future)
        } catch {
            throw .model("\(name): \(error.description)")
        }
        centralDrivers = future.map(\.values)
        let block = model.regressionCovariance
        coefficientNames = block.names
        let k = block.names.count
        guard block.covariance.count == k * k else {
            throw .model("\(name): the ARIMA fit reported no coefficient covariance, so its regression coefficients cannot be drawn")
        }
        do {
            coefficientDeviation = try MultivariateNormal(mean: Array(repeating: 0, count: k),
                                                          covariance: Matrix(rows: k, columns: k, columnMajor: block.covariance),
                                                          factorization: .cholesky)
        } catch {
            throw .model("\(name): the covariance of the regression coefficients \(block.names.joined(separator: ", ")) "
                + "is not positive definite (\(error)); the coefficients are not identified separately — use fewer drivers "
                + "or a simpler errors model")
        }
    }

    /// The indicator over the projection years for one draw.
    ///
    /// - Parameters:
    ///   - paths: each driver's path over the projection years.
    ///   - normals: at least `coefficientNames.count` standard normals for the coefficients.
    ///   - deviation: the simulated errors' deviation from their mean (`nil`: none).
    ///   - noisy: whether to add the coefficient draw and the deviation.
    /// - Complexity: the model's forecast plus O(k² + k · n).
    func values(drivers paths: [[Double]], normals z: ArraySlice<Double>, deviation: [Double]?, noisy: Bool)
        throws(ScenarioError) -> [Double]
    {
        let future = zip(drivers, names).map { ARIMARegressor(name: $1, values: paths[$0]) }
        var base: [Double]
        do {
            base = try model.forecast(horizon: centralMean.count, levels: [], futureRegressors: future).mean
        } catch {
            throw .model("regression with ARIMA errors: \(error.description)")
        }
        guard noisy else { return base }
        if let deviation { for h in base.indices { base[h] += deviation[h] } }
        let k = coefficientNames.count
        // Intercept and drift come first, then the regressors in their order.
        let constants = k - names.count
        let deltas = coefficientDeviation.draw(z.prefix(k))
        for i in 0..<k {
            let delta = deltas[i]
            let s = sensitivity[i]
            if i >= constants {
                let x = paths[drivers[i - constants]], central = centralDrivers[i - constants]
                for h in base.indices { base[h] += delta * (s[h] + x[h] - central[h]) }
            } else {
                for h in base.indices { base[h] += delta * s[h] }
            }
        }
        return base
    }
}
