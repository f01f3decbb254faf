import Foundation
import Testing
import UrbanCast
import TestSupport

/// Library example (a): fit automatic ETS to an in-memory monthly series with dates and print a
/// dated 12-step forecast with 80 % and 95 % intervals, touching no file. The assertions after the
/// example check what it must show: dates that continue the series, nested intervals, and the same
/// numbers as the undated interface on the same values.
@Suite struct LibraryExampleForecastTests {
    @Test func autoETSForecastIsDatedAndNested() throws {
        // README-EXAMPLE-A-BEGIN
        // Monthly electricity demand of a city (GWh), January 2019 to December 2023.
        let demand = (0..<60).map { (month: Int) -> Double in
            let t = Double(month), noise = Double(month * 37 % 11) - 5
            return 300 + 1.5 * t + 40 * sin(t * .pi / 6) + noise
        }
        let series = TimeSeries(start: try SeriesDate(parsing: "2019-01"), frequency: .monthly, values: demand)
        let fit = try ModelSpecification.autoETS.fit(series)
        let forecast = try fit.forecast(horizon: 12, levels: [80, 95])
        print(fit.summary.name)
        print(forecast)
        // README-EXAMPLE-A-END

        // The forecast starts the month after the last observation and runs twelve months.
        #expect(series.end.description == "2023-12")
        let months: [String] = (1...12).map { (month: Int) -> String in month < 10 ? "2024-0\(month)" : "2024-\(month)" }
        #expect(forecast.dates.map(\.description) == months)
        // The season length came from the series: a monthly series has seasons of 12.
        #expect(series.seasonLength == 12)
        // lower95 ≤ lower80 ≤ mean ≤ upper80 ≤ upper95 at every step, and the intervals are not empty.
        let (lower80, upper80) = try forecast.interval(level: 80)
        let (lower95, upper95) = try forecast.interval(level: 95)
        for h in 0..<12 {
            #expect(lower95[h] <= lower80[h] && lower80[h] < forecast.mean[h], "step \(h + 1)")
            #expect(forecast.mean[h] < upper80[h] && upper80[h] <= upper95[h], "step \(h + 1)")
        }
        // The dated interface gives the undated one's numbers for the same values and season.
        let undated = try ModelSpecification.autoETS.fit(demand, seasonLength: 12).forecast(horizon: 12, levels: [80, 95])
        #expect(forecast.forecast == undated)
        // Fitted values and residuals line up with the history's dates and add up to the data.
        #expect(fit.dates.count == demand.count && fit.fittedValues.count == demand.count)
        #expect(fit.dates.last == series.end)
        for t in demand.indices {
            expectClose(fit.fittedValues[t] + fit.residuals[t], demand[t], .relative(1e-9), "t = \(t)")
        }
        // The printed table has a header and one row per date, each starting with its date.
        let lines = forecast.description.split(separator: "\n")
        #expect(lines.count == 13)
        #expect(lines[0].contains("Point Forecast") && lines[0].contains("Lo 80") && lines[0].contains("Hi 95"))
        #expect(lines[1].hasPrefix("2024-01") && lines[12].hasPrefix("2024-12"))
    }

    /// A level written as a fraction is not silently missing: the error names the levels there are
    /// and the percentage that was probably meant.
    @Test func fractionalLevelIsNamed() throws {
        let series = TimeSeries(start: try SeriesDate(parsing: "2020"), frequency: .yearly, values: [3, 5, 4, 6, 7, 6, 8])
        let forecast = try ModelSpecification.naive.fit(series).forecast(horizon: 2)
        #expect(throws: ForecastingError.levelNotComputed(level: 0.95, computed: [80, 95])) {
            try forecast.interval(level: 0.95)
        }
        #expect(ForecastingError.levelNotComputed(level: 0.95, computed: [80, 95]).description
            == "no interval at level 0.95; the forecast has intervals at 80, 95; levels are percentages, so write 95 for 0.95")
        #expect(throws: ForecastingError.self) { try ModelSpecification.naive.fit(series).forecast(horizon: 2, levels: [95, 100]) }
    }
}

/// The printed table of ``DatedForecast`` as its documentation shows it. Naive on 3, 5, 4: the
/// residuals are 2 and −1, so σ² = (4 + 1) / 2 = 2.5 and σ = 1.58114; the 80 % bounds are
/// 4 ± 1.2815516 · σ · √h (R's `naive`): 4 ± 2.026311 at h = 1, 4 ± 2.865639 at h = 2.
@Suite struct DatedForecastPrintingTests {
    @Test func printsRsTable() throws {
        let series = TimeSeries(start: try SeriesDate(parsing: "2023-10"), frequency: .monthly, values: [3, 5, 4])
        let forecast = try ModelSpecification.naive.fit(series).forecast(horizon: 2, levels: [80])
        #expect(forecast.description == """
                     Point Forecast    Lo 80    Hi 80
            2024-01               4  1.97369  6.02631
            2024-02               4  1.13436  6.86564
            """)
    }
}
