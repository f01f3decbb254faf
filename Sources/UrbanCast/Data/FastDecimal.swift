/// Reads a decimal number from bytes without building a `String`, when that can be done exactly.
///
/// The grammar is ``CellValue``'s: `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`, no
/// surrounding spaces. The result is the correctly rounded `Double`, the same bits as
/// `Double(String)`, by Clinger's fast path (W. D. Clinger, "How to read floating point numbers
/// accurately", PLDI 1990): when the significant digits form an integer *w* ≤ 2⁵³ and the decimal
/// exponent *e* is within ±22, both *w* and 10^|*e*| are exact doubles, so one IEEE multiplication
/// or division rounds the exact quotient once. Anything else (more than 19 significant digits, a
/// larger exponent, `NA`, `inf`, any other text) gives `nil`, and the caller reads the text the
/// slow, exact way. Typical data (up to 15 significant digits, a few decimals) all takes the fast
/// path.
enum FastDecimal {
    /// 10⁰ … 10²², every one exactly representable as a `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The value of the `count` bytes at `start` when the fast path reads them exactly, else `nil`.
    ///
    /// - Parameters:
    ///   - start: The first byte of the number (already trimmed of spaces).
    ///   - count: The number of bytes, at least 0.
    /// - Returns: The correctly rounded value, or `nil` when the text is not in the grammar or
    ///   needs the exact slow path.
    /// - Complexity: O(*count*).
    static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        var index = 0
        var isNegative = false
        if index < count, start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
            isNegative = start[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var sawDigit = false
        var exponent = 0
        // The digits before and after the point; each one after it lowers the exponent.
        var isAfterPoint = false
        while index < count {
            if start[index] == UInt8(ascii: "."), !isAfterPoint {
                isAfterPoint = true
                index += 1
                continue
            }
            let digit = start[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            sawDigit = true
            if mantissa != 0 || digit != 0 {
                guard significantDigits < 19 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significantDigits += 1
            }
            if isAfterPoint { exponent -= 1 }
            index += 1
        }
        guard sawDigit else { return nil }
        if index < count, start[index] == UInt8(ascii: "e") || start[index] == UInt8(ascii: "E") {
            index += 1
            var isNegativeExponent = false
            if index < count, start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
                isNegativeExponent = start[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var sawExponentDigit = false
            while index < count {
                let digit = start[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                sawExponentDigit = true
                if written < 100_000 { written = written * 10 + Int(digit) }
                index += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += isNegativeExponent ? -written : written
        }
        guard index == count else { return nil }
        if mantissa == 0 { return isNegative ? -0.0 : 0.0 }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let magnitude = Double(mantissa)
        let value = exponent < 0 ? magnitude / powersOfTen[-exponent] : magnitude * powersOfTen[exponent]
        return isNegative ? -value : value
    }
}
