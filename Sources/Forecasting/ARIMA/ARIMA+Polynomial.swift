import Foundation

/// A complex number, only as much as polynomial root finding needs.
struct ComplexValue: Sendable, Equatable {
    var re: Double
    var im: Double

    static func + (a: ComplexValue, b: ComplexValue) -> ComplexValue { ComplexValue(re: a.re + b.re, im: a.im + b.im) }
    static func - (a: ComplexValue, b: ComplexValue) -> ComplexValue { ComplexValue(re: a.re - b.re, im: a.im - b.im) }
    static func * (a: ComplexValue, b: ComplexValue) -> ComplexValue {
        ComplexValue(re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re)
    }
    static func / (a: ComplexValue, b: ComplexValue) -> ComplexValue {
        // Smith's algorithm avoids overflow in |b|².
        if abs(b.re) >= abs(b.im) {
            let r = b.im / b.re, den = b.re + b.im * r
            return ComplexValue(re: (a.re + a.im * r) / den, im: (a.im - a.re * r) / den)
        } else {
            let r = b.re / b.im, den = b.re * r + b.im
            return ComplexValue(re: (a.re * r + a.im) / den, im: (a.im * r - a.re) / den)
        }
    }
    var modulus: Double { hypot(re, im) }
}

enum ARIMAPolynomial {
    /// Roots of `c₀ + c₁ z + … + cₙ zⁿ` (coefficients in increasing powers, as R's `polyroot`),
    /// by the Aberth–Ehrlich simultaneous iteration. Trailing zero coefficients are dropped.
    static func roots(_ coefficients: [Double]) -> [ComplexValue] {
        var c = coefficients
        while let last = c.last, last == 0 { c.removeLast() }
        let n = c.count - 1
        guard n >= 1 else { return [] }
        if n == 1 { return [ComplexValue(re: -c[0] / c[1], im: 0)] }
        // Monic, highest power first for Horner.
        let lead = c[n]
        let monic = c.map { $0 / lead }
        // Start on a circle whose radius bounds the roots (Cauchy), rotated off the real axis.
        var radius = 0.0
        for k in 0..<n { radius = max(radius, pow(abs(monic[k]), 1 / Double(n - k))) }
        radius = max(radius, 1e-3)
        var z = (0..<n).map { k -> ComplexValue in
            let angle = 2 * Double.pi * Double(k) / Double(n) + 0.4
            return ComplexValue(re: radius * cos(angle), im: radius * sin(angle))
        }
        func evaluate(_ x: ComplexValue) -> (value: ComplexValue, derivative: ComplexValue) {
            var p = ComplexValue(re: 1, im: 0)
            var dp = ComplexValue(re: 0, im: 0)
            var k = n - 1
            while k >= 0 {
                dp = dp * x + p
                p = p * x + ComplexValue(re: monic[k], im: 0)
                k -= 1
            }
            return (p, dp)
        }
        for _ in 0..<500 {
            var maxShift = 0.0
            for i in 0..<n {
                let (p, dp) = evaluate(z[i])
                if p.re == 0 && p.im == 0 { continue }
                let ratio = p / dp
                var sum = ComplexValue(re: 0, im: 0)
                for j in 0..<n where j != i {
                    sum = sum + ComplexValue(re: 1, im: 0) / (z[i] - z[j])
                }
                let shift = ratio / (ComplexValue(re: 1, im: 0) - ratio * sum)
                if shift.re.isFinite && shift.im.isFinite {
                    z[i] = z[i] - shift
                    maxShift = max(maxShift, shift.modulus / max(1, z[i].modulus))
                }
            }
            if maxShift < 1e-15 { break }
        }
        return z
    }

    /// The smallest root modulus of `1 − φ₁z − … − φₚzᵖ` after dropping trailing
    /// coefficients with `|φ| ≤ tolerance`; `+∞` for a constant polynomial.
    static func minimumRootModulus(ar phi: [Double], tolerance: Double = 0) -> Double {
        guard let last = phi.lastIndex(where: { abs($0) > tolerance }) else { return .infinity }
        return roots([1] + phi[0...last].map { -$0 }).map(\.modulus).min() ?? .infinity
    }

    /// The smallest root modulus of `1 + θ₁z + … + θ_qz^q`, as ``minimumRootModulus(ar:tolerance:)``.
    static func minimumRootModulus(ma theta: [Double], tolerance: Double = 0) -> Double {
        minimumRootModulus(ar: theta.map { -$0 }, tolerance: tolerance)
    }

    /// R's `arCheck`: every root of `1 − Σφᵢzⁱ` lies outside the unit circle.
    static func isStationary(_ phi: [Double]) -> Bool {
        minimumRootModulus(ar: phi) > 1
    }

    /// R's `maInvert`: reflect roots of `1 + Σθᵢzⁱ` inside the unit circle to `1/z`, giving the
    /// invertible MA polynomial with the same autocovariances.
    static func invertMA(_ theta: [Double]) -> [Double] {
        let q = theta.count
        guard let last = theta.lastIndex(where: { $0 != 0 }) else { return theta }
        let q0 = last + 1
        var r = roots([1] + Array(theta[0..<q0]))
        guard r.contains(where: { $0.modulus < 1 }) else { return theta }
        if q0 == 1 { return [1 / theta[0]] + [Double](repeating: 0, count: q - 1) }
        for i in r.indices where r[i].modulus < 1 { r[i] = ComplexValue(re: 1, im: 0) / r[i] }
        // Rebuild Π(1 − z/rᵢ) with the reflected roots.
        var x = [ComplexValue(re: 1, im: 0)]
        for root in r {
            var next = x + [ComplexValue(re: 0, im: 0)]
            for k in 0..<x.count { next[k + 1] = next[k + 1] - x[k] / root }
            x = next
        }
        return x.dropFirst().map(\.re) + [Double](repeating: 0, count: q - q0)
    }
}
