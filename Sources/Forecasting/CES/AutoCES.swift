/// statsforecast's `AutoCES` (2.1.1): fit the complex exponential smoothing forms and keep the one
/// with the lowest AICc (statsforecast's criterion, see ``ComplexExponentialSmoothing``).
///
/// - The candidates are `N`, `S`, `P`, `F` in that order; when the season length is 1 or the series
///   holds fewer than two seasons, only `N` (statsforecast then fits `N` alone).
/// - A candidate whose AICc is NaN (its recursion diverged) is skipped; ties keep the earlier form.
/// - The series needs more values than the largest candidate has parameters: 5 when seasonal forms
///   are tried, 3 otherwise (statsforecast raises `NotImplementedError` below that).
/// - A constant series is statsforecast's `Naive` instead; ``ModelSpecification`` does that
///   (``fit(_:seasonLength:)`` here refuses it, since CES has no variance to work with).
public enum AutoCES {
    /// Fit and select.
    ///
    /// - Parameters:
    ///   - values: the series, finite, oldest first.
    ///   - seasonLength: observations per season (1 for none).
    ///   - candidates: the forms to try (all four by default), in statsforecast's order.
    /// - Returns: the chosen model (it names itself `CES(X)` with X its form).
    /// - Throws: `ForecastingError.missingValues`; `.invalidSpecification` for a season length
    ///   below 1, no candidates, or a constant series; `.tooShort` as above; `.notConverged` when
    ///   every candidate's criterion is NaN.
    /// - Complexity: up to four CES fits.
    public static func fit(_ values: [Double], seasonLength: Int,
                           candidates: [ComplexExponentialSmoothing.Seasonality] = ComplexExponentialSmoothing.Seasonality.allCases)
        throws(ForecastingError) -> ComplexExponentialSmoothing
    {
        guard !candidates.isEmpty else { throw .invalidSpecification("AutoCES needs at least one CES form to try") }
        guard values.allSatisfy(\.isFinite) else { throw .missingValues(model: "AutoCES") }
        guard seasonLength >= 1 else {
            throw .invalidSpecification("the season length must be at least 1, not \(seasonLength)")
        }
        if let first = values.first, values.allSatisfy({ $0 == first }) {
            throw .invalidSpecification("AutoCES needs a series that is not constant; statsforecast forecasts one with naive")
        }
        let n = values.count
        let seasonal = seasonLength > 1 && n >= 2 * seasonLength
        let forms = seasonal ? candidates : [.none]
        let minimum = seasonal && candidates.count > 1 ? 5 : (forms.contains(.full) ? 5 : forms.contains(.partial) ? 4 : 3)
        guard n >= minimum else { throw .tooShort(model: "AutoCES", count: n, minimum: minimum) }
        var best: ComplexExponentialSmoothing?
        for form in forms {
            let model = try ComplexExponentialSmoothing.fitAllowingNaN(
                values, seasonLength: seasonLength, seasonality: form, minimumLength: minimum)
            if !model.aicc.isNaN, model.aicc < (best?.aicc ?? .infinity) { best = model }
        }
        guard let best else { throw .notConverged(model: "AutoCES", detail: "every CES form diverged") }
        return best
    }
}
