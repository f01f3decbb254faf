import Foundation
import Testing
import UrbanCast

/// The encoder that writes every document of the command line: each case encodes a small value
/// and compares the compact text with the JSON written out by hand.
@Suite struct JSONValueEncoderTests {
    static func text(_ value: some Encodable) throws -> String {
        try JSONValueEncoder().encode(value).serialized(indent: nil)
    }

    /// Keys in the order of the coding keys, not sorted.
    struct Ordered: Codable, Equatable {
        var zebra = 1
        var apple = "a"
        var mango = true
    }

    @Test func keysKeepTheOrderTheyAreWritten() throws {
        #expect(try Self.text(Ordered()) == #"{"zebra":1,"apple":"a","mango":true}"#)
    }

    /// Every scalar type; non-finite numbers as `null`, a Float by its own shortest text.
    struct Scalars: Encodable {
        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(true)
            try c.encode(Int.min)
            try c.encode(Int8(-8))
            try c.encode(Int16(16))
            try c.encode(Int32(-32))
            try c.encode(Int64(64))
            try c.encode(UInt(7))
            try c.encode(UInt8(255))
            try c.encode(UInt16(16))
            try c.encode(UInt32(32))
            try c.encode(UInt64(64))
            try c.encode(Float(0.1))
            try c.encode(0.1)
            try c.encode(2.5e-7)
            try c.encode(3.0)
            try c.encode(Double.nan)
            try c.encode(Double.infinity)
            try c.encode(-Double.infinity)
            try c.encode(Float.nan)
            try c.encode("tab\tquote\"back\\slash/é\u{1}")
        }
    }

    @Test func scalars() throws {
        #expect(try Self.text(Scalars()) == #"[true,-9223372036854775808,-8,16,-32,64,7,255,16,32,64,0.1,0.1,2.5e-07,3,null,null,null,null,"tab\tquote\"back\\slash/é\u0001"]"#)
    }

    /// An unsigned value no JSON reader holds exactly is refused, with where it was.
    struct Big: Encodable {
        let seed: UInt64
    }

    @Test func unsignedAboveIntMaxIsRefused() throws {
        do {
            _ = try JSONValueEncoder().encode(Big(seed: .max))
            Issue.record("encoded \(UInt64.max)")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["seed"])
        }
        #expect(try Self.text(Big(seed: UInt64(Int.max))) == #"{"seed":9223372036854775807}"#)
    }

    /// Synthesised optionals leave the key out; `encode` of an optional and `encodeNil` write
    /// `null`; ``ExplicitNull`` writes `null` and reads it (or an absent key) back as `nil`.
    struct Optionals: Codable, Equatable {
        var omitted: Int?
        var present: Int?
        @ExplicitNull var explicit: String?
    }

    struct Nulls: Encodable {
        enum CodingKeys: String, CodingKey { case optional, explicitNil, inArray }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(Int?.none, forKey: .optional)
            try c.encodeNil(forKey: .explicitNil)
            var a = c.nestedUnkeyedContainer(forKey: .inArray)
            try a.encodeNil()
            try a.encode(Int?.some(1))
            try a.encode(Int?.none)
        }
    }

    @Test func optionals() throws {
        let value = Optionals(omitted: nil, present: 4, explicit: nil)
        #expect(try Self.text(value) == #"{"present":4,"explicit":null}"#)
        #expect(try Self.text(Nulls()) == #"{"optional":null,"explicitNil":null,"inArray":[null,1,null]}"#)
        let decoded = try JSONDecoder().decode(Optionals.self, from: Data(#"{"present":4,"explicit":null}"#.utf8))
        #expect(decoded == value)
        let absent = try JSONDecoder().decode(Optionals.self, from: Data(#"{"present":4}"#.utf8))
        #expect(absent == value)
        #expect(try JSONDecoder().decode(Optionals.self, from: Data(#"{"explicit":"x"}"#.utf8)).explicit == "x")
    }

    /// Nested keyed and unkeyed containers, at every level.
    struct Nested: Encodable {
        enum Outer: String, CodingKey { case name, rows, inner }
        enum Inner: String, CodingKey { case b, a }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Outer.self)
            try c.encode("n", forKey: .name)
            var rows = c.nestedUnkeyedContainer(forKey: .rows)
            var first = rows.nestedContainer(keyedBy: Inner.self)
            try first.encode(2, forKey: .b)
            try first.encode(1, forKey: .a)
            var pair = rows.nestedUnkeyedContainer()
            try pair.encode(1.5)
            try pair.encode([Int]())
            var inner = c.nestedContainer(keyedBy: Inner.self, forKey: .inner)
            try inner.encode([String: Int](), forKey: .a)
        }
    }

    @Test func nestedContainers() throws {
        #expect(try Self.text(Nested()) == #"{"name":"n","rows":[{"b":2,"a":1},[1.5,[]]],"inner":{"a":{}}}"#)
    }

    /// A subclass writes its parent under `super` (keyed), under a key of its choosing, or as
    /// the next element (unkeyed), as Foundation's encoder does.
    class Base: Encodable {
        var id = 1
    }

    final class Derived: Base {
        enum CodingKeys: String, CodingKey { case extra, parent }
        override func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("e", forKey: .extra)
            try super.encode(to: c.superEncoder())
            try super.encode(to: c.superEncoder(forKey: .parent))
        }
    }

    struct UnkeyedSuper: Encodable {
        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(0)
            try Base().encode(to: c.superEncoder())
        }
    }

    @Test func superEncoders() throws {
        #expect(try Self.text(Derived()) == #"{"extra":"e","super":{"id":1},"parent":{"id":1}}"#)
        #expect(try Self.text(UnkeyedSuper()) == #"[0,{"id":1}]"#)
    }

    /// Two containers on one encoder write into one object (how a document puts a record's scores
    /// among its own keys), and a key written twice keeps its first place with its last value.
    struct Merged: Encodable {
        enum A: String, CodingKey { case first, last }
        enum B: String, CodingKey { case middle, first }
        func encode(to encoder: any Encoder) throws {
            var a = encoder.container(keyedBy: A.self)
            try a.encode(1, forKey: .first)
            var b = encoder.container(keyedBy: B.self)
            try b.encode(2, forKey: .middle)
            try a.encode(3, forKey: .last)
            try b.encode(4, forKey: .first)
        }
    }

    @Test func containersOnOneEncoderMerge() throws {
        #expect(try Self.text(Merged()) == #"{"first":4,"middle":2,"last":3}"#)
    }

    /// Dictionaries' own order changes between processes; the encoder sorts their keys.
    @Test func dictionariesAreSorted() throws {
        let value: [String: [String: Int]] = ["b": ["y": 2, "x": 1], "a": [:], "c": ["z": 0]]
        #expect(try Self.text(value) == #"{"a":{},"b":{"x":1,"y":2},"c":{"z":0}}"#)
    }

    /// Dates as ISO 8601 text, URLs as their string, single values at the top.
    @Test func datesURLsAndTopLevelScalars() throws {
        #expect(try Self.text(Date(timeIntervalSince1970: 86_400 + 3_661)) == #""1970-01-02T01:01:01Z""#)
        #expect(try Self.text(try #require(URL(string: "https://example.org/a?b=1"))) == #""https://example.org/a?b=1""#)
        #expect(try Self.text(Int?.none) == "null")
        #expect(try Self.text(42) == "42")
    }

    /// A ``JSONValue`` encodes as itself, so a tree can sit inside a typed value.
    @Test func jsonValueEncodesAsItself() throws {
        let tree = JSONValue.object([("z", .array([.integer(1), .number(.nan), .null])), ("a", .bool(false))])
        #expect(try Self.text(["tree": tree]) == #"{"tree":{"z":[1,null,null],"a":false}}"#)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"b":[1,2.5,"s",null,true],"a":{}}"#.utf8))
        #expect(decoded.serialized(indent: nil) == #"{"a":{},"b":[1,2.5,"s",null,true]}"#)
    }

    /// Values by name keep their order when written; numeric names are read back in numeric order.
    @Test func namedValues() throws {
        let levels = NamedValues<Double>([("95", 2), ("80", 1), ("99.5", 3)])
        #expect(try Self.text(levels) == #"{"95":2,"80":1,"99.5":3}"#)
        let read = try JSONDecoder().decode(NamedValues<Double>.self, from: Data(#"{"95":2,"100":4,"80":1}"#.utf8))
        #expect(read.names == ["80", "95", "100"] && read.values == [1, 2, 4] && read["100"] == 4)
        let words = try JSONDecoder().decode(NamedValues<Int>.self, from: Data(#"{"beta":2,"alpha":1}"#.utf8))
        #expect(words.names == ["alpha", "beta"])
    }

    /// The document form: `schemaVersion` first, two spaces per level.
    @Test func documentIsVersionedAndIndented() throws {
        #expect(try JSONValueEncoder().document(Ordered()) == """
            {
              "schemaVersion": "\(JSONContract.schemaVersion)",
              "zebra": 1,
              "apple": "a",
              "mango": true
            }
            """)
    }

    /// User info reaches the values being encoded.
    struct ReadsUserInfo: Encodable {
        static let key = CodingUserInfoKey(rawValue: "unit")!
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(encoder.userInfo[Self.key] as? String ?? "none")
        }
    }

    @Test func userInfo() throws {
        var encoder = JSONValueEncoder()
        encoder.userInfo[ReadsUserInfo.key] = "Mgal/d"
        #expect(try encoder.encode([ReadsUserInfo()]).serialized(indent: nil) == #"["Mgal/d"]"#)
    }
}

/// The documents of the command line read back with Foundation's decoder.
@Suite struct DocumentRoundTripTests {
    static func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try JSONValueEncoder().document(value).utf8))
    }

    @Test func forecastDocument() async throws {
        let run = try await ForecastRun(try ForecastRunPanelTests.panel(), configuration: .init(model: .theta, horizon: 2))
        let document = try Self.roundTrip(run.document)
        #expect(document.series.map(\.key) == run.results.map(\.key))
        let water = document.series[0]
        let result = try #require(run.results[0].forecast)
        #expect(water.forecast.map(\.date) == result.dates)
        #expect(water.forecast.map(\.mean) == result.forecast.mean)
        #expect(water.forecast[1].lower.names == ["80", "95"] && water.forecast[1].upper["95"] == result.forecast.upper[1][1])
        let parameters = try #require(run.results[0].model?.parameters)
        #expect(parameters.allSatisfy { water.model?.parameters[$0.name] == $0.value })
        #expect(water.error == nil && water.fallback == nil)
        #expect(document.series[2].model == nil && document.series[2].forecast.isEmpty)
        #expect(document.series[2].error == run.results[2].error?.description)
    }

    /// The hand-computed fit of ``RegressionRunMemoryTests``: slope 2.96, intercept 2.1 on 4 rows.
    @Test func regressionDocument() throws {
        let run = try RegressionRun(
            ["y": [5.1, 7.9, 11.1, 13.9, 99, .nan], "x": [1, 2, 3, 4, 5, 6]],
            labels: ["region": ["A", "A", "A", "A", "B", "A"]],
            configuration: .init(response: "y", predictors: ["x"], filters: [("region", "A")]))
        let document = try Self.roundTrip(run.document)
        #expect(document.n == 4 && document.rowsDroppedMissing == 1 && !document.weighted)
        #expect(document.coefficients.map(\.name) == ["(Intercept)", "x"])
        #expect(abs(document.coefficients[0].estimate - 2.1) < 1e-12 && abs(document.coefficients[1].estimate - 2.96) < 1e-12)
        #expect(document.covariance == .classical && document.ridgePenalty == nil && document.vif.names == ["x"])
        #expect(document.fStatistic == run.fit.fStatistic)
    }

    /// A statistic that is not finite (an infinite t value, a NaN coverage) is written as `null`
    /// and read back by Foundation's decoder as NaN, not refused.
    @Test func nonFiniteStatisticsRoundTripAsNull() throws {
        let run = try RegressionRun(
            ["y": [3.1, 4.9, 7.2, 8.8], "x": [1, 2, 3, 4]], configuration: .init(response: "y", predictors: ["x"]))
        var document = run.document
        document.coefficients[1].t = .infinity
        document.coefficients[1].p = .nan
        let text = try JSONValueEncoder().document(document)
        #expect(text.contains("\"t\": null") && text.contains("\"p\": null"))
        let read = try JSONDecoder().decode(RegressionRun.Document.self, from: Data(text.utf8))
        #expect(read.coefficients[1].t.isNaN && read.coefficients[1].p.isNaN)
        #expect(read.coefficients[1].estimate == document.coefficients[1].estimate && read.coefficients[0].t.isFinite)
    }

    @Test func nullWhenNotFiniteWithFoundationCoders() throws {
        struct Row: Codable { @NullWhenNotFinite var value: Double }
        #expect(String(decoding: try JSONEncoder().encode(Row(value: .infinity)), as: UTF8.self) == #"{"value":null}"#)
        #expect(String(decoding: try JSONEncoder().encode(Row(value: 2.5)), as: UTF8.self) == #"{"value":2.5}"#)
        #expect(try JSONDecoder().decode(Row.self, from: Data(#"{"value":null}"#.utf8)).value.isNaN)
        #expect(try JSONDecoder().decode(Row.self, from: Data(#"{"value":-1}"#.utf8)).value == -1)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Row.self, from: Data(#"{"value":"x"}"#.utf8)) }
    }

    /// A series too short for the windows is skipped, with `null` scores that read back as `nil`.
    @Test func backtestDocument() async throws {
        let run = try await BacktestRun(
            try ForecastRunPanelTests.panel(),
            configuration: .init(models: [.naive], backtest: Backtest.Configuration(horizon: 2, windows: 3, levels: [80])))
        let document = try Self.roundTrip(run.document(perSeries: true))
        let model = try #require(document.models.first)
        #expect(model.model == .naive && model.series == 2 && model.aggregation == "mean over series")
        #expect(model.skipped.map(\.key) == [["city": "NYC", "indicator": "short"]])
        #expect(model.scores.windows == run.models[0].scores.windows && model.scores.mase == run.models[0].scores.mase)
        #expect(model.scores.coverage.names == ["80"] && model.byUnit.count == 2)
        #expect(model.scores.me == nil, "ME is not averaged across units")
        let perSeries = try #require(document.perSeries)
        #expect(perSeries.count == 3 && perSeries[2].scores.windows == 0 && perSeries[2].scores.mase == nil)
        #expect(perSeries[0].unit == "Mgal/d" && perSeries[2].error != nil)
        #expect(try JSONValueEncoder().encode(run.document(perSeries: false)).serialized().contains("perSeries") == false)
    }
}
