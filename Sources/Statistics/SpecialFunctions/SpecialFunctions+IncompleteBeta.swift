import Foundation

/// Both tails of the regularized incomplete beta function at one point, in log space.
struct IncompleteBetaTails: Sendable {
    /// log I_x(a, b), the lower tail.
    var logLower: Double
    /// log(1 − I_x(a, b)) = log I_y(b, a), the upper tail.
    var logUpper: Double
    /// log(x^a y^b / B(a, b)); the Beta(a, b) density at x is e^this/(x·y).
    var logPrefactor: Double

    static let nan = IncompleteBetaTails(logLower: .nan, logUpper: .nan, logPrefactor: .nan)
}

extension SpecialFunctions {
    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b).
    ///
    /// I_x(a, b) = (1/B(a, b)) ∫₀^x t^(a−1) (1−t)^(b−1) dt, the CDF of the Beta(a, b)
    /// distribution. The tail on the near side of (a+1)/(a+b+2) is computed directly with the
    /// continued fraction of DiDonato & Morris (TOMS 708, `BFRAC`), whose terms use both x and
    /// 1 − x so that large a or b do not cancel; the prefactor x^a(1−x)^b/B(a, b) uses Loader's
    /// saddle-point form. The other tail is its complement.
    ///
    /// - Parameters:
    ///   - x: the argument in [0, 1].
    ///   - a: a finite number > 0.
    ///   - b: a finite number > 0.
    /// - Returns: I_x(a, b) in [0, 1]; `NaN` for x outside [0, 1], a or b not finite and
    ///   positive, or any `NaN`.
    /// - Complexity: O(√min(a, b)) iterations within a few standard deviations of the mean
    ///   (about 950 for a = b = 5·10⁶), a few dozen elsewhere.
    public static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard x >= 0, x <= 1 else { return .nan }
        return Foundation.exp(incompleteBetaTails(a, b, BetaArgument(x: x)).logLower)
    }

    /// The complement 1 − I_x(a, b) = I_(1−x)(b, a), computed directly rather than as 1 − I.
    ///
    /// The argument enters as y = 1 − x, which is exact for x ≥ ½; for x < ½ the rounding of
    /// 1 − x is the only loss. See ``regularizedBeta(_:a:b:)``.
    ///
    /// - Parameters:
    ///   - x: the argument in [0, 1].
    ///   - a: a finite number > 0.
    ///   - b: a finite number > 0.
    /// - Returns: 1 − I_x(a, b) in [0, 1]; `NaN` for invalid arguments as for I.
    /// - Complexity: as ``regularizedBeta(_:a:b:)``.
    public static func regularizedBetaComplement(_ x: Double, a: Double, b: Double) -> Double {
        guard x >= 0, x <= 1 else { return .nan }
        return Foundation.exp(incompleteBetaTails(a, b, BetaArgument(x: x)).logUpper)
    }

    /// log(x^a y^b / B(a, b)).
    ///
    /// Away from underflow this is Loader's form: with n = a + b,
    /// δ(n) − δ(a) − δ(b) − bd0(a, n·x) − bd0(b, n·y) + ½log(ab/n) − ½log(2π),
    /// which has no cancellation when a or b is large (the naive
    /// a·log x + b·log y − log B(a, b) loses log10(max(a, b)) digits).
    static func logBetaPrefactor(_ a: Double, _ b: Double, _ argument: BetaArgument) -> Double {
        let n = a + b
        let nx = n * argument.x
        let ny = n * argument.y
        guard nx > 1e-290, ny > 1e-290, n.isFinite else {
            return a * argument.logX + b * argument.logY - logBeta(a, b)
        }
        let corrections = stirlingError(n) - stirlingError(a) - stirlingError(b)
        return corrections - deviance(a, nx) - deviance(b, ny)
            + 0.5 * (Foundation.log(a) + Foundation.log(b) - Foundation.log(n)) - Constants.logSqrt2Pi
    }

    /// Both tails of I_x(a, b) for a, b > 0 finite.
    static func incompleteBetaTails(_ a: Double, _ b: Double, _ argument: BetaArgument) -> IncompleteBetaTails {
        guard a > 0, b > 0, a.isFinite, b.isFinite, !argument.x.isNaN, !argument.y.isNaN else { return .nan }
        if argument.logX == -.infinity {
            return IncompleteBetaTails(logLower: -.infinity, logUpper: 0, logPrefactor: -.infinity)
        }
        if argument.logY == -.infinity {
            return IncompleteBetaTails(logLower: 0, logUpper: -.infinity, logPrefactor: -.infinity)
        }
        let x = argument.x
        let y = argument.y
        let logPrefactor = logBetaPrefactor(a, b, argument)
        if x < (a + 1) / (a + b + 2) {
            // λ = a − (a+b)x = (a+b)y − b; take the form whose rounding error is eps·min(a, b).
            let lambda = a > b ? (a + b) * y - b : a - (a + b) * x
            let fraction = betaContinuedFraction(a, b, x, y, lambda)
            let logLower = logPrefactor + Foundation.log(fraction)
            return IncompleteBetaTails(
                logLower: logLower, logUpper: log1mexp(Swift.min(logLower, 0)),
                logPrefactor: logPrefactor)
        }
        let lambda = b > a ? (a + b) * x - a : b - (a + b) * y
        let fraction = betaContinuedFraction(b, a, y, x, lambda)
        let logUpper = logPrefactor + Foundation.log(fraction)
        return IncompleteBetaTails(
            logLower: log1mexp(Swift.min(logUpper, 0)), logUpper: logUpper,
            logPrefactor: logPrefactor)
    }

    /// The continued fraction r with I_x(a, b) = x^a y^b/B(a, b) · r, in the contracted form of
    /// DiDonato & Morris (1992), evaluated by forward recurrence with rescaling. `lambda` must be
    /// a − (a+b)x computed without cancellation. Converges for x < (a+1)/(a+b+2).
    private static func betaContinuedFraction(
        _ a: Double, _ b: Double, _ x: Double, _ y: Double, _ lambda: Double
    ) -> Double {
        let c = lambda + 1
        let c0 = b / a
        let c1 = 1 / a + 1
        let yPlusOne = y + 1
        var n = 0.0
        var p = 1.0
        var s = a + 1
        var an = 0.0
        var bn = 1.0
        var anPlusOne = 1.0
        var bnPlusOne = c / c1
        var r = c1 / c
        while n < 50_000 {
            n += 1
            let t = n / a
            let w = n * (b - n) * x
            var e = a / s
            let alpha = p * (p + c0) * e * e * (w * x)
            e = (t + 1) / (c1 + t + t)
            let beta = n + w / s + e * (c + n * yPlusOne)
            p = t + 1
            s += 2
            var next = alpha * an + beta * anPlusOne
            an = anPlusOne
            anPlusOne = next
            next = alpha * bn + beta * bnPlusOne
            bn = bnPlusOne
            bnPlusOne = next
            let previous = r
            r = anPlusOne / bnPlusOne
            if Swift.abs(r - previous) <= Double.ulpOfOne * r { break }
            an /= bnPlusOne
            bn /= bnPlusOne
            anPlusOne = r
            bnPlusOne = 1
        }
        return r
    }
}
