import Foundation
import Testing
import UrbanCast
import TestSupport

/// A published breakpoint table, transcribed here independently of Models/air-quality:
/// "C_lo-C_hi:I_lo-I_hi" per row (an empty C_hi is an open band).
struct PublishedTable: CustomTestStringConvertible, Sendable {
    let index: String
    let pollutant: Pollutant
    let averaging: String
    let unit: ConcentrationUnit
    let rows: [String]

    var testDescription: String { "\(index) \(pollutant.name) \(averaging)" }

    var parsed: [(low: Double, high: Double?, indexLow: Int, indexHigh: Int)] {
        rows.map { row in
            let halves = row.split(separator: ":")
            let c = halves[0].split(separator: "-", omittingEmptySubsequences: false)
            let i = halves[1].split(separator: "-")
            return (Double(c[0])!, c.count > 1 && !c[1].isEmpty ? Double(c[1])! : nil, Int(i[0])!, Int(i[1])!)
        }
    }
}

@Suite("Air quality: standards, indices and the standards report")
struct AirStandardsTests {
    static let models = repositoryPath("Models/air-quality")

    // US EPA: 40 CFR 58 App. G Table 2 as amended 7 March 2024 (89 FR 16202).
    // China: HJ 633-2012 Table 1.
    // India: CPCB NAQI (2014), the breakpoint table of "About National Air Quality Index"
    //   (cpcb.nic.in), typed from the two independent copies read for this work: OpenAQ's
    //   aqi-hub docs/data/india/breakpoints.csv and weewx-aqi bin/user/aqi/india.py (which agree
    //   on every edge below the open Severe band). O3 above 208 µg/m³ is a 1-hour table in the
    //   source ("209-748*", "748+*", * one-hourly monitoring); the Severe bands are open ("250+").
    //   Pb: the source writes Satisfactory "0.5-1.0"; at the table's one decimal it starts at 0.6.
    // Korea: AirKorea CAI (PM2.5 of 2018), typed from the Jeju portal's copy of the AirKorea table
    //   (air.jeju.go.kr/contents/atmospheric/cai/summary.htm) and aqipy's cai_kr.py, which agree.
    static let published: [PublishedTable] = [
        .init(index: "us-epa-2024", pollutant: .pm25, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0.0-9.0:0-50", "9.1-35.4:51-100", "35.5-55.4:101-150", "55.5-125.4:151-200", "125.5-225.4:201-300", "225.5-325.4:301-500"]),
        .init(index: "us-epa-2024", pollutant: .pm10, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-54:0-50", "55-154:51-100", "155-254:101-150", "255-354:151-200", "355-424:201-300", "425-604:301-500"]),
        .init(index: "us-epa-2024", pollutant: .o3, averaging: "8-hour", unit: .ppm,
              rows: ["0.000-0.054:0-50", "0.055-0.070:51-100", "0.071-0.085:101-150", "0.086-0.105:151-200", "0.106-0.200:201-300"]),
        .init(index: "us-epa-2024", pollutant: .o3, averaging: "1-hour", unit: .ppm,
              rows: ["0.125-0.164:101-150", "0.165-0.204:151-200", "0.205-0.404:201-300", "0.405-0.604:301-500"]),
        .init(index: "us-epa-2024", pollutant: .co, averaging: "8-hour", unit: .ppm,
              rows: ["0.0-4.4:0-50", "4.5-9.4:51-100", "9.5-12.4:101-150", "12.5-15.4:151-200", "15.5-30.4:201-300", "30.5-50.4:301-500"]),
        .init(index: "us-epa-2024", pollutant: .so2, averaging: "1-hour", unit: .ppb,
              rows: ["0-35:0-50", "36-75:51-100", "76-185:101-150", "186-304:151-200"]),
        .init(index: "us-epa-2024", pollutant: .so2, averaging: "24-hour", unit: .ppb, rows: ["305-604:201-300", "605-1004:301-500"]),
        .init(index: "us-epa-2024", pollutant: .no2, averaging: "1-hour", unit: .ppb,
              rows: ["0-53:0-50", "54-100:51-100", "101-360:101-150", "361-649:151-200", "650-1249:201-300", "1250-2049:301-500"]),
        .init(index: "china-hj633-2012", pollutant: .so2, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-50:0-50", "50-150:50-100", "150-475:100-150", "475-800:150-200", "800-1600:200-300", "1600-2100:300-400", "2100-2620:400-500"]),
        .init(index: "china-hj633-2012", pollutant: .so2, averaging: "1-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-150:0-50", "150-500:50-100", "500-650:100-150", "650-800:150-200"]),
        .init(index: "china-hj633-2012", pollutant: .no2, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-40:0-50", "40-80:50-100", "80-180:100-150", "180-280:150-200", "280-565:200-300", "565-750:300-400", "750-940:400-500"]),
        .init(index: "china-hj633-2012", pollutant: .no2, averaging: "1-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-100:0-50", "100-200:50-100", "200-700:100-150", "700-1200:150-200", "1200-2340:200-300", "2340-3090:300-400", "3090-3840:400-500"]),
        .init(index: "china-hj633-2012", pollutant: .pm10, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-50:0-50", "50-150:50-100", "150-250:100-150", "250-350:150-200", "350-420:200-300", "420-500:300-400", "500-600:400-500"]),
        .init(index: "china-hj633-2012", pollutant: .co, averaging: "24-hour", unit: .milligramsPerCubicMetre,
              rows: ["0-2:0-50", "2-4:50-100", "4-14:100-150", "14-24:150-200", "24-36:200-300", "36-48:300-400", "48-60:400-500"]),
        .init(index: "china-hj633-2012", pollutant: .co, averaging: "1-hour", unit: .milligramsPerCubicMetre,
              rows: ["0-5:0-50", "5-10:50-100", "10-35:100-150", "35-60:150-200", "60-90:200-300", "90-120:300-400", "120-150:400-500"]),
        .init(index: "china-hj633-2012", pollutant: .o3, averaging: "1-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-160:0-50", "160-200:50-100", "200-300:100-150", "300-400:150-200", "400-800:200-300", "800-1000:300-400", "1000-1200:400-500"]),
        .init(index: "china-hj633-2012", pollutant: .o3, averaging: "8-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-100:0-50", "100-160:50-100", "160-215:100-150", "215-265:150-200", "265-800:200-300"]),
        .init(index: "china-hj633-2012", pollutant: .pm25, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-35:0-50", "35-75:50-100", "75-115:100-150", "115-150:150-200", "150-250:200-300", "250-350:300-400", "350-500:400-500"]),
        .init(index: "india-naqi-2014", pollutant: .pm10, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-50:0-50", "51-100:51-100", "101-250:101-200", "251-350:201-300", "351-430:301-400", "431-:401-500"]),
        .init(index: "india-naqi-2014", pollutant: .pm25, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-30:0-50", "31-60:51-100", "61-90:101-200", "91-120:201-300", "121-250:301-400", "251-:401-500"]),
        .init(index: "india-naqi-2014", pollutant: .no2, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-40:0-50", "41-80:51-100", "81-180:101-200", "181-280:201-300", "281-400:301-400", "401-:401-500"]),
        .init(index: "india-naqi-2014", pollutant: .o3, averaging: "8-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-50:0-50", "51-100:51-100", "101-168:101-200", "169-208:201-300"]),
        .init(index: "india-naqi-2014", pollutant: .o3, averaging: "1-hour", unit: .microgramsPerCubicMetre,
              rows: ["209-748:301-400", "749-:401-500"]),
        .init(index: "india-naqi-2014", pollutant: .nh3, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-200:0-50", "201-400:51-100", "401-800:101-200", "801-1200:201-300", "1201-1800:301-400", "1801-:401-500"]),
        .init(index: "india-naqi-2014", pollutant: .pb, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0.0-0.5:0-50", "0.6-1.0:51-100", "1.1-2.0:101-200", "2.1-3.0:201-300", "3.1-3.5:301-400", "3.6-:401-500"]),
        .init(index: "india-naqi-2014", pollutant: .co, averaging: "8-hour", unit: .milligramsPerCubicMetre,
              rows: ["0.0-1.0:0-50", "1.1-2.0:51-100", "2.1-10.0:101-200", "10.1-17.0:201-300", "17.1-34.0:301-400", "34.1-:401-500"]),
        .init(index: "india-naqi-2014", pollutant: .so2, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-40:0-50", "41-80:51-100", "81-380:101-200", "381-800:201-300", "801-1600:301-400", "1601-:401-500"]),
        .init(index: "korea-cai", pollutant: .so2, averaging: "1-hour", unit: .ppm,
              rows: ["0.000-0.020:0-50", "0.021-0.050:51-100", "0.051-0.150:101-250", "0.151-1.000:251-500"]),
        .init(index: "korea-cai", pollutant: .co, averaging: "1-hour", unit: .ppm,
              rows: ["0.00-2.00:0-50", "2.01-9.00:51-100", "9.01-15.00:101-250", "15.01-50.00:251-500"]),
        .init(index: "korea-cai", pollutant: .o3, averaging: "1-hour", unit: .ppm,
              rows: ["0.000-0.030:0-50", "0.031-0.090:51-100", "0.091-0.150:101-250", "0.151-0.600:251-500"]),
        .init(index: "korea-cai", pollutant: .no2, averaging: "1-hour", unit: .ppm,
              rows: ["0.000-0.030:0-50", "0.031-0.060:51-100", "0.061-0.200:101-250", "0.201-2.000:251-500"]),
        .init(index: "korea-cai", pollutant: .pm10, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-30:0-50", "31-80:51-100", "81-150:101-250", "151-600:251-500"]),
        .init(index: "korea-cai", pollutant: .pm25, averaging: "24-hour", unit: .microgramsPerCubicMetre,
              rows: ["0-15:0-50", "16-35:51-100", "36-75:101-250", "76-500:251-500"]),
    ]

    static func indices() throws -> [String: AirQualityIndex] {
        Dictionary(uniqueKeysWithValues: try AirQualityIndex.load(directory: models).map { ($0.id, $0) })
    }

    /// Every published table has exactly the rows of the data file, and the sub-index at every
    /// breakpoint edge is the published index value (in the table's own unit).
    @Test(arguments: published)
    func subIndexAtEveryBreakpointEdge(_ table: PublishedTable) throws {
        let index = try #require(try Self.indices()[table.index])
        let fileRows = index.breakpoints.filter { $0.pollutant == table.pollutant && $0.averaging == table.averaging }
        #expect(fileRows.count == table.rows.count)
        for row in table.parsed {
            let low = try #require(try index.subIndex(row.low, pollutant: table.pollutant, averaging: table.averaging, unit: table.unit))
            if let high = row.high {
                #expect(low.value == row.indexLow, "C = \(row.low)")
                #expect(low.category == index.category(of: row.indexLow))
                let top = try #require(try index.subIndex(high, pollutant: table.pollutant, averaging: table.averaging, unit: table.unit))
                #expect(top.value == row.indexHigh, "C = \(high)")
                #expect(top.category == index.category(of: row.indexHigh))
            } else {
                #expect(low.value == nil && low.category == index.category(of: row.indexLow), "open band at \(row.low)")
            }
        }
        // Above the last row: no value, the category above the table.
        if let last = table.parsed.last, let high = last.high {
            let beyond = try #require(try index.subIndex(high * 1.5, pollutant: table.pollutant, averaging: table.averaging, unit: table.unit))
            #expect(beyond.value == nil)
        }
    }

    /// Worked examples: US truncation (35.45 → 35.4 → 100; 35.5 → 101), China rounding up
    /// (35.1 µg/m³ → 50.125 → 51), India between bands (30.9 → 30 → 50), a US ozone value
    /// converted from µg/m³ (137.2 µg/m³ = 0.0700 ppm at 25 °C → 100).
    @Test func roundingAndTruncationRules() throws {
        let indices = try Self.indices()
        let us = try #require(indices["us-epa-2024"])
        let china = try #require(indices["china-hj633-2012"])
        let india = try #require(indices["india-naqi-2014"])
        let ug = ConcentrationUnit.microgramsPerCubicMetre
        #expect(try us.subIndex(35.45, pollutant: .pm25, averaging: "24-hour", unit: ug)?.value == 100)
        #expect(try us.subIndex(35.5, pollutant: .pm25, averaging: "24-hour", unit: ug)?.value == 101)
        #expect(try us.subIndex(22.25, pollutant: .pm25, averaging: "24-hour", unit: ug)?.value == 75)  // 74.5 → 75
        #expect(try china.subIndex(35.1, pollutant: .pm25, averaging: "24-hour", unit: ug)?.value == 51)
        #expect(try china.subIndex(35.1, pollutant: .pm25, averaging: "24-hour", unit: ug)?.category == "Good")
        #expect(try china.subIndex(35, pollutant: .pm25, averaging: "24-hour", unit: ug)?.category == "Excellent")
        #expect(try india.subIndex(30.9, pollutant: .pm25, averaging: "24-hour", unit: ug)?.value == 50)
        let ozone = 0.0700 * 47.9982 / 24.46539 * 1000
        #expect(try us.subIndex(ozone, pollutant: .o3, averaging: "8-hour", unit: ug)?.value == 100)
        #expect(try us.subIndex(-1, pollutant: .pm25, averaging: "24-hour", unit: ug) == nil)
        #expect(throws: AirQualityError.self) { try us.subIndex(1, pollutant: .pm25, averaging: "8-hour", unit: ug) }
    }

    /// The WHO file holds Table 0.1 of the 2021 guidelines exactly.
    @Test func whoGuidelineLevels() throws {
        let who = try WHOGuidelines(contentsOf: Self.models + "/who-2021-aqg.csv")
        func levels(_ pollutant: Pollutant, _ statistic: WHOGuidelines.Statistic) -> [Double] {
            who.entries.filter { $0.pollutant == pollutant && $0.statistic == statistic }.sorted { $0.level < $1.level }.map(\.value)
        }
        #expect(levels(.pm25, .annualMean) == [35, 25, 15, 10, 5])
        #expect(levels(.pm25, .dailyMeanP99) == [75, 50, 37.5, 25, 15])
        #expect(levels(.pm10, .annualMean) == [70, 50, 30, 20, 15])
        #expect(levels(.pm10, .dailyMeanP99) == [150, 100, 75, 50, 45])
        #expect(levels(.no2, .annualMean) == [40, 30, 20, 10])
        #expect(levels(.no2, .dailyMeanP99) == [120, 50, 25])
        #expect(levels(.o3, .peakSeasonMean) == [100, 70, 60])
        #expect(levels(.o3, .dailyMax8hP99) == [160, 120, 100])
        #expect(levels(.so2, .dailyMeanP99) == [125, 50, 40])
        #expect(levels(.co, .dailyMeanP99) == [7, 4])
        #expect(who.entries.filter { $0.pollutant == .co }.allSatisfy { $0.unit == .milligramsPerCubicMetre })
    }

    /// Every file in Models/air-quality is loaded and every problem in a bad copy is located.
    @Test func badStandardsFilesAreReportedAtTheirCells() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = "pollutant,averaging,statistic,level,value,unit\nPM1,annual,annual-mean,IT-1,35,µg/m³\nPM2.5,annual,annual-mean,IT-9,x,µg/m³\n"
        try bad.write(to: folder.appendingPathComponent("who.csv"), atomically: true, encoding: .utf8)
        do {
            _ = try WHOGuidelines(contentsOf: folder.appendingPathComponent("who.csv").path)
            Issue.record("a bad guideline file was accepted")
        } catch {
            let lines = error.description.split(separator: "\n").map { $0.split(separator: ":").dropFirst().prefix(2).joined(separator: ":") }
            #expect(lines == ["2:1", "3:4", "3:5"], "\(error)")
        }
        for name in ["aqi-indices.csv", "aqi-categories.csv"] {
            try FileManager.default.copyItem(atPath: Self.models + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        let gap = "index,pollutant,averaging,role,unit,decimals,concentrationLow,concentrationHigh,indexLow,indexHigh\n"
            + "us-epa-2024,PM2.5,24-hour,primary,µg/m³,1,0.0,9.0,0,50\nus-epa-2024,PM2.5,24-hour,primary,µg/m³,1,9.2,35.4,51,100\n"
        try gap.write(to: folder.appendingPathComponent("aqi-breakpoints.csv"), atomically: true, encoding: .utf8)
        #expect(throws: AirQualityError.self) { try AirQualityIndex.load(directory: folder.path) }
        do { _ = try AirQualityIndex.load(directory: folder.path) } catch {
            #expect(error.description.contains("aqi-breakpoints.csv:3:7:"), "\(error)")
        }
    }

    /// Dongsi 2014 from the hourly file: valid days, annual mean, 99th percentile, WHO exceedance
    /// days, ozone 8-hour statistics and AQI days, against pandas (make_air_fixtures.py).
    @Test func dongsi2014MatchesIndependentComputation() throws {
        let fixture = try AirFixture.load()
        let series = try AirQualityInput.read(contentsOf: repositoryPath("Datasets/beijing_dongsi_hourly_wide.csv"))
        let localization = try Localization(series)
        let report = try StandardsReport(
            records: localization.stations, guidelines: try WHOGuidelines(contentsOf: Self.models + "/who-2021-aqg.csv"),
            indices: try AirQualityIndex.load(directory: Self.models), rules: .standard)
        for (name, expected) in fixture.dongsi {
            let pollutant = try #require(Pollutant(name: name))
            let result = try #require(report.results.first { $0.pollutant == pollutant && $0.year == fixture.year })
            #expect(result.validDays == expected.validDays, "\(name)")
            expectClose(result.annualMean, expected.annualMean, .relative(1e-9), "\(name)")
            expectClose(result.dailyP99, expected.dailyP99, .relative(1e-9), "\(name)")
            let exceedances = Dictionary(uniqueKeysWithValues: result.exceedanceDays.map { (StandardsReport.thresholdKey($0.threshold), $0.days) })
            #expect(exceedances == (expected.max8hExceedanceDays ?? expected.exceedanceDays), "\(name)")
            if let p99 = expected.max8hP99, let peak = expected.peakSeasonMean {
                expectClose((result.dailyMax8hP99 ?? .nan), p99, .relative(1e-9))
                expectClose((result.peakSeasonMean ?? .nan), peak, .relative(1e-9))
            }
        }
        let pm25 = try #require(report.results.first { $0.pollutant == .pm25 && $0.year == fixture.year })
        #expect(pm25.highestLevelMet == nil && pm25.meetsCaptureRule)
        for (index, expected) in fixture.aqiPM25 {
            let days = try #require(pm25.indexDays.first { $0.index == index }?.days)
            #expect(Dictionary(uniqueKeysWithValues: days.filter { $0.count > 0 }.map { ($0.category, $0.count) }) == expected, "\(index)")
        }
        let co = try #require(report.results.first { $0.pollutant == .co && $0.year == fixture.year })
        #expect(co.highestLevelMet == .interimTarget1)  // p99 4269 µg/m³: ≤ 7 mg/m³, > 4 mg/m³
        let partial = try #require(report.results.first { $0.pollutant == .pm25 && $0.year == 2017 })
        #expect(!partial.meetsCaptureRule && partial.highestLevelMet == nil && !partial.notes.isEmpty)
    }

    /// The highest level met walks the ladder: a synthetic year of 12 µg/m³ every day meets
    /// IT-3 (annual 15, daily 37.5) but not IT-4 (annual 10).
    @Test func highestLevelMetOnASyntheticYear() throws {
        let rows = (0..<365).map { day -> String in
            let date = SeriesDate(year: 2023, month: 1, day: 1, precision: .day).advanced(by: day, frequency: .daily)
            return "A,PM2.5,\(date),12"
        }
        let series = try airSeries((["station,pollutant,date,value"] + rows).joined(separator: "\n"))
        let report = try StandardsReport(
            records: try Localization(series).stations, guidelines: try WHOGuidelines(contentsOf: Self.models + "/who-2021-aqg.csv"),
            indices: [], rules: .standard)
        #expect(report.results.count == 1)
        #expect(report.results[0].highestLevelMet == .interimTarget3)
        #expect(report.results[0].exceedanceDays.map(\.days) == [0, 0, 0, 0, 0])
    }
}
