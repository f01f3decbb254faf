import Foundation

/// A sequential colour scale after viridis (van der Walt & Smith, matplotlib 2015): dark purple
/// for the low end to yellow for the high end, lightness rising steadily, so order reads the same
/// in greyscale and with any common colour-vision deficiency.
///
/// A value is placed on the domain, clamped to it, and coloured by linear interpolation in RGB
/// between nine stops of viridis sampled at 0, 1/8, …, 1 (`#440154` … `#FDE725`).
///
/// ```swift
/// let scale = ViridisScale(domain: 0...100)
/// scale.color(0)     // "#440154"
/// scale.color(50)    // "#21908D"
/// scale.color(100)   // "#FDE725"
/// ```
public struct ViridisScale: Sendable, Equatable {
    /// The values of the low and the high end.
    public var domain: ClosedRange<Double>

    /// The nine stops, at 0, 1/8, …, 1.
    static let stops: [(red: Double, green: Double, blue: Double)] = [
        (0x44, 0x01, 0x54), (0x47, 0x2C, 0x7A), (0x3B, 0x51, 0x8B), (0x2C, 0x71, 0x8E), (0x21, 0x90, 0x8D),
        (0x27, 0xAD, 0x81), (0x5C, 0xC8, 0x63), (0xAA, 0xDC, 0x32), (0xFD, 0xE7, 0x25),
    ]

    /// A scale over `domain`.
    ///
    /// - Parameter domain: The values given the darkest and the lightest colour.
    public init(domain: ClosedRange<Double>) {
        self.domain = domain
    }

    /// The position of `value` on the scale: 0 at the low end, 1 at the high end, clamped; 0.5
    /// for a domain of zero width.
    ///
    /// - Parameter value: A finite value.
    /// - Returns: Its position in [0, 1].
    public func fraction(_ value: Double) -> Double {
        let width = domain.upperBound - domain.lowerBound
        guard width > 0 else { return 0.5 }
        return Swift.min(1, Swift.max(0, (value - domain.lowerBound) / width))
    }

    /// The colour of `value`.
    ///
    /// - Parameter value: A finite value (outside the domain it takes the nearer end's colour).
    /// - Returns: The colour as `#RRGGBB`.
    /// - Complexity: O(1).
    public func color(_ value: Double) -> String {
        Self.color(at: fraction(value))
    }

    /// The colour at a position of the scale.
    ///
    /// - Parameter fraction: A position in [0, 1] (clamped).
    /// - Returns: The colour as `#RRGGBB`.
    public static func color(at fraction: Double) -> String {
        let t = fraction.isFinite ? Swift.min(1, Swift.max(0, fraction)) : 0
        let scaled = t * Double(stops.count - 1)
        let k = Swift.min(stops.count - 2, Int(scaled.rounded(.down)))
        let u = scaled - Double(k)
        let a = stops[k], b = stops[k + 1]
        let channel = { (x: Double, y: Double) in Int((x + (y - x) * u).rounded()) }
        return String(format: "#%02X%02X%02X", channel(a.red, b.red), channel(a.green, b.green), channel(a.blue, b.blue))
    }
}
