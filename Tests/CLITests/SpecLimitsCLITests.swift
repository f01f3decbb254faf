import Foundation
import Testing

/// Hostile specifications through the real binary: every spec-reading command ends with exit
/// status 1 and a `FILE:LINE:COLUMN` message, never a signal or a runaway process.
@Suite struct SpecLimitsCLITests {
    /// The three commands that read a YAML specification.
    static func commands(_ spec: String) -> [[String]] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-limits-\(UUID().uuidString)").path
        return [["scenario", "check", spec], ["scenario", "run", spec, "--out", out], ["air", "mitigate", spec]]
    }

    /// Runs `arguments` and checks that the process exited (not by a signal) with status 1,
    /// wrote nothing to standard output, and said `expected` on standard error.
    static func expectRefusal(_ arguments: [String], _ expected: String) throws {
        let result = try CLITests.run(arguments)
        #expect(result.status == 1, "\(arguments): status \(result.status): \(result.error)")
        #expect(result.output.isEmpty, "\(arguments)")
        #expect(result.error.contains(expected), "\(arguments): \(result.error)")
    }

    /// 5,000 and 100,000 nested `[` or `{a: ` (which crashed all three commands with SIGSEGV).
    @Test(arguments: [("[", "]", 5_000), ("{a: ", "}", 5_000), ("[", "]", 100_000), ("{a: ", "}", 100_000)])
    func deepNestingEndsWithAnError(_ open: String, _ close: String, _ depth: Int) throws {
        let text = String(repeating: open, count: depth) + String(repeating: close, count: depth) + "\n"
        let spec = try CLITests.temporaryFile("deep.yaml", text)
        for arguments in Self.commands(spec) {
            try Self.expectRefusal(arguments, "\(spec):1:\(1 + 64 * open.count): mappings and lists are nested more than 64 levels deep")
        }
    }

    /// Ten levels of ten aliases (which drove `scenario check` to tens of gigabytes) are refused
    /// at the alias that takes the expansion past the bound.
    @Test func billionLaughsEndsWithAnError() throws {
        let names = "abcdefghij".map(String.init)
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<names.count {
            lines.append("\(names[level]): &\(names[level]) [" + Array(repeating: "*\(names[level - 1])", count: 10).joined(separator: ", ") + "]")
        }
        let spec = try CLITests.temporaryFile("laughs.yaml", lines.joined(separator: "\n") + "\n")
        for arguments in Self.commands(spec) {
            try Self.expectRefusal(arguments, "\(spec):5:")
            try Self.expectRefusal(arguments, "expanding the alias *d brings the nodes added by aliases above 100000")
        }
    }

    /// A byte that is not UTF-8 is named with its line and column.
    @Test func invalidUTF8IsLocated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let spec = directory.appendingPathComponent("latin1.yaml").path
        let bytes = Array("city: Test\nbase_year: 2020\ndescription: caf".utf8) + [0xC3, 0xA9, 0x20, 0xFF] + Array(" here\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: spec))
        for arguments in Self.commands(spec) {
            try Self.expectRefusal(arguments, "\(spec):3:19: byte 0xFF (byte offset 46) is not valid UTF-8")
        }
    }

    /// The plan's consistency checks name the file and the key.
    @Test func mitigationChecksNameFileAndKey() throws {
        let plan = """
            pollutant: PM2.5
            baseline: {year: 2020, concentration: 40}
            horizon: 2030
            sectors: [{name: a, share: 0.9}, {name: b, share: 0.68}]
            measures: [{name: x, sector: a, reduction: 0.2, start: 2021, ramp: 0, annualCost: 1}]
            health: {population: 1000000, baselineMortality: 0.006}
            """
        let spec = try CLITests.temporaryFile("plan.yaml", plan)
        try Self.expectRefusal(["air", "mitigate", spec], "\(spec): sectors: sector shares sum to 1.58")
        try Self.expectRefusal(["air", "mitigate", spec], "\(spec): measures[0].ramp: measure 'x': ramp must be at least 1 year")
    }
}
