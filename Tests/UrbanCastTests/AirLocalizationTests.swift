import Foundation
import Testing
import UrbanCast
import TestSupport

/// The repository root, for the bundled datasets and Models/ files.
let airRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repositoryPath(_ relative: String) -> String {
    airRepositoryRoot.appendingPathComponent(relative).path
}

/// Reads air-quality CSV text, failing the test on an error.
func airSeries(_ csv: String, options: AirQualityInput.Options = .init()) throws(AirQualityError) -> [PollutantSeries] {
    try AirQualityInput.read(Array(csv.utf8), file: "aq.csv", options: options)
}

/// The diagnostics of reading `csv`, or the error text when it is not a data error.
func airDiagnostics(_ csv: String) -> [String] {
    do {
        _ = try airSeries(csv)
        return []
    } catch {
        if case .data(let data) = error, !data.diagnostics.isEmpty { return data.diagnostics.map(\.description) }
        return [error.description]
    }
}

/// Hourly CSV lines `station,pollutant,date,value` for one day, with `values[h]` at hour h
/// (`nil` for no row).
func hourlyRows(_ station: String, _ pollutant: String, day: String, _ values: [Double?]) -> [String] {
    values.enumerated().compactMap { hour, value in
        value.map { "\(station),\(pollutant),\(day)T\(hour < 10 ? "0" : "")\(hour):00,\($0)" }
    }
}

@Suite("Air quality: units and input")
struct AirInputTests {
    /// 40 ppb NO2 at 25 °C and 1013.25 hPa: 40 × 46.0055 / 24.465404 µg/m³ (computed by hand:
    /// V_m = 8.314462618 × 298.15 / 101325 m³/mol = 24.465404 L/mol).
    @Test func convertsMixingRatioToMass() throws {
        let conditions = ReferenceConditions.usEPA
        expectClose(conditions.molarVolumeLitres, 24.465_404, .absolute(1e-6))
        expectClose(ReferenceConditions.europeanUnion.molarVolumeLitres, 24.055_117, .absolute(1e-6))
        let mass = try ConcentrationUnit.ppb.convert(40, to: .microgramsPerCubicMetre, pollutant: .no2, at: conditions)
        expectClose(mass, 75.217_234, .absolute(1e-6))
        let back = try ConcentrationUnit.microgramsPerCubicMetre.convert(mass, to: .ppb, pollutant: .no2, at: conditions)
        expectClose(back, 40, .absolute(1e-12))
        // 1 ppm CO = 28.0101 / 24.465404 mg/m³ = 1.144886 mg/m³.
        let co = try ConcentrationUnit.ppm.convert(1, to: .milligramsPerCubicMetre, pollutant: .co, at: conditions)
        expectClose(co, 1.144_886, .absolute(1e-6))
        // Warmer air holds fewer molecules per m³: the same ppb is less mass at 35 °C.
        let warm = try ReferenceConditions(temperatureCelsius: 35, pressureHectopascal: 1013.25)
        #expect(try ConcentrationUnit.ppb.convert(40, to: .microgramsPerCubicMetre, pollutant: .no2, at: warm) < mass)
    }

    @Test func refusesImpossibleConversionsAndConditions() {
        #expect(throws: AirQualityError.unconvertibleUnit(pollutant: .pm25, from: .microgramsPerCubicMetre, to: .ppb)) {
            try ConcentrationUnit.microgramsPerCubicMetre.convert(10, to: .ppb, pollutant: .pm25, at: .usEPA)
        }
        #expect(throws: AirQualityError.invalidReferenceConditions(temperatureCelsius: -300, pressureHectopascal: 1000)) {
            try ReferenceConditions(temperatureCelsius: -300, pressureHectopascal: 1000)
        }
        #expect(throws: AirQualityError.self) { try ReferenceConditions(temperatureCelsius: 20, pressureHectopascal: 0) }
    }

    @Test(arguments: [("pm25", Pollutant.pm25), ("PM2.5", .pm25), ("PM 2.5", .pm25), ("pm_10", .pm10), ("no2", .no2),
                      ("O3", .o3), ("co", .co), ("SO2", .so2)])
    func parsesPollutantNames(_ text: String, _ expected: Pollutant) {
        #expect(Pollutant(name: text) == expected)
    }

    @Test func parsesUnits() {
        #expect(ConcentrationUnit(parsing: "µg/m³") == .microgramsPerCubicMetre)
        #expect(ConcentrationUnit(parsing: "μg/m3") == .microgramsPerCubicMetre)  // Greek mu
        #expect(ConcentrationUnit(parsing: " ug/m3 ") == .microgramsPerCubicMetre)
        #expect(ConcentrationUnit(parsing: "PPB") == .ppb)
        #expect(ConcentrationUnit(parsing: "mg/m3") == .milligramsPerCubicMetre)
        #expect(ConcentrationUnit(parsing: "g/m3") == nil)
    }

    /// Unknown pollutant and unit are reported at their cell.
    @Test func reportsUnknownPollutantAndUnitAtTheirCells() {
        let csv = "station,pollutant,date,value,unit\nA,PM2.5,2024-01-01,3,µg/m³\nA,PM1,2024-01-01,3,µg/m³\nB,NO2,2024-01-01,3,furlongs\n"
        let diagnostics = airDiagnostics(csv)
        #expect(diagnostics.count == 2)
        #expect(diagnostics.first == "aq.csv:3:2: unknown pollutant 'PM1'; the known pollutants are PM2.5, PM10, NO2, SO2, O3, CO, NH3, Pb")
        #expect(diagnostics.last?.hasPrefix("aq.csv:4:5: unknown concentration unit 'furlongs'") == true)
        #expect(airDiagnostics("station,date,value\nA,2024-01-01,3\n").first?.hasPrefix("aq.csv:1:1: no 'pollutant' column") == true)
        #expect(airDiagnostics("station,date,TEMP\nA,2024-01-01,3\n").first?.hasPrefix("aq.csv:1:1: no pollutant column") == true)
    }

    @Test func readsWideFilesIgnoringMeteorology() throws {
        let csv = "station,date,PM2.5,NO2,TEMP,wd\nA,2024-01-01,10,20,3.5,N\nA,2024-01-02,11,,4,NE\nB,2024-01-01,30,40,3,S\n"
        let series = try airSeries(csv)
        #expect(series.map(\.name) == ["station=A pollutant=PM2.5", "station=A pollutant=NO2",
                                       "station=B pollutant=PM2.5", "station=B pollutant=NO2"])
        #expect(series[1].series.values[0] == 20 && series[1].series.values[1].isNaN)
        #expect(series.allSatisfy { $0.unit == .microgramsPerCubicMetre })
        let filtered = try airSeries(csv, options: .init(defaultUnit: .ppb, pollutants: [.no2]))
        #expect(filtered.count == 2 && filtered.allSatisfy { $0.pollutant == .no2 && $0.unit == .ppb })
        #expect(throws: AirQualityError.self) { try airSeries(csv, options: .init(pollutants: [.o3])) }
    }
}

@Suite("Air quality: localisation")
struct AirLocalizationTests {
    /// A day counts with 18 of its 24 hours (75 %), not with 17; the mean covers the hours present.
    @Test func dayNeedsEighteenHours() throws {
        let eighteen = (0..<24).map { $0 < 18 ? Double($0) : nil } as [Double?]
        let seventeen = (0..<24).map { $0 < 17 ? 10.0 : nil } as [Double?]
        let csv = (["station,pollutant,date,value"] + hourlyRows("A", "NO2", day: "2024-01-01", eighteen)
            + hourlyRows("A", "NO2", day: "2024-01-02", seventeen)).joined(separator: "\n")
        let localized = try Localization(try airSeries(csv))
        let daily = localized.stations[0].daily
        #expect(daily.count == 2)
        #expect(daily[0].isValid && daily[0].count == 18 && daily[0].possible == 24 && daily[0].mean == 8.5)
        #expect(!daily[1].isValid && daily[1].count == 17 && daily[1].mean == 10 && daily[1].validMean.isNaN)
        #expect(daily[0].date.description == "2024-01-01")
    }

    /// Months and years count calendar days: 23 valid days of 31 (74.2 %) fail, 24 (77.4 %) pass;
    /// the year 2024 has 366 days.
    @Test func monthAndYearCountCalendarDays() throws {
        func file(validDays: Int) -> String {
            (["station,pollutant,date,value"] + (1...validDays).map { "A,PM10,2024-03-\($0 < 10 ? "0" : "")\($0),\(Double($0))" })
                .joined(separator: "\n")
        }
        let failing = try Localization(try airSeries(file(validDays: 23))).stations[0]
        let passing = try Localization(try airSeries(file(validDays: 24))).stations[0]
        #expect(failing.monthly.count == 1 && failing.monthly[0].possible == 31 && failing.monthly[0].count == 23)
        #expect(!failing.monthly[0].isValid && passing.monthly[0].isValid)
        #expect(passing.monthly[0].mean == 12.5 && passing.monthly[0].date.description == "2024-03")
        #expect(passing.annual[0].possible == 366 && !passing.annual[0].isValid)
        let lenient = try Localization(try airSeries(file(validDays: 23)), options: .init(capture: try DataCaptureRules(monthFraction: 0.7)))
        #expect(lenient.stations[0].monthly[0].isValid)
    }

    /// Two stations make a city: the mean of the stations valid that day, valid with 75 % of them
    /// (2 of 2 here), weighted means renormalised over the stations present.
    @Test func citiesAverageValidStations() throws {
        let csv = """
            city,station,pollutant,date,value
            X,A,PM2.5,2024-01-01,10
            X,A,PM2.5,2024-01-02,20
            X,B,PM2.5,2024-01-01,30
            X,B,PM2.5,2024-01-02,
            """
        let plain = try Localization(try airSeries(csv))
        let city = try #require(plain.cities.first)
        #expect(city.key.description == "city=X" && city.stations == ["A", "B"])
        #expect(city.daily[0].mean == 20 && city.daily[0].isValid && city.daily[0].count == 2)
        #expect(city.daily[1].mean == 20 && !city.daily[1].isValid && city.daily[1].count == 1)
        let weighted = try Localization(try airSeries(csv), options: .init(weights: ["A": 3, "B": 1]))
        #expect(weighted.cities[0].daily[0].mean == 15)  // (3·10 + 1·30) / 4
        let half = try Localization(try airSeries(csv), options: .init(capture: try DataCaptureRules(stationFraction: 0.5)))
        #expect(half.cities[0].daily[1].isValid && half.cities[0].daily[1].mean == 20)
        #expect(throws: AirQualityError.invalidWeights("no weight for station B; give every station a weight (the weights name: A)")) {
            try Localization(try airSeries(csv), options: .init(weights: ["A": 1]))
        }
        #expect(throws: AirQualityError.self) { try Localization(try airSeries(csv), options: .init(weights: ["A": 0, "B": 0])) }
        #expect(throws: AirQualityError.self) { try Localization(try airSeries(csv), options: .init(weights: ["A": -1, "B": 1])) }
    }

    /// Stations of one city in ppb and µg/m³ are put in the first station's unit before averaging.
    @Test func convertsStationUnitsBeforeAveraging() throws {
        let csv = "city,station,pollutant,date,value,unit\nX,A,NO2,2024-01-01,75.218,µg/m³\nX,B,NO2,2024-01-01,40,ppb\n"
        let city = try Localization(try airSeries(csv)).cities[0]
        #expect(city.unit == .microgramsPerCubicMetre)
        expectClose(city.daily[0].mean, 75.218, .absolute(1e-3))
        let inPPB = try Localization(try airSeries(csv), options: .init(units: [.no2: .ppb])).cities[0]
        #expect(inPPB.unit == .ppb && abs(inPPB.daily[0].mean - 40) < 1e-3)
    }

    /// Negatives are excluded and listed; a run of 12 equal hours and a spike are listed and kept.
    @Test func flagsNegativesRunsAndSpikes() throws {
        var values: [Double?] = (0..<48).map { Double(20 + ($0 * 7) % 5) }
        values[3] = -2
        for hour in 24..<36 { values[hour] = 15 }
        values[40] = 400
        let rows = hourlyRows("A", "PM10", day: "2024-01-01", Array(values[0..<24]))
            + hourlyRows("A", "PM10", day: "2024-01-02", Array(values[24..<48]))
        let localized = try Localization(try airSeries((["station,pollutant,date,value"] + rows).joined(separator: "\n")))
        let flags = localized.stations[0].flags
        #expect(flags.map(\.kind) == [.negative, .constantRun, .spike], "\(flags)")
        #expect(flags[0].isExcluded && flags[0].date.description == "2024-01-01T03:00" && flags[0].value == -2)
        #expect(flags[1].count == 12 && flags[1].value == 15 && !flags[1].isExcluded)
        #expect(flags[2].date.description == "2024-01-02T16:00" && !flags[2].isExcluded)
        #expect(localized.stations[0].daily[0].count == 23)
        let kept = try Localization(
            try airSeries((["station,pollutant,date,value"] + rows).joined(separator: "\n")),
            options: .init(checks: try QualityChecks(excludesNegativeValues: false)))
        #expect(kept.stations[0].daily[0].count == 24 && !kept.stations[0].flags[0].isExcluded)
        #expect(throws: AirQualityError.self) { try QualityChecks(constantRunLength: 1) }
        #expect(throws: AirQualityError.self) { try DataCaptureRules(dayFraction: 0) }
    }

    @Test func refusesWeeklyData() throws {
        let series = try airSeries("station,pollutant,date,value\nA,NO2,2024-01-01,1\nA,NO2,2024-01-08,2\nA,NO2,2024-01-15,2\n")
        #expect(throws: AirQualityError.self) { try Localization(series) }
    }

    /// Beijing's 12 stations, PM2.5 in 2014: the city mean of the days with at least 9 of 12
    /// stations, against pandas (Fixtures/air-quality/make_air_fixtures.py).
    @Test func beijingCityAnnualMeanMatchesPandas() throws {
        let fixture = try AirFixture.load()
        let series = try AirQualityInput.read(
            contentsOf: repositoryPath("Datasets/beijing_12sites_daily_long.csv"), options: .init(pollutants: [.pm25]))
        let localized = try Localization(series)
        #expect(localized.stations.count == fixture.cityPM25.stations)
        let year = try #require(localized.cities.first?.annual.first { $0.date.year == 2014 })
        #expect(year.count == fixture.cityPM25.validDays)
        expectClose(year.mean, fixture.cityPM25.annualMean, .relative(1e-9))
    }
}

/// Fixtures/air-quality/air_fixtures.json (make_air_fixtures.py, pandas).
struct AirFixture: Decodable {
    struct StationYear: Decodable {
        var validDays: Int
        var annualMean: Double
        var dailyP99: Double
        var exceedanceDays: [String: Int]
        var max8hValidDays: Int?
        var max8hP99: Double?
        var max8hExceedanceDays: [String: Int]?
        var peakSeasonMean: Double?
    }

    struct City: Decodable {
        var validDays: Int
        var annualMean: Double
        var stations: Int
    }

    var year: Int
    var dongsi: [String: StationYear]
    var aqiPM25: [String: [String: Int]]
    var cityPM25: City

    static func load() throws -> AirFixture {
        try JSONDecoder().decode(AirFixture.self, from: Data(contentsOf: fixtureURL("air-quality/air_fixtures.json")))
    }
}
