import Testing
import Forecasting

/// Inputs found by the fuzz targets in Fuzz/ (reproducers in Fuzz/crashes/), each of which once
/// crashed or broke an invariant the target checks.
@Suite struct FuzzRegressionTests {
    /// Differencing orders near Int.max overflowed `d + D` when checking `+drift` and `+mean`;
    /// they are refused like any other model with too many differences.
    @Test(arguments: [
        "arima(0,9223372036854775807,0)(0,1,0)[1]+drift",
        "arima(0,1,0)(0,9223372036854775807,0)[1]+drift",
        "arima(0,1,0)(0,9223372036854775807,0)[1]+mean",
        "arima(0,9223372036854775807,0)(0,9223372036854775807,0)[1]+mean",
    ])
    func hugeDifferencesWithAConstantAreRefused(text: String) {
        #expect(throws: ForecastingError.self) { try ModelSpecification(parsing: text) }
    }

    /// Huge orders without a constant still parse, and print back to the same model. (Seasonal
    /// orders now need a period above 1, so the case uses `[2]`.)
    @Test func hugeOrdersPrintBack() throws {
        let model = try ModelSpecification(parsing: "arima(0,9223372036854775807,0)(0,1,0)[2]")
        #expect(try ModelSpecification(parsing: model.description) == model)
    }

    /// `ets(ßßn)` parsed as the letters `SSSSN` (uppercasing ß gives two letters), which printed
    /// as a model that does not parse; only ASCII letters are accepted.
    @Test(arguments: ["ets(ßßn)", "ets(aßn)", "ets(ΑΑΝ)"])
    func nonASCIIETSLettersAreRefused(text: String) {
        #expect(throws: ForecastingError.self) { try ModelSpecification(parsing: text) }
    }
}
