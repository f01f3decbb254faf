import Foundation

/// Additive Logarithmic Mean Divisia Index (LMDI-I, Ang 2004) decomposition of the change of a
/// product of factors.
///
/// For `V = X₁ · X₂ · … · Xₖ` between a base `0` and a year `t`, the effect of factor `j` is
/// `ΔVⱼ = L(Vₜ, V₀) · ln(Xⱼₜ / Xⱼ₀)` with the logarithmic mean `L(a, b) = (a − b) / (ln a − ln b)`,
/// `L(a, a) = a`. Because `Σⱼ ln(Xⱼₜ/Xⱼ₀) = ln(Vₜ/V₀)`, the effects sum to `Vₜ − V₀` exactly (up to
/// rounding, ≈ 1e-15 relative): the decomposition leaves no residual.
///
/// ```swift
/// LMDI.effects(base: [2, 3], current: [4, 3])   // [6, 0]: V went from 6 to 12, all from factor 1
/// ```
public enum LMDI {
    /// The logarithmic mean `L(a, b) = (a − b) / (ln a − ln b)`, `L(a, a) = a`.
    ///
    /// - Parameters:
    ///   - a: A positive number.
    ///   - b: A positive number.
    /// - Returns: `L(a, b)`, between the geometric and the arithmetic mean; NaN unless both are positive.
    /// - Complexity: O(1).
    public static func logarithmicMean(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        // Near a = b the quotient loses digits; the series (a + b)/2 − (a − b)²/(12 (a + b)/2) is exact to O(δ⁴).
        let relative = Swift.abs(a - b) / Swift.max(a, b)
        if relative < 1e-6 {
            let mean = (a + b) / 2
            return mean - (a - b) * (a - b) / (12 * mean)
        }
        return (a - b) / (log(a) - log(b))
    }

    /// The additive LMDI effects of each factor.
    ///
    /// - Parameters:
    ///   - base: The factors `Xⱼ₀` in the base year, all positive.
    ///   - current: The factors `Xⱼₜ`, all positive, same count.
    /// - Returns: One effect per factor, in the units of `V`; they sum to `ΠXₜ − ΠX₀`. NaN where a
    ///   factor is not positive (the logarithm is undefined).
    /// - Precondition: `base.count == current.count`.
    /// - Complexity: O(k) for k factors.
    public static func effects(base: [Double], current: [Double]) -> [Double] {
        precondition(base.count == current.count, "LMDI needs the same factors in both years")
        let v0 = base.reduce(1, *)
        let vt = current.reduce(1, *)
        let weight = logarithmicMean(vt, v0)
        return zip(base, current).map { x0, xt in
            x0 > 0 && xt > 0 ? weight * log(xt / x0) : .nan
        }
    }
}
