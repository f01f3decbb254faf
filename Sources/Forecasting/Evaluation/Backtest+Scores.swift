import Statistics

extension Backtest {
    /// Accuracy of a backtest, pooled over every successful window and every step.
    ///
    /// With window `k`'s errors `eₖⱼ = yₖⱼ − ŷₖⱼ` (`j = 1…h`), its scales `Qₖ = mean|∇ₘ y|` and
    /// `Sₖ = mean (∇ₘ y)²` on its own training data (lag `m` = the season length when above 1,
    /// else 1, as R's `accuracy`), and the means taken over all pairs `(k, j)` of successful
    /// windows whose actual and forecast are both present:
    /// - `ME = mean e`, `RMSE = √mean e²`, `MAE = mean|e|`, `MPE = mean 100e/y`, `MAPE = mean|100e/y|`,
    ///   `sMAPE = mean 200|e|/(|y| + |ŷ|)` (percentages skip pairs where they are NaN, as
    ///   ``AccuracyMetrics``);
    /// - `MASE = mean |eₖⱼ|/Qₖ`, `RMSSE = √mean e²ₖⱼ/Sₖ`.
    ///
    /// These are the metrics of R's `tsCV` error matrix taken as a whole (e.g.
    /// `sqrt(mean(e^2, na.rm = TRUE))`), restricted to the backtest's origins. When every window has
    /// all `h` actuals, MASE is also the mean over windows of each window's
    /// ``AccuracyMetrics/mase``; RMSE is the root of the mean of the windows' squared RMSEs. A
    /// window whose scale is zero (constant training data) gives an infinite MASE, as in R; one
    /// with no difference at the lag gives NaN.
    ///
    /// Interval scores, for each level `L` (α = 1 − L/100), over the same pairs:
    /// - `coverage` — the share of actuals inside `[lower, upper]`;
    /// - `winkler` — the mean of `(u − l) + (2/α)(l − y)[y < l] + (2/α)(y − u)[y > u]`;
    /// - `pinball` — the mean pinball loss of the lower bound as the quantile `α/2` and of the
    ///   upper bound as the quantile `1 − α/2`;
    /// - `crps` — the Gaussian CRPS of `N(ŷ, σ²)` with `σ = (u − l)/(2 z)` from the widest
    ///   interval, `z = Φ⁻¹(1 − α/2)` at its level. This is exact for the symmetric normal
    ///   intervals of ARIMA, ETS with additive errors and the benchmarks, and an approximation for
    ///   asymmetric (Box–Cox, simulated) intervals. A zero-width interval scores `|y − ŷ|`, the
    ///   limit as σ → 0.
    ///
    /// All scores are NaN when no window succeeded.
    public struct Scores: Sendable, Equatable {
        /// Windows attempted.
        public let windows: Int
        /// Windows whose model failed (left out of every score).
        public let failed: Int
        /// Scored (window, step) pairs: both actual and forecast present.
        public let observations: Int
        /// Mean error.
        public let me: Double
        /// Root mean squared error.
        public let rmse: Double
        /// Mean absolute error.
        public let mae: Double
        /// Mean percentage error (percent).
        public let mpe: Double
        /// Mean absolute percentage error (percent).
        public let mape: Double
        /// Symmetric MAPE (percent, 0–200).
        public let smape: Double
        /// Mean absolute scaled error, each window scaled on its own training data.
        public let mase: Double
        /// Root mean squared scaled error, each window scaled on its own training data.
        public let rmsse: Double
        /// The interval levels in percent, ascending; the next two arrays follow them.
        public let levels: [Double]
        /// Interval coverage (a share in [0, 1]) per level.
        public let coverage: [Double]
        /// Mean Winkler score per level.
        public let winkler: [Double]
        /// Mean pinball loss at each interval bound's quantile, by ascending probability.
        public let pinball: [QuantileLoss]
        /// Gaussian CRPS from the widest interval, or `nil` without intervals.
        public let crps: Double?

        /// The pinball loss of the bounds forecasting one quantile.
        public struct QuantileLoss: Sendable, Equatable {
            /// The quantile's probability τ, e.g. 0.025 for the lower 95% bound.
            public let probability: Double
            /// The mean loss `max(τ(y − q), (τ − 1)(y − q))`.
            public let loss: Double
        }

        /// The scores of a series with no window scored (too short for the windows): NaN
        /// everywhere, no windows.
        ///
        /// - Parameter levels: the interval levels in percent, ascending.
        public init(unscoredAt levels: [Double]) {
            self.init(windows: [], levels: levels)
        }

        /// Score windows.
        init(windows: [Window], levels: [Double]) {
            var actual: [Double] = [], mean: [Double] = [], scaledAbsolute: [Double] = [], scaledSquared: [Double] = []
            var lower = [[Double]](repeating: [], count: levels.count), upper = lower
            var failed = 0
            for window in windows {
                guard let forecast = window.forecast else { failed += 1; continue }
                for j in window.actual.indices {
                    let y = window.actual[j], f = forecast.mean[j]
                    guard !(y - f).isNaN else { continue }
                    actual.append(y)
                    mean.append(f)
                    scaledAbsolute.append(Swift.abs(y - f) / window.scale.absolute)
                    scaledSquared.append((y - f) * (y - f) / window.scale.squared)
                    for l in levels.indices {
                        lower[l].append(forecast.lower[l][j])
                        upper[l].append(forecast.upper[l][j])
                    }
                }
            }
            func average(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
            let point = AccuracyMetrics(actual: actual, forecast: mean, training: [], seasonLength: 1)
            self.windows = windows.count
            self.failed = failed
            self.observations = actual.count
            me = point.me
            rmse = point.rmse
            mae = point.mae
            mpe = point.mpe
            mape = point.mape
            smape = point.smape
            mase = average(scaledAbsolute)
            rmsse = average(scaledSquared).squareRoot()
            self.levels = levels
            coverage = levels.indices.map { IntervalScores.coverage(actual: actual, lower: lower[$0], upper: upper[$0]) }
            winkler = levels.indices.map {
                IntervalScores.winkler(actual: actual, lower: lower[$0], upper: upper[$0], level: levels[$0])
            }
            pinball = levels.indices.flatMap { l -> [QuantileLoss] in
                // (100 ∓ L)/200 rather than α/2 and 1 − α/2, so 95 gives exactly 0.025 and 0.975.
                let low = (100 - levels[l]) / 200, high = (100 + levels[l]) / 200
                return [
                    QuantileLoss(probability: low, loss: IntervalScores.pinball(actual: actual, quantile: lower[l], probability: low)),
                    QuantileLoss(probability: high, loss: IntervalScores.pinball(actual: actual, quantile: upper[l], probability: high)),
                ]
            }.sorted { $0.probability < $1.probability }
            if let widest = levels.indices.last {
                let z = Normal.standard.quantile(0.5 + levels[widest] / 200)
                let sigma = zip(lower[widest], upper[widest]).map { ($1 - $0) / (2 * z) }
                crps = Self.gaussianCRPS(actual: actual, mean: mean, standardDeviation: sigma)
            } else {
                crps = nil
            }
        }

        /// ``IntervalScores/gaussianCRPS(actual:mean:standardDeviation:)``, with `|y − μ|` where σ = 0.
        static func gaussianCRPS(actual: [Double], mean: [Double], standardDeviation: [Double]) -> Double {
            var spread: [Int] = [], degenerate = 0.0, degenerateCount = 0
            for i in actual.indices {
                if standardDeviation[i] == 0 {
                    degenerate += Swift.abs(actual[i] - mean[i])
                    degenerateCount += 1
                } else {
                    spread.append(i)
                }
            }
            let total = actual.count
            guard total > 0 else { return .nan }
            var sum = degenerate
            if !spread.isEmpty {
                let score = IntervalScores.gaussianCRPS(actual: spread.map { actual[$0] }, mean: spread.map { mean[$0] },
                                                        standardDeviation: spread.map { standardDeviation[$0] })
                sum += score * Double(spread.count)
            }
            return sum / Double(total)
        }

        /// The coverage at `level`, or `nil` if it was not scored.
        ///
        /// - Complexity: O(levels).
        public func coverage(level: Double) -> Double? {
            levels.firstIndex(of: level).map { coverage[$0] }
        }

        /// The Winkler score at `level`, or `nil` if it was not scored.
        ///
        /// - Complexity: O(levels).
        public func winkler(level: Double) -> Double? {
            levels.firstIndex(of: level).map { winkler[$0] }
        }
    }

    /// The windows whose model failed, with the model's error, oldest first.
    ///
    /// - Complexity: O(K).
    public var failures: [(window: Int, error: ForecastingError)] {
        windows.compactMap { w in w.error.map { (w.index, $0) } }
    }
}
