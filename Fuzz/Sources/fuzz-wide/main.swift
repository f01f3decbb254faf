import FuzzSupport
import UrbanCast

/// The wide-table reader, then every column asked for as numbers and as text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWide(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let table = try? WideTable(bytes, file: "fuzz.csv") else { return 0 }
    _ = try? table.columns(named: table.columnNames)
    for name in table.columnNames.prefix(16) {
        _ = try? table.textColumn(named: name)
    }
    for row in 0...table.rowCount { _ = table.line(ofRow: row) }
    return 0
}

FuzzDriver.run(fuzzWide)
