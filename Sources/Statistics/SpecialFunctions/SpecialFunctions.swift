import Foundation

/// Special functions behind the distributions: log-gamma, log-beta, the regularized incomplete
/// gamma and beta functions and their inverses.
///
/// All functions work in `Double` and aim at full double accuracy (relative error of a few
/// units in the last place for the functions themselves, about 1e-13 in the extreme tails where
/// a result near 1e-300 is assembled from exponents near -690). Tails that would underflow are
/// computed in log space internally; see the distributions for `logCDF`/`logSurvival`.
///
/// Invalid arguments (a non-positive shape, `x` outside the domain) return `NaN` rather than
/// trapping: these are building blocks, and the distribution initialisers are where parameters
/// are validated with a typed ``StatisticsError``.
public enum SpecialFunctions {}

// MARK: - Log-gamma and log-beta

extension SpecialFunctions {
    /// The natural logarithm of the absolute value of the gamma function, log|Γ(x)|.
    ///
    /// Γ(x) = ∫₀^∞ t^(x−1) e^(−t) dt. Uses the platform's reentrant `lgamma_r` (glibc and Apple
    /// libm are accurate to a few ulp), so it is safe to call from concurrent tasks.
    ///
    /// - Parameter x: any `Double`. At the poles x = 0, −1, −2, … the result is +∞.
    /// - Returns: log|Γ(x)|; `NaN` for `NaN`, +∞ for ±∞.
    @inlinable
    public static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// The natural logarithm of the beta function, log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    ///
    /// For large arguments the three log-gamma values are huge and nearly cancel, so the
    /// difference is formed from Stirling's series with the correction terms δ(a) = log Γ(a+1) −
    /// log(√(2πa)(a/e)^a) and `log1p`, which keeps the result accurate to a few ulp even for
    /// B(1/2, 10¹⁰) (where the naive sum loses six digits).
    ///
    /// - Parameters:
    ///   - a: a positive number.
    ///   - b: a positive number.
    /// - Returns: log B(a, b); `NaN` if either argument is `NaN` or not positive; −∞ if either
    ///   is +∞ (B → 0).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        if a.isInfinite || b.isInfinite { return -.infinity }
        let p = Swift.min(a, b)
        let q = Swift.max(a, b)
        if q < 10 {
            return logGamma(p) + logGamma(q) - logGamma(p + q)
        }
        let correction = stirlingError(q) - stirlingError(p + q)
        if p < 10 {
            // log Γ(q) − log Γ(p+q) = −(q−½)·log1p(p/q) − p·log(p+q) + p + δ(q) − δ(p+q)
            return logGamma(p)
                + (correction - (q - 0.5) * Foundation.log1p(p / q)
                    - p * Foundation.log(p + q) + p)
        }
        // Both large: ½log(2π) + (p−½)log(p/(p+q)) − (q−½)log1p(p/q) − ½log(p+q) + δ(p) + δ(q) − δ(p+q)
        return Constants.logSqrt2Pi - 0.5 * Foundation.log(p + q)
            + (p - 0.5) * Foundation.log(p / (p + q))
            - (q - 0.5) * Foundation.log1p(p / q)
            + (stirlingError(p) + correction)
    }
}

// MARK: - Internal building blocks

extension SpecialFunctions {
    /// The Stirling correction δ(n) = log Γ(n+1) − log(√(2πn)·(n/e)^n), for n > 0.
    ///
    /// For n ≥ 10 the asymptotic series Σ B₂ₖ/(2k(2k−1)n^(2k−1)) with seven terms is below
    /// 1e-17 truncation error; below that the definition is used (absolute error ~1e-15,
    /// which is what matters because δ is always exponentiated).
    static func stirlingError(_ n: Double) -> Double {
        if n >= 10 {
            let nn = n * n
            var r = 1.0 / 156
            r = 691.0 / 360_360 - r / nn
            r = 1.0 / 1188 - r / nn
            r = 1.0 / 1680 - r / nn
            r = 1.0 / 1260 - r / nn
            r = 1.0 / 360 - r / nn
            r = 1.0 / 12 - r / nn
            return r / n
        }
        return logGamma(n + 1) - (n + 0.5) * Foundation.log(n) + n - Constants.logSqrt2Pi
    }

    /// Loader's deviance term bd0(x, m) = x·log(x/m) + m − x ≥ 0, accurate when x ≈ m.
    ///
    /// With v = (x − m)/(x + m), bd0 = (x − m)·v + 2x·Σⱼ≥₁ v^(2j+1)/(2j+1) (C. Loader, "Fast and
    /// accurate computation of binomial probabilities", 2000). Loader uses the series for
    /// |v| < 0.1; it is used here up to |v| < ½ (at most 27 terms), because between those bounds
    /// the direct form cancels by up to a factor 10, which costs 1e-12 in e^(−bd0) when
    /// x ~ 10⁴. Outside, x/m is beyond [⅓, 3] and the direct form loses under two bits.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        let difference = x - m
        if Swift.abs(difference) < 0.5 * (x + m) {
            var v = difference / (x + m)
            var sum = difference * v
            var term = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                term *= v
                let next = sum + term / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
            return sum
        }
        return x * Foundation.log(x / m) + m - x
    }

    /// log Γ(1 + a), accurate to a few ulp relative even for tiny |a| (where log Γ(1 + a) ≈ −γa
    /// and forming 1 + a first would cost log10(1/|a|) digits).
    ///
    /// For |a| ≤ ¼ the Taylor series −γa + Σₖ≥₂ (−1)^k ζ(k) a^k / k with 28 terms (truncation
    /// below 4e-19); otherwise `logGamma(1 + a)`.
    static func logGammaOnePlus(_ a: Double) -> Double {
        guard Swift.abs(a) <= 0.25 else { return logGamma(1 + a) }
        var r = zetaOverK[zetaOverK.count - 1]
        for k in stride(from: zetaOverK.count - 2, through: 0, by: -1) {
            r = zetaOverK[k] - a * r
        }
        return a * (-Constants.eulerGamma + a * r)
    }

    /// ζ(k)/k for k = 2…29 (mpmath, 30 digits, rounded).
    private static let zetaOverK: [Double] = [
        0.8224670334241132, 0.40068563438653143, 0.27058080842778454, 0.20738555102867398,
        0.1695571769974082, 0.1440498967688461, 0.12550966952474304, 0.11133426586956469,
        0.1000994575127818, 0.09095401714582904, 0.083353840546109, 0.0769325164113522,
        0.07143294629536133, 0.06666870588242046, 0.06250095514121304, 0.058823978658684585,
        0.055555767627403614, 0.05263167937961666, 0.05000004769810169, 0.047619070330142226,
        0.04545455629320467, 0.04347826605304026, 0.04166666915034121, 0.04000000119214014,
        0.03846153903467518, 0.037037037312989324, 0.035714285847333355, 0.034482758684919304,
    ]

    /// log(1 − e^l) for l ≤ 0, accurate across the whole range (Mächler's log1mexp).
    static func log1mexp(_ l: Double) -> Double {
        l > -Constants.ln2 ? Foundation.log(-Foundation.expm1(l)) : Foundation.log1p(-Foundation.exp(l))
    }

    /// The exact product a·b as an unevaluated sum hi + lo (hi = fl(a·b)); uses a fused multiply-add.
    static func twoProduct(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let hi = a * b
        return (hi, (-hi).addingProduct(a, b))
    }

    /// The exact sum a + b as an unevaluated sum hi + lo (Knuth's TwoSum).
    static func twoSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }
}

/// Mathematical constants rounded to `Double`, with low parts where a computation needs them.
enum Constants {
    /// log √(2π)
    static let logSqrt2Pi = 0.9189385332046728
    /// log 2
    static let ln2 = 0.6931471805599453
    /// 1/√2, high part and the remainder 1/√2 − high
    static let sqrtHalf = 0.7071067811865476
    static let sqrtHalfLow = -4.833646656726457e-17
    /// 2/√π
    static let twoOverSqrtPi = 1.1283791670955126
    /// The Euler–Mascheroni constant γ
    static let eulerGamma = 0.5772156649015329
}
