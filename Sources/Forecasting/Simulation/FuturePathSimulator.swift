import Foundation
import Statistics

/// Future sample paths of a fitted model, conditioned on the observed series — R `forecast`'s
/// `simulate(fit, future = TRUE, nsim = horizon)`.
///
/// Made once per fitted model by ``FittedForecaster/pathSimulator(horizon:)`` (or
/// ``ARIMAModel/pathSimulator(horizon:futureRegressors:)``), it holds everything a path needs, so
/// drawing a path is a short loop that only reads the simulator. Each path takes its random
/// numbers from the generator it is given and from nothing else: give every path its own stream
/// (`root.split(stream: k)`) and paths computed on any number of threads are the same numbers.
///
/// What a path is, per model (`εₕ ~ N(0, σ²)` independent, `zₕ` standard normal):
/// - **ARIMA** (seasonal, with mean or drift, regression with ARIMA errors): the state-space form
///   of R's `makeARIMA` run forward from the Kalman filter's final state. The state is first drawn
///   from its filtered distribution `N(a_{n|n}, σ² P_{n|n})` (for a fully observed pure AR or
///   differenced model `P_{n|n}` is zero and this is `a_{n|n}`, as R's `simulate.Arima`), then
///   `aₕ = T aₕ₋₁ + R εₕ`, `yₕ = Z aₕ + μ + δ (n + h) + βᵀ x_{n+h}`. The differencing states carry the
///   last observations, so differenced models integrate from the observed series. Each step's
///   distribution is then exactly the Gaussian forecast distribution of ``ARIMAModel/forecast(horizon:levels:)``.
/// - **ETS**, all classes: R's `simulate.ets` from ``ETSModel/finalStates``: `yₕ = μₕ + εₕ` or
///   `μₕ (1 + εₕ)` with `εₕ` truncated at −1 (multiplicative errors), the states updated after
///   each step; a multiplicative trend whose slope turns negative gives NaN from there on.
/// - **naive / snaive / drift** (`LagWalk`): `yₕ = y_{h−k} + b* + εₕ` from the last `k` values,
///   with the drift drawn once per path, `b* ~ N(b, se(b)²)`, so that step h has the forecast's
///   variance `σ² j + (j se(b))²`, `j = ⌈h/k⌉`.
/// - **mean**: the predictive distribution behind R's `meanf` interval: per path
///   `σ*² = s² (n − 1)/χ²ₙ₋₁`, `μ* ~ N(ȳ, σ*²/n)`, `yₕ = μ* + σ* zₕ`; each step is then
///   `ȳ + s √(1 + 1/n) tₙ₋₁`, the interval's distribution.
/// - **theta**: SES with drift, R's `thetaf` model: `yₕ = ℓₕ₋₁ + b (h − 1 + (1 − (1 − α)ⁿ)/α) + εₕ`,
///   `ℓₕ = ℓₕ₋₁ + α εₕ`, multiplied by the seasonal index when the series was seasonally adjusted
///   (R's own interval is not reseasonalised; the paths are, so their spread is the interval's
///   half-width times the index).
/// - **Box–Cox** models: the base model's path on the transformed scale, back-transformed
///   (quantiles carry over; the sample mean is the back-transformed distribution's mean, which the
///   point forecast equals only with bias adjustment).
/// - **stm / otm / dstm / dotm / auto-theta**: statsforecast's `simulate_theta` recursion (see
///   ``OptimisedTheta``), reseasonalised.
/// - **CES** (`ces(…)`, `auto-ces`): the innovations form `yₜ = ŷₜ + εₜ` run forward from the
///   final states, written as `yₕ = ŷₕ + εₕ + Σ_{j<h} cⱼ εₕ₋ⱼ` with the recursion's error weights
///   `cⱼ`, so each step has the variance of ``ComplexExponentialSmoothing/forecast(horizon:levels:)``.
/// - **TBATS** (`tbats`): the innovations form on the Box–Cox scale run forward from the final
///   state, `wₕ = ŵₕ + εₕ + Σ_{j<h} cⱼ εₕ₋ⱼ` with `cⱼ = w'Fʲ⁻¹g`, back-transformed.
/// - **stl-ets**: the ETS path of the seasonally adjusted series plus the last seasonal cycles.
///
/// - **auto** (``AutoEnsemble``): the equal-weight mixture of its members' paths — each path is
///   one member's path, the member drawn uniformly (one more uniform from the generator).
///
/// A combination (`combo(…)`) is a mean of forecasts, not a model of the data, and is refused.
///
/// ```swift
/// let fit = try ModelSpecification.arima(.init(p: 1, d: 1, q: 0)).fit(series, seasonLength: 1)
/// let simulator = try fit.pathSimulator(horizon: 10)
/// var generator = SeededGenerator(seed: 1).split(stream: 0)
/// let path = simulator.path(generator: &generator)   // 10 values, conditioned on `series`
/// ```
public struct FuturePathSimulator: Sendable {
    /// Steps per path.
    public let horizon: Int
    let kind: Kind

    indirect enum Kind: Sendable {
        case arima(ARIMAPathModel)
        case ets(ETSPathModel)
        case lagWalk(future: [Double], drift: Double, driftStandardError: Double, sigma: Double)
        case mean(mean: Double, standardDeviation: Double, count: Int)
        case theta(level: Double, alpha: Double, drift: Double, shift: Double, sigma: Double, seasonalIndices: [Double])
        case boxCox(FuturePathSimulator, BoxCox)
        case shifted(FuturePathSimulator, offset: [Double])
        case optimisedTheta(OptimisedThetaPathModel)
        /// `yₕ = meanₕ + εₕ + Σ_{j<h} cⱼ εₕ₋ⱼ`, a linear innovations model given by its error weights.
        case linearInnovations(mean: [Double], weights: [Double], sigma: Double)
        /// One member's path, the member chosen uniformly from the generator (``AutoEnsemble``).
        case mixture([FuturePathSimulator])
    }

    /// One future path.
    ///
    /// - Parameter generator: the path's random stream; advanced by the normals the path uses
    ///   (`horizon`, plus the rank of the filtered state covariance for ARIMA, one more for drift,
    ///   two more for mean).
    /// - Returns: `horizon` values, the first one step after the last observation.
    /// - Complexity: O(horizon · (r + d)) for ARIMA with state size `r + d` (plus O((r + d)²) for
    ///   the state draw), O(horizon) otherwise. Allocates the path and its scratch; to draw many
    ///   paths without allocating, use ``path(into:workspace:generator:)``.
    public func path(generator: inout SeededGenerator) -> [Double] {
        var out: [Double] = []
        var workspace = Workspace()
        path(into: &out, workspace: &workspace, generator: &generator)
        return out
    }

    /// One future path written into a caller-owned buffer, with caller-owned scratch: the same
    /// numbers as ``path(generator:)`` for the same generator, without allocating once `output`
    /// and `workspace` have grown to this simulator's sizes.
    ///
    /// The simulator itself is immutable and shared between threads; each thread keeps its own
    /// `output` and `workspace` (one workspace serves any number of simulators).
    ///
    /// ```swift
    /// var workspace = FuturePathSimulator.Workspace()
    /// var path: [Double] = []
    /// for k in 0..<1000 {
    ///     var generator = root.split(stream: UInt64(k))
    ///     simulator.path(into: &path, workspace: &workspace, generator: &generator)
    ///     // use `path` before the next iteration overwrites it
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - output: replaced by the path's `horizon` values (its storage is reused when it is
    ///     uniquely referenced and large enough).
    ///   - workspace: scratch buffers, grown on first use.
    ///   - generator: as ``path(generator:)``.
    /// - Complexity: as ``path(generator:)``; no allocation when `output` and `workspace` are
    ///   already large enough and not shared.
    public func path(into output: inout [Double], workspace: inout Workspace, generator: inout SeededGenerator) {
        Workspace.resize(&output, to: horizon)
        output.withUnsafeMutableBufferPointer { write(into: $0, workspace: &workspace, generator: &generator) }
    }

    /// Scratch buffers for ``path(into:workspace:generator:)``: the ARIMA state pair and the ETS
    /// innovations and seasonal ring. One per thread; it grows to the largest simulator it serves.
    public struct Workspace: Sendable {
        var state: [Double] = []
        var nextState: [Double] = []
        var innovations: [Double] = []
        var ring: [Double] = []

        /// Empty scratch; the buffers grow on first use.
        public init() {}

        /// Makes `buffer` hold exactly `count` values, keeping its storage when it can.
        static func resize(_ buffer: inout [Double], to count: Int) {
            if buffer.count > count {
                buffer.removeLast(buffer.count - count)
            } else if buffer.count < count {
                buffer.append(contentsOf: repeatElement(0, count: count - buffer.count))
            }
        }
    }

    /// Writes one future path into `output` (its first `horizon` entries).
    ///
    /// - Parameters:
    ///   - output: at least `horizon` values.
    ///   - workspace: scratch, as ``path(into:workspace:generator:)``.
    ///   - generator: as ``path(generator:)``.
    /// - Precondition: `output.count >= horizon` (the module's own buffers; callers outside the
    ///   module use ``path(into:workspace:generator:)``, which cannot get it wrong).
    /// - Complexity: as ``path(generator:)``.
    func write(into output: UnsafeMutableBufferPointer<Double>, workspace: inout Workspace, generator: inout SeededGenerator) {
        precondition(output.count >= horizon, "the output holds \(output.count) values; the horizon is \(horizon)")
        let h = horizon
        switch kind {
        case .arima(let model):
            model.write(into: output, horizon: h, workspace: &workspace, generator: &generator)
        case .ets(let model):
            model.write(into: output, horizon: h, workspace: &workspace, generator: &generator)
        case let .lagWalk(future, drift, driftSE, sigma):
            let b = driftSE > 0 ? drift + driftSE * generator.nextNormal() : drift
            let lag = future.count
            for step in 0..<h {
                let previous = step >= lag ? output[step - lag] : future[step]
                output[step] = previous + b + sigma * generator.nextNormal()
            }
        case let .mean(mean, sd, n):
            let degrees = Double(n - 1)
            let chiSquare = (try? ChiSquared(degreesOfFreedom: degrees))?.sample(using: &generator) ?? degrees
            let scale = sd * (degrees / chiSquare).squareRoot()
            let level = mean + scale / Double(n).squareRoot() * generator.nextNormal()
            for step in 0..<h { output[step] = level + scale * generator.nextNormal() }
        case let .theta(level, alpha, drift, shift, sigma, indices):
            var current = level
            for step in 0..<h {
                let e = sigma * generator.nextNormal()
                var y = current + drift * (Double(step) + shift) + e
                if !indices.isEmpty { y *= indices[step % indices.count] }
                output[step] = y
                current += alpha * e
            }
        case let .boxCox(base, transform):
            base.write(into: output, workspace: &workspace, generator: &generator)
            for step in 0..<h { output[step] = transform.inverse(output[step]) }
        case let .shifted(base, offset):
            base.write(into: output, workspace: &workspace, generator: &generator)
            for step in 0..<h { output[step] += offset[step] }
        case .optimisedTheta(let model):
            model.write(into: output, horizon: h, generator: &generator)
        case .mixture(let members):
            let chosen = Int.random(in: 0..<members.count, using: &generator)
            members[chosen].write(into: output, workspace: &workspace, generator: &generator)
        case let .linearInnovations(mean, weights, sigma):
            var errors = [Double](repeating: 0, count: h)
            for step in 0..<h {
                let e = sigma * generator.nextNormal()
                errors[step] = e
                var y = mean[step] + e
                for j in 1..<(step + 1) { y += weights[j - 1] * errors[step - j] }
                output[step] = y
            }
        }
    }
}

/// An ARIMA model's state-space form with the filtered final state, ready to run forward.
struct ARIMAPathModel: Sendable {
    /// Expanded AR and MA coefficients, differencing coefficients `y_t = Σ δᵢ y_{t−i} + w_t`.
    let phi: [Double], theta: [Double], delta: [Double]
    /// ARMA state size `r = max(p, q + 1)` and differencing order.
    let r: Int, d: Int
    /// `a_{n|n}`.
    let state: [Double]
    /// `F` with `F Fᵀ = σ² P_{n|n}`, column-major `(r + d) × rank`.
    let stateFactor: [Double]
    let rank: Int
    let sigma: Double
    /// The regression part `μ + δ (n + h) + βᵀ x_{n+h}` per step.
    let offset: [Double]

    func write(
        into output: UnsafeMutableBufferPointer<Double>, horizon: Int, workspace: inout FuturePathSimulator.Workspace,
        generator: inout SeededGenerator
    ) {
        let rd = r + d
        // The workspace's buffers are moved out (not copied) for the loop and put back after it.
        var current: [Double] = []
        var next: [Double] = []
        swap(&current, &workspace.state)
        swap(&next, &workspace.nextState)
        defer {
            workspace.state = current
            workspace.nextState = next
        }
        FuturePathSimulator.Workspace.resize(&current, to: rd)
        FuturePathSimulator.Workspace.resize(&next, to: rd)
        for i in 0..<rd { current[i] = state[i] }
        for k in 0..<rank {
            let z = generator.nextNormal()
            for i in 0..<rd { current[i] += stateFactor[i + rd * k] * z }
        }
        for step in 0..<horizon {
            let e = sigma * generator.nextNormal()
            let a0 = current[0]
            // The companion rows of R's makeARIMA: aᵢ ← φᵢ a₀ + aᵢ₊₁ + Rᵢ ε, R = (1, θ₁, …).
            for i in 0..<r {
                var value = i < phi.count ? phi[i] * a0 : 0
                if i + 1 < r { value += current[i + 1] }
                value += (i == 0 ? 1 : (i - 1 < theta.count ? theta[i - 1] : 0)) * e
                next[i] = value
            }
            // The differencing block stores past observations: y_{t−1} = a₀ + Σ δⱼ a_{r+j}.
            if d > 0 {
                var y = a0
                for j in 0..<d { y += delta[j] * current[r + j] }
                next[r] = y
                for i in stride(from: d - 1, to: 0, by: -1) { next[r + i] = current[r + i - 1] }
            }
            swap(&current, &next)
            var y = current[0]
            for j in 0..<d { y += delta[j] * current[r + j] }
            output[step] = y + offset[step]
        }
    }
}

/// An ETS model's recursion with its final state.
struct ETSPathModel: Sendable {
    let recursion: ETSRecursion
    let state: [Double]
    let sigma: Double
    let multiplicativeError: Bool
    let seasonLength: Int

    func write(
        into output: UnsafeMutableBufferPointer<Double>, horizon: Int, workspace: inout FuturePathSimulator.Workspace,
        generator: inout SeededGenerator
    ) {
        var innovations: [Double] = []
        var ring: [Double] = []
        swap(&innovations, &workspace.innovations)
        swap(&ring, &workspace.ring)
        defer {
            workspace.innovations = innovations
            workspace.ring = ring
        }
        FuturePathSimulator.Workspace.resize(&innovations, to: horizon)
        FuturePathSimulator.Workspace.resize(&ring, to: Swift.max(seasonLength, 1))
        for step in 0..<horizon {
            let e = sigma * generator.nextNormal()
            innovations[step] = multiplicativeError ? Swift.max(-1, e) : e
        }
        innovations.withUnsafeBufferPointer { e in
            ring.withUnsafeMutableBufferPointer { r in
                recursion.simulate(state: state, innovations: e, ring: r,
                                   output: UnsafeMutableBufferPointer(rebasing: output[0..<horizon]))
            }
        }
    }
}
