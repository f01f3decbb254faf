import Foundation
import Testing
import UrbanCast

/// Korea's CAI combined over pollutants: the highest sub-index plus 50 points when two
/// pollutants are Unhealthy (sub-index ≥ 101) or worse and 75 when three or more are (AirKorea,
/// as transcribed by OpenAQ's aqi-hub docs/indices/south-korea.md). Concentrations sit on
/// breakpoint edges of the published table, so every sub-index is a table value.
@Suite("Air quality: combined Korea CAI")
struct AirCombinedIndexTests {
    static func cai() throws -> AirQualityIndex {
        try #require(try AirQualityIndex.load(directory: repositoryPath("Models/air-quality")).first { $0.id == "korea-cai" })
    }

    static func sub(_ index: AirQualityIndex, _ pollutant: Pollutant, _ value: Double, _ unit: ConcentrationUnit) throws
        -> AirQualityIndex.SubIndex
    {
        let averaging = try #require(index.primaryAveraging(for: pollutant))
        return try #require(try index.subIndex(value, pollutant: pollutant, averaging: averaging, unit: unit))
    }

    /// (PM2.5 µg/m³, PM10 µg/m³, NO2 ppm, O3 ppm) → combined value, bonus, category.
    static let cases: [(pm25: Double, pm10: Double, no2: Double, o3: Double, value: Int, bonus: Int, category: String)] = [
        (15, 30, 0.030, 0.030, 50, 0, "Good"),                 // all at the top of Good
        (36, 80, 0.060, 0.030, 101, 0, "Unhealthy"),           // one Unhealthy (PM2.5 101): no bonus
        (36, 81, 0.060, 0.030, 151, 50, "Unhealthy"),          // two at 101: 101 + 50
        (36, 81, 0.061, 0.030, 176, 75, "Unhealthy"),          // three at 101: 101 + 75
        (75, 150, 0.030, 0.030, 300, 50, "Very unhealthy"),    // two at 250: 250 + 50 crosses into 251–500
        (500, 600, 2.000, 0.600, 500, 75, "Very unhealthy"),   // four at 500: capped at the top of the scale
    ]

    @Test(arguments: cases.indices)
    func bonusForSeveralUnhealthyPollutants(_ position: Int) throws {
        let index = try Self.cai()
        let row = Self.cases[position]
        let ug = ConcentrationUnit.microgramsPerCubicMetre
        let values: [Pollutant: AirQualityIndex.SubIndex] = [
            .pm25: try Self.sub(index, .pm25, row.pm25, ug), .pm10: try Self.sub(index, .pm10, row.pm10, ug),
            .no2: try Self.sub(index, .no2, row.no2, .ppm), .o3: try Self.sub(index, .o3, row.o3, .ppm),
        ]
        let combined = try #require(index.combined(values))
        #expect(combined.value == row.value && combined.bonus == row.bonus && combined.category == row.category, "\(row)")
    }

    /// Without O3 (required by AirKorea's calculator) there is no CAI; the US index has no
    /// multi-pollutant rule, so its combination is the plain maximum.
    @Test func requiredPollutantsAndPlainMaximum() throws {
        let index = try Self.cai()
        let ug = ConcentrationUnit.microgramsPerCubicMetre
        let partial: [Pollutant: AirQualityIndex.SubIndex] = [
            .pm25: try Self.sub(index, .pm25, 75, ug), .pm10: try Self.sub(index, .pm10, 150, ug),
            .no2: try Self.sub(index, .no2, 0.2, .ppm),
        ]
        #expect(index.combined(partial) == nil)
        let us = try #require(try AirQualityIndex.load(directory: repositoryPath("Models/air-quality")).first { $0.id == "us-epa-2024" })
        #expect(us.combination == nil)
        let pm25 = try #require(try us.subIndex(55.4, pollutant: .pm25, averaging: "24-hour", unit: ug))   // 150
        let pm10 = try #require(try us.subIndex(254, pollutant: .pm10, averaging: "24-hour", unit: ug))    // 150
        let plain = try #require(us.combined([.pm25: pm25, .pm10: pm10]))
        #expect(plain.value == 150 && plain.bonus == 0 && plain.mainPollutant == .pm25)
    }

    /// The standards report applies the rule per place and day: hourly data for two days, the
    /// first with PM2.5 and PM10 Unhealthy (two pollutants: bonus), the second all Good.
    @Test func standardsReportCountsCombinedDays() throws {
        var rows = ["station,pollutant,date,value,unit"]
        let day1: [(String, Double, String)] = [("PM2.5", 75, "µg/m³"), ("PM10", 150, "µg/m³"), ("NO2", 0.03, "ppm"), ("O3", 0.03, "ppm")]
        let day2: [(String, Double, String)] = [("PM2.5", 10, "µg/m³"), ("PM10", 20, "µg/m³"), ("NO2", 0.01, "ppm"), ("O3", 0.02, "ppm")]
        for (pollutant, position) in zip(["PM2.5", "PM10", "NO2", "O3"], 0..<4) {
            for (day, values) in [(1, day1), (2, day2)] {
                for hour in 0..<24 {
                    rows.append("A,\(pollutant),2024-05-0\(day)T\(String(format: "%02d", hour)):00,\(values[position].1),\(values[position].2)")
                }
            }
        }
        let localization = try Localization(try airSeries(rows.joined(separator: "\n")))
        let models = repositoryPath("Models/air-quality")
        let report = try StandardsReport(
            records: localization.stations, guidelines: try WHOGuidelines(contentsOf: models + "/who-2021-aqg.csv"),
            indices: try AirQualityIndex.load(directory: models), rules: .standard)
        let cai = try #require(report.combined.first { $0.index == "korea-cai" })
        let days = try #require(cai.days)
        #expect(days.map(\.count) == [1, 0, 0, 1], "\(days)")   // Good, Moderate, Unhealthy, Very unhealthy
        #expect(cai.bonusDays == 1 && cai.year == 2024)
        #expect(report.combined.allSatisfy { $0.index == "korea-cai" })

        // Daily data cannot give the 1-hour gas tables: the combined index is not evaluated, with a reason.
        let dailyOnly = try Localization(try airSeries("station,pollutant,date,value\nA,PM2.5,2024-05-01,75\nA,PM10,2024-05-01,150\n"))
        let dailyReport = try StandardsReport(
            records: dailyOnly.stations, guidelines: try WHOGuidelines(contentsOf: models + "/who-2021-aqg.csv"),
            indices: try AirQualityIndex.load(directory: models), rules: .standard)
        let note = try #require(dailyReport.combined.first?.note)
        #expect(dailyReport.combined.first?.days == nil && note.contains("NO2") && note.contains("O3"), "\(note)")
    }

    /// A temporary copy of the repository's three index tables with `combined` as
    /// `aqi-combined.csv`; the caller removes the folder.
    static func folder(combined: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aq-combined-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["aqi-indices.csv", "aqi-categories.csv", "aqi-breakpoints.csv"] {
            try FileManager.default.copyItem(
                atPath: repositoryPath("Models/air-quality/" + name), toPath: folder.appendingPathComponent(name).path)
        }
        try combined.write(to: folder.appendingPathComponent("aqi-combined.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    /// A bad aqi-combined.csv is reported at its cells.
    @Test func badCombinationFileIsLocated() throws {
        let folder = try Self.folder(
            combined: "index,requires,countFrom,bonusTwo,bonusThreeOrMore,source\nkorea-cai,PM10;PM1,101,x,75,s\nnowhere,PM10,101,50,75,s\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try AirQualityIndex.load(directory: folder.path)
            Issue.record("a bad combination file was accepted")
        } catch {
            let cells = error.description.split(separator: "\n").map { $0.split(separator: ":").dropFirst().prefix(2).joined(separator: ":") }
            #expect(cells == ["2:2", "2:4", "3:1"], "\(error)")
        }
    }

    /// Points that are not whole numbers an index can hold (a fraction, a negative bonus, a value
    /// beyond `Int`) are reported at their cells instead of being truncated or trapping in the
    /// conversion to `Int`.
    @Test(arguments: [
        ("101.5,50,75", "2:3: column 'countFrom': a whole number from 0 to 1000000 is needed, not 101.5"),
        ("101,-50,75", "2:4: column 'bonusTwo': a whole number from 0 to 1000000 is needed, not -50"),
        ("101,50,1e300", "2:5: column 'bonusThreeOrMore': a whole number from 0 to 1000000 is needed, not 1e300"),
        ("1e19,50,75", "2:3: column 'countFrom': a whole number from 0 to 1000000 is needed, not 1e19"),
    ])
    func pointsMustBeWholeNumbers(_ cells: String, _ expected: String) throws {
        let folder = try Self.folder(combined: "index,requires,countFrom,bonusTwo,bonusThreeOrMore,source\nkorea-cai,PM10;PM2.5,\(cells),s\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("aqi-combined.csv").path
        do {
            _ = try AirQualityIndex.load(directory: folder.path)
            Issue.record("accepted \(cells)")
        } catch {
            #expect(error.description.contains(path + ":" + expected), "\(error)")
        }
    }
}

/// Index points in the breakpoint and category tables are whole numbers an index can hold; a value
/// that is not is reported at its cell instead of trapping or being truncated in the conversion.
@Suite("AQI table index points")
struct AirIndexTablePointsTests {
    @Test(arguments: [
        ("aqi-breakpoints.csv", "indexHigh", "1e300"),
        ("aqi-breakpoints.csv", "indexLow", "50.5"),
        ("aqi-breakpoints.csv", "decimals", "1e19"),
        ("aqi-categories.csv", "indexHigh", "-5"),
    ])
    func nonWholeIndexPointsAreLocated(_ file: String, _ column: String, _ value: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aq-points-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["aqi-indices.csv", "aqi-categories.csv", "aqi-breakpoints.csv", "aqi-combined.csv"] {
            try FileManager.default.copyItem(
                atPath: repositoryPath("Models/air-quality/" + name), toPath: folder.appendingPathComponent(name).path)
        }
        // Replace the cell of `column` in the first data row of `file`.
        let path = folder.appendingPathComponent(file).path
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let headerIndex = try #require(lines.firstIndex { !$0.hasPrefix("#") && !$0.isEmpty })
        let header = lines[headerIndex].components(separatedBy: ",")
        let columnIndex = try #require(header.firstIndex(of: column))
        var cells = lines[headerIndex + 1].components(separatedBy: ",")
        cells[columnIndex] = value
        lines[headerIndex + 1] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try AirQualityIndex.load(directory: folder.path)
            Issue.record("accepted \(column) = \(value) in \(file)")
        } catch {
            let location = "\(path):\(headerIndex + 2):\(columnIndex + 1)"
            #expect(error.description.contains("\(location): column '\(column)': a whole number"), "\(error)")
        }
    }
}
