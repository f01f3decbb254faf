import Foundation
import Statistics
import Testing
import TestSupport

/// The Nelder–Mead minimiser ETS relies on, against R 4.x `optim(method = "Nelder-Mead")` with its
/// defaults (reference values printed by R with 17 digits; see the comments).
@Suite("ETS optimiser: Nelder–Mead as R's optim")
struct ETSNelderMeadTests {
    @Test("Rosenbrock from (−1.2, 1) follows R's iterates")
    func rosenbrock() {
        let result = NelderMead.minimize(start: [-1.2, 1]) { x in
            let a = 1 - x[0]
            let b = x[1] - x[0] * x[0]
            return 100 * b * b + a * a
        }
        // R: optim(c(-1.2, 1), fr) → par 1.0002601387256695 1.0005059993037650,
        // value 8.8252410967227472e-08, counts 195.
        expectClose(result.parameters[0], 1.0002601387256695, .absolute(1e-12))
        expectClose(result.parameters[1], 1.0005059993037650, .absolute(1e-12))
        expectClose(result.objective, 8.8252410967227472e-08, .absolute(1e-18))
        #expect(result.evaluations == 195)
        #expect(result.status == .converged)
    }

    @Test("a three-dimensional non-convex objective matches R")
    func threeDimensional() {
        let target = [0.5, -1.0, 2.0]
        let result = NelderMead.minimize(start: [1, 2, 3], options: .init(maximumEvaluations: 1000)) { x in
            var total = 0.0
            var product = 1.0
            for i in 0..<3 {
                total += (x[i] - target[i]) * (x[i] - target[i])
                product *= cos(x[i])
            }
            return total + product
        }
        // R: optim(c(1,2,3), f, control = list(maxit = 1000)) → par 0.41191122066098518
        // -0.79465101969233887 2.24998333160931185, value -0.29082151847360543, counts 106.
        let expected = [0.41191122066098518, -0.79465101969233887, 2.24998333160931185]
        for i in 0..<3 { expectClose(result.parameters[i], expected[i], .absolute(1e-10)) }
        expectClose(result.objective, -0.29082151847360543, .absolute(1e-12))
        #expect(result.evaluations == 106)
    }

    @Test("points outside the bounds count as +∞ and an infeasible start is reported")
    func bounds() {
        let options = NelderMead.Options(lower: [0, 0], upper: [0.5, 10])
        let result = NelderMead.minimize(start: [0.2, 1], options: options) { x in
            (x[0] - 1) * (x[0] - 1) + (x[1] - 2) * (x[1] - 2)
        }
        #expect(result.parameters[0] <= 0.5 && result.parameters[0] > 0.45)
        expectClose(result.parameters[1], 2, .absolute(1e-2))
        let infeasible = NelderMead.minimize(start: [1, 1], options: options) { _ in 0 }
        #expect(infeasible.status == .infeasibleStart)
        #expect(infeasible.parameters == [1, 1])
    }
}
