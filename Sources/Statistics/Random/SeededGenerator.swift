/// A seeded pseudo-random generator whose stream is specified bit for bit and identical on every
/// platform: xoshiro256** 1.0 (Blackman & Vigna, 2018) seeded by SplitMix64.
///
/// **Seeding.** The 256-bit state (s₀, s₁, s₂, s₃) is four consecutive outputs of SplitMix64
/// started at the seed: with the counter c ← seed, each output is
/// ```
/// c ← c &+ 0x9E3779B97F4A7C15
/// z ← c
/// z ← (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
/// z ← (z ^ (z >> 27)) &* 0x94D049BB133111EB
/// output z ^ (z >> 31)
/// ```
/// **Step** (``next()``): `result = rotl(s₁ &* 5, 7) &* 9`, then `t = s₁ << 17; s₂ ^= s₀;
/// s₃ ^= s₁; s₁ ^= s₂; s₀ ^= s₃; s₂ ^= t; s₃ = rotl(s₃, 45)`. Period 2²⁵⁶ − 1.
///
/// Everything derived from the stream uses integer arithmetic and IEEE 754 basic operations
/// only (no platform `libm`, no `Foundation` random), so a seed reproduces the same doubles on
/// every machine. The test fixture `Tests/StatisticsTests/Fixtures/generator_fixtures.json` pins
/// the first outputs against an independent Python implementation.
///
/// For parallel work, give each task its own stream with ``split(stream:)``: streams are
/// 2¹²⁸ steps apart, so they never overlap in practice and results do not depend on scheduling.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let u = rng.nextUniform()        // in (0, 1)
/// let z = rng.nextNormal()         // standard normal
/// var worker = rng.split(stream: 3)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator from a 64-bit seed via SplitMix64 (see the type's documentation).
    ///
    /// Every seed, including 0, gives a valid non-zero state.
    ///
    /// - Parameter seed: any 64-bit value.
    public init(seed: UInt64) {
        var counter = seed
        func splitMix() -> UInt64 {
            counter &+= 0x9E37_79B9_7F4A_7C15
            var z = counter
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The four state words (s₀, s₁, s₂, s₃), for recording a generator's position.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    @inline(__always)
    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// The next 64-bit output of xoshiro256**.
    ///
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    /// A uniform double in the open interval (0, 1): `(Double(next() >> 12) + 0.5) · 2⁻⁵²`.
    ///
    /// The top 52 bits k of one output give the midpoint (k + ½)/2⁵² of one of 2⁵² equal cells,
    /// which is exactly representable, so the result lies in [2⁻⁵³, 1 − 2⁻⁵³], is never 0 or 1,
    /// and u and 1 − u are equally likely. (With 53 bits, (k + ½)/2⁵³ is not representable for
    /// k ≥ 2⁵² and rounds to 1.0 for the largest k.)
    ///
    /// - Complexity: O(1), one call to ``next()``.
    public mutating func nextUniform() -> Double {
        Self.uniform(next())
    }

    static func uniform(_ bits: UInt64) -> Double {
        (Double(bits >> 12) + 0.5) * 0x1p-52
    }

    /// A standard normal variate by inversion: Φ⁻¹(u) with u = ``nextUniform()`` and Φ⁻¹ from
    /// Wichura's AS 241 evaluated with basic arithmetic and a portable logarithm.
    ///
    /// One output per variate (no cached pair, unlike Box–Muller), so the stream position is
    /// simple to reason about; |z| ≤ 8.29 because u ≥ 2⁻⁵³.
    ///
    /// - Complexity: O(1), one call to ``next()``.
    public mutating func nextNormal() -> Double {
        NormalQuantile.standard(nextUniform())
    }

    /// Advances this generator by 2¹²⁸ steps (the xoshiro256 jump polynomial).
    ///
    /// - Complexity: 256 steps of the generator.
    public mutating func jump() {
        apply(jumpPolynomials[0])
    }

    /// A copy advanced by 2¹²⁸ steps; this generator is unchanged.
    ///
    /// Calling `jumped()` repeatedly yields the streams `split(stream: 0)`, `split(stream: 1)`, ….
    ///
    /// - Complexity: 256 steps of the generator.
    public func jumped() -> SeededGenerator {
        var copy = self
        copy.jump()
        return copy
    }

    /// The independent stream number `stream`: this generator advanced by (stream + 1)·2¹²⁸ steps.
    ///
    /// Stream k never overlaps this generator or another stream within 2¹²⁸ outputs. The jump
    /// uses precomputed polynomials x^(2^(128+j)) mod P(x) for the set bits j of stream + 1, so
    /// the cost does not grow with the stream number.
    ///
    /// - Parameter stream: a stream index ≥ 0 (a negative index is a programming error).
    /// - Returns: the generator for that stream; this generator is unchanged.
    /// - Complexity: at most 64 × 256 generator steps (popcount(stream + 1) jumps).
    public func split(stream: Int) -> SeededGenerator {
        precondition(stream >= 0, "SeededGenerator.split(stream:) needs a stream index ≥ 0, got \(stream)")
        var copy = self
        let count = UInt64(stream) + 1
        for bit in 0..<64 where (count >> UInt64(bit)) & 1 == 1 {
            copy.apply(jumpPolynomials[bit])
        }
        return copy
    }

    /// state ← p(T)·state, where T is one step of the linear engine and bit i of p (word i/64,
    /// bit i mod 64) is the coefficient of xⁱ.
    private mutating func apply(_ polynomial: (UInt64, UInt64, UInt64, UInt64)) {
        var a0: UInt64 = 0
        var a1: UInt64 = 0
        var a2: UInt64 = 0
        var a3: UInt64 = 0
        for word in [polynomial.0, polynomial.1, polynomial.2, polynomial.3] {
            for bit in 0..<64 {
                if (word >> UInt64(bit)) & 1 == 1 {
                    a0 ^= s0
                    a1 ^= s1
                    a2 ^= s2
                    a3 ^= s3
                }
                _ = next()
            }
        }
        s0 = a0
        s1 = a1
        s2 = a2
        s3 = a3
    }
}
