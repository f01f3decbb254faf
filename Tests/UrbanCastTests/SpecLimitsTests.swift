import Foundation
import Testing
import UrbanCast

/// Small hostile specifications end in an error that names the file, line, column and the bound
/// that was hit, rather than a stack overflow, a runaway expansion or a message with no place.
@Suite struct SpecLimitsTests {
    /// The diagnostics of reading `text` as a scenario specification (empty if it reads).
    static func scenarioDiagnostics(_ text: String, file: String = "spec.yaml") -> [SpecDiagnostic] {
        do {
            _ = try ScenarioSpecification(text: text, file: file)
            return []
        } catch {
            guard case .spec(let diagnostics) = error else { return [SpecDiagnostic(file: file, path: nil, message: "\(error)")] }
            return diagnostics
        }
    }

    /// A file holding exactly `bytes`, which need not be UTF-8.
    static func temporaryFile(_ name: String, bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("urbancast-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let nestingMessage = "nested more than 64 levels deep"

    /// Thousands of nested flow lists or mappings, which overflowed the stack of the recursive
    /// composer, are refused at the 65th opening bracket.
    @Test(arguments: [("[", "]", 5_000), ("[", "]", 100_000), ("{a: ", "}", 5_000), ("{a: ", "}", 100_000)])
    func deepFlowNestingIsRefusedAtItsPosition(_ open: String, _ close: String, _ depth: Int) {
        let text = String(repeating: open, count: depth) + String(repeating: close, count: depth) + "\n"
        let diagnostics = Self.scenarioDiagnostics(text)
        #expect(diagnostics.count == 1)
        let first = diagnostics.first
        #expect(first?.message.contains(Self.nestingMessage) == true, "\(diagnostics)")
        #expect(first?.position?.line == 1 && first?.position?.column == 1 + 64 * open.count, "\(diagnostics)")
    }

    /// Block nesting (compact nested lists, indented mappings) is bounded the same way.
    @Test func deepBlockNestingIsRefused() {
        let compact = String(repeating: "- ", count: 3_000) + "1\n"
        let indented = (0..<1_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined() + String(repeating: " ", count: 1_000) + "1\n"
        for (text, line) in [(compact, 1), (indented, 65)] {
            let diagnostics = Self.scenarioDiagnostics(text)
            #expect(diagnostics.count == 1 && diagnostics.first?.message.contains(Self.nestingMessage) == true, "\(diagnostics)")
            #expect(diagnostics.first?.position?.line == line, "\(diagnostics)")
        }
    }

    /// 64 levels, counting the top-level mapping, are read as usual; 65 are not.
    @Test func sixtyFourLevelsAreAllowed() {
        func nested(_ lists: Int) -> String {
            "description: " + String(repeating: "[", count: lists) + "x" + String(repeating: "]", count: lists) + "\n"
        }
        let within = Self.scenarioDiagnostics(nested(63))
        #expect(!within.isEmpty && !within.contains { $0.message.contains(Self.nestingMessage) }, "\(within)")
        // The tree was built and the reader went on to its keys.
        #expect(within.contains { $0.path == "city" && $0.message == "is required" }, "\(within)")
        let beyond = Self.scenarioDiagnostics(nested(64))
        #expect(beyond.count == 1 && beyond.first?.message.contains(Self.nestingMessage) == true, "\(beyond)")
    }

    /// Ten levels of ten aliases (ten billion nodes once expanded) are refused at the alias that
    /// takes the expansion past 100,000 nodes, before any key is looked at.
    @Test func billionLaughsIsRefused() {
        let names = "abcdefghij".map(String.init)
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<names.count {
            let aliases = Array(repeating: "*\(names[level - 1])", count: 10).joined(separator: ", ")
            lines.append("\(names[level]): &\(names[level]) [\(aliases)]")
        }
        let diagnostics = Self.scenarioDiagnostics(lines.joined(separator: "\n") + "\n")
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let first = diagnostics.first
        #expect(first?.message.contains("expanding the alias *d") == true, "\(diagnostics)")
        #expect(first?.message.contains("above 100000") == true, "\(diagnostics)")
        #expect(first?.position?.line == 5, "\(diagnostics)")
    }

    /// Aliases that add up to 100,000 nodes are still expanded; one more copy is refused. The
    /// anchored list has 10,000 nodes (the list and its 9,999 items).
    @Test func aliasExpansionLimitIsExact() {
        let anchor = "a: &a [" + Array(repeating: "x", count: 9_999).joined(separator: ",") + "]\n"
        let within = Self.scenarioDiagnostics(anchor + "b: [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]\n")
        #expect(!within.isEmpty && !within.contains { $0.message.contains("alias") }, "\(within.prefix(3))")
        #expect(within.contains { $0.path == "b" && $0.message.contains("unknown key") }, "\(within.prefix(3))")
        let beyond = Self.scenarioDiagnostics(anchor + "b: [" + Array(repeating: "*a", count: 11).joined(separator: ", ") + "]\n")
        #expect(beyond.count == 1 && beyond.first?.message.contains("expanding the alias *a") == true, "\(beyond)")
        #expect(beyond.first?.position?.line == 2 && beyond.first?.position?.column == 5 + 10 * 4, "\(beyond)")
    }

    /// Bytes that are not UTF-8 are reported at the line and column of the first of them, in a
    /// scenario specification and in a mitigation plan.
    @Test func invalidUTF8IsLocated() throws {
        let bytes = Array("city: Test\nbase_year: 2020\ndescription: caf".utf8) + [0xC3, 0xA9, 0x20, 0xFF] + Array(" here\n".utf8)
        let path = try Self.temporaryFile("spec.yaml", bytes: bytes)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let expected = "\(path):3:19: byte 0xFF (byte offset 46) is not valid UTF-8"
        do {
            _ = try ScenarioSpecification(contentsOf: path)
            Issue.record("a file that is not UTF-8 was read")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
        do {
            _ = try MitigationPlan(contentsOf: path)
            Issue.record("a file that is not UTF-8 was read")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    /// The mitigation plan's own checks name the file and the key, and report every problem.
    @Test func mitigationPlanChecksNameFileAndKey() throws {
        let plan = """
            pollutant: PM2.5
            baseline: {year: 2020, concentration: 40}
            horizon: 2030
            sectors: [{name: a, share: 0.9}, {name: b, share: 0.68}]
            measures: [{name: x, sector: c, reduction: 1.5, start: 2021, annualCost: 1}]
            health: {population: 1000000, baselineMortality: 2}
            scenarios: [{name: s, measures: [y]}]
            draws: 5
            """
        let path = try Self.temporaryFile("plan.yaml", bytes: Array(plan.utf8))
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        do {
            _ = try MitigationPlan(contentsOf: path)
            Issue.record("an inconsistent plan was accepted")
        } catch {
            guard case .spec(let diagnostics) = error else {
                Issue.record("not a spec error: \(error)")
                return
            }
            let lines = diagnostics.map(\.description)
            for prefix in ["\(path): health.baselineMortality: health: population must be ≥ 0",
                           "\(path): sectors: sector shares sum to 1.58",
                           "\(path): measures[0].sector: measure 'x' acts on the unknown sector 'c'",
                           "\(path): measures[0].reduction: measure 'x': reduction 1.5",
                           "\(path): scenarios[0].measures: scenario 's' names the unknown measure 'y'",
                           "\(path): draws: draws must be at least 10"] {
                #expect(lines.contains { $0.hasPrefix(prefix) }, "\(prefix) in \(lines)")
            }
        }
    }
}
