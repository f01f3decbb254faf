import ArgumentParser
import Dispatch
import Foundation
import UrbanCast

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output error in the command line's words: the library's message, and what to do about it.
///
/// - Parameters:
///   - error: The library's error.
///   - replaceOption: The option that replaces an existing output, if the command has one.
/// - Returns: The line to print.
func outputMessage(_ error: OutputError, replaceOption: String?) -> String {
    switch error.reason {
    case .fileExists:
        return error.description + (replaceOption.map { "; choose another name, or add \($0) to replace it" } ?? "")
    case .foreignFiles:
        return error.description
            + "; choose a new or empty folder"
            + (replaceOption.map { ", or add \($0) to write beside them (only UrbanCast's own files are replaced)" } ?? "")
    case .namesTaken:
        return error.description + "; choose a new or empty folder"
    default:
        return error.description
    }
}

/// A run stopped part-way by cancellation in the command line's words: the library's message and
/// that nothing was written, so no one mistakes an empty output for a result.
///
/// - Parameters:
///   - command: The command's name, to begin the line.
///   - reason: The library's description of the cancelled run.
/// - Returns: The line to print.
func cancellationMessage(command: String, reason: String) -> String {
    "\(command): \(reason); nothing was written"
}

/// The exit status of a failed backtest or bench run: 2 for a request that could not be used (a
/// usage error), 1 for the rest.
func usageOrRunFailure(_ error: BacktestRunError) -> Int32 {
    if case .invalidRequest = error { return 2 }
    return 1
}

/// Signal sources kept alive for the life of the process.
nonisolated(unsafe) private var interruptionSources: [DispatchSourceSignal] = []

/// On SIGINT, SIGTERM and SIGHUP: remove the temporary outputs being written, so an interrupted
/// command leaves the previous complete output or nothing, and exit with 128 + the signal number
/// as a shell does.
func removeTemporaryOutputsOnInterruption() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        source.setEventHandler {
            TemporaryOutputs.removeAll()
            _exit(128 + signalNumber)
        }
        source.resume()
        interruptionSources.append(source)
    }
}
