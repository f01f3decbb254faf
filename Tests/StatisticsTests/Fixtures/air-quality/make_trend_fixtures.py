#!/usr/bin/env python3
"""Reference values for Statistics.TheilSen and Statistics.MannKendall, from SciPy.

Run from the repository root (needs numpy and scipy; CI does not run this script):

    python3 Tests/StatisticsTests/Fixtures/air-quality/make_trend_fixtures.py

Writes trend_fixtures.json beside this file. Each case has x (time in years), y (NaN written as
null: missing months), and the references:

- theilSlope, theilIntercept: scipy.stats.theilslopes(y, x, method="joint") on the complete
  pairs (the median of all pairwise slopes; intercept the median of y - slope*x).
- s: Kendall's S by a brute-force double loop over the complete values (plain Python ints).
- variance: the tie-corrected variance of S, [n(n-1)(2n+5) - sum t(t-1)(2t+5)]/18.
- zScipy, pScipy: scipy.stats.kendalltau(x, y, method="asymptotic"); with distinct x it is the
  Mann-Kendall test without continuity correction (z = S/sqrt(Var S)). zScipy is recovered as
  norm.isf(p/2)*sign(tau) since kendalltau reports only tau and p.
- tauB: kendalltau's tau-b, which the Swift test converts back to S as a cross-check.
- pCorrected: 2*norm.sf(|S - sign(S)|/sqrt(Var S)), the continuity-corrected p-value of
  Hirsch, Slack & Smith (1982), as R's Kendall::MannKendall and pymannkendall report it.

Cases: seeded random walks with trend (numpy default_rng), series with many ties (values rounded),
with missing values, a short one (n = 5), and the Beijing Dongsi monthly PM2.5 means 2013-03 to
2017-02 from Datasets/beijing_12sites_daily_wide.csv (mean of the daily means of each month).
"""
import csv
import json
import math
import os
from collections import defaultdict

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def brute_s(y):
    s = 0
    for i in range(len(y)):
        for j in range(i + 1, len(y)):
            s += (y[j] > y[i]) - (y[j] < y[i])
    return s


def tie_variance(y):
    n = len(y)
    counts = defaultdict(int)
    for v in y:
        counts[v] += 1
    ties = sum(t * (t - 1) * (2 * t + 5) for t in counts.values())
    return (n * (n - 1) * (2 * n + 5) - ties) / 18.0


def case(name, x, y):
    x = [float(v) for v in x]
    y = [None if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v) for v in y]
    px = [a for a, b in zip(x, y) if b is not None]
    py = [b for b in y if b is not None]
    ts = stats.theilslopes(py, px, method="joint")
    tau = stats.kendalltau(px, py, method="asymptotic")
    s = brute_s(py)
    var = tie_variance(py)
    z_scipy = float(stats.norm.isf(tau.pvalue / 2) * np.sign(tau.statistic))
    p_corr = float(2 * stats.norm.sf(abs(s - np.sign(s)) / math.sqrt(var)))
    return {
        "name": name, "x": x, "y": y,
        "theilSlope": float(ts.slope), "theilIntercept": float(ts.intercept),
        "s": int(s), "variance": var, "tauB": float(tau.statistic),
        "zScipy": z_scipy, "pScipy": float(tau.pvalue), "pCorrected": p_corr,
    }


def dongsi_monthly():
    sums = defaultdict(float)
    counts = defaultdict(int)
    with open(os.path.join(ROOT, "Datasets", "beijing_12sites_daily_wide.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["station"] != "Dongsi" or row["PM2.5"] == "":
                continue
            key = row["date"][:7]
            sums[key] += float(row["PM2.5"])
            counts[key] += 1
    months = sorted(sums)
    x = [int(m[:4]) + (int(m[5:7]) - 1) / 12 for m in months]
    y = [sums[m] / counts[m] for m in months]
    return x, y


def main():
    rng = np.random.default_rng(20260501)
    cases = []
    t = np.arange(60) / 12 + 2013
    y = 80 - 3.0 * (t - 2013) + np.cumsum(rng.normal(0, 2, 60)) + rng.normal(0, 5, 60)
    cases.append(case("downward trend, 60 months", t, y))
    y = np.round(rng.normal(10, 1.5, 48))
    cases.append(case("ties: rounded values, 48 months", t[:48], y))
    y = list(40 + 0.5 * (t[:36] - 2013) + rng.normal(0, 3, 36))
    for k in (3, 4, 17, 30):
        y[k] = None
    cases.append(case("missing months", t[:36], y))
    cases.append(case("short", [1, 2, 3, 4, 5], [1, 2, 3, 4, 50]))
    cases.append(case("no trend, symmetric", [1, 2, 3, 4, 5, 6], [3, 1, 2, 2, 1, 3]))
    x, y = dongsi_monthly()
    cases.append(case("Beijing Dongsi monthly PM2.5", x, y))
    with open(os.path.join(HERE, "trend_fixtures.json"), "w") as f:
        json.dump({"scipy": __import__("scipy").__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
