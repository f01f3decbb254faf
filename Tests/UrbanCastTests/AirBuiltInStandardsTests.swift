import Foundation
import Testing
import UrbanCast

/// The standards compiled into the library (`AirQualityStandards+BuiltIn.swift`, written by
/// `Models/scripts/make_builtin_standards.py`) are the tables of `Models/air-quality` as the
/// library's own readers check them, and a folder of files replaces them.
@Suite("Air quality: built-in standards")
struct AirBuiltInStandardsTests {
    static let models = repositoryPath("Models/air-quality")

    /// Field by field, so that a file changed without rerunning the script names what differs.
    @Test func builtInTablesEqualTheFiles() throws {
        let files = try AirQualityStandards(directory: Self.models)
        let builtIn = AirQualityStandards.builtIn
        #expect(builtIn.guidelines.entries.count == files.guidelines.entries.count)
        for (compiled, read) in zip(builtIn.guidelines.entries, files.guidelines.entries) {
            #expect(compiled == read)
        }
        #expect(builtIn.indices.map(\.id) == files.indices.map(\.id))
        for (compiled, read) in zip(builtIn.indices, files.indices) {
            #expect(compiled.categories == read.categories, "\(read.id)")
            #expect(compiled.breakpoints == read.breakpoints, "\(read.id)")
            #expect(compiled.combination == read.combination, "\(read.id)")
            #expect(compiled == read, "\(read.id)")
        }
        #expect(builtIn == files, "run python3 Models/scripts/make_builtin_standards.py after changing Models/air-quality")
    }

    /// The WHO 2021 executive summary, Table 0.1, transcribed here by hand: PM2.5 annual IT-1 to
    /// AQG 35, 25, 15, 10, 5 µg/m³; 24-hour 75, 50, 37.5, 25, 15 µg/m³; CO 24-hour AQG 4 mg/m³.
    @Test func builtInGuidelinesHoldThePublishedLevels() throws {
        let guidelines = AirQualityStandards.builtIn.guidelines
        let annual = try guidelines.annualLevels(for: .pm25, in: .microgramsPerCubicMetre)
        #expect(annual.map(\.name) == ["IT-1", "IT-2", "IT-3", "IT-4", "AQG"])
        #expect(annual.map(\.value) == [35, 25, 15, 10, 5])
        let daily = guidelines.entries(for: .pm25).filter { $0.statistic == .dailyMeanP99 }.map(\.value)
        #expect(daily == [75, 50, 37.5, 25, 15])
        let co = guidelines.entries(for: .co).first { $0.level == .guideline }
        #expect(co?.value == 4 && co?.unit == .milligramsPerCubicMetre)
        #expect(AirQualityStandards.builtIn.indices.map(\.id) == ["us-epa-2024", "china-hj633-2012", "india-naqi-2014", "korea-cai", "indonesia-ispu-2020"])
    }

    /// A folder with a stricter PM2.5 guideline (AQG 6 instead of 5 µg/m³ is laxer; 4 is
    /// stricter) changes the level a city meets, so the folder, not the built-in table, is used.
    @Test func aFolderReplacesTheBuiltInTables() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aq-standards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["aqi-indices.csv", "aqi-categories.csv", "aqi-breakpoints.csv", "aqi-combined.csv"] {
            try FileManager.default.copyItem(atPath: Self.models + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        let who = try String(contentsOfFile: Self.models + "/who-2021-aqg.csv", encoding: .utf8)
        let edited = who.replacingOccurrences(of: "PM2.5,annual,annual-mean,AQG,5,", with: "PM2.5,annual,annual-mean,AQG,4.5,")
        #expect(edited != who)
        try edited.write(to: folder.appendingPathComponent("who-2021-aqg.csv"), atomically: true, encoding: .utf8)
        let user = try AirQualityStandards(directory: folder.path)
        #expect(try user.guidelines.annualLevels(for: .pm25, in: .microgramsPerCubicMetre).map(\.value) == [35, 25, 15, 10, 4.5])
        #expect(user.indices == AirQualityStandards.builtIn.indices)

        // A year of daily means of 4.8 µg/m³ meets the built-in AQG (5) but not the folder's (4.5).
        let start = SeriesDate(year: 2023, month: 1, day: 1, precision: .day)
        let series = PollutantSeries(
            key: SeriesKey(columns: ["station"], values: ["A"]), pollutant: .pm25, unit: .microgramsPerCubicMetre,
            series: TimeSeries(start: start, frequency: .daily, values: [Double](repeating: 4.8, count: 365)))
        let records = try Localization([series]).stations
        let builtInLevel = try StandardsReport(records: records, rules: .standard).results.first?.highestLevelMet
        let userLevel = try StandardsReport(records: records, standards: user, rules: .standard).results.first?.highestLevelMet
        #expect(builtInLevel == .guideline)
        #expect(userLevel == .interimTarget4)
    }

    /// A folder without the guideline file is an error naming the file.
    @Test func aMissingFolderNamesTheFile() {
        #expect {
            _ = try AirQualityStandards(directory: "/nonexistent")
        } throws: { error in
            "\(error)".contains("/nonexistent/who-2021-aqg.csv")
        }
    }
}
