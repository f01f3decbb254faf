import Forecasting
import FuzzSupport
import UrbanCast

/// The long-format reader: CSV, header roles, keys, dates, values and gridding.
///
/// The first byte picks the reading options (so the corpus carries them); the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLong(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let frequencies: [Frequency?] = [nil, .yearly, .quarterly, .monthly, .weekly, .daily, .hourly, .subHourly(minutes: 15)]
    let options = LongFormat.Options(
        frequency: frequencies[Int(selector & 7)],
        seasonLength: selector & 8 == 0 ? nil : 7,
        ignoresUnknownColumns: selector & 16 != 0,
        sortsDates: selector & 32 != 0)
    _ = try? LongFormat.read(Array(bytes.dropFirst()), file: "fuzz.csv", options: options)
    return 0
}

FuzzDriver.run(fuzzLong)
