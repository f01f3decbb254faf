import Forecasting
import Foundation
import Testing
import UrbanCast

/// Runs with a missing-value policy, in memory: the library example, contiguous stretches with
/// their dates, and the statsforecast layout of the result.
@Suite struct MissingValuesRunTests {
    /// The library example. Hand arithmetic: 2012 is filled halfway between 1010 and 1002 and
    /// 2015 halfway between 1009 and 1002; the naive forecast is the last value, 985.
    @Test func libraryExample() async throws {
        let water = KeyedSeries(key: ["indicator": "water"], unit: "Mgal/d",
                                series: TimeSeries(start: SeriesDate(year: 2010, precision: .year), frequency: .yearly,
                                                   values: [1039, 1010, .nan, 1002, 1009, .nan, 1002, 990, 1015, 985]))
        var configuration = ForecastRun.Configuration(model: .naive, horizon: 2)
        configuration.missingValues = .interpolate
        let run = try await ForecastRun(try SeriesPanel([water]), configuration: configuration)
        let result = run[["indicator": "water"]]
        print(result?.missingValues?.filled ?? 0)           // 2
        print(run.csv(.init(style: .statsforecast, includesHistory: true, includesUnit: true)))

        #expect(result?.missingValues == MissingValueTreatment(policy: .interpolate, filled: 2))
        #expect(result?.historyValues[2] == 1006 && result?.historyValues[5] == 1005.5)
        #expect(result?.forecast?.forecast.mean == [985, 985])
        let lines = run.csv(.init(style: .statsforecast, includesHistory: true, includesUnit: true)).split(separator: "\n")
        #expect(lines[0] == "unique_id,ds,y,Naive,Naive-lo-95,Naive-lo-80,Naive-hi-80,Naive-hi-95,unit,filled,dropped")
        #expect(lines[3] == "water,2012,1006.0,1010.0,,,,,Mgal/d,2,0")
        #expect(lines.count == 1 + 10 + 2)
    }

    /// The longest stretch is 2016–2019; the forecast is dated from its end, and a series whose
    /// values are all missing fails on its own row without stopping the run.
    @Test func contiguousDatesAndFailures() async throws {
        let start = SeriesDate(year: 2010, precision: .year)
        let gapped = KeyedSeries(key: ["series": "a"], unit: nil,
                                 series: TimeSeries(start: start, frequency: .yearly,
                                                    values: [1, 2, .nan, 4, 5, .nan, 7, 8, 9, 10, .nan]))
        let empty = KeyedSeries(key: ["series": "b"], unit: nil,
                                series: TimeSeries(start: start, frequency: .yearly, values: [.nan, .nan]))
        var configuration = ForecastRun.Configuration(model: .naive, horizon: 1)
        configuration.missingValues = .contiguous
        let run = try await ForecastRun(try SeriesPanel([gapped, empty]), configuration: configuration)
        let a = try #require(run[["series": "a"]])
        #expect(a.forecast?.dates.map(\.description) == ["2020"])
        #expect(a.historyDates.first?.description == "2016" && a.historyValues == [7, 8, 9, 10])
        #expect(a.missingValues == MissingValueTreatment(policy: .contiguous, dropped: 7))
        let b = try #require(run[["series": "b"]])
        #expect(b.forecast == nil)
        #expect(b.error == .tooShort(model: "The longest stretch without missing values", count: 0, minimum: 1))
    }

    /// Under `refuse` the default outputs have no missing-value columns or fields (the unit, which
    /// the data has, is the only column after the bounds).
    @Test func refuseAddsNothing() async throws {
        let water = KeyedSeries(key: ["indicator": "water"], unit: "Mgal/d",
                                series: TimeSeries(start: SeriesDate(year: 2010, precision: .year), frequency: .yearly,
                                                   values: [1039, 1010, 1002, 1009]))
        let run = try await ForecastRun(try SeriesPanel([water]), configuration: .init(model: .naive, horizon: 1))
        #expect(run.results[0].missingValues == nil)
        #expect(run.csv.split(separator: "\n")[0] == "indicator,date,model,mean,lo80,hi80,lo95,hi95,unit")
        #expect(run.csv == run.csv(ForecastRun.OutputLayout()))
    }
}
