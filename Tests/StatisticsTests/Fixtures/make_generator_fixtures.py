#!/usr/bin/env python3
"""Reference outputs for Statistics.SeededGenerator (xoshiro256** seeded by SplitMix64).

Run from the repository root (plain Python 3, no packages needed; scipy only for the normal
check column if present):

    python3 Tests/StatisticsTests/Fixtures/make_generator_fixtures.py

Writes generator_fixtures.json beside this file, and prints the table of jump polynomials that
Sources/Statistics/Random/SeededGenerator+Jump.swift embeds (`--swift-table`).

Everything here is an independent re-implementation from the published descriptions:
- SplitMix64 (Steele, Lea & Flood 2014), as used by Vigna to seed xoshiro generators.
- xoshiro256** 1.0 (Blackman & Vigna 2018).
- Jump polynomials: the characteristic polynomial P of the xoshiro256 linear engine is
  recovered with Berlekamp-Massey over GF(2); J_j = x^(2^(128+j)) mod P. J_0 must equal the
  published JUMP constant and J_64 the published LONG_JUMP constant, which the script asserts.
"""
import json
import os
import sys

MASK = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def seed_state(seed):
    s = []
    state = seed & MASK
    for _ in range(4):
        state, z = splitmix64(state)
        s.append(z)
    return s


def step(s):
    """Advances the state in place; returns the xoshiro256** output."""
    result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
    t = (s[1] << 17) & MASK
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = rotl(s[3], 45)
    return result


def apply_polynomial(s, poly):
    """s <- poly(T) s, with poly an int whose bit i is the coefficient of x^i (i < 256)."""
    acc = [0, 0, 0, 0]
    for i in range(256):
        if (poly >> i) & 1:
            for k in range(4):
                acc[k] ^= s[k]
        step(s)
    s[:] = acc


def words(poly):
    return [(poly >> (64 * k)) & MASK for k in range(4)]


def from_words(ws):
    return sum(w << (64 * k) for k, w in enumerate(ws))


JUMP = from_words([0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C, 0xA9582618E03FC9AA, 0x39ABDC4529B1661C])
LONG_JUMP = from_words([0x76E15D3EFEFDCBBF, 0xC5004E441C522FB3, 0x77710069854EE241, 0x39109BB02ACBE635])


def berlekamp_massey(bits):
    """Minimal connection polynomial of a GF(2) sequence, as an int (bit i = coeff of x^i)."""
    c, b = 1, 1
    length, m = 0, 1
    for n in range(len(bits)):
        d = bits[n]
        for i in range(1, length + 1):
            d ^= ((c >> i) & 1) & bits[n - i]
        if d == 0:
            m += 1
        elif 2 * length <= n:
            t = c
            c ^= b << m
            length = n + 1 - length
            b, m = t, 1
        else:
            c ^= b << m
            m += 1
    return c, length


def poly_mulmod(a, b, p, degree):
    r = 0
    while b:
        if b & 1:
            r ^= a
        b >>= 1
        a <<= 1
        if (a >> degree) & 1:
            a ^= p
    return r


def characteristic_polynomial():
    s = seed_state(1)
    bits = []
    for _ in range(1024):
        bits.append(s[0] & 1)
        step(s)
    c, length = berlekamp_massey(bits)
    assert length == 256, length
    # Connection polynomial C(x) = 1 + c1 x + ... + cL x^L; the characteristic polynomial is its
    # reciprocal x^L C(1/x).
    p = 0
    for i in range(length + 1):
        if (c >> i) & 1:
            p |= 1 << (length - i)
    return p


def jump_table():
    p = characteristic_polynomial()
    x = 2  # the polynomial "x"
    for _ in range(128):
        x = poly_mulmod(x, x, p, 256)
    table = []
    for _ in range(65):
        table.append(x)
        x = poly_mulmod(x, x, p, 256)
    assert table[0] == JUMP, "x^(2^128) mod P differs from the published JUMP"
    assert table[64] == LONG_JUMP, "x^(2^192) mod P differs from the published LONG_JUMP"
    # Composition check: applying the table for 1001 = 0b1111101001 equals 1001 plain jumps.
    a = seed_state(3)
    b = list(a)
    for _ in range(1001):
        apply_polynomial(a, JUMP)
    for bit in range(64):
        if (1001 >> bit) & 1:
            apply_polynomial(b, table[bit])
    assert a == b, "jump table composition differs from repeated JUMP"
    return table[:64]


def swift_hex(w):
    """0x1234_5678_9ABC_DEF0, the grouping swift-format asks for."""
    digits = "%016X" % w
    return "0x" + "_".join(digits[i:i + 4] for i in range(0, 16, 4))


def uniform(x):
    """(floor(x / 2^12) + 0.5) * 2^-52: exact, in [2^-53, 1 - 2^-53]."""
    return ((x >> 12) + 0.5) * 2.0 ** -52


def main():
    table = jump_table()
    if "--swift-table" in sys.argv:
        for poly in table:
            print("    (" + ", ".join(swift_hex(w) for w in words(poly)) + "),")
        return
    seeds = [0, 1, 42, 20240731, MASK]
    cases = []
    for seed in seeds:
        s = seed_state(seed)
        state = list(s)
        outputs = [step(s) for _ in range(16)]
        j = list(state)
        apply_polynomial(j, JUMP)
        jumped = [step(j) for _ in range(4)]
        streams = {}
        for k in [0, 1, 2, 5, 1000, 123456789]:
            t = list(state)
            n = k + 1  # stream k is the parent advanced by (k + 1) * 2^128 steps
            for bit in range(64):
                if (n >> bit) & 1:
                    apply_polynomial(t, table[bit])
            streams[str(k)] = [step(t) for _ in range(4)]
        s = list(state)
        uniforms = [uniform(step(s)) for _ in range(8)]
        cases.append({
            "seed": str(seed),
            "state": [str(w) for w in state],
            "outputs": [str(w) for w in outputs],
            "jumped": [str(w) for w in jumped],
            "streams": {k: [str(w) for w in v] for k, v in streams.items()},
            "uniforms": uniforms,
        })
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generator_fixtures.json")
    with open(out, "w") as f:
        json.dump({"generator": "xoshiro256** seeded by SplitMix64", "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
