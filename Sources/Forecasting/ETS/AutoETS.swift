/// Automatic ETS: fits every allowed form and keeps the best by an information criterion, as R
/// forecast 8.20's `ets(y)` with `model = "ZZZ"`.
///
/// The candidates are error {A, M} × trend {N, A, Ad} (plus M, Md with
/// ``Options/allowMultiplicativeTrend``) × season {N, A, M}, minus R's forbidden forms, minus
/// multiplicative errors on data that are not strictly positive, minus seasons when m = 1, m > 24
/// (R ignores the season then) or n ≤ m. A candidate that cannot be fitted (too many parameters for
/// the series, inadmissible start, undefined likelihood) drops out, as R's `try` does.
///
/// ```swift
/// let model = try AutoETS.fit(airPassengers, seasonLength: 12)
/// model.summary.name   // "ETS(M,Ad,M)", as R
/// ```
public enum AutoETS {
    /// The criterion that ranks candidates (R's `ic`).
    public enum Criterion: String, Sendable, Hashable, CaseIterable {
        /// Small-sample corrected AIC, R's default.
        case aicc
        /// Akaike's information criterion.
        case aic
        /// Bayesian information criterion.
        case bic
    }

    /// Search settings, R's `ets` arguments.
    public struct Options: Sendable, Equatable {
        /// Ranking criterion, default AICc.
        public var criterion: Criterion
        /// Also try multiplicative trends (R's `allow.multiplicative.trend`, default false).
        public var allowMultiplicativeTrend: Bool
        /// Only additive forms (R's `additive.only`).
        public var additiveOnly: Bool
        /// `nil` tries damped and undamped trends (R's `damped = NULL`); true/false forces one.
        public var damped: Bool?
        /// Estimation options for each candidate.
        public var estimation: ETSOptions

        /// Options with R's defaults unless given.
        ///
        /// - Parameters:
        ///   - criterion: ranking criterion, default `.aicc`.
        ///   - allowMultiplicativeTrend: include M and Md trends, default false.
        ///   - additiveOnly: only A error, trend and season, default false.
        ///   - damped: nil for both, or force damped/undamped trends.
        ///   - estimation: per-candidate estimation options.
        public init(
            criterion: Criterion = .aicc, allowMultiplicativeTrend: Bool = false, additiveOnly: Bool = false,
            damped: Bool? = nil, estimation: ETSOptions = ETSOptions()
        ) {
            self.criterion = criterion
            self.allowMultiplicativeTrend = allowMultiplicativeTrend
            self.additiveOnly = additiveOnly
            self.damped = damped
            self.estimation = estimation
        }
    }

    /// The forms that would be tried for a series of this length and sign, in R's search order.
    ///
    /// - Parameters:
    ///   - count: number of observations n.
    ///   - seasonLength: observations per season m.
    ///   - positive: whether every observation is > 0.
    ///   - options: search settings.
    /// - Returns: the candidate forms (before any fails to fit).
    /// - Complexity: O(1) (at most 30 forms).
    public static func candidates(
        count: Int, seasonLength: Int, positive: Bool,
        options: Options = Options()
    ) -> [ETSSpecification] {
        let errors: [ETSErrorType] = [.additive, .multiplicative]
        var trends: [ETSTrendType] = [.none, .additive]
        if options.allowMultiplicativeTrend { trends.append(.multiplicative) }
        let seasonal = seasonLength > 1 && seasonLength <= 24 && count > seasonLength
        let seasons: [ETSSeasonType] = seasonal ? [.none, .additive, .multiplicative] : [.none]
        let dampings = options.damped.map { [$0] } ?? [true, false]
        var result: [ETSSpecification] = []
        for error in errors {
            for trend in trends {
                for season in seasons {
                    for damped in dampings {
                        if trend == .none && damped { continue }
                        let trendType: ETSTrendType
                        switch (trend, damped) {
                        case (.additive, true): trendType = .additiveDamped
                        case (.multiplicative, true): trendType = .multiplicativeDamped
                        default: trendType = trend
                        }
                        let spec = ETSSpecification(error: error, trend: trendType, season: season)
                        if spec.isRestricted { continue }
                        if options.additiveOnly
                            && (error == .multiplicative || trend == .multiplicative || season == .multiplicative)
                        {
                            continue
                        }
                        if !positive && error == .multiplicative { continue }
                        result.append(spec)
                    }
                }
            }
        }
        return result
    }

    /// Fits every candidate and returns the one with the smallest criterion (first found on ties, as R).
    ///
    /// - Parameters:
    ///   - y: the observations, oldest first; finite values only.
    ///   - seasonLength: observations per season m (1 for none).
    ///   - options: search settings, R's defaults.
    /// - Returns: the selected model.
    /// - Throws: `ForecastingError.missingValues` for NaN or infinite values; `.tooShort` for an
    ///   empty series or when no candidate can be fitted; `.invalidSpecification` when the search set is empty.
    ///
    /// A constant series gets R's `ses(y, alpha = 0.99999, initial = "simple")`: ETS(A,N,N) with
    /// σ² = 0 and zero-width intervals.
    ///
    /// For n ≤ 6 (7 with `damped: true`) R does not search: it fits Holt–Winters by least squares
    /// with and without a trend and keeps the one with the smaller σ²; so do we (see
    /// ``ETSModel/Estimation/holtWintersLeastSquares``).
    /// - Complexity: up to 15 (30 with multiplicative trends) fits of O(2000·n) each.
    public static func fit(_ y: [Double], seasonLength: Int, options: Options = Options()) throws(ForecastingError)
        -> ETSModel
    {
        let label = "AutoETS"
        if y.contains(where: { !$0.isFinite }) { throw .missingValues(model: label) }
        if let first = y.first, y.allSatisfy({ $0 == first }) {
            // R's ets(y) on a constant series: simple exponential smoothing with α = 0.99999 and ℓ₀ = y₁.
            return try ETSModel.holtWinters(
                y, seasonLength: seasonLength, trend: false, exponential: false,
                season: .none, options: options.estimation, fixedAlpha: 0.99999)
        }
        // R's pre-check counts only what is fixed before the search: 2, plus 1 if damping is forced;
        // at or below that plus 4 it fits Holt–Winters with and without trend and keeps the smaller σ².
        let minimum = 2 + (options.damped == true ? 1 : 0) + 5
        if y.count < minimum {
            return try ETSModel.shortSeriesFit(
                y, seasonLength: seasonLength, trend: nil, season: nil,
                options: options.estimation, label: label)
        }
        let positive = y.allSatisfy { $0 > 0 }
        let forms = candidates(count: y.count, seasonLength: seasonLength, positive: positive, options: options)
        if forms.isEmpty {
            throw .invalidSpecification("AutoETS has no model form to try with these options")
        }
        var best: ETSModel?
        var bestScore = Double.infinity
        for form in forms {
            guard
                let model = try? ETSModel.estimate(
                    y, seasonLength: seasonLength, specification: form,
                    options: options.estimation)
            else { continue }
            let score: Double?
            switch options.criterion {
            case .aicc: score = model.summary.aicc
            case .aic: score = model.summary.aic
            case .bic: score = model.summary.bic
            }
            if let score, !score.isNaN, score < bestScore {
                best = model
                bestScore = score
            }
        }
        guard let best else {
            throw .tooShort(model: label, count: y.count, minimum: 4)
        }
        return best
    }
}
