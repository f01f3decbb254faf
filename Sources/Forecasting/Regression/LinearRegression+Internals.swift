import Foundation
import LinearAlgebra

extension LinearRegression {
    /// Refuse a rank-deficient design, naming the aliased columns as R would drop them: scanning
    /// the columns in order, a column is aliased when it lies in the span of the earlier kept ones.
    static func requireFullRank(_ factorization: LeastSquaresFactorization, design: Matrix, names: [String],
                                hasIntercept: Bool) throws(RegressionError) {
        guard factorization.rank < factorization.columns else { return }
        var kept: [Int] = []
        var aliased: [String] = []
        var explanations: [String] = []
        for j in 0..<design.columns {
            let candidate = Matrix(columns: (kept + [j]).map { design.column($0) })
            guard let trial = try? LeastSquaresFactorization(candidate, rankTolerance: factorization.rankTolerance) else {
                continue
            }
            if trial.rank == kept.count + 1 { kept.append(j); continue }
            aliased.append(names[j])
            let column = design.column(j)
            if column.allSatisfy({ $0 == 0 }) {
                explanations.append("\(names[j]) is all zeros")
                continue
            }
            let basis = Matrix(columns: kept.map { design.column($0) })
            guard let solution = try? LeastSquaresFactorization(basis).solve(column) else {
                explanations.append("\(names[j]) is a linear combination of earlier columns")
                continue
            }
            let largest = solution.coefficients.map(Swift.abs).max() ?? 0
            let terms = zip(kept, solution.coefficients).filter { Swift.abs($0.1) > 1e-9 * largest }
            if hasIntercept, terms.count == 1, terms[0].0 == 0 {
                explanations.append("\(names[j]) is constant (aliased with the intercept)")
            } else {
                let sum = terms.map { "\(formatCoefficient($0.1))·\(names[$0.0])" }.joined(separator: " + ")
                explanations.append("\(names[j]) = \(sum)")
            }
        }
        throw .rankDeficient(aliased: aliased, explanations: explanations)
    }

    private static func formatCoefficient(_ value: Double) -> String {
        String(format: "%.6g", value)
    }

    /// VIFⱼ = TSSⱼ · [(XᵀX)⁻¹]ⱼⱼ, which equals `1/(1 − R²ⱼ)` for the regression of column j on the
    /// others (centred TSS with an intercept, uncentred without).
    static func varianceInflationFactors(_ design: Matrix, hasIntercept: Bool,
                                         tolerance: Double?) throws(RegressionError) -> [Double] {
        let first = hasIntercept ? 1 : 0
        let p = design.columns
        guard p > first else { return [] }
        guard let factorization = try? LeastSquaresFactorization(design, rankTolerance: tolerance),
              factorization.rank == p,
              let inverse = try? factorization.inverseGram() else {
            return [Double](repeating: .infinity, count: p - first)
        }
        return (first..<p).map { j in
            let column = design.column(j)
            let mean = hasIntercept ? column.reduce(0, +) / Double(column.count) : 0
            let tss = column.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
            return tss * inverse[j, j]
        }
    }

    /// Ridge regression with the intercept unpenalised: centre on weighted means, solve the
    /// augmented problem `[√W X_c; √λ I] β = [√W y_c; 0]`, and return the estimates, the unscaled
    /// covariance `A⁻¹ X_cᵀWX_c A⁻¹ = A⁻¹ − λA⁻²` (`A = X_cᵀWX_c + λI`) extended to the intercept,
    /// and the residual degrees of freedom `n − k − tr(H)` with `tr(H) = q − λ tr(A⁻¹)`.
    static func ridge(predictors: [[Double]], response: [Double], weights: [Double], hasIntercept: Bool,
                      lambda: Double, tolerance: Double?) throws(RegressionError) -> ([Double], Matrix, Double) {
        let m = response.count, q = predictors.count
        let totalWeight = weights.reduce(0, +)
        let weightedMean: ([Double]) -> Double = { v in zip(v, weights).reduce(0.0) { $0 + $1.0 * $1.1 } / totalWeight }
        let predictorMeans = hasIntercept ? predictors.map(weightedMean) : [Double](repeating: 0, count: q)
        let responseMean = hasIntercept ? weightedMean(response) : 0
        let root = weights.map { $0.squareRoot() }
        let penalty = lambda.squareRoot()
        var augmentedColumns: [[Double]] = []
        for (j, column) in predictors.enumerated() {
            var c = (0..<m).map { (column[$0] - predictorMeans[j]) * root[$0] }
            c += (0..<q).map { $0 == j ? penalty : 0 }
            augmentedColumns.append(c)
        }
        let rhs = (0..<m).map { (response[$0] - responseMean) * root[$0] } + [Double](repeating: 0, count: q)
        let slopes: [Double]
        let inverseA: Matrix
        do {
            let factorization = try LeastSquaresFactorization(Matrix(columns: augmentedColumns), rankTolerance: tolerance)
            slopes = try factorization.solve(rhs).coefficients
            inverseA = try factorization.inverseGram()
        } catch {
            throw .numerical("ridge solve: \(error)")
        }
        var covSlopes = Matrix(rows: q, columns: q)
        let inverseSquared = inverseA * inverseA
        var traceInverse = 0.0
        for j in 0..<q {
            traceInverse += inverseA[j, j]
            for i in 0..<q { covSlopes[i, j] = inverseA[i, j] - lambda * inverseSquared[i, j] }
        }
        let hatTrace = Double(q) - lambda * traceInverse
        let degreesOfFreedom = Double(m) - (hasIntercept ? 1 : 0) - hatTrace
        guard degreesOfFreedom > 0 else { throw .tooFewObservations(observations: m, parameters: q + (hasIntercept ? 1 : 0)) }
        guard hasIntercept else { return (slopes, covSlopes, degreesOfFreedom) }
        let intercept = responseMean - zip(predictorMeans, slopes).reduce(0.0) { $0 + $1.0 * $1.1 }
        let p = q + 1
        var cov = Matrix(rows: p, columns: p)
        let covTimesMean = covSlopes * predictorMeans
        cov[0, 0] = 1 / totalWeight + zip(predictorMeans, covTimesMean).reduce(0.0) { $0 + $1.0 * $1.1 }
        for j in 0..<q {
            cov[0, j + 1] = -covTimesMean[j]
            cov[j + 1, 0] = -covTimesMean[j]
            for i in 0..<q { cov[i + 1, j + 1] = covSlopes[i, j] }
        }
        return ([intercept] + slopes, cov, degreesOfFreedom)
    }

    /// Heteroskedasticity-consistent covariance from the sandwich with `ωᵢ` per `estimator`.
    static func robustCovariance(_ factorization: LeastSquaresFactorization, residuals: [Double], leverages: [Double],
                                 rows: [Int], estimator: CovarianceEstimator) throws(RegressionError) -> Matrix {
        let m = Double(factorization.rows), p = Double(factorization.columns)
        var omega = residuals.map { $0 * $0 }
        switch estimator {
        case .classical, .hc0:
            break
        case .hc1:
            omega = omega.map { $0 * m / (m - p) }
        case .hc2, .hc3:
            for k in omega.indices {
                let complement = 1 - leverages[k]
                guard complement > 1e-12 else { throw .leverageOne(row: rows[k]) }
                omega[k] /= estimator == .hc2 ? complement : complement * complement
            }
        }
        do {
            return try factorization.sandwich(weights: omega)
        } catch {
            throw .numerical("robust covariance: \(error)")
        }
    }
}
