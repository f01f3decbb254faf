import Foundation
import Testing

/// The JSON outputs of `make demo`, the README tour and every scenario in Models/scenarios keep
/// their numbers through the redesign of the library around them: each command of
/// Tests/RecordedOutputs/commands.tsv is run again and compared with the output recorded before
/// the redesign (by Tests/RecordedOutputs/record.sh, at the commit in RECORDED_AT).
///
/// Every key of the recorded document must be in the new one with the same value; keys the new
/// one adds are allowed (the JSON contract grows by additions). Numbers agree to 1e-12 relative:
/// the aggregation of scores over series may sum in another order. The deliberate changes are
/// listed in `changes`, each with its reason (and in CHANGELOG.md), and are the only exceptions.
@Suite struct RecordedOutputsCLITests {
    typealias CLI = CLITests

    static let folder = CLI.repositoryRoot.appendingPathComponent("Tests/RecordedOutputs")

    /// Why a backtest's model rows changed when scores became the mean over series of each
    /// series' scores.
    static let meanOverSeries =
        "RMSSE is now each series' RMSSE averaged over the series (as the M5 competition), not the root of the "
        + "mean squared scaled error pooled over all series; and the NYC file's series are in persons, million "
        + "gallons per day and gallons per person per day, so scores in the data's units are no longer averaged "
        + "across units (they are per unit in byUnit)"

    /// Paths (`models.0.me`) whose recorded value may now differ, by command, with the reason.
    static let changes: [String: (paths: [String], reason: String)] = [
        "backtest-tour": (modelPaths(models: 3), meanOverSeries),
        "backtest-no-refit": (modelPaths(models: 1), meanOverSeries),
    ]

    static func modelPaths(models: Int) -> [String] {
        ["rmsse", "me", "rmse", "mae", "winkler.80", "winkler.95", "pinball.0.025", "pinball.0.1", "pinball.0.9",
         "pinball.0.975", "crps"].flatMap { key in (0..<models).map { "models.\($0).\(key)" } }
    }

    struct Command: Sendable, CustomStringConvertible {
        let name: String
        let arguments: [String]
        var description: String { name }
    }

    static let commands: [Command] = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("commands.tsv"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").compactMap { line -> Command? in
            guard !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { return nil }
            return Command(name: String(line[..<tab]),
                           arguments: line[line.index(after: tab)...].split(separator: " ").map(String.init))
        }
    }()

    @Test func everyCommandIsListed() {
        #expect(Self.commands.count == 14, "commands.tsv could not be read")
    }

    @Test(arguments: commands)
    func keepsItsNumbers(_ command: Command) throws {
        let recorded = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent("\(command.name).json")))
        let output: Data
        if command.name.hasPrefix("scenario-") {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            let result = try CLI.run(command.arguments + ["--out", out.path, "--progress", "never"])
            #expect(result.status == 0, "\(result.error)")
            output = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        } else {
            let result = try CLI.run(command.arguments)
            #expect(result.status == 0, "\(result.error)")
            output = Data(result.output.utf8)
        }
        let now = try JSONSerialization.jsonObject(with: output)
        var differences: [String] = []
        Self.compare(recorded, now, path: [], allowed: Set(Self.changes[command.name]?.paths ?? []), into: &differences)
        #expect(differences.isEmpty, "\(command.name): \(differences.prefix(10).joined(separator: "; "))")
    }

    static func compare(_ old: Any, _ new: Any, path: [String], allowed: Set<String>, into differences: inout [String]) {
        let here = path.joined(separator: ".")
        if allowed.contains(here) { return }
        switch (old, new) {
        case let (a as [String: Any], b as [String: Any]):
            for (key, value) in a {
                guard let other = b[key] else {
                    differences.append("\(here.isEmpty ? key : here + "." + key) is gone")
                    continue
                }
                compare(value, other, path: path + [key], allowed: allowed, into: &differences)
            }
        case let (a as [Any], b as [Any]):
            guard a.count == b.count else {
                differences.append("\(here) has \(b.count) elements, not \(a.count)")
                return
            }
            for (i, (x, y)) in zip(a, b).enumerated() {
                compare(x, y, path: path + [String(i)], allowed: allowed, into: &differences)
            }
        case let (a as NSNumber, b as NSNumber):
            let x = a.doubleValue, y = b.doubleValue
            if !(x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))) { differences.append("\(here): \(y), not \(x)") }
        case let (a as String, b as String):
            if a != b { differences.append("\(here): \"\(b)\", not \"\(a)\"") }
        case (is NSNull, is NSNull):
            break
        default:
            differences.append("\(here): \(new), not \(old)")
        }
    }
}
