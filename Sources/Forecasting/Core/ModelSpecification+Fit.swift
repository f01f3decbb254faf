extension ModelSpecification {
    /// Fit this model to one series.
    ///
    /// Constants of fixed ARIMA models are explicit in the grammar: `arima(1,0,0)` has no mean,
    /// `arima(1,0,0)+mean` has one (R's `Arima` includes a mean by default; the CLI asks for it).
    ///
    /// - Parameters:
    ///   - values: the observations, oldest first (NaN for missing, where the model allows it).
    ///   - seasonLength: observations per season (1 for none).
    /// - Returns: the fitted model.
    /// - Throws: the model's `ForecastingError`, e.g. `.tooShort` naming the minimum length.
    /// - Complexity: that of the model.
    public func fit(_ values: [Double], seasonLength: Int) throws(ForecastingError) -> any FittedForecaster {
        switch self {
        case .autoARIMA:
            return try AutoARIMA(seasonLength: seasonLength).fit(values)
        case .autoETS:
            return try AutoETS.fit(values, seasonLength: seasonLength)
        case .arima(let o):
            let specification = ARIMASpecification(
                p: o.p, d: o.d, q: o.q, seasonalP: o.seasonalP, seasonalD: o.seasonalD, seasonalQ: o.seasonalQ,
                seasonLength: o.period > 0 ? o.period : 1, includeMean: o.constant == .mean,
                includeDrift: o.constant == .drift)
            return try ARIMAModel.fit(values, specification: specification)
        case .ets(let letters):
            return try ETSModel.fit(values, seasonLength: seasonLength, specification: ETSSpecification(parsing: letters))
        case .theta:
            return try Theta(values, seasonLength: seasonLength)
        case .naive:
            return try LagWalk(values, kind: .naive)
        case .seasonalNaive:
            return try LagWalk(values, kind: .seasonalNaive, seasonLength: seasonLength)
        case .drift:
            return try LagWalk(values, kind: .drift)
        case .mean:
            return try MeanForecast(values)
        case .stlETS:
            return try STLForecaster(values, seasonLength: seasonLength)
        case .combination(let parts):
            var members: [any FittedForecaster] = []
            for part in parts { members.append(try part.fit(values, seasonLength: seasonLength)) }
            return Combination(members, data: values)
        }
    }
}
