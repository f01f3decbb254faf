/// An error in the parameters or data handed to the `Statistics` module.
///
/// Every case describes a value the caller supplied, so it is a user or data error rather than
/// a programmer error: the ``description`` says which value is wrong and what to change.
/// Two errors compare equal when their cases and payloads match; a `NaN` payload equals a `NaN`
/// payload, so `#expect(throws:)` works for non-finite parameters too.
public enum StatisticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A distribution parameter is not finite, or not strictly positive where it must be.
    ///
    /// - `name`: the parameter's label as written at the call site, e.g. `degreesOfFreedom`.
    /// - `value`: the value that was passed.
    /// - `requirement`: the rule it broke, e.g. "a finite number greater than 0".
    case invalidParameter(name: String, value: Double, requirement: String)

    /// A sample has fewer observations than the statistic needs.
    case tooFewObservations(statistic: String, needed: Int, got: Int)

    /// A probability passed to a sample statistic lies outside [0, 1] or is `NaN`.
    case probabilityOutOfRange(Double)

    /// An observation is `NaN`, so the ordering a sample quantile needs is undefined.
    case missingObservation(index: Int)

    /// A sentence naming the offending value and what to pass instead.
    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let requirement):
            return "\(name) must be \(requirement), got \(value). Pass \(requirement) for \(name)."
        case .tooFewObservations(let statistic, let needed, let got):
            let noun = needed == 1 ? "observation" : "observations"
            return "\(statistic) needs at least \(needed) \(noun), the sample has \(got). "
                + "Supply a longer sample."
        case .probabilityOutOfRange(let p):
            return "probability must lie in [0, 1], got \(p). Pass a probability between 0 and 1."
        case .missingObservation(let index):
            return "observation \(index) is NaN, so the sample cannot be ordered. "
                + "Remove or impute missing values first."
        }
    }

    /// Case-and-payload equality where a `NaN` value equals a `NaN` value.
    public static func == (lhs: StatisticsError, rhs: StatisticsError) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        switch (lhs, rhs) {
        case (.invalidParameter(let n1, let v1, let r1), .invalidParameter(let n2, let v2, let r2)):
            return n1 == n2 && same(v1, v2) && r1 == r2
        case (.tooFewObservations(let s1, let n1, let g1), .tooFewObservations(let s2, let n2, let g2)):
            return s1 == s2 && n1 == n2 && g1 == g2
        case (.probabilityOutOfRange(let p1), .probabilityOutOfRange(let p2)):
            return same(p1, p2)
        case (.missingObservation(let i1), .missingObservation(let i2)):
            return i1 == i2
        default:
            return false
        }
    }
}

extension StatisticsError {
    /// The requirement text shared by every "finite and strictly positive" parameter.
    static let positiveFinite = "a finite number greater than 0"

    /// Throws ``invalidParameter(name:value:requirement:)`` unless `value` is finite and > 0.
    static func requirePositiveFinite(_ value: Double, name: String) throws(StatisticsError) {
        guard value.isFinite, value > 0 else {
            throw .invalidParameter(name: name, value: value, requirement: positiveFinite)
        }
    }

    /// Throws ``invalidParameter(name:value:requirement:)`` unless `value` is finite.
    static func requireFinite(_ value: Double, name: String) throws(StatisticsError) {
        guard value.isFinite else {
            throw .invalidParameter(name: name, value: value, requirement: "a finite number")
        }
    }
}
