import Foundation
import Testing

/// End-to-end tests of `urbancast air`: exit codes, messages and the JSON contracts.
@Suite struct AirCLITests {
    static func json(_ output: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// The JSON contract of `air standards`, on Dongsi PM2.5 from the hourly file.
    @Test func standardsJSONContract() throws {
        let result = try CLITests.run(["air", "standards", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "PM2.5",
                                       "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let results = try #require(try Self.json(result.output)["results"] as? [[String: Any]])
        #expect(results.count == 5)  // 2013–2017
        let year = try #require(results.first { $0["year"] as? Int == 2014 })
        #expect((year["key"] as? [String: String]) == ["station": "Dongsi"])
        #expect(year["pollutant"] as? String == "PM2.5" && year["unit"] as? String == "µg/m³")
        #expect(year["validDays"] as? Int == 361 && year["possibleDays"] as? Int == 365)
        #expect(year["exceedanceDays"] as? [String: Int] == ["15": 335, "25": 295, "37.5": 255, "50": 233, "75": 160])
        #expect(year["highestLevelMet"] is NSNull)
        let aqi = try #require(year["aqi"] as? [String: [String: Any]])
        #expect(Set(aqi.keys) == ["us-epa-2024", "china-hj633-2012", "india-naqi-2014", "korea-cai", "indonesia-ispu-2020"])
        #expect((aqi["us-epa-2024"]?["days"] as? [String: Int])?["Hazardous"] == 22)
        let order = ["key", "pollutant", "unit", "year", "validDays", "possibleDays", "meetsCaptureRule", "annualMean",
                     "dailyP99", "dailyMax8hP99", "peakSeasonMean", "exceedanceDays", "highestLevelMet", "aqi", "notes"]
        let first = try #require(result.output.range(of: "\"key\""))
        var position = first.lowerBound
        for key in order.dropFirst() {
            let next = try #require(result.output.range(of: "\"\(key)\"", range: position..<result.output.endIndex), "\(key)")
            position = next.lowerBound
        }
    }

    /// Beijing as a city from the 12-site daily file, with the table output.
    @Test func standardsForACityTable() throws {
        let result = try CLITests.run(["air", "standards", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "NO2", "--city"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("key"))
        #expect(result.output.contains("city=Beijing  NO2"))
        #expect(result.output.contains("Days by AQI category:"))
        #expect(result.output.contains("korea-cai (1-hour): not evaluated, the 1-hour NO2 index needs hourly data"))
    }

    @Test func localizeWritesCSVWithCapture() throws {
        let result = try CLITests.run(["air", "localize", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5",
                                       "--city", "--period", "year"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "city,pollutant,date,value,unit,count,possible,valid")
        #expect(lines.count == 6)
        #expect(lines[2].hasPrefix("Beijing,PM2.5,2014,86.016437318389") && lines[2].hasSuffix(",µg/m³,365,365,true"))
        #expect(lines[5].hasSuffix(",365,false"))  // 2017: January and February only
    }

    @Test func localizeFlagsAsJSON() throws {
        let result = try CLITests.run(["air", "localize", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "SO2",
                                       "--flags", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let records = try #require(try Self.json(result.output)["records"] as? [[String: Any]])
        let flags = try #require(records.first?["flags"] as? [[String: Any]])
        #expect(!flags.isEmpty)
        #expect(flags.allSatisfy { ["negative", "constantRun", "spike"].contains($0["kind"] as? String ?? "") })
    }

    @Test func badInputIsReported() throws {
        let unknown = try CLITests.run(["air", "standards", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "PM1"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("unknown pollutant 'PM1'; the known pollutants are PM2.5, PM10, NO2, SO2, O3, CO, NH3, Pb"))
        let file = try CLITests.temporaryFile("aq.csv", "station,pollutant,date,value\nA,NOX,2024-01-01,3\n")
        let data = try CLITests.run(["air", "standards", file])
        #expect(data.status == 1 && data.output.isEmpty)
        #expect(data.error.contains("aq.csv:2:2: unknown pollutant 'NOX'"))
        let missing = try CLITests.run(["air", "standards", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "PM2.5",
                                        "--standards", "/nonexistent"])
        #expect(missing.status == 1 && missing.error.contains("/nonexistent/who-2021-aqg.csv"))
        let weights = try CLITests.run(["air", "localize", "Datasets/beijing_dongsi_hourly_wide.csv", "--weights", "w.csv"])
        #expect(weights.status == 2 && weights.error.contains("--weights needs --city"))
    }
}

/// `urbancast air trend`: the JSON contract, and `--deseason none` as the plain Theil–Sen slope.
@Suite struct AirTrendCLITests {
    /// Dongsi NO2 after STL: the plain Mann–Kendall test calls the decline significant (p 0.027)
    /// while the block-bootstrap 95% interval contains zero; by default the autocorrelation-
    /// corrected test is used and agrees with the interval, and the plain test is flagged.
    @Test func pValueAgreesWithTheInterval() throws {
        let arguments = ["air", "trend", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "NO2"]
        let corrected = try CLITests.run(arguments)
        #expect(corrected.status == 0, "\(corrected.error)")
        #expect(corrected.output.contains("hamed-rao") && !corrected.output.contains("disagree"), "\(corrected.output)")
        let plain = try CLITests.run(arguments + ["--test", "mann-kendall"])
        #expect(plain.output.contains("station=Dongsi NO2: the mann-kendall p-value 0.0267 and the 95% interval -6.14 to 1.96 "
                                      + "disagree about a trend"), "\(plain.output)")
    }

    @Test func trendJSON() throws {
        let result = try CLITests.run(["air", "trend", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5",
                                       "--city", "--deseason", "none", "--replicates", "100", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let results = try #require(try AirCLITests.json(result.output)["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let first = try #require(results.first)
        #expect(Set(first.keys) == ["key", "pollutant", "unit", "slopePerYear", "lower95", "upper95", "mannKendallP", "test",
                                    "pValue", "tau", "months", "start", "end"])
        #expect(first["test"] as? String == "seasonal", "--deseason none tests month by month")
        #expect(first["months"] as? Int == 48)
        let slope = try #require(first["slopePerYear"] as? Double)
        #expect((first["lower95"] as? Double ?? 0) < slope && slope < (first["upper95"] as? Double ?? 0))
        let missing = try CLITests.run(["air", "trend", "Datasets/beijing_12sites_daily_long.csv"])
        #expect(missing.status == 2 && missing.error.contains("--pollutant is required"))
    }
}

/// `urbancast air normalize`: the JSON contract on the 12-site daily file, and a missing column.
@Suite struct AirNormalizeCLITests {
    @Test func normalizeJSON() throws {
        let result = try CLITests.run(["air", "normalize", "Datasets/beijing_12sites_daily_wide.csv", "--pollutant", "NO2",
                                       "--met", "TEMP,PRES,DEWP,WSPM,RAIN_sum", "--wind-direction", "none", "--period", "year",
                                       "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let results = try #require(try AirCLITests.json(result.output)["results"] as? [[String: Any]])
        #expect(results.count == 12)
        let first = try #require(results.first)
        #expect(Set(first.keys) == ["key", "pollutant", "unit", "rowsFitted", "lambda", "effectiveDegreesOfFreedom",
                                    "fittedRSquared", "heldOut", "partialEffects", "series"])
        let heldOut = try #require(first["heldOut"] as? [String: Any])
        #expect((heldOut["folds"] as? [Any])?.count == 5)
        #expect(((heldOut["rSquared"] as? Double) ?? -1) > 0.3)
        let series = try #require(first["series"] as? [[String: Any]])
        #expect(series.map { $0["date"] as? String } == ["2013", "2014", "2015", "2016", "2017"])
        let effects = try #require(first["partialEffects"] as? [[String: Any]])
        #expect(effects.map { $0["variable"] as? String } == ["DEWP", "PRES", "RAIN_sum", "TEMP", "WSPM", "TEMP-DEWP", "weekday",
                                                              "dayOfYear", "trend"])
    }

    @Test func missingMeteorologyColumn() throws {
        let result = try CLITests.run(["air", "normalize", "Datasets/beijing_12sites_daily_wide.csv", "--pollutant", "NO2"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("missing column 'RAIN'; the file has: station, date, PM2.5"), "\(result.error)")
    }
}

/// `urbancast air mitigate` on the worked example, and a plan with shares that do not sum to 1.
@Suite struct AirMitigateCLITests {
    @Test func mitigateJSON() throws {
        let result = try CLITests.run(["air", "mitigate", "Models/air-quality/beijing-pm25-mitigation.yaml", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try AirCLITests.json(result.output)
        #expect(
            Set(json.keys) == [
                "schemaVersion", "pollutant", "unit", "costUnit", "discountRate", "discountedTo", "levels", "scenarios",
                "abatementCurve", "portfolio", "baseline", "health",
            ])
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["name"] as? String } == ["baseline", "heating and dust", "all measures", "least cost"])
        let year = try #require((scenarios[3]["years"] as? [[String: Any]])?.first { $0["year"] as? Int == 2025 })
        #expect(Set((year["probabilityMeeting"] as? [String: Double])?.keys ?? [:].keys) == ["IT-1", "IT-2", "IT-3", "IT-4", "AQG"])
        let portfolio = try #require(json["portfolio"] as? [String: Any])
        #expect(((portfolio["concentration"] as? Double) ?? 99) <= 35)
    }

    @Test func badSharesAreRefused() throws {
        let plan = """
            pollutant: PM2.5
            baseline: {year: 2020, concentration: 40}
            horizon: 2030
            sectors: [{name: a, share: 0.5}, {name: b, share: 0.3}]
            measures: [{name: x, sector: c, reduction: 0.2, start: 2021, annualCost: 1}]
            health: {population: 1000000, baselineMortality: 0.006}
            """
        let file = try CLITests.temporaryFile("plan.yaml", plan)
        let result = try CLITests.run(["air", "mitigate", file])
        #expect(result.status == 1 && result.output.isEmpty)
        #expect(result.error.contains("sector shares sum to 0.8, not 1 ± 0.01"), "\(result.error)")
    }
}

/// `urbancast air sources`: labelled as indications; wind sectors from the hourly file; the
/// urban increment over a background station from the 12-site file.
@Suite struct AirSourcesCLITests {
    @Test func sourcesJSON() throws {
        let result = try CLITests.run(["air", "sources", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "NO2", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try AirCLITests.json(result.output)
        #expect(json["note"] as? String == "indications of sources, not a source apportionment")
        let station = try #require((json["stations"] as? [[String: Any]])?.first)
        #expect((station["hour"] as? [Double])?.count == 24 && (station["weekday"] as? [Double])?.count == 7)
        let sectors = try #require((station["wind"] as? [String: Any])?["sectors"] as? [[String: Any]])
        #expect(sectors.count == 16 && sectors.first?["name"] as? String == "N")
        #expect(json["urbanIncrement"] is NSNull)
    }

    @Test func urbanIncrementTable() throws {
        let result = try CLITests.run(["air", "sources", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5",
                                       "--background", "Dingling"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Urban increment over Dingling"))
        let unknown = try CLITests.run(["air", "sources", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5",
                                        "--background", "Nowhere"])
        #expect(unknown.status == 1 && unknown.error.hasPrefix("no background station 'Nowhere'"))
    }
}

/// `urbancast air normalize` on a long file: the meteorology beside `value` is used, and a
/// missing meteorological column is named with exit status 1.
@Suite struct AirNormalizeLongCLITests {
    @Test func longFileWithMeteorology() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aq-cli-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let wide = try String(contentsOfFile: CLITests.repositoryRoot.appendingPathComponent("Datasets/beijing_12sites_daily_wide.csv").path, encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // station,date,PM2.5,PM10,SO2,NO2,CO,O3,TEMP,PRES,DEWP,WSPM,RAIN_sum,n_hours_pm25 → long NO2 rows.
        let long = ["station,pollutant,date,value,unit,TEMP,PRES,DEWP,WSPM,RAIN_sum"]
            + wide.dropFirst().filter { $0[0] == "Dongsi" }.map { ([$0[0], "NO2", $0[1], $0[5], "µg/m³"] + $0[8...12]).joined(separator: ",") }
        let path = folder.appendingPathComponent("dongsi_long.csv").path
        try long.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLITests.run(["air", "normalize", path, "--pollutant", "NO2", "--met", "TEMP,PRES,DEWP,WSPM,RAIN_sum",
                                       "--wind-direction", "none", "--period", "year", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let results = try #require(try AirCLITests.json(result.output)["results"] as? [[String: Any]])
        #expect(results.count == 1 && (results.first?["key"] as? [String: Any])?["station"] as? String == "Dongsi")
        // The same fit as Dongsi's rows of the wide file it was made from.
        let fromWide = try CLITests.run(["air", "normalize", "Datasets/beijing_12sites_daily_wide.csv", "--pollutant", "NO2",
                                         "--met", "TEMP,PRES,DEWP,WSPM,RAIN_sum", "--wind-direction", "none", "--period", "year",
                                         "--format", "json"])
        let wideResults = try #require(try AirCLITests.json(fromWide.output)["results"] as? [[String: Any]])
        let dongsi = try #require(wideResults.first { ($0["key"] as? [String: Any])?["station"] as? String == "Dongsi" })
        let rSquared = { (result: [String: Any]?) in (result?["heldOut"] as? [String: Any])?["rSquared"] as? Double }
        #expect(rSquared(results.first) != nil && rSquared(results.first) == rSquared(dongsi))
        #expect(results.first?["rowsFitted"] as? Int == dongsi["rowsFitted"] as? Int)

        let missing = try CLITests.run(["air", "normalize", path, "--pollutant", "NO2", "--wind-direction", "none"])
        #expect(missing.status == 1)
        #expect(missing.error.hasPrefix("missing column 'RAIN'; the file has: station, pollutant, date, value, unit"), "\(missing.error)")
    }
}
