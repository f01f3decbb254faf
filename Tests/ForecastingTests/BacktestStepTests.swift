import Forecasting
import Testing
import TestSupport

/// Scores step by step ahead, checked by hand arithmetic.
@Suite struct BacktestStepTests {
    /// On `y = t` the naive forecast from origin `o` is `o − 1` at every step, so the error `j`
    /// steps ahead is exactly `j`; the lag-1 scale of every training window is 1, so MASE `j`
    /// steps ahead is `j` as well, and sMAPE is `200 j / (2y − j)` averaged over the windows.
    @Test func naiveOnALineErrsByTheStepsAhead() async throws {
        let values = (0..<20).map(Double.init)
        let backtest = try await Backtest(values, model: .naive, seasonLength: 1,
                                          configuration: .init(horizon: 3, windows: 4))
        let steps = backtest.scoresByStep
        #expect(steps.count == 3)
        expectClose(steps.map(\.mae), [1, 2, 3], .absolute(1e-12))
        expectClose(steps.map(\.mase), [1, 2, 3], .absolute(1e-12))
        expectClose(steps.map(\.me), [1, 2, 3], .absolute(1e-12))
        #expect(steps.allSatisfy { $0.windows == 4 && $0.observations == 4 && $0.failed == 0 })
        // Windows' origins are 14…17; one step ahead the actuals are 14…17 and the forecasts 13…16.
        let origins: [Double] = [14, 15, 16, 17]
        let terms: [Double] = origins.map { (y: Double) -> Double in 200 / (2 * y - 1) }
        let smape1: Double = terms.reduce(0, +) / 4
        expectClose(steps[0].smape, smape1, .absolute(1e-12))
        // Every actual present: the steps' mean MAE is the whole backtest's MAE.
        expectClose(steps.map(\.mae).reduce(0, +) / 3, backtest.scores.mae, .absolute(1e-12))
    }
}
