import Foundation
import Statistics
import Testing
import UrbanCast
import TestSupport

/// `BenchRun`'s accuracy columns against a computation by hand, its failure rows and row order, and
/// `LongFormatStream` against `LongFormat` on the same bytes.
@Suite struct BenchTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func file(_ text: String, name: String = "bench.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "urbancast-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A long-format file of yearly series from 2000, one per (name, values).
    static func csv(_ series: [(String, [Double])]) -> String {
        var lines = ["series,date,value"]
        for (name, values) in series {
            for (t, y) in values.enumerated() { lines.append("\(name),\(2000 + t),\(y.isNaN ? "NA" : String(y))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The mean model, whose forecast and intervals are known in closed form (R's `meanf`):
    /// MASE, sMAPE, RMSSE, coverage and Winkler worked out here per series and averaged over the
    /// series as documented; a series of `h` points fails with its reason and is not scored.
    @Test func meanModelScoresMatchHandComputation() async throws {
        let a: [Double] = [10, 12, 10, 12, 10, 12, 11, 50, 11]
        let b: [Double] = [3, 5, 4, 6, 5, 7, 100, 5, 6]
        let path = try Self.file(Self.csv([("a", a), ("b", b), ("short", [1, 2, 3])]))
        let run = try await BenchRun(BenchRun.Request(file: path, models: [.mean, .naive], horizon: 3))
        #expect(run.models.map(\.model) == [.mean, .naive])
        let mean = run.models[0]
        #expect(mean.series == 2 && mean.failed == 1)
        #expect(mean.failures.count == 1)
        #expect(mean.failures.first?.count == 1 && mean.failures.first?.firstSeries.values == ["short"])
        #expect(mean.failures.first?.reason.contains("needs at least 4 observations") == true)

        var mase: [Double] = []
        var smape: [Double] = []
        var rmsse: [Double] = []
        var inside80 = 0
        var inside95 = 0
        var coverage80: [Double] = [], coverage95: [Double] = [], winkler95: [Double] = []
        for y in [a, b] {
            var seriesInside = [0, 0], seriesWinkler = 0.0
            let training = Array(y.prefix(6))
            let test = Array(y.suffix(3))
            let n = Double(training.count)
            let center = training.reduce(0, +) / n
            let s = (training.map { ($0 - center) * ($0 - center) }.reduce(0, +) / (n - 1)).squareRoot()
            let diffs = zip(training.dropFirst(), training).map { $0 - $1 }
            let q = diffs.map(abs).reduce(0, +) / Double(diffs.count)
            let q2 = diffs.map { $0 * $0 }.reduce(0, +) / Double(diffs.count)
            let errors = test.map { $0 - center }
            mase.append(errors.map(abs).reduce(0, +) / 3 / q)
            rmsse.append((errors.map { $0 * $0 }.reduce(0, +) / 3 / q2).squareRoot())
            smape.append(zip(test, errors).map { 200 * abs($1) / (abs($0) + abs(center)) }.reduce(0, +) / 3)
            for (level, count) in [(80.0, 0), (95.0, 1)] {
                let t = try StudentT(degreesOfFreedom: n - 1).quantile(0.5 + level / 200)
                let half = t * s * (1 + 1 / n).squareRoot()
                for value in test where abs(value - center) <= half {
                    if count == 0 { inside80 += 1 } else { inside95 += 1 }
                    seriesInside[count] += 1
                }
                if level == 95 {
                    for value in test {
                        let outside = max(0, abs(value - center) - half)
                        seriesWinkler += 2 * half + 2 / 0.05 * outside
                    }
                }
            }
            coverage80.append(Double(seriesInside[0]) / 3)
            coverage95.append(Double(seriesInside[1]) / 3)
            winkler95.append(seriesWinkler / 3)
        }
        func average(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        expectClose(mean.mase, average(mase), .relative(1e-12))
        expectClose(mean.smape, average(smape), .relative(1e-12))
        expectClose(mean.rmsse, average(rmsse), .relative(1e-12))
        expectClose(mean.coverage80, average(coverage80), .absolute(1e-15))
        expectClose(mean.coverage95, average(coverage95), .absolute(1e-15))
        expectClose(mean.winkler95, average(winkler95), .relative(1e-12))
        #expect(mean.aggregate.byUnit.count == 1 && mean.aggregate.byUnit[0].unit == nil, "a file without units is one group")
        // The hand computation itself: in each series the 50 or 100 lies far outside both
        // intervals and the other two held-out values lie inside the 95% one.
        #expect(inside95 == 4)
        #expect(mean.medianMilliseconds >= 0 && mean.p95Milliseconds >= mean.medianMilliseconds)
        #expect(mean.seriesPerSecond > 0)
    }

    /// Everything but timings and memory is the same for 1 and 3 threads, and for any block size
    /// of the stream, with a model whose intervals are simulated (ETS(M,M,N): multiplicative
    /// trend) among them, so each series' random stream is exercised.
    @Test func resultsDoNotDependOnThreadsOrBlocks() async throws {
        var rng = SeededGenerator(seed: 7)
        let series = (0..<9).map { i in
            ("s\(i)", (0..<30).map { t in 50 + 10 * sin(Double(t) * .pi / 2) + Double(i) + rng.nextNormal() })
        }
        var lines = ["series,date,value"]
        for (name, values) in series {
            for (t, y) in values.enumerated() { lines.append("\(name),\(2000 + t / 4)-Q\(t % 4 + 1),\(y)") }
        }
        let path = try Self.file(lines.joined(separator: "\n"))
        let models: [ModelSpecification] = [.naive, .ets(try ETSSpecification(parsing: "MMN")), .ets(try ETSSpecification(parsing: "MNM")), .theta]
        func accuracy(_ threads: Int, _ chunk: Int) async throws -> [[Double]] {
            let run = try await BenchRun(
                BenchRun.Request(file: path, models: models, horizon: 4, threads: threads, chunkBytes: chunk))
            #expect(run.models.map(\.model) == models)
            return run.models.map {
                [
                    Double($0.series), Double($0.failed), $0.mase, $0.smape, $0.rmsse, $0.coverage80, $0.coverage95,
                    $0.winkler95,
                ]
            }
        }
        let reference = try await accuracy(1, 1 << 20)
        #expect(reference.allSatisfy { $0[0] == 9 })
        #expect(try await accuracy(3, 1 << 20) == reference)
        #expect(try await accuracy(2, 100) == reference)
    }

    // MARK: - LongFormatStream

    /// The stream gives the series, values and first lines `LongFormat` gives, for every block
    /// size, with CRLF line breaks, a BOM, blank lines and a quoted key holding a line break.
    @Test(arguments: [1, 7, 64, 1 << 20])
    func streamMatchesWholeFileReading(chunkBytes: Int) throws {
        let text =
            "\u{FEFF}city,indicator,date,value\r\n"
            + "Oslo,water,2020,1\r\nOslo,water,2021,2\r\n\r\nOslo,water,2022,NA\r\n"
            + "\"Bergen\nsentrum\",water,2020-01,5\r\n\"Bergen\nsentrum\",water,2020-02,6\r\n"
            + "Oslo,waste,2020-Q1,7\r\nOslo,waste,2020-Q2,8\r\nOslo,waste,2020-Q4,9"
        let path = try Self.file(text)
        let whole = try LongFormat.read(contentsOf: path)
        var stream = try LongFormatStream(contentsOf: path, chunkBytes: chunkBytes)
        var streamed: [KeyedSeries] = []
        while let batch = try stream.next() { streamed += batch }
        #expect(streamed.map(\.key) == whole.map(\.key))
        #expect(streamed.map(\.firstLine) == whole.map(\.firstLine))
        #expect(
            streamed.map { $0.series.values.map { $0.isNaN ? -1 : $0 } }
                == whole.map { $0.series.values.map { $0.isNaN ? -1 : $0 } })
        #expect(streamed.map(\.series.frequency) == whole.map(\.series.frequency))
        #expect(whole.count == 3)
    }

    /// A problem far into the file is reported at the file's own line and column, as `LongFormat`
    /// reports it.
    @Test func streamReportsProblemsAtFileLines() throws {
        var lines = ["series,date,value"]
        for s in 0..<50 { for t in 0..<12 { lines.append("s\(s),\(2000 + t),\(s == 40 && t == 5 ? "abc" : "1")") } }
        let path = try Self.file(lines.joined(separator: "\n") + "\n")
        let expected: [DataDiagnostic]
        do {
            _ = try LongFormat.read(contentsOf: path)
            Issue.record("the whole-file reader accepted a bad value")
            return
        } catch {
            expected = error.diagnostics
        }
        #expect(expected.first?.line == 2 + 40 * 12 + 5)
        var stream = try LongFormatStream(contentsOf: path, chunkBytes: 300)
        do {
            while try stream.next() != nil {}
            Issue.record("the stream accepted a bad value")
        } catch {
            #expect(error.diagnostics == expected)
        }
    }

    /// Rows of a series that resume after other series have been read are refused at their line,
    /// saying how to fix the file.
    @Test func streamRefusesResumedSeries() throws {
        var lines = ["series,date,value"]
        for s in ["a", "b"] { for t in 0..<20 { lines.append("\(s),\(2000 + t),1") } }
        lines.append("a,2020,1")
        let path = try Self.file(lines.joined(separator: "\n"))
        var stream = try LongFormatStream(contentsOf: path, chunkBytes: 50)
        do {
            while try stream.next() != nil {}
            Issue.record("the stream accepted a resumed series")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.line == 42)
            #expect(error.diagnostics.first?.message.contains("sort the file by its key columns") == true)
        }
    }

    /// A file with only a header is reported as `LongFormat` reports it; a missing file is unreadable.
    @Test func streamReportsEmptyAndMissingFiles() throws {
        let path = try Self.file("series,date,value\n\n")
        var stream = try LongFormatStream(contentsOf: path)
        do {
            while try stream.next() != nil {}
            Issue.record("a header-only file was accepted")
        } catch {
            #expect(error.diagnostics.first?.message.contains("no data rows") == true)
        }
        #expect(throws: DataError.self) { _ = try LongFormatStream(contentsOf: path + ".missing") }
    }
}
