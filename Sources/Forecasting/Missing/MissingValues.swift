import Foundation
import LinearAlgebra

/// What to do with a series' missing values before a model is fitted.
///
/// - ``refuse``: leave them; a model that cannot take gaps fails on the series with
///   ``ForecastingError/missingValues(model:)``, while ARIMA, whose Kalman filter skips missing
///   observations, fits the series as it is.
/// - ``interpolate``: fill every gap, as R's `forecast::na.interp` (see
///   ``MissingValues/interpolated(_:seasonLength:lambda:)``).
/// - ``contiguous``: keep only the longest stretch without missing values, as R's
///   `stats::na.contiguous` (see ``MissingValues/longestStretch(_:)``).
public enum MissingValuePolicy: String, Sendable, Codable, CaseIterable {
    /// Leave missing values for the model, which may refuse them.
    case refuse
    /// Fill missing values by linear or seasonal (STL) interpolation.
    case interpolate
    /// Keep the longest stretch of the series without missing values.
    case contiguous
}

/// What a ``MissingValuePolicy`` did to one series: how many values it filled and how many
/// periods it dropped.
///
/// ```swift
/// let series = TimeSeries(start: SeriesDate(year: 2000, precision: .year), frequency: .yearly,
///                         values: [1, .nan, 3, 4])
/// let (treated, treatment) = try series.treatingMissingValues(.interpolate)
/// treated.values          // [1, 2, 3, 4]
/// treatment.filled        // 1
/// ```
public struct MissingValueTreatment: Sendable, Codable, Equatable {
    /// The policy applied.
    public let policy: MissingValuePolicy
    /// The missing values filled (``MissingValuePolicy/interpolate``); 0 otherwise.
    public let filled: Int
    /// The periods dropped outside the longest stretch (``MissingValuePolicy/contiguous``),
    /// observed or missing; 0 otherwise.
    public let dropped: Int

    /// Creates a record of a treatment.
    ///
    /// - Parameters:
    ///   - policy: The policy applied.
    ///   - filled: The values filled.
    ///   - dropped: The periods dropped.
    public init(policy: MissingValuePolicy, filled: Int = 0, dropped: Int = 0) {
        self.policy = policy
        self.filled = filled
        self.dropped = dropped
    }
}

/// Missing-value handling as R does it: linear and seasonal interpolation (`forecast::na.interp`)
/// and the longest stretch without missing values (`stats::na.contiguous`). A missing value is NaN.
public enum MissingValues {
    /// Fills the missing values of a series as R's `forecast::na.interp(x, lambda)` with
    /// `frequency(x) = seasonLength`.
    ///
    /// Linear interpolation between the nearest observations, with the first and last observations
    /// carried outwards (R's `approx(..., rule = 2)`), when the series is not seasonal
    /// (`seasonLength ≤ 1`) or has no more than `2 · seasonLength` observations. Otherwise, as R:
    /// 1. the gaps get a first fill from a regression on Fourier terms (`min(⌊m/2⌋, 5)` harmonics
    ///    of the season `m`) and a polynomial in time of degree `min(max(⌊n/10⌋, 1), 6)`;
    /// 2. a robust STL with seasonal window 11 (`mstl(x, robust = TRUE)`) decomposes the filled series;
    /// 3. the seasonally adjusted series is interpolated linearly from the observations, and the
    ///    seasonal component added back at the gaps.
    /// If a value so filled lies more than half the observed range beyond it, the linear
    /// interpolation is used instead (R's plausibility check). Observed values are never changed.
    ///
    /// - Parameters:
    ///   - values: The series, NaN where missing.
    ///   - seasonLength: The period `m` (R's `frequency`); 1 for none.
    ///   - lambda: A Box–Cox power: interpolate on the transformed scale and transform back; `nil`
    ///     (R's default, `lambda = NULL`) for none.
    /// - Returns: `values` with every NaN replaced; `values` itself when none is missing.
    /// - Throws: ``ForecastingError/tooShort(model:count:minimum:)`` when fewer than two values are
    ///   observed (R's `approx` needs two); STL's errors, which the conditions above rule out.
    /// - Complexity: O(*n*) for the linear case; the seasonal case costs one regression on
    ///   O(*m*) columns and one robust STL, O(*n* (*m* + windows)).
    public static func interpolated(_ values: [Double], seasonLength: Int, lambda: Double? = nil)
        throws(ForecastingError) -> [Double]
    {
        let missing = values.map(\.isNaN)
        let observedCount = missing.reduce(0) { $0 + ($1 ? 0 : 1) }
        guard observedCount < values.count else { return values }
        guard observedCount >= 2 else {
            throw .tooShort(model: "Interpolation", count: observedCount, minimum: 2)
        }
        let linear = seasonLength <= 1 || observedCount <= 2 * seasonLength
        return try interpolated(values, missing: missing, seasonLength: seasonLength, lambda: lambda, linear: linear)
    }

    private static func interpolated(_ original: [Double], missing: [Bool], seasonLength: Int, lambda: Double?,
                                     linear: Bool) throws(ForecastingError) -> [Double] {
        let observed = original.indices.filter { !missing[$0] }
        let low = observed.map { original[$0] }.min() ?? 0
        let high = observed.map { original[$0] }.max() ?? 0
        let transform = lambda.map(BoxCox.init(lambda:))
        var x = transform.map { $0.transform(original) } ?? original
        if linear {
            x = linearlyInterpolated(x, at: observed)
        } else {
            let n = x.count
            let firstFill = fourierPolynomialFit(x, observed: observed, seasonLength: seasonLength)
            for i in 0..<n where missing[i] { x[i] = firstFill[i] }
            let fit = try STL(x, period: seasonLength, seasonalWindow: .span(11), robust: true,
                              robustScale: .referencePartialSort)
            let adjusted = linearlyInterpolated((0..<n).map { x[$0] - fit.seasonal[$0] }, at: observed)
            for i in 0..<n where missing[i] { x[i] = adjusted[i] + fit.seasonal[i] }
        }
        if let transform {
            x = x.map(transform.inverse)
            // R returns every value transformed and back; the observations themselves are kept.
            for i in observed { x[i] = original[i] }
        }
        if !linear {
            let span = high - low
            if x.contains(where: { $0 > high + 0.5 * span || $0 < low - 0.5 * span }) {
                return try interpolated(original, missing: missing, seasonLength: seasonLength, lambda: lambda,
                                        linear: true)
            }
        }
        return x
    }

    /// `values` at every index, linearly interpolated from its values at `observed` (increasing
    /// indices, at least two) and constant beyond them: R's `approx(observed, values[observed],
    /// 1:n, rule = 2)$y`, with its formula `yᵢ + (yⱼ − yᵢ)·((v − xᵢ)/(xⱼ − xᵢ))`.
    static func linearlyInterpolated(_ values: [Double], at observed: [Int]) -> [Double] {
        guard let first = observed.first, let last = observed.last else { return values }
        var result = values
        for i in 0..<first { result[i] = values[first] }
        for i in (last + 1)..<Swift.max(values.count, last + 1) { result[i] = values[last] }
        for (left, right) in zip(observed, observed.dropFirst()) where right - left > 1 {
            let yLeft = values[left], yRight = values[right]
            for v in (left + 1)..<right {
                result[v] = yLeft + (yRight - yLeft) * (Double(v - left) / Double(right - left))
            }
        }
        for i in observed { result[i] = values[i] }
        return result
    }

    /// The fitted values, at every index, of the least-squares regression of the observations on
    /// an intercept, Fourier terms and orthogonal polynomials in time: R's
    /// `lm(x ~ cbind(fourier(x, K), poly(tt, degree)), na.action = na.exclude)` and its `predict`.
    private static func fourierPolynomialFit(_ x: [Double], observed: [Int], seasonLength m: Int) -> [Double] {
        let n = x.count
        let times = (1...n).map(Double.init)
        var columns: [[Double]] = [[Double](repeating: 1, count: n)]
        let harmonics = Swift.min(m / 2, 5)
        for k in stride(from: 1, through: harmonics, by: 1) {
            let p = Double(k) / Double(m)
            // R leaves out a sine that vanishes at every integer time (k = m/2).
            if abs(2 * p - (2 * p).rounded()) > Double.ulpOfOne {
                columns.append(times.map { sinPi(2 * p * $0) })
            }
            columns.append(times.map { cosPi(2 * p * $0) })
        }
        columns += orthogonalPolynomials(times, degree: Swift.min(Swift.max(n / 10, 1), 6))
        let design = columns.map { column in observed.map { column[$0] } }
        guard let fit = try? LINPACKLeastSquares(design: design, response: observed.map { x[$0] }) else {
            return linearlyInterpolated(x, at: observed)
        }
        return (0..<n).map { i in
            // R's predict treats an aliased (NA) coefficient as zero.
            zip(columns, fit.coefficients).reduce(0.0) { sum, term in term.1.isNaN ? sum : sum + term.1 * term.0[i] }
        }
    }

    /// Polynomials of degree 1 through `degree`, orthogonal on the points `t` and of unit norm,
    /// by the Stieltjes three-term recurrence; they span the same space as R's `poly(t, degree)`.
    private static func orthogonalPolynomials(_ t: [Double], degree: Int) -> [[Double]] {
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        var previous = [Double](repeating: 0, count: t.count)
        var current = [Double](repeating: 1, count: t.count)
        var previousNorm = 1.0
        var result: [[Double]] = []
        for _ in 0..<degree {
            let norm = dot(current, current)
            let alpha = t.indices.reduce(0.0) { $0 + t[$1] * current[$1] * current[$1] } / norm
            let beta = result.isEmpty ? 0 : norm / previousNorm
            let next = t.indices.map { i in (t[i] - alpha) * current[i] - beta * previous[i] }
            previous = current
            previousNorm = norm
            current = next
            let scale = dot(next, next).squareRoot()
            result.append(next.map { $0 / scale })
        }
        return result
    }

    /// `sin(πx)`, exact at integers and half-integers, reduced as R's `sinpi`.
    private static func sinPi(_ x: Double) -> Double {
        var r = fmod(x, 2)
        if r <= -1 { r += 2 } else if r > 1 { r -= 2 }
        if r == 0 || r == 1 { return 0 }
        if r == 0.5 { return 1 }
        if r == -0.5 { return -1 }
        return Foundation.sin(Double.pi * r)
    }

    /// `cos(πx)`, exact at integers and half-integers, reduced as R's `cospi`.
    private static func cosPi(_ x: Double) -> Double {
        let r = fmod(abs(x), 2)
        if fmod(r, 1) == 0.5 { return 0 }
        if r == 1 { return -1 }
        if r == 0 { return 1 }
        return Foundation.cos(Double.pi * r)
    }

    /// The longest stretch of `values` without missing values, as R's `stats::na.contiguous`.
    ///
    /// R counts each stretch together with the missing value just before it, so of two stretches
    /// of equal length the one after a gap wins over one at the very start; among equals otherwise
    /// the first wins. This follows R exactly: for `[1, 2, NaN, 3, 4]` it is `3..<5`.
    ///
    /// - Parameter values: The series, NaN where missing.
    /// - Returns: The indices of the stretch; `nil` when every value is missing (R: "all times
    ///   contain an NA").
    /// - Complexity: O(*n*).
    public static func longestStretch(_ values: [Double]) -> Range<Int>? {
        guard values.contains(where: { !$0.isNaN }) else { return nil }
        // A segment runs from a missing value (or the start) to the next missing value: R's
        // `tt == s`, the indices after exactly s missing values.
        var best = 0..<0
        var segmentStart = 0
        for i in 0...values.count where i == values.count || values[i].isNaN {
            if i - segmentStart > best.count { best = segmentStart..<i }
            segmentStart = i
        }
        return values[best.lowerBound].isNaN ? (best.lowerBound + 1)..<best.upperBound : best
    }
}

extension TimeSeries {
    /// The series after a missing-value policy, and what the policy did.
    ///
    /// ``MissingValuePolicy/refuse`` returns the series unchanged;
    /// ``MissingValuePolicy/interpolate`` fills it with
    /// ``MissingValues/interpolated(_:seasonLength:lambda:)`` on its ``seasonLength``;
    /// ``MissingValuePolicy/contiguous`` keeps ``MissingValues/longestStretch(_:)``, starting at
    /// that stretch's first date, so that forecasts are dated from the stretch's end (as R's
    /// `na.contiguous` keeps its time attributes).
    ///
    /// - Parameters:
    ///   - policy: The policy.
    ///   - lambda: With `interpolate`, an optional Box–Cox power to interpolate on.
    /// - Returns: The treated series (same frequency and season length) and the treatment.
    /// - Throws: ``ForecastingError/tooShort(model:count:minimum:)`` when fewer than two values are
    ///   observed (interpolate) or none is (contiguous).
    /// - Complexity: as ``MissingValues/interpolated(_:seasonLength:lambda:)``; O(*n*) otherwise.
    public func treatingMissingValues(_ policy: MissingValuePolicy, lambda: Double? = nil)
        throws(ForecastingError) -> (series: TimeSeries, treatment: MissingValueTreatment)
    {
        switch policy {
        case .refuse:
            return (self, MissingValueTreatment(policy: policy))
        case .interpolate:
            let filled = try MissingValues.interpolated(values, seasonLength: seasonLength, lambda: lambda)
            return (TimeSeries(start: start, frequency: frequency, values: filled, seasonLength: seasonLength),
                    MissingValueTreatment(policy: policy, filled: missingCount))
        case .contiguous:
            guard let stretch = MissingValues.longestStretch(values) else {
                throw .tooShort(model: "The longest stretch without missing values", count: 0, minimum: 1)
            }
            let kept = TimeSeries(start: date(at: stretch.lowerBound), frequency: frequency,
                                  values: Array(values[stretch]), seasonLength: seasonLength)
            return (kept, MissingValueTreatment(policy: policy, dropped: count - stretch.count))
        }
    }
}
