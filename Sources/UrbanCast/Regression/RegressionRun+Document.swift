import Forecasting

extension RegressionRun {
    /// The document of `urbancast regress --format json`; its coding keys are the contract
    /// (`Schemas/regress.schema.json`):
    /// `{"n", "dfResidual", "coefficients": [{"name", "estimate", "stdError", "t", "p", "lower95",
    /// "upper95"}], "rSquared", "adjustedRSquared", "residualStandardError", "fStatistic", "fPValue",
    /// "logLikelihood", "aic", "bic", "conditionNumber", "covariance", "vif", "weighted",
    /// "ridgePenalty", "rowsDroppedMissing"}`. Non-finite numbers are `null`.
    public struct Document: Codable, Sendable {
        /// One coefficient's row.
        public struct Coefficient: Codable, Sendable {
            /// The predictor, or `(Intercept)`.
            public var name: String
            /// The estimate.
            @NullWhenNotFinite public var estimate: Double
            /// Its standard error (of the covariance estimator named in ``Document/covariance``).
            @NullWhenNotFinite public var stdError: Double
            /// The t statistic.
            @NullWhenNotFinite public var t: Double
            /// The two-sided p-value.
            @NullWhenNotFinite public var p: Double
            /// The lower end of the 95% confidence interval.
            @NullWhenNotFinite public var lower95: Double
            /// The upper end of the 95% confidence interval.
            @NullWhenNotFinite public var upper95: Double
        }

        /// Observations used.
        public var n: Int
        /// Residual degrees of freedom (fractional under ridge).
        @NullWhenNotFinite public var dfResidual: Double
        /// The coefficients, intercept first.
        public var coefficients: [Coefficient]
        /// R².
        @NullWhenNotFinite public var rSquared: Double
        /// Adjusted R².
        @NullWhenNotFinite public var adjustedRSquared: Double
        /// Residual standard error.
        @NullWhenNotFinite public var residualStandardError: Double
        /// The overall F statistic; `null` without predictors.
        @ExplicitNull public var fStatistic: Double?
        /// Its p-value.
        @ExplicitNull public var fPValue: Double?
        /// The Gaussian log-likelihood.
        @NullWhenNotFinite public var logLikelihood: Double
        /// Akaike's information criterion.
        @NullWhenNotFinite public var aic: Double
        /// The Bayesian information criterion.
        @NullWhenNotFinite public var bic: Double
        /// The condition number of the design matrix.
        @NullWhenNotFinite public var conditionNumber: Double
        /// The covariance estimator (`classical`, `hc0` … `hc3`).
        public var covariance: CovarianceEstimator
        /// Variance inflation factors by predictor.
        public var vif: NamedValues<Double>
        /// Whether the fit was weighted.
        public var weighted: Bool
        /// The ridge penalty λ, or `null`.
        @ExplicitNull public var ridgePenalty: Double?
        /// Rows dropped for a missing value.
        public var rowsDroppedMissing: Int
    }

    /// The run as its JSON document.
    ///
    /// - Complexity: O(predictors).
    public var document: Document {
        let fit = self.fit
        let predictors = fit.options.includeIntercept ? Array(fit.coefficients.dropFirst()) : fit.coefficients
        return Document(
            n: fit.observationCount, dfResidual: fit.residualDegreesOfFreedom,
            coefficients: fit.coefficients.map {
                Document.Coefficient(name: $0.name, estimate: $0.estimate, stdError: $0.standardError, t: $0.tStatistic,
                                     p: $0.pValue, lower95: $0.lower95, upper95: $0.upper95)
            },
            rSquared: fit.rSquared, adjustedRSquared: fit.adjustedRSquared, residualStandardError: fit.residualStandardError,
            fStatistic: fit.fStatistic, fPValue: fit.fPValue, logLikelihood: fit.logLikelihood, aic: fit.aic, bic: fit.bic,
            conditionNumber: fit.conditionNumber, covariance: fit.options.covariance,
            vif: NamedValues(zip(predictors, fit.varianceInflationFactors).map { ($0.name, $1) }),
            weighted: fit.options.weights != nil, ridgePenalty: fit.options.ridgePenalty,
            rowsDroppedMissing: rowsDroppedMissing)
    }
}
