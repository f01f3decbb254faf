import Foundation
import LinearAlgebra
import Statistics

/// How ARIMA coefficients are estimated, as R's `arima(method =)`.
public enum ARIMAEstimationMethod: String, Sendable, Hashable, CaseIterable {
    /// Conditional sum of squares for starting values, then exact maximum likelihood (R's
    /// default `"CSS-ML"`). A series with missing values is fitted by ML, as in R.
    case cssThenMaximumLikelihood = "CSS-ML"
    /// Exact Gaussian maximum likelihood through the Kalman filter (`"ML"`).
    case maximumLikelihood = "ML"
    /// Minimise the conditional sum of squares only (`"CSS"`); no AIC is reported.
    case conditionalSumOfSquares = "CSS"
}

/// A seasonal ARIMA(p,d,q)(P,D,Q)[m] specification with optional mean or drift.
///
/// The model for the series `yₜ` with regressors `xₜ` is
///
///     yₜ = μ + δ t + βᵀxₜ + ηₜ,   φ(B) Φ(Bᵐ) (1 − B)ᵈ (1 − Bᵐ)ᴰ ηₜ = θ(B) Θ(Bᵐ) εₜ,  εₜ ~ N(0, σ²)
///
/// with `φ(B) = 1 − φ₁B − … − φₚBᵖ`, `θ(B) = 1 + θ₁B + … + θ_qB^q` (R's sign convention).
/// The mean `μ` is only estimated when `d + D = 0` and ``includeMean`` is set; the drift `δ` only
/// when ``includeDrift`` is set and `d + D ≤ 1` (R ignores drift for two or more differences).
///
/// This is the one ARIMA order type of the public API: ``ModelSpecification/arima(_:)`` carries
/// it, and the grammar `arima(p,d,q)(P,D,Q)[m]+mean` parses to it. Its arguments are R's
/// `Arima(order =, seasonal =, include.mean =, include.drift =, method =)`, with R's defaults;
/// the grammar differs in one default only: `arima(1,0,0)` has no mean unless `+mean` is written,
/// so a model named on the command line states its constant.
///
/// Two specifications are equal when they define the same model: ``includeMean`` is compared
/// only where a mean is estimated (`d + D = 0`) and ``includeDrift`` only where a drift is
/// (`d + D ≤ 1`), so `ARIMASpecification(d: 1, q: 1)` equals the parsed `arima(0,1,1)`.
public struct ARIMASpecification: Sendable, Hashable, CustomStringConvertible {
    /// Non-seasonal AR order `p ≥ 0`.
    public var p: Int
    /// Non-seasonal differences `d ≥ 0`.
    public var d: Int
    /// Non-seasonal MA order `q ≥ 0`.
    public var q: Int
    /// Seasonal AR order `P ≥ 0`.
    public var seasonalP: Int
    /// Seasonal differences `D ≥ 0`.
    public var seasonalD: Int
    /// Seasonal MA order `Q ≥ 0`.
    public var seasonalQ: Int
    /// Season length `m` (12 monthly, 4 quarterly, 1 for none).
    public var seasonLength: Int
    /// Estimate a mean when the model has no differencing (R's `include.mean`, default `true`).
    public var includeMean: Bool
    /// Estimate a linear drift (R's `include.drift`, default `false`).
    public var includeDrift: Bool
    /// Estimation method, default CSS-ML.
    public var method: ARIMAEstimationMethod

    /// A specification.
    ///
    /// - Parameters:
    ///   - p: AR order.
    ///   - d: differences.
    ///   - q: MA order.
    ///   - seasonalP: seasonal AR order.
    ///   - seasonalD: seasonal differences.
    ///   - seasonalQ: seasonal MA order.
    ///   - seasonLength: `m`; seasonal orders must be 0 when `m ≤ 1`.
    ///   - includeMean: estimate a mean when `d + D = 0`.
    ///   - includeDrift: estimate a drift.
    ///   - method: estimation method.
    public init(p: Int = 0, d: Int = 0, q: Int = 0, seasonalP: Int = 0, seasonalD: Int = 0, seasonalQ: Int = 0,
                seasonLength: Int = 1, includeMean: Bool = true, includeDrift: Bool = false,
                method: ARIMAEstimationMethod = .cssThenMaximumLikelihood) {
        self.p = p
        self.d = d
        self.q = q
        self.seasonalP = seasonalP
        self.seasonalD = seasonalD
        self.seasonalQ = seasonalQ
        self.seasonLength = seasonLength
        self.includeMean = includeMean
        self.includeDrift = includeDrift
        self.method = method
    }

    /// `ARIMA(p,d,q)` or `ARIMA(p,d,q)(P,D,Q)[m]`, as R writes the orders.
    public var description: String {
        var s = "ARIMA(\(p),\(d),\(q))"
        if seasonLength > 1 && seasonalP + seasonalD + seasonalQ > 0 {
            s += "(\(seasonalP),\(seasonalD),\(seasonalQ))[\(seasonLength)]"
        }
        return s
    }

    /// Whether a mean `μ` is estimated: ``includeMean`` and no differencing (`d + D = 0`).
    public var estimatesMean: Bool { includeMean && d == 0 && seasonalD == 0 }

    /// Whether a drift `δ` is estimated: ``includeDrift`` and at most one difference (`d + D ≤ 1`).
    public var estimatesDrift: Bool { includeDrift && d <= 1 && seasonalD <= 1 - d }

    /// Whether both define the same model (see the type's discussion).
    public static func == (a: Self, b: Self) -> Bool {
        a.p == b.p && a.d == b.d && a.q == b.q && a.seasonalP == b.seasonalP && a.seasonalD == b.seasonalD
            && a.seasonalQ == b.seasonalQ && a.seasonLength == b.seasonLength && a.method == b.method
            && a.estimatesMean == b.estimatesMean && a.estimatesDrift == b.estimatesDrift
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        for value in [p, d, q, seasonalP, seasonalD, seasonalQ, seasonLength] { hasher.combine(value) }
        hasher.combine(method)
        hasher.combine(estimatesMean)
        hasher.combine(estimatesDrift)
    }

    var orders: ARMAOrders {
        ARMAOrders(p: p, q: q, seasonalP: seasonalP, seasonalQ: seasonalQ, period: max(seasonLength, 1),
                   d: d, seasonalD: seasonalD)
    }

    func validate() throws(ForecastingError) {
        if [p, d, q, seasonalP, seasonalD, seasonalQ].contains(where: { $0 < 0 }) {
            throw .invalidSpecification("ARIMA orders must be non-negative, got \(self)")
        }
        if seasonLength < 1 { throw .invalidSpecification("seasonLength must be at least 1, got \(seasonLength)") }
        if seasonLength == 1 && seasonalP + seasonalD + seasonalQ > 0 {
            throw .invalidSpecification("seasonal orders (\(seasonalP),\(seasonalD),\(seasonalQ)) need seasonLength > 1")
        }
        if p + seasonLength * seasonalP > 350 || q + seasonLength * seasonalQ > 349 {
            throw .invalidSpecification("the expanded ARIMA lag is above 350; lower the seasonal orders")
        }
    }
}

/// A named exogenous regressor: one value per observation.
public struct ARIMARegressor: Sendable, Equatable {
    /// Column name, used as the coefficient name.
    public var name: String
    /// Values aligned with the series; NaN marks a missing value.
    public var values: [Double]

    /// A regressor.
    ///
    /// - Parameters:
    ///   - name: the coefficient name.
    ///   - values: one value per observation.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// A fitted ARIMA / regression-with-ARIMA-errors model, estimated as R's `forecast::Arima`.
///
/// ```swift
/// let model = try ARIMAModel.fit(series, specification: ARIMASpecification(p: 0, d: 1, q: 1,
///     seasonalP: 0, seasonalD: 1, seasonalQ: 1, seasonLength: 12))
/// let forecast = try model.forecast(horizon: 24, levels: [80, 95])
/// ```
///
/// Coefficients are named `ar1…`, `ma1…`, `sar1…`, `sma1…`, `intercept`, `drift`, then the
/// regressor names. Criteria follow `forecast::Arima`: with `k` estimated coefficients,
/// `npar = k + 1`, `n* = n − d − D m` (non-missing span), `AIC = −2 logL + 2 npar`,
/// `AICc = AIC + 2 npar (npar + 1) / (n* − npar − 1)`, `BIC = AIC + npar (log n* − 2)` and
/// `σ² = Σ eₜ² / (n* − npar + 1)`.
public struct ARIMAModel: FittedForecaster, Sendable {
    /// The specification that was fitted (drift dropped when `d + D > 1`, as R does).
    public let specification: ARIMASpecification
    /// Coefficient names, in R's order.
    public let coefficientNames: [String]
    /// Coefficient values, aligned with ``coefficientNames``.
    public let coefficients: [Double]
    /// Standard errors from the inverse numerical Hessian (NaN where the Hessian gives a
    /// negative variance; 0 for fixed coefficients).
    public let standardErrors: [Double]
    /// The coefficients' covariance from the inverse numerical Hessian (R's `var.coef`), over all
    /// of ``coefficientNames`` (column-major, `k × k`); rows and columns of fixed coefficients are
    /// zero. Empty when the fit produced none.
    public let coefficientCovariance: [Double]
    /// `forecast::Arima`'s innovation variance `Σ eₜ² / (n* − npar + 1)`.
    public let sigma2: Double
    /// Gaussian log-likelihood (for CSS, R's CSS analogue).
    public let logLikelihood: Double
    /// AIC, AICc and BIC (nil for CSS fits, as R's `NA`).
    public let aic: Double?
    /// AICc.
    public let aicc: Double?
    /// BIC.
    public let bic: Double?
    /// Number of observations used by the likelihood (non-missing minus `d + mD`).
    public let usedObservations: Int
    /// `false` when BFGS stopped at its iteration limit (R's `code = 1`); the estimates are the
    /// last iterate, as R reports them.
    public let converged: Bool
    /// The method actually used (CSS-ML becomes ML when the data have missing values).
    public let method: ARIMAEstimationMethod
    public let fittedValues: [Double]
    public let residuals: [Double]

    let series: [Double]
    let state: ARIMAStateSpace
    let orders: ARMAOrders
    /// Names of the user regressors (without intercept and drift).
    public let regressorNames: [String]
    let hasIntercept: Bool
    let hasDrift: Bool

    /// R's `arima.string`: `ARIMA(2,1,1)(0,1,0)[12] with drift`, `Regression with ARIMA(1,0,0) errors`.
    public var name: String {
        var s = specification.description
        if !regressorNames.isEmpty {
            s = "Regression with \(s) errors"
        } else if hasDrift {
            s += " with drift"
        } else if hasIntercept {
            s += " with non-zero mean"
        } else if specification.d == 0 && specification.seasonalD == 0 {
            s += " with zero mean"
        }
        return s
    }

    public var summary: ModelSummary {
        ModelSummary(name: name, parameters: zip(coefficientNames, coefficients).map { ($0, $1) }, sigma2: sigma2,
                     logLikelihood: logLikelihood, aic: aic, aicc: aicc, bic: bic)
    }

    /// Fit a model as R's `forecast::Arima(y, order, seasonal, xreg, include.mean, include.drift, method)`.
    ///
    /// - Parameters:
    ///   - series: the observations, oldest first; NaN marks a missing value (handled inside the
    ///     Kalman filter; CSS-ML then becomes ML).
    ///   - specification: orders, mean/drift and method.
    ///   - regressors: exogenous regressors, each with one value per observation.
    /// - Returns: the fitted model.
    /// - Throws: `ForecastingError.invalidSpecification` for bad orders or regressor lengths;
    ///   `.tooShort` when the series cannot carry the differencing; `.numerical` when the CSS start
    ///   is non-stationary (R: "non-stationary AR part from CSS"), the Hessian is singular or the
    ///   objective is undefined at the start.
    /// - Complexity: O(iterations · k · n · (r + d)²) for `k` coefficients and state size `r + d`.
    public static func fit(_ series: [Double], specification: ARIMASpecification,
                           regressors: [ARIMARegressor] = []) throws(ForecastingError) -> ARIMAModel {
        try fit(series, specification: specification, regressors: regressors, fixed: nil)
    }

    static func fit(_ series: [Double], specification requested: ARIMASpecification, regressors: [ARIMARegressor],
                    fixed: [Double]?, constantRule: Bool = false) throws(ForecastingError) -> ARIMAModel {
        try requested.validate()
        var spec = requested
        let differencing = spec.d + spec.seasonalD * spec.seasonLength
        if series.count <= differencing {
            throw .tooShort(model: spec.description, count: series.count, minimum: differencing + 1)
        }
        if spec.d + spec.seasonalD > 1 && spec.includeDrift { spec.includeDrift = false }
        for r in regressors where r.values.count != series.count {
            throw .invalidSpecification("regressor \(r.name) has \(r.values.count) values; the series has \(series.count)")
        }
        if !series.contains(where: { !$0.isNaN }) {
            throw .tooShort(model: spec.description, count: 0, minimum: differencing + 1)
        }
        var columns: [[Double]] = []
        var names: [String] = []
        if spec.includeDrift {
            columns.append((1...series.count).map(Double.init))
            names.append("drift")
        }
        columns += regressors.map(\.values)
        names += regressors.map(\.name)
        let estimate = try ARIMAEstimator.estimate(series, orders: spec.orders, regressors: columns, regressorNames: names,
                                                   includeMean: spec.includeMean, method: spec.method, fixed: fixed)
        return ARIMAModel(series: series, specification: spec, estimate: estimate, userRegressors: regressors.map(\.name))
    }

    init(series: [Double], specification: ARIMASpecification, estimate: ARIMAEstimate, userRegressors: [String]) {
        self.series = series
        self.specification = specification
        self.orders = estimate.orders
        self.coefficientNames = estimate.names
        self.coefficients = estimate.coefficients
        var errors = [Double](repeating: 0, count: estimate.coefficients.count)
        let k = estimate.mask.filter { $0 }.count
        var c = 0
        for i in estimate.mask.indices where estimate.mask[i] {
            let v = estimate.covariance.count == k * k ? estimate.covariance[c + k * c] : .nan
            errors[i] = v >= 0 ? v.squareRoot() : .nan
            c += 1
        }
        self.standardErrors = errors
        self.coefficientCovariance = Self.expandCovariance(estimate.covariance, mask: estimate.mask)
        self.logLikelihood = estimate.logLikelihood
        self.usedObservations = estimate.usedObservations
        self.converged = estimate.converged
        self.method = estimate.method
        self.state = estimate.model
        self.regressorNames = userRegressors
        // From the specification, not the names: a user regressor may be called "drift".
        self.hasIntercept = specification.includeMean && specification.d + specification.seasonalD == 0
        self.hasDrift = specification.includeDrift
        self.residuals = estimate.residuals
        self.fittedValues = zip(series, estimate.residuals).map { $0 - $1 }
        let npar = Double(k + 1)
        let present = estimate.residuals.indices.filter { !estimate.residuals[$0].isNaN }
        let span = present.isEmpty ? 0 : present.filter { $0 >= present[0] && $0 <= present[present.count - 1] }.count
        let nstar = Double(span - specification.d - specification.seasonalD * specification.seasonLength)
        if let aic = estimate.aic {
            self.aic = aic
            self.aicc = aic + 2 * npar * (nstar / (nstar - npar - 1) - 1)
            self.bic = aic + npar * (Foundation.log(nstar) - 2)
        } else {
            self.aic = nil
            self.aicc = nil
            self.bic = nil
        }
        let ssq = estimate.residuals.reduce(0.0) { $1.isNaN ? $0 : $0 + $1 * $1 }
        self.sigma2 = ssq / (nstar - npar + 1)
        self.statsSigma2 = estimate.sigma2
        self.estimatedCount = k
        self.regressionCoefficients = Array(estimate.coefficients[estimate.orders.armaCount...])
        self.regressionColumns = estimate.regressors
    }

    /// R's `Arima(values, model = self)`: the same orders and coefficients (mean and drift
    /// included), re-filtered on `values`; σ² and the criteria are recomputed, nothing is
    /// estimated. Models with user regressors need their future values and are not re-filtered
    /// here (`nil`).
    ///
    /// - Complexity: one Kalman filter pass, O(n · (r + d)²).
    public func refiltered(on values: [Double]) throws(ForecastingError) -> (any FittedForecaster)? {
        guard regressorNames.isEmpty else { return nil }
        return try ARIMAModel.fit(values, specification: specification, regressors: [], fixed: coefficients)
    }

    /// `stats::arima`'s σ² (used by AutoARIMA's CSS criterion and offset).
    let statsSigma2: Double
    let estimatedCount: Int
    /// Intercept, drift and user-regressor coefficients, in that order.
    let regressionCoefficients: [Double]
    /// The in-sample columns of those coefficients (ones, `1…n`, the regressors), as fitted.
    let regressionColumns: [[Double]]

    /// The expanded AR polynomial coefficients `φ` (length `p + mP`).
    var expandedAR: [Double] { state.phi }
    /// The expanded MA polynomial coefficients `θ` (length `q + mQ`).
    var expandedMA: [Double] { state.theta }
}
