import Forecasting
import Statistics
import Testing

@testable import UrbanCast

/// Each simulated quantity of a scenario draw has its own stream: how many numbers one quantity
/// consumes never moves or reuses another's.
@Suite("Scenario draw streams")
struct DrawStreamTests {
    static let years = Array(2023...2032)

    /// A naive model's path simulator (σ from the series' steps) over the horizon.
    static func naive(_ values: [Double]) throws -> SeriesProjection {
        let fitted = try LagWalk(values, kind: .naive)
        return try SeriesProjection(fitted, forecast: fitted.forecast(horizon: years.count, levels: []))
    }

    static func engine(bau: PreparedProjection, alternative: PreparedProjection, indicator: SeriesProjection) -> DrawEngine {
        DrawEngine(
            years: years, scenarioDrivers: [[bau], [alternative]],
            indicators: [PreparedIndicator(form: .series(indicator), population: nil)],
            measures: [[[]], [[]]])
    }

    @Test("an indicator's path does not depend on what the drivers before it consume")
    func indicatorStreamIsIndependent() throws {
        let history = [100.0, 103, 101, 106, 108, 107, 111, 115, 114, 118]
        let model = PreparedProjection(form: .model(try Self.naive(history)))
        let growth = PreparedProjection(form: .growth(base: 100, rate: 0.01, standardDeviation: 0.002))
        let indicator = try Self.naive(history)
        // Business as usual projects the driver by a model (a path of draws) or by growth (none).
        for draw in 0..<20 {
            var a = SeededGenerator(seed: 5).split(stream: draw)
            var b = a
            let withModel = Self.engine(bau: model, alternative: growth, indicator: indicator).simulatePaths(generator: &a)
            let withGrowth = Self.engine(bau: growth, alternative: growth, indicator: indicator).simulatePaths(generator: &b)
            let first = try #require(withModel.indicators[0]), second = try #require(withGrowth.indicators[0])
            #expect(first == second, "draw \(draw)")
        }
    }

    @Test("a driver a scenario replaces by a model does not reuse the indicator's numbers")
    func replacedDriverDoesNotShareNumbers() throws {
        // The same history for the driver's and the indicator's naive model: equal numbers would
        // give equal paths.
        let history = [100.0, 103, 101, 106, 108, 107, 111, 115, 114, 118]
        let engine = Self.engine(
            bau: PreparedProjection(form: .growth(base: 100, rate: 0.01, standardDeviation: 0.002)),
            alternative: PreparedProjection(form: .model(try Self.naive(history))),
            indicator: try Self.naive(history))
        var differing = 0
        for draw in 0..<20 {
            var generator = SeededGenerator(seed: 9).split(stream: draw)
            let paths = engine.simulatePaths(generator: &generator)
            let driver = try #require(paths.drivers[1][0]), indicator = try #require(paths.indicators[0])
            #expect(paths.drivers[0][0] == nil)
            if driver != indicator { differing += 1 }
        }
        #expect(differing == 20)
    }

    @Test("reused path buffers give every draw the paths it draws with fresh ones")
    func reusedScratchGivesTheSamePaths() throws {
        let history = [100.0, 103, 101, 106, 108, 107, 111, 115, 114, 118]
        let model = PreparedProjection(form: .model(try Self.naive(history)))
        let growth = PreparedProjection(form: .growth(base: 100, rate: 0.01, standardDeviation: 0.002))
        let indicator = try Self.naive(history)
        // The engines alternate, so a buffer holds a path in one draw and none in the next.
        let engines = [Self.engine(bau: model, alternative: growth, indicator: indicator),
                       Self.engine(bau: growth, alternative: model, indicator: indicator)]
        var scratch = DrawEngine.PathScratch()
        for draw in 0..<20 {
            let engine = engines[draw % 2]
            var fresh = SeededGenerator(seed: 11).split(stream: draw)
            var reused = fresh
            engine.simulatePaths(into: &scratch, generator: &reused)
            let expected = engine.simulatePaths(generator: &fresh)
            #expect(scratch.paths.drivers == expected.drivers, "draw \(draw)")
            #expect(scratch.paths.indicators == expected.indicators, "draw \(draw)")
            #expect(reused == fresh, "draw \(draw)")
            #expect(scratch.paths.drivers[draw % 2][0] != nil && scratch.paths.drivers[1 - draw % 2][0] == nil)
        }
    }
}
