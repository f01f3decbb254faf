import Forecasting

extension BacktestRun.ModelResult {
    /// The model's scores step by step ahead: element `j − 1` is the mean over series of each
    /// series' `j`-step-ahead scores (``Backtest/scoresByStep``), aggregated as ``aggregate`` is
    /// (scale-dependent scores per unit when the series' units differ).
    ///
    /// ```swift
    /// run.models[0].aggregateByStep.map(\.scores.mase)   // MASE one, two, … steps ahead
    /// ```
    ///
    /// - Complexity: O(series × windows × horizon × levels).
    public var aggregateByStep: [Backtest.Aggregate] {
        let scored = results.compactMap { result in result.backtest.map { (steps: $0.scoresByStep, unit: result.unit) } }
        let horizon = scored.map(\.steps.count).max() ?? 0
        let levels = results.lazy.compactMap(\.backtest).first?.configuration.levels ?? []
        return (0..<horizon).map { j in
            Backtest.Aggregate(scored.filter { j < $0.steps.count }.map { ($0.steps[j], $0.unit) }, levels: levels)
        }
    }
}
