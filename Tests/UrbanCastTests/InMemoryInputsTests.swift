import Forecasting
import Foundation
import Statistics
import Testing
import UrbanCast

/// The runs that used to read files inside the library take values: weather normalisation,
/// mitigation baselines, scenario comparison and the scenario's hourly-load, path-file and
/// cross-section inputs. Each is run on values built in memory and compared with the file-based
/// run on the same data (the same numbers), and checked against hand arithmetic where it is cheap.
@Suite struct InMemoryInputsTests {
    /// Writes `text` to a temporary file, runs `body` on its path and removes it.
    static func withFile<T>(_ text: String, suffix: String = ".csv", _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inmemory-\(UUID().uuidString)\(suffix)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    // MARK: Weather normalisation

    /// The library example: two years of daily NO₂ driven by temperature and a falling trend,
    /// normalised from arrays. The data are c = 40 − 0.01 d + 1.5 T + sin(1.3 d) on day d, so the
    /// weather-normalised level on day d is 40 − 0.01 d + 1.5 T̄ (+ the mean of the bounded
    /// wiggle, about 0), T̄ the mean temperature: each year's normalised mean is that at the
    /// year's mean day, by hand.
    @Test func weatherNormalizationExample() throws {
        // Two years of daily NO₂ (µg/m³) at one station, driven by temperature and a falling trend.
        let start = SeriesDate(year: 2022, month: 1, day: 1, precision: .day)
        let dates = (0..<730).map { start.advanced(by: $0, frequency: .daily) }
        let temperature = dates.indices.map { day in 12 + 10 * sin(Double(day) * 0.7) }
        let no2 = dates.indices.map { day in 40 - 0.01 * Double(day) + 1.5 * temperature[day] + sin(Double(day) * 1.3) }
        let record = WeatherNormalization.Record(
            key: ["station": "Dongsi"], pollutant: .no2, dates: dates, concentrations: no2, meteorology: ["TEMP": temperature])
        let result = try WeatherNormalization(record, options: .init(meteorology: ["TEMP"], windDirection: nil, windSpeed: nil))
        for year in result.series(by: .year) {
            print(year.date.year, year.observed, year.normalized)
        }
        print("held-out R²", result.heldOutRSquared)

        let meanTemperature = temperature.reduce(0, +) / Double(temperature.count)
        let annual = result.series(by: .year)
        #expect(annual.map(\.date.year) == [2022, 2023])
        for (k, year) in annual.enumerated() {
            let meanDay = Double(365 * k) + 182
            let expected = 40 - 0.01 * meanDay + 1.5 * meanTemperature
            #expect(abs(year.normalized - expected) < 0.1, "\(year.date.year): \(year.normalized) against \(expected)")
        }
        // The weather moves the observed daily values by ±15; the normalised ones stay on the trend.
        var worst = 0.0
        for (day, value) in result.normalized.values.enumerated() {
            let trend: Double = 40 - 0.01 * Double(day) + 1.5 * meanTemperature
            worst = max(worst, abs(value - trend))
        }
        #expect(worst < 0.3, "largest daily departure from the trend \(worst)")
        #expect(result.rowsFitted == 730 && result.heldOutRSquared > 0.95)
    }

    /// A two-station file with compass wind directions and the same rows as records in memory
    /// (directions in degrees) give identical normalisations.
    @Test func weatherNormalizationRecordsMatchTheFile() throws {
        var generator = SeededGenerator(seed: 41)
        let compass = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]
        let start = SeriesDate(year: 2021, month: 1, day: 1, precision: .day)
        var lines = ["station,date,NO2,TEMP,WSPM,wd"]
        var records: [WeatherNormalization.Record] = []
        for station in ["A", "B"] {
            var dates: [SeriesDate] = [], values: [Double] = [], temperature: [Double] = [], speed: [Double] = [], direction: [Double] = []
            for day in 0..<800 {
                let date = start.advanced(by: day, frequency: .daily)
                let season: Double = cos(2 * Double.pi * Double(day) / 365.25)
                let t: Double = 10 - 9 * season + 2 * generator.nextNormal()
                let s: Double = max(0.3, 2.5 + generator.nextNormal())
                let point = Int(generator.next() % 16)
                let missing = day % 97 == 5
                let wind: Double = 12 / (1 + s) + 4 * cos(Double(point) * .pi / 8)
                let level: Double = 50 - 0.02 * Double(day) + 0.8 * t
                let c: Double = missing ? .nan : level + wind + 2 * generator.nextNormal()
                dates.append(date); values.append(c); temperature.append(t); speed.append(s); direction.append(Double(point) * 22.5)
                lines.append("\(station),\(date),\(missing ? "" : "\(c)"),\(t),\(s),\(compass[point])")
            }
            records.append(WeatherNormalization.Record(
                key: ["station": station], pollutant: .no2, dates: dates, concentrations: values,
                meteorology: ["TEMP": temperature, "WSPM": speed], windDirection: direction))
        }
        let options = WeatherNormalization.Options(meteorology: ["TEMP", "WSPM"], folds: 4)
        let fromFile = try Self.withFile(lines.joined(separator: "\n")) { path in
            try WeatherNormalization.run(contentsOf: path, pollutant: .no2, options: options)
        }
        let inMemory = try WeatherNormalization.run(records, options: options)
        #expect(fromFile.count == 2 && inMemory.count == 2)
        for (file, memory) in zip(fromFile, inMemory) {
            #expect(file.key == memory.key && file.rowsFitted == memory.rowsFitted)
            #expect(file.lambda == memory.lambda && file.heldOutRSquared == memory.heldOutRSquared)
            #expect(file.heldOut == memory.heldOut && file.partialEffects == memory.partialEffects)
            #expect(file.normalized.values.elementsEqual(memory.normalized.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
        // The record without its wind speed array takes the meteorological variable of that name.
        var withoutSpeed = records[0]
        withoutSpeed.windSpeed = nil
        #expect(try WeatherNormalization(withoutSpeed, options: options).normalized.values
            .elementsEqual(inMemory[0].normalized.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    /// A variable the options name but the record lacks is named; arrays of another length than
    /// the dates are refused with the counts.
    @Test func weatherNormalizationRecordProblems() throws {
        let start = SeriesDate(year: 2021, month: 1, day: 1, precision: .day)
        let dates = (0..<400).map { start.advanced(by: $0, frequency: .daily) }
        let values = dates.indices.map { Double($0 % 7) }
        let record = WeatherNormalization.Record(pollutant: .pm25, dates: dates, concentrations: values, meteorology: ["TEMP": values])
        #expect(throws: AirQualityError.missingColumn("PRES", available: ["TEMP"])) {
            try WeatherNormalization(record, options: .init(meteorology: ["TEMP", "PRES"], windDirection: nil, windSpeed: nil))
        }
        #expect(throws: AirQualityError.missingColumn("wd", available: ["TEMP"])) {
            try WeatherNormalization(record, options: .init(meteorology: ["TEMP"]))
        }
        var short = record
        short.meteorology["TEMP"] = Array(values.dropLast())
        #expect(throws: AirQualityError.invalidSetting("PM2.5: TEMP has 399 values for 400 dates; give one value per date")) {
            try WeatherNormalization(short, options: .init(meteorology: ["TEMP"], windDirection: nil, windSpeed: nil))
        }
    }

    // MARK: Mitigation baselines

    /// Daily PM2.5 of one station, 2014–2016: every day of month m (0 = January 2014) at
    /// 50 − 0.5 m, so the monthly means fall by exactly 6 µg/m³ a year.
    static func linearStation() throws -> (panel: SeriesPanel, csv: String) {
        let start = SeriesDate(year: 2014, month: 1, day: 1, precision: .day)
        let days = (0..<1096).map { start.advanced(by: $0, frequency: .daily) }
        let values = days.map { 50 - 0.5 * Double(($0.year - 2014) * 12 + $0.month - 1) }
        let panel = try SeriesPanel([KeyedSeries(
            key: ["station": "A", "pollutant": "PM2.5"], unit: "µg/m³",
            series: TimeSeries(start: start, frequency: .daily, values: values))])
        let csv = (["station,pollutant,date,value"] + zip(days, values).map { "A,PM2.5,\($0),\($1)" }).joined(separator: "\n")
        return (panel, csv)
    }

    /// The baseline derived from the station in memory equals the one from its file; by hand, C₀
    /// is the day-weighted mean of 2015's monthly levels and, without deseasonalising, the
    /// Theil–Sen slope of exactly linear monthly means is their slope, −6 per year.
    @Test func derivedBaselineFromMemoryMatchesTheFile() throws {
        let (panel, csv) = try Self.linearStation()
        let options = TrendAnalysis.Options(deseasonalization: .none, replicates: 200)
        let station = try #require(try Localization(panel).stations.first)
        let memory = try MitigationPlan.DerivedBaseline.derive(
            level: .init(station), pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2015, options: options)
        let file = try Self.withFile(csv) { path in
            try MitigationPlan.DerivedBaseline.derive(
                level: .init(file: path), pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2015, options: options)
        }
        #expect(memory.concentration == file.concentration && memory.validDays == file.validDays)
        #expect(memory.trend == file.trend && memory.levelKey == file.levelKey)
        #expect(memory.level.file.isEmpty && !file.level.file.isEmpty)

        let daysInMonth2015 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let c0 = daysInMonth2015.enumerated().reduce(0.0) { $0 + Double($1.element) * (50 - 0.5 * Double(12 + $1.offset)) } / 365
        #expect(memory.validDays == 365)
        #expect(abs(memory.concentration - c0) < 1e-12 * c0, "\(memory.concentration) against \(c0)")
        #expect(abs(memory.trend.slopePerYear + 6) < 1e-9, "\(memory.trend.slopePerYear)")

        // A series in another unit than the plan's is refused without a file name.
        var ppb = MitigationPlan.DerivedBaseline.Series(station)
        ppb.unit = .ppb
        #expect(throws: AirQualityError.invalidSetting("PM2.5 is in ppb but the plan is in µg/m³")) {
            try MitigationPlan.DerivedBaseline.derive(level: ppb, pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2015)
        }
    }

    /// The plan built in Swift on the in-memory baseline runs to the same numbers as the plan
    /// spec that derives it from the file.
    @Test func mitigationPlanFromMemoryMatchesTheSpec() throws {
        let (panel, csv) = try Self.linearStation()
        let station = try #require(try Localization(panel).stations.first)
        let baseline = try MitigationPlan.DerivedBaseline.derive(
            level: .init(station), pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2015,
            options: .init(deseasonalization: .none, replicates: 200, seed: 3))
        let plan = try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseline: baseline, horizon: 2030,
            sectors: [.init(name: "a", share: 0.6), .init(name: "b", share: 0.4)],
            measures: [.init(name: "m", sector: "a", reduction: 0.5, start: 2020, annualCost: 10)],
            health: try HealthImpact(population: 1e6, baselineMortality: 0.006), draws: 50, seed: 3)
        let specPlan = try Self.withFile(csv) { data in
            let spec = """
                pollutant: PM2.5
                baseline: {from: trend, file: \(data), year: 2015, deseason: none, replicates: 200}
                horizon: 2030
                sectors: [{name: a, share: 0.6}, {name: b, share: 0.4}]
                measures: [{name: m, sector: a, reduction: 0.5, start: 2020, annualCost: 10}]
                health: {population: 1e6, baselineMortality: 0.006}
                draws: 50
                seed: 3
                """
            return try Self.withFile(spec, suffix: ".yaml") { try MitigationPlan(contentsOf: $0) }
        }
        #expect(plan.baseYear == specPlan.baseYear && plan.baseConcentration == specPlan.baseConcentration)
        #expect(plan.trendPerYear == specPlan.trendPerYear && plan.trendSD == specPlan.trendSD)
        #expect(plan.derivedBaseline?.trend == specPlan.derivedBaseline?.trend)
        let memoryRun = MitigationRun(plan: plan, levels: [("IT-1", 35)])
        let specRun = MitigationRun(plan: specPlan, levels: [("IT-1", 35)])
        #expect(memoryRun.scenarios == specRun.scenarios && memoryRun.curve == specRun.curve)
    }

    /// The forecast baseline of the series in memory equals the file's; with a naive model the
    /// forecast months all hold the last month, 50 − 0.5 · 35 = 32.5, so 2017 and 2018 average
    /// 32.5, and 2016 (observed) the mean of its months.
    @Test func forecastBaselineFromMemoryMatchesTheFile() throws {
        let (panel, csv) = try Self.linearStation()
        let series = MitigationPlan.DerivedBaseline.Series(try #require(try Localization(panel).stations.first))
        let memory = try MitigationPlan.ForecastBaseline.forecast(
            series, model: "naive", pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2015, horizon: 2018, paths: 200)
        let file = try Self.withFile(csv) { path in
            try MitigationPlan.ForecastBaseline.forecast(
                source: .init(file: path), model: "naive", pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2015,
                horizon: 2018, paths: 200)
        }
        #expect(memory.path == file.path && memory.fittedModel == file.fittedModel && memory.key == file.key)
        #expect(memory.path.map(\.year) == [2015, 2016, 2017, 2018])
        let observed2016 = (24..<36).reduce(0.0) { $0 + 50 - 0.5 * Double($1) } / 12
        #expect(abs(memory.path[1].mean - observed2016) < 1e-12 && memory.path[1].sd == 0)
        #expect(memory.path[2...].allSatisfy { abs($0.mean - 32.5) < 1e-12 && $0.forecastMonths == 12 })

        let plan = try MitigationPlan(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseline: memory, horizon: 2018,
            sectors: [.init(name: "a", share: 1)], measures: [], health: try HealthImpact(population: 1e6, baselineMortality: 0.006))
        #expect(plan.baseYear == 2015 && plan.baseline(year: 2018) == 32.5 && plan.forecastBaseline == memory)
    }

    // MARK: Scenarios

    /// Tetouan's hourly-load specification run on hourly records built in memory (with hours of
    /// another year, which are left out) gives the file run's results. By hand: under business as
    /// usual (no warming) each year's energy on the central path replays the base year's fitted
    /// loads, whose sum is the sum of the loads (least squares with an intercept).
    @Test func hourlyLoadFromMemoryMatchesTheFile() async throws {
        let spec = try ScenarioSpecification(contentsOf: repositoryPath("Models/scenarios/tetouan_electricity.yaml"))
        let options = ScenarioRun.Options(draws: 20, seed: 5, threads: 2)
        let fromFiles = try await ScenarioRun(spec, options: options)

        let table = try WideTable.read(contentsOf: repositoryPath("Datasets/tetouan_power_hourly_wide.csv"))
        let dates = try #require(table.dates)
        let columns = try table.columns(named: ["zone1_power", "temperature_c"])
        let nextYear = SeriesDate(year: 2018, month: 1, day: 1, hour: 0, minute: 0, precision: .minute)
        let hours = ScenarioData.HourlyRecords(
            dates: dates + [nextYear], load: columns[0] + [1e9], temperature: columns[1] + [45])
        let data = ScenarioData(history: try SeriesPanel([]), hourly: ["energy": hours, "peak": hours])
        let inMemory = try await ScenarioRun(spec, data: data, options: options)
        #expect(inMemory.results == fromFiles.results)

        let energy = try #require(inMemory[scenario: "bau", indicator: "energy"])
        let total = zip(dates, columns[0]).filter { $0.0.year == 2017 }.reduce(0.0) { $0 + $1.1 }
        #expect(energy.central.allSatisfy { abs($0 - total) < 1e-9 * total }, "\(energy.central.prefix(3)) against \(total)")
    }

    /// Kinshasa's specification (a path file, a one-year wide history and a cross-section prior)
    /// run on values built in memory gives the file run's results; without the cross-section the
    /// run names what is missing by key path.
    @Test func pathAndPriorFromMemoryMatchTheFiles() async throws {
        let spec = try ScenarioSpecification(contentsOf: repositoryPath("Models/scenarios/kinshasa_waste.yaml"))
        let options = ScenarioRun.Options(draws: 200, seed: 9, threads: 2)
        let fromFiles = try await ScenarioRun(spec, options: options)

        let population = try #require(try LongFormat.read(
            contentsOf: repositoryPath("Datasets/un_wup2018_largest_agglomerations_long.csv")
        ).first { $0.key["city"] == "Kinshasa" && $0.key.values.contains("population") })
        let cities = try WideTable.read(contentsOf: repositoryPath("Datasets/what_a_waste_cities_wide.csv"), dateColumn: .none)
        let waste = try cities.columns(named: ["msw_kg_per_capita_day", "population", "msw_tons_per_year"])
        let kinshasa = try #require(try cities.textColumn(named: "city").firstIndex(of: "Kinshasa"))
        let history = try SeriesPanel([
            population,
            KeyedSeries(key: ["series": "msw_tons_per_year"], unit: nil,
                        series: TimeSeries(start: SeriesDate(year: 2015, precision: .year), frequency: .yearly,
                                           values: [waste[2][kinshasa]])),
        ])
        let path = YearlySeries(firstYear: population.series.start.year, values: population.series.values)
        var data = ScenarioData(
            history: history, paths: ["drivers.population": path],
            crossSections: ["waste": .init(response: waste[0], size: waste[1], groups: try cities.textColumn(named: "income_group"))])
        let inMemory = try await ScenarioRun(spec, data: data, options: options)
        #expect(inMemory.results == fromFiles.results)

        data.crossSections = [:]
        await #expect(throws: ScenarioError.self) { try await ScenarioRun(spec, data: data, options: options) }
        do {
            _ = try await ScenarioRun(spec, data: data, options: options)
        } catch {
            #expect(error.description.contains("indicators.waste.elasticity.prior: the cross-section"), "\(error)")
            #expect(error.description.contains("crossSections['waste']"))
        }
    }

    /// The comparison of a run's results in memory equals the one read back from the run's
    /// `forecast.csv` and `summary.json`; by hand, savings are the baseline's mean minus the
    /// scenario's, and the baseline's own savings are zero.
    @Test func comparisonFromResultsMatchesTheDirectory() async throws {
        let spec = try ScenarioSpecification(contentsOf: repositoryPath("Models/scenarios/kinshasa_waste.yaml"))
        let run = try await ScenarioRun(spec, options: .init(draws: 200, seed: 9, threads: 2))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inmemory-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try run.forecastCSV.write(to: directory.appendingPathComponent("forecast.csv"), atomically: true, encoding: .utf8)
        try JSONContract.versioned(run.summaryJSON).serialized()
            .write(to: directory.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)

        let fromFiles = try ScenarioComparison(directory: directory.path, years: [2025, 2035])
        let inMemory = try ScenarioComparison(run.results, years: [2025, 2035])
        #expect(inMemory.table == fromFiles.table && !inMemory.targets.isEmpty && inMemory.targets == fromFiles.targets)
        #expect(inMemory.years == fromFiles.years && inMemory.indicators.map(\.name) == fromFiles.indicators.map(\.name))

        let waste = try #require(inMemory.indicators.first)
        let bau = try #require(run[scenario: "bau", indicator: "waste"])
        let reduction = try #require(run[scenario: "reduction", indicator: "waste"])
        let index2035 = try #require(bau.years.firstIndex(of: 2035))
        #expect(waste.rows[0].savings == [0, 0])
        #expect(waste.rows[1].savings[1] == bau.mean[index2035] - reduction.mean[index2035])

        let first = try #require(bau.years.first)
        #expect(throws: ScenarioError.invalidOptions("the run covers \(first)–2035, not 2040")) {
            try ScenarioComparison(run.results, years: [2040])
        }
    }
}
