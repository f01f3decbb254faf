import Forecasting
import FuzzSupport

/// The model grammar (`arima(1,1,1)(0,1,1)[12]+drift`, `ets(MAM)`, `combo(...)`): every text that
/// parses must print back to text that parses to the same model.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    guard let model = try? ModelSpecification(parsing: text) else { return 0 }
    let printed = model.description
    guard let reparsed = try? ModelSpecification(parsing: printed) else {
        FuzzInput.invariantFailed("'\(text)' prints as '\(printed)', which does not parse")
    }
    if reparsed != model {
        FuzzInput.invariantFailed("'\(text)' prints as '\(printed)', which parses to '\(reparsed)'")
    }
    return 0
}

FuzzDriver.run(fuzzModel)
