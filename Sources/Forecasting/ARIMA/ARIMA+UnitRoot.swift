import Foundation

/// The differencing tests AutoARIMA uses, as R forecast 8.20's `ndiffs` and `nsdiffs`.
public enum ARIMADifferencing {
    /// The KPSS level-stationarity statistic (Kwiatkowski et al. 1992) as `urca::ur.kpss(type = "mu")`:
    /// `η = Σ Sₜ² / n² / s²(l)` with `Sₜ` the partial sums of `y − ȳ` and the Newey–West long-run
    /// variance `s²(l) = γ₀ + 2 Σ_{i≤l} (1 − i/(l+1)) γᵢ`, `γᵢ = Σ eₜ eₜ₋ᵢ / n`.
    ///
    /// - Parameters:
    ///   - series: observations without missing values.
    ///   - lags: `l`; `nil` selects forecast's `⌊3 √n / 13⌋`.
    /// - Returns: the statistic (NaN for a constant series).
    /// - Complexity: O(n l).
    public static func kpssStatistic(_ series: [Double], lags: Int? = nil) -> Double {
        let n = series.count
        guard n > 0 else { return .nan }
        let lmax = lags ?? Int(3 * Double(n).squareRoot() / 13)
        let mean = series.reduce(0, +) / Double(n)
        let e = series.map { $0 - mean }
        var s = 0.0, numerator = 0.0, s2 = 0.0
        for v in e {
            s += v
            numerator += s * s
            s2 += v * v
        }
        let nn = Double(n)
        numerator /= nn * nn
        s2 /= nn
        var denominator = s2
        if lmax > 0 {
            var extra = 0.0
            for i in 1...lmax where i < n {
                var c = 0.0
                for t in i..<n { c += e[t] * e[t - i] }
                extra += (1 - Double(i) / Double(lmax + 1)) * c
            }
            denominator += 2 / nn * extra
        }
        return numerator / denominator
    }

    /// The KPSS p-value by linear interpolation in urca's table (0.347, 0.463, 0.574, 0.739 for
    /// 10, 5, 2.5, 1 %), clamped to [0.01, 0.10] as R's `approx(rule = 2)`.
    public static func kpssPValue(statistic: Double) -> Double {
        let critical = [0.347, 0.463, 0.574, 0.739], p = [0.10, 0.05, 0.025, 0.01]
        guard !statistic.isNaN else { return .nan }
        if statistic <= critical[0] { return p[0] }
        if statistic >= critical[3] { return p[3] }
        var k = 0
        while statistic > critical[k + 1] { k += 1 }
        let t = (statistic - critical[k]) / (critical[k + 1] - critical[k])
        return p[k] + t * (p[k + 1] - p[k])
    }

    /// forecast's `ndiffs(x, test = "kpss")`: the number of first differences (≤ `maximum`) after
    /// which the KPSS test no longer rejects level stationarity at `alpha`.
    ///
    /// - Parameters:
    ///   - series: the series; missing values are dropped.
    ///   - alpha: significance level, clamped to [0.01, 0.1] as R does.
    ///   - maximum: `max.d`, default 2.
    /// - Returns: `d`.
    /// - Complexity: O(maximum · n √n).
    public static func ndiffs(_ series: [Double], alpha: Double = 0.05, maximum: Int = 2) -> Int {
        let a = min(max(alpha, 0.01), 0.1)
        var x = series.filter { !$0.isNaN }
        var d = 0
        if isConstant(x) { return 0 }
        func rejects(_ v: [Double]) -> Bool? {
            let p = kpssPValue(statistic: kpssStatistic(v))
            return p.isNaN ? nil : p < a
        }
        guard var doDiff = rejects(x) else { return d }
        while doDiff && d < maximum {
            d += 1
            x = zip(x.dropFirst(), x).map { $0 - $1 }
            if isConstant(x) { return d }
            guard let next = rejects(x) else { return d - 1 }
            doDiff = next
        }
        return d
    }

    /// forecast 8.20's default `nsdiffs(x, test = "seas")`: one seasonal difference when the STL
    /// seasonal strength exceeds 0.64, otherwise none (`max.D = 1`).
    ///
    /// - Parameters:
    ///   - series: the series, NaN for missing values.
    ///   - seasonLength: `m ≥ 2`.
    /// - Returns: `D` (0 or 1); 0 when the series has at most `m` values or the decomposition fails.
    /// - Complexity: O(n m) for the decomposition.
    public static func nsdiffs(_ series: [Double], seasonLength: Int) -> Int {
        if isConstant(series) || seasonLength < 2 || seasonLength >= series.count { return 0 }
        guard let strength = ARIMASeasonalDecomposition.seasonalStrength(series, period: seasonLength) else { return 0 }
        return strength > 0.64 ? 1 : 0
    }

    /// forecast's `is.constant`: `all.equal(x, rep(x[1], n))`, i.e. mean absolute deviation from
    /// the first value at most 1.5e-8 relative to the mean absolute value.
    static func isConstant(_ x: [Double]) -> Bool {
        guard let first = x.first else { return true }
        if first.isNaN { return x.allSatisfy(\.isNaN) }
        if x.contains(where: \.isNaN) { return false }
        let n = Double(x.count)
        let difference = x.reduce(0) { $0 + abs($1 - first) } / n
        let scale = x.reduce(0) { $0 + abs($1) } / n
        let tolerance = 1.5e-8
        let measure = scale.isFinite && scale > tolerance ? difference / scale : difference
        return measure <= tolerance
    }
}
