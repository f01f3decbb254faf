import Foundation
import Testing
import UrbanCast

/// The progress-and-cancellation example for embedders: a forecast run over a panel built in
/// memory reports each finished series to a closure, run in a task that a Stop button could cancel
/// (``CancellationTests`` checks what cancelling does).
@Suite struct LibraryExampleProgressTests {
    @Test func forecastRunReportsProgressAndCanBeStopped() async throws {
        let counts = Recorder()
        // The example, as it would be written in an app (the closure also records, for the checks).
        let panel = try SeriesPanel((1...50).map { i in
            KeyedSeries(key: ["district": "d\(i)"], unit: "m³", series: TimeSeries(
                start: try SeriesDate(parsing: "2015-01"), frequency: .monthly,
                values: (0..<96).map { 100 + Double(i) + 10 * sin(Double($0) * .pi / 6) }))
        })
        let forecasts = Task {
            try await ForecastRun(panel, configuration: .init(model: .theta, horizon: 12),
                                  progress: ProgressHandler { counts.append($0); print("\($0.completed) of \($0.total ?? 0) districts") })
        }
        // A Stop button would call forecasts.cancel(); the run would then throw ForecastRunError.cancelled.
        let run = try await forecasts.value
        print(run[["district": "d1"]]?.forecast?.dates.first ?? "no forecast")

        #expect(run.results.count == 50 && run.results.allSatisfy(\.hasForecast))
        #expect(run[["district": "d1"]]?.forecast?.dates.first?.description == "2023-01")
        #expect(counts.reports.map(\.completed) == Array(1...50) && counts.reports.allSatisfy { $0.total == 50 })
    }
}
