import Forecasting

extension ScenarioRun {
    /// What a driver's projection or an indicator's model was fitted to and how well: one entry
    /// of `summary.json`'s `"drivers"` and `"indicators"`.
    ///
    /// Which keys a fit has depends on its `method`; the others are absent (`nil`):
    /// - `growth`: `percentPerYear`, `sd`, `baseValue`;
    /// - `relative path`: `baseValue`, `pathAtBase`; `path`: nothing more;
    /// - `model`, `time series` and `intensity` on a time-series model: `model`, `parameters`,
    ///   `sigma2`, `aicc`;
    /// - `regression` with ARIMA errors: those four and `coefficients`;
    /// - `regression` by OLS, `intensity` by log-log elasticity and `hourly load` (with its
    ///   `output`): `model`, `coefficients`, `observations`, `rSquared`,
    ///   `residualStandardError`, and `turningPoint` for a quadratic (Kuznets) elasticity;
    /// - `intensity` with a cross-section prior: `model`, `prior`, `city`, `records`,
    ///   `elasticity`, `level`, `residualStandardDeviation`.
    ///
    /// A key present with no value (`sigma2` of a model without one, a turning point that is a
    /// minimum) is written as `null`.
    public struct ModelFit: Codable, Sendable, Equatable {
        /// An estimate and its standard error.
        public struct Estimate: Codable, Sendable, Equatable {
            /// The estimate.
            @NullWhenNotFinite public var estimate: Double
            /// Its standard error.
            @NullWhenNotFinite public var stdError: Double
        }

        /// A regression coefficient.
        public struct Coefficient: Codable, Sendable, Equatable {
            /// The regressor, or `(Intercept)`.
            public var name: String
            /// The estimate.
            @NullWhenNotFinite public var estimate: Double
            /// Its standard error.
            @NullWhenNotFinite public var stdError: Double
        }

        /// The cross-section regression that gives an elasticity its prior.
        public struct Prior: Codable, Sendable, Equatable {
            /// The cross-section elasticity.
            @NullWhenNotFinite public var estimate: Double
            /// Its standard error.
            @NullWhenNotFinite public var stdError: Double
            /// The cities in the cross-section.
            public var cities: Int
            /// R² of the cross-section regression.
            @NullWhenNotFinite public var rSquared: Double
        }

        /// The driver's or indicator's name.
        public var name: String
        /// Its unit as the specification gives it.
        @ExplicitNull public var unit: String?
        /// `growth`, `model`, `path`, `relative path`, `intensity`, `regression`, `time series`
        /// or `hourly load`.
        public var method: String
        /// The hourly load model's output (`peak`, `energy`).
        public var output: String?
        /// Growth, percent per year.
        public var percentPerYear: Double?
        /// Growth's standard deviation, percentage points.
        public var sd: Double?
        /// The observed base-year value the projection starts from.
        public var baseValue: Double?
        /// A relative path's value in the base year.
        public var pathAtBase: Double?
        /// The model's name.
        public var model: String?
        /// A time-series model's parameters by name.
        public var parameters: NamedValues<Double>?
        /// A time-series model's innovation variance.
        public var sigma2: ExplicitNull<Double>?
        /// A time-series model's AICc.
        public var aicc: ExplicitNull<Double>?
        /// A regression's coefficients.
        public var coefficients: [Coefficient]?
        /// A regression's observations.
        public var observations: Int?
        /// A regression's R².
        public var rSquared: Double?
        /// A regression's residual standard error.
        public var residualStandardError: Double?
        /// The affluence at which a Kuznets curve peaks; `null` when the curve has no maximum.
        public var turningPoint: ExplicitNull<Double>?
        /// The cross-section prior.
        public var prior: Prior?
        /// The city's own estimate of the elasticity; `null` when its records do not identify one.
        public var city: ExplicitNull<Estimate>?
        /// The city's records used.
        public var records: Int?
        /// The posterior elasticity; `null` when it cannot be formed.
        public var elasticity: ExplicitNull<Estimate>?
        /// The fitted level of log intensity at the mean of the log driver.
        public var level: Double?
        /// The residual standard deviation of log intensity.
        public var residualStandardDeviation: Double?
        /// What the specification's `missing:` policy did to the history series; absent under `refuse`.
        public var missingValues: MissingValueTreatment?

        /// A fit by `method` with nothing else yet.
        init(method: String) {
            name = ""
            unit = nil
            self.method = method
        }

        /// A fit by `method` of a time-series model with `summary`.
        init(method: String, summary: ModelSummary) {
            self.init(method: method)
            model = summary.name
            parameters = NamedValues(summary.parameters)
            sigma2 = ExplicitNull(wrappedValue: summary.sigma2)
            aicc = ExplicitNull(wrappedValue: summary.aicc)
        }

        /// A fit by `method` of a linear regression.
        init(method: String, regression fit: LinearRegression, model: String) {
            self.init(method: method)
            self.model = model
            coefficients = fit.coefficients.map { Coefficient(name: $0.name, estimate: $0.estimate, stdError: $0.standardError) }
            observations = fit.observationCount
            rSquared = fit.rSquared
            residualStandardError = fit.residualStandardError
        }

        /// The fit with its driver's or indicator's name and unit, and what the missing-value
        /// policy did to its history.
        func named(_ name: String, unit: String?, missingValues: MissingValueTreatment? = nil) -> ModelFit {
            var fit = self
            fit.name = name
            fit.unit = unit
            fit.missingValues = missingValues
            return fit
        }
    }
}
