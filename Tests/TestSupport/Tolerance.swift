import Foundation
import Testing

/// How close a computed number must be to its reference value: the one vocabulary every test
/// target uses, so that "agrees with R to 1e-9" means the same thing in every suite.
///
/// In each case `computed` is what our code produced and `expected` the reference (R,
/// statsmodels, NIST, hand arithmetic). A NaN agrees with nothing, and an infinity only with the
/// same infinity under ``exact``, so a bound is never met by accident (as `abs(a − b) <= bound`
/// is false for them too).
public enum Tolerance: Sendable, Equatable, CustomStringConvertible {
    /// Equal as numbers (`0 == -0`).
    case exact
    /// `|computed − expected| ≤ bound`.
    case absolute(Double)
    /// `|computed − expected| ≤ bound · |expected|`: relative to the reference, so an expected
    /// zero needs an exact zero (use ``mixed(absolute:relative:)`` near zero).
    case relative(Double)
    /// `|computed − expected| ≤ bound · max(|expected|, floor)`: relative, but never tighter than
    /// `bound · floor`, for references that may be near zero.
    case relativeWithFloor(Double, floor: Double)
    /// `|computed − expected| ≤ absolute + relative · |expected|`, as `numpy.isclose`: relative
    /// for large values and absolute near zero.
    case mixed(absolute: Double, relative: Double)
    /// At least this many correct significant digits by NIST StRD's log relative error
    /// (``logRelativeError(_:_:)``), the measure its certified values are quoted in.
    case digits(Double)

    public var description: String {
        switch self {
        case .exact: "exactly"
        case .absolute(let bound): "within \(bound)"
        case .relative(let bound): "within \(bound) relative"
        case .relativeWithFloor(let bound, let floor): "within \(bound) relative to at least \(floor)"
        case .mixed(let absolute, let relative): "within \(absolute) + \(relative)·|expected|"
        case .digits(let digits): "to \(digits) significant digits"
        }
    }

    /// Whether `computed` agrees with `expected` within this tolerance.
    ///
    /// - Complexity: O(1).
    public func accepts(_ computed: Double, _ expected: Double) -> Bool {
        if self == .exact { return computed == expected }
        guard computed.isFinite, expected.isFinite else { return false }
        let error = Swift.abs(computed - expected)
        switch self {
        case .exact: return computed == expected
        case .absolute(let bound): return error <= bound
        case .relative(let bound): return error <= bound * Swift.abs(expected)
        case .relativeWithFloor(let bound, let floor): return error <= bound * Swift.max(Swift.abs(expected), floor)
        case .mixed(let absolute, let relative): return error <= absolute + relative * Swift.abs(expected)
        case .digits(let digits): return logRelativeError(computed, expected) >= digits
        }
    }
}

/// `|computed − expected| / |expected|` (the absolute error when `expected` is 0), with NaN
/// mapped to +∞ so it fails every bound.
public func relativeError(_ computed: Double, _ expected: Double) -> Double {
    let error = Swift.abs(computed - expected) / (expected == 0 ? 1 : Swift.abs(expected))
    return error.isNaN ? .infinity : error
}

/// NIST StRD's log relative error, the number of correct significant digits:
/// `LRE = −log₁₀(|computed − expected| / |expected|)` (with the absolute error when `expected` is
/// 0), capped at 15.9 for an exact match; 0 for a NaN.
public func logRelativeError(_ computed: Double, _ expected: Double) -> Double {
    let error = relativeError(computed, expected)
    if error.isInfinite { return 0 }
    return error == 0 ? 15.9 : Swift.min(15.9, -log10(error))
}

/// Records an issue unless `computed` agrees with `expected` within `tolerance`; the message
/// names both values, the error and the tolerance.
public func expectClose(
    _ computed: Double, _ expected: Double, _ tolerance: Tolerance, _ comment: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard !tolerance.accepts(computed, expected) else { return }
    let label = comment()
    let message = "\(label.isEmpty ? "" : label + ": ")\(computed) vs expected \(expected) "
        + "(error \(Swift.abs(computed - expected)), wanted \(tolerance))"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

/// Records an issue unless both arrays have the same length and agree element by element; the
/// message names the first element that does not (and how many do not).
public func expectClose(
    _ computed: [Double], _ expected: [Double], _ tolerance: Tolerance, _ comment: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let label = comment()
    let prefix = label.isEmpty ? "" : label + ": "
    guard computed.count == expected.count else {
        Issue.record(Comment(rawValue: "\(prefix)\(computed.count) values, expected \(expected.count)"),
                     sourceLocation: sourceLocation)
        return
    }
    let failing = computed.indices.filter { !tolerance.accepts(computed[$0], expected[$0]) }
    guard let first = failing.first else { return }
    let message = "\(prefix)\(failing.count) of \(computed.count) values differ; first at [\(first)]: "
        + "\(computed[first]) vs expected \(expected[first]) (wanted \(tolerance))"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
