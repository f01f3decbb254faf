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

/// Inputs that trigger problems already being fixed elsewhere are skipped by default, so that a
/// run keeps exploring instead of stopping at the same known crash every time. Set
/// `URBANCAST_FUZZ_KNOWN=1` to fuzz them too (for checking the fixes once they land).
public enum KnownIssues {
    /// Whether the known-issue filters are switched off.
    public static let areFuzzed = ProcessInfo.processInfo.environment["URBANCAST_FUZZ_KNOWN"] == "1"

    /// Whether a YAML text may hit the spec readers' known problems: deep nesting, which
    /// overflows the stack while composing, and aliases, whose expansion can grow exponentially.
    public static func isKnownYAMLProblem(_ text: String) -> Bool {
        guard !areFuzzed else { return false }
        var depth = 0
        var maximum = 0
        var lineDepth = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "*"):
                return true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                maximum = max(maximum, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                // `- - - x` and `? ? x` nest a block collection per indicator on one line.
                lineDepth += 1
                maximum = max(maximum, lineDepth)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                lineDepth = 0
            default:
                break
            }
        }
        return maximum > knownNestingLimit
    }

    /// Nesting up to this depth is fuzzed; real specifications nest fewer than ten levels.
    public static let knownNestingLimit = 64
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
