import FuzzSupport
import UrbanCast

/// The scenario specification reader on YAML text. Files named in the text are only resolved,
/// not read, so the folder does not need to exist.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    _ = try? ScenarioSpecification(text: text, file: "fuzz.yaml", folder: "/nonexistent/urbancast-fuzz")
    return 0
}

FuzzDriver.run(fuzzScenario)
