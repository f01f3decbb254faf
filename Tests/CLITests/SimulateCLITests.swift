import Foundation
import Testing

/// End-to-end tests of `urbancast simulate`: output that `bench` reads, determinism across
/// `--threads`, `--output`, and usage errors.
@Suite struct SimulateCLITests {
    typealias CLI = CLITests

    /// The same arguments give the same bytes for 1 and 2 threads; `--output` writes exactly what
    /// standard output shows; bench reads the file and fits every series.
    @Test func simulatedFileIsDeterministicAndBenchable() throws {
        let arguments = [
            "simulate", "--model", "ets(AAN)", "--param", "alpha=0.4,beta=0.1", "--param", "sigma=1,level=20",
            "--n", "12", "--length", "30", "--frequency", "quarterly", "--start", "2001-Q2", "--seed", "3",
        ]
        let one = try CLI.run(arguments + ["--threads", "1"])
        #expect(one.status == 0, "\(one.error)")
        let two = try CLI.run(arguments + ["--threads", "2"])
        #expect(two.output == one.output)
        let lines = one.output.split(separator: "\n")
        #expect(lines.count == 1 + 12 * 30)
        #expect(
            lines.first == "series,date,value" && lines[1].hasPrefix("sim01,2001-Q2,")
                && lines.last?.hasPrefix("sim12,2008-Q3,") == true)

        let folder = URL(fileURLWithPath: try CLI.temporaryFile("placeholder.txt", "")).deletingLastPathComponent()
        let path = folder.appendingPathComponent("simulated.csv").path
        let written = try CLI.run(arguments + ["--output", path])
        #expect(written.status == 0 && written.output.isEmpty, "\(written.error)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == one.output)

        let bench = try CLI.run(["bench", path, "--models", "ets(AAN),naive", "--horizon", "4", "--format", "csv"])
        #expect(bench.status == 0, "\(bench.error)")
        let rows = bench.output.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.map { $0.prefix(3).joined(separator: ",") } == ["ets(AAN),12,0", "naive,12,0"])
    }

    /// A bad parameter, an unstationary model or an unknown frequency is a usage error (2)
    /// naming what to change, with nothing on standard output.
    @Test(arguments: [
        (["--model", "arima(1,0,0)", "--param", "ar1=1.5"], "not stationary"),
        (["--model", "arima(1,0,0)", "--param", "ar1"], "NAME=NUMBER"),
        (["--model", "arima(1,0,0)", "--param", "ar1=0.1,ar1=0.2"], "twice"),
        (["--model", "ets(ANN)", "--param", "alpha=0.5,sigma=1", "--frequency", "fortnightly"], "--frequency"),
        (["--model", "ets(ANN)", "--param", "alpha=0.5"], "needs sigma"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try CLI.run(["simulate"] + arguments + ["--n", "2", "--length", "5"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.error.contains(message), "\(result.error)")
    }
}
