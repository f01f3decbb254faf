/// Collects the diagnostics of one file, keeping the first few of each kind in full.
///
/// One mistake repeated on every row (a unit in the value column, a header of a million unknown
/// columns) would otherwise make one message per row or column: megabytes of text that hide
/// the other problems and, for a large file, gigabytes of memory. The log keeps the first
/// ``perKind`` diagnostics of each kind and counts the rest; ``diagnostics`` then ends each
/// kind with one line at the first omitted position, `… and K more like this`, followed by
/// that omitted message so the line stands on its own between other kinds.
///
/// Two messages are of one kind when they differ only in text inside single quotes and in
/// digits: `column 'value': 'abc' is not a number` and `column 'value': 'x1' is not a number`
/// are one kind, whatever the cell. Reporting in file order keeps the first ones in full.
struct DiagnosticLog {
    /// The file named in every diagnostic.
    let file: String
    /// The worksheet of every diagnostic when the file is a workbook; then lines are its rows.
    let sheet: String?
    /// The diagnostics of one kind kept in full; at least 1.
    let perKind: Int
    private var kept: [DataDiagnostic] = []
    private var tallies: [String: Tally] = [:]

    /// How many of one kind were reported, and the first that was not kept.
    private struct Tally {
        var count = 0
        var firstOmitted: DataDiagnostic?
    }

    /// Creates an empty log.
    ///
    /// - Parameters:
    ///   - file: The file named in every diagnostic.
    ///   - perKind: The diagnostics of one kind kept in full; values below 1 count as 1.
    ///   - sheet: The worksheet, when the file is a workbook.
    init(file: String, perKind: Int, sheet: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.perKind = Swift.max(perKind, 1)
    }

    /// Whether nothing was reported.
    var isEmpty: Bool { kept.isEmpty }

    /// Reports a problem at `line:column`.
    ///
    /// - Complexity: O(*m*) in the length of the message.
    mutating func report(_ line: Int, _ column: Int, _ message: String) {
        let kind = Self.kind(of: message)
        var tally = tallies[kind, default: Tally()]
        tally.count += 1
        var diagnostic = DataDiagnostic(file: file, line: line, column: column, message: message)
        diagnostic.sheet = sheet
        if tally.count <= perKind {
            kept.append(diagnostic)
        } else if tally.firstOmitted == nil {
            tally.firstOmitted = diagnostic
        }
        tallies[kind] = tally
    }

    /// Adds diagnostics that were capped already (a parser's), as they are.
    mutating func append(contentsOf diagnostics: [DataDiagnostic]) {
        kept += diagnostics
    }

    /// The kept diagnostics and one summary line per capped kind, ordered by line and column.
    var diagnostics: [DataDiagnostic] {
        var all = kept
        for tally in tallies.values where tally.count > perKind {
            guard let first = tally.firstOmitted else { continue }
            var summary = first
            summary.message = "… and \(tally.count - perKind) more like this, the first here: \(first.message)"
            all.append(summary)
        }
        return all.sorted()
    }

    /// The message with the text inside single quotes dropped and each run of digits written
    /// `#`: what messages of one kind share.
    static func kind(of message: String) -> String {
        let quote = UInt8(ascii: "'")
        var kind: [UInt8] = []
        kind.reserveCapacity(message.utf8.count)
        var isQuoted = false
        var afterDigit = false
        for byte in message.utf8 {
            if byte == quote {
                isQuoted.toggle()
                kind.append(byte)
                afterDigit = false
            } else if isQuoted {
                continue
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if !afterDigit { kind.append(UInt8(ascii: "#")) }
                afterDigit = true
            } else {
                kind.append(byte)
                afterDigit = false
            }
        }
        return String(decoding: kind, as: UTF8.self)
    }
}
