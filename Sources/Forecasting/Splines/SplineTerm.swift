import Foundation

/// One term of a penalised additive regression (``PenalizedAdditiveModel``) and how it turns a
/// variable into design columns.
///
/// - ``Kind-swift.enum/spline(basisSize:)``: a cubic P-spline (Eilers & Marx 1996): `basisSize`
///   cubic B-splines on equally spaced knots over the variable's training range (values outside
///   are clamped to it), penalised by the squared second differences of their coefficients, so a
///   large smoothing parameter shrinks the term towards a straight line.
/// - ``Kind-swift.enum/cyclic(period:harmonics:)``: sin and cos of 2πhx/period for
///   h = 1…harmonics, unpenalised (hour of day, day of year, wind direction).
/// - ``Kind-swift.enum/factor(levels:)``: indicators of levels 1…L − 1 of an integer-coded
///   variable 0…L − 1 (weekday), unpenalised.
/// - ``Kind-swift.enum/linear``: the variable itself, unpenalised.
/// - ``Kind-swift.enum/cyclicBy(period:harmonics:)``: the cyclic columns multiplied by a second
///   variable (wind direction × wind speed), unpenalised.
///
/// Every column is centred on its training mean, so a term's contribution averages zero over
/// the training data and the intercept is the mean response.
public struct SplineTerm: Sendable, Equatable {
    /// The kind of term.
    public enum Kind: Sendable, Equatable {
        /// A cubic P-spline with `basisSize` ≥ 4 basis functions.
        case spline(basisSize: Int)
        /// A Fourier series of `harmonics` ≥ 1 harmonics with the given period.
        case cyclic(period: Double, harmonics: Int)
        /// Indicators of an integer-coded factor with `levels` ≥ 2 levels (0…levels − 1).
        case factor(levels: Int)
        /// The variable, untransformed.
        case linear
        /// A Fourier series of the first variable times the second (``SplineTerm/byName``).
        case cyclicBy(period: Double, harmonics: Int)
    }

    /// The variable's name, for messages and partial effects.
    public let name: String
    /// The kind of term.
    public let kind: Kind
    /// For ``Kind-swift.enum/cyclicBy(period:harmonics:)``: the name of the multiplying variable.
    public let byName: String?

    /// Creates a term.
    ///
    /// - Parameters:
    ///   - name: The variable's name.
    ///   - kind: The kind of term.
    ///   - byName: The multiplying variable of a `cyclicBy` term.
    public init(_ name: String, _ kind: Kind, by byName: String? = nil) {
        self.name = name
        self.kind = kind
        self.byName = byName
    }

    /// The number of design columns.
    public var columnCount: Int {
        switch kind {
        case .spline(let size): size
        case .cyclic(_, let harmonics), .cyclicBy(_, let harmonics): 2 * harmonics
        case .factor(let levels): levels - 1
        case .linear: 1
        }
    }

    /// Whether the term is penalised (only splines are).
    public var isPenalized: Bool {
        if case .spline = kind { return true }
        return false
    }

    /// Checks the settings and the training values.
    func validate(_ values: [Double], by: [Double]?) throws(ForecastingError) {
        switch kind {
        case .spline(let size) where size < 4:
            throw .invalidSpecification("spline term '\(name)' needs at least 4 basis functions, got \(size)")
        case .cyclic(let period, let harmonics), .cyclicBy(let period, let harmonics):
            guard period > 0, period.isFinite, harmonics >= 1 else {
                throw .invalidSpecification("cyclic term '\(name)' needs a positive period and at least 1 harmonic")
            }
            if case .cyclicBy = kind, by == nil {
                throw .invalidSpecification("cyclic term '\(name)' multiplied by '\(byName ?? "?")' needs that variable's values")
            }
        case .factor(let levels):
            guard levels >= 2 else { throw .invalidSpecification("factor term '\(name)' needs at least 2 levels") }
            if let bad = values.first(where: { $0 < 0 || $0 >= Double(levels) || $0 != $0.rounded() }) {
                throw .invalidSpecification("factor term '\(name)' has the value \(bad); levels are 0…\(levels - 1)")
            }
        default: break
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            throw .invalidSpecification("term '\(name)' has the value \(bad); remove rows with missing values first")
        }
    }

    /// The raw (uncentred) columns of the term at one value; `range` is the spline's training range.
    func basis(_ x: Double, by: Double, range: (low: Double, high: Double), into row: inout [Double], at offset: Int) {
        switch kind {
        case .spline(let size):
            let intervals = size - 3
            let width = range.high > range.low ? (range.high - range.low) / Double(intervals) : 1
            let position = (min(max(x, range.low), range.high) - range.low) / width
            let interval = min(Int(position), intervals - 1)
            let u = position - Double(interval)
            let v = 1 - u
            for j in 0..<size { row[offset + j] = 0 }
            row[offset + interval] = v * v * v / 6
            row[offset + interval + 1] = (3 * u * u * u - 6 * u * u + 4) / 6
            row[offset + interval + 2] = (-3 * u * u * u + 3 * u * u + 3 * u + 1) / 6
            row[offset + interval + 3] = u * u * u / 6
        case .cyclic(let period, let harmonics), .cyclicBy(let period, let harmonics):
            let scale = kind == .cyclic(period: period, harmonics: harmonics) ? 1 : by
            for h in 1...harmonics {
                let angle = 2 * Double.pi * Double(h) * x / period
                row[offset + 2 * (h - 1)] = scale * sin(angle)
                row[offset + 2 * (h - 1) + 1] = scale * cos(angle)
            }
        case .factor(let levels):
            for level in 1..<levels { row[offset + level - 1] = Int(x) == level ? 1 : 0 }
        case .linear:
            row[offset] = x
        }
    }

    /// The penalty block: D₂ᵀD₂ for a spline (second differences), zero otherwise.
    func penalty() -> [[Double]] {
        let size = columnCount
        var block = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        guard isPenalized, size >= 3 else { return block }
        for row in 0..<(size - 2) {
            let d = [(row, 1.0), (row + 1, -2.0), (row + 2, 1.0)]
            for (i, a) in d { for (j, b) in d { block[i][j] += a * b } }
        }
        return block
    }
}
