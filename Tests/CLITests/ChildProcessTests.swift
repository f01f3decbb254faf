import Foundation
import Testing

/// The runner every CLI test starts `urbancast` with: it reads both streams at once, ends when the
/// program does, and stops a program that prints without end.
@Suite struct ChildProcessTests {
    static let shell = URL(fileURLWithPath: "/bin/sh")

    /// 200 kB on standard error before a line on standard output: a runner that read standard
    /// output to its end first would wait for ever, since the program blocks on the full pipe.
    @Test func largeStandardErrorBeforeStandardOutput() throws {
        let outcome = try ChildProcess.run(
            Self.shell, ["-c", "head -c 200000 /dev/zero >&2; echo done; exit 3"], directory: CLITests.repositoryRoot)
        #expect(outcome.status == 3 && !outcome.endedBySignal && !outcome.wasStopped)
        #expect(String(decoding: outcome.output, as: UTF8.self) == "done\n")
        #expect(outcome.error.count == 200_000 && outcome.errorBytes == 200_000)
    }

    /// A program that passes the cap is killed; what it printed is kept up to the cap.
    @Test func aProgramPastTheCapIsKilled() throws {
        let outcome = try ChildProcess.run(
            Self.shell, ["-c", "exec head -c 3000000 /dev/zero >&2"], directory: CLITests.repositoryRoot, cap: 100_000)
        #expect(outcome.wasStopped)
        #expect(outcome.error.count == 100_000 && outcome.errorBytes > 100_000)
        // head may finish writing before the kill arrives; if it did not, SIGKILL ended it.
        #expect(!outcome.endedBySignal || outcome.status == SIGKILL)
    }
}
