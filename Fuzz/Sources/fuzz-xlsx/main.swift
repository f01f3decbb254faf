import FuzzSupport
import UrbanCast

/// The workbook reader under both series readers: any bytes named `.xlsx` (a damaged archive,
/// a mutated part, a bomb) must end in a workbook's records or a `DataError`, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    var limits = InputLimits()
    limits.maximumWorkbookBytes = 1 << 22
    limits.maximumWorkbookCells = 1 << 16
    _ = try? LongFormat.read(bytes, file: "fuzz.xlsx", options: .init(limits: limits))
    _ = try? WideTable(bytes, file: "fuzz.xlsx", limits: limits)
    return 0
}

FuzzDriver.run(fuzzWorkbook)
