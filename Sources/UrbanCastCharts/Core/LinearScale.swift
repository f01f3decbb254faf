import Foundation

/// A linear map from data values (the domain) to pixel positions (the range).
///
/// `scale(x) = range.lower + (x − domain.lower) / (domain.upper − domain.lower) × (range.upper − range.lower)`.
/// The range may run backwards (a y axis runs from the bottom of the plot up), and a domain of
/// zero width maps every value to the middle of the range.
///
/// ```swift
/// let y = LinearScale(domain: 0...100, range: (lower: 300, upper: 20))
/// y(50)   // 160
/// ```
public struct LinearScale: Sendable, Equatable {
    /// The data interval.
    public var domain: ClosedRange<Double>
    /// The pixel position of `domain.lowerBound`.
    public var rangeLower: Double
    /// The pixel position of `domain.upperBound`.
    public var rangeUpper: Double

    /// A scale from `domain` onto `range`.
    ///
    /// - Parameters:
    ///   - domain: The data interval.
    ///   - range: The pixel positions of the domain's lower and upper ends.
    public init(domain: ClosedRange<Double>, range: (lower: Double, upper: Double)) {
        self.domain = domain
        rangeLower = range.lower
        rangeUpper = range.upper
    }

    /// The pixel position of `value`.
    ///
    /// - Parameter value: A data value (outside the domain it extrapolates).
    /// - Returns: Its position.
    /// - Complexity: O(1).
    public func callAsFunction(_ value: Double) -> Double {
        let width = domain.upperBound - domain.lowerBound
        guard width > 0 else { return (rangeLower + rangeUpper) / 2 }
        return rangeLower + (value - domain.lowerBound) / width * (rangeUpper - rangeLower)
    }
}

/// "Nice" axis ticks after Heckbert ("Nice numbers for graph labels", Graphics Gems, 1990):
/// steps of 1, 2 or 5 × 10^k, and an axis that runs from a multiple of the step at or below the
/// data to one at or above it ("loose" labelling). Unlike Heckbert, the data range is not first
/// rounded up to a nice number: that rounding can double it (1,020 → 2,000) and leave an axis
/// of four ticks, half of it empty.
///
/// ```swift
/// let axis = NiceTicks(lower: 0, upper: 97, count: 6)
/// axis.values   // [0, 20, 40, 60, 80, 100]
/// ```
public struct NiceTicks: Sendable, Equatable {
    /// The distance between ticks: 1, 2 or 5 × 10^k.
    public let step: Double
    /// The tick values, from ``domain``'s lower end to its upper end.
    public let values: [Double]
    /// The axis' extent: from the first tick to the last.
    public var domain: ClosedRange<Double> { values[0]...values[values.count - 1] }

    /// Ticks for data from `lower` to `upper`.
    ///
    /// The step is the nice number nearest to `(upper − lower) / (count − 1)`, and the ticks run from `⌊lower / step⌋ × step` to `⌈upper / step⌉ × step`.
    /// Equal ends (one value) get an axis one unit wide around it (or ±10% of a large value);
    /// non-finite ends give the axis 0…1.
    ///
    /// - Parameters:
    ///   - lower: The smallest data value.
    ///   - upper: The largest data value.
    ///   - count: The number of ticks wanted, at least 2 (the result has about that many).
    /// - Complexity: O(number of ticks).
    public init(lower: Double, upper: Double, count: Int = 6) {
        var low = min(lower, upper), high = max(lower, upper)
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if high - low <= Swift.abs(high) * 1e-12 {
            let pad = Swift.abs(low) > 10 ? Swift.abs(low) * 0.1 : 1
            (low, high) = (low - pad, high + pad)
        }
        let step = Self.niceNumber((high - low) / Double(max(count - 1, 1)), rounds: true)
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        self.step = step
        // Ticks as integer multiples of the step, so no rounding error accumulates.
        values = stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// Heckbert's nice number: the value of 1, 2, 5 or 10 × 10^⌊log₁₀ x⌋ nearest to `x` (when
    /// `rounds`) or the smallest not below it.
    ///
    /// - Parameters:
    ///   - x: A positive number.
    ///   - rounds: Round to the nearest nice number (true) or take the ceiling (false).
    /// - Returns: The nice number.
    public static func niceNumber(_ x: Double, rounds: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = (log10(x)).rounded(.down)
        let power = pow(10, exponent)
        let fraction = x / power
        let nice: Double
        if rounds {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }
}
