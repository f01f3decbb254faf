/// The covariance estimator behind standard errors, t statistics, p-values and intervals.
///
/// `hc0`–`hc3` are White's heteroskedasticity-consistent estimators in MacKinnon & White's (1985)
/// numbering, as in R's `sandwich::vcovHC` and statsmodels' `cov_type`:
/// `(XᵀX)⁻¹ Xᵀ diag(ωᵢ) X (XᵀX)⁻¹` with `ωᵢ = eᵢ²` (HC0), `eᵢ² n/(n−p)` (HC1),
/// `eᵢ²/(1−hᵢ)` (HC2) and `eᵢ²/(1−hᵢ)²` (HC3), `hᵢ` the leverage.
public enum CovarianceEstimator: String, Sendable, CaseIterable, Codable {
    /// `σ² (XᵀX)⁻¹`, valid under homoskedastic errors (R's `summary.lm`).
    case classical
    /// White's estimator.
    case hc0
    /// HC0 with the degrees-of-freedom correction `n/(n−p)` (Stata's `robust`).
    case hc1
    /// HC0 with residuals inflated by `1/(1−hᵢ)`.
    case hc2
    /// HC0 with residuals inflated by `1/(1−hᵢ)²` (close to the jackknife).
    case hc3
}

/// How a linear regression is fitted.
public struct RegressionOptions: Sendable, Equatable {
    /// Whether the model has an intercept, named `(Intercept)` as in R.
    public var includeIntercept: Bool
    /// Case weights for weighted least squares (minimise `Σ wᵢ eᵢ²`); `nil` for ordinary least squares.
    /// Weights must be finite and non-negative; rows of weight zero do not enter the fit or the
    /// degrees of freedom (as in R's `lm`), but still receive fitted values and residuals.
    public var weights: [Double]?
    /// Ridge penalty `λ ≥ 0`: minimise `Σ wᵢ eᵢ² + λ Σⱼ βⱼ²` over the slopes, the intercept
    /// unpenalised, on the predictors as given (standardise them first if their scales differ).
    /// `nil` for no penalty.
    public var ridgePenalty: Double?
    /// Covariance estimator for the reported inference.
    public var covariance: CovarianceEstimator
    /// Rank tolerance for the pivoted QR (see `LeastSquaresFactorization`); `nil` for `max(n, p) · ε`.
    public var rankTolerance: Double?

    /// Options for ordinary least squares with an intercept and classical standard errors.
    public init(includeIntercept: Bool = true, weights: [Double]? = nil, ridgePenalty: Double? = nil,
                covariance: CovarianceEstimator = .classical, rankTolerance: Double? = nil) {
        self.includeIntercept = includeIntercept
        self.weights = weights
        self.ridgePenalty = ridgePenalty
        self.covariance = covariance
        self.rankTolerance = rankTolerance
    }
}

/// One estimated coefficient with its inference.
public struct RegressionCoefficient: Sendable, Equatable, Codable {
    /// Predictor name; the intercept is `(Intercept)`.
    public let name: String
    /// The estimate `β̂ⱼ`.
    public let estimate: Double
    /// Its standard error under the chosen covariance estimator.
    public let standardError: Double
    /// `t = β̂ⱼ / se(β̂ⱼ)`.
    public let tStatistic: Double
    /// Two-sided p-value `2 P(T_df > |t|)` with `df` the residual degrees of freedom.
    public let pValue: Double
    /// Lower end of the 95% confidence interval, `β̂ⱼ − t_{0.975, df} se`.
    public let lower95: Double
    /// Upper end of the 95% confidence interval.
    public let upper95: Double
}

/// A prediction for one new row.
public struct RegressionPrediction: Sendable, Equatable, Codable {
    /// The fitted mean `x₀ᵀβ̂`.
    public let mean: Double
    /// Standard error of the mean, `√(x₀ᵀ V x₀)` with `V` the coefficient covariance.
    public let standardError: Double
    /// Confidence interval for the mean at the requested level.
    public let confidenceLower: Double
    /// Upper end of the confidence interval.
    public let confidenceUpper: Double
    /// Prediction interval for a new observation (of weight 1): `mean ± t √(se² + σ̂²)`.
    public let predictionLower: Double
    /// Upper end of the prediction interval.
    public let predictionUpper: Double
}
