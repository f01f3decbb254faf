import Foundation

/// Text and numbers as they are written into SVG and HTML: XML-escaped text and numbers with a
/// fixed number of decimals, so the same chart always gives the same bytes.
public enum ChartText {
    /// `text` escaped for XML character data and attribute values: `&`, `<`, `>`, `"` and `'`
    /// become entities, and characters XML 1.0 does not allow (control characters other than
    /// tab, line feed and carriage return) become U+FFFD.
    ///
    /// ```swift
    /// ChartText.escaped("PM2.5 <WHO & \"EU\">")   // "PM2.5 &lt;WHO &amp; &quot;EU&quot;&gt;"
    /// ```
    ///
    /// - Parameter text: Any text.
    /// - Returns: The escaped text.
    /// - Complexity: O(*n*) in the length of `text`.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate or length with two decimals (`12.50`), the precision every SVG number is
    /// written with (a hundredth of a pixel); negative zero is written as `0.00`.
    ///
    /// - Parameter value: A finite number.
    /// - Returns: Its text.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 2)
    }

    /// `value` with exactly `decimals` digits after the point (no grouping, `.` as the point,
    /// `-` only for values that round to a nonzero number); `NaN` and infinities as `NaN`, `∞`, `-∞`.
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - decimals: Digits after the point, 0 to 12.
    /// - Returns: Its text.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let digits = min(max(decimals, 0), 12)
        let text = String(format: "%.\(digits)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// A tick label: `value` with as many decimals as the tick step needs, and thin thousands
    /// grouping with commas from 10,000 on (`12,500`, `0.25`, `-3`).
    ///
    /// - Parameters:
    ///   - value: The tick's value.
    ///   - step: The distance between ticks, which fixes the decimals (`0.25` → 2).
    /// - Returns: The label.
    public static func tickLabel(_ value: Double, step: Double) -> String {
        let decimals = step > 0 && step.isFinite ? max(0, Int(-floor(log10(step) + 1e-9))) : 0
        let text = fixed(value, decimals: decimals)
        return grouped(text)
    }

    /// `text` (a plain decimal number) with commas between thousands when its integer part has
    /// five digits or more.
    static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        guard integer.count >= 5 else { return text }
        var grouped = ""
        for (k, character) in integer.enumerated() {
            if k > 0 && (integer.count - k) % 3 == 0 { grouped += "," }
            grouped.append(character)
        }
        if parts.count == 2 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }

    /// A value for a data table: Swift's shortest text that reads back as the same `Double`, empty
    /// for NaN.
    ///
    /// - Parameter value: The value.
    /// - Returns: Its text.
    public static func tableValue(_ value: Double) -> String {
        value.isNaN ? "" : "\(value)"
    }

    /// A number for a summary table a planner reads: four significant digits, whole numbers
    /// as ``compact(_:)`` writes them (`1053`, `123,457`), others like `10.08`, `0.36`, `2.201`; the
    /// chart data tables keep every digit.
    ///
    /// - Parameter value: The number.
    /// - Returns: Its text; empty for NaN.
    public static func readable(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "" : "\(value)" }
        let magnitude = Swift.abs(value)
        if magnitude >= 1000 || value == value.rounded() && magnitude < 1e15 { return compact(value.rounded()) }
        if magnitude < 1e-3 && value != 0 { return String(format: "%.3e", value) }
        let decimals = Swift.max(0, 3 - Int((log10(magnitude)).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A number for a label: whole numbers without a decimal point and grouped from 10,000 on
    /// (`950`, `6,000,000`), others as ``tableValue(_:)`` (`0.25`).
    ///
    /// - Parameter value: The number.
    /// - Returns: Its text.
    public static func compact(_ value: Double) -> String {
        if value == value.rounded(), Swift.abs(value) < 1e15 { return grouped(String(Int(value))) }
        return tableValue(value)
    }

    /// A width estimate in pixels of `text` in a sans-serif font of `fontSize` pixels: 0.65 em per
    /// character, which over-estimates digits and lower-case letters in common sans-serif faces,
    /// so labels spaced by it do not collide.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - fontSize: The font size in pixels.
    /// - Returns: The estimated width in pixels.
    public static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.65
    }
}
