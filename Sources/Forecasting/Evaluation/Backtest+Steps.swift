extension Backtest {
    /// The scores of each step ahead: element `j − 1` scores only the `j`-step-ahead forecasts of
    /// every successful window, with the definitions of ``Scores`` (each window's MASE and RMSSE
    /// scale from its own training data).
    ///
    /// How accuracy decays with the horizon, as R's `tsCV` error matrix read column by column
    /// (`colMeans(abs(e), na.rm = TRUE)` is the MAE per step). Every window counts once per step,
    /// so element `j − 1` pools `K` pairs where the whole ``scores`` pools `K·h`; with every actual
    /// present, the mean of the steps' MAE (and MASE) is ``scores``'s MAE (and MASE).
    ///
    /// ```swift
    /// backtest.scoresByStep.map(\.mase)   // [0.41, 0.63, 0.80]: one-, two- and three-step-ahead MASE
    /// ```
    ///
    /// - Complexity: O(K·h·levels).
    public var scoresByStep: [Scores] {
        (0..<configuration.horizon).map { j in
            let step = windows.map { window -> Window in
                guard let forecast = window.forecast, j < window.actual.count, j < forecast.mean.count else {
                    return Window(index: window.index, training: window.training, test: window.test, actual: [],
                                  forecast: nil, metrics: nil, error: window.error, scale: window.scale)
                }
                let single = Forecast(mean: [forecast.mean[j]], levels: forecast.levels, lower: forecast.lower.map { [$0[j]] },
                                      upper: forecast.upper.map { [$0[j]] })
                let at = window.test.lowerBound + j
                return Window(index: window.index, training: window.training, test: at..<(at + 1), actual: [window.actual[j]],
                              forecast: single, metrics: nil, error: nil, scale: window.scale)
            }
            return Scores(windows: step, levels: configuration.levels)
        }
    }
}
