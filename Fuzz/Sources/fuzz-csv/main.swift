import FuzzSupport
import UrbanCast

/// The RFC 4180 reader on raw bytes, with the invariants its documentation promises.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let document = CSVReader.read(bytes, file: "fuzz.csv")
    var previousLine = 0
    for record in document.records {
        if record.fields.isEmpty { FuzzInput.invariantFailed("a record without fields") }
        for (offset, field) in record.fields.enumerated() {
            if field.column != offset + 1 {
                FuzzInput.invariantFailed("field \(offset) of a record has column \(field.column)")
            }
            if field.line < previousLine || field.line > record.endLine {
                FuzzInput.invariantFailed("field line \(field.line) outside \(previousLine)...\(record.endLine)")
            }
            previousLine = field.line
        }
    }
    return 0
}

FuzzDriver.run(fuzzCSV)
