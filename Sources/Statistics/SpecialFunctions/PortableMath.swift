/// Elementary functions built only from IEEE 754 basic operations (+, −, ×, ÷), so that their
/// results are bit-identical on every platform and compiler, unlike the platform `libm`.
///
/// Used where reproducibility across machines is part of the contract: the normal quantile
/// (and through it ``SeededGenerator/nextNormal()``).
enum PortableMath {
    /// log 2 split so that e·high is exact for any binary exponent e (high has 32 significant bits).
    private static let ln2High = 0.6931471803691238
    private static let ln2Low = 1.9082149292705877e-10

    /// The natural logarithm, accurate to about one ulp.
    ///
    /// x = 2^e · m with m in [√½, √2), and log m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) with
    /// s = (m − 1)/(m + 1), |s| ≤ 0.1716, summed to s²³ (truncation below 1e-18).
    ///
    /// - Returns: log x; −∞ for 0, `NaN` for negative numbers and `NaN`, +∞ for +∞.
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        // `significand` is in [1, 2) and `exponent` is exact, for subnormal numbers too.
        var m = x.significand
        var e = Double(x.exponent)
        if m > 1.4142135623730951 {
            m *= 0.5
            e += 1
        }
        let f = m - 1  // exact: m and 1 are within a factor of two
        let s = f / (2 + f)
        let s2 = s * s
        var series = 1.0 / 23
        var k = 21.0
        while k >= 3 {
            series = 1 / k + s2 * series
            k -= 2
        }
        let logM = 2 * s + 2 * s * (s2 * series)
        return e * ln2High + (logM + e * ln2Low)
    }
}
