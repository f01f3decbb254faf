import Foundation
import Testing
import UrbanCast

/// The Beijing worked example of Models/air-quality/README.md, end to end: localisation of the
/// 12 stations, the standards report, the weather-normalised trend 2013–2017, source signals, and
/// the PM2.5 mitigation plan, whose baseline must agree with what the data give.
@Suite("Air quality: Beijing worked example")
struct AirWorkedExampleTests {
    @Test func beijingEndToEnd() throws {
        let models = repositoryPath("Models/air-quality")
        let daily = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let hourly = repositoryPath("Datasets/beijing_dongsi_hourly_wide.csv")

        // 1. Localisation: 12 stations make Beijing; the 2016 city mean is the plan's baseline
        //    (derived from the same file when the plan is read).
        let localization = try Localization(try AirQualityInput.read(contentsOf: daily, options: .init(pollutants: [.pm25])))
        #expect(localization.stations.count == 12 && localization.cities.count == 1)
        let city = try #require(localization.cities.first)
        let mean2016 = try #require(city.annual.first { $0.date.year == 2016 })
        #expect(mean2016.isValid)
        let plan = try MitigationPlan(contentsOf: models + "/beijing-pm25-mitigation.yaml")
        #expect(abs(mean2016.mean - plan.baseConcentration) < 0.05 && plan.baseYear == 2016)

        // 2. Standards: Beijing meets no WHO level for PM2.5 in the full years 2013–2016.
        let report = try StandardsReport(
            records: localization.cities, guidelines: try WHOGuidelines(contentsOf: models + "/who-2021-aqg.csv"),
            indices: try AirQualityIndex.load(directory: models), rules: localization.options.capture)
        let full = report.results.filter { (2013...2016).contains($0.year) }
        #expect(full.count == 4 && full.allSatisfy { $0.highestLevelMet == nil && $0.meetsCaptureRule })

        // 3. The plan's trend is the weather-normalised trend at Dongsi (derived when the plan is
        //    read), and it falls.
        let derived = try #require(plan.derivedBaseline)
        let trend = derived.trend
        #expect(derived.trendSource.file.hasSuffix(hourly.split(separator: "/").suffix(2).joined(separator: "/")))
        #expect(derived.trendSource.normalized && derived.trendKey["station"] == "Dongsi")
        #expect(trend.slopePerYear < 0 && trend.upper < 0, "\(trend)")
        #expect(plan.trendPerYear == trend.slopePerYear && abs(plan.trendSD - (trend.upper - trend.lower) / 3.92) < 1e-12)
        #expect(trend.start.description == "2013-03" && trend.end.description == "2017-02")

        // 4. Source signals: central Dongsi sits above the Dingling background.
        let sources = try SourceReport(contentsOf: daily, pollutant: .pm25, background: "Dingling")
        let dongsi = try #require(sources.increment?.stations.first { $0.station == "Dongsi" })
        #expect(dongsi.increment > 10 && dongsi.days > 1400)

        // 5. The mitigation plan: the least-cost portfolio reaches 35 µg/m³ by 2025, cheaper
        //    than every measure together.
        let levels = try WHOGuidelines(contentsOf: models + "/who-2021-aqg.csv").annualLevels(for: .pm25, in: .microgramsPerCubicMetre)
        let run = MitigationRun(plan: plan, levels: levels)
        let portfolio = try #require(run.portfolio)
        #expect(portfolio.concentration <= 35)
        #expect(portfolio.annualCost < plan.cost(year: 2025, measures: Array(plan.measures.indices)))
    }
}
