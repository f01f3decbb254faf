/// R forecast's parameter checks for ETS (`check.param`, `admissible`, and their C twins in the
/// target function), used at the start point and at every optimiser step.
enum ETSAdmissibility {
    /// Whether (α, β, γ, φ) passes the usual box and/or the admissible region.
    ///
    /// - Parameters:
    ///   - hasTrend / hasSeason / damped: which parameters exist; φ is 1 when not damped.
    ///   - scratch: at least ``scratchCount(seasonLength:)`` doubles for the characteristic-polynomial test.
    ///   - polynomialTest: `false` skips the characteristic-polynomial part of the admissible
    ///     region (the caller runs it later, see `ETSObjective.value`).
    static func check(
        alpha: Double, beta: Double, gamma: Double, phi: Double, hasTrend: Bool, hasSeason: Bool,
        damped: Bool, seasonLength m: Int, options: ETSOptions,
        scratch: UnsafeMutableBufferPointer<Double>, polynomialTest: Bool = true
    ) -> Bool {
        if options.bounds != .admissible {
            let lo = options.lower
            let up = options.upper
            if alpha < lo.alpha || alpha > up.alpha { return false }
            if hasTrend && (beta < lo.beta || beta > alpha || beta > up.beta) { return false }
            if damped && (phi < lo.phi || phi > up.phi) { return false }
            if hasSeason && (gamma < lo.gamma || gamma > 1 - alpha || gamma > up.gamma) { return false }
        }
        if options.bounds != .usual {
            return admissible(
                alpha: alpha, beta: hasTrend ? beta : 0, gamma: gamma, phi: damped ? phi : 1,
                hasTrend: hasTrend, hasSeason: hasSeason, seasonLength: m, scratch: scratch,
                polynomialTest: polynomialTest)
        }
        return true
    }

    /// The forecastability region of Hyndman et al. (2008), ch. 10, as R's `admissible`: simple
    /// inequalities, then for seasonal models the roots of
    ///
    ///     z^(m+1) + (α+β−φ)z^m + (α+β−αφ)(z^(m−1) + … + z²) + (α+β−αφ+γ−1)z + φ(1−α−γ)
    ///
    /// must lie within |z| ≤ 1 + 1e−10. R finds the roots; here the Schur–Cohn recursion on the
    /// polynomial in z/(1 + 1e−10) decides the same question in O(m²) without complex arithmetic.
    static func admissible(
        alpha: Double, beta: Double, gamma: Double, phi: Double, hasTrend: Bool,
        hasSeason: Bool, seasonLength m: Int, scratch: UnsafeMutableBufferPointer<Double>,
        polynomialTest: Bool = true
    ) -> Bool {
        if phi < 0 || phi > 1 + 1e-8 { return false }
        if !hasSeason {
            if alpha < 1 - 1 / phi || alpha > 1 + 1 / phi { return false }
            if hasTrend && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha)) { return false }
            return true
        }
        guard m > 1 else { return true }
        if gamma < Swift.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha { return false }
        if alpha < 1 - 1 / phi - gamma * (1 - Double(m) + phi + phi * Double(m)) / (2 * phi * Double(m)) {
            return false
        }
        if beta < -(1 - phi) * (gamma / Double(m) + alpha) { return false }
        if !polynomialTest { return true }

        let middle = alpha + beta - alpha * phi
        let degree = m + 1
        // All roots strictly inside |z| < 1 implies inside |z| ≤ 1 + 1e−10: the O(m) test on the
        // unscaled polynomial settles almost every point, the O(m²) test below the rest. With
        // β = 0 and φ = 1 (every model without a trend) z = 1 is a root, on the circle; the
        // quotient z^m + α(z^(m−1) + … + z) + (α + γ − 1) holds the others.
        if beta == 0 && phi == 1 {
            if schurStableStructured(
                constant: alpha + gamma - 1, linear: alpha, middle: alpha, nextToLeading: alpha, degree: m)
            {
                return true
            }
        } else if schurStableStructured(
            constant: phi * (1 - alpha - gamma), linear: middle + gamma - 1, middle: middle,
            nextToLeading: alpha + beta - phi, degree: degree)
        {
            return true
        }
        precondition(scratch.count >= scratchCount(seasonLength: m), "ETS admissibility scratch too small")
        // Coefficients in increasing powers, scaled by ρ^k so that |z| ≤ ρ becomes |w| ≤ 1.
        let rho = 1 + 1e-10
        func coefficient(_ k: Int) -> Double {
            switch k {
            case 0: return phi * (1 - alpha - gamma)
            case 1: return middle + gamma - 1
            case degree - 1: return alpha + beta - phi
            case degree: return 1
            default: return middle
            }
        }
        var power = 1.0
        for k in 0...degree {
            scratch[k] = coefficient(k) * power
            power *= rho
        }
        if schurStableFast(scratch, degree: degree) { return true }
        // With φ = 1 and β = 0 there is a root exactly at z = 1, a margin of 1e−10 that double
        // precision cannot always resolve; a rejection is re-examined with about 32 digits.
        var extended = ETSDoubleDouble(1)
        for k in 0...degree {
            let scaled = extended * ETSDoubleDouble(coefficient(k))
            scratch[2 * k] = scaled.hi
            scratch[2 * k + 1] = scaled.lo
            extended = extended * ETSDoubleDouble(rho)
        }
        return schurStable(scratch, degree: degree)
    }

    /// The Schur–Cohn recursion in double precision on `buffer[0...degree]` (workspace after it).
    ///
    /// Each reduced polynomial is rescaled by a power of two (exact, and no division) so that
    /// its leading coefficient lies in [1, 2); the test compares magnitudes only, so any positive
    /// scale gives the same answer.
    static func schurStableFast(_ buffer: UnsafeMutableBufferPointer<Double>, degree: Int) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        var d = degree
        var current = base
        var next = base + (degree + 1)
        while d > 0 {
            let leading = current[d]
            let constant = current[0]
            if !(Swift.abs(constant) < Swift.abs(leading)) { return false }
            for k in 0..<d {
                next[k] = leading * current[k &+ 1] - constant * current[d &- 1 &- k]
            }
            let top = next[d &- 1]
            guard top != 0, top.isFinite else { return false }
            let scale = Double(sign: .plus, exponent: -top.exponent, significand: 1)
            for k in 0..<d { next[k] *= scale }
            swap(&current, &next)
            d -= 1
        }
        return true
    }

    /// ``schurStableFast(_:degree:)`` for a polynomial whose coefficients, in increasing powers,
    /// are `[constant, linear, middle, …, middle, nextToLeading, 1]`, in O(degree) time.
    ///
    /// One Schur–Cohn step maps coefficients `[a, b, …, b, c, e]` (the run of b's possibly empty)
    /// to `[e·b − a·c, e·b − a·b, …, e·b − a·b, e·c − a·b, e·e − a·a]`, one shorter: every
    /// coefficient of the run is computed by the same floating-point operations from the same
    /// operands, so four numbers and a run length carry the whole recursion, and the decision
    /// is bit for bit that of the O(degree²) loop on the expanded coefficients.
    static func schurStableStructured(
        constant: Double, linear: Double, middle: Double, nextToLeading: Double, degree: Int
    ) -> Bool {
        guard degree >= 4 else {
            // Too short for a run after the first step: the general loop on a stack buffer.
            var buffer = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
            return withUnsafeMutableBytes(of: &buffer) { raw in
                let b = raw.bindMemory(to: Double.self)
                for k in 0...degree {
                    switch k {
                    case 0: b[k] = constant
                    case 1: b[k] = linear
                    case degree - 1: b[k] = nextToLeading
                    case degree: b[k] = 1
                    default: b[k] = middle
                    }
                }
                return schurStableFast(b, degree: degree)
            }
        }
        // First step from [D, C, B…B, A, 1] (run of degree − 3 B's): leading 1, constant D.
        var a = constant, e = 1.0
        guard Swift.abs(a) < Swift.abs(e) else { return false }
        var first = e * linear - a * nextToLeading
        var run = e * middle - a * middle
        var penultimate = e * nextToLeading - a * linear
        var top = e * e - a * a
        var runLength = degree - 3
        var d = degree - 1
        while true {
            guard top != 0, top.isFinite else { return false }
            // The loop on expanded coefficients rescales every step so that |top| ∈ [1, 2); a
            // power of two commutes with rounding while nothing overflows or turns subnormal, so
            // rescaling only when |top| leaves [2⁻²⁰⁰, 2²⁰⁰] yields the same significands (for
            // coefficients within 2³⁰⁰ of the leading one, far beyond any ETS parameters).
            let size = Swift.abs(top)
            if !(size > 0x1p-200 && size < 0x1p200) {
                let scale = Double(sign: .plus, exponent: -top.exponent, significand: 1)
                first *= scale
                run *= scale
                penultimate *= scale
                top *= scale
            }
            // Now the degree-d polynomial [first, run × runLength, penultimate, top].
            if runLength == 0 { break }
            a = first
            e = top
            guard Swift.abs(a) < Swift.abs(e) else { return false }
            let b = run, c = penultimate
            first = e * b - a * c
            run = e * b - a * b
            penultimate = e * c - a * b
            top = e * e - a * a
            runLength -= 1
            d -= 1
        }
        // d = 2: [first, penultimate, top]; finish with the general loop.
        var buffer = (first, penultimate, top, 0.0, 0.0, 0.0)
        return withUnsafeMutableBytes(of: &buffer) { raw in
            schurStableFast(raw.bindMemory(to: Double.self), degree: d)
        }
    }

    /// Doubles of scratch space ``admissible(alpha:beta:gamma:phi:hasTrend:hasSeason:seasonLength:scratch:)`` needs.
    static func scratchCount(seasonLength m: Int) -> Int { 4 * (m + 2) }

    /// Schur–Cohn test: all roots of Σ a_k z^k strictly inside the unit circle. The coefficients are
    /// double-doubles stored as (hi, lo) pairs in `buffer[0 ..< 2(degree+1)]`; the rest of the
    /// buffer is workspace. Overwrites both halves.
    static func schurStable(_ buffer: UnsafeMutableBufferPointer<Double>, degree: Int) -> Bool {
        func load(_ i: Int) -> ETSDoubleDouble { ETSDoubleDouble(hi: buffer[2 * i], lo: buffer[2 * i + 1]) }
        func store(_ i: Int, _ x: ETSDoubleDouble) {
            buffer[2 * i] = x.hi
            buffer[2 * i + 1] = x.lo
        }
        var d = degree
        var current = 0
        var next = degree + 1
        while d > 0 {
            let leading = load(current + d)
            let constant = load(current)
            if !(constant.magnitude < leading.magnitude) { return false }
            // (a_d·a(z) − a_0·a*(z))/z has the same number of roots inside the circle, one degree lower.
            for k in 0..<d {
                store(next + k, leading * load(current + k + 1) - constant * load(current + d - 1 - k))
            }
            // Rescale by a power of two (exact) so that 26 steps neither overflow nor underflow.
            let top = buffer[2 * (next + d - 1)]
            guard top != 0, top.isFinite else { return false }
            let scale = Double(sign: .plus, exponent: -top.exponent, significand: 1)
            for k in 0..<d { store(next + k, load(next + k).scaled(by: scale)) }
            swap(&current, &next)
            d -= 1
        }
        return true
    }
}

/// An unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2, for the few operations the admissibility test
/// needs (Dekker 1971; Knuth's TwoSum and an FMA-based TwoProduct).
struct ETSDoubleDouble {
    var hi: Double
    var lo: Double

    init(hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    init(_ value: Double) {
        hi = value
        lo = 0
    }

    /// |x| as a pair ordered like the real number it stands for.
    var magnitude: ETSDoubleDouble { hi < 0 || (hi == 0 && lo < 0) ? ETSDoubleDouble(hi: -hi, lo: -lo) : self }

    func scaled(by power: Double) -> ETSDoubleDouble { ETSDoubleDouble(hi: hi * power, lo: lo * power) }

    static func normalized(_ s: Double, _ e: Double) -> ETSDoubleDouble {
        let hi = s + e
        return ETSDoubleDouble(hi: hi, lo: e - (hi - s))
    }

    static func * (x: ETSDoubleDouble, y: ETSDoubleDouble) -> ETSDoubleDouble {
        let p = x.hi * y.hi
        let error = (-p).addingProduct(x.hi, y.hi)
        return normalized(p, error + (x.hi * y.lo + x.lo * y.hi))
    }

    static func - (x: ETSDoubleDouble, y: ETSDoubleDouble) -> ETSDoubleDouble {
        let s = x.hi - y.hi
        let v = s - x.hi
        let error = (x.hi - (s - v)) + (-y.hi - v)
        return normalized(s, error + (x.lo - y.lo))
    }

    static func < (x: ETSDoubleDouble, y: ETSDoubleDouble) -> Bool { x.hi < y.hi || (x.hi == y.hi && x.lo < y.lo) }
}
