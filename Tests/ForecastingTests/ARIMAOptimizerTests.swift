import Foundation
import Testing
import Statistics
import TestSupport

@Suite("BFGS as R's optim")
struct ARIMAOptimizerTests {
    /// Rosenbrock from (−1.2, 1): R 4.x `optim(c(-1.2, 1), fr, method = "BFGS")` with numerical
    /// gradients returns (0.9998044, 0.9996084), value 3.827383e-08, counts 118 / 38.
    @Test("Rosenbrock matches R")
    func rosenbrock() throws {
        let result = try BFGSMinimizer.minimize(start: [-1.2, 1]) { p in
            100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0])
        }
        expectClose(result.parameters[0], 0.9998044, .absolute(1e-6))
        expectClose(result.parameters[1], 0.9996084, .absolute(1e-6))
        #expect(result.converged)
        let h = try BFGSMinimizer.hessian(at: [1, 1]) { p in
            100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0])
        }
        #expect(abs(h[0] - 802) < 1e-2 && abs(h[1] + 400) < 1e-2 && abs(h[3] - 200) < 1e-2)
    }

    @Test("A non-finite start is an error")
    func nonFinite() {
        #expect(throws: BFGSError.nonFiniteInitialValue) {
            try BFGSMinimizer.minimize(start: [0]) { _ in .infinity }
        }
    }
}
