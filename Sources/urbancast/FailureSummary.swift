import ArgumentParser

/// Exit status of a run in which some series failed and the others were written.
let partialFailureExitCode = ExitCode(3)

/// The most failures printed one per line before the rest are only counted.
let listedFailureCap = 10

/// Print the first ``listedFailureCap`` failure lines to standard error and a count of the rest.
///
/// - Parameter lines: One line per failed item (`FILE: key: reason`).
/// - Returns: How many were printed in full.
@discardableResult
func listFailures(_ lines: [String]) -> Int {
    for line in lines.prefix(listedFailureCap) { printError(line) }
    if lines.count > listedFailureCap {
        printError("… and \(lines.count - listedFailureCap) more (counted by reason below)")
    }
    return min(lines.count, listedFailureCap)
}

/// Print one line counting the failures of a run, and decide the exit status: 0 when nothing
/// failed or failures are allowed, 3 when some failed, 1 when all did. The reasons are counted,
/// most frequent first, unless every failure was already printed with its reason.
///
/// - Parameters:
///   - command: The command's name, to begin the line.
///   - reasons: One reason per failed item.
///   - total: The number of items run.
///   - unit: What an item is, singular and plural (`series`, `series`; `window`, `windows`).
///   - allowed: `--allow-failures`: exit 0 even when some failed.
///   - listed: How many of the failures were already printed one per line with their reasons.
/// - Throws: `ExitCode(1)` when every item failed, ``partialFailureExitCode`` when some did and
///   failures are not allowed.
func summarizeFailures(command: String, reasons: [String], total: Int, unit: (String, String), allowed: Bool,
                       listed: Int = 0) throws {
    guard !reasons.isEmpty else { return }
    let noun = total == 1 ? unit.0 : unit.1
    if listed >= reasons.count {
        printError("\(command): \(reasons.count) of \(total) \(noun) failed")
    } else {
        printReasonCounts(command: command, reasons: reasons, total: total, noun: noun)
    }
    if reasons.count >= total { throw ExitCode(1) }
    if !allowed {
        printError("\(command): exit status 3 because some \(unit.1) failed; add --allow-failures to exit 0 when the others are written")
        throw partialFailureExitCode
    }
}

private func printReasonCounts(command: String, reasons: [String], total: Int, noun: String) {
    var counts: [String: Int] = [:]
    var order: [String] = []
    for reason in reasons {
        if counts[reason] == nil { order.append(reason) }
        counts[reason, default: 0] += 1
    }
    let ranked = order.enumerated().sorted { a, b in
        let (ca, cb) = (counts[a.element] ?? 0, counts[b.element] ?? 0)
        return ca != cb ? ca > cb : a.offset < b.offset
    }.map(\.element)
    let shown = ranked.prefix(3).map { "\(counts[$0] ?? 0) × \($0)" }
    let more = ranked.count > 3 ? "; \(ranked.count - 3) other reason\(ranked.count - 3 == 1 ? "" : "s")" : ""
    printError("\(command): \(reasons.count) of \(total) \(noun) failed: " + shown.joined(separator: "; ") + more)
}
