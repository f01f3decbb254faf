import Foundation
import Testing
import Forecasting
import TestSupport

/// Missing-value policies against R: `forecast::na.interp` and `stats::na.contiguous` (forecast
/// 8.20) on real series from Datasets/, some with the data's own gaps and some with values
/// removed (Fixtures/r-forecast/missing, made by make_missing_fixtures.R).
@Suite struct MissingValuesTests {
    struct Case: Decodable {
        let name: String
        let seasonLength: Int
        let lambda: Double?
        let values: [Double?]
        let missing: Int
        let linear: Bool
        let interpolated: [Double]
        let contiguousFirst: Int
        let contiguousLast: Int
        let contiguous: [Double]

        var series: [Double] { values.map { $0 ?? .nan } }
    }
    struct File: Decodable {
        let cases: [Case]
    }

    static let fixture: File? = {
        guard let data = try? Data(contentsOf: fixtureURL("r-forecast/missing/missing.json")) else { return nil }
        return try? JSONDecoder().decode(File.self, from: data)
    }()

    @Test func fixtureCoversSeasonalAndLinearCases() throws {
        let cases = try #require(Self.fixture).cases
        #expect(cases.count >= 3)
        #expect(cases.contains { !$0.linear && $0.seasonLength == 12 }, "a monthly series on the STL path")
        #expect(cases.contains { $0.linear && $0.seasonLength == 1 }, "a non-seasonal series")
        #expect(cases.contains { $0.linear && $0.seasonLength > 1 }, "a seasonal series too short for STL")
        #expect(cases.contains { $0.lambda == 0 }, "a Box–Cox transform")
    }

    @Test(arguments: (fixture?.cases ?? []).map(\.name))
    func interpolationMatchesNaInterp(name: String) throws {
        let c = try #require(Self.fixture?.cases.first { $0.name == name })
        let filled = try MissingValues.interpolated(c.series, seasonLength: c.seasonLength, lambda: c.lambda)
        #expect(filled.count == c.interpolated.count)
        let scale = c.interpolated.map(abs).max() ?? 1
        let worst = zip(filled, c.interpolated).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= 1e-8 * scale, "\(name): worst difference \(worst) (scale \(scale))")
        for (i, value) in c.values.enumerated() {
            if let value { #expect(filled[i] == value, "\(name): observed value \(i) changed") }
        }
    }

    /// R's plausibility check: when a seasonal fill strays more than half the observed range
    /// beyond it, na.interp gives the linear interpolation instead.
    @Test func implausibleSeasonalFillFallsBackToLinear() throws {
        let c = try #require(Self.fixture?.cases.first { $0.name == "Dongsi PM2.5 monthly, implausible STL fill" })
        #expect(!c.linear)
        let seasonal = try MissingValues.interpolated(c.series, seasonLength: 12)
        let linear = try MissingValues.interpolated(c.series, seasonLength: 1)
        #expect(seasonal == linear)
    }

    @Test(arguments: (fixture?.cases ?? []).map(\.name))
    func longestStretchMatchesNaContiguous(name: String) throws {
        let c = try #require(Self.fixture?.cases.first { $0.name == name })
        let stretch = try #require(MissingValues.longestStretch(c.series))
        #expect(stretch == (c.contiguousFirst - 1)..<c.contiguousLast, "\(name)")
        #expect(Array(c.series[stretch]) == c.contiguous, "\(name)")
    }

    @Test func contiguousSeriesKeepsTheStretchDates() throws {
        let start = SeriesDate(year: 1979, precision: .year)
        let series = TimeSeries(start: start, frequency: .yearly, values: [1, 2, .nan, 3, 4, 5, .nan])
        let (kept, treatment) = try series.treatingMissingValues(.contiguous)
        #expect(kept.values == [3, 4, 5])
        #expect(kept.start.description == "1982")
        #expect(kept.futureDates(horizon: 1).map(\.description) == ["1985"])
        #expect(treatment == MissingValueTreatment(policy: .contiguous, filled: 0, dropped: 4))
    }

    @Test func interpolationCountsWhatItFills() throws {
        let series = TimeSeries(start: SeriesDate(year: 2000, precision: .year), frequency: .yearly,
                                values: [.nan, 1, .nan, .nan, 4, .nan])
        let (filled, treatment) = try series.treatingMissingValues(.interpolate)
        // Hand arithmetic: the ends are carried outwards, the middle is on the line from 1 to 4.
        #expect(filled.values == [1, 1, 2, 3, 4, 4])
        #expect(treatment.filled == 4 && treatment.dropped == 0)
    }

    @Test func refuseChangesNothing() throws {
        let series = TimeSeries(start: SeriesDate(year: 2000, precision: .year), frequency: .yearly, values: [1, .nan, 3])
        let (same, treatment) = try series.treatingMissingValues(.refuse)
        #expect(same.values.count == 3 && same.values[1].isNaN)
        #expect(treatment == MissingValueTreatment(policy: .refuse))
    }

    @Test func tooFewObservationsAreRefusedWithTheNumberNeeded() {
        #expect(throws: ForecastingError.tooShort(model: "Interpolation", count: 1, minimum: 2)) {
            try MissingValues.interpolated([.nan, 5, .nan], seasonLength: 1)
        }
        #expect(MissingValues.longestStretch([.nan, .nan]) == nil)
        let empty = TimeSeries(start: SeriesDate(year: 2000, precision: .year), frequency: .yearly, values: [.nan])
        #expect(throws: ForecastingError.self) { try empty.treatingMissingValues(.contiguous) }
    }

    @Test func aSeriesWithoutGapsIsReturnedAsIs() throws {
        let values = [3.0, 1, 4, 1, 5, 9, 2, 6]
        #expect(try MissingValues.interpolated(values, seasonLength: 4) == values)
        #expect(MissingValues.longestStretch(values) == 0..<8)
    }
}
