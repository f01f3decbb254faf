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
    /// Zeros follow Ang & Liu (2007), "Handling zero values in the logarithmic mean Divisia index
    /// decomposition approach" (Energy Policy 35, 238–246): each zero is replaced by a small
    /// δ and the effects taken in the limit δ → 0, which exists in closed form and keeps the
    /// decomposition exact:
    /// - a factor that is zero in both years, or a zero in the base year of one factor and in
    ///   the current year of another, leaves `V` at zero in both years: every effect is 0;
    /// - when `V₀ = 0 < Vₜ`, the factors that are zero in the base year share the change `Vₜ`
    ///   equally (with one such factor, it takes all of it) and every other effect is 0, since the
    ///   weight `L(Vₜ, δ) → 0` while only those factors' logarithms diverge;
    /// - when `Vₜ = 0 < V₀`, likewise the factors that are zero in the current year share `−V₀`.
    ///
    /// - Parameters:
    ///   - base: The factors `Xⱼ₀` in the base year, each ≥ 0.
    ///   - current: The factors `Xⱼₜ`, each ≥ 0, same count.
    /// - Returns: One effect per factor, in the units of `V`; they sum to `ΠXₜ − ΠX₀`. NaN for
    ///   every factor when a factor is negative or not finite (the index is undefined there).
    /// - Precondition: `base.count == current.count`.
    /// - Complexity: O(k) for k factors.
    public static func effects(base: [Double], current: [Double]) -> [Double] {
        precondition(base.count == current.count, "LMDI needs the same factors in both years")
        guard (base + current).allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            return Array(repeating: .nan, count: base.count)
        }
        let v0 = base.reduce(1, *)
        let vt = current.reduce(1, *)
        let zeroInBase = base.indices.filter { base[$0] == 0 }
        let zeroInCurrent = current.indices.filter { current[$0] == 0 }
        if !zeroInBase.isEmpty || !zeroInCurrent.isEmpty {
            var effects = Array(repeating: 0.0, count: base.count)
            if !zeroInBase.isEmpty && zeroInCurrent.isEmpty {
                for j in zeroInBase { effects[j] = vt / Double(zeroInBase.count) }
            } else if zeroInBase.isEmpty && !zeroInCurrent.isEmpty {
                for j in zeroInCurrent { effects[j] = -v0 / Double(zeroInCurrent.count) }
            }
            return effects
        }
        let weight = logarithmicMean(vt, v0)
        return zip(base, current).map { x0, xt in weight * log(xt / x0) }
    }
}
