extension TheilSen {
    /// A percentile confidence interval for the Theil–Sen slope by the moving-block bootstrap,
    /// which keeps the serial correlation of a series within blocks (Künsch 1989).
    ///
    /// Each replicate joins ⌈n/L⌉ blocks of L consecutive observations, with block starts drawn
    /// uniformly from 0…n − L, cuts the result to n observations, and fits the Theil–Sen slope to
    /// the resampled (x, y) pairs. The interval is the type-7 quantiles (α/2, 1 − α/2) of the
    /// replicate slopes, α = 1 − level. Replicates with fewer than two distinct x are skipped.
    /// openair's `TheilSen` uses this scheme with L = ⌈n^{1/3}⌉ when told the series is
    /// autocorrelated (`autocor = TRUE`); L = 1 is the ordinary pairs bootstrap.
    ///
    /// - Parameters:
    ///   - x: The abscissae in time order (for a trend, time in years); `NaN` pairs are left out first.
    ///   - y: The observations, same count as `x`.
    ///   - level: The confidence level in (0, 1), default 0.95.
    ///   - blockLength: L ≥ 1; `nil` for ⌈n^{1/3}⌉.
    ///   - replicates: The number of bootstrap replicates, at least 10 (default 1000).
    ///   - generator: The seeded stream the block starts come from; advanced by the draws.
    /// - Returns: The lower and upper bounds.
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for fewer than three
    ///   complete observations or fewer than 10 usable replicates;
    ///   ``StatisticsError/invalidParameter(name:value:requirement:)`` for a level, block length or
    ///   replicate count out of range.
    /// - Complexity: O(B · n² log n) for B replicates.
    public static func blockBootstrapInterval(
        x: [Double], y: [Double], level: Double = 0.95, blockLength: Int? = nil, replicates: Int = 1000,
        generator: inout SeededGenerator
    ) throws(StatisticsError) -> (lower: Double, upper: Double) {
        precondition(x.count == y.count, "\(x.count) abscissae but \(y.count) observations")
        guard level > 0, level < 1 else {
            throw .invalidParameter(name: "level", value: level, requirement: "a number strictly between 0 and 1")
        }
        guard replicates >= 10 else {
            throw .invalidParameter(name: "replicates", value: Double(replicates), requirement: "at least 10")
        }
        let points = try completePoints(x: x, y: y)
        let n = points.count
        guard n >= 3 else { throw .tooFewObservations(statistic: "bootstrap Theil–Sen interval", needed: 3, got: n) }
        let length = blockLength ?? Self.cubeRootCeiling(n)
        guard length >= 1, length <= n else {
            throw .invalidParameter(name: "blockLength", value: Double(length), requirement: "between 1 and the \(n) observations")
        }
        let starts = n - length + 1
        var slopes: [Double] = []
        slopes.reserveCapacity(replicates)
        var sampleX = [Double](repeating: 0, count: n)
        var sampleY = sampleX
        for _ in 0..<replicates {
            var filled = 0
            while filled < n {
                let start = min(Int(generator.nextUniform() * Double(starts)), starts - 1)
                for offset in 0..<length where filled < n {
                    sampleX[filled] = points[start + offset].x
                    sampleY[filled] = points[start + offset].y
                    filled += 1
                }
            }
            if let fit = try? TheilSen(x: sampleX, y: sampleY) { slopes.append(fit.slope) }
        }
        guard slopes.count >= 10 else {
            throw .tooFewObservations(statistic: "bootstrap Theil–Sen interval (usable replicates)", needed: 10, got: slopes.count)
        }
        let alpha = 1 - level
        let bounds = try Descriptive.quantiles(slopes, probabilities: [alpha / 2, 1 - alpha / 2])
        return (bounds[0], bounds[1])
    }

    /// The least integer L with L³ ≥ n: ⌈n^{1/3}⌉ exactly, in integers.
    static func cubeRootCeiling(_ n: Int) -> Int {
        var length = 1
        while length * length * length < n { length += 1 }
        return length
    }
}
