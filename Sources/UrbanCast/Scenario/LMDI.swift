import Foundation

/// Additive Logarithmic Mean Divisia Index (LMDI-I, Ang 2004) decomposition of the change of a
/// product of factors.
///
/// For `V = X₁ · X₂ · … · Xₖ` between a base `0` and a year `t`, the effect of factor `j` is
/// `ΔVⱼ = L(Vₜ, V₀) · ln(Xⱼₜ / Xⱼ₀)` with the logarithmic mean `L(a, b) = (a − b) / (ln a − ln b)`,
/// `L(a, a) = a`. Because `Σⱼ ln(Xⱼₜ/Xⱼ₀) = ln(Vₜ/V₀)`, the effects sum to `Vₜ − V₀` exactly (up to
/// rounding, ≈ 1e-15 relative): the decomposition leaves no residual.
///
/// **Zeros** follow the small-value strategy of Ang & Liu (2007), "Handling zero values in the
/// logarithmic mean Divisia index decomposition approach" (Energy Policy 35, 238–246): every zero
/// in the data is replaced by the same small δ, the factors are formed from the replaced data,
/// and the effects are those of the plain formula. They are taken here in the limit δ → 0, in
/// closed form, rather than at a fixed δ such as the 1e-10 … 1e-20 that Ang & Liu suggest: the
/// weight `L(Vₜ, δ) = (Vₜ − δ)/ln(Vₜ/δ)` converges only like `1/ln(1/δ)`, so at δ = 1e-10 an
/// effect can still be off by a tenth of the change (a sector that closes: its structure effect
/// is 13% off at δ = 1e-10, 7% at 1e-20), while the limit is exact and keeps the effects summing
/// to the change. Writing each factor as `c · δᵏ` (a zero datum has
/// `k = 1`; a ratio of data subtracts orders) and `V = C · δᴷ`:
/// - `V` positive in both years (`K = 0`): the plain formula on the coefficients, provided every
///   factor has the same order in both years; otherwise the limit does not exist (a factor falls
///   to zero while `V` stays positive, as when a driver is zero and the indicator is not) and
///   every effect is NaN;
/// - `V` zero in both years: every effect is 0;
/// - `V₀ = 0 < Vₜ`: factor `j` takes `Vₜ · (k⁰ⱼ − kᵗⱼ) / K₀`, the share of the vanishing order it
///   accounts for (one factor that appears from zero takes the whole change; two share it
///   equally);
/// - `Vₜ = 0 < V₀`: likewise `V₀ · (k⁰ⱼ − kᵗⱼ) / Kₜ`.
///
/// ```swift
/// LMDI.effects(base: [2, 3], current: [4, 3])   // [6, 0]: V went from 6 to 12, all from factor 1
/// LMDI.effects(base: [0, 3], current: [2, 3])   // [6, 0]: factor 1 appeared from zero
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

    /// The additive LMDI effects of each factor, with zeros handled as in ``LMDI``.
    ///
    /// A zero factor is a zero datum: a factor that is zero in both years, or a zero in the base
    /// year of one factor and in the current year of another, leaves `V` at zero in both years
    /// (every effect 0); when `V₀ = 0 < Vₜ` the factors that are zero in the base year share the
    /// change `Vₜ` equally; when `Vₜ = 0 < V₀` those zero in the current year share `−V₀`.
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
        guard isData(base + current) else { return Array(repeating: .nan, count: base.count) }
        return limitEffects(base: base.map(SmallValue.init), current: current.map(SmallValue.init))
    }

    /// The additive LMDI effects of drivers and of the intensity they imply on a quantity
    /// `V = D₁ · … · Dₘ · I`, `I = V / (D₁ ⋯ Dₘ)`, from the data `V` and `Dⱼ`.
    ///
    /// Zeros in the data are replaced by δ before the intensity is formed (``LMDI``), so a year
    /// in which `V` and a driver are both zero (a sector or a city not yet there) is finite and
    /// the effects still sum to the change: when `V₀ = D₁₀ = 0 < Vₜ, D₁ₜ`, the driver `D₁` takes
    /// the whole change `Vₜ`. A driver that is zero in one year only while `V` is positive in both
    /// has no limit: every effect is NaN.
    ///
    /// ```swift
    /// LMDI.effects(baseValue: 100, baseDrivers: [10], value: 150, drivers: [12])
    /// // [22.48…, 27.51…]: V = 10 · 10 → 12 · 12.5, so the driver's and the intensity's effects
    /// ```
    ///
    /// - Parameters:
    ///   - baseValue: `V₀`, ≥ 0.
    ///   - baseDrivers: `Dⱼ₀`, each ≥ 0.
    ///   - value: `Vₜ`, ≥ 0.
    ///   - drivers: `Dⱼₜ`, each ≥ 0, same count as `baseDrivers`.
    /// - Returns: `m + 1` effects, the drivers' in order and then the intensity's, in the units of
    ///   `V`; they sum to `Vₜ − V₀`. NaN for every effect when a datum is negative or not finite,
    ///   or when the limit does not exist.
    /// - Precondition: `baseDrivers.count == drivers.count`.
    /// - Complexity: O(m).
    public static func effects(baseValue: Double, baseDrivers: [Double], value: Double, drivers: [Double]) -> [Double] {
        precondition(baseDrivers.count == drivers.count, "LMDI needs the same drivers in both years")
        guard isData([baseValue, value] + baseDrivers + drivers) else {
            return Array(repeating: .nan, count: drivers.count + 1)
        }
        func factors(_ value: Double, _ drivers: [Double]) -> [SmallValue] {
            let data = drivers.map(SmallValue.init)
            return data + [SmallValue(value) / data.reduce(SmallValue.one, *)]
        }
        return limitEffects(base: factors(baseValue, baseDrivers), current: factors(value, drivers))
    }

    /// The additive LMDI-I decomposition of a total over sectors into activity, structure and
    /// intensity effects (Ang 2005, "The LMDI approach to decomposition analysis: a practical
    /// guide", Energy Policy 33, 867–871).
    ///
    /// With sector activities `Qᵢ` (in one unit, e.g. value added or floor area), total activity
    /// `Q = Σ Qᵢ`, shares `Sᵢ = Qᵢ / Q` and intensities `Iᵢ = Vᵢ / Qᵢ`, the total is
    /// `V = Σᵢ Q · Sᵢ · Iᵢ` and sector `i` contributes, with `wᵢ = L(Vᵢₜ, Vᵢ₀)`,
    /// the activity effect `wᵢ ln(Qₜ/Q₀)`, the structure effect `wᵢ ln(Sᵢₜ/Sᵢ₀)` and the intensity
    /// effect `wᵢ ln(Iᵢₜ/Iᵢ₀)`; they sum to `Vᵢₜ − Vᵢ₀`, so all of them to `Vₜ − V₀`. Zeros in the
    /// data are replaced by δ before shares and intensities are formed (``LMDI``): a sector that
    /// appears from nothing (`Qᵢ₀ = Vᵢ₀ = 0`) contributes its `Vᵢₜ` as structure effect, one whose
    /// use appears while its activity was there (`Vᵢ₀ = 0 < Qᵢ₀`) as intensity effect.
    ///
    /// ```swift
    /// LMDI.sectorEffects(baseActivity: [60, 40], baseValues: [30, 40], activity: [60, 60], values: [30, 60])
    /// // activity 5.47…, structure −5.47…, intensity 0 for sector 1; 8.99…, 11.01…, 0 for sector 2:
    /// // activity rose 20%, sector 2's share from 40% to 50%
    /// ```
    ///
    /// - Parameters:
    ///   - baseActivity: `Qᵢ₀`, each ≥ 0.
    ///   - baseValues: `Vᵢ₀`, each ≥ 0, one per sector.
    ///   - activity: `Qᵢₜ`, each ≥ 0, one per sector.
    ///   - values: `Vᵢₜ`, each ≥ 0, one per sector.
    /// - Returns: Each sector's ``SectorEffects``, in the units of `V`. A sector whose limit does
    ///   not exist (activity zero in one year only while its value is positive in both), or with a
    ///   negative or non-finite datum, has NaN effects.
    /// - Precondition: the four arrays have the same count.
    /// - Complexity: O(sectors).
    public static func sectorEffects(baseActivity: [Double], baseValues: [Double], activity: [Double],
                                     values: [Double]) -> [SectorEffects] {
        let n = baseActivity.count
        precondition(baseValues.count == n && activity.count == n && values.count == n,
                     "LMDI needs every sector's activity and value in both years")
        let undefined = SectorEffects(activity: .nan, structure: .nan, intensity: .nan)
        guard isData(baseActivity + activity) else { return Array(repeating: undefined, count: n) }
        func factors(_ q: [Double], _ v: [Double], _ i: Int) -> [SmallValue] {
            let total = q.map(SmallValue.init).reduce(SmallValue.zero, +)
            let activity = SmallValue(q[i])
            return [total, activity / total, SmallValue(v[i]) / activity]
        }
        return (0..<n).map { i in
            guard isData([baseValues[i], values[i]]) else { return undefined }
            let effects = limitEffects(base: factors(baseActivity, baseValues, i), current: factors(activity, values, i))
            return SectorEffects(activity: effects[0], structure: effects[1], intensity: effects[2])
        }
    }

    /// One sector's share of a total's change (``sectorEffects(baseActivity:baseValues:activity:values:)``),
    /// in the units of the total; the three sum to the sector's change.
    public struct SectorEffects: Sendable, Equatable {
        /// `wᵢ ln(Qₜ/Q₀)`: the change of total activity.
        public var activity: Double
        /// `wᵢ ln(Sᵢₜ/Sᵢ₀)`: the change of the sector's share of activity.
        public var structure: Double
        /// `wᵢ ln(Iᵢₜ/Iᵢ₀)`: the change of the sector's intensity.
        public var intensity: Double

        /// Creates the effects.
        public init(activity: Double, structure: Double, intensity: Double) {
            self.activity = activity
            self.structure = structure
            self.intensity = intensity
        }

        /// Activity, structure and intensity, in that order (the order of the factors in
        /// ``ScenarioRun/SectorDecomposition``).
        public var all: [Double] { [activity, structure, intensity] }
    }

    private static func isData(_ values: [Double]) -> Bool { values.allSatisfy { $0 >= 0 && $0.isFinite } }

    /// The LMDI effects in the limit δ → 0 of factors `c · δᵏ`; see ``LMDI`` for the cases.
    private static func limitEffects(base: [SmallValue], current: [SmallValue]) -> [Double] {
        let order0 = base.reduce(0) { $0 + $1.order }, orderT = current.reduce(0) { $0 + $1.order }
        let v0 = base.reduce(1) { $0 * $1.coefficient }, vt = current.reduce(1) { $0 * $1.coefficient }
        switch (order0, orderT) {
        case (0, 0):
            guard zip(base, current).allSatisfy({ $0.order == $1.order }) else {
                return Array(repeating: .nan, count: base.count)
            }
            let weight = logarithmicMean(vt, v0)
            return zip(base, current).map { x0, xt in weight * log(xt.coefficient / x0.coefficient) }
        case (1..., 0):
            return zip(base, current).map { x0, xt in vt * Double(x0.order - xt.order) / Double(order0) }
        case (0, 1...):
            return zip(base, current).map { x0, xt in v0 * Double(x0.order - xt.order) / Double(orderT) }
        case (1..., 1...):
            return Array(repeating: 0, count: base.count)
        default:
            return Array(repeating: .nan, count: base.count)
        }
    }
}

/// A number `coefficient · δ^order` of the small-value strategy: a zero datum is `1 · δ¹`, a
/// positive one `x · δ⁰`; products and quotients add and subtract orders, and a sum keeps its
/// lowest-order terms.
private struct SmallValue {
    var coefficient: Double
    var order: Int

    static let one = SmallValue(coefficient: 1, order: 0)
    /// The empty sum; `+` treats it as absent.
    static let zero = SmallValue(coefficient: 0, order: .max)

    init(coefficient: Double, order: Int) {
        self.coefficient = coefficient
        self.order = order
    }

    init(_ datum: Double) { self = datum == 0 ? SmallValue(coefficient: 1, order: 1) : SmallValue(coefficient: datum, order: 0) }

    static func * (a: SmallValue, b: SmallValue) -> SmallValue {
        SmallValue(coefficient: a.coefficient * b.coefficient, order: a.order + b.order)
    }

    static func / (a: SmallValue, b: SmallValue) -> SmallValue {
        SmallValue(coefficient: a.coefficient / b.coefficient, order: a.order - b.order)
    }

    static func + (a: SmallValue, b: SmallValue) -> SmallValue {
        if a.order == b.order { return SmallValue(coefficient: a.coefficient + b.coefficient, order: a.order) }
        return a.order < b.order ? a : b
    }
}
