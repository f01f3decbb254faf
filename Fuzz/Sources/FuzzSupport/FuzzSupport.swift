import CFuzzerDriver
import Foundation

/// Helpers shared by the fuzz targets.
public enum FuzzInput {
    /// The input as an array of bytes; libFuzzer may pass a null pointer for an empty input.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input as text, the way a file read as UTF-8 would look after repair: invalid bytes
    /// become U+FFFD, so every input reaches the parser.
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// Stops the process with a message that libFuzzer reports as a crash, with the input saved.
    /// Used for broken invariants (a round trip that does not hold) rather than real faults.
    public static func invariantFailed(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fuzz invariant failed: \(message)\n".utf8))
        abort()
    }
}

/// Runs libFuzzer with the process's command line (libFuzzer's flags and corpus folders).
public enum FuzzDriver {
    /// Runs the fuzzing loop on `test` and exits with libFuzzer's status.
    public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = withUnsafeMutablePointer(to: &argv) { argvPointer in
            LLVMFuzzerRunDriver(&argc, argvPointer, test)
        }
        exit(status)
    }
}
