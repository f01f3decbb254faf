import Forecasting
import Foundation
import Testing

@testable import UrbanCast

/// The byte-level fast path of the long-format reader (``LongFormatFastPath``) and its number
/// parser (``FastDecimal``). The references are `Double(String)` (the standard library's
/// correctly rounded parser) and the general reader, ``LongFormat/readChecking(_:file:options:)``,
/// which the rest of the suite tests against hand-written expectations.
@Suite("Fast ingest of long-format files")
struct FastIngestTests {
    // MARK: Numbers

    private func fast(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                return withUnsafePointer(to: UInt8(0)) { FastDecimal.parse($0, count: 0) }
            }
            return FastDecimal.parse(base, count: buffer.count)
        }
    }

    /// Whether `text` is in ``CellValue``'s decimal grammar, written independently as a regular
    /// expression.
    private func isDecimal(_ text: String) -> Bool {
        text.wholeMatch(of: /[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?/) != nil
    }

    /// The fast parser either declines or gives exactly `Double(String)`'s bits; it declines
    /// anything outside the grammar.
    private func checkAgainstStandardLibrary(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let value = fast(text) else { return false }
        #expect(isDecimal(text), "'\(text)' is not a decimal but was read", sourceLocation: sourceLocation)
        guard let reference = Double(text) else {
            Issue.record("'\(text)' read as \(value) but Double(String) refuses it", sourceLocation: sourceLocation)
            return true
        }
        #expect(
            value.bitPattern == reference.bitPattern, "'\(text)': \(value) but Double(String) gives \(reference)",
            sourceLocation: sourceLocation)
        return true
    }

    @Test("Edge texts: signs, '.5', '5.', zeros, exponents, the limits of the exact fast path, and non-numbers")
    func edgeTexts() {
        let fastPath = [
            "0", "-0", "+0", "0.0", "-0.0", "000", ".5", "5.", "+.5", "-5.", "+5", "1e22", "1E22", "1e+22", "1e-22",
            "9007199254740992", "-9007199254740992", "0.1", "0.2", "0.3", "123.456", "8802.110", "00012.5000",
            "1.5e3", "1.5E-3", "1234567890123456e-5", "0.000000000000000000001", "4e-22", "0e999999999",
            "-0e-5", "100000000000000e-10", "3.14159265358979",
        ]
        for text in fastPath {
            #expect(checkAgainstStandardLibrary(text), "'\(text)' should take the fast path")
        }
        // Beyond 2^53, 19 digits or 10^±22 the fast path declines (the exact slow path reads them).
        let declined = [
            "9007199254740993", "1e23", "1e-23", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
            "1e309", "12345678901234567890", "1.0000000000000002", "0.1e-22", "12345678901234567e-5",
            "100000000000000000000000e-10", "1000000000000000000e-10",
            "", ".", "+", "-", "e5", "1e", "1e+", "1.2.3", "nan", "NaN", "inf", "-Infinity", "NA", " 1", "1 ",
            "1,5", "0x10", "1_000", "١",
        ]
        for text in declined {
            #expect(!checkAgainstStandardLibrary(text), "'\(text)' should be declined")
        }
    }

    @Test("Random decimal texts read to Double(String)'s bits whenever the fast path takes them")
    func randomTexts() {
        var generator = SplitMix(seed: 20_261_208)
        var taken = 0
        let total = 50_000
        for _ in 0..<total {
            var text = ""
            switch generator.next() % 4 {
            case 0: text += "-"
            case 1: text += "+"
            default: break
            }
            let digits = Int(generator.next() % 22) + 1
            let point = Int(generator.next() % UInt64(digits + 2))
            for position in 0..<digits {
                if position == point { text += "." }
                // Leading zeros now and then.
                let digit = position == 0 && generator.next() % 3 == 0 ? 0 : generator.next() % 10
                text += String(digit)
            }
            if point == digits { text += "." }
            if generator.next() % 3 == 0 {
                text += generator.next() % 2 == 0 ? "e" : "E"
                if generator.next() % 2 == 0 { text += generator.next() % 2 == 0 ? "-" : "+" }
                text += String(generator.next() % 40)
            }
            if checkAgainstStandardLibrary(text) { taken += 1 }
        }
        // Most texts of up to 15 digits with small exponents take the fast path.
        #expect(taken > total / 3)
    }

    @Test("A value cell reads as CellValue reads its text: missing, numbers, refusals")
    func valueCells() {
        let texts = [
            "", "  ", "NA", "na", "NaN", "nan", " 12.5 ", "\t-3\t", "1e23", "9007199254740993", "inf", "-Inf",
            "Infinity", "1e400", "abc", "12,5", "4.9e-324", "5.", ".5",
        ]
        for text in texts {
            let bytes = Array("x,\(text)\n".utf8)
            let value = bytes.withUnsafeBufferPointer { buffer -> Double? in
                guard let base = buffer.baseAddress else { return nil }
                var scanner = ByteScanner(base: base, count: buffer.count, delimiter: UInt8(ascii: ","))
                let fields = UnsafeMutablePointer<FieldSpan>.allocate(capacity: 2)
                defer { fields.deallocate() }
                guard scanner.nextRecord(into: fields, capacity: 2) == .record(2) else { return nil }
                return scanner.number(fields[1])
            }
            switch CellValue.number(text) {
            case .success(let expected?):
                #expect(value?.bitPattern == expected.bitPattern, "'\(text)'")
            case .success(nil):
                #expect(value?.isNaN == true, "'\(text)' is missing")
            case .failure:
                #expect(value == nil, "'\(text)' is not a number")
            }
        }
    }

    // MARK: Files

    private func general(_ csv: String, options: LongFormat.Options) throws -> [KeyedSeries] {
        try LongFormat.readChecking(Array(csv.utf8), file: "t.csv", options: options)
    }

    /// Reads `csv` with the fast path, which must take it, and checks that it gives exactly what
    /// the general reader gives.
    @discardableResult
    private func readFast(
        _ csv: String, options: LongFormat.Options = .init(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [KeyedSeries] {
        let fastSeries = try #require(
            LongFormatFastPath.read(Array(csv.utf8), file: "t.csv", options: options),
            "the fast path declined a clean file", sourceLocation: sourceLocation)
        let expected = try general(csv, options: options)
        #expect(fastSeries.count == expected.count, sourceLocation: sourceLocation)
        for (got, want) in zip(fastSeries, expected) {
            #expect(got.key == want.key, sourceLocation: sourceLocation)
            #expect(got.unit == want.unit, sourceLocation: sourceLocation)
            #expect(got.firstLine == want.firstLine, sourceLocation: sourceLocation)
            #expect(got.series.start == want.series.start, sourceLocation: sourceLocation)
            #expect(got.series.frequency == want.series.frequency, sourceLocation: sourceLocation)
            #expect(got.series.seasonLength == want.series.seasonLength, sourceLocation: sourceLocation)
            #expect(
                got.series.values.map(\.bitPattern) == want.series.values.map(\.bitPattern),
                sourceLocation: sourceLocation)
        }
        return fastSeries
    }

    @Test("RFC 4180: a BOM, CRLF, a lone CR, blank lines, quoted keys with commas, doubled quotes and line breaks")
    func quotingAndLineBreaks() throws {
        let csv =
            "\u{FEFF}city,date,value\r\n\"New York, \"\"NY\"\"\",2024-01,1\r\n\r\n\"New York, \"\"NY\"\"\",2024-02,2\r\n"
            + "\"Oslo\nNorth\",2024-01,3\r\"Oslo\nNorth\", 2024-02 ,\" 4 \"\n\n"
        let series = try readFast(csv)
        #expect(series.map { $0.key["city"] } == ["New York, \"NY\"", "Oslo\nNorth"])
        #expect(series[0].series.values == [1, 2])
        #expect(series[1].series.values == [3, 4])
        // The second series' key starts on line 5 and holds a line break, so its date is on line 6.
        #expect(series[0].firstLine == 2 && series[1].firstLine == 6)
    }

    @Test("Units, missing values, exponents, long digit strings, several key columns and interleaved series")
    func valuesAndKeys() throws {
        let csv = """
            city,indicator,date,value,unit
            Oslo,water,2024-01,1.5e3,ML
            Oslo,power,2024-01,NA,GWh
            Oslo,water,2024-02,,ML
            Oslo,power,2024-02,12345678901234567890,GWh
            Oslo,water,2024-03,-0.000001,
            Bergen,water,2024-01,0.1,ML
            Oslo,power,2024-03,9007199254740993,GWh

            """
        let series = try readFast(csv)
        #expect(series.map(\.key.description) == [
            "city=Oslo indicator=water", "city=Oslo indicator=power", "city=Bergen indicator=water",
        ])
        #expect(series[0].unit == "ML" && series[1].unit == "GWh")
        #expect(series[1].series.values[1] == 12_345_678_901_234_567_890)
        #expect(series[0].series.values[0] == 1500 && series[0].series.values[1].isNaN)
    }

    @Test("Series that are not consecutive months go through the general gridding: gaps, days, month ends, quarters, years")
    func gridding() throws {
        try readFast("series,date,value\na,2024-01,1\na,2024-04,2\nb,2024-01-05,1\nb,2024-01-06,2\nb,2024-01-07,3\nb,2024-01-09,4\n")
        try readFast("series,date,value\na,2023-01-31,1\na,2023-02-28,2\na,2023-03-31,3\n")
        try readFast("series,date,value\na,2023-Q4,1\na,2024-Q1,2\nb,2001,1\nb,2002,2\nc,2024-03,5\n")
        try readFast("series,date,value\na,2024-01-01T00:00,1\na,2024-01-01T01:00,2\n")
        try readFast(
            "series,date,value\na,2024-03,1\na,2024-01,2\na,2024-02,3\n", options: .init(sortsDates: true))
        try readFast("date,value\n2024-01,1\n2024-02,2\n", options: .init(frequency: .monthly, seasonLength: 4))
        try readFast(
            "series,date,value,note\na,2024-01,1,ok\na,2024-02,2,é\n", options: .init(ignoresUnknownColumns: true))
        // Long keys, with a character beyond ASCII before, across and after the first eight bytes.
        let keys = try readFast(
            "series,date,value\nélectricité-abcdefgh,2024-01,1\nabcdefgé,2024-01,2\nabcdefghijklmnopé,2024-01,3\n"
                + "abcdefghijklmnopé,2024-02,4")
        #expect(keys.map { $0.key["series"] } == ["électricité-abcdefgh", "abcdefgé", "abcdefghijklmnopé"])
        #expect(keys[2].series.values == [3, 4])
    }

    @Test("Anything the general reader reports goes to it, with the same diagnostics")
    func problemsFallBack() throws {
        let texts = [
            "series,date,value\na,2024-01,1\"\n",  // a quote inside an unquoted field
            "series,date,value\nabcdefghij\"k,2024-01,1\n",  // the same, past the first eight bytes
            "series,date,value\n\"a,2024-01,1\n",  // an unterminated quote
            "series,date,value\n\"a\"x,2024-01,1\n",  // text after a closing quote
            "series,date,value\na,2024-01\n",  // a short row
            "series,date,value\na,2024-01,1,2\n",  // a long row
            "series,date,value\n ,2024-01,1\n",  // an empty key
            "series,date,value\na,2024-13,1\n",  // a bad date
            "series,date,value\na,,1\n",  // a missing date
            "series,date,value\na,2024-01,1.2.3\n",  // a bad number
            "series,date,value\na,2024-01,inf\n",  // an infinite value
            "series,date,value,unit\na,2024-01,1,ML\na,2024-02,2,GL\n",  // a unit that changes
            "series,date,value\na,2024-01,1\na,2024-01,2\n",  // a duplicate date
            "series,date,value\na,2024-02,1\na,2024-01,2\n",  // unsorted dates
            "series,date,value\n",  // no rows
            "series,date,value,extra\na,2024-01,1,x\n",  // an unknown column
            ",date,value\n1,2024-01,1\n",  // R's row names
            "date,Oslo,Bergen\n2024-01,1,2\n",  // a wide file
        ]
        // Invalid UTF-8 in a column that is otherwise ignored.
        let invalid = Array("series,date,value,note\na,2024-01,1,".utf8) + [0xFF, 0x0A]
        let invalidLater = Array("series,date,value,note\na,2024-01,1,abcdefghijk".utf8) + [0xC3, 0x0A]
        for bytes in texts.map({ Array($0.utf8) }) + [invalid, invalidLater] {
            let csv = String(decoding: bytes, as: UTF8.self)
            #expect(LongFormatFastPath.read(bytes, file: "t.csv", options: .init()) == nil, "\(csv)")
            let viaRead = Result { () throws(DataError) in try LongFormat.read(bytes, file: "t.csv") }
            let viaGeneral = Result { () throws(DataError) in try LongFormat.readChecking(bytes, file: "t.csv", options: .init()) }
            switch (viaRead, viaGeneral) {
            case (.failure(let got), .failure(let want)):
                #expect(got.description == want.description)
            case (.success(let got), .success(let want)):
                #expect(got.map(\.key) == want.map(\.key))
            default:
                Issue.record("read and the general reader disagree on \(csv)")
            }
        }
    }

    @Test("A dialect (semicolons and decimal commas) is left to the general reader")
    func dialects() throws {
        let csv = "series;date;value\na;2024-01;1,5\n"
        let format = InputFormat(delimiter: ";", decimalSeparator: ",")
        #expect(LongFormatFastPath.read(Array(csv.utf8), file: "t.csv", options: .init(format: format)) == nil)
        let series = try LongFormat.read(Array(csv.utf8), file: "t.csv", options: .init(format: format))
        #expect(series[0].series.values == [1.5])
        // Semicolons detected without a decimal comma are the fast path's.
        try readFast("series;date;value\na;2024-01;1.5\na;2024-02;2\n")
    }

    @Test("A file read from disk (mapped) gives what its bytes give")
    func mappedFile() throws {
        let csv = "city,date,value\r\n\"Oslo\",2024-01,1\r\nOslo,2024-02,2"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fast-ingest-\(getpid()).csv").path
        try Array(csv.utf8).withUnsafeBufferPointer { try Data(buffer: $0).write(to: URL(fileURLWithPath: path)) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try LongFormat.read(contentsOf: path)
        let fromBytes = try readFast(csv)
        #expect(fromFile.map(\.key) == fromBytes.map(\.key))
        #expect(fromFile.map(\.series.values) == fromBytes.map(\.series.values))
        #expect(fromFile[0].series.values == [1, 2])
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small seeded generator for reproducible texts.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
