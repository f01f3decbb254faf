import Foundation
import Testing
import TestSupport
import UrbanCast
@testable import UrbanCastCharts

/// Geometry of the backtest, bench, decomposition, hindcast and target-probability charts,
/// worked out by hand from the layout rules, and their byte determinism.
@Suite struct BacktestScenarioChartTests {
    /// `y = t`, naive, 4 windows of 3 steps: MASE `j` steps ahead is exactly `j` (see
    /// `BacktestStepTests`), so accuracy by horizon has points (1, 1), (2, 2), (3, 3).
    static func lineRun(windows: Int = 4) async throws -> BacktestRun {
        let line = KeyedSeries(key: SeriesKey(columns: ["indicator"], values: ["line"]), unit: "m",
                               series: TimeSeries(start: try SeriesDate(parsing: "2000"), frequency: .yearly,
                                                  values: (0..<20).map(Double.init)))
        return try await BacktestRun(try SeriesPanel([line]), configuration: .init(
            models: [.naive], backtest: .init(horizon: 3, windows: windows)))
    }

    /// Layout by hand: one legend row, so top = 36 + 18 + 10 = 64; bottom = 360 − 46 = 314; y from
    /// 0 (zero included) to 3: step nice(3/4) = 1, ticks 0…3, widest label one digit,
    /// 7.15 px, so left = 26 + 7.15 + 8 = 41.15; right = 696; x from step 1 to step 3.
    /// (3, 3) lands at (696, 64); (1, 1) at (41.15, 314 − 250/3 = 230.67).
    @Test func accuracyByHorizonPointsLandAtHandComputedCoordinates() async throws {
        let run = try await Self.lineRun()
        expectClose(run.models[0].aggregateByStep.map(\.scores.mase), [1, 2, 3], .absolute(1e-12))
        let chart = run.accuracyByHorizonChart()
        #expect(chart.svg.contains("cx=\"696.00\" cy=\"64.00\""), "\(chart.svg)")
        #expect(chart.svg.contains("cx=\"41.15\" cy=\"230.67\""))
        #expect(chart.svg.contains(">MASE (no unit)</text>"))
        #expect(chart.svg.contains(">steps ahead</text>"))
        #expect(chart.table.rows.map { $0[0] } == ["1", "2", "3"])
        #expect(chart.table.rows[2][1] == "3.0")
        _ = try SVGPaths(chart.svg)
    }

    /// One panel per window (the latest 12 of 15), each with the actuals and the naive forecast,
    /// which is flat at the last value before the origin: every point of a forecast path has the
    /// same y.
    @Test func forecastWindowsAreSmallMultiplesCappedAtTwelve() async throws {
        let run = try await Self.lineRun(windows: 15)
        let chart = try #require(run.forecastWindowsChart(key: run.seriesKeys[0]))
        #expect(chart.svg.components(separatedBy: "<g class=\"panel\"").count - 1 == 12)
        #expect(chart.description.contains("the latest 12 of 15 rolling-origin windows"))
        let paths = try SVGPaths(chart.svg)
        #expect(paths.lines.count == 24)   // actuals and forecast per panel
        for forecast in stride(from: 1, to: paths.lines.count, by: 2).map({ paths.lines[$0] }) {
            #expect(forecast.count == 3 && Set(forecast.map(\.y)).count == 1)
        }
        // Origins run from 20 − 3 − 14 = 3 to 17, so the first window shown, 3, starts at index 6
        // (2006): actual 6, naive forecast 5.
        #expect(chart.table.rows[0] == ["3", "2006", "6.0", "5.0"])
        let report = HTMLReport(backtest: run)
        #expect(report.notes == ["Each series chart shows the latest 12 of 15 windows."])
    }

    /// The waterfall's bars chain: each starts where the previous ended, in data and in pixels.
    /// Levels 1000 → 1120 → 1040; ticks over 994…1129.6 with step 20, 980…1140; top 64, bottom 300;
    /// y(v) = 300 − (v − 980)/160 × 236: y(1000) = 270.5, y(1120) = 93.5, y(1040) = 211.5.
    @Test func waterfallBarsStartWhereThePreviousEnded() {
        let plot = WaterfallPlot(title: "water", description: "test", valueTitle: "water (Mgal/d)", start: ("2022", 1000),
                                 steps: [("population", 120), ("intensity", -80)], endLabel: "2050")
        let segments = plot.segments
        #expect(segments.map(\.kind) == [.total, .increase, .decrease, .total])
        #expect(segments.map(\.end) == [1000, 1120, 1040, 1040])
        for (previous, next) in zip(segments, segments.dropFirst()) { #expect(next.start == previous.end) }
        let svg = plot.svg(id: "w")
        #expect(svg.contains("y=\"270.50\" width=\"90.00\" height=\"29.50\""), "\(svg)")       // 2022 total, from the axis' foot
        #expect(svg.contains("y=\"93.50\" width=\"90.00\" height=\"177.00\""))                 // +120: 270.5 up to 93.5
        #expect(svg.contains("y=\"94.50\" width=\"88.00\" height=\"116.00\""))                 // −80: 93.5 down to 211.5, inset 1
        #expect(svg.contains("y=\"211.50\" width=\"90.00\" height=\"88.50\""))                 // 2050 total
        #expect(svg.contains(">+120</text>") && svg.contains(">−80</text>"))
        #expect(svg.contains("fill=\"#ffffff\" stroke=\"#D55E00\""))   // a decrease is hollow, not only another colour
    }

    /// The run's decomposition: the effects sum to the change in every year (LMDI leaves no
    /// residual), and its waterfall ends at the horizon's central value.
    @Test func decompositionEffectsSumToTheChange() async throws {
        let data = try await ChartGeometryTests.nycScenario()
        let decompositions = try #require(data.decompositions)
        #expect(decompositions.map(\.scenario) == ["bau", "conservation"])
        for d in decompositions {
            for h in d.years.indices {
                let sum = d.factors.map { $0.effects[h] }.reduce(0, +)
                expectClose(sum, d.values[h] - d.baseValue, .relative(1e-9))
            }
        }
        let chart = try #require(data.decompositionChart(indicator: "water", scenario: "bau"))
        let end = try #require(decompositions[0].values.last)
        #expect(chart.svg.contains(">\(ChartText.readable(end))</text>"))
    }

    /// Probabilities stay in [0, 1] and on the axis: with the axis fixed at 0…100%, one legend
    /// row (top 64) and no time title (bottom 330), probability p is drawn at y = 330 − 266 p,
    /// never above 64 or below 330; the target year's entry is the target's probability.
    @Test func targetProbabilitiesStayOnTheAxis() async throws {
        let data = try await ChartGeometryTests.nycScenario()
        let target = try #require(data.results.targets.first)
        let years = try #require(data.results.indicators.first?.years)
        let h = try #require(years.firstIndex(of: target.year))
        for outcome in target.outcomes {
            let byYear = try #require(outcome.probabilityByYear)
            #expect(byYear.count == years.count && byYear.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(byYear[h] == outcome.probability)
        }
        let chart = try #require(data.targetProbabilityChart(target))
        let paths = try SVGPaths(chart.svg)
        #expect(paths.lines.count == 3)   // the 50% rule and two scenarios
        for point in paths.lines.flatMap({ $0 }) { #expect(point.y >= 64 - 1e-9 && point.y <= 330 + 1e-9) }
        let bau = try #require(target.outcomes.first?.probabilityByYear?.last)
        expectClose(try #require(paths.lines[1].last).y, 330 - 266 * bau, .absolute(0.006))
        #expect(chart.svg.contains(">100</text>") && chart.svg.contains(">0</text>"))
        #expect(data.targetProbabilityChart(target) != nil)
        let central = try await ChartGeometryTests.nycScenario(draws: 0)
        #expect(central.targetProbabilityChart(try #require(central.results.targets.first)) == nil)
    }

    /// The hindcast starts from the last observation it was fitted on: its first point is the
    /// observed line's point in the cut year, and it has one more point than held-out years.
    @Test func hindcastJoinsTheHistoryAtTheCut() async throws {
        let data = try await ChartGeometryTests.nycScenario()
        let hindcast = try #require(data.hindcasts?.first { $0.name == "indicators.water" })
        #expect(hindcast.observed.count == 8 && hindcast.projected.count == 8)
        let chart = try #require(data.hindcastChart(hindcast))
        let paths = try SVGPaths(chart.svg)
        let observed = paths.lines[0], projected = paths.lines[1]
        #expect(projected.count == 9)
        let join = try #require(projected.first)
        #expect(observed.contains { $0.x == join.x && $0.y == join.y })
    }

    /// Bench: points at 1 ms and 100 ms on a logarithmic axis from 10⁰ to 10²; MASE ticks 0…1 by
    /// 0.2, labels `0.0`…`1.0` of 21.45 px, so left = 26 + 21.45 + 8 = 55.45, right 696; 1 ms lands
    /// at 55.45, 100 ms at 696, and MASE 1 at the top of the axis (one legend row: 64).
    @Test func benchPointsLandOnALogarithmicAxis() {
        let points = [SpeedAccuracyPoint(model: "naive", engine: BenchRun.thisRun, milliseconds: 1, mase: 0.5, smape: 10),
                      SpeedAccuracyPoint(model: "auto-arima", engine: BenchRun.thisRun, milliseconds: 100, mase: 1, smape: 8)]
        let chart = BenchRun.speedAccuracyChart(points, measure: .mase)
        #expect(chart.svg.contains("cx=\"55.45\""), "\(chart.svg)")
        #expect(chart.svg.contains("cx=\"696.00\" cy=\"64.00\""))
        #expect(chart.svg.contains(">100</text>") && chart.svg.contains(">10</text>") && chart.svg.contains(">1</text>"))
    }

    /// The slice's library example, as an embedder writes it: a backtest on values in memory,
    /// its accuracy by horizon and its report.
    @Test func libraryExample() async throws {
        let water = KeyedSeries(key: SeriesKey(columns: ["indicator"], values: ["water"]), unit: "Mgal/d",
                                series: TimeSeries(start: try SeriesDate(parsing: "2005"), frequency: .yearly,
                                                   values: [1138, 1069, 1114, 1098, 1007, 1039, 1021, 1009, 1006, 996, 1009, 1002]))
        let run = try await BacktestRun(try SeriesPanel([water]), configuration: .init(
            models: [.naive, .theta], backtest: .init(horizon: 3, windows: 5)))
        let maseByStep = run.models.map { $0.aggregateByStep.map(\.scores.mase) }   // [[h=1, h=2, h=3], …] per model
        let svg = run.accuracyByHorizonChart().svg                                    // a line per model
        let html = HTMLReport(backtest: run).html()                                   // scores, accuracy, windows
        #expect(maseByStep.count == 2 && maseByStep.allSatisfy { $0.count == 3 })
        #expect(svg.hasPrefix("<svg") && html.contains("id=\"backtest-windows-water\""))
    }

    @Test func reportsAreByteIdenticalForTheSameInput() async throws {
        let a = HTMLReport(backtest: try await Self.lineRun()).html()
        let b = HTMLReport(backtest: try await Self.lineRun()).html()
        #expect(a == b)
        let first = try await ChartGeometryTests.nycScenario(), second = try await ChartGeometryTests.nycScenario()
        let comparisonA = HTMLReport(comparison: try ScenarioComparison(first.results), data: first, manifest: nil).html()
        let comparisonB = HTMLReport(comparison: try ScenarioComparison(second.results), data: second, manifest: nil).html()
        #expect(comparisonA == comparisonB)
        #expect(comparisonA.contains("id=\"compare-water-paths\""))
        for chart in HTMLReport(comparison: try ScenarioComparison(first.results), data: first, manifest: nil).charts {
            _ = try SVGPaths(chart.svg)
        }
    }
}
