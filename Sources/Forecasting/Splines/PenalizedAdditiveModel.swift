import LinearAlgebra

/// A penalised regression-spline additive model, y = β₀ + Σₜ fₜ(xₜ) + ε, fitted by penalised
/// least squares through the LAPACK core (Cholesky of p × p normal equations):
///
/// β̂ = (XᵀX + λS + εI)⁻¹ Xᵀ(y − ȳ),  β₀ = ȳ,
///
/// with X the centred ``AdditiveDesign``, S its scaled second-difference penalty and ε a ridge of
/// 10⁻⁹ · tr(XᵀX)/p that only pins the directions no data and no penalty determine (each centred
/// B-spline basis sums to zero). The smoothing parameter λ is fixed, or chosen by generalised
/// cross-validation, GCV(λ) = n · RSS / (n − edf)², over λ = 10⁻⁸ … 10⁴ in half-decades, with
/// edf = 1 + tr((XᵀX + λS + εI)⁻¹ XᵀX).
///
/// ```swift
/// let design = try AdditiveDesign(variables: ["x": x], terms: [SplineTerm("x", .spline(basisSize: 12))])
/// let model = try PenalizedAdditiveModel(design: design, response: y)
/// model.predict(design.matrix)        // fitted values
/// ```
public struct PenalizedAdditiveModel: Sendable {
    /// β₀: the mean response of the rows fitted.
    public let intercept: Double
    /// The coefficient of each design column.
    public let coefficients: [Double]
    /// The smoothing parameter used (relative to the scaled penalty).
    public let lambda: Double
    /// The effective degrees of freedom, including the intercept.
    public let effectiveDegreesOfFreedom: Double
    /// The GCV score at ``lambda``.
    public let generalizedCrossValidation: Double

    /// The candidate smoothing parameters of GCV: 10⁻⁸ … 10⁴ in steps of 10^½.
    public static let lambdaGrid: [Double] = (0...24).map { pow10(Double($0) / 2 - 8) }

    /// Fits the model to the design's rows (or a subset of them).
    ///
    /// - Parameters:
    ///   - design: The design.
    ///   - response: One finite response per design row.
    ///   - rows: The rows to fit (for held-out evaluation), or `nil` for all.
    ///   - lambda: A fixed smoothing parameter ≥ 0, or `nil` to choose it by GCV.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` for a response of the wrong length,
    ///   non-finite values or a negative λ; ``ForecastingError/tooShort(model:count:minimum:)``
    ///   when the rows do not outnumber the columns; ``ForecastingError/numerical(_:)`` when the
    ///   normal equations are not positive definite.
    /// - Complexity: O(*n p²*) for the Gram matrix, O(*p³*) per candidate λ.
    public init(design: AdditiveDesign, response: [Double], rows: [Int]? = nil, lambda: Double? = nil) throws(ForecastingError) {
        let X = design.matrix
        guard response.count == X.rows else {
            throw .invalidSpecification("the response has \(response.count) values but the design has \(X.rows) rows")
        }
        if let bad = response.first(where: { !$0.isFinite }) {
            throw .invalidSpecification("the response has the value \(bad); remove rows with missing values first")
        }
        if let lambda, !(lambda >= 0 && lambda.isFinite) {
            throw .invalidSpecification("the smoothing parameter must be a finite number ≥ 0, got \(lambda)")
        }
        let chosen = rows ?? Array(0..<X.rows)
        let p = X.columns
        guard chosen.count > p + 1 else { throw .tooShort(model: "penalised additive model", count: chosen.count, minimum: p + 2) }
        let subset: Matrix
        if rows == nil {
            subset = X
        } else {
            var storage = [Double](repeating: 0, count: chosen.count * p)
            for j in 0..<p { for (k, i) in chosen.enumerated() { storage[k + j * chosen.count] = X[i, j] } }
            subset = Matrix(rows: chosen.count, columns: p, columnMajor: storage)
        }
        let y = chosen.map { response[$0] }
        let mean = y.reduce(0, +) / Double(y.count)
        let centred = y.map { $0 - mean }
        let gram = subset.gram()
        let crossProduct = subset.multiplied(by: centred, transpose: true)
        let penalty = design.penalty(gram: gram)
        let ridge = 1e-9 * max((0..<p).reduce(0.0) { $0 + gram[$1, $1] } / Double(p), 1e-300)
        let total = centred.reduce(0) { $0 + $1 * $1 }
        let n = Double(y.count)

        var best: (lambda: Double, beta: [Double], edf: Double, gcv: Double)?
        for candidate in lambda.map({ [$0] }) ?? Self.lambdaGrid {
            var system = gram
            for i in 0..<p {
                for j in 0..<p { system[i, j] += candidate * penalty[i, j] }
                system[i, i] += ridge
            }
            let beta: [Double]
            let inverse: Matrix
            do {
                let factor = try CholeskyFactorization(system)
                beta = try factor.solve(crossProduct)
                inverse = try factor.inverse()
            } catch {
                if lambda != nil { throw .numerical("penalised normal equations are not positive definite: \(error)") }
                continue
            }
            var edf = 1.0
            for i in 0..<p { for j in 0..<p { edf += inverse[i, j] * gram[j, i] } }
            let fittedSquares = gram.multiplied(by: beta).enumerated().reduce(0.0) { $0 + beta[$1.offset] * $1.element }
            let crossTerm = zip(beta, crossProduct).reduce(0.0) { $0 + $1.0 * $1.1 }
            let rss = max(total - 2 * crossTerm + fittedSquares, 0)
            let gcv = n * rss / ((n - edf) * (n - edf))
            if let current = best, current.gcv <= gcv { continue }
            best = (candidate, beta, edf, gcv)
        }
        guard let best else { throw .numerical("penalised normal equations are not positive definite for any smoothing parameter") }
        intercept = mean
        coefficients = best.beta
        self.lambda = best.lambda
        effectiveDegreesOfFreedom = best.edf
        generalizedCrossValidation = best.gcv
    }

    /// Predictions for rows of a centred design (the model's own design or rows built like it).
    ///
    /// - Parameter matrix: Rows of design columns.
    /// - Returns: β₀ + Xβ.
    /// - Complexity: O(*n p*).
    public func predict(_ matrix: Matrix) -> [Double] {
        matrix.multiplied(by: coefficients).map { $0 + intercept }
    }

    /// The contribution fₜ of one term at each design row.
    ///
    /// - Parameters:
    ///   - term: The index of the term in the design.
    ///   - design: The design the model was fitted on.
    /// - Returns: One value per design row; it averages zero over the design's rows.
    /// - Complexity: O(*n* · columns of the term).
    public func contribution(of term: Int, in design: AdditiveDesign) -> [Double] {
        let offset = design.offsets[term]
        let width = design.terms[term].columnCount
        let X = design.matrix
        return (0..<X.rows).map { i in (0..<width).reduce(0.0) { $0 + X[i, offset + $1] * coefficients[offset + $1] } }
    }

    /// The partial effect fₜ(x) of one term at chosen values of its variable.
    ///
    /// - Parameters:
    ///   - term: The index of the term.
    ///   - design: The design the model was fitted on.
    ///   - values: Values of the term's variable.
    ///   - by: The `by` variable's values for a `cyclicBy` term (default 1).
    /// - Returns: fₜ at each value, centred as in the fit.
    /// - Complexity: O(*m* · columns of the term).
    public func partialEffect(of term: Int, in design: AdditiveDesign, at values: [Double], by: [Double]? = nil) -> [Double] {
        let offset = design.offsets[term]
        return design.termColumns(term, values: values, by: by).map { row in
            row.enumerated().reduce(0.0) { $0 + $1.element * coefficients[offset + $1.offset] }
        }
    }
}

private func pow10(_ exponent: Double) -> Double {
    var result = 1.0
    let whole = Int(exponent.rounded(.down))
    for _ in 0..<abs(whole) { result = whole < 0 ? result / 10 : result * 10 }
    return exponent == Double(whole) ? result : result * 3.1622776601683795
}
