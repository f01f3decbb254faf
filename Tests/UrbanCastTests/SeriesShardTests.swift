import Foundation
import Testing
import UrbanCast

/// The shard hash against an independent Python implementation
/// (Fixtures/shard/shard_reference.py, whose FNV-1a 64 is checked there against the published
/// test vectors; its output is Fixtures/shard/shard_reference.txt).
@Suite struct SeriesShardTests {
    /// One line of the reference: the key, its hash and its shard for N = 1, 2, 3, 7, 1000.
    private struct Reference {
        let key: SeriesKey
        let hash: UInt64
        let shards: [Int]
    }

    private static let counts = [1, 2, 3, 7, 1000]

    private func references() throws -> [Reference] {
        let text = try String(contentsOf: try fixtureURL("shard/shard_reference.txt"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            // The key as JSON, then the hash and the five shards: the last six words.
            let words = line.split(separator: " ")
            let json = words.dropLast(6).joined(separator: " ")
            let pairs = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
            return Reference(key: SeriesKey(columns: pairs.map { $0[0] }, values: pairs.map { $0[1] }),
                             hash: try #require(UInt64(words[words.count - 6], radix: 16)),
                             shards: words.suffix(5).compactMap { Int($0) })
        }
    }

    @Test func hashAndShardsMatchTheIndependentScript() throws {
        let references = try references()
        #expect(references.count == 13)
        for reference in references {
            #expect(SeriesShard.hash(reference.key) == reference.hash, "\(reference.key)")
            #expect(Self.counts.map { SeriesShard.shard(of: reference.key, count: $0) } == reference.shards, "\(reference.key)")
            for (count, expected) in zip(Self.counts, reference.shards) {
                let shards = try (0..<count).map { try SeriesShard(index: $0, count: count) }
                #expect(shards.filter { $0.contains(reference.key) }.map(\.index) == [expected])
            }
        }
    }

    @Test func canonicalBytesAreNetstrings() {
        let key = SeriesKey(columns: ["city", "indicator"], values: ["Oslo", "water"])
        #expect(String(decoding: SeriesShard.canonicalBytes(key), as: UTF8.self) == "4:city,4:Oslo,9:indicator,5:water,")
        // A comma in a value cannot pass for a column boundary.
        #expect(SeriesShard.canonicalBytes(SeriesKey(columns: ["series"], values: ["a,b"]))
            != SeriesShard.canonicalBytes(SeriesKey(columns: ["series", "city"], values: ["a", "b"])))
        #expect(String(decoding: SeriesShard.canonicalBytes(SeriesKey(columns: ["series"], values: ["São"])), as: UTF8.self)
            == "6:series,4:São,", "lengths count UTF-8 bytes")
    }

    @Test func keysReadFromAFileHashAsTheScriptSays() throws {
        // The key column keeps the header's name (unique_id), and the value is unquoted.
        let text = "unique_id,ds,y\n\"a,b\",2020,1\n\"a,b\",2021,2\n"
        let series = try LongFormat.read(Array(text.utf8), file: "ids.csv")
        let reference = try #require(try references().first { $0.key == SeriesKey(columns: ["unique_id"], values: ["a,b"]) })
        #expect(series.map { SeriesShard.hash($0.key) } == [reference.hash])
        // A file without key columns is one series with the empty key.
        let single = try LongFormat.read(Array("date,value\n2020,1\n2021,2\n".utf8), file: "one.csv")
        #expect(single.map { SeriesShard.hash($0.key) } == [0xcbf2_9ce4_8422_2325])
    }

    @Test func parsesAndRefusesShards() throws {
        let shard = try SeriesShard(parsing: "3/8")
        #expect((shard.index, shard.count, shard.description) == (3, 8, "3/8"))
        #expect(try SeriesShard(parsing: "0/1") == SeriesShard(index: 0, count: 1))
        for text in ["", "3", "3/", "/8", "a/8", "-1/8", "+1/8", "1/8/2", " 1/8", "1.0/8"] {
            #expect(throws: SeriesShardError.malformed(text)) { try SeriesShard(parsing: text) }
        }
        #expect(throws: SeriesShardError.index(8, count: 8)) { try SeriesShard(parsing: "8/8") }
        #expect(throws: SeriesShardError.count(0)) { try SeriesShard(parsing: "0/0") }
        #expect(throws: SeriesShardError.malformed("99999999999999999999/2")) { try SeriesShard(parsing: "99999999999999999999/2") }
        #expect(SeriesShardError.index(8, count: 8).description.contains("from 0 to 7"))
    }
}
