import Foundation

/// The argument of the incomplete beta function as the pair (x, y = 1 − x), each held to full
/// relative precision, with their logarithms for the cases where x or y underflows.
///
/// Distributions map their variate to this pair without ever forming 1 − x, because the
/// tails of I_x(a, b) are sensitive to the relative error of whichever of x, y is small.
struct BetaArgument: Sendable {
    var x: Double
    var y: Double
    var logX: Double
    var logY: Double

    /// From x directly; y = 1 − x is exact for x ≥ ½ and correctly rounded otherwise.
    init(x: Double) {
        self.x = x
        self.y = 1 - x
        self.logX = Foundation.log(x)
        self.logY = Foundation.log1p(-x)
    }

    init(x: Double, y: Double, logX: Double, logY: Double) {
        self.x = x
        self.y = y
        self.logX = logX
        self.logY = logY
    }

    /// From the odds r = x/y, so x = r/(1+r) and y = 1/(1+r). `logOdds` must be log r; it is
    /// used where r over- or underflows or x, y would be subnormal.
    init(odds r: Double, logOdds: Double) {
        if r.isNaN || logOdds.isNaN {
            self.init(x: .nan, y: .nan, logX: .nan, logY: .nan)
        } else if r > 1e-300 && r < 1e300 {
            let x = r / (1 + r)
            let y = 1 / (1 + r)
            self.init(
                x: x, y: y, logX: x > 1e-300 ? Foundation.log(x) : logOdds - Foundation.log1p(r),
                logY: y > 1e-300 ? Foundation.log(y) : -Foundation.log1p(r))
        } else if logOdds > 0 {
            let t = Foundation.exp(-logOdds)  // 1/r, may underflow to 0
            self.init(x: 1 / (1 + t), y: t / (1 + t), logX: -Foundation.log1p(t), logY: -logOdds - Foundation.log1p(t))
        } else {
            let t = Foundation.exp(logOdds)  // r, may underflow to 0
            self.init(x: t / (1 + t), y: 1 / (1 + t), logX: logOdds - Foundation.log1p(t), logY: -Foundation.log1p(t))
        }
    }

    /// For Student's t: x = ν/(ν + t²), y = t²/(ν + t²) with t² and ν + t² carried in
    /// double-double arithmetic so both parts are correct to about one ulp; this matters for
    /// large ν, where the tail of the t distribution depends on y = t²/(ν+t²) ≈ t²/ν.
    init(studentT t: Double, degreesOfFreedom nu: Double) {
        let q = Swift.abs(t)
        guard q > 1e-150, q < 1e150 else {
            if q.isNaN {
                self.init(x: .nan, y: .nan, logX: .nan, logY: .nan)
                return
            }
            // Outside the double-double range: x/y = ν/t² from √ν/|t| without overflow.
            let ratio = nu.squareRoot() / q
            self.init(odds: ratio * ratio, logOdds: 2 * Foundation.log(ratio))
            return
        }
        let square = SpecialFunctions.twoProduct(q, q)
        let total = SpecialFunctions.twoSum(nu, square.hi)
        let s = total.hi
        let sLow = total.lo + square.lo
        // x = ν/(s + sLow), y = (t²hi + t²lo)/(s + sLow), each with the division residual.
        let xHigh = nu / s
        let xResidual = nu.addingProduct(-xHigh, s)
        let x = xHigh + (xResidual - xHigh * sLow) / s
        let yHigh = square.hi / s
        let yResidual = square.hi.addingProduct(-yHigh, s)
        let y = yHigh + (yResidual + square.lo - yHigh * sLow) / s
        self.init(x: x, y: y, logX: Foundation.log(x), logY: Foundation.log(y))
    }
}
