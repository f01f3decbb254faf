import Foundation
import Testing

/// End-to-end tests of `urbancast bench`: the JSON contract the peer comparison reads, stable
/// rows, exit codes and messages.
@Suite struct BenchCLITests {
    typealias CLI = CLITests

    /// The original contract's keys, in order, then the added ones.
    static let modelKeys = [
        "model", "series", "failed", "seriesPerSecond", "medianMilliseconds", "p95Milliseconds", "peakMemoryBytes",
        "mase", "smape", "rmsse", "coverage80", "coverage95", "winkler95", "fitSeconds", "peakMemorySource", "failures",
        "aggregation", "byUnit",
    ]

    /// The JSON has exactly the contract's keys in order, the models in the order asked (a combo's
    /// commas do not split the list), and the same accuracy on a second run.
    @Test func jsonFollowsTheContractAndIsStable() throws {
        let arguments = [
            "bench", "Datasets/nyc_water_long.csv", "--models", "naive,combo(theta,drift), mean",
            "--horizon", "3", "--format", "json",
        ]
        let first = try CLI.run(arguments)
        #expect(first.status == 0, "\(first.error)")
        let second = try CLI.run(arguments + ["--threads", "2"])
        #expect(second.status == 0, "\(second.error)")
        // The object's keys in written order: read them from the text, not a dictionary.
        let keys = first.output.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\""), let end = trimmed.dropFirst().firstIndex(of: "\"") else { return nil }
            return String(trimmed[trimmed.index(after: trimmed.startIndex)..<end])
        }
        #expect(Array(keys.prefix(Self.modelKeys.count + 2)) == ["schemaVersion", "models"] + Self.modelKeys)
        let documents = try [first, second].map { result in
            try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        }
        #expect(
            Set(documents[0].keys) == [
                "schemaVersion", "models", "machine", "threads", "horizon", "seasonLength", "seed", "file", "version",
            ])
        #expect(documents[0]["threads"] as? Int == 1 && documents[1]["threads"] as? Int == 2)
        let machine = try #require(documents[0]["machine"] as? [String: Any])
        #expect(Set(machine.keys) == ["operatingSystem", "cpu", "logicalCores", "activeCores", "memoryBytes"])
        let runs = try documents.map { try #require($0["models"] as? [[String: Any]]) }
        for models in runs {
            #expect(models.map { $0["model"] as? String } == ["naive", "combo(theta,drift)", "mean"])
            for model in models { #expect(Set(model.keys) == Set(Self.modelKeys)) }
        }
        for key in ["series", "failed", "mase", "smape", "rmsse", "coverage80", "coverage95", "winkler95"] {
            #expect(runs[0].map { "\($0[key] ?? "")" } == runs[1].map { "\($0[key] ?? "")" }, "\(key)")
        }
        #expect(runs[0].allSatisfy { ($0["series"] as? Int) == 3 && ($0["peakMemoryBytes"] as? Int ?? 0) > 0 })
    }

    /// CSV has one row per model under the documented header.
    @Test func csvHasOneRowPerModel() throws {
        let result = try CLI.run([
            "bench", "Datasets/nyc_water_long.csv", "--models", "naive,mean", "--horizon", "2",
            "--format", "csv",
        ])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(
            lines.first.map(String.init)
                == "model,series,failed,seriesPerSecond,medianMilliseconds,p95Milliseconds,peakMemoryBytes,"
                + "mase,smape,rmsse,coverage80,coverage95,winkler95")
        #expect(lines.dropFirst().map { $0.split(separator: ",").first } == ["naive", "mean"])
    }

    /// `--where` keeps the matching series only; a filter that matches nothing is an error (1).
    @Test func whereSelectsSeries() throws {
        let one = try CLI.run([
            "bench", "Datasets/nyc_water_long.csv", "--models", "naive", "--horizon", "3",
            "--where", "indicator=water_consumption", "--format", "csv",
        ])
        #expect(one.status == 0, "\(one.error)")
        #expect(one.output.split(separator: "\n").dropFirst().first?.hasPrefix("naive,1,0,") == true, "\(one.output)")
        let none = try CLI.run([
            "bench", "Datasets/nyc_water_long.csv", "--models", "naive", "--horizon", "3",
            "--where", "indicator=nothing",
        ])
        #expect(none.status == 1 && none.output.isEmpty)
        #expect(none.error.contains("no series match indicator=nothing"), "\(none.error)")
    }

    /// A bad value is reported at FILE:LINE:COLUMN with exit 1 and nothing on standard output; a
    /// bad model or horizon is a usage error (2).
    @Test func badInputIsReported() throws {
        let path = try CLI.temporaryFile("bad.csv", "series,date,value\na,2000,1\na,2001,x\na,2002,3\n")
        let bad = try CLI.run(["bench", path, "--models", "naive", "--horizon", "1"])
        #expect(bad.status == 1)
        #expect(bad.output.isEmpty)
        #expect(bad.error.contains("\(path):3:3:"), "\(bad.error)")
        let model = try CLI.run(["bench", path, "--models", "naive,,mean", "--horizon", "1"])
        #expect(model.status == 2 && model.error.contains("empty entry"), "\(model.error)")
        let horizon = try CLI.run(["bench", path, "--models", "naive", "--horizon", "0"])
        #expect(horizon.status == 2 && horizon.error.contains("--horizon"), "\(horizon.error)")
        let missing = try CLI.run(["bench", path + ".none", "--models", "naive", "--horizon", "1"])
        #expect(missing.status == 1 && missing.error.contains("no such file"), "\(missing.error)")
    }
}
