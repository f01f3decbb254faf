/// Descriptive statistics of a sample: mean, variance, standard deviation, sample quantiles.
///
/// `NaN` observations propagate through ``mean(_:)`` and ``variance(_:)`` (the result is
/// `NaN`), while the order statistics (``quantile(_:probability:)``, ``median(_:)``) refuse them
/// with ``StatisticsError/missingObservation(index:)`` because a sample with a `NaN` has no
/// ordering. Too short a sample is a ``StatisticsError/tooFewObservations(statistic:needed:got:)``.
///
/// ```swift
/// let sample = [2.0, 4, 4, 4, 5, 5, 7, 9]
/// try Descriptive.mean(sample)                       // 5.0
/// try Descriptive.variance(sample)                   // 4.571428571428571
/// try Descriptive.quantile(sample, probability: 0.9) // 7.6
/// ```
///
/// The functions are `@inlinable`, so callers in other modules get code specialised to their
/// collection type (an `[Double]` or `ArraySlice<Double>` loop) instead of generic dispatch per
/// element, which matters in Monte Carlo summaries over many cells.
public enum Descriptive {
    /// The arithmetic mean (1/n)·Σxᵢ, refined by one correction pass so that the rounding error
    /// is O(ε) rather than O(nε).
    ///
    /// - Parameter values: the sample.
    /// - Returns: the mean; `NaN` if any value is `NaN`; ±∞ propagate as in IEEE arithmetic.
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for an empty sample.
    /// - Complexity: O(n), two passes.
    @inlinable
    public static func mean<C: Collection>(_ values: C) throws(StatisticsError) -> Double where C.Element == Double {
        guard !values.isEmpty else { throw .tooFewObservations(statistic: "mean", needed: 1, got: 0) }
        return correctedMean(values)
    }

    /// The sample variance s² = Σ(xᵢ − x̄)²/(n − 1) by the corrected two-pass algorithm
    /// (Chan, Golub & LeVeque): Σ(xᵢ − x̄)² − (Σ(xᵢ − x̄))²/n.
    ///
    /// - Parameter values: the sample.
    /// - Returns: s² ≥ 0; `NaN` if any value is `NaN` or infinite.
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for fewer than
    ///   two observations.
    /// - Complexity: O(n), three passes.
    @inlinable
    public static func variance<C: Collection>(_ values: C) throws(StatisticsError) -> Double
    where C.Element == Double {
        let n = values.count
        guard n >= 2 else { throw .tooFewObservations(statistic: "variance", needed: 2, got: n) }
        let center = correctedMean(values)
        var sumOfSquares = 0.0
        var sum = 0.0
        for value in values {
            let deviation = value - center
            sumOfSquares += deviation * deviation
            sum += deviation
        }
        return (sumOfSquares - sum * sum / Double(n)) / Double(n - 1)
    }

    /// The sample standard deviation s = √s²; see ``variance(_:)``.
    ///
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for fewer than
    ///   two observations.
    /// - Complexity: O(n).
    @inlinable
    public static func standardDeviation<C: Collection>(_ values: C) throws(StatisticsError) -> Double
    where C.Element == Double {
        try variance(values).squareRoot()
    }

    /// The sample quantile of type 7 in Hyndman & Fan (1996), R's and NumPy's default.
    ///
    /// With the sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎, h = (n − 1)p + 1, the quantile is
    /// x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎): linear interpolation between order statistics,
    /// giving the minimum at p = 0 and the maximum at p = 1.
    ///
    /// - Parameters:
    ///   - values: the sample; infinite values are allowed.
    ///   - probability: p in [0, 1].
    /// - Returns: the type-7 quantile.
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for an empty
    ///   sample, ``StatisticsError/probabilityOutOfRange(_:)`` for p outside [0, 1] or `NaN`,
    ///   ``StatisticsError/missingObservation(index:)`` for a `NaN` observation.
    /// - Complexity: O(n log n) for the sort; use ``quantiles(_:probabilities:)`` for several p.
    @inlinable
    public static func quantile<C: Collection>(_ values: C, probability: Double) throws(StatisticsError) -> Double
    where C.Element == Double {
        try quantiles(values, probabilities: [probability])[0]
    }

    /// Several type-7 quantiles from one sort; see ``quantile(_:probability:)``.
    ///
    /// - Parameters:
    ///   - values: the sample.
    ///   - probabilities: each in [0, 1].
    /// - Returns: one quantile per probability, in the same order.
    /// - Throws: as ``quantile(_:probability:)``.
    /// - Complexity: O(n log n + m) for m probabilities.
    @inlinable
    public static func quantiles<C: Collection>(_ values: C, probabilities: [Double]) throws(StatisticsError)
        -> [Double]
    where C.Element == Double {
        guard !values.isEmpty else { throw .tooFewObservations(statistic: "quantile", needed: 1, got: 0) }
        for p in probabilities where !(p >= 0 && p <= 1) { throw .probabilityOutOfRange(p) }
        for (index, value) in values.enumerated() where value.isNaN { throw .missingObservation(index: index) }
        let sorted = values.sorted()
        let last = sorted.count - 1
        return probabilities.map { p in
            let h = Double(last) * p
            let lowerIndex = Swift.min(Int(h), last)
            let fraction = h - Double(lowerIndex)
            let lower = sorted[lowerIndex]
            if fraction == 0 || lowerIndex == last { return lower }
            let upper = sorted[lowerIndex + 1]
            return lower == upper ? lower : lower + fraction * (upper - lower)
        }
    }

    /// The sample median: the middle order statistic, or the mean of the two middle ones
    /// (type-7 quantile at p = ½).
    ///
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for an empty
    ///   sample, ``StatisticsError/missingObservation(index:)`` for a `NaN` observation.
    /// - Complexity: O(n log n).
    @inlinable
    public static func median<C: Collection>(_ values: C) throws(StatisticsError) -> Double where C.Element == Double {
        do {
            return try quantile(values, probability: 0.5)
        } catch .tooFewObservations {
            throw .tooFewObservations(statistic: "median", needed: 1, got: 0)
        }
    }

    /// Σxᵢ/n plus the mean of the residuals, for a non-empty collection.
    @inlinable
    static func correctedMean<C: Collection>(_ values: C) -> Double where C.Element == Double {
        let n = Double(values.count)
        var sum = 0.0
        for value in values { sum += value }
        let first = sum / n
        guard first.isFinite else { return first }
        var residual = 0.0
        for value in values { residual += value - first }
        return first + residual / n
    }
}
