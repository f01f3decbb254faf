import Forecasting
import Foundation
import Statistics
import Testing
@testable import UrbanCast

/// Property: for random sets of series and random scenario settings, results are bit-identical
/// whatever the number of threads and whatever the block size of the streaming reader. Each case
/// prints its seed, so a failure can be replayed.
@Suite struct DeterminismPropertyTests {
    static let seeds: [UInt64] = [11, 2026, 90210]

    /// A random long-format file: 3–9 series of 6–70 points each, yearly, quarterly or monthly,
    /// random-walk values with a level shift, a few of them with gaps, and key values with commas
    /// and quotes to exercise the CSV quoting.
    static func randomFile(seed: UInt64) throws -> (path: String, text: String) {
        var generator = SeededGenerator(seed: seed)
        let frequencies = [("2001", 1, "yearly"), ("2001-Q1", 4, "quarterly"), ("2001-01", 12, "monthly")]
        let choice = frequencies[Int(generator.next() % 3)]
        var lines = ["city,indicator,date,value"]
        let count = 3 + Int(generator.next() % 7)
        for s in 0..<count {
            let length = 6 + Int(generator.next() % 65)
            var level = 50 + 100 * generator.nextUniform()
            let start = try SeriesDate(parsing: choice.0)
            let step = try #require(Frequency(choice.2))
            let city = s % 3 == 0 ? "\"Ho Chi Minh, \"\"HCMC\"\" \(s)\"" : "c\(s)"
            for t in 0..<length {
                level += generator.nextNormal() * 3 + 0.5
                let seasonal = choice.1 > 1 ? 5 * sin(2 * Double.pi * Double(t) / Double(choice.1)) : 0
                let missing = s == 1 && t % 9 == 4
                let value = missing ? "" : String(level + seasonal)
                lines.append("\(city),ind\(s % 2),\(start.advanced(by: t, frequency: step)),\(value)")
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-determinism-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("random.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, text)
    }

    /// Every field of every series as bits, so "identical" means identical.
    static func fingerprint(_ series: [KeyedSeries]) -> [String] {
        series.map { keyed in
            "\(keyed.key)|\(keyed.unit ?? "-")|\(keyed.firstLine)|\(keyed.series.dates.map(\.description))|"
                + keyed.series.values.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
        }
    }

    static func fingerprint(_ outcomes: [BatchOutcome]) -> [String] {
        outcomes.map { outcome in
            guard let forecast = outcome.forecast else { return "error: \(outcome.error?.description ?? "?")" }
            return ([forecast.mean] + forecast.lower + forecast.upper)
                .map { row in row.map { String($0.bitPattern, radix: 16) }.joined(separator: ",") }.joined(separator: ";")
        }
    }

    /// The whole-file reader and the streaming reader at block sizes from 16 bytes (smaller than a
    /// line) to 1 MiB hand out the same series, bit for bit.
    @Test(arguments: seeds)
    func streamingBlockSizeDoesNotChangeTheSeries(seed: UInt64) throws {
        let file = try Self.randomFile(seed: seed)
        let whole = Self.fingerprint(try LongFormat.read(contentsOf: file.path))
        for chunk in [16, 97, 1000, 1 << 20] {
            var stream = try LongFormatStream(contentsOf: file.path, chunkBytes: chunk)
            var streamed: [KeyedSeries] = []
            while let block = try stream.next() { streamed += block }
            #expect(Self.fingerprint(streamed) == whole, "seed \(seed), block \(chunk) bytes")
        }
    }

    /// Forecasts with fitted, searched and simulated intervals are bit-identical for 1, 2 and 8
    /// concurrent series.
    @Test(arguments: seeds)
    func forecastsDoNotDependOnThreads(seed: UInt64) async throws {
        let file = try Self.randomFile(seed: seed)
        let inputs = try LongFormat.read(contentsOf: file.path).map {
            BatchSeries(values: $0.series.values, seasonLength: $0.series.seasonLength)
        }
        for text in ["auto-ets", "auto-arima", "theta", "ets(MMN)"] {
            let model = try ModelSpecification(parsing: text)
            var prints: [[String]] = []
            for threads in [1, 2, 8] {
                let outcomes = try await BatchForecaster.run(inputs, model: model, horizon: 6, levels: [80, 95], fallback: .naive,
                                                         seed: seed, concurrency: threads)
                prints.append(Self.fingerprint(outcomes))
            }
            #expect(prints[1] == prints[0] && prints[2] == prints[0], "seed \(seed), \(text)")
        }
    }

    /// Scenario runs with random draws, seed and measure sizes give the same bytes in every file for
    /// 1, 2 and 8 threads.
    @Test(arguments: seeds.prefix(2))
    func scenarioRunsDoNotDependOnThreads(seed: UInt64) async throws {
        var generator = SeededGenerator(seed: seed)
        let city = try SyntheticCity(seed: seed)
        let change = -1 - 4 * generator.nextUniform()
        let growth = 0.2 + generator.nextUniform()
        let text = SyntheticCity.specification
            .replacingOccurrences(of: "change: -2", with: "change: \(change)")
            .replacingOccurrences(of: "percent: 0.5", with: "percent: \(growth)")
        let spec = try city.spec(text)
        let draws = 50 + Int(generator.next() % 200)
        var outputs: [[String]] = []
        for threads in [1, 2, 8] {
            let run = try await ScenarioRun(spec, options: .init(draws: draws, seed: seed, threads: threads))
            outputs.append([run.forecastCSV, run.savingsCSV, run.decompositionCSV, run.summaryJSON.serialized()])
        }
        #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0], "seed \(seed), \(draws) draws")
    }
}
