import Foundation
import Testing

/// Every JSON document the tool writes, produced by a real run on the bundled data, is valid
/// against its schema in `Schemas/` (draft 2020-12, checked by Python's `jsonschema` through
/// `Schemas/validate.py`), and carries the contract's version.
///
/// A missing `python3` or `jsonschema` fails these tests rather than skipping them: a contract
/// nobody checks is no contract. `make test` installs `jsonschema` first (`make pydeps`).
@Suite struct JSONSchemaCLITests {
    /// One command whose standard output is a JSON document, and the schema it must satisfy.
    struct Case: CustomTestStringConvertible, Sendable {
        let schema: String
        let arguments: [String]
        var testDescription: String { "\(schema): urbancast \(arguments.joined(separator: " "))" }
    }

    /// The contract version every document carries.
    static let schemaVersion = "2.4.0"

    /// Each command's JSON on small, quick runs: a filtered series, short horizons, few replicates.
    static let cases: [Case] = [
        Case(schema: "forecast", arguments: [
            "forecast", "Datasets/nyc_water_long.csv", "--model", "auto-ets", "--horizon", "3",
            "--where", "indicator=water_consumption", "--format", "json",
        ]),
        Case(schema: "backtest", arguments: [
            "backtest", "Datasets/nyc_water_long.csv", "--model", "theta,naive", "--horizon", "3", "--windows", "4",
            "--where", "indicator=water_consumption", "--per-series", "--format", "json",
        ]),
        Case(schema: "forecast", arguments: [
            "forecast", "Tests/Fixtures/Messy/hanoi_electricity.csv", "--thousands", ",", "--model", "auto-ets",
            "--horizon", "3", "--missing", "interpolate", "--include-history", "--format", "json",
        ]),
        Case(schema: "backtest", arguments: [
            "backtest", "Tests/Fixtures/Messy/hanoi_electricity.csv", "--thousands", ",", "--model", "naive",
            "--horizon", "2", "--windows", "2", "--missing", "interpolate", "--per-series", "--format", "json",
        ]),
        Case(schema: "bench", arguments: [
            "bench", "Datasets/nyc_water_long.csv", "--models", "naive,theta", "--horizon", "3", "--format", "json",
        ]),
        Case(schema: "regress", arguments: [
            "regress", "Datasets/nyc_water_wide.csv", "--y", "consumption_mgd", "--x", "population,per_capita_gpcd",
            "--format", "json",
        ]),
        Case(schema: "validate", arguments: ["validate", "Datasets/nyc_water_long.csv", "--format", "json"]),
        Case(schema: "air-standards", arguments: [
            "air", "standards", "Datasets/beijing_12sites_daily_long.csv", "--city", "--format", "json",
        ]),
        Case(schema: "air-localize", arguments: [
            "air", "localize", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5", "--city",
            "--period", "year", "--format", "json",
        ]),
        Case(schema: "air-localize", arguments: [
            "air", "localize", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "SO2", "--flags",
            "--format", "json",
        ]),
        Case(schema: "air-trend", arguments: [
            "air", "trend", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5", "--city",
            "--deseason", "none", "--replicates", "100", "--format", "json",
        ]),
        Case(schema: "air-normalize", arguments: [
            "air", "normalize", "Datasets/beijing_12sites_daily_wide.csv", "--pollutant", "NO2",
            "--met", "TEMP,PRES,DEWP,WSPM,RAIN_sum", "--wind-direction", "none", "--period", "year", "--format", "json",
        ]),
        Case(schema: "air-sources", arguments: [
            "air", "sources", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "NO2", "--format", "json",
        ]),
        Case(schema: "air-sources", arguments: [
            "air", "sources", "Datasets/beijing_12sites_daily_long.csv", "--pollutant", "PM2.5",
            "--background", "Dingling", "--format", "json",
        ]),
        Case(schema: "air-mitigate", arguments: [
            "air", "mitigate", "Models/air-quality/beijing-pm25-mitigation.yaml", "--format", "json",
        ]),
        Case(schema: "air-nowcast", arguments: [
            "air", "nowcast", "Datasets/beijing_dongsi_hourly_wide.csv", "--pollutant", "PM2.5", "--format", "json",
        ]),
    ]

    /// The result of `Schemas/validate.py`.
    struct Validation {
        let status: Int32
        let error: String
    }

    /// Validate `file` against `Schemas/<schema>.schema.json` with `python3 Schemas/validate.py`.
    static func validate(_ file: String, against schema: String) throws -> Validation {
        let root = CLITests.repositoryRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", root.appendingPathComponent("Schemas/validate.py").path,
            root.appendingPathComponent("Schemas/\(schema).schema.json").path, file,
        ]
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let error = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Validation(status: process.terminationStatus, error: String(decoding: error, as: UTF8.self))
    }

    /// Validate a document given as text.
    static func validate(text: String, against schema: String) throws -> Validation {
        let file = try CLITests.temporaryFile("document.json", text)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path) }
        return try validate(file, against: schema)
    }

    @Test(arguments: cases) func outputIsValidAgainstItsSchema(_ testCase: Case) throws {
        let result = try CLITests.run(testCase.arguments)
        #expect(result.status == 0, "\(result.error)")
        let validation = try Self.validate(text: result.output, against: testCase.schema)
        #expect(validation.status == 0, "\(validation.error)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? String == Self.schemaVersion)
        // The version leads every document but validate's, whose encoder sorts the keys.
        if testCase.schema != "validate" {
            #expect(result.output.hasPrefix("{\n  \"schemaVersion\": \"\(Self.schemaVersion)\",\n"))
        }
    }

    /// A scenario run's `summary.json` and `manifest.json`, with draws so the probabilities and
    /// the variance split are filled in.
    @Test func scenarioRunFilesAreValid() throws {
        let out = ScenarioCLITests.outputDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run([
            "scenario", "run", ScenarioCLITests.nyc, "--draws", "200", "--seed", "7", "--out", out,
            "--report", out + "/report.html",
        ])
        #expect(result.status == 0, "\(result.error)")
        let results = try Self.validate(out + "/results.json", against: "scenario-results")
        #expect(results.status == 0, "results.json: \(results.error)")
        let text = try String(contentsOfFile: out + "/results.json", encoding: .utf8)
        #expect(text.contains("\"schemaVersion\":\"\(Self.schemaVersion)\""))
        let renamed = text.replacingOccurrences(of: "\"metOnCentralPath\"", with: "\"met\"")
        let renamedValidation = try Self.validate(text: renamed, against: "scenario-results")
        #expect(renamed != text && renamedValidation.status != 0)
        for (file, schema) in [("summary.json", "scenario-summary"), ("manifest.json", "scenario-manifest")] {
            let validation = try Self.validate(out + "/" + file, against: schema)
            #expect(validation.status == 0, "\(file): \(validation.error)")
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(text.hasPrefix("{\n  \"schemaVersion\": \"\(Self.schemaVersion)\",\n"), "\(file)")
        }
    }

    /// The schemas are closed and typed: a renamed key, a number written as a string or a
    /// missing version each fail, so a passing validation means something.
    @Test func alteredOutputsAreRejected() throws {
        let result = try CLITests.run([
            "forecast", "Datasets/nyc_water_long.csv", "--model", "theta", "--horizon", "2",
            "--where", "indicator=water_consumption", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(try Self.validate(text: result.output, against: "forecast").status == 0)

        let renamed = result.output.replacingOccurrences(of: "\"logLikelihood\":", with: "\"loglik\":")
        let stringNumber = try #require(
            result.output.range(of: #""mean": ([-0-9.e+]+)"#, options: .regularExpression).map { range in
                let field = String(result.output[range])
                let number = field.dropFirst("\"mean\": ".count)
                return result.output.replacingCharacters(in: range, with: "\"mean\": \"\(number)\"")
            })
        let unversioned = result.output.replacingOccurrences(of: "\"schemaVersion\": \"2.4.0\",\n", with: "")
        for (name, altered) in [("renamed key", renamed), ("number as string", stringNumber), ("no version", unversioned)] {
            #expect(altered != result.output, "\(name): the alteration did not apply")
            let validation = try Self.validate(text: altered, against: "forecast")
            // 1 is "invalid"; 2 would mean nothing was checked.
            #expect(validation.status == 1, "\(name): \(validation.error)")
        }
    }

    /// Every schema in `Schemas/` is exercised by a test above, so none drifts unchecked.
    @Test func everySchemaIsCovered() throws {
        let folder = CLITests.repositoryRoot.appendingPathComponent("Schemas")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".schema.json") }
            .map { String($0.dropLast(".schema.json".count)) }
        #expect(Set(names) == Set(Self.cases.map(\.schema) + ["scenario-summary", "scenario-manifest", "scenario-results"]))
    }
}
