import Testing

@testable import Statistics

/// The bounded objective of Nelder–Mead: an objective that answers "at least the bound" for
/// trial points the method will drop must leave every decision, and so the result, unchanged.
@Suite("Nelder–Mead with a bounded objective")
struct NelderMeadBoundTests {
    /// The extended Rosenbrock function in 6 dimensions: a narrow curved valley, so many trial
    /// points are rejected along the way.
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>) -> Double {
        var total = 0.0
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i]
            let b = 1 - x[i]
            total += 100 * a * a + b * b
        }
        return total
    }

    @Test("Same path and result as the exact objective", arguments: [
        [-1.2, 1.0, -1.2, 1.0, -1.2, 1.0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [3.0, -2.0, 1.0, 0.0, 2.0, -1.0],
    ])
    func samePath(start: [Double]) {
        let options = NelderMead.Options(maximumEvaluations: 3000)
        let exact = NelderMead.minimize(start: start, options: options) { Self.rosenbrock($0) }
        var truncated = 0
        let bounded = NelderMead.minimize(start: start, options: options, bounded: { x, bound in
            let value = Self.rosenbrock(x)
            if value >= bound {
                truncated += 1
                return .infinity
            }
            return value
        })
        #expect(truncated > 0, "the test must exercise the early answer")
        #expect(bounded.parameters == exact.parameters)
        #expect(bounded.objective == exact.objective)
        #expect(bounded.evaluations == exact.evaluations)
        #expect(bounded.status == exact.status)
    }
}
