import Forecasting
import FuzzSupport
import UrbanCast

/// The long-format reader: CSV, header roles, keys, dates, values and gridding.
///
/// The first byte picks the reading options (so the corpus carries them); the rest is the file.
/// Its top two bits pick a dialect: the default, a European spreadsheet's, Windows-1252 with
/// thousands separators and month-first dates, or tabs with named date and value columns.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLong(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let frequencies: [Frequency?] = [nil, .yearly, .quarterly, .monthly, .weekly, .daily, .hourly, .subHourly(minutes: 15)]
    let options = LongFormat.Options(
        frequency: frequencies[Int(selector & 7)],
        seasonLength: selector & 8 == 0 ? nil : 7,
        ignoresUnknownColumns: selector & 16 != 0,
        sortsDates: selector & 32 != 0,
        format: FuzzFormats.all[Int(selector >> 6)])
    _ = try? LongFormat.read(Array(bytes.dropFirst()), file: "fuzz.csv", options: options)
    return 0
}

enum FuzzFormats {
    static let all: [InputFormat] = [
        InputFormat(),
        InputFormat(delimiter: ";", decimalSeparator: ",", thousandsSeparator: ".", dateOrder: .dayFirst),
        InputFormat(thousandsSeparator: ",", encoding: .windows1252, dateOrder: .monthFirst),
        InputFormat(delimiter: "\t", dateColumn: "date", valueColumns: ["a", "b"]),
    ]
}

FuzzDriver.run(fuzzLong)
