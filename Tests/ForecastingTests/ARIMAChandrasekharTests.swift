import Foundation
import Statistics
import Testing

@testable import Forecasting

/// The Chandrasekhar recursions (and the hand-over from R's filter after the differencing steps)
/// must give the likelihood sums of R's Kalman filter: they are the same filter in exact
/// arithmetic, so the reference here is the full filter run on the same model and series.
@Suite("ARIMA likelihood by Chandrasekhar recursions")
struct ARIMAChandrasekharTests {
    struct Case: Sendable, CustomStringConvertible {
        let orders: ARMAOrders
        let phi: [Double]
        let theta: [Double]
        var description: String { "\(orders)" }
    }

    static func seasonal(_ p: Int, _ d: Int, _ q: Int, _ sp: Int, _ sd: Int, _ sq: Int, _ m: Int) -> ARMAOrders {
        ARMAOrders(p: p, q: q, seasonalP: sp, seasonalQ: sq, period: m, d: d, seasonalD: sd)
    }

    /// Seasonal and non-seasonal models with 0, 1, 2 and 13 differencing steps; the expanded
    /// coefficients are products of stationary and invertible factors.
    static let cases: [Case] = {
        func expand(_ orders: ARMAOrders, _ coefficients: [Double]) -> Case {
            let e = ARIMAParameters.expand(coefficients, orders, transform: false)
            return Case(orders: orders, phi: e.phi, theta: e.theta)
        }
        return [
            expand(seasonal(1, 0, 1, 1, 0, 1, 12), [0.6, -0.3, 0.5, -0.4]),
            expand(seasonal(2, 0, 0, 1, 0, 0, 12), [0.5, 0.2, 0.7]),
            expand(seasonal(0, 0, 2, 0, 0, 1, 12), [0.4, 0.2, -0.7]),
            expand(seasonal(1, 1, 1, 1, 0, 1, 12), [0.3, -0.5, 0.6, -0.2]),
            expand(seasonal(0, 1, 1, 2, 0, 0, 12), [-0.6, 0.4, 0.3]),
            expand(seasonal(1, 2, 0, 0, 0, 1, 12), [0.4, -0.6]),
            expand(seasonal(1, 0, 1, 0, 1, 1, 12), [0.5, 0.2, -0.6]),
            expand(seasonal(2, 1, 2, 0, 1, 1, 12), [0.5, -0.2, -0.3, 0.1, -0.5]),
            expand(seasonal(3, 0, 4, 0, 0, 0, 1), [0.4, -0.2, 0.1, 0.3, 0.2, -0.1, 0.05]),
        ]
    }()

    /// A seeded series with trend and season, on the scale of a city indicator (level ≈ 5000),
    /// so the finite diffuse variance κ of R's filter matters in its first steps.
    static func series(count n: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var e = 0.0
        return (0..<n).map { t in
            e = 0.5 * e + 30 * generator.nextNormal()
            return 5000 + 4 * Double(t) + 200 * sin(2 * Double.pi * Double(t) / 12) + e
        }
    }

    func fullSums(_ c: Case, _ y: [Double]) -> ARIMALikelihoodSums {
        let delta = ARIMAChandrasekharTests.deltaCoefficients(c.orders)
        var model = ARIMAStateSpace(phi: c.phi, theta: c.theta, delta: delta)
        let workspace = ARIMAFilterWorkspace(stateDimension: model.rd)
        return y.withUnsafeBufferPointer { model.filter($0, workspace: workspace, standardizedResiduals: nil) }
    }

    static func deltaCoefficients(_ orders: ARMAOrders) -> [Double] {
        ARIMAEstimator.differencingCoefficients(orders)
    }

    @Test("Same sums as R's Kalman filter", arguments: cases)
    func sameSumsAsKalmanFilter(_ c: Case) {
        let y = Self.series(count: 144, seed: 20261125)
        let reference = fullSums(c, y)
        let delta = Self.deltaCoefficients(c.orders)
        var full = ARIMAStateSpace(phi: c.phi, theta: c.theta, delta: delta)
        var arma = ARIMAStateSpace(phi: c.phi, theta: c.theta, delta: [])
        let workspace = ARIMAFilterWorkspace(stateDimension: full.rd)
        var w = [Double](repeating: 0, count: y.count)
        let nd = delta.count
        let sums: ARIMALikelihoodSums = y.withUnsafeBufferPointer { yb in
            w.withUnsafeMutableBufferPointer { wb in
                let start = arimaDifference(yb, orders: c.orders, into: wb)
                #expect(start == nd)
                arma.takeStationaryStart(from: full)
                if start == 0 {
                    return arma.chandrasekharSums(yb, head: nil, differencingSteps: 0, workspace: workspace)
                }
                let head = full.filter(UnsafeBufferPointer(rebasing: yb[0..<start]), workspace: workspace,
                                       standardizedResiduals: nil)
                let tail = arma.chandrasekharSums(UnsafeBufferPointer(rebasing: wb[start...]), head: full,
                                                  differencingSteps: start, workspace: workspace)
                return ARIMALikelihoodSums(sumOfSquares: head.sumOfSquares + tail.sumOfSquares,
                                           sumOfLogs: head.sumOfLogs + tail.sumOfLogs, count: head.count + tail.count)
            }
        }
        #expect(sums.count == reference.count)
        #expect(reference.count == y.count - nd)
        let relativeSquares = abs(sums.sumOfSquares - reference.sumOfSquares) / reference.sumOfSquares
        let absoluteLogs = abs(sums.sumOfLogs - reference.sumOfLogs)
        #expect(relativeSquares < 1e-9, "Σv²/F \(sums.sumOfSquares) vs \(reference.sumOfSquares)")
        #expect(absoluteLogs < 1e-8, "Σlog F \(sums.sumOfLogs) vs \(reference.sumOfLogs)")
    }

    @Test("The hand-over after the differencing steps keeps R's finite diffuse variance")
    func handOverKeepsFiniteKappa() {
        // The likelihood of the differenced series alone (κ → ∞) differs from R's at κ = 10⁶ on
        // this level; the hand-over must reproduce R's, not the limit.
        let c = Self.cases[4]  // (0,1,1)(2,0,0)[12]
        let y = Self.series(count: 144, seed: 7).map { $0 * 20 }
        let reference = fullSums(c, y)
        let limit = ARIMAStateSpace(phi: c.phi, theta: c.theta, delta: [])
        let workspace = ARIMAFilterWorkspace(stateDimension: limit.rd)
        let w = (1..<y.count).map { y[$0] - y[$0 - 1] }
        let limitSums = w.withUnsafeBufferPointer { limit.chandrasekharSums($0, head: nil, differencingSteps: 0, workspace: workspace) }
        #expect(limitSums.count == reference.count)
        let gap = abs(limitSums.sumOfSquares - reference.sumOfSquares) / reference.sumOfSquares
        #expect(gap > 1e-7, "the κ → ∞ limit should differ measurably from R here (gap \(gap))")
    }
}
