import ArgumentParser
import Foundation
import UrbanCast

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When a long command shows its progress on standard error.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    /// When standard error is a terminal.
    case auto
    /// Always: on a terminal the line is redrawn, in a log a new line every few seconds.
    case always
    /// Never.
    case never
}

/// `--progress auto|always|never`, shared by every long command.
struct ProgressOption: ParsableArguments {
    @Option(name: .customLong("progress"),
            help: ArgumentHelp("Progress on standard error: auto (when it is a terminal), always or never.", valueName: "WHEN"))
    var mode: ProgressMode = .auto

    /// A reporter for `command`, or `nil` when progress is not shown.
    ///
    /// - Parameters:
    ///   - command: The command's name, to begin each line.
    ///   - unit: What is counted, plural (`series`, `windows`, `draws`).
    func reporter(_ command: String, unit: String) -> ProgressReporter? {
        let terminal = isatty(2) != 0
        switch mode {
        case .never: return nil
        case .auto: return terminal ? ProgressReporter(command: command, unit: unit, terminal: true) : nil
        case .always: return ProgressReporter(command: command, unit: unit, terminal: terminal)
        }
    }
}

extension ProgressOption {
    /// Runs a long library run under this option's progress line, the one way the long commands
    /// run: the line is closed whatever happens and ends with `summary` on success; a failure is
    /// printed in the command's words (a cancelled run says that nothing was written) and ends the
    /// command with `exitCode`.
    ///
    /// - Parameters:
    ///   - command: The command's name, to begin each line.
    ///   - unit: What is counted, plural (`series`, `windows`, `draws`).
    ///   - showsProgress: `false` for a run with nothing to count.
    ///   - summary: The closing summary, e.g. `72 series`.
    ///   - message: The failure in the command's words; default the library's description.
    ///   - exitCode: The exit status of a failure; default 1.
    ///   - body: The run, given the reporter to pass as its progress observer.
    /// - Returns: What `body` returns.
    /// - Throws: `ExitCode` when `body` fails, after printing the message.
    func run<Run, Failure: RunFailure>(
        _ command: String, unit: String, showsProgress: Bool = true, summary: (Run) -> String,
        message: (Failure) -> String = \.description, exitCode: (Failure) -> Int32 = { _ in 1 },
        _ body: (ProgressReporter?) async throws(Failure) -> Run
    ) async throws -> Run {
        let reporter = showsProgress ? reporter(command, unit: unit) : nil
        do {
            let result = try await body(reporter)
            reporter?.finish(summary(result))
            return result
        } catch {
            reporter?.finish()
            printError(error.isCancellation ? cancellationMessage(command: command, reason: error.description) : message(error))
            throw ExitCode(exitCode(error))
        }
    }
}

/// A run's error that can say whether the run was cancelled.
protocol RunFailure: Error, CustomStringConvertible {
    /// Whether the run stopped because its task was cancelled.
    var isCancellation: Bool { get }
}

extension ForecastRunError: RunFailure {
    var isCancellation: Bool { self == .cancelled }
}

extension BacktestRunError: RunFailure {
    var isCancellation: Bool { self == .cancelled }
}

extension ScenarioError: RunFailure {
    var isCancellation: Bool { self == .cancelled }
}

/// Progress lines on standard error: count, total, elapsed time and an estimate of the time
/// left, from any task. On a terminal the line is redrawn at most ten times a second; in a log
/// (a file or a pipe) a new line is written at most every five seconds and at the end, so a long
/// run can be followed without flooding the log.
final class ProgressReporter: ProgressObserver, @unchecked Sendable {
    let command: String
    let unit: String
    let terminal: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastWritten: Date?
    private var lineOpen = false

    init(command: String, unit: String, terminal: Bool) {
        self.command = command
        self.unit = unit
        self.terminal = terminal
    }

    /// `done` of `total` items finished (`total` `nil` when unknown, as for a streamed file);
    /// `detail` is put before the count (e.g. the model being benchmarked).
    func update(_ done: Int, of total: Int?, detail: String? = nil) {
        let now = Date()
        lock.lock()
        defer { lock.unlock() }
        let finished = total.map { done >= $0 } ?? false
        if let lastWritten, !finished, now.timeIntervalSince(lastWritten) < (terminal ? 0.1 : 5) { return }
        lastWritten = now
        let elapsed = now.timeIntervalSince(start)
        var text = "\(command): " + (detail.map { "\($0): " } ?? "")
        if let total {
            text += "\(done)/\(total) \(unit), \(Self.duration(elapsed)) elapsed"
            if done > 0 && done < total {
                text += ", about \(Self.duration(elapsed / Double(done) * Double(total - done))) left"
            }
        } else {
            text += "\(done) \(unit), \(Self.duration(elapsed)) elapsed"
        }
        write(text)
    }

    /// A run's report: the stage (e.g. the model being benchmarked) goes before the count.
    func observe(_ progress: RunProgress) {
        update(progress.completed, of: progress.total, detail: progress.stage)
    }

    /// Close the progress line and write the closing summary, e.g. `forecast: 72 series in 3.1 s`.
    func finish(_ summary: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if terminal && lineOpen {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            lineOpen = false
        }
        if let summary {
            FileHandle.standardError.write(Data("\(command): \(summary) in \(Self.duration(Date().timeIntervalSince(start)))\n".utf8))
        }
    }

    private func write(_ text: String) {
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            lineOpen = true
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// `0.4 s`, `12 s`, `3 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
    }
}
