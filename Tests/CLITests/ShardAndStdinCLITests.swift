import Foundation
import Testing

/// `-` for standard input and `--shard I/N` on validate, forecast, backtest and bench: standard
/// input gives the bytes a file gives, and N shards combined by the documented rule (the header
/// once, then each series' rows in the order its key first appears in the input) give one run's
/// bytes.
@Suite struct ShardAndStdinCLITests {
    typealias CLI = CLITests

    /// A long file of `count` series with uneven lengths (14 to 33 monthly points) and keys that
    /// need quoting or are not ASCII; rows of consecutive series interleave when `interleaved`.
    /// Returns the text and each key's CSV prefix (`city,indicator` as written) in order of first
    /// appearance.
    static func panel(count: Int, interleaved: Bool = false) -> (text: String, keys: [String]) {
        let cities = ["Oslo", "\"Washington, D.C.\"", "São Paulo", "a:b", "Lagos", "北京", "x/y"]
        var keys: [String] = []
        var blocks: [[String]] = []
        for s in 0..<count {
            let key = "\(cities[s % cities.count]),ind\(s / cities.count)"
            keys.append(key)
            let length = 14 + (s * 7) % 20
            blocks.append((0..<length).map { t in
                let value = 100 + Double(s) * 3 + Double(t) * 0.5 + 10 * sin(Double(t) * 0.52 + Double(s))
                return "\(key),\(2000 + t / 12)-\(String(format: "%02d", t % 12 + 1)),\(String(format: "%.3f", value))"
            })
        }
        var lines = ["city,indicator,date,value"]
        if interleaved {
            // Pairs of series alternate row by row, so a series' rows are not together.
            for pair in stride(from: 0, to: count, by: 2) {
                let a = blocks[pair], b = pair + 1 < count ? blocks[pair + 1] : []
                for t in 0..<max(a.count, b.count) {
                    if t < a.count { lines.append(a[t]) }
                    if t < b.count { lines.append(b[t]) }
                }
            }
        } else {
            lines += blocks.joined()
        }
        return (lines.joined(separator: "\n") + "\n", keys)
    }

    /// The combining rule: the header of the non-empty outputs (all the same) once, then their
    /// data rows in the order of the input's keys (a series' rows keep their order): the rows
    /// that begin with each of `prefixes` in turn (a key's CSV text and a comma, or for backtest
    /// rows, per model, the key and the model).
    static func combine(_ outputs: [String], prefixes: [String]) throws -> String {
        let nonEmpty = outputs.filter { !$0.isEmpty }
        let headers = Set(nonEmpty.map { $0.prefix { $0 != "\n" } })
        #expect(headers.count == 1, "shards write the same header")
        let rows = nonEmpty.flatMap { $0.split(separator: "\n").dropFirst().map(String.init) }
        var combined = [try #require(headers.first).description]
        for prefix in prefixes { combined += rows.filter { $0.hasPrefix(prefix) } }
        #expect(combined.count == rows.count + 1, "every row belongs to one key")
        return combined.joined(separator: "\n") + "\n"
    }

    /// Runs `arguments` with --shard i/n for every i; each must exit 0.
    static func shards(_ arguments: [String], _ n: Int) throws -> [CLI.Result] {
        try (0..<n).map { i in
            let result = try CLI.run(arguments + ["--shard", "\(i)/\(n)"])
            #expect(result.status == 0, "\(i)/\(n): \(result.error)")
            return result
        }
    }

    @Test func forecastShardsCombineIntoTheSingleRun() throws {
        for (count, interleaved) in [(23, true), (3, false)] {
            let (text, keys) = Self.panel(count: count, interleaved: interleaved)
            let file = try CLI.temporaryFile("panel.csv", text)
            let arguments = ["forecast", file, "--model", "theta", "--horizon", "5", "--format", "csv"]
            let single = try CLI.run(arguments)
            #expect(single.status == 0, "\(single.error)")
            #expect(single.output.split(separator: "\n").count == 1 + count * 5)
            for n in [1, 2, 7] {
                let outputs = try Self.shards(arguments, n).map(\.output)
                if n == 1 { #expect(outputs[0] == single.output) }
                #expect(try Self.combine(outputs, prefixes: keys.map { $0 + "," }) == single.output, "\(count) series, \(n) shards")
                if n > 1 { #expect(outputs.filter { !$0.isEmpty }.count >= 2, "the series are spread over shards") }
            }
        }
    }

    /// With 3 series and 7 shards, at least 4 shards are empty: they write nothing, say so on
    /// standard error and exit 0.
    @Test func anEmptyShardWritesNothingAndSucceeds() throws {
        let file = try CLI.temporaryFile("three.csv", Self.panel(count: 3).text)
        let runs: [[String]] = [
            ["forecast", file, "--model", "naive", "--horizon", "2", "--format", "csv"],
            ["backtest", file, "--model", "naive", "--horizon", "2", "--windows", "2", "--format", "csv"],
            ["bench", file, "--models", "naive", "--horizon", "2", "--format", "csv"],
            ["validate", file],
        ]
        for arguments in runs {
            let results = try Self.shards(arguments, 7)
            let empty = results.filter { $0.output.isEmpty }
            #expect(empty.count >= 4, "\(arguments[0])")
            for result in empty {
                #expect(result.error.contains("holds none of the selected series of \(file); nothing was written"),
                        "\(arguments[0]): \(result.error)")
            }
        }
    }

    @Test func backtestPerSeriesRowsCombineIntoTheSingleRun() throws {
        let (text, keys) = Self.panel(count: 23, interleaved: true)
        let file = try CLI.temporaryFile("panel.csv", text)
        let arguments = ["backtest", file, "--model", "naive,theta", "--horizon", "3", "--windows", "2",
                         "--per-series", "--format", "csv"]
        let single = try CLI.run(arguments)
        #expect(single.status == 0, "\(single.error)")
        // Model rows start with the empty key cells; per-series rows with their key.
        func perSeries(_ output: String) -> String {
            output.isEmpty ? "" : output.split(separator: "\n").filter { !$0.hasPrefix(",") }.joined(separator: "\n") + "\n"
        }
        #expect(perSeries(single.output).split(separator: "\n").count == 1 + 2 * 23)
        for n in [1, 2, 7] {
            let outputs = try Self.shards(arguments, n).map(\.output)
            if n == 1 { #expect(outputs[0] == single.output) }
            // Per model in the order of --model, then per series in the input's order.
            let prefixes = ["naive", "theta"].flatMap { model in keys.map { $0 + ",\(model)," } }
            #expect(try Self.combine(outputs.map(perSeries), prefixes: prefixes) == perSeries(single.output), "\(n) shards")
        }
    }

    /// The JSON documents' "series" entries, in order, of validate and forecast: each shard keeps
    /// the input's order, and together they hold every series once.
    @Test(arguments: [["validate"], ["forecast", "--model", "theta", "--horizon", "3"]])
    func jsonShardsCoverEverySeriesOnce(command: [String]) throws {
        let (text, _) = Self.panel(count: 23, interleaved: true)
        let file = try CLI.temporaryFile("panel.csv", text)
        let arguments = [command[0], file] + command.dropFirst() + ["--format", "json"]
        let single = try CLI.run(arguments)
        #expect(single.status == 0, "\(single.error)")
        func series(_ output: String) throws -> [NSDictionary] {
            guard !output.isEmpty else { return [] }
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(Set(document.keys) == (command[0] == "validate" ? ["schemaVersion", "file", "series"] : ["schemaVersion", "series"]))
            return try #require(document["series"] as? [NSDictionary])
        }
        let all = try series(single.output)
        #expect(all.count == 23)
        for n in [1, 2, 7] {
            let parts = try Self.shards(arguments, n).map { try series($0.output) }
            // Each shard keeps the input's order; together they hold every series once.
            for part in parts {
                let positions = part.compactMap { all.firstIndex(of: $0) }
                #expect(positions.count == part.count && positions == positions.sorted())
            }
            let combined = parts.joined().sorted { all.firstIndex(of: $0) ?? 0 < all.firstIndex(of: $1) ?? 0 }
            #expect(combined == all, "\(n) shards")
        }
    }

    @Test func benchShardsCountEverySeriesOnce() throws {
        let file = try CLI.temporaryFile("panel.csv", Self.panel(count: 23).text)
        let arguments = ["bench", file, "--models", "naive,mean", "--horizon", "3", "--format", "json"]
        func counts(_ output: String) throws -> [Int] {
            guard !output.isEmpty else { return [0, 0] }
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let models = try #require(document["models"] as? [[String: Any]])
            return models.map { ($0["series"] as? Int ?? -1) + ($0["failed"] as? Int ?? -1) }
        }
        for n in [2, 7] {
            let totals = try Self.shards(arguments, n).map { try counts($0.output) }
            #expect(totals.reduce([0, 0]) { [$0[0] + $1[0], $0[1] + $1[1]] } == [23, 23], "\(n) shards")
        }
    }

    @Test func shardUsageErrorsExitWithStatus2() throws {
        let cases: [(shard: String, message: String)] = [
            ("7/7", "--shard: shard 7 does not exist among 7: shards are numbered from 0 to 6"),
            ("1/0", "--shard: the number of shards must be at least 1, not 0"),
            ("one/2", "--shard: a shard is written I/N with whole numbers"),
            ("1", "--shard: a shard is written I/N with whole numbers"),
        ]
        for command in [["validate"], ["forecast", "--model", "naive", "--horizon", "2"],
                        ["backtest", "--model", "naive", "--horizon", "2", "--windows", "1"],
                        ["bench", "--models", "naive", "--horizon", "2"]] {
            for (shard, message) in cases {
                let result = try CLI.run([command[0], "Datasets/nyc_water_long.csv"] + command.dropFirst() + ["--shard", shard])
                #expect(result.status == 2, "\(command[0]) \(shard)")
                #expect(result.error.contains(message), "\(command[0]) \(shard): \(result.error)")
            }
        }
    }

    /// A hierarchy is reconciled over all its series, so it is not split.
    @Test func aHierarchyIsNotSharded() throws {
        let file = "Datasets/beijing_12sites_daily_long.csv"
        let arguments = ["forecast", file, "--model", "naive", "--horizon", "2", "--where", "pollutant=NO2",
                         "--hierarchy", "station/city"]
        let split = try CLI.run(arguments + ["--shard", "0/2"])
        #expect(split.status == 2)
        #expect(split.error.contains("--shard cannot split a run with --hierarchy"), "\(split.error)")
    }

    /// Simulated intervals (ETS with a multiplicative trend): each series keeps the random stream
    /// of its position among all the series, so the shards still combine into one run's bytes
    /// in forecast and in backtest.
    @Test func simulatedIntervalsKeepTheirStreams() throws {
        let (text, keys) = Self.panel(count: 9, interleaved: true)
        let file = try CLI.temporaryFile("panel.csv", text)
        let forecast = ["forecast", file, "--model", "ets(MMN)", "--horizon", "3", "--format", "csv", "--seed", "7"]
        let single = try CLI.run(forecast)
        #expect(single.status == 0, "\(single.error)")
        #expect(single.output.split(separator: "\n").count == 1 + 9 * 3)
        // Another seed changes the intervals, so they are simulated.
        let reseeded = try CLI.run(Array(forecast.dropLast(2)) + ["--seed", "8"])
        #expect(reseeded.output != single.output)
        for n in [2, 7] {
            let outputs = try Self.shards(forecast, n).map(\.output)
            #expect(try Self.combine(outputs, prefixes: keys.map { $0 + "," }) == single.output, "\(n) shards")
        }
        let backtest = ["backtest", file, "--model", "naive,ets(MMN)", "--horizon", "2", "--windows", "2", "--per-series",
                        "--format", "csv"]
        let whole = try CLI.run(backtest)
        #expect(whole.status == 0, "\(whole.error)")
        let perSeries = whole.output.split(separator: "\n").filter { !$0.hasPrefix(",") }.joined(separator: "\n") + "\n"
        let outputs = try Self.shards(backtest, 2).map { result in
            result.output.isEmpty ? "" : result.output.split(separator: "\n").filter { !$0.hasPrefix(",") }.joined(separator: "\n") + "\n"
        }
        let prefixes = ["naive", "ets(MMN)"].flatMap { model in keys.map { $0 + ",\(model)," } }
        #expect(try Self.combine(outputs, prefixes: prefixes) == perSeries)
    }

    // MARK: - standard input

    @Test func standardInputGivesTheFilesBytes() throws {
        // Over 64 KiB, so the input and output pipes are both busy at once.
        let (text, _) = Self.panel(count: 120, interleaved: true)
        #expect(text.utf8.count > 65_536)
        let file = try CLI.temporaryFile("panel.csv", text)
        let commands: [[String]] = [
            ["forecast", "--model", "theta", "--horizon", "4", "--format", "csv"],
            ["forecast", "--model", "naive", "--horizon", "2", "--format", "json"],
            ["backtest", "--model", "naive", "--horizon", "2", "--windows", "2", "--per-series", "--format", "csv"],
            ["validate", "--format", "json"],
            ["validate"],
        ]
        for command in commands {
            let fromFile = try CLI.run([command[0], file] + command.dropFirst())
            let fromPipe = try CLI.run([command[0], "-"] + command.dropFirst(), standardInput: Data(text.utf8))
            #expect(fromFile.status == 0 && fromPipe.status == 0, "\(command): \(fromPipe.error)")
            if command == ["validate", "--format", "json"] {
                // The document names standard input as every message does.
                #expect(fromPipe.output == fromFile.output.replacingOccurrences(of: "\"file\": \"\(file)\"", with: "\"file\": \"<stdin>\""))
                #expect(fromPipe.output.contains("\"file\": \"<stdin>\""))
            } else {
                #expect(fromPipe.output == fromFile.output, "\(command)")
            }
            #expect(!fromPipe.output.isEmpty)
        }
        // bench's accuracy columns (its timings and memory vary run to run).
        func accuracy(_ output: String) -> [String] {
            output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
        }
        let bench = ["--models", "naive", "--horizon", "3", "--format", "csv"]
        let benchFile = try CLI.run(["bench", file] + bench)
        let benchPipe = try CLI.run(["bench", "-"] + bench, standardInput: Data(text.utf8))
        #expect(benchFile.status == 0 && benchPipe.status == 0, "\(benchPipe.error)")
        #expect(accuracy(benchPipe.output) == accuracy(benchFile.output))
        // Sharding standard input.
        let shard = try CLI.run(["forecast", "-", "--model", "theta", "--horizon", "4", "--format", "csv", "--shard", "1/2"],
                                standardInput: Data(text.utf8))
        let shardFile = try CLI.run(["forecast", file, "--model", "theta", "--horizon", "4", "--format", "csv", "--shard", "1/2"])
        #expect(shard.status == 0 && shard.output == shardFile.output && !shard.output.isEmpty)
    }

    /// Series from standard input are written as CSV (the long format) unless --format says
    /// otherwise, so a pipe gets CSV; a file still gets the table.
    @Test func standardInputWritesCSVByDefault() throws {
        let text = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("Datasets/nyc_water_long.csv"), encoding: .utf8)
        for command in [["forecast", "--model", "theta", "--horizon", "3"],
                        ["backtest", "--model", "naive", "--horizon", "2", "--windows", "2"]] {
            let csv = try CLI.run([command[0], "Datasets/nyc_water_long.csv"] + command.dropFirst() + ["--format", "csv"])
            let table = try CLI.run([command[0], "Datasets/nyc_water_long.csv"] + command.dropFirst())
            let piped = try CLI.run([command[0], "-"] + command.dropFirst(), standardInput: Data(text.utf8))
            let pipedTable = try CLI.run([command[0], "-"] + command.dropFirst() + ["--format", "table"], standardInput: Data(text.utf8))
            #expect([csv, table, piped, pipedTable].allSatisfy { $0.status == 0 }, "\(piped.error)")
            #expect(piped.output == csv.output && pipedTable.output == table.output && csv.output != table.output, "\(command[0])")
        }
        let bench = try CLI.run(["bench", "-", "--models", "naive", "--horizon", "2"], standardInput: Data(text.utf8))
        #expect(bench.status == 0 && bench.output.hasPrefix("model,series,failed,"), "\(bench.output)")
    }

    /// With --xreg the history's regressor columns are read from standard input too.
    @Test func regressorsComeFromStandardInput() throws {
        var history = "series,date,value,temp\n", future = "series,date,temp\n"
        for (s, name) in ["north", "south", "east"].enumerated() {
            for t in 0..<36 {
                let temp = 10 + 8 * sin(Double(t) * 0.52 + Double(s))
                history += "\(name),\(ForecastRegressorCLITests.monthly(t)),\(50 + Double(s) * 5 + 2 * temp + Double((t * 7 + s) % 5)),\(temp)\n"
            }
            for t in 36..<39 { future += "\(name),\(ForecastRegressorCLITests.monthly(t)),\(10 + 8 * sin(Double(t) * 0.52 + Double(s)))\n" }
        }
        let file = try CLI.temporaryFile("history.csv", history)
        let futureFile = try CLI.temporaryFile("future.csv", future)
        let options = ["--model", "arima(1,0,0)", "--horizon", "3", "--xreg", "temp", "--future", futureFile, "--format", "csv"]
        let fromFile = try CLI.run(["forecast", file] + options)
        let fromPipe = try CLI.run(["forecast", "-"] + options, standardInput: Data(history.utf8))
        #expect(fromFile.status == 0 && fromPipe.status == 0, "\(fromPipe.error)")
        #expect(fromPipe.output == fromFile.output && fromFile.output.split(separator: "\n").count == 10)
        let shards = try (0..<2).map { i in
            try CLI.run(["forecast", "-"] + options + ["--shard", "\(i)/2"], standardInput: Data(history.utf8))
        }
        #expect(shards.allSatisfy { $0.status == 0 }, "\(shards.map(\.error))")
        #expect(try Self.combine(shards.map(\.output), prefixes: ["north,", "south,", "east,"]) == fromFile.output)
    }

    @Test func standardInputProblemsAreNamedStdin() throws {
        let bad = "city,date,value\nOslo,2020,1\nOslo,2021,x\nOslo,2022,\"3\n"
        for command in [["validate"], ["forecast", "--model", "naive", "--horizon", "1"],
                        ["backtest", "--model", "naive", "--horizon", "1", "--windows", "1"],
                        ["bench", "--models", "naive", "--horizon", "1"]] {
            let result = try CLI.run([command[0], "-"] + command.dropFirst(), standardInput: Data(bad.utf8))
            #expect(result.status == 1, "\(command[0])")
            #expect(result.error.contains("<stdin>:3:"), "\(command[0]): \(result.error)")
            #expect(result.error.contains("<stdin>:4:"), "\(command[0]): \(result.error)")
            #expect(result.output.isEmpty)
        }
        let empty = try CLI.run(["validate", "-"], standardInput: Data())
        #expect(empty.status == 1 && empty.error.hasPrefix("<stdin>"), "\(empty.error)")
        // Columns past --max-columns are refused as they are in a file.
        let wide = "date," + (1...5).map { "s\($0)" }.joined(separator: ",") + "\n2020,1,2,3,4,5\n2021,1,2,3,4,5\n"
        let limited = try CLI.run(["validate", "-", "--max-columns", "3"], standardInput: Data(wide.utf8))
        let limitedFile = try CLI.run(["validate", try CLI.temporaryFile("wide.csv", wide), "--max-columns", "3"])
        #expect(limited.status == limitedFile.status && limited.status != 0)
        #expect(limited.error.hasPrefix("<stdin>:1:"), "\(limited.error)")
    }

    @Test func aWorkbookOnStandardInputIsRefused() throws {
        let workbook = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("Tests/Fixtures/Messy/two_sheets.xlsx"))
        for command in [["validate"], ["forecast", "--model", "naive", "--horizon", "1"],
                        ["bench", "--models", "naive", "--horizon", "1"]] {
            let result = try CLI.run([command[0], "-"] + command.dropFirst(), standardInput: workbook)
            #expect(result.status == 1, "\(command[0])")
            #expect(result.error == "<stdin>: a workbook (.xlsx) cannot be read from standard input; give its path instead\n")
        }
    }
}
