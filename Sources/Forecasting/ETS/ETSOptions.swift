/// How an ETS model is estimated: R forecast 8.20's `ets` arguments `bounds`, `lower`, `upper`, the
/// optimiser's limits, and the simulation used for intervals of multiplicative-trend models.
public struct ETSOptions: Sendable, Equatable {
    /// Which parameter region the optimiser may search (R's `bounds`).
    public enum Bounds: String, Sendable, Hashable, CaseIterable {
        /// Both the usual box (`lower ≤ α ≤ upper`, `β ≤ α`, `γ ≤ 1 − α`) and the admissible
        /// (forecastable) region; R's default.
        case both
        /// Only the usual box.
        case usual
        /// Only the admissible region of Hyndman et al. (2008), ch. 10.
        case admissible
    }

    /// Lower or upper limits for the smoothing parameters α, β, γ and the damping φ.
    public struct Limits: Sendable, Equatable {
        /// Level smoothing α.
        public var alpha: Double
        /// Trend smoothing β (R's β = α·β* convention: β ≤ α).
        public var beta: Double
        /// Seasonal smoothing γ (γ ≤ 1 − α).
        public var gamma: Double
        /// Damping φ.
        public var phi: Double

        /// Limits from their parts.
        ///
        /// - Parameters:
        ///   - alpha: limit for α.
        ///   - beta: limit for β.
        ///   - gamma: limit for γ.
        ///   - phi: limit for φ.
        public init(alpha: Double, beta: Double, gamma: Double, phi: Double) {
            self.alpha = alpha
            self.beta = beta
            self.gamma = gamma
            self.phi = phi
        }

        /// R's default lower limits: 1e−4 for α, β, γ and 0.8 for φ.
        public static let defaultLower = Limits(alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8)
        /// R's default upper limits: 0.9999 for α, β, γ and 0.98 for φ.
        public static let defaultUpper = Limits(alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98)
    }

    /// Parameter region, default ``Bounds/both``.
    public var bounds: Bounds
    /// Lower limits, default ``Limits/defaultLower``.
    public var lower: Limits
    /// Upper limits, default ``Limits/defaultUpper``.
    public var upper: Limits
    /// Nelder–Mead evaluation limit, R's `maxit = 2000` in `etsmodel`.
    public var maximumEvaluations: Int
    /// Nelder–Mead relative tolerance, R's `sqrt(.Machine$double.eps)` ≈ 1.49e−8.
    public var relativeTolerance: Double
    /// Sample paths for simulated intervals (multiplicative-trend models), R's `npaths = 5000`.
    public var simulationPaths: Int
    /// Seed for the simulated intervals that ``ETSModel/forecast(horizon:levels:)`` draws when no
    /// generator is passed, so repeated calls give identical output.
    public var simulationSeed: UInt64

    /// Options with R's defaults unless given.
    ///
    /// - Parameters:
    ///   - bounds: parameter region, default `.both`.
    ///   - lower: lower limits, default R's.
    ///   - upper: upper limits, default R's.
    ///   - maximumEvaluations: optimiser evaluation limit, default 2000.
    ///   - relativeTolerance: optimiser tolerance, default √ε.
    ///   - simulationPaths: simulated paths for intervals, default 5000.
    ///   - simulationSeed: default seed for simulated intervals, default 42.
    public init(
        bounds: Bounds = .both, lower: Limits = .defaultLower, upper: Limits = .defaultUpper,
        maximumEvaluations: Int = 2000, relativeTolerance: Double = Double.ulpOfOne.squareRoot(),
        simulationPaths: Int = 5000, simulationSeed: UInt64 = 42
    ) {
        self.bounds = bounds
        self.lower = lower
        self.upper = upper
        self.maximumEvaluations = maximumEvaluations
        self.relativeTolerance = relativeTolerance
        self.simulationPaths = simulationPaths
        self.simulationSeed = simulationSeed
    }
}
