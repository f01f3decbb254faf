import LinearAlgebra
import Statistics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fitted linear regression `y = Xβ + ε` by ordinary, weighted or ridge least squares, with the
/// inference of R's `summary.lm` and statsmodels' `OLS`/`WLS`.
///
/// The design is factorised by column-pivoted Householder QR on power-of-two equilibrated columns,
/// and coefficients, residuals and `(XᵀWX)⁻¹` are refined with residuals accumulated in
/// double-double (see `LeastSquaresFactorization`). On the NIST StRD linear least-squares
/// datasets every coefficient, standard error, the residual standard deviation and R² agree with
/// the certified values to at least 9 significant digits (Filip, condition number ≈ 10¹⁵, to 7).
///
/// A rank-deficient design is an error naming the aliased columns and the linear combination that
/// makes each of them redundant; UrbanCast never drops a column silently as R's `lm` does.
///
/// ```swift
/// let fit = try LinearRegression(response: [1, 3, 2, 5, 4],
///                                predictors: [[1, 2, 3, 4, 5]], names: ["x"])
/// fit.coefficients[1].estimate   // 0.8
/// ```
public struct LinearRegression: Sendable {
    /// The options the model was fitted with.
    public let options: RegressionOptions
    /// Coefficients in design order: `(Intercept)` first when present, then the predictors.
    public let coefficients: [RegressionCoefficient]
    /// Covariance matrix of the coefficients under `options.covariance`, in coefficient order.
    public let covariance: Matrix
    /// Observations that entered the fit (rows with positive weight).
    public let observationCount: Int
    /// Residual degrees of freedom `n − p` (for ridge, `n − tr(H)`, not an integer in general).
    public let residualDegreesOfFreedom: Double
    /// `R² = 1 − RSS/TSS`; TSS is centred about the (weighted) mean when the model has an intercept
    /// and uncentred (`Σ wᵢ yᵢ²`) when it has not, as in R and NIST StRD.
    public let rSquared: Double
    /// `1 − (1 − R²)(n − k)/df`, `k = 1` with an intercept and 0 without.
    public let adjustedRSquared: Double
    /// `σ̂ = √(RSS / df)` in the units of the response.
    public let residualStandardError: Double
    /// Residual sum of squares `Σ wᵢ eᵢ²`.
    public let residualSumOfSquares: Double
    /// The overall F statistic against the intercept-only model (or the zero model without an
    /// intercept). With a robust covariance it is the Wald statistic `β̂ₛᵀ Vₛ⁻¹ β̂ₛ / q` on the slopes,
    /// as statsmodels reports; `nil` when there are no slopes or for ridge fits.
    public let fStatistic: Double?
    /// Numerator degrees of freedom of `fStatistic`.
    public let fNumeratorDegreesOfFreedom: Double?
    /// Upper-tail p-value of `fStatistic` on (q, df) degrees of freedom.
    public let fPValue: Double?
    /// Gaussian log-likelihood at the ML variance `RSS/n`:
    /// `−n/2 (log 2π + log(RSS/n) + 1) + ½ Σ log wᵢ`, as R's `logLik.lm`.
    public let logLikelihood: Double
    /// `AIC = −2 log L + 2 (p + 1)`: R's convention, counting σ² as a parameter.
    /// statsmodels omits σ² and reports 2 less.
    public let aic: Double
    /// `BIC = −2 log L + log(n) (p + 1)`, R's convention (statsmodels: `log n` less).
    public let bic: Double
    /// 2-norm condition number `σ_max/σ_min` of the design as given (including the intercept
    /// column, weighted for WLS), statsmodels' `condition_number`. Large values (> 10³⁰ᐟ²) warn of
    /// collinearity or poor scaling; accuracy here does not depend on it.
    public let conditionNumber: Double
    /// Variance inflation factor of each predictor (the intercept excluded), in predictor order:
    /// `1/(1 − R²ⱼ)` with `R²ⱼ` from regressing predictor j on the other columns of the unweighted
    /// design (centred R² with an intercept, uncentred without).
    public let varianceInflationFactors: [Double]
    /// Residuals `yᵢ − ŷᵢ` for every input row (unweighted), including rows of weight zero.
    public let residuals: [Double]
    /// Fitted values `ŷᵢ` for every input row.
    public let fittedValues: [Double]
    /// Leverages `hᵢ` (diagonal of the hat matrix of the weighted design); zero for rows of weight zero.
    public let leverages: [Double]
    /// Whether least-squares refinement reached full precision. When `false` the design is too
    /// ill-conditioned (`κ(XD) ε ≳ 0.1`) for full accuracy and the estimates carry fewer digits.
    public let refinementConverged: Bool

    /// Fit a linear regression.
    ///
    /// - Parameters:
    ///   - response: `y`, one value per row, finite.
    ///   - predictors: the predictor columns (without the intercept), each of the length of `response`.
    ///   - names: one name per predictor column.
    ///   - options: intercept, weights, ridge penalty, covariance estimator.
    /// - Throws: `RegressionError.rankDeficient` naming aliased columns; `.tooFewObservations`
    ///   when `n ≤ p`; `.nonFiniteValue`, `.invalidWeight`, `.invalidRidgePenalty`, `.leverageOne`
    ///   (HC2/HC3 only).
    /// - Complexity: O(n p²) for the factorisation, plus O(n p²) for HC covariances and VIFs.
    public init(response: [Double], predictors: [[Double]], names: [String],
                options: RegressionOptions = RegressionOptions()) throws(RegressionError) {
        let n = response.count
        guard predictors.count == names.count else {
            throw .dimensionMismatch("\(predictors.count) predictor columns but \(names.count) names")
        }
        for (column, name) in zip(predictors, names) where column.count != n {
            throw .dimensionMismatch("predictor \(name) has \(column.count) values, response has \(n)")
        }
        for i in 0..<n where !response[i].isFinite { throw .nonFiniteValue(column: "response", row: i) }
        for (column, name) in zip(predictors, names) {
            for i in 0..<n where !column[i].isFinite { throw .nonFiniteValue(column: name, row: i) }
        }
        let weights = options.weights ?? [Double](repeating: 1, count: n)
        guard weights.count == n else { throw .dimensionMismatch("\(weights.count) weights for \(n) rows") }
        for i in 0..<n where !(weights[i].isFinite && weights[i] >= 0) { throw .invalidWeight(row: i, value: weights[i]) }
        if let lambda = options.ridgePenalty, !(lambda.isFinite && lambda >= 0) { throw .invalidRidgePenalty(lambda) }

        let used = (0..<n).filter { weights[$0] > 0 }
        guard !used.isEmpty else { throw .noPositiveWeights }
        let hasIntercept = options.includeIntercept
        let columnNames = (hasIntercept ? ["(Intercept)"] : []) + names
        let p = columnNames.count
        let m = used.count
        guard m > p else { throw .tooFewObservations(observations: m, parameters: p) }

        // Full design (all rows) and the weighted design over the rows that enter the fit.
        var designColumns: [[Double]] = hasIntercept ? [[Double](repeating: 1, count: n)] : []
        designColumns += predictors
        let rootWeights = used.map { weights[$0].squareRoot() }
        let weightedDesign = Matrix(columns: designColumns.map { column in zip(used, rootWeights).map { column[$0.0] * $0.1 } })
        let weightedResponse = zip(used, rootWeights).map { response[$0.0] * $0.1 }

        self.options = options
        observationCount = m

        do {
            conditionNumber = try SingularValueDecomposition.singularValues(of: weightedDesign).conditionNumberOrInfinity
        } catch {
            throw .numerical("singular values of the design: \(error)")
        }

        let estimates: [Double]
        let unscaledCovariance: Matrix     // (XᵀWX)⁻¹ or its ridge analogue, times σ² gives classical
        let degreesOfFreedom: Double
        var rowLeverages = [Double](repeating: 0, count: n)
        var converged = true
        let weightedResiduals: [Double]
        var olsFactorization: LeastSquaresFactorization?

        if let lambda = options.ridgePenalty, lambda > 0 {
            (estimates, unscaledCovariance, degreesOfFreedom) = try Self.ridge(
                predictors: predictors.map { column in used.map { column[$0] } },
                response: used.map { response[$0] }, weights: used.map { weights[$0] },
                hasIntercept: hasIntercept, lambda: lambda, tolerance: options.rankTolerance)
            var r = [Double](repeating: 0, count: m)
            let fitted = weightedDesign.multiplied(by: estimates)
            for i in 0..<m { r[i] = weightedResponse[i] - fitted[i] }
            weightedResiduals = r
        } else {
            let factorization: LeastSquaresFactorization
            do {
                factorization = try LeastSquaresFactorization(weightedDesign, rankTolerance: options.rankTolerance)
            } catch {
                throw .numerical("QR factorisation of the design: \(error)")
            }
            try Self.requireFullRank(factorization, design: weightedDesign, names: columnNames, hasIntercept: hasIntercept)
            olsFactorization = factorization
            do {
                let solution = try factorization.solve(weightedResponse)
                estimates = solution.coefficients
                weightedResiduals = solution.residuals
                converged = solution.refinementConverged
                unscaledCovariance = try factorization.inverseGram()
                let h = try factorization.leverages()
                for (k, i) in used.enumerated() { rowLeverages[i] = h[k] }
            } catch {
                throw .numerical("least-squares solve: \(error)")
            }
            degreesOfFreedom = Double(m - p)
        }
        refinementConverged = converged
        leverages = rowLeverages

        let rss = weightedResiduals.reduce(0) { $0 + $1 * $1 }
        residualSumOfSquares = rss
        residualDegreesOfFreedom = degreesOfFreedom
        let sigma2 = rss / degreesOfFreedom
        residualStandardError = sigma2.squareRoot()

        var fitted = [Double](repeating: 0, count: n)
        for (j, column) in designColumns.enumerated() { for i in 0..<n { fitted[i] += column[i] * estimates[j] } }
        fittedValues = fitted
        // For rows in the fit the refined residual is more accurate than y − ŷ; divide out √w.
        var unweightedResiduals = (0..<n).map { response[$0] - fitted[$0] }
        for (k, i) in used.enumerated() { unweightedResiduals[i] = weightedResiduals[k] / rootWeights[k] }
        residuals = unweightedResiduals

        // Goodness of fit.
        let totalWeight = used.reduce(0.0) { $0 + weights[$1] }
        let tss: Double
        if hasIntercept {
            let mean = used.reduce(0.0) { $0 + weights[$1] * response[$1] } / totalWeight
            tss = used.reduce(0.0) { $0 + weights[$1] * (response[$1] - mean) * (response[$1] - mean) }
        } else {
            tss = used.reduce(0.0) { $0 + weights[$1] * response[$1] * response[$1] }
        }
        rSquared = tss > 0 ? 1 - rss / tss : (rss == 0 ? 1 : 0)
        let k = hasIntercept ? 1.0 : 0.0
        adjustedRSquared = 1 - (1 - rSquared) * (Double(m) - k) / degreesOfFreedom

        let parameterCount = Double(m) - degreesOfFreedom   // p, or 1 + tr(H) for ridge
        let logWeights = used.reduce(0.0) { $0 + log(weights[$1]) }
        let nm = Double(m)
        logLikelihood = -nm / 2 * (log(2 * Double.pi) + log(rss / nm) + 1) + 0.5 * logWeights
        aic = -2 * logLikelihood + 2 * (parameterCount + 1)
        bic = -2 * logLikelihood + log(nm) * (parameterCount + 1)

        // Unweighted design for VIFs (a property of the predictors, not of the estimator).
        varianceInflationFactors = try Self.varianceInflationFactors(
            Matrix(columns: designColumns.map { column in used.map { column[$0] } }),
            hasIntercept: hasIntercept, tolerance: options.rankTolerance)

        // Covariance under the chosen estimator.
        var covariance = Matrix(rows: p, columns: p)
        for j in 0..<p { for i in 0..<p { covariance[i, j] = sigma2 * unscaledCovariance[i, j] } }
        if options.covariance != .classical {
            guard let factorization = olsFactorization else {
                throw .dimensionMismatch("robust covariance is not available for ridge fits; use classical")
            }
            covariance = try Self.robustCovariance(
                factorization, residuals: weightedResiduals, leverages: used.map { rowLeverages[$0] },
                rows: used, estimator: options.covariance)
        }
        self.covariance = covariance

        let t: StudentT
        do { t = try StudentT(degreesOfFreedom: degreesOfFreedom) } catch { throw .numerical("\(error)") }
        let critical = t.quantile(0.975)
        coefficients = (0..<p).map { j in
            let se = covariance[j, j].squareRoot()
            let tValue = estimates[j] / se
            return RegressionCoefficient(
                name: columnNames[j], estimate: estimates[j], standardError: se, tStatistic: tValue,
                pValue: 2 * t.survival(Swift.abs(tValue)),
                lower95: estimates[j] - critical * se, upper95: estimates[j] + critical * se)
        }

        // Overall F test on the slopes.
        let slopes = hasIntercept ? Array(1..<p) : Array(0..<p)
        if slopes.isEmpty || (options.ridgePenalty ?? 0) > 0 {
            fStatistic = nil
            fNumeratorDegreesOfFreedom = nil
            fPValue = nil
        } else {
            let q = Double(slopes.count)
            let f: Double
            if options.covariance == .classical {
                f = ((tss - rss) / q) / sigma2
            } else {
                let block = Matrix(columns: slopes.map { j in slopes.map { covariance[$0, j] } })
                do {
                    let solved = try CholeskyFactorization(block).solve(slopes.map { estimates[$0] })
                    f = zip(slopes, solved).reduce(0.0) { $0 + estimates[$1.0] * $1.1 } / q
                } catch {
                    throw .numerical("robust Wald test: covariance of the slopes is singular (\(error))")
                }
            }
            fStatistic = f
            fNumeratorDegreesOfFreedom = q
            do {
                fPValue = try FDistribution(numeratorDegreesOfFreedom: q, denominatorDegreesOfFreedom: degreesOfFreedom).survival(f)
            } catch {
                throw .numerical("\(error)")
            }
        }
    }

    /// Coefficient estimates in design order.
    public var estimates: [Double] { coefficients.map(\.estimate) }

    /// Predict the mean and a new observation at new predictor rows.
    ///
    /// - Parameters:
    ///   - rows: one array per new row with the predictor values in the order of fitting (no intercept).
    ///   - level: confidence level of both intervals in percent, strictly between 0 and 100 (95 by
    ///     default), as every interval level of the library.
    /// - Returns: one prediction per row: `mean ± t_{(1+level)/2, df} se` for the mean and
    ///   `mean ± t √(se² + σ̂²)` for a new observation of weight 1.
    /// - Throws: `RegressionError.predictionRowLength`, `.nonFiniteValue`, `.invalidLevel`.
    /// - Complexity: O(rows × p²).
    public func predict(_ rows: [[Double]], level: Double = 95) throws(RegressionError) -> [RegressionPrediction] {
        guard level > 0 && level < 100 else { throw .invalidLevel(level) }
        let hasIntercept = options.includeIntercept
        let predictorCount = coefficients.count - (hasIntercept ? 1 : 0)
        let t: StudentT
        do { t = try StudentT(degreesOfFreedom: residualDegreesOfFreedom) } catch { throw .numerical("\(error)") }
        // level / 100 first: for 95 it is the double nearest 0.95, so the quantile is bit for bit
        // the one a fraction gave.
        let critical = t.quantile(0.5 + level / 100 / 2)
        let sigma2 = residualStandardError * residualStandardError
        return try rows.enumerated().map { (r, row) throws(RegressionError) in
            guard row.count == predictorCount else { throw .predictionRowLength(row: r, expected: predictorCount, got: row.count) }
            for (j, v) in row.enumerated() where !v.isFinite {
                throw .nonFiniteValue(column: coefficients[j + (hasIntercept ? 1 : 0)].name, row: r)
            }
            let x = (hasIntercept ? [1] : []) + row
            let mean = zip(x, coefficients).reduce(0.0) { $0 + $1.0 * $1.1.estimate }
            var variance = 0.0
            for a in 0..<x.count { for b in 0..<x.count { variance += x[a] * covariance[a, b] * x[b] } }
            let se = Swift.max(variance, 0).squareRoot()
            let predictionSE = (se * se + sigma2).squareRoot()
            return RegressionPrediction(
                mean: mean, standardError: se,
                confidenceLower: mean - critical * se, confidenceUpper: mean + critical * se,
                predictionLower: mean - critical * predictionSE, predictionUpper: mean + critical * predictionSE)
        }
    }
}

extension Array where Element == Double {
    /// `σ_max / σ_min` of descending singular values; ∞ when the smallest is zero.
    fileprivate var conditionNumberOrInfinity: Double {
        guard let largest = first, let smallest = last else { return .nan }
        return smallest > 0 ? largest / smallest : .infinity
    }
}
