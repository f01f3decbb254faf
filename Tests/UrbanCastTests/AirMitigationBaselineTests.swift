import Foundation
import Statistics
import Testing
import UrbanCast

/// Mitigation plans whose baseline is derived from data (`baseline: {from: trend, ...}`).
@Suite("Air quality: mitigation baselines derived from data")
struct AirMitigationBaselineTests {
    static let rest = """
        horizon: 2030
        sectors: [{name: a, share: 0.6}, {name: b, share: 0.4}]
        measures: [{name: m, sector: a, reduction: 0.5, start: 2020, annualCost: 10}]
        health: {population: 1e6, baselineMortality: 0.006}
        draws: 50
        """

    /// Writes a plan with the given baseline block and reads it; the error text otherwise.
    static func plan(_ baseline: String, pollutant: String = "PM2.5", rest: String = AirMitigationBaselineTests.rest) throws
        -> Result<MitigationPlan, AirQualityError>
    {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).yaml").path
        try "pollutant: \(pollutant)\nbaseline:\n\(baseline)\n\(rest)\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { return .success(try MitigationPlan(contentsOf: path)) } catch { return .failure(error) }
    }

    /// The 12-station city of Beijing, base year 2014: C₀ is pandas' city annual mean
    /// (Fixtures/air-quality/air_fixtures.json); without deseasonalising, the trend is the median
    /// of all pairwise slopes of the monthly means, computed here by brute force; the sd is the
    /// 95 % interval's width over 2 · 1.96.
    @Test func cityBaselineFromTheDailyFile() throws {
        let file = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let plan = try Self.plan("  from: trend\n  file: \(file)\n  city: true\n  year: 2014\n  deseason: none\n  replicates: 200").get()
        let fixture = try AirFixture.load()
        #expect(plan.baseYear == 2014)
        #expect(abs(plan.baseConcentration - fixture.cityPM25.annualMean) < 1e-9 * fixture.cityPM25.annualMean)

        let city = try #require(try Localization(try AirQualityInput.read(contentsOf: file, options: .init(pollutants: [.pm25]))).cities.first)
        let median = Self.medianPairwiseSlope(city.monthly)
        #expect(abs(plan.trendPerYear - median) < 1e-9 * abs(median), "\(plan.trendPerYear) against \(median)")

        let derived = try #require(plan.derivedBaseline)
        #expect(derived.levelKey["city"] == "Beijing" && derived.trendKey == derived.levelKey && !derived.level.normalized)
        #expect(derived.validDays == fixture.cityPM25.validDays && derived.trendSource == derived.level)
        #expect(derived.trend.lower < plan.trendPerYear && plan.trendPerYear < derived.trend.upper)
    }

    /// The trend's sd is the sd of the Theil–Sen slope. On a station whose monthly means are
    /// `60 − 2 t + e`, `e ~ N(0, 4²)` independent, t in years over 2011–2020 (120 months, every
    /// day of a month at its mean), the reference is the slope's large-sample sd for normal
    /// errors, `√(π/3) · σ / √Σ(t − t̄)²` (Sen 1968: efficiency 3/π relative to least squares),
    /// = 0.1294 µg/m³ per year, computed here from σ and the months alone (a brute-force check
    /// outside the suite, 2,000 simulated samples with numpy, gave 0.1287). The plan's sd comes
    /// from one sample's block bootstrap, which varies from sample to sample: the same scheme
    /// (L = 5, 400 replicates) on 12 simulated samples gave 0.89–1.33 times the true sd (mean
    /// 1.12). So the check is 0.75–1.5 times the reference: an sd from the interval's whole
    /// width (×2) or from an 80 % interval (×1.53) does not pass.
    @Test func trendSDIsTheSlopesSamplingSD() throws {
        var generator = SeededGenerator(seed: 77)
        var times: [Double] = [], means: [Double] = []
        for year in 2011...2020 {
            for month in 1...12 {
                let t = Double(year) + Double(month - 1) / 12
                times.append(t)
                means.append(60 - 2 * (t - 2011) + 4 * generator.nextNormal())
            }
        }
        var rows = ["station,pollutant,date,value"]
        let first = SeriesDate(year: 2011, month: 1, day: 1, precision: .day)
        for day in 0..<3653 {
            let date = first.advanced(by: day, frequency: .daily)
            rows.append("A,PM2.5,\(date),\(means[(date.year - 2011) * 12 + date.month - 1])")
        }
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("aq-trend-\(UUID().uuidString).csv").path
        try rows.joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let plan = try Self.plan("  from: trend\n  file: \(data)\n  year: 2020\n  deseason: none\n  replicates: 1000").get()
        let centre = times.reduce(0, +) / Double(times.count)
        let spread = times.reduce(0) { $0 + ($1 - centre) * ($1 - centre) }
        let reference = (Double.pi / 3).squareRoot() * 4 / spread.squareRoot()
        #expect(abs(reference - 0.1294) < 1e-4)
        #expect(plan.trendSD > 0.75 * reference && plan.trendSD < 1.5 * reference, "trend sd \(plan.trendSD) against \(reference)")
        #expect(abs(plan.trendPerYear + 2) < 4 * reference, "slope \(plan.trendPerYear)")
    }

    /// The level from the city, the trend from one station of the same file (the `trend` block;
    /// the worked example takes it from Dongsi's weather-normalised hourly series): C₀ is the
    /// city's, the trend is the station's median of pairwise slopes, computed here by brute force.
    @Test func cityLevelWithStationTrend() throws {
        let daily = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let plan = try Self.plan("""
              from: trend
              file: \(daily)
              city: true
              year: 2014
              deseason: none
              replicates: 200
              trend: {file: \(daily), station: Dongsi}
            """).get()
        let derived = try #require(plan.derivedBaseline)
        let fixture = try AirFixture.load()
        #expect(abs(plan.baseConcentration - fixture.cityPM25.annualMean) < 1e-9 * fixture.cityPM25.annualMean)
        #expect(derived.trendKey["station"] == "Dongsi" && derived.levelKey["city"] == "Beijing" && !derived.trendSource.normalized)
        let dongsi = try #require(try Localization(try AirQualityInput.read(contentsOf: daily, options: .init(pollutants: [.pm25])))
            .stations.first { $0.key["station"] == "Dongsi" })
        let median = Self.medianPairwiseSlope(dongsi.monthly)
        #expect(abs(plan.trendPerYear - median) < 1e-9 * abs(median), "\(plan.trendPerYear) against \(median)")
    }

    /// The median of all pairwise slopes of the valid monthly means, time in years.
    static func medianPairwiseSlope(_ monthly: [PeriodStatistic]) -> Double {
        let months = monthly.filter(\.isValid).map { (Double($0.date.year) + Double($0.date.month - 1) / 12, $0.mean) }
        var slopes: [Double] = []
        for i in months.indices { for j in months.indices where j > i { slopes.append((months[j].1 - months[i].1) / (months[j].0 - months[i].0)) } }
        slopes.sort()
        guard !slopes.isEmpty else { return .nan }
        return slopes.count % 2 == 1 ? slopes[slopes.count / 2] : (slopes[slopes.count / 2 - 1] + slopes[slopes.count / 2]) / 2
    }

    /// Mistakes are named by their key path (trend and forecast baselines); problems inside the
    /// data file keep FILE:LINE:COLUMN.
    @Test(arguments: [
        ("  from: model\n  file: x.csv\n  year: 2016", "baseline.from: unknown source 'model'"),
        ("  from: trend\n  year: 2016", "baseline.file: missing; it is required"),
        ("  from: trend\n  file: /nonexistent/aq.csv\n  year: 2016", "baseline.file: "),
        ("  from: trend\n  file: F\n  year: 2016\n  concentration: 50", "baseline.concentration: unknown key for a baseline from trend"),
        ("  from: trend\n  file: F\n  year: 2016\n  station: Nowhere", "baseline: F has no station 'Nowhere'; it has Aotizhongxin"),
        ("  from: trend\n  file: F\n  year: 2016", "baseline: F holds 12 series"),
        ("  from: trend\n  file: F\n  year: 2017\n  city: true", "has 59 valid days of 365 in 2017, below the 75 % capture rule"),
        ("  from: trend\n  file: F\n  year: 2010\n  city: true", "has no data in the base year 2010; it covers 2013, 2014, 2015, 2016, 2017"),
        ("  from: trend\n  file: F\n  year: 2016\n  city: true\n  normalized: true", "a normalised series is per station"),
        ("  from: trend\n  file: F\n  year: 2016\n  city: true\n  station: Dongsi", "baseline.city: give either station or city: true"),
        ("  from: trend\n  file: F\n  year: 2016\n  city: true\n  deseason: loess", "baseline.deseason: unknown value 'loess'"),
        ("  from: trend\n  file: F\n  year: 2016\n  city: true\n  trend: {station: Dongsi}", "baseline.trend.file: missing; it is required"),
        ("  from: trend\n  file: F\n  year: 2016\n  city: true\n  trend: {file: F, level: 2}", "baseline.trend.level: "),
        ("  from: forecast\n  file: F\n  city: true\n  year: 2016\n  model: prophet", "baseline.model: model 'prophet'"),
        ("  from: forecast\n  file: F\n  city: true\n  year: 2013", "the base year 2013 must be covered from January"),
        ("  from: forecast\n  file: F\n  city: true\n  year: 2016\n  trend: {file: F}", "baseline.trend: unknown key for a baseline from forecast"),
        ("  from: forecast\n  city: true\n  year: 2016", "baseline.file: missing; it is required"),
    ])
    func mistakesAreNamed(_ baseline: String, _ expected: String) throws {
        let file = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let result = try Self.plan(baseline.replacingOccurrences(of: "F", with: file))
        guard case .failure(let error) = result else {
            Issue.record("accepted: \(baseline)")
            return
        }
        #expect(error.description.replacingOccurrences(of: file, with: "F").contains(expected), "\(error)")
    }

    /// A bad cell in the data file is reported at its line and column.
    @Test func badDataCellIsLocated() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("aq-\(UUID().uuidString).csv").path
        try "station,pollutant,date,value\nA,PM2.5,2020-01-01,x\n".write(toFile: data, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try Self.plan("  from: trend\n  file: \(data)\n  year: 2020")
        guard case .failure(let error) = result else {
            Issue.record("a bad data file was accepted")
            return
        }
        #expect(error.description.hasPrefix("\(data):2:4:"), "\(error)")
    }
}

/// Baselines forecast by a model of the monthly means (`baseline: {from: forecast, ...}`).
@Suite("Air quality: mitigation baselines forecast by a model")
struct AirMitigationForecastBaselineTests {
    /// The historical-mean model (R's `meanf`) on Beijing's 48 monthly means, 2013-03 to
    /// 2017-02: a fully forecast year has the mean ȳ and sd = t(0.975, 47) · s · √(1 + 1/48) / 1.96
    /// (t = 2.011741, R `qt(0.975, 47)`); 2017 mixes two observed months with ten forecast; 2016
    /// is observed (sd 0) and is C₀.
    @Test func meanModelPathByHand() throws {
        let file = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let plan = try AirMitigationBaselineTests.plan(
            "  from: forecast\n  file: \(file)\n  city: true\n  year: 2016\n  model: mean").get()
        let forecast = try #require(plan.forecastBaseline)
        let city = try #require(try Localization(try AirQualityInput.read(contentsOf: file, options: .init(pollutants: [.pm25]))).cities.first)
        let months = city.monthly.filter(\.isValid)
        #expect(months.count == 48 && forecast.interpolatedMonths == 0 && forecast.lastObserved.description == "2017-02")
        let values = months.map(\.mean)
        let mean = values.reduce(0, +) / 48
        let s = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 47).squareRoot()
        let sd = 2.011741 * s * (1 + 1.0 / 48).squareRoot() / 1.96
        let path = Dictionary(uniqueKeysWithValues: forecast.path.map { ($0.year, $0) })
        let y2016 = months.filter { $0.date.year == 2016 }.map(\.mean)
        #expect(y2016.count == 12)
        #expect(abs(plan.baseConcentration - y2016.reduce(0, +) / 12) < 1e-9 && path[2016]?.sd == 0)
        let early2017 = months.filter { $0.date.year == 2017 }.map(\.mean)
        #expect(abs((path[2017]?.mean ?? .nan) - (early2017.reduce(0, +) + 10 * mean) / 12) < 1e-9)
        #expect(abs((path[2017]?.sd ?? .nan) - 10 * sd / 12) < 1e-5 * sd && path[2017]?.forecastMonths == 10)
        for year in 2018...2030 {
            #expect(abs((path[year]?.mean ?? .nan) - mean) < 1e-9 && abs((path[year]?.sd ?? .nan) - sd) < 1e-5 * sd, "\(year)")
        }
        // The run's central baseline is the path; its draws spread around it.
        let run = MitigationRun(plan: plan, levels: [("IT-1", 35)])
        let baseline = try #require(run.scenarios.first { $0.name == "baseline" }?.years.first { $0.year == 2025 })
        #expect(abs(baseline.central - mean) < 1e-9 && baseline.p5 < mean && mean < baseline.p95)
    }

    /// A horizon before the base year, or a year no series can hold, is a thrown error rather
    /// than a trap in the year and month arithmetic, through the API and through a spec.
    @Test(arguments: [(2016, 2015), (2016, Int.max), (Int.min, 2030), (-5, 2030)])
    func yearsOutsideTheRecordAreRefused(_ year: Int, _ horizon: Int) throws {
        let file = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        do {
            _ = try MitigationPlan.ForecastBaseline.forecast(
                source: .init(file: file, selection: .city), model: "mean", pollutant: .pm25, unit: .microgramsPerCubicMetre,
                year: year, horizon: horizon)
            Issue.record("accepted year \(year), horizon \(horizon)")
        } catch {
            guard case .invalidSetting(let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(message.contains("horizon \(horizon)") && message.contains("\(year)"), "\(message)")
        }
    }

    /// A spec whose horizon overflows the month count is named at its baseline.
    @Test func hugeHorizonInASpecIsNamed() throws {
        let file = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let rest = AirMitigationBaselineTests.rest.replacingOccurrences(of: "horizon: 2030", with: "horizon: \(Int.max)")
        #expect(rest != AirMitigationBaselineTests.rest)
        guard case .failure(let error) = try AirMitigationBaselineTests.plan(
            "  from: forecast\n  file: \(file)\n  city: true\n  year: 2016\n  model: mean", rest: rest)
        else {
            Issue.record("a horizon of Int.max was accepted")
            return
        }
        #expect(error.description.contains("baseline: the base year 2016 and the horizon \(Int.max) must be years between 1 and 9999"),
                "\(error)")
    }

    /// Fewer than 24 valid months cannot give a monthly forecast.
    @Test func shortRecordIsRefused() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("aq-short-\(UUID().uuidString).csv").path
        let rows = (0..<400).map { day in
            "A,PM2.5,\(SeriesDate(year: 2020, month: 1, day: 1, precision: .day).advanced(by: day, frequency: .daily)),\(30 + day % 7)"
        }
        try (["station,pollutant,date,value"] + rows).joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: data) }
        guard case .failure(let error) = try AirMitigationBaselineTests.plan("  from: forecast\n  file: \(data)\n  year: 2020") else {
            Issue.record("a 13-month record was accepted")
            return
        }
        #expect(error.description.contains("fewer than 24 valid monthly means"), "\(error)")
    }
}
