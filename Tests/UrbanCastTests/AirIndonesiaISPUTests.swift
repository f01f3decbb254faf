import Foundation
import Testing
import UrbanCast
import TestSupport

/// Indonesia's ISPU (Permen LHK P.14/2020) on days worked by hand from the regulation's table.
///
/// The table, typed here from the regulation's text (not from Models/air-quality): index points
/// 50, 100, 200, 300, 500 at 24-hour concentrations (µg/m³) of PM10 50, 150, 350, 420, 500;
/// PM2.5 15.5, 55.4, 150.4, 250.4, 500; SO2 52, 180, 400, 800, 1200; CO 4000, 8000, 15000,
/// 30000, 45000; O3 120, 235, 400, 800, 1000; NO2 80, 200, 1130, 2260, 3000; the index is
/// linear between the points from 0 at 0, I = (Ia − Ib)/(Xa − Xb) × (Xx − Xb) + Ib.
@Suite("Air quality: Indonesia ISPU (P.14/2020)")
struct AirIndonesiaISPUTests {
    static let models = repositoryPath("Models/air-quality")

    static func ispu() throws -> AirQualityIndex {
        try #require(try AirQualityIndex.load(directory: models).first { $0.id == "indonesia-ispu-2020" })
    }

    /// Each pollutant's sub-index at hand-worked concentrations:
    /// PM2.5 35.45: 50 + 50 × 19.95/39.9 = 75; PM2.5 10: 50 × 10/15.5 = 32.26 → 32;
    /// PM10 250: 100 + 100 × 100/200 = 150; SO2 116: 50 + 50 × 64/128 = 75;
    /// CO 10 mg/m³ = 10000 µg/m³: 100 + 100 × 2000/7000 = 128.57 → 129;
    /// O3 177.5: 50 + 50 × 57.5/115 = 75; NO2 665: 100 + 100 × 465/930 = 150;
    /// PM10 460: 300 + 200 × 40/80 = 400; PM2.5 15.5 is the point 50 (Good), 55.5: 100 + 100 × 0.1/95 = 100.1 → 100.
    @Test(arguments: [
        (Pollutant.pm25, 35.45, ConcentrationUnit.microgramsPerCubicMetre, 75, "Moderate (Sedang)"),
        (.pm25, 10, .microgramsPerCubicMetre, 32, "Good (Baik)"),
        (.pm10, 250, .microgramsPerCubicMetre, 150, "Unhealthy (Tidak sehat)"),
        (.so2, 116, .microgramsPerCubicMetre, 75, "Moderate (Sedang)"),
        (.co, 10, .milligramsPerCubicMetre, 129, "Unhealthy (Tidak sehat)"),
        (.o3, 177.5, .microgramsPerCubicMetre, 75, "Moderate (Sedang)"),
        (.no2, 665, .microgramsPerCubicMetre, 150, "Unhealthy (Tidak sehat)"),
        (.pm10, 460, .microgramsPerCubicMetre, 400, "Hazardous (Berbahaya)"),
        (.pm25, 15.5, .microgramsPerCubicMetre, 50, "Good (Baik)"),
        (.pm25, 55.5, .microgramsPerCubicMetre, 100, "Moderate (Sedang)"),
    ])
    func subIndexOnHandWorkedConcentrations(_ pollutant: Pollutant, _ value: Double, _ unit: ConcentrationUnit,
                                            _ expected: Int, _ category: String) throws {
        let sub = try #require(try Self.ispu().subIndex(value, pollutant: pollutant, averaging: "24-hour", unit: unit))
        #expect(sub.value == expected && sub.category == category)
    }

    /// Above the table (PM2.5 600 > 500) there is no number, only the top category.
    @Test func aboveTheTable() throws {
        let sub = try #require(try Self.ispu().subIndex(600, pollutant: .pm25, averaging: "24-hour", unit: .microgramsPerCubicMetre))
        #expect(sub.value == nil && sub.category == "Hazardous (Berbahaya)")
    }

    /// Three days at one station, daily means, the station's ISPU the highest sub-index:
    /// day 1 (the concentrations above): PM2.5 75, PM10 150, SO2 75, CO 129, O3 75, NO2 150 →
    /// 150, Unhealthy, PM10 and NO2 both dominant; day 2: PM2.5 10 → 32, PM10 30 → 30, SO2 26 →
    /// 25, CO 2 mg/m³ → 25, O3 60 → 25, NO2 40 → 25 → 32, Good, PM2.5; day 3: as day 2 with
    /// PM2.5 200 → 200 + 100 × 49.6/100 = 249.6 → 250, Very unhealthy, PM2.5.
    @Test func overallDailyISPU() throws {
        let days: [(String, [String: Double])] = [
            ("2024-01-01", ["PM2.5": 35.45, "PM10": 250, "SO2": 116, "CO": 10, "O3": 177.5, "NO2": 665]),
            ("2024-01-02", ["PM2.5": 10, "PM10": 30, "SO2": 26, "CO": 2, "O3": 60, "NO2": 40]),
            ("2024-01-03", ["PM2.5": 200, "PM10": 30, "SO2": 26, "CO": 2, "O3": 60, "NO2": 40]),
        ]
        var rows = ["station,pollutant,unit,date,value"]
        for (date, values) in days {
            for (pollutant, value) in values.sorted(by: { $0.key < $1.key }) {
                rows.append("A,\(pollutant),\(pollutant == "CO" ? "mg/m³" : "µg/m³"),\(date),\(value)")
            }
        }
        let records = try Localization(try airSeries(rows.joined(separator: "\n"))).stations
        let report = try StandardsReport(records: records, guidelines: AirQualityStandards.builtIn.guidelines,
                                         indices: [try Self.ispu()], rules: .standard)
        let overall = try #require(report.overall.first { $0.index == "indonesia-ispu-2020" })
        let counts = Dictionary(uniqueKeysWithValues: try #require(overall.days).map { ($0.category, $0.count) })
        #expect(counts == ["Good (Baik)": 1, "Moderate (Sedang)": 0, "Unhealthy (Tidak sehat)": 1,
                           "Very unhealthy (Sangat tidak sehat)": 1, "Hazardous (Berbahaya)": 0])
        let dominant = Dictionary(uniqueKeysWithValues: overall.dominantDays.map { ($0.pollutant.name, $0.count) })
        #expect(dominant["PM2.5"] == 2 && dominant["PM10"] == 1 && dominant["NO2"] == 1)
        #expect((dominant["SO2"] ?? 0) == 0 && (dominant["CO"] ?? 0) == 0 && (dominant["O3"] ?? 0) == 0)
    }
}
