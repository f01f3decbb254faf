import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The peak resident memory of this process, and where it was read.
///
/// On Linux the peak is `VmHWM` ("high water mark") of `/proc/self/status`, in bytes; it can be
/// reset by writing `5` to `/proc/self/clear_refs` (Linux ≥ 4.0), so each benchmarked model gets its
/// own peak. Elsewhere, or when `/proc` is unavailable, it is `getrusage(RUSAGE_SELF).ru_maxrss`
/// (kilobytes on Linux, bytes on macOS), the peak since the process started, which cannot be reset.
public enum PeakMemory {
    /// Where a peak was read.
    public enum Source: String, Sendable, Equatable, Codable {
        /// `VmHWM` of `/proc/self/status`, reset before each measurement.
        case highWaterMarkSinceReset = "VmHWM since reset"
        /// `VmHWM`, not resettable here: the peak since the process started.
        case highWaterMark = "VmHWM"
        /// `getrusage` `ru_maxrss`: the peak since the process started.
        case maximumResidentSetSize = "ru_maxrss"
    }

    /// Restart the peak at the current resident size, where the system allows it.
    ///
    /// - Returns: whether the peak was reset (Linux with a writable `/proc/self/clear_refs`).
    /// - Complexity: one small file write.
    @discardableResult
    public static func reset() -> Bool {
        #if os(Linux)
            guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: Data("5".utf8))
                return true
            } catch {
                return false
            }
        #else
            return false
        #endif
    }

    /// The peak resident set size in bytes, or `nil` when the system reports none.
    ///
    /// - Parameter wasReset: whether ``reset()`` succeeded before the measured work, to name the
    ///   source.
    /// - Returns: the peak in bytes and where it was read.
    /// - Complexity: one read of `/proc/self/status`.
    public static func current(wasReset: Bool) -> (bytes: Int, source: Source)? {
        if let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                let digits = line.dropFirst(6).filter(\.isNumber)
                if let kilobytes = Int(digits) {
                    return (kilobytes * 1024, wasReset ? .highWaterMarkSinceReset : .highWaterMark)
                }
            }
        }
        var usage = rusage()
        #if os(Linux)
            guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
            return (Int(usage.ru_maxrss) * 1024, .maximumResidentSetSize)
        #else
            guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
            return (Int(usage.ru_maxrss), .maximumResidentSetSize)
        #endif
    }
}

/// The machine a benchmark ran on, as recorded beside its numbers.
public struct MachineDescription: Sendable, Equatable, Codable {
    /// The operating system as Foundation describes it, e.g. `Ubuntu 24.04.1 LTS`.
    public var operatingSystem: String
    /// The CPU model (`model name` of `/proc/cpuinfo`), or `nil` where unknown.
    public var cpu: String?
    /// Logical processors in the machine.
    public var logicalCores: Int
    /// Logical processors this process may use.
    public var activeCores: Int
    /// Physical memory in bytes.
    public var memoryBytes: UInt64

    /// The machine this process runs on.
    ///
    /// - Complexity: one read of `/proc/cpuinfo` on Linux.
    public static var current: MachineDescription {
        let info = ProcessInfo.processInfo
        var cpu: String?
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return MachineDescription(
            operatingSystem: info.operatingSystemVersionString, cpu: cpu, logicalCores: info.processorCount,
            activeCores: info.activeProcessorCount, memoryBytes: info.physicalMemory)
    }
}

extension MachineDescription {
    private enum CodingKeys: String, CodingKey {
        case operatingSystem, cpu, logicalCores, activeCores, memoryBytes
    }

    /// Encode `{"operatingSystem", "cpu", "logicalCores", "activeCores", "memoryBytes"}`, with
    /// `null` for an unknown CPU and the memory as a JSON integer (clamped to `Int.max`).
    ///
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(operatingSystem, forKey: .operatingSystem)
        try container.encode(cpu, forKey: .cpu)
        try container.encode(logicalCores, forKey: .logicalCores)
        try container.encode(activeCores, forKey: .activeCores)
        try container.encode(Int(clamping: memoryBytes), forKey: .memoryBytes)
    }
}
