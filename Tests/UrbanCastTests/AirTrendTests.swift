import Foundation
import Statistics
import Testing
import UrbanCast
import TestSupport

@Suite("Air quality: trends")
struct AirTrendTests {
    /// With no deseasonalisation the slope is exactly the median of all pairwise slopes of the
    /// monthly means (brute force here), and equals SciPy's `theilslopes` on Dongsi's monthly
    /// PM2.5 means (Tests/StatisticsTests/Fixtures/air-quality/trend_fixtures.json).
    @Test func slopeIsTheMedianOfPairwiseSlopesOfMonthlyMeans() throws {
        let series = try AirQualityInput.read(
            contentsOf: repositoryPath("Datasets/beijing_12sites_daily_long.csv"), options: .init(pollutants: [.pm25]))
        let dongsi = try #require(try Localization(series).stations.first { $0.key["station"] == "Dongsi" })
        let result = try TrendAnalysis.analyze(
            key: dongsi.key, pollutant: .pm25, unit: dongsi.unit, monthly: dongsi.monthly,
            options: .init(deseasonalization: .none, replicates: 100))
        let points = dongsi.monthly.filter(\.isValid).map { (Double($0.date.year) + Double($0.date.month - 1) / 12, $0.mean) }
        var slopes: [Double] = []
        for i in points.indices { for j in points.indices where i < j { slopes.append((points[j].1 - points[i].1) / (points[j].0 - points[i].0)) } }
        slopes.sort()
        let median = slopes.count % 2 == 1 ? slopes[slopes.count / 2] : (slopes[slopes.count / 2 - 1] + slopes[slopes.count / 2]) / 2
        #expect(result.slopePerYear == median)
        #expect(result.months == 48 && result.start.description == "2013-03" && result.end.description == "2017-02")
        struct Case: Decodable { var name: String; var theilSlope: Double; var pCorrected: Double }
        struct File: Decodable { var cases: [Case] }
        let fixture = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: repositoryPath(
            "Tests/StatisticsTests/Fixtures/air-quality/trend_fixtures.json"))))
        let scipy = try #require(fixture.cases.first { $0.name == "Beijing Dongsi monthly PM2.5" })
        expectClose(result.slopePerYear, scipy.theilSlope, .absolute(1e-9))
        expectClose(result.mannKendallP, scipy.pCorrected, .absolute(1e-9))
        #expect(result.lower < result.slopePerYear && result.slopePerYear < result.upper)
    }

    /// STL removes a strong seasonal cycle: a seeded series of 60 months with a cycle of
    /// amplitude 30 and a trend of −2 per year recovers −2 inside its interval, while the raw
    /// slope is pulled away by the partial cycles at the ends.
    @Test func stlRemovesTheSeasonalCycle() throws {
        let seed: UInt64 = 11
        var generator = SeededGenerator(seed: seed)
        let start = SeriesDate(year: 2015, month: 7, precision: .month)
        let monthly = (0..<60).map { m -> PeriodStatistic in
            let date = start.advanced(by: m, frequency: .monthly)
            let t = Double(m) / 12
            let value = 60 - 2 * t + 30 * cos(2 * Double.pi * Double(date.month - 1) / 12) + generator.nextNormal()
            return PeriodStatistic(date: date, mean: value, count: 30, possible: 30, isValid: m != 20)
        }
        let key = SeriesKey(columns: ["station"], values: ["S"])
        let deseasonalised = try TrendAnalysis.analyze(key: key, pollutant: .no2, unit: .microgramsPerCubicMetre,
                                                       monthly: monthly, options: .init(replicates: 200))
        #expect(abs(deseasonalised.slopePerYear + 2) < 0.25, "seed \(seed): \(deseasonalised.slopePerYear)")
        #expect(deseasonalised.lower < -2 && -2 < deseasonalised.upper, "seed \(seed): \(deseasonalised)")
        #expect(deseasonalised.mannKendallP < 1e-6 && deseasonalised.months == 59 && deseasonalised.values[20].isNaN)
        let raw = try TrendAnalysis.analyze(key: key, pollutant: .no2, unit: .microgramsPerCubicMetre, monthly: monthly,
                                            options: .init(deseasonalization: .none, replicates: 50))
        #expect(raw.upper - raw.lower > deseasonalised.upper - deseasonalised.lower)
    }

    @Test func refusesTooShortRecords() throws {
        let start = SeriesDate(year: 2020, month: 1, precision: .month)
        let months = (0..<12).map { PeriodStatistic(date: start.advanced(by: $0, frequency: .monthly), mean: Double($0), count: 30, possible: 30, isValid: true) }
        let key = SeriesKey(columns: [], values: [])
        #expect(throws: AirQualityError.self) {
            try TrendAnalysis.analyze(key: key, pollutant: .o3, unit: .ppb, monthly: months)  // STL needs > 24 months
        }
        #expect(throws: AirQualityError.self) {
            try TrendAnalysis.analyze(key: key, pollutant: .o3, unit: .ppb, monthly: Array(months.prefix(2)), options: .init(deseasonalization: .none))
        }
        let ok = try TrendAnalysis.analyze(key: key, pollutant: .o3, unit: .ppb, monthly: months, options: .init(deseasonalization: .none, replicates: 20))
        expectClose(ok.slopePerYear, 12, .absolute(1e-9))  // one unit per month
        // One year: no month is seen twice, so the seasonal test falls back to the plain one, and says so.
        #expect(ok.test == .mannKendall && ok.pValue == ok.mannKendallP)
        #expect(ok.warnings.contains { $0.contains("the seasonal test needs a calendar month seen in two years") })
    }

    /// The interval level is a percentage, as for forecasts: 80 gives the interval that
    /// `TheilSen.blockBootstrapInterval` gives at 0.80 with the same seed, and levels of 0 and 100
    /// are refused with the level named.
    @Test(arguments: [80.0, 95.0])
    func intervalLevelIsAPercentage(_ level: Double) throws {
        let start = SeriesDate(year: 2020, month: 1, precision: .month)
        let values: [Double] = (0..<36).map { (month: Int) -> Double in
            let wobble = Double(month * 7 % 5)
            return 40 - 0.5 * Double(month) + wobble
        }
        let months: [PeriodStatistic] = values.indices.map { (month: Int) -> PeriodStatistic in
            PeriodStatistic(
                date: start.advanced(by: month, frequency: .monthly), mean: values[month], count: 30, possible: 30, isValid: true)
        }
        let key = SeriesKey(columns: ["station"], values: ["A"])
        let result = try TrendAnalysis.analyze(
            key: key, pollutant: .no2, unit: .ppb, monthly: months,
            options: .init(deseasonalization: .none, level: level, replicates: 200, seed: 5))
        var generator = SeededGenerator(seed: 5)
        let time: [Double] = months.map { (month: PeriodStatistic) -> Double in
            Double(month.date.year) + Double(month.date.month - 1) / 12
        }
        let direct = try TheilSen.blockBootstrapInterval(
            x: time, y: values, level: level / 100, replicates: 200, generator: &generator)
        #expect(result.lower == direct.lower && result.upper == direct.upper)
        for wrong in [0.0, 100.0] {
            #expect {
                try TrendAnalysis.analyze(key: key, pollutant: .no2, unit: .ppb, monthly: months, options: .init(level: wrong))
            } throws: { error in
                "\(error)".contains("a percentage strictly between 0 and 100, got \(wrong)")
            }
        }
    }

    /// The p-value answers the interval's question: by default Hamed–Rao's corrected test on the
    /// deseasonalised values and the seasonal test on the raw monthly means, each the value the
    /// Statistics tests check against pymannkendall; `mann-kendall` keeps the plain test, and a
    /// p-value that disagrees with the interval about a trend is flagged.
    @Test func pValueFollowsTheChosenTest() throws {
        let series = try AirQualityInput.read(
            contentsOf: repositoryPath("Datasets/beijing_12sites_daily_long.csv"), options: .init(pollutants: [.no2]))
        let dongsi = try #require(try Localization(series).stations.first { $0.key["station"] == "Dongsi" })
        func analyze(_ deseasonalization: TrendAnalysis.Deseasonalization, _ test: TrendAnalysis.Test) throws -> TrendAnalysis.Result {
            var options = TrendAnalysis.Options(deseasonalization: deseasonalization, replicates: 200)
            options.test = test
            return try TrendAnalysis.analyze(key: dongsi.key, pollutant: .no2, unit: dongsi.unit, monthly: dongsi.monthly,
                                             options: options)
        }
        let stl = try analyze(.stl, .automatic)
        #expect(stl.test == .hamedRao)
        #expect(stl.pValue == (try HamedRaoMannKendall(stl.values)).pValue)
        #expect(stl.mannKendallP == (try MannKendall(stl.values)).pValue)
        let raw = try analyze(.none, .automatic)
        #expect(raw.test == .seasonal)
        #expect(raw.pValue == (try SeasonalMannKendall(raw.values, seasonLength: 12)).pValue)
        let plain = try analyze(.stl, .mannKendall)
        #expect(plain.test == .mannKendall && plain.pValue == plain.mannKendallP)
        for result in [stl, raw, plain] {
            let significant = result.pValue < 0.05, excludesZero = result.lower > 0 || result.upper < 0
            #expect(result.warnings.contains { $0.contains("disagree about a trend") } == (significant != excludesZero),
                    "\(result.test): p \(result.pValue), interval \(result.lower) to \(result.upper), \(result.warnings)")
        }
        let document = TrendAnalysis.Document([stl])
        #expect(document.results[0].test == "hamed-rao" && document.results[0].pValue == stl.pValue)
    }
}
