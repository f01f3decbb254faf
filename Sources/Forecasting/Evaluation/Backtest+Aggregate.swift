extension Backtest {
    /// One model's scores over many series: every series scored on its own windows
    /// (``Backtest/scores``), then the **mean over series** of each score, as the M competitions
    /// aggregate MASE, sMAPE and RMSSE.
    ///
    /// With series `i = 1…N` and their scores `sᵢ` (MASE, RMSSE, sMAPE, MAPE, MPE, ME, RMSE, MAE,
    /// coverage, Winkler, pinball loss and CRPS alike), the aggregate is `Σ sᵢ / N'` over the `N'`
    /// series where that score is not NaN (a series with every window failed, or every held-out
    /// value missing, leaves that mean; a zero MASE scale gives ∞, as in R). Every series weighs
    /// the same, however many windows or steps it had: a long series does not outvote a short
    /// one. `windows`, `failed` and `observations` are sums.
    ///
    /// **Units.** ME, RMSE, MAE, the Winkler scores, the pinball losses and the CRPS are in the
    /// units of the data, so they are averaged only over series of one unit: when the series have
    /// more than one unit, those scores are NaN in ``scores`` and given per unit in ``byUnit``.
    /// The scale-free scores (MASE, RMSSE, the percentage errors, coverage) are averaged over all
    /// series. A series without a unit (`nil`) counts as its own unit, so a file without units
    /// averages as one group.
    ///
    /// Sums run in the order the series were added, so the result is the same for any number of
    /// threads.
    public struct Aggregate: Sendable, Equatable {
        /// The aggregation's name as outputs state it.
        public static let aggregation = "mean over series"

        /// The scores of one unit's series.
        public struct UnitGroup: Sendable, Equatable {
            /// The unit, or `nil` for series without one.
            public let unit: String?
            /// Series in the group.
            public let series: Int
            /// The mean over the group's series of each score.
            public let scores: Scores
        }

        /// Series aggregated.
        public let series: Int
        /// The mean over series of each score; the scale-dependent scores are NaN when
        /// ``isMixingUnits``.
        public let scores: Scores
        /// One group per distinct unit, in order of first appearance.
        public let byUnit: [UnitGroup]

        /// Whether the series have more than one unit (so the scale-dependent scores are only in
        /// ``byUnit``).
        public var isMixingUnits: Bool { byUnit.count > 1 }

        /// The mean over `series` of their scores.
        ///
        /// - Parameters:
        ///   - series: each series' scores (from backtests with the same levels) and unit.
        ///   - levels: the interval levels in percent, ascending.
        /// - Complexity: O(N × levels).
        public init(_ series: [(scores: Scores, unit: String?)], levels: [Double]) {
            var accumulator = Accumulator(levels: levels)
            for entry in series { accumulator.add(entry.scores, unit: entry.unit) }
            self = accumulator.aggregate
        }

        init(series: Int, scores: Scores, byUnit: [UnitGroup]) {
            self.series = series
            self.scores = scores
            self.byUnit = byUnit
        }
    }

    /// Adds series' scores one at a time, for runs that stream their series and keep no
    /// per-series results; ``aggregate`` is the same ``Aggregate`` as one made from all of them.
    public struct Accumulator: Sendable {
        private let levels: [Double]
        private var all: Sums
        private var units: [String?] = []
        private var groups: [Sums] = []

        /// An empty accumulator.
        ///
        /// - Parameter levels: the interval levels in percent, ascending, of every score added.
        public init(levels: [Double]) {
            self.levels = levels
            all = Sums(levels: levels)
        }

        /// Adds one series' scores.
        ///
        /// - Parameters:
        ///   - scores: the series' scores, at the accumulator's levels.
        ///   - unit: the series' unit, or `nil`.
        /// - Complexity: O(levels + units).
        public mutating func add(_ scores: Scores, unit: String?) {
            precondition(scores.levels == levels, "Aggregated scores need the same levels")
            all.add(scores)
            if let g = units.firstIndex(of: unit) {
                groups[g].add(scores)
            } else {
                units.append(unit)
                var group = Sums(levels: levels)
                group.add(scores)
                groups.append(group)
            }
        }

        /// The mean over the series added so far.
        ///
        /// - Complexity: O(levels × units).
        public var aggregate: Aggregate {
            let byUnit = zip(units, groups).map { Aggregate.UnitGroup(unit: $0, series: $1.series, scores: $1.means(keepingScaled: true)) }
            return Aggregate(series: all.series, scores: all.means(keepingScaled: units.count <= 1), byUnit: byUnit)
        }
    }

    /// Running sums of every score, NaN skipped per score.
    private struct Sums: Sendable {
        let levels: [Double]
        var series = 0, windows = 0, failed = 0, observations = 0
        var sum: [Double], count: [Int]
        var probabilities: [Double]

        init(levels: [Double]) {
            self.levels = levels
            let width = Scores.layoutWidth(levels: levels.count)
            sum = Array(repeating: 0, count: width)
            count = Array(repeating: 0, count: width)
            probabilities = Scores.quantileProbabilities(levels)
        }

        mutating func add(_ scores: Scores) {
            series += 1
            windows += scores.windows
            failed += scores.failed
            observations += scores.observations
            for (i, value) in scores.layout.enumerated() where !value.isNaN {
                sum[i] += value
                count[i] += 1
            }
        }

        /// The means; with `keepingScaled` false the scale-dependent ones are NaN.
        func means(keepingScaled: Bool) -> Scores {
            let scaleDependent = Scores.scaleDependentPositions(levels: levels.count)
            let values = sum.indices.map { i -> Double in
                if !keepingScaled && scaleDependent.contains(i) { return .nan }
                return count[i] == 0 ? .nan : sum[i] / Double(count[i])
            }
            return Scores(levels: levels, probabilities: probabilities, windows: windows, failed: failed,
                          observations: observations, layout: values)
        }
    }
}

extension Backtest.Scores {
    /// Every score as one array, in a fixed order: ME, RMSE, MAE, MPE, MAPE, sMAPE, MASE,
    /// RMSSE, coverage per level, Winkler per level, pinball per bound quantile, then CRPS (when
    /// there are levels).
    var layout: [Double] {
        [me, rmse, mae, mpe, mape, smape, mase, rmsse] + coverage + winkler + pinball.map(\.loss)
            + (levels.isEmpty ? [] : [crps ?? .nan])
    }

    static func layoutWidth(levels: Int) -> Int { 8 + 4 * levels + (levels == 0 ? 0 : 1) }

    /// Positions in ``layout`` of the scores in the data's units: ME, RMSE, MAE, Winkler,
    /// pinball, CRPS.
    static func scaleDependentPositions(levels: Int) -> Set<Int> {
        Set([0, 1, 2]).union((8 + levels)..<layoutWidth(levels: levels))
    }

    /// The bounds' quantile probabilities, ascending: `(100 ∓ L)/200` per level `L`.
    static func quantileProbabilities(_ levels: [Double]) -> [Double] {
        levels.flatMap { [(100 - $0) / 200, (100 + $0) / 200] }.sorted()
    }

    /// Scores from their ``layout``.
    init(levels: [Double], probabilities: [Double], windows: Int, failed: Int, observations: Int, layout v: [Double]) {
        let l = levels.count
        self.windows = windows
        self.failed = failed
        self.observations = observations
        me = v[0]
        rmse = v[1]
        mae = v[2]
        mpe = v[3]
        mape = v[4]
        smape = v[5]
        mase = v[6]
        rmsse = v[7]
        self.levels = levels
        coverage = Array(v[8..<(8 + l)])
        winkler = Array(v[(8 + l)..<(8 + 2 * l)])
        pinball = zip(probabilities, v[(8 + 2 * l)..<(8 + 4 * l)]).map { QuantileLoss(probability: $0, loss: $1) }
        crps = l == 0 ? nil : v[8 + 4 * l]
    }
}
