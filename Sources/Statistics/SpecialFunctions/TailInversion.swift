import Foundation

/// The value of a tail function log F(x) and its logarithmic slope d log F / d log x.
struct TailEvaluation {
    var logValue: Double
    var logSlope: Double
}

/// Inverts a monotone tail probability on x > 0: finds x with log F(x) = target.
///
/// Newton's method on the log–log scale (step Δ = (target − log F)/(d log F/d log x), then
/// x ← x·e^Δ) keeps relative accuracy in x and relative accuracy in F at once, and is exact in
/// one step for power-law tails. A bracket [lower, upper] is kept from the signs of the
/// residuals; a step that leaves it is replaced by a geometric bisection, so the iteration
/// always converges for a monotone F. The state is x itself, never log x, because log x near
/// ±700 would only resolve x to 1e-13.
enum TailInversion {
    /// - Parameters:
    ///   - target: log of the probability sought, finite.
    ///   - increasing: whether F increases with x (a lower tail) or decreases (an upper tail).
    ///   - guess: a positive starting point.
    ///   - alternative: a second starting point or `NaN`; the one with the smaller residual wins.
    ///   - evaluate: log F and its logarithmic slope at x.
    /// - Returns: x > 0 with log F(x) = target to within the noise of `evaluate`.
    /// - Complexity: typically 3–8 evaluations; at most 200.
    static func solve(
        target: Double, increasing: Bool, guess: Double, alternative: Double = .nan,
        evaluate: (Double) -> TailEvaluation
    ) -> Double {
        var lower = 0.0
        var upper = Double.infinity
        func narrow(_ x: Double, _ evaluation: TailEvaluation) {
            let rootAbove = increasing ? evaluation.logValue < target : evaluation.logValue > target
            if rootAbove { lower = Swift.max(lower, x) } else { upper = Swift.min(upper, x) }
        }
        func residual(_ evaluation: TailEvaluation) -> Double {
            let r = Swift.abs(target - evaluation.logValue)
            return r.isNaN ? .infinity : r
        }
        var x = guess > 0 && guess.isFinite ? guess : 1
        var evaluation = evaluate(x)
        narrow(x, evaluation)
        if alternative > 0, alternative.isFinite {
            let other = evaluate(alternative)
            narrow(alternative, other)
            if residual(other) < residual(evaluation) {
                x = alternative
                evaluation = other
            }
        }
        var previousStep = Double.infinity
        for _ in 0..<200 {
            let difference = target - evaluation.logValue
            if difference == 0 { return x }
            let step = difference / evaluation.logSlope
            var next = Double.nan
            if step.isFinite {
                next = x * Foundation.exp(Swift.min(Swift.max(step, -200), 200))
                let stalled = Swift.abs(step) < 1e-12 && Swift.abs(step) >= 0.5 * previousStep
                if Swift.abs(step) <= 1e-15 || stalled, next > lower, next < upper { return next }
                previousStep = Swift.abs(step)
            }
            if !(next > lower && next < upper) {
                if upper.isFinite && lower > 0 {
                    next = lower.squareRoot() * upper.squareRoot()
                } else if upper.isFinite {
                    next = upper / 1024
                } else {
                    next = lower > 0 ? lower * 1024 : 1
                }
                if !(next > lower && next < upper) { return x }
            }
            x = next
            evaluation = evaluate(x)
            narrow(x, evaluation)
            if upper.isFinite, upper - lower <= 4 * lower.ulp { return x }
        }
        return x
    }
}
