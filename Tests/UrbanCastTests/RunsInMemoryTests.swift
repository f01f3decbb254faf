import Foundation
import Testing
import UrbanCast
import TestSupport

/// The forecast, backtest and regression runs on values held in memory: the same numbers as the
/// undated models on the same values, results looked up by key, units and dates carried through,
/// and errors that keep their parts.
@Suite struct ForecastRunPanelTests {
    static func yearly(_ values: [Double], from year: String = "2000") throws -> TimeSeries {
        TimeSeries(start: try SeriesDate(parsing: year), frequency: .yearly, values: values)
    }

    static let water: [Double] = [1240, 1184, 1069, 1039, 1010, 1008, 1002, 1009, 996, 1002, 990, 1015, 985, 1003]
    static let people: [Double] = (0..<14).map { (year: Int) -> Double in
        let trend: Double = 0.05 * Double(year)
        return 8.0 + trend + 0.01 * Double(year % 3)
    }

    static func panel() throws -> SeriesPanel {
        try SeriesPanel([
            KeyedSeries(key: ["city": "NYC", "indicator": "water"], unit: "Mgal/d", series: try yearly(water)),
            KeyedSeries(
                key: ["city": "NYC", "indicator": "population"], unit: "million persons", series: try yearly(people)),
            KeyedSeries(
                key: ["city": "NYC", "indicator": "short"], unit: nil, series: try yearly([1, 2], from: "2012")),
        ])
    }

    /// Each result is found by its key, carries its unit and dates, and has the numbers the undated
    /// interface gives on the same values; a failed series keeps its typed error.
    @Test func resultsAreKeyedDatedAndMatchTheUndatedModels() async throws {
        let run = try await ForecastRun(try Self.panel(), configuration: .init(model: .theta, horizon: 3))
        #expect(run.results.count == 3 && run.source == nil)
        let water = try #require(run[["city": "NYC", "indicator": "water"]])
        #expect(water.unit == "Mgal/d")
        let forecast = try #require(water.forecast)
        #expect(forecast.dates.map(\.description) == ["2014", "2015", "2016"])
        let reference = try ModelSpecification.theta.fit(Self.water, seasonLength: 1)
        #expect(forecast.forecast == (try reference.forecast(horizon: 3, levels: [80, 95])))
        #expect(water.model == reference.summary)
        #expect(water.historyDates.first?.description == "2000" && water.historyDates.count == Self.water.count)
        for t in Self.water.indices where !water.fittedValues[t].isNaN {
            expectClose(water.fittedValues[t] + water.residuals[t], Self.water[t], .relative(1e-9))
        }
        #expect(run[["city": "NYC", "indicator": "population"]]?.unit == "million persons")
        let short = try #require(run[["city": "NYC", "indicator": "short"]])
        #expect(short.forecast == nil && short.model == nil)
        #expect(short.error == .tooShort(model: "Theta", count: 2, minimum: 3))
        // Key order is part of a key, as in the file's header.
        #expect(run[["indicator": "water", "city": "NYC"]] == nil)
    }

    /// The fallback is named on the result beside the original error.
    @Test func fallbackIsNamed() async throws {
        let run = try await ForecastRun(
            try Self.panel(), configuration: .init(model: .theta, horizon: 2, fallback: .naive))
        let short = try #require(run[["city": "NYC", "indicator": "short"]])
        #expect(short.fallback == .naive && short.error != nil)
        #expect(short.forecast?.mean == [2, 2])
    }

    /// Filters that select nothing give the filters as a key, with no file.
    @Test func noSeriesKeepsTheFilters() async throws {
        await #expect(throws: ForecastRunError.noSeries(filters: ["city": "Paris"], source: nil)) {
            try await ForecastRun(
                try Self.panel(), configuration: .init(model: .naive, horizon: 1, filters: [("city", "Paris")]))
        }
        #expect(
            ForecastRunError.noSeries(filters: ["city": "Paris"], source: nil).description
                == "no series match city=Paris")
    }

    /// A horizon or level no model could use is refused before anything is fitted.
    @Test func unusableConfigurationIsRefused() async throws {
        await #expect(throws: ForecastRunError.invalidConfiguration("the horizon must be at least 1, not -1")) {
            try await ForecastRun(try Self.panel(), configuration: .init(model: .naive, horizon: -1))
        }
        await #expect(throws: ForecastRunError.self) {
            try await ForecastRun(
                try Self.panel(), configuration: .init(model: .naive, horizon: 2, levels: [0.95, 100]))
        }
    }

    /// In-memory regressors: the run gives what the regression model gives on the same values, and
    /// a selected series without regressors is named.
    @Test func regressorsInMemory() async throws {
        let temperature = (0..<14).map { Double($0 % 4) }
        let next = [1.0, 2.0]
        let key: SeriesKey = ["city": "NYC", "indicator": "water"]
        let panel = try SeriesPanel([KeyedSeries(key: key, unit: "Mgal/d", series: try Self.yearly(Self.water))])
        let regressors = [
            key: ForecastRun.SeriesRegressors(
                history: [ARIMARegressor(name: "temp", values: temperature)],
                future: [ARIMARegressor(name: "temp", values: next)])
        ]
        let run = try await ForecastRun(
            panel, configuration: .init(model: .autoARIMA, horizon: 2), regressors: regressors)
        let reference = try ModelSpecification.autoARIMA.fit(
            Self.water, seasonLength: 1, regressors: [ARIMARegressor(name: "temp", values: temperature)],
            futureRegressors: [ARIMARegressor(name: "temp", values: next)])
        #expect(run[key]?.forecast?.forecast == (try reference.forecast(horizon: 2, levels: [80, 95])))
        await #expect(throws: ForecastRunError.missingRegressors(key: ["city": "NYC", "indicator": "population"])) {
            try await ForecastRun(
                try Self.panel(), configuration: .init(model: .autoARIMA, horizon: 2), regressors: regressors)
        }
    }

    /// A result carries its key, unit, dated forecast, fitted values and residuals; a series too
    /// short for the model carries its structured error.
    @Test func resultsAreKeyedAndDated() async throws {
        let run = try await ForecastRun(try Self.panel(), configuration: .init(model: .theta, horizon: 2))
        let water = run.results[0]
        #expect(water.key == ["city": "NYC", "indicator": "water"] && water.unit == "Mgal/d")
        #expect(water.historyDates.first?.description == "2000" && water.historyDates.count == Self.water.count)
        #expect(water.fittedValues.count == Self.water.count && water.residuals.count == Self.water.count)
        for (t, y) in Self.water.enumerated() where water.fittedValues[t].isFinite {
            #expect(abs(water.residuals[t] - (y - water.fittedValues[t])) < 1e-9)
        }
        #expect((water.model?.parameters.count ?? 0) >= 2)
        #expect(run.results[2].error == .tooShort(model: "Theta", count: 2, minimum: 3))
    }

    /// A file that cannot be read keeps its structure through the file adapter.
    @Test func unreadableFileIsADataError() async throws {
        let path = "/nonexistent-\(UUID().uuidString).csv"
        do {
            _ = try await ForecastRun(ForecastRun.Request(file: path, model: .naive, horizon: 1))
            Issue.record("expected an error")
        } catch {
            guard case .data(.unreadableFile(let file, _)) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(file == path)
        }
    }
}

@Suite struct BacktestRunPanelTests {
    /// A backtest run on a panel scores each series as ``Backtest`` does on the same values.
    @Test func panelRunMatchesTheBacktestOfEachSeries() async throws {
        let panel = try ForecastRunPanelTests.panel()
        let windows = Backtest.Configuration(horizon: 2, windows: 3, levels: [80, 95])
        let run = try await BacktestRun(
            panel,
            configuration: .init(
                models: [.naive, .drift], backtest: windows,
                filters: [("city", "NYC")]))
        #expect(run.source == nil && run.keyColumns == ["city", "indicator"])
        #expect(run.models.map(\.model) == [.naive, .drift])
        let water = try #require(run[model: .naive, key: ["city": "NYC", "indicator": "water"]])
        let reference = try await Backtest(
            ForecastRunPanelTests.water, model: .naive, seasonLength: 1, configuration: windows,
            seed: 1, firstStream: 0)
        #expect(water.backtest?.windows.map(\.forecast) == reference.windows.map(\.forecast))
        let short = try #require(run[model: .drift, key: ["city": "NYC", "indicator": "short"]])
        #expect(short.model == .drift)
        #expect(short.backtest == nil && short.error != nil)
    }

    @Test func typedErrors() async throws {
        let panel = try ForecastRunPanelTests.panel()
        let windows = Backtest.Configuration(horizon: 2, windows: 3)
        await #expect(throws: BacktestRunError.noSeries(filters: ["city": "Paris"], source: nil)) {
            try await BacktestRun(
                panel, configuration: .init(models: [.naive], backtest: windows, filters: [("city", "Paris")]))
        }
        await #expect(throws: BacktestRunError.invalidRequest("name at least one model")) {
            try await BacktestRun(panel, configuration: .init(models: [], backtest: windows))
        }
    }
}

@Suite struct RegressionRunMemoryTests {
    /// On the four rows kept, x̄ = 2.5, ȳ = 9.5, Sxy = 14.8 and Sxx = 5 (by hand), so the slope is
    /// 2.96 and the intercept 9.5 − 2.96 · 2.5 = 2.1; the row filtered out and the row with a
    /// missing value do not count.
    @Test func fitsTheSelectedCompleteRows() throws {
        let run = try RegressionRun(
            ["y": [5.1, 7.9, 11.1, 13.9, 99, .nan], "x": [1, 2, 3, 4, 5, 6]],
            labels: ["region": ["A", "A", "A", "A", "B", "A"]],
            configuration: .init(response: "y", predictors: ["x"], filters: [("region", "A")]))
        #expect(run.source == nil && run.rowsInTable == 6 && run.rowsSelected == 5 && run.rowsDroppedMissing == 1)
        #expect(
            abs(run.fit.coefficients[0].estimate - 2.1) < 1e-12 && abs(run.fit.coefficients[1].estimate - 2.96) < 1e-12)
        #expect(run.table.contains("Data: table, 4 observations where region=A (1 deleted due to missingness)"))
    }

    @Test func typedErrors() throws {
        #expect(throws: RegressionRunError.unknownColumn(name: "z", available: ["x", "y"], source: nil)) {
            try RegressionRun(
                ["y": [1, 2, 3], "x": [1, 2, 4]], configuration: .init(response: "y", predictors: ["z"]))
        }
        #expect(throws: RegressionRunError.columnLength(name: "x", count: 2, expected: 3)) {
            try RegressionRun(["y": [1, 2, 3], "x": [1, 2]], configuration: .init(response: "y", predictors: ["x"]))
        }
        #expect(throws: RegressionRunError.model(.tooFewObservations(observations: 2, parameters: 2), source: nil)) {
            try RegressionRun(["y": [1, 2], "x": [1, 3]], configuration: .init(response: "y", predictors: ["x"]))
        }
        #expect(throws: RegressionRunError.noRows(filters: ["region": "C"], source: nil)) {
            try RegressionRun(
                ["y": [1, 2, 3], "x": [1, 2, 4]], labels: ["region": ["A", "B", "A"]],
                configuration: .init(response: "y", predictors: ["x"], filters: [("region", "C")]))
        }
    }
}
