/// Why a regression could not be fitted or used. Each message says what to change.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model has `parameters` coefficients but only `observations` usable rows; at least
    /// `parameters + 1` are needed to estimate the residual variance.
    case tooFewObservations(observations: Int, parameters: Int)
    /// The design is rank deficient; each entry explains one aliased column, e.g.
    /// `"x3 = 1·x1 + 1·x2"` or `"c is constant (aliased with the intercept)"`.
    case rankDeficient(aliased: [String], explanations: [String])
    /// A value is NaN or infinite: column `column`, zero-based row `row`.
    case nonFiniteValue(column: String, row: Int)
    /// A weight is negative or not finite (zero-based `row`).
    case invalidWeight(row: Int, value: Double)
    /// All weights are zero.
    case noPositiveWeights
    /// The ridge penalty must be finite and non-negative.
    case invalidRidgePenalty(Double)
    /// Column lengths or names do not match.
    case dimensionMismatch(String)
    /// HC2/HC3 divide by `1 − hᵢ`; observation `row` has leverage 1, so they are undefined.
    case leverageOne(row: Int)
    /// A new row for prediction has `got` values, the model needs `expected`.
    case predictionRowLength(row: Int, expected: Int, got: Int)
    /// The confidence level, a percentage, must lie strictly between 0 and 100.
    case invalidLevel(Double)
    /// A numerical step failed; the message names it.
    case numerical(String)

    /// A sentence for people: what went wrong or what the value is.
    public var description: String {
        switch self {
        case let .tooFewObservations(observations, parameters):
            return "\(observations) usable observations for \(parameters) coefficients; need at least \(parameters + 1)"
        case let .rankDeficient(aliased, explanations):
            let list = aliased.joined(separator: ", ")
            return "rank-deficient design: \(list) \(aliased.count == 1 ? "is" : "are") aliased (\(explanations.joined(separator: "; "))); drop \(aliased.count == 1 ? "it" : "them") or combine predictors"
        case let .nonFiniteValue(column, row):
            return "\(column): value in row \(row + 1) is NaN or infinite"
        case let .invalidWeight(row, value):
            return "weight in row \(row + 1) is \(value); weights must be finite and non-negative"
        case .noPositiveWeights:
            return "all weights are zero"
        case let .invalidRidgePenalty(value):
            return "ridge penalty \(value) must be finite and non-negative"
        case let .dimensionMismatch(message):
            return message
        case let .leverageOne(row):
            return "observation \(row + 1) has leverage 1, so HC2/HC3 are undefined; use hc0 or hc1"
        case let .predictionRowLength(row, expected, got):
            return "new row \(row + 1) has \(got) values; the model has \(expected) predictors"
        case let .invalidLevel(level):
            return "confidence level \(level) must be a percentage strictly between 0 and 100, e.g. 95"
        case let .numerical(message):
            return message
        }
    }
}
