/// One of `count` disjoint parts of a file's series, chosen by a stable hash of each series' key,
/// so that `count` independent processes, each given another `index`, together cover every series
/// exactly once (`urbancast forecast --shard I/N`).
///
/// The hash is FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over the key's
/// canonical bytes: for each key column in the key's order (the file's key-column order, each
/// named as the header writes it, e.g. `unique_id` or `City`), the column name and then the value
/// as read (unquoted, in UTF-8), each written
/// as a netstring — its length in UTF-8 bytes in decimal ASCII, `:`, the UTF-8 bytes, `,`. A key
/// `city=Oslo indicator=water` is hashed as the 35 bytes `4:city,4:Oslo,9:indicator,5:water,`;
/// a file without key columns (one series) hashes the empty string. The series is in shard
/// `hash mod count`. Nothing depends on the process, the machine or the Swift version (Swift's
/// `Hasher` is seeded per process and is not used).
///
/// ```swift
/// let shard = try SeriesShard(index: 0, count: 2)
/// SeriesShard.hash(SeriesKey(columns: ["city"], values: ["Oslo"]))   // FNV-1a 64 of "4:city,4:Oslo,"
/// shard.contains(SeriesKey(columns: ["city"], values: ["Oslo"]))
/// ```
public struct SeriesShard: Sendable, Hashable, CustomStringConvertible {
    /// The shard's number, from 0 to `count - 1`.
    public let index: Int
    /// The number of shards, at least 1.
    public let count: Int

    /// A shard.
    ///
    /// - Parameters:
    ///   - index: The shard's number, 0-based: from 0 to `count - 1`.
    ///   - count: The number of shards, at least 1.
    /// - Throws: ``SeriesShardError`` when `count` is below 1 or `index` is outside `0..<count`.
    public init(index: Int, count: Int) throws(SeriesShardError) {
        guard count >= 1 else { throw .count(count) }
        guard (0..<count).contains(index) else { throw .index(index, count: count) }
        self.index = index
        self.count = count
    }

    /// A shard written `I/N` (0-based `I`, as Kubernetes' `JOB_COMPLETION_INDEX`).
    ///
    /// - Parameter text: Two whole decimal numbers separated by `/`, e.g. `3/8`.
    /// - Throws: ``SeriesShardError/malformed(_:)`` for any other text; ``SeriesShardError`` as
    ///   ``init(index:count:)`` for numbers out of range.
    public init(parsing text: String) throws(SeriesShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        func number(_ part: Substring) -> Int? {
            guard !part.isEmpty, part.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return Int(part)
        }
        guard parts.count == 2, let index = number(parts[0]), let count = number(parts[1]) else { throw .malformed(text) }
        try self.init(index: index, count: count)
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether the series with this key is in the shard: `hash(key) mod count == index`.
    ///
    /// - Complexity: O(*b*) in the bytes of the key's names and values.
    public func contains(_ key: SeriesKey) -> Bool {
        Self.shard(of: key, count: count) == index
    }

    /// The shard, from 0 to `count - 1`, of the series with this key: `hash(key) mod count`.
    ///
    /// - Parameters:
    ///   - key: The series' key.
    ///   - count: The number of shards, at least 1 (below 1 is taken as 1).
    /// - Complexity: O(*b*) in the bytes of the key's names and values.
    public static func shard(of key: SeriesKey, count: Int) -> Int {
        Int(hash(key) % UInt64(Swift.max(count, 1)))
    }

    /// The FNV-1a 64 hash of the key's canonical bytes (``canonicalBytes(_:)``).
    ///
    /// - Complexity: O(*b*) in the bytes of the key's names and values.
    public static func hash(_ key: SeriesKey) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonicalBytes(key) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The key as netstrings, name then value for each column in the key's order:
    /// `4:city,4:Oslo,` for `city=Oslo`. Unambiguous whatever the names and values contain.
    ///
    /// - Complexity: O(*b*) in the bytes of the key's names and values.
    public static func canonicalBytes(_ key: SeriesKey) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in zip(key.columns, key.values) {
            for text in [name, value] {
                bytes += String(text.utf8.count).utf8
                bytes.append(UInt8(ascii: ":"))
                bytes += text.utf8
                bytes.append(UInt8(ascii: ","))
            }
        }
        return bytes
    }
}

/// Why a shard cannot be made.
public enum SeriesShardError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not `I/N` with two whole numbers.
    case malformed(String)
    /// A number of shards below 1.
    case count(Int)
    /// A shard number outside `0..<count`.
    case index(Int, count: Int)

    /// A sentence for people.
    public var description: String {
        switch self {
        case .malformed(let text):
            "a shard is written I/N with whole numbers, the shard I from 0 to N-1 of N (e.g. 0/4), not '\(text)'"
        case .count(let count):
            "the number of shards must be at least 1, not \(count)"
        case let .index(index, count):
            "shard \(index) does not exist among \(count): shards are numbered from 0 to \(count - 1)"
        }
    }
}
