import FuzzSupport
import UrbanCast

/// The scenario specification reader on YAML text. Files named in the text are only resolved,
/// not read, so the folder does not need to exist; the one exception is an emission-factor table
/// (`emissions.factors`), read with the specification when it is an ordinary file of at most
/// 16 MB (relative paths resolve into the missing folder, so only absolute ones reach a file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    _ = try? ScenarioSpecification(text: text, file: "fuzz.yaml", folder: "/nonexistent/urbancast-fuzz")
    return 0
}

FuzzDriver.run(fuzzScenario)
