#!/usr/bin/env python3
"""Reference values for the Statistics distributions (cdf, sf, quantile, inverse sf, log tails).

Run from the repository root (needs mpmath >= 1.3 and scipy >= 1.17, numpy):

    python3 Tests/StatisticsTests/Fixtures/make_distribution_fixtures.py

It takes a few minutes and writes distribution_fixtures.json beside this file.

The reference ("expected") is computed with mpmath at 40+ significant digits, not taken from
scipy, because scipy's own tails are not accurate to 1e-12 everywhere (e.g. the F and t
quantiles far out in the tails); the script prints every row where scipy and mpmath differ by
more than 1e-12 relative, and stores scipy's value in the "scipy" field for comparison.

Methods (all in mpmath, exact in the arguments, which are the doubles the Swift test passes):
- normal: erfc(-z/sqrt 2)/2 and erfc(z/sqrt 2)/2.
- incomplete beta (t, F): the positive series
      I_x(a,b) = x^a y^b / (a B(a,b)) * sum_n (a+b)_n/(a+1)_n x^n,   y = 1 - x,
  summed on whichever side converges faster, with the precision raised until the complement
  of a value near 1 is resolved. For t: x = nu/(nu+t^2), y = t^2/(nu+t^2); for F:
  x = d1 f/(d1 f + d2), y = d2/(d1 f + d2), both exact rationals of the double arguments.
- incomplete gamma (chi-square, gamma): the series P = x^a e^-x/Gamma(a+1) sum x^n/(a+1)_n for
  x < a + 1, otherwise Legendre's continued fraction for Q; the other tail is the complement.
- quantiles: the tail equation log F(x) = log p is solved by the Illinois method on
  u = asinh(x) (so that 1e300 and 1e-300 are both reachable), starting from a bracket around
  scipy's value, to 40 digits; p > 1/2 is solved on the upper tail with q = 1 - p (exact).
Rows whose argument or result is not a positive normal double (overflow, underflow) are left out.
"""
import json
import math
import os
import sys

import mpmath as mp
import numpy as np
from scipy import stats

mp.mp.dps = 40

# ---------------------------------------------------------------- incomplete beta (mpmath)


def _beta_series(a, b, x, cap=3_000_000):
    s = mp.mpf(1)
    t = mp.mpf(1)
    n = 0
    eps = mp.mpf(2) ** (-mp.mp.prec - 8)
    while n < cap:
        ratio = (a + b + n) * x / (a + 1 + n)
        t *= ratio
        n += 1
        s += t
        if ratio < 1 and t < eps * s * (1 - ratio):
            return s
    raise RuntimeError("beta series did not converge: a=%s b=%s x=%s" % (a, b, x))


def _beta_lower(a, b, x, y):
    log_prefactor = (a * mp.log(x) + b * mp.log(y)
                     - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)) - mp.log(a))
    return mp.exp(log_prefactor) * _beta_series(a, b, x)


def _beta_cost(a, b, x, y):
    if x == 0:
        return 0
    if y == 0 or mp.log(x) == 0:
        return mp.inf
    return max(0, ((a + b) * x - a - 1) / y) + 60 / (-mp.log(x))


def ibeta(a, b, arguments):
    """(I_x(a,b), 1 - I_x(a,b)) where arguments() gives (x, 1 - x) at the working precision.

    The arguments are recomputed whenever the precision is raised, so that the complement of a
    value near 1 is resolved from arguments that are exact to the new precision."""
    x, y = arguments()
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    if y == 0:
        return mp.mpf(1), mp.mpf(0)
    swap = _beta_cost(b, a, y, x) < _beta_cost(a, b, x, y)
    dps = mp.mp.dps
    while True:
        with mp.workdps(dps):
            x, y = arguments()
            v = _beta_lower(b, a, y, x) if swap else _beta_lower(a, b, x, y)
            c = 1 - v
            if v <= 0.5 or (c > 0 and -mp.log10(c) < dps - 30):
                result = (c, v) if swap else (v, c)
                return +result[0], +result[1]
            dps = 2 * dps if c <= 0 else int(-mp.log10(c)) + mp.mp.dps + 20

# ---------------------------------------------------------------- incomplete gamma (mpmath)


def _gamma_log_factor(a, x):
    return a * mp.log(x) - x - mp.loggamma(a + 1)


def igamma(a, x):
    """(P(a,x), Q(a,x))."""
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    eps = mp.mpf(2) ** (-mp.mp.prec - 8)
    if x < a + 1:
        s = mp.mpf(1)
        t = mp.mpf(1)
        n = 0
        while True:
            n += 1
            t *= x / (a + n)
            s += t
            if t < eps * s:
                break
        p = mp.exp(_gamma_log_factor(a, x)) * s
        return p, 1 - p
    # Legendre continued fraction for Gamma(a, x), modified Lentz.
    tiny = mp.mpf(10) ** (-mp.mp.dps * 3)
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    i = 1
    while True:
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if d == 0 else d
        c = b + an / c
        c = tiny if c == 0 else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            break
        i += 1
    q = mp.exp(_gamma_log_factor(a, x)) * a * h
    return 1 - q, q

# ---------------------------------------------------------------- distributions


class Normal:
    name = "normal"

    def __init__(self, mean, sd):
        self.params = [mean, sd]
        self.mean, self.sd = mp.mpf(mean), mp.mpf(sd)
        self.scipy = stats.norm(mean, sd)
        self.positive = False

    def tails(self, x):
        z = (mp.mpf(x) - self.mean) / self.sd
        return mp.erfc(-z / mp.sqrt(2)) / 2, mp.erfc(z / mp.sqrt(2)) / 2


class StudentT:
    name = "t"

    def __init__(self, df):
        self.params = [df]
        self.nu = mp.mpf(df)
        self.scipy = stats.t(df)
        self.positive = False

    def tails(self, x):
        t = mp.mpf(x)
        if t == 0:
            return mp.mpf(0.5), mp.mpf(0.5)
        lower, upper = ibeta(self.nu / 2, mp.mpf(0.5),
                             lambda: (self.nu / (self.nu + t * t), t * t / (self.nu + t * t)))  # lower = 2 P(T > |t|)
        far = lower / 2
        near = (1 + upper) / 2
        return (far, near) if t < 0 else (near, far)


class F:
    name = "f"

    def __init__(self, d1, d2):
        self.params = [d1, d2]
        self.d1, self.d2 = mp.mpf(d1), mp.mpf(d2)
        self.scipy = stats.f(d1, d2)
        self.positive = True

    def tails(self, x):
        f = mp.mpf(x)
        return ibeta(self.d1 / 2, self.d2 / 2,
                     lambda: (self.d1 * f / (self.d1 * f + self.d2), self.d2 / (self.d1 * f + self.d2)))


class Gamma:
    name = "gamma"

    def __init__(self, shape, scale):
        self.params = [shape, scale]
        self.k, self.theta = mp.mpf(shape), mp.mpf(scale)
        self.scipy = stats.gamma(shape, scale=scale)
        self.positive = True

    def tails(self, x):
        return igamma(self.k, mp.mpf(x) / self.theta)


class ChiSquared(Gamma):
    name = "chi2"

    def __init__(self, df):
        super().__init__(df / 2, 2)
        self.params = [df]
        self.scipy = stats.chi2(df)

# ---------------------------------------------------------------- quantiles


def solve(dist, target, upper, x0):
    """x with tail(x) = target (upper or lower tail), via Illinois on u = asinh(x)."""
    log_target = mp.log(target)

    def g(u):
        x = mp.sinh(u)
        if dist.positive and x <= 0:
            return -mp.inf if not upper else mp.inf
        lower_value, upper_value = dist.tails(x)
        value = upper_value if upper else lower_value
        if value <= 0:
            return -mp.inf if not upper else mp.inf
        r = mp.log(value) - log_target
        return -r if upper else r  # increasing in u

    u0 = mp.asinh(mp.mpf(x0)) if x0 is not None and math.isfinite(x0) else mp.mpf(0)
    if dist.positive and u0 <= 0:
        u0 = mp.mpf(1e-3)
    step = mp.mpf(0.25)
    lo = hi = u0
    glo = ghi = g(u0)
    if glo == 0:
        return mp.sinh(u0)
    while glo > 0:
        hi, ghi = lo, glo
        lo = lo - step
        if dist.positive and lo <= 0:
            lo = hi / 1024
        glo = g(lo)
        step *= 2
    while ghi < 0:
        lo, glo = hi, ghi
        hi = hi + step
        ghi = g(hi)
        step *= 2
    # Illinois (regula falsi with halving); bisect while an end is infinite.
    side = 0
    for _ in range(2000):
        if not (mp.isfinite(glo) and mp.isfinite(ghi)):
            m = (lo + hi) / 2
        else:
            m = (lo * ghi - hi * glo) / (ghi - glo)
        gm = g(m)
        if gm == 0:
            return mp.sinh(m)
        if gm < 0:
            lo, glo = m, gm
            if side == -1 and mp.isfinite(ghi):
                ghi /= 2
            side = -1
        else:
            hi, ghi = m, gm
            if side == 1 and mp.isfinite(glo):
                glo /= 2
            side = 1
        # Relative tolerance only: on asinh(x) it is relative in x both for tiny and huge x.
        if hi - lo <= max(abs(lo), abs(hi)) * mp.mpf(10) ** (-mp.mp.dps + 5):
            return mp.sinh((lo + hi) / 2)
    raise RuntimeError("no convergence")


P_GRID = [1e-300, 1e-200, 1e-100, 1e-50, 1e-30, 1e-20, 1e-15, 1e-10, 1e-7, 1e-5, 1e-3, 0.01,
          0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.49999, 0.4999999999, 0.5 - 2 ** -54, 0.5,
          0.5000000001, 0.50001, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999,
          1 - 1e-5, 1 - 1e-7, 1 - 1e-10, 1 - 1e-12, 1 - 1e-15, 1 - 1e-16]

DISTRIBUTIONS = (
    [Normal(0.0, 1.0), Normal(1.5, 2.0)]
    + [StudentT(df) for df in [0.5, 1, 2, 2.5, 3, 5, 10, 30, 100, 1e6, 1e10]]
    + [ChiSquared(df) for df in [0.5, 1, 2, 5, 10, 100, 1000]]
    + [F(d1, d2) for d1, d2 in [(1, 1), (2, 10), (5, 20), (10, 100), (50, 3), (3.5, 7.25), (100, 100),
                                (1, 1e6)]]
    + [Gamma(k, theta) for k, theta in [(0.001, 1), (0.1, 1), (0.5, 3), (2.5, 0.5), (25, 2), (1e4, 1)]]
)

EXTRA_X = {
    "normal": [-40, -38, -10, -1, 0, 0.5, 3, 8, 38, 40, 100],
    "t": [-1e100, -1e5, -100, -10, -2, -0.5, 0.5, 1, 2, 10, 100, 1e5, 1e100],
    "f": [1e-10, 0.01, 0.5, 1, 2, 10, 100, 1e5, 1e50],
    "chi2": [1e-10, 0.01, 0.1, 1, 2, 10, 100, 1000, 5000],
    "gamma": [1e-10, 0.01, 0.1, 1, 2, 10, 100, 1000, 1e4, 2e4],
}


def representable(v):
    return v != 0 and math.isfinite(v) and abs(v) >= 2.2250738585072014e-308


def rel(a, b):
    return abs(a - b) / abs(b) if b != 0 else abs(a)


def finite_or_none(v):
    return v if v is not None and math.isfinite(v) else None


def write(rows):
    """One row per line, scipy's value null where it is not finite (JSON has no inf/NaN)."""
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "distribution_fixtures.json")
    with open(out, "w") as f:
        f.write('{"description": "mpmath references (40+ digits) for Statistics distributions; '
                'see make_distribution_fixtures.py",\n')
        f.write(' "scipyVersion": %s, "mpmathVersion": %s,\n'
                % (json.dumps(__import__("scipy").__version__), json.dumps(mp.__version__)))
        f.write(' "rows": [\n')
        for i, row in enumerate(rows):
            row = dict(row, scipy=finite_or_none(row["scipy"]))
            f.write("  " + json.dumps(row, allow_nan=False) + (",\n" if i + 1 < len(rows) else "\n"))
        f.write(" ]}\n")
    return out


def main():
    rows = []
    scipy_off = []
    for dist in DISTRIBUTIONS:
        print(dist.name, dist.params, file=sys.stderr, flush=True)
        xs = set()
        for function in ("quantile", "survivalQuantile"):
            for p in P_GRID:
                small = p if p <= 0.5 else 1 - p  # exact in binary for p > 1/2
                if function == "quantile":
                    upper = p > 0.5
                    x0 = float(dist.scipy.ppf(p))
                else:
                    upper = p <= 0.5
                    x0 = float(dist.scipy.isf(p))
                target = mp.mpf(p) if p <= 0.5 else 1 - mp.mpf(p)
                x = solve(dist, target, upper, x0 if math.isfinite(x0) else None)
                xd = float(x)
                if not representable(xd):
                    continue
                sp = x0
                rows.append({"distribution": dist.name, "parameters": dist.params, "function": function,
                             "argument": p, "expected": xd, "scipy": sp})
                if not (math.isfinite(sp) and rel(sp, xd) <= 1e-12):
                    scipy_off.append((dist.name, dist.params, function, p, sp, xd))
                xs.add(xd)
                del small
        for x in EXTRA_X[dist.name]:
            xs.add(float(x))
        for x in sorted(xs):
            if dist.positive and x <= 0:
                continue
            lower, upper = dist.tails(x)
            for function, value, sp in (("cdf", lower, dist.scipy.cdf(x)), ("sf", upper, dist.scipy.sf(x)),
                                        ("logcdf", mp.log(lower), dist.scipy.logcdf(x)),
                                        ("logsf", mp.log(upper), dist.scipy.logsf(x))):
                v = float(value)
                if function in ("cdf", "sf") and not representable(v):
                    continue
                if function in ("logcdf", "logsf"):
                    # log tails are checked where the probability is tiny (or underflows).
                    if not (value == value and mp.exp(value) < 1e-100) or v == 0:
                        continue
                sp = float(sp)
                rows.append({"distribution": dist.name, "parameters": dist.params, "function": function,
                             "argument": x, "expected": v, "scipy": sp if math.isfinite(sp) else None})
                if not (math.isfinite(sp) and rel(sp, v) <= 1e-12):
                    scipy_off.append((dist.name, dist.params, function, x, sp, v))
    out = write(rows)
    print("wrote %d rows to %s" % (len(rows), out))
    print("%d rows where scipy differs from mpmath by more than 1e-12 (relative):" % len(scipy_off))
    for item in scipy_off:
        print("  %s %s %s(%r): scipy %r, mpmath %r" % item)


if __name__ == "__main__":
    main()
