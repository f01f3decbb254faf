import Foundation

/// Runs a program to its end, reading its standard output and standard error at the same time
/// with blocking reads, each on its own thread.
///
/// Why not `FileHandle.readabilityHandler`: on Linux its handler is sometimes never called at the
/// end of a pipe (swift-corelibs-foundation issue 3275, "readabilityHandler on pipe that is
/// Process.standardError sometimes doesn't get called on EOF"), so a test that waits for it can
/// wait for ever; a CI run did. Why not one stream after the other: a program that fills the
/// pipe of the stream not being read (64 KiB) blocks, and the test with it. A blocking `read(2)`
/// returns 0 exactly when every writer has closed its end, so both threads end when the program
/// does.
enum ChildProcess {
    /// What the program printed and how it ended.
    struct Outcome {
        let status: Int32
        let output: Data
        let error: Data
        /// The bytes written to standard error in all, including any past the cap.
        let errorBytes: Int
        /// Whether the program was killed for printing more than the cap.
        let wasStopped: Bool
        /// Whether the program died of a signal (`status` is then the signal's number).
        let endedBySignal: Bool
    }

    /// One stream's bytes, kept up to the cap, with the count of all of them.
    private final class Stream: @unchecked Sendable {
        private let lock = NSLock()
        private var kept = Data()
        private var total = 0
        private let cap: Int

        init(cap: Int) { self.cap = cap }

        /// Keeps what fits under the cap; returns whether the stream has passed the cap.
        func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
            lock.withLock {
                total += bytes.count
                if kept.count < cap { kept.append(contentsOf: bytes.prefix(cap - kept.count)) }
                return total > cap
            }
        }

        var data: Data { lock.withLock { kept } }
        var count: Int { lock.withLock { total } }
    }

    /// Runs `executable` with `arguments` and waits for it and for the end of both its streams.
    ///
    /// - Parameters:
    ///   - cap: The most bytes of each stream kept; once either stream passes it, the program
    ///     is killed (SIGKILL, which it cannot ignore), so a run that would print gigabytes ends.
    ///   - standardInput: Bytes written to the program's standard input, from a thread of their
    ///     own (so a program that prints while it reads cannot block against the output pipes),
    ///     then closed; `nil` leaves standard input inherited.
    /// - Throws: When the program cannot be started.
    static func run(_ executable: URL, _ arguments: [String], directory: URL, environment: [String: String]? = nil,
                    cap: Int = Int.max, standardInput: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        let inPipe = standardInput.map { _ in Pipe() }
        if let inPipe { process.standardInput = inPipe }
        let output = Stream(cap: cap), error = Stream(cap: cap)
        let stopped = Flag()
        try process.run()
        let pid = process.processIdentifier
        let done = DispatchGroup()
        if let inPipe, let standardInput {
            // A program that exits without reading everything must not kill the test with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            let handle = inPipe.fileHandleForWriting
            done.enter()
            let writer = Thread {
                defer { try? handle.close(); done.leave() }
                var offset = 0
                while offset < standardInput.count {
                    let count = standardInput.withUnsafeBytes { bytes in
                        bytes.baseAddress.map { write(handle.fileDescriptor, $0 + offset, bytes.count - offset) } ?? 0
                    }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return }
                    offset += count
                }
            }
            writer.start()
        }
        for (pipe, stream) in [(outPipe, output), (errPipe, error)] {
            let descriptor = pipe.fileHandleForReading.fileDescriptor
            done.enter()
            let reader = Thread {
                defer { done.leave() }
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return }
                    let passed = buffer.withUnsafeBytes { stream.append(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
                    if passed && stopped.set() { kill(pid, SIGKILL) }
                }
            }
            reader.start()
        }
        done.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: output.data, error: error.data,
                       errorBytes: error.count, wasStopped: stopped.isSet,
                       endedBySignal: process.terminationReason == .uncaughtSignal)
    }

    /// A flag set once, across threads.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        /// Sets the flag; returns whether this call set it (false when it was already set).
        func set() -> Bool { lock.withLock { defer { value = true }; return !value } }
        var isSet: Bool { lock.withLock { value } }
    }
}
