import Foundation
import FuzzSupport
import UrbanCast

/// The mitigation-plan reader. It only reads from a path, so each input is written to a file in
/// a private temporary folder; a baseline derived from data (`from: trend` or `from: forecast`)
/// then names files relative to that folder, which do not exist, and is reported as unreadable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMitigation(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    // Foundation on Linux leaks the 4 KB buffer it reads an empty file into (the zero-size path
    // of readBytesFromFile); that is not the plan reader's leak. The empty plan is kept in
    // Fuzz/crashes/mitigation as its reproducer.
    guard !bytes.isEmpty else { return -1 }
    let text = String(decoding: bytes, as: UTF8.self)
    // Device and process files never end or change under the reader; a path to them is not a
    // question about the plan reader.
    for special in ["/dev", "/proc", "/sys"] where text.contains(special) { return -1 }
    guard let path = PlanFile.path else { return 0 }
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    _ = try? MitigationPlan(contentsOf: path)
    return 0
}

/// The file each input is written to, two folders deep so that the `../../` paths of the seed
/// plans stay inside the temporary folder.
enum PlanFile {
    static let path: String? = {
        let template = FileManager.default.temporaryDirectory.path + "/urbancast-fuzz-XXXXXX"
        var buffer = Array(template.utf8CString)
        guard let created = mkdtemp(&buffer) else { return nil }
        let root = String(cString: created)
        let folder = root + "/plans/air-quality"
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
        else { return nil }
        return folder + "/plan.yaml"
    }()
}

FuzzDriver.run(fuzzMitigation)
