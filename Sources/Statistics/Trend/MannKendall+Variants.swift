extension MannKendall {
    /// Kendall's S and its tie-corrected variance under no trend for values in time order.
    ///
    /// - Parameter y: Finite values in time order (missing values already left out).
    /// - Returns: S = Σ_{i<j} sign(yⱼ − yᵢ) and Var(S) = [n(n − 1)(2n + 5) − Σₜ t(t − 1)(2t + 5)] / 18.
    /// - Complexity: O(n²) time, O(n) memory.
    static func score(_ y: [Double]) -> (s: Int, variance: Double) {
        let n = y.count
        guard n >= 2 else { return (0, 0) }
        var s = 0
        for i in 0..<(n - 1) {
            let yi = y[i]
            for j in (i + 1)..<n {
                s += y[j] > yi ? 1 : (y[j] < yi ? -1 : 0)
            }
        }
        var tieTerm = 0.0
        let sorted = y.sorted()
        var start = 0
        for index in 1...n where index == n || sorted[index] != sorted[start] {
            let t = Double(index - start)
            tieTerm += t * (t - 1) * (2 * t + 5)
            start = index
        }
        let nn = Double(n)
        return (s, (nn * (nn - 1) * (2 * nn + 5) - tieTerm) / 18)
    }

    /// The finite values of `values` in order, refusing infinities.
    static func finiteValues(_ values: [Double]) throws(StatisticsError) -> [Double] {
        var y: [Double] = []
        y.reserveCapacity(values.count)
        for value in values where !value.isNaN {
            guard value.isFinite else { throw .invalidParameter(name: "values", value: value, requirement: "finite or NaN") }
            y.append(value)
        }
        return y
    }

    /// Z = (S − sign(S)) / √Var with the continuity correction, or S / √Var; 0 when Var is 0.
    static func zScore(s: Int, variance: Double, continuityCorrection: Bool) -> Double {
        let numerator = continuityCorrection ? Double(s - s.signum()) : Double(s)
        return variance > 0 ? numerator / variance.squareRoot() : 0
    }
}

/// The seasonal Mann–Kendall test (Hirsch, Slack & Smith 1982): a monotonic trend tested within
/// each season and summed, so a seasonal cycle neither hides nor fakes a trend.
///
/// With the series cut into seasons g = 1 … m (observation t belongs to season t mod m; January
/// values form one season of a monthly series), and Sₘ, Var(Sₘ) the Mann–Kendall statistic and its
/// tie-corrected variance within each season (missing values left out),
///
/// - S = Σ_g S_g and Var(S) = Σ_g Var(S_g) (seasons taken as independent),
/// - Z = (S − sign(S)) / √Var(S) with the continuity correction, and the two-sided p-value 2·Φ(−|Z|),
/// - τ = S / Σ_g n_g(n_g − 1)/2,
/// - the seasonal Kendall slope (Hirsch et al. 1982): the median of all within-season pairwise
///   slopes (y_j − y_i)/(cycle_j − cycle_i), in units of y per cycle (per year for monthly data).
///
/// This is `pymannkendall.seasonal_test(x, period = m)` (Hussain & Mahmud 2019) and R's
/// `trend::smk.test` overall statistic.
///
/// ```swift
/// let test = try SeasonalMannKendall(monthlyMeans, seasonLength: 12)
/// test.pValue          // two-sided, from the summed seasonal statistics
/// test.slopePerCycle   // change per year
/// ```
public struct SeasonalMannKendall: Sendable, Equatable {
    /// The number of seasons in a cycle (12 for monthly values).
    public let seasonLength: Int
    /// The number of non-missing observations.
    public let count: Int
    /// S, summed over seasons.
    public let s: Int
    /// Var(S), summed over seasons, corrected for ties within each season.
    public let variance: Double
    /// The continuity-corrected standard normal statistic.
    public let z: Double
    /// The two-sided p-value 2·Φ(−|Z|).
    public let pValue: Double
    /// Kendall's τ: S over the number of within-season pairs, in [−1, 1].
    public let tau: Double
    /// The seasonal Kendall slope: the median within-season pairwise slope, in units of the values
    /// per cycle; `NaN` when no season has two values.
    public let slopePerCycle: Double

    /// Runs the test.
    ///
    /// - Parameters:
    ///   - values: The series in time order, the first value in season 0; `NaN` values are left out.
    ///   - seasonLength: The number of seasons in a cycle, at least 2.
    /// - Throws: ``StatisticsError/invalidParameter(name:value:requirement:)`` for a season length
    ///   below 2 or an infinite value; ``StatisticsError/tooFewObservations(statistic:needed:got:)``
    ///   when no season has the two values a comparison needs, or when S has no variance.
    /// - Complexity: O(n²/m) time and memory for the within-season pairs.
    public init(_ values: [Double], seasonLength: Int) throws(StatisticsError) {
        guard seasonLength >= 2 else {
            throw .invalidParameter(name: "seasonLength", value: Double(seasonLength), requirement: "at least 2")
        }
        _ = try MannKendall.finiteValues(values)
        var s = 0, variance = 0.0, pairs = 0.0, count = 0
        var slopes: [Double] = []
        for season in 0..<seasonLength {
            var cycles: [Double] = [], y: [Double] = []
            for t in stride(from: season, to: values.count, by: seasonLength) where !values[t].isNaN {
                cycles.append(Double(t / seasonLength))
                y.append(values[t])
            }
            let score = MannKendall.score(y)
            s += score.s
            variance += score.variance
            pairs += Double(y.count * (y.count - 1)) / 2
            count += y.count
            for i in y.indices {
                for j in (i + 1)..<y.count { slopes.append((y[j] - y[i]) / (cycles[j] - cycles[i])) }
            }
        }
        guard pairs > 0, variance > 0 else {
            throw .tooFewObservations(statistic: "seasonal Mann–Kendall test (a season with two values)", needed: 2,
                                      got: pairs > 0 ? 1 : 0)
        }
        self.seasonLength = seasonLength
        self.count = count
        self.s = s
        self.variance = variance
        self.z = MannKendall.zScore(s: s, variance: variance, continuityCorrection: true)
        self.pValue = min(1, 2 * Normal.standard.cdf(-abs(z)))
        self.tau = Double(s) / pairs
        self.slopePerCycle = slopes.isEmpty ? .nan : ((try? Descriptive.median(slopes)) ?? .nan)
    }
}

/// The Mann–Kendall test with Hamed & Rao's (1998) variance correction for autocorrelation.
///
/// Positive autocorrelation makes the plain test find trends too often. Hamed & Rao inflate Var(S)
/// by the factor
///
///     n / n*ₛ = 1 + 2 / (n(n − 1)(n − 2)) · Σ_{k=1}^{L} (n − k)(n − k − 1)(n − k − 2) ρₛ(k),
///
/// where ρₛ(k) is the lag-k autocorrelation (the biased estimator, as R's `acf`) of the ranks of
/// the series after removing its Theil–Sen trend, and only the ρₛ(k) outside ±z_{1−α/2}/√n count
/// (significant at level α). Z and the two-sided p-value then use the corrected variance with the
/// continuity correction. L is every lag (n − 1) by default, as `pymannkendall`'s
/// `hamed_rao_modification_test` (Hussain & Mahmud 2019); Hamed & Rao also suggest the first three.
/// Missing values are left out before the test, and the trend is removed at the observations'
/// own time positions.
///
/// ```swift
/// let test = try HamedRaoMannKendall(deseasonalisedMonthlyMeans)
/// test.correctionFactor   // > 1 under positive autocorrelation
/// test.pValue             // larger than the plain test's p-value then
/// ```
public struct HamedRaoMannKendall: Sendable, Equatable {
    /// The plain Mann–Kendall test of the same values (S, τ and the uncorrected variance).
    public let uncorrected: MannKendall
    /// n / n*ₛ, the factor multiplying Var(S).
    public let correctionFactor: Double
    /// The corrected variance of S.
    public let variance: Double
    /// The continuity-corrected standard normal statistic with the corrected variance.
    public let z: Double
    /// The two-sided p-value 2·Φ(−|Z|).
    public let pValue: Double
    /// The lags whose rank autocorrelation was significant and entered the correction.
    public let significantLags: [Int]

    /// Runs the test.
    ///
    /// - Parameters:
    ///   - values: The series in time order; `NaN` values are left out.
    ///   - maximumLag: The largest lag L considered (`nil` for every lag, n − 1).
    ///   - significance: The level α at which an autocorrelation counts (default 0.05).
    /// - Throws: ``StatisticsError/tooFewObservations(statistic:needed:got:)`` for fewer than three
    ///   non-missing values; ``StatisticsError/invalidParameter(name:value:requirement:)`` for an
    ///   infinite value, a lag below 1, a level outside (0, 1), or a correction factor that is not
    ///   positive (strong negative autocorrelation of the ranks; the corrected variance would be ≤ 0).
    /// - Complexity: O(n²) time, O(n) memory beyond the Theil–Sen slope's O(n²) pairs.
    public init(_ values: [Double], maximumLag: Int? = nil, significance: Double = 0.05) throws(StatisticsError) {
        if let maximumLag, maximumLag < 1 {
            throw .invalidParameter(name: "maximumLag", value: Double(maximumLag), requirement: "at least 1")
        }
        guard significance > 0, significance < 1 else {
            throw .invalidParameter(name: "significance", value: significance, requirement: "in (0, 1)")
        }
        let plain = try MannKendall(values)
        let positions = values.indices.filter { !values[$0].isNaN }
        let y = positions.map { values[$0] }
        let trend = try TheilSen(x: positions.map(Double.init), y: y)
        let ranks = Self.averageRanks(zip(positions, y).map { t, value in value - trend.slope * Double(t) })
        let n = y.count
        let mean = ranks.reduce(0, +) / Double(n)
        let centred = ranks.map { $0 - mean }
        let c0 = centred.reduce(0) { $0 + $1 * $1 }
        let bound = Normal.standard.quantile(1 - significance / 2) / Double(n).squareRoot()
        var sum = 0.0
        var lags: [Int] = []
        if c0 > 0 {
            for k in 1...min(maximumLag ?? (n - 1), n - 1) {
                var ck = 0.0
                for t in 0..<(n - k) { ck += centred[t] * centred[t + k] }
                let rho = ck / c0
                guard abs(rho) > bound else { continue }
                let m = Double(n - k)
                sum += m * (m - 1) * (m - 2) * rho
                lags.append(k)
            }
        }
        let nn = Double(n)
        let factor = 1 + 2 / (nn * (nn - 1) * (nn - 2)) * sum
        guard factor > 0 else {
            throw .invalidParameter(name: "Hamed–Rao variance correction", value: factor,
                                    requirement: "positive (the detrended ranks are too strongly negatively autocorrelated)")
        }
        self.uncorrected = plain
        self.correctionFactor = factor
        self.variance = plain.variance * factor
        self.z = MannKendall.zScore(s: plain.s, variance: variance, continuityCorrection: true)
        self.pValue = min(1, 2 * Normal.standard.cdf(-abs(z)))
        self.significantLags = lags
    }

    /// Ranks 1 … n with ties given their average rank.
    static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && x[order[end]] == x[order[start]] { end += 1 }
            let rank = Double(start + end + 1) / 2
            for k in start..<end { ranks[order[k]] = rank }
            start = end
        }
        return ranks
    }
}
