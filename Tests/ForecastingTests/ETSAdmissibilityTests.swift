import Foundation
import Statistics
import Testing

@testable import Forecasting

/// The O(m) Schur–Cohn test on ETS's structured characteristic polynomial against the O(m²) loop
/// on the expanded coefficients, and the admissibility decision against numerically found roots.
@Suite("ETS admissibility")
struct ETSAdmissibilityTests {
    /// Expanded coefficients `[D, C, B, …, B, A, 1]` of degree m + 1.
    static func coefficients(_ d: Double, _ c: Double, _ b: Double, _ a: Double, degree: Int) -> [Double] {
        (0...degree).map { k in
            switch k {
            case 0: d
            case 1: c
            case degree - 1: a
            case degree: 1
            default: b
            }
        }
    }

    static func fullLoop(_ coefficients: [Double]) -> Bool {
        var buffer = coefficients + [Double](repeating: 0, count: coefficients.count)
        return buffer.withUnsafeMutableBufferPointer {
            ETSAdmissibility.schurStableFast($0, degree: coefficients.count - 1)
        }
    }

    @Test("the structured recursion decides exactly as the expanded loop", arguments: [2, 3, 4, 5, 7, 12, 24, 52])
    func structuredMatchesExpanded(m: Int) {
        var generator = SeededGenerator(seed: 20_261_125 &+ UInt64(m))
        var stable = 0
        for _ in 0..<20_000 {
            // ETS-like parameters, and also arbitrary coefficients well outside the region.
            let alpha = Double.random(in: -0.2...1.2, using: &generator)
            let beta = Double.random(in: -0.2...1.0, using: &generator) * alpha
            let gamma = Double.random(in: -0.2...1.2, using: &generator)
            let phi = Double.random(in: 0.7...1.05, using: &generator)
            let b = alpha + beta - alpha * phi
            let d = phi * (1 - alpha - gamma), c = b + gamma - 1, a = alpha + beta - phi
            let expected = Self.fullLoop(Self.coefficients(d, c, b, a, degree: m + 1))
            let structured = ETSAdmissibility.schurStableStructured(
                constant: d, linear: c, middle: b, nextToLeading: a, degree: m + 1)
            #expect(structured == expected, "m \(m): α \(alpha) β \(beta) γ \(gamma) φ \(phi)")
            if expected { stable += 1 }
        }
        // Both outcomes must occur, or the comparison says little.
        #expect(stable > 500 && stable < 19_500, "m \(m): \(stable) of 20000 stable")
    }

    @Test("admissible points have every root of the polynomial within 1 + 1e-10 (roots by Durand–Kerner)")
    func admissibleAgreesWithRoots() {
        var generator = SeededGenerator(seed: 7)
        let m = 12
        var scratch = [Double](repeating: 0, count: ETSAdmissibility.scratchCount(seasonLength: m))
        var checked = 0
        for _ in 0..<3_000 {
            let alpha = Double.random(in: 0.01...0.99, using: &generator)
            let beta = Double.random(in: 0...1, using: &generator) * alpha
            let gamma = Double.random(in: 0...1, using: &generator) * (1 - alpha)
            let phi = Double.random(in: 0.8...1, using: &generator)
            let decision = scratch.withUnsafeMutableBufferPointer {
                ETSAdmissibility.admissible(
                    alpha: alpha, beta: beta, gamma: gamma, phi: phi, hasTrend: true, hasSeason: true,
                    seasonLength: m, scratch: $0)
            }
            let b = alpha + beta - alpha * phi
            let roots = Self.roots(
                Self.coefficients(phi * (1 - alpha - gamma), b + gamma - 1, b, alpha + beta - phi, degree: m + 1))
            guard let largest = roots else { continue }
            // Far enough from the boundary that the root finder's own error cannot decide.
            if Swift.abs(largest - 1) < 1e-6 { continue }
            checked += 1
            #expect(decision == (largest <= 1 + 1e-10), "α \(alpha) β \(beta) γ \(gamma) φ \(phi): max |root| \(largest)")
        }
        #expect(checked > 2_000)
    }

    @Test("without a trend (β = 0, φ = 1) z = 1 is a root and the decision follows the other roots", arguments: [4, 12])
    func noTrendAgreesWithRoots(m: Int) {
        var generator = SeededGenerator(seed: 8)
        var scratch = [Double](repeating: 0, count: ETSAdmissibility.scratchCount(seasonLength: m))
        var checked = 0, admissible = 0
        for _ in 0..<3_000 {
            // Beyond the usual box, so that some points fail the polynomial test.
            let alpha = Double.random(in: 0.01...1.99, using: &generator)
            let gamma = Double.random(in: -0.5...1.5, using: &generator)
            let decision = scratch.withUnsafeMutableBufferPointer {
                ETSAdmissibility.admissible(
                    alpha: alpha, beta: 0, gamma: gamma, phi: 1, hasTrend: false, hasSeason: true,
                    seasonLength: m, scratch: $0)
            }
            // P(z) = (z − 1)·Q(z), Q = z^m + α(z^(m−1) + … + z) + (α + γ − 1), by synthetic division.
            let quotient = [alpha + gamma - 1] + [Double](repeating: alpha, count: m - 1) + [1]
            guard let largest = Self.roots(quotient), Swift.abs(largest - 1) > 1e-6 else { continue }
            checked += 1
            if decision { admissible += 1 }
            #expect(decision == (largest <= 1 + 1e-10), "m \(m) α \(alpha) γ \(gamma): max |root of Q| \(largest)")
        }
        #expect(checked > 2_000 && admissible > 100 && admissible < checked - 100, "\(admissible) of \(checked)")
    }

    /// The largest root modulus of a monic polynomial (increasing powers) by Durand–Kerner, or nil
    /// when the iteration does not settle.
    static func roots(_ c: [Double]) -> Double? {
        let n = c.count - 1
        var re = (0..<n).map { k in 0.9 * cos(2 * Double.pi * Double(k) / Double(n) + 0.4) }
        var im = (0..<n).map { k in 0.9 * sin(2 * Double.pi * Double(k) / Double(n) + 0.4) }
        for _ in 0..<2_000 {
            var change = 0.0
            for i in 0..<n {
                // p(z) by Horner, then divide by Π (z − z_j).
                var pr = 1.0, pi = 0.0
                for k in stride(from: n - 1, through: 0, by: -1) {
                    (pr, pi) = (pr * re[i] - pi * im[i] + c[k], pr * im[i] + pi * re[i])
                }
                var qr = 1.0, qi = 0.0
                for j in 0..<n where j != i {
                    let dr = re[i] - re[j], di = im[i] - im[j]
                    (qr, qi) = (qr * dr - qi * di, qr * di + qi * dr)
                }
                let denominator = qr * qr + qi * qi
                guard denominator > 0 else { return nil }
                let sr = (pr * qr + pi * qi) / denominator, si = (pi * qr - pr * qi) / denominator
                re[i] -= sr
                im[i] -= si
                change = Swift.max(change, (sr * sr + si * si).squareRoot())
            }
            if change < 1e-14 {
                return (0..<n).map { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() }.max()
            }
        }
        return nil
    }
}
