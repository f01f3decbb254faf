import Foundation
import Testing

@testable import UrbanCast

/// The ZIP reader under workbooks: every offset it follows comes from the file, so every damaged
/// or hostile file must end in a `Failure`, never an out-of-range read.
@Suite struct ZipContainerTests {
    typealias Part = TestZipWriter.Part

    static let text = Array(String(repeating: "<row><c><v>12.5</v></c></row>", count: 50).utf8)

    @Test("Stored and deflated parts read back exactly, found by path ignoring case, after a comment")
    func reads() throws {
        let bytes = TestZipWriter.archive(
            [Part(path: "xl/Workbook.xml", contents: Self.text), Part(path: "a.txt", contents: Array("hello".utf8), deflate: false),
             Part(path: "empty", contents: [])],
            comment: Array("made by hand".utf8))
        let zip = try ZipContainer(bytes)
        #expect(zip.entries.map(\.path) == ["xl/Workbook.xml", "a.txt", "empty"])
        let workbook = try #require(zip.entry("xl/workbook.xml"))
        #expect(workbook.compressedSize < Self.text.count)
        #expect(try zip.contents(of: workbook, limit: 1 << 20) == Self.text)
        #expect(try zip.contents(of: #require(zip.entry("a.txt")), limit: 5) == Array("hello".utf8))
        #expect(try zip.contents(of: #require(zip.entry("empty")), limit: 0) == [])
        #expect(zip.entry("missing") == nil)
    }

    static func failure(_ bytes: [UInt8], part: String = "p", limit: Int = 1 << 20) -> ZipContainer.Failure? {
        do {
            let zip = try ZipContainer(bytes)
            guard let entry = zip.entry(part) else { return .damaged("no part") }
            _ = try zip.contents(of: entry, limit: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test("A part that disagrees with the directory, is encrypted, or uses another method is refused")
    func refusals() {
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text)])) == nil)
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text, declaredCRC: 7)]))
            == .damaged("the checksum of p does not match"))
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text, declaredSize: 10)]))
            == .damaged("p expands past the 10 bytes the directory says"))
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text, declaredSize: 2_000)]))
            == .damaged("p holds 1450 bytes where the directory says 2000"))
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text, flags: 1)])) == .encrypted("p"))
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text, declaredMethod: 12)]))
            == .unsupported("compression method 12 for p"))
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text)]), limit: 1_449) == .tooLarge("p"))
        #expect(Self.failure(TestZipWriter.archive([Part(path: "p", contents: Self.text, declaredSize: 0xFFFF_FFFF)]))
            == .unsupported("a ZIP64 archive"))
        #expect(Self.failure(Array("date,value\n2020-01-01,1\n2020-02-01,2\n".utf8)) == .damaged("there is no end-of-central-directory record"))
        #expect(Self.failure([]) == .damaged("the file is too short to be a ZIP archive"))
    }

    @Test("Every truncation of a workbook, and every byte of its directory set to each extreme, is refused or read, never a crash")
    func damagedBytes() throws {
        let good = try WorkbookTests.workbook(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
        for length in 0..<good.count {
            #expect(WorkbookTests.refusal(Array(good.prefix(length))) != "read")
        }
        let zip = try ZipContainer(good)
        let directoryStart = try #require(zip.entries.map(\.localHeaderOffset).max()).advanced(by: 30)
        var read = 0
        for position in directoryStart..<good.count {
            for value: UInt8 in [0x00, 0x7F, 0xFF] where good[position] != value {
                var damaged = good
                damaged[position] = value
                if WorkbookTests.refusal(damaged) == "read" { read += 1 }
            }
        }
        #expect(read > 0, "some bytes (comments, versions, times) do not matter")
    }

    @Test("The fuzz finding that made the previous ZIP library trap is a clear refusal")
    func fuzzFinding() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/findings/xlsx-zipfoundation-memoryfile-range-trap.xlsx").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(WorkbookTests.refusal(bytes).hasPrefix("it is not a valid .xlsx workbook (the ZIP archive is damaged or incomplete: "))
    }
}
