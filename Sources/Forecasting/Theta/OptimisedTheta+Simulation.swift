import Foundation
import Statistics

/// Future paths of an ``OptimisedTheta`` fit, as statsforecast's `simulate_theta` draws them:
/// `y_h = ℓ + k (A p^i + B (1 − p^{i+1})/α) + ε_h` (`i = n + h − 1`, `ε_h ~ N(0, σ²)`), then
/// `ℓ, ȳ, A, B` updated with `y_h` as the dynamic models update them (for every variant), and
/// the path reseasonalised. Each step's distribution is the Gaussian whose quantiles
/// ``OptimisedTheta/forecast(horizon:levels:)`` gives.
struct OptimisedThetaPathModel: Sendable {
    let model: OptimisedTheta

    /// Writes one path of `horizon` values, drawing `horizon` normals from `generator`.
    ///
    /// - Complexity: O(horizon).
    func write(into output: UnsafeMutableBufferPointer<Double>, horizon: Int, generator: inout SeededGenerator) {
        let alpha = model.alpha, k = 1 - 1 / model.theta, p = 1 - alpha
        var level = model.finalState.level, mean = model.adjustedMean
        var intercept = model.finalState.intercept, slope = model.finalState.slope
        for step in 0..<horizon {
            let i = Double(model.count + step)
            let y = level + k * (intercept * Foundation.pow(p, i) + slope * (1 - Foundation.pow(p, i + 1)) / alpha)
                + model.sigma * generator.nextNormal()
            level = alpha * y + p * level
            mean = (i * mean + y) / (i + 1)
            slope = ((i - 1) * slope + 6 * (y - mean) / (i + 1)) / (i + 2)
            intercept = mean - slope * (i + 2) / 2
            output[step] = model.reseasonalised(y, step: step)
        }
    }
}
