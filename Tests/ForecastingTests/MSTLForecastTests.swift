import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// `mstl[…]` against R forecast 8.20's `stlf` on an `msts`
/// (Fixtures/r-forecast/stl/make_mstl_forecast_fixtures.R): half-hourly electricity demand (taylor,
/// 48 and 336), the bundled Tetouan hourly consumption (24 and 168), a daily series with weekly and
/// yearly cycles (7 and 365.25, which STL takes as 365) and one period alone.
@Suite struct MSTLForecastTests {
    struct Case: Decodable {
        let name: String
        let values: [Double]
        let periods: [Double]
        let horizon: Int
        let etsModel: String
        let mean: [Double]
        let lower: [[Double]]
        let upper: [[Double]]
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        guard let url = Bundle.module.url(forResource: "Fixtures/r-forecast/stl/mstl_forecasts", withExtension: "json"),
              let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    @Test func fixtureLoaded() { #expect(Self.cases.count == 6) }

    /// Forecasts and both intervals within 1e-6 relative of R (R's Nelder–Mead picks the ETS
    /// parameters of the adjusted series; ours takes the same steps), and the same ETS model.
    @Test(arguments: cases.map(\.name))
    func forecastsMatchR(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let periods = c.periods.map { Int($0) }
        let text = "mstl[" + periods.map(String.init).joined(separator: ",") + "]"
        let model = try ModelSpecification(parsing: text)
        let fit = try #require(try model.fit(c.values, seasonLength: periods[0]) as? STLForecaster)
        #expect(fit.adjustedModel.summary.name == c.etsModel, "\(name) ETS model")
        #expect(fit.decomposition.periods == periods)
        let forecast = try fit.forecast(horizon: c.horizon, levels: [80, 95])
        for h in 0..<c.horizon {
            expectClose(forecast.mean[h], c.mean[h], .relativeWithFloor(1e-6, floor: 1e-6), "\(name) mean[\(h)]")
            for k in 0..<2 {
                expectClose(forecast.lower[k][h], c.lower[k][h], .relativeWithFloor(1e-6, floor: 1e-6), "\(name) lower[\(k)][\(h)]")
                expectClose(forecast.upper[k][h], c.upper[k][h], .relativeWithFloor(1e-6, floor: 1e-6), "\(name) upper[\(k)][\(h)]")
            }
        }
    }

    /// `mstl` without brackets takes the week above a day (and the year above a week).
    @Test func defaultPeriodsFollowTheSeasonLength() throws {
        #expect(ModelSpecification.defaultSeasonalPeriods(seasonLength: 24) == [24, 168])
        #expect(ModelSpecification.defaultSeasonalPeriods(seasonLength: 48) == [48, 336])
        #expect(ModelSpecification.defaultSeasonalPeriods(seasonLength: 7) == [7, 365])
        #expect(ModelSpecification.defaultSeasonalPeriods(seasonLength: 12) == [12])
        let c = try #require(Self.cases.first { $0.name == "tetouan zone1 weeks 1-6" })
        let bare = try ModelSpecification(parsing: "mstl").fit(c.values, seasonLength: 24).forecast(horizon: 5, levels: [])
        let given = try ModelSpecification(parsing: "mstl[24,168]").fit(c.values, seasonLength: 24).forecast(horizon: 5, levels: [])
        #expect(bare.mean == given.mean)
        for text in ["mstl", "mstl[24,168]", "mstl[7]"] { #expect(try ModelSpecification(parsing: text).description == text) }
        #expect(try ModelSpecification(parsing: "mstl[168,24]").description == "mstl[24,168]")
        for bad in ["mstl[]", "mstl[1,24]", "mstl[24,24]", "mstl[a]", "mstl[24"] {
            #expect(throws: ForecastingError.self, "\(bad)") { try ModelSpecification(parsing: bad) }
        }
    }
}
