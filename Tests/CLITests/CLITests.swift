import Foundation
import Testing
import TestSupport

/// End-to-end tests of the `urbancast` executable: exact exit codes, messages and output.
@Suite struct CLITests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `urbancast` next to the test bundle.
    static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("urbancast"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("urbancast"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("urbancast"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Result {
        let status: Int32
        let output: String
        let error: String
        /// Whether the process died of a signal (`status` is then the signal's number).
        var endedBySignal = false
    }

    /// Run the binary; with `addressSpaceLimitKB`, under `ulimit -v`, so a command that tried to
    /// allocate more dies of a signal instead of passing.
    static func run(_ arguments: [String], environment: [String: String] = [:], addressSpaceLimitKB: Int? = nil,
                    in directory: URL? = nil, standardInput: Data? = nil) throws -> Result {
        var program = executable, programArguments = arguments
        if let addressSpaceLimitKB {
            let quoted = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            program = URL(fileURLWithPath: "/bin/sh")
            programArguments = ["-c", "ulimit -v \(addressSpaceLimitKB) && exec " + quoted.joined(separator: " ")]
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let outcome = try ChildProcess.run(program, programArguments, directory: directory ?? repositoryRoot, environment: env,
                                           standardInput: standardInput)
        return Result(status: outcome.status, output: String(decoding: outcome.output, as: UTF8.self),
                      error: String(decoding: outcome.error, as: UTF8.self), endedBySignal: outcome.endedBySignal)
    }

    static func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    // MARK: - regress

    /// Longley through the CLI's JSON: every coefficient, standard error, the residual SD and R²
    /// within 9 significant digits of NIST's certified values.
    @Test func regressLongleyMatchesCertifiedValues() throws {
        let longley = Self.repositoryRoot.appendingPathComponent("Tests/ForecastingTests/Fixtures/nist-strd/Longley.csv").path
        let result = try Self.run(["regress", longley, "--y", "y", "--x", "x1,x2,x3,x4,x5,x6", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let coefficients = try #require(json["coefficients"] as? [[String: Any]])
        let beta = [-3482258.63459582, 15.0618722713733, -0.035819179292591, -2.02022980381683,
                    -1.03322686717359, -0.0511041056535807, 1829.15146461355]
        let se = [890420.383607373, 84.9149257747669, 0.0334910077722432, 0.488399681651699,
                  0.214274163161675, 0.22607320006937, 455.478499142212]
        #expect(coefficients.map { $0["name"] as? String } == ["(Intercept)", "x1", "x2", "x3", "x4", "x5", "x6"])
        for (j, c) in coefficients.enumerated() {
            expectClose(try #require(c["estimate"] as? Double), beta[j], .digits(9), "estimate \(j)")
            expectClose(try #require(c["stdError"] as? Double), se[j], .digits(9), "stdError \(j)")
        }
        expectClose(try #require(json["residualStandardError"] as? Double), 304.854073561965, .digits(9))
        expectClose(try #require(json["rSquared"] as? Double), 0.995479004577296, .digits(9))
        #expect(json["n"] as? Int == 16)
        #expect(json["dfResidual"] as? Int == 9)
        for key in ["adjustedRSquared", "fStatistic", "fPValue", "logLikelihood", "aic", "bic", "conditionNumber"] {
            #expect(json[key] is Double, "\(key)")
        }
    }

    @Test func regressTableReadsLikeSummaryLm() throws {
        let result = try Self.run(["regress", "Datasets/nyc_water_wide.csv", "--y", "consumption_mgd", "--x", "population"])
        #expect(result.status == 0, "\(result.error)")
        for phrase in ["Coefficients:", "(Intercept)", "population", "Residual standard error:", "Multiple R-squared:",
                       "F-statistic:", "Signif. codes:"] {
            #expect(result.output.contains(phrase), "missing \(phrase)")
        }
    }

    @Test func regressRankDeficientDesignNamesTheColumn() throws {
        let file = try Self.temporaryFile("collinear.csv", "y,a,b,c\n1,1,2,3\n3,2,1,3\n2,3,4,7\n5,4,3,7\n4,5,7,12\n")
        let result = try Self.run(["regress", file, "--y", "y", "--x", "a,b,c"])
        #expect(result.status == 1)
        #expect(result.error.contains("c = 1·a + 1·b"), "\(result.error)")
        #expect(result.output.isEmpty)
    }

    @Test func regressConstantPredictorAndTooFewRows() throws {
        let constant = try Self.temporaryFile("constant.csv", "y,a,k\n1,1,5\n3,2,5\n2,3,5\n5,4,5\n")
        let first = try Self.run(["regress", constant, "--y", "y", "--x", "a,k"])
        #expect(first.status == 1 && first.error.contains("k is constant"), "\(first.error)")
        let short = try Self.temporaryFile("short.csv", "y,a,b,c\n1,1,2,0\n3,2,1,1\n2,3,4,0\n")
        let second = try Self.run(["regress", short, "--y", "y", "--x", "a,b,c"])
        #expect(second.status == 1 && second.error.contains("need at least 5"), "\(second.error)")
    }

    @Test func regressBadCellsAreReportedWithLineAndColumn() throws {
        let file = try Self.temporaryFile("bad.csv", "y,a\n1,1\n3,two\n2,3\n5,Inf\n4,5\n")
        let result = try Self.run(["regress", file, "--y", "y", "--x", "a"])
        #expect(result.status == 1)
        #expect(result.error.contains("\(file):3:2:"), "\(result.error)")
        #expect(result.error.contains("\(file):5:2:"), "\(result.error)")
    }

    @Test func regressUnknownColumnAndUsageErrors() throws {
        let unknown = try Self.run(["regress", "Datasets/nyc_water_wide.csv", "--y", "consumption_mgd", "--x", "people"])
        #expect(unknown.status == 1 && unknown.error.contains("people") && unknown.error.contains("population"))
        let usage = try Self.run(["regress", "Datasets/nyc_water_wide.csv", "--y", "consumption_mgd", "--x", "population",
                                  "--robust", "hc9"])
        #expect(usage.status == 2, "\(usage.error)")
        let missingFile = try Self.run(["regress", "no-such-file.csv", "--y", "y", "--x", "x"])
        #expect(missingFile.status == 1 && missingFile.error.contains("no-such-file.csv"))
    }

    // MARK: - validate

    @Test func validateSummarisesEachSeries() throws {
        let result = try Self.run(["validate", "Datasets/nyc_water_long.csv"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("1979") && result.output.contains("2022") && result.output.contains("yearly"))
        #expect(result.output.split(separator: "\n").count >= 4)   // header + three series
    }

    /// A corrupted copy of a bundled dataset: every problem reported with its line and column, exit 1.
    @Test func validateReportsEveryProblemInACorruptedDataset() throws {
        let original = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv"), encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let valueColumn = try #require(header.firstIndex(of: "value")) + 1
        let dateColumn = try #require(header.firstIndex(of: "date")) + 1
        func replace(_ line: Int, column: Int, with text: String) {
            var fields = lines[line - 1].components(separatedBy: ",")
            fields[column - 1] = text
            lines[line - 1] = fields.joined(separator: ",")
        }
        replace(5, column: valueColumn, with: "lots")         // non-numeric value
        replace(9, column: dateColumn, with: "1985-13")       // unparseable date
        replace(14, column: valueColumn, with: "Inf")         // infinite value
        lines[19] += ",extra"                                 // line 20: ragged row
        let file = try Self.temporaryFile("nyc_water_corrupted.csv", lines.joined(separator: "\n"))
        let result = try Self.run(["validate", file])
        #expect(result.status == 1)
        for (line, column) in [(5, valueColumn), (9, dateColumn), (14, valueColumn)] {
            #expect(result.error.contains("\(file):\(line):\(column):"), "line \(line) column \(column) in:\n\(result.error)")
        }
        #expect(result.error.contains("\(file):20:"), "ragged row in:\n\(result.error)")
    }

    // MARK: - datasets and help

    @Test func datasetsListsEveryBundledFile() throws {
        let result = try Self.run(["datasets"])
        #expect(result.status == 0, "\(result.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.repositoryRoot.appendingPathComponent("Datasets").path)
            .filter { $0.hasSuffix(".csv") }
        #expect(!files.isEmpty)
        for file in files { #expect(result.output.contains(file), "\(file) not listed") }
        #expect(!result.output.contains("missing"))
    }

    @Test(arguments: [["--help"], ["datasets", "--help"], ["validate", "--help"], ["regress", "--help"]])
    func helpExplainsWithAnExample(arguments: [String]) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("urbancast"))
        #expect(result.output.lowercased().contains("example"))
    }
}

/// `urbancast forecast` end to end.
@Suite struct ForecastCLITests {
    @Test func jsonFollowsTheContract() throws {
        let result = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "3",
                                       "--where", "indicator=water_consumption", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.count == 1)
        let key = try #require(series[0]["key"] as? [String: String])
        #expect(key == ["city": "New York", "indicator": "water_consumption"])
        let model = try #require(series[0]["model"] as? [String: Any])
        #expect(model["name"] as? String == "Theta")
        let steps = try #require(series[0]["forecast"] as? [[String: Any]])
        #expect(steps.map { $0["date"] as? String } == ["2023", "2024", "2025"])
        let lower = try #require(steps[0]["lower"] as? [String: Double])
        #expect(Set(lower.keys) == ["80", "95"])
        #expect(series[0]["error"] is NSNull)
    }

    @Test func csvHasTheDesignColumns() throws {
        let result = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv", "--model", "naive", "--horizon", "2",
                                       "--format", "csv", "--level", "90"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "city,indicator,date,model,mean,lo90,hi90,unit", "the file's unit is carried")
        #expect(lines.count == 1 + 3 * 2)
    }

    /// Thirty failed series: ten are listed with their reasons, the rest counted by reason, and
    /// the table on standard output does not repeat them (none was forecast, so it is empty).
    @Test func manyFailuresAreListedOnceAndCapped() throws {
        let result = try CLITests.run(["forecast", "Datasets/un_wup2018_largest_agglomerations_long.csv",
                                       "--model", "auto-ets", "--horizon", "3"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty, "\(result.output)")
        let lines = result.error.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("Datasets/un_wup2018_largest_agglomerations_long.csv: city=") }.count == 10)
        #expect(lines.contains("… and 20 more (counted by reason below)"), "\(result.error)")
        #expect(lines.last?.hasPrefix("forecast: 30 of 30 series failed: 30 × AutoETS cannot handle missing values") == true,
                "\(result.error)")
    }

    @Test func failingSeriesKeepsItsErrorAndFallbackIsNamed() throws {
        let file = try CLITests.temporaryFile("short.csv", "series,date,value\na,2020,1\na,2021,2\nb,2020,5\nb,2021,6\nb,2022,8\nb,2023,9\n")
        let failed = try CLITests.run(["forecast", file, "--model", "theta", "--horizon", "2", "--format", "json"])
        #expect(failed.status == 3, "some series failed, the others were written")
        #expect(failed.error.contains("series=a: Theta needs at least 3 observations; the series has 2"), "\(failed.error)")
        #expect(failed.error.contains("forecast: 1 of 2 series failed\n"), "\(failed.error)")
        #expect(failed.error.components(separatedBy: "Theta needs at least 3").count == 2, "the reason is printed once: \(failed.error)")
        let rescued = try CLITests.run(["forecast", file, "--model", "theta", "--horizon", "2", "--fallback", "naive",
                                        "--format", "json"])
        #expect(rescued.output.contains("\"fallback\": \"naive\""))
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["--model", "prophet", "--horizon", "3"], ["--model", "theta", "--horizon", "0"],
                          ["--model", "theta", "--horizon", "3", "--level", "120"]] {
            let result = try CLITests.run(["forecast", "Datasets/nyc_water_long.csv"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.error)")
        }
    }

    @Test func helpExplainsWithAnExample() throws {
        let result = try CLITests.run(["forecast", "--help"])
        #expect(result.status == 0 && result.output.contains("Examples:") && result.output.contains("auto-arima"))
    }
}

/// `urbancast forecast --xreg … --future …`: regression with ARIMA errors end to end, against
/// R's `forecast(Arima(drivers, c(0,1,1), c(0,1,1), xreg = PetrolPrice), xreg = future)` on
/// Seatbelts (from the ARIMA fixture, made by make_arima_fixtures.R).
@Suite struct ForecastRegressorCLITests {
    struct Fixture: Decodable {
        struct Series: Decodable {
            let name: String
            let values: [Double?]
            let xreg: [Double]?
            let newxreg: [Double]?
            let fits: [Fit]
        }
        struct Fit: Decodable {
            let order: [Int]
            let seasonal: [Int]
            let forecast: Forecast?
        }
        struct Forecast: Decodable {
            let mean, lo95, hi95: [Double]
        }
        let series: [Series]
    }

    static func monthly(_ index: Int) -> String {
        let month = index % 12 + 1
        return "\(1969 + index / 12)-\(month < 10 ? "0" : "")\(month)"
    }

    @Test func seatbeltsDriversOnPetrolPriceMatchesR() throws {
        let url = CLITests.repositoryRoot.appendingPathComponent("Tests/ForecastingTests/Fixtures/r-forecast/arima/arima_fixtures.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let series = try #require(fixture.series.first { $0.name == "Seatbelts_drivers_xreg" })
        let xreg = try #require(series.xreg), future = try #require(series.newxreg)
        let fit = try #require(series.fits.first { $0.order == [0, 1, 1] && $0.seasonal == [0, 1, 1] })
        let reference = try #require(fit.forecast)
        var history = "series,date,value,PetrolPrice\n"
        for (i, (y, x)) in zip(series.values, xreg).enumerated() { history += "drivers,\(Self.monthly(i)),\(y ?? .nan),\(x)\n" }
        var next = "series,date,PetrolPrice\n"
        for (h, x) in future.enumerated() { next += "drivers,\(Self.monthly(series.values.count + h)),\(x)\n" }
        let historyFile = try CLITests.temporaryFile("drivers.csv", history)
        let futureFile = try CLITests.temporaryFile("petrol_future.csv", next)
        let result = try CLITests.run(["forecast", historyFile, "--model", "arima(0,1,1)(0,1,1)[12]", "--horizon", "12",
                                       "--xreg", "PetrolPrice", "--future", futureFile, "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let rows = try #require(json["series"] as? [[String: Any]])
        let steps = try #require(rows.first?["forecast"] as? [[String: Any]])
        #expect(steps.count == 12)
        for (h, step) in steps.enumerated() {
            let mean = try #require(step["mean"] as? Double)
            let width = reference.hi95[h] - reference.lo95[h]
            // Within 0.2% of R's 95% interval width, the ARIMA fixture tests' tolerance.
            expectClose(mean, reference.mean[h], .absolute(0.002 * width), "step \(h + 1): \(mean) vs R \(reference.mean[h])")
        }
        let model = try #require(rows.first?["model"] as? [String: Any])
        let parameters = try #require(model["parameters"] as? [String: Double])
        #expect(parameters["PetrolPrice"] != nil)
    }

    @Test func missingFutureValueIsNamed() throws {
        let history = try CLITests.temporaryFile("h.csv", "date,value,temp\n" + (0..<30).map { "\(1990 + $0),\(Double($0 % 5) + Double($0)),\($0 % 3)" }.joined(separator: "\n"))
        let future = try CLITests.temporaryFile("f.csv", "date,temp\n2020,1\n")
        let result = try CLITests.run(["forecast", history, "--model", "arima(1,1,0)", "--horizon", "2",
                                       "--xreg", "temp", "--future", future])
        #expect(result.status == 1)
        #expect(result.error.contains("missing value of regressor temp for the series at 2021"), "\(result.error)")
        let usage = try CLITests.run(["forecast", history, "--model", "theta", "--horizon", "2", "--xreg", "temp", "--future", future])
        #expect(usage.status == 2)
    }
}
