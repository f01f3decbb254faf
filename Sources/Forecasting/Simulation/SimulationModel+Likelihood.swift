import Foundation

extension SimulationModel {
    /// The exact Gaussian log-likelihood of a series under the stated model, every parameter
    /// (σ included) held at its stated value.
    ///
    /// - ARIMA: the Kalman filter of the fits (R's `ARIMA_Like`) on `y − μ − δt` gives one-step
    ///   errors `vₜ` with variances `σ²Fₜ`; `log L = −½ Σ [log(2πσ²Fₜ) + vₜ²/(σ²Fₜ)]` over the steps
    ///   that are not part of the diffuse start of a differenced model (`Fₜ < 10⁴`, as R) and not
    ///   missing. It equals ``ARIMAModel/logLikelihood`` when the stated parameters are the fit's
    ///   and σ² is its ML estimate.
    /// - ETS: the state recursions (R's `etscalc`) from the stated initial state give `εₜ`;
    ///   `log L = −½ Σ [log(2πσ²) + εₜ²/σ²] − Σ log|μₜ|`, the last sum for multiplicative errors
    ///   (`yₜ = μₜ(1 + εₜ)`). Every value must be present.
    ///
    /// This is the likelihood the optimisers evaluate many times per fit; `Benchmarks/` times one
    /// evaluation through it.
    ///
    /// - Parameter y: the series, oldest first (NaN for missing, ARIMA only).
    /// - Returns: the log-likelihood; NaN where the recursions break down (a multiplicative trend
    ///   turning negative, a missing value in an ETS series).
    /// - Complexity: ARIMA O(n·r²) with r the state dimension; ETS O(n).
    public func logLikelihood(_ y: [Double]) -> Double {
        switch kind {
        case .arima(let ar, let ma, let delta, let mean, let drift, let sigma, _):
            var adjusted = y
            for t in adjusted.indices { adjusted[t] -= mean + drift * Double(t + 1) }
            var model = ARIMAStateSpace(phi: ar, theta: ma, delta: delta)
            let workspace = ARIMAFilterWorkspace(stateDimension: model.rd)
            let sums = adjusted.withUnsafeBufferPointer {
                model.filter($0, workspace: workspace, standardizedResiduals: nil)
            }
            let variance = sigma * sigma
            return -0.5
                * (Double(sums.count) * Foundation.log(2 * Double.pi * variance) + sums.sumOfLogs
                    + sums.sumOfSquares / variance)
        case .ets(let letters, let state, let alpha, let beta, let gamma, let phi, let sigma):
            guard !y.contains(where: \.isNaN) else { return .nan }
            let recursion = ETSRecursion(
                specification: letters, seasonLength: seasonLength, alpha: alpha, beta: beta,
                gamma: gamma, phi: phi)
            let hasTrend = letters.trend != .none
            var level = state[0]
            var slope = hasTrend ? state[1] : 0
            var position = 0
            var ring = Array(state.dropFirst(hasTrend ? 2 : 1).reversed())
            if ring.isEmpty { ring = [0] }
            var errors = [Double](repeating: 0, count: y.count)
            var means = errors
            let filtered = y.withUnsafeBufferPointer { yb in
                ring.withUnsafeMutableBufferPointer { rb in
                    errors.withUnsafeMutableBufferPointer { eb in
                        means.withUnsafeMutableBufferPointer { mb in
                            recursion.filter(
                                y: yb, level: &level, slope: &slope, ring: rb, position: &position,
                                residuals: eb, fitted: mb)
                        }
                    }
                }
            }
            guard !filtered.isNaN else { return .nan }
            let variance = sigma * sigma
            var total = Double(y.count) * Foundation.log(2 * Double.pi * variance)
            for e in errors { total += e * e / variance }
            var value = -0.5 * total
            if letters.error == .multiplicative { for mu in means { value -= Foundation.log(Swift.abs(mu)) } }
            return value
        }
    }
}
