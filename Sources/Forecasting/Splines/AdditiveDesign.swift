import LinearAlgebra

/// The design matrix of a penalised additive model: each ``SplineTerm`` expanded into its
/// columns, centred on the training means, with the spline ranges and centres kept so that new
/// data (predictions, partial effects) get the same columns.
///
/// ```swift
/// let design = try AdditiveDesign(variables: ["TEMP": temperature], terms: [SplineTerm("TEMP", .spline(basisSize: 10))])
/// design.matrix.columns    // 10
/// ```
public struct AdditiveDesign: Sendable {
    /// The terms, in column order.
    public let terms: [SplineTerm]
    /// The first column of each term.
    public let offsets: [Int]
    /// The centred design, one row per training observation.
    public let matrix: Matrix
    /// The training range of each term's variable (used by splines).
    let ranges: [(low: Double, high: Double)]
    /// The training mean of each raw column.
    let centers: [Double]

    /// Builds the design.
    ///
    /// - Parameters:
    ///   - variables: The values of every variable the terms name (and their `by` variables),
    ///     all of the same length, finite.
    ///   - terms: The terms.
    /// - Throws: ``ForecastingError/invalidSpecification(_:)`` for a variable that is missing or
    ///   of the wrong length, a non-finite value, or a term setting out of range;
    ///   ``ForecastingError/tooShort(model:count:minimum:)`` with fewer rows than columns + 1.
    /// - Complexity: O(*n* · *p*) for *n* rows and *p* columns.
    public init(variables: [String: [Double]], terms: [SplineTerm]) throws(ForecastingError) {
        guard !terms.isEmpty else { throw .invalidSpecification("an additive model needs at least one term") }
        let count = variables[terms[0].name]?.count ?? 0
        var ranges: [(low: Double, high: Double)] = []
        var offsets: [Int] = []
        var width = 0
        for term in terms {
            guard let values = variables[term.name], values.count == count else {
                throw .invalidSpecification("variable '\(term.name)' is missing or has a different number of rows")
            }
            let by = term.byName.flatMap { variables[$0] }
            if let by, by.count != count { throw .invalidSpecification("variable '\(term.byName ?? "")' has a different number of rows") }
            try term.validate(values, by: by)
            ranges.append((values.min() ?? 0, values.max() ?? 0))
            offsets.append(width)
            width += term.columnCount
        }
        guard count > width + 1 else { throw .tooShort(model: "penalised additive model", count: count, minimum: width + 2) }
        var storage = [Double](repeating: 0, count: count * width)
        var row = [Double](repeating: 0, count: width)
        for i in 0..<count {
            for (t, term) in terms.enumerated() {
                let by = term.byName.flatMap { variables[$0]?[i] } ?? 1
                term.basis(variables[term.name]?[i] ?? 0, by: by, range: ranges[t], into: &row, at: offsets[t])
            }
            for j in 0..<width { storage[i + j * count] = row[j] }
        }
        var centers = [Double](repeating: 0, count: width)
        for j in 0..<width {
            var sum = 0.0
            for i in 0..<count { sum += storage[i + j * count] }
            centers[j] = sum / Double(count)
            for i in 0..<count { storage[i + j * count] -= centers[j] }
        }
        self.terms = terms
        self.offsets = offsets
        self.ranges = ranges
        self.centers = centers
        self.matrix = Matrix(rows: count, columns: width, columnMajor: storage)
    }

    /// The centred columns of one term at `values` (for partial effects and predictions).
    ///
    /// - Parameters:
    ///   - term: The index of the term.
    ///   - values: The term's variable at each point.
    ///   - by: The `by` variable at each point (`nil`: 1).
    /// - Returns: One row of the term's columns per value.
    /// - Complexity: O(*m* · columns of the term).
    public func termColumns(_ term: Int, values: [Double], by: [Double]? = nil) -> [[Double]] {
        let spec = terms[term]
        var row = [Double](repeating: 0, count: spec.columnCount)
        return values.enumerated().map { index, x in
            spec.basis(x, by: by?[index] ?? 1, range: ranges[term], into: &row, at: 0)
            return (0..<spec.columnCount).map { row[$0] - centers[offsets[term] + $0] }
        }
    }

    /// The penalty matrix S = Σ c_t S_t, each spline block scaled by c_t = tr(G_tt)/tr(S_t) (its
    /// share of the Gram matrix G = XᵀX), so that one smoothing parameter suits every term.
    func penalty(gram: Matrix) -> Matrix {
        let width = matrix.columns
        var penalty = Matrix(rows: width, columns: width)
        for (t, term) in terms.enumerated() where term.isPenalized {
            let block = term.penalty()
            let offset = offsets[t]
            var gramTrace = 0.0
            var penaltyTrace = 0.0
            for j in 0..<term.columnCount {
                gramTrace += gram[offset + j, offset + j]
                penaltyTrace += block[j][j]
            }
            let scale = penaltyTrace > 0 ? gramTrace / penaltyTrace : 0
            for i in 0..<term.columnCount {
                for j in 0..<term.columnCount { penalty[offset + i, offset + j] = scale * block[i][j] }
            }
        }
        return penalty
    }
}
