#!/usr/bin/env python3
"""Reference values for the seasonal and Hamed–Rao Mann–Kendall tests, from pymannkendall.

Inputs are real series from Datasets/: monthly means of daily PM2.5 and NO2 at Dongsi and
Aotizhongxin (Beijing 12-site file, means of the days present, rounded to 0.01 µg/m³ so the
fixture is short), and New York City's yearly water consumption. One month of one series is
set missing to exercise the seasonal test's skipping. The Hamed–Rao cases are gap-free (with
gaps, pymannkendall estimates the Sen slope at the original positions but detrends at the
compressed ones; UrbanCast detrends at the original positions).

    pip install pymannkendall==1.4.3 numpy scipy
    python3 Tests/StatisticsTests/Fixtures/mann-kendall/make_fixtures.py
"""
import csv
import json
import math
import os
from collections import defaultdict

import numpy as np
import pymannkendall as mk
import scipy

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", "..", ".."))


def monthly(station, pollutant):
    sums = defaultdict(lambda: [0.0, 0])
    with open(os.path.join(root, "Datasets", "beijing_12sites_daily_long.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["station"] == station and row["pollutant"] == pollutant and row["value"] != "":
                key = row["date"][:7]
                sums[key][0] += float(row["value"])
                sums[key][1] += 1
    return [round(sums[k][0] / sums[k][1], 2) for k in sorted(sums)]


def nyc_water():
    with open(os.path.join(root, "Datasets", "nyc_water_long.csv"), encoding="utf-8") as f:
        return [float(r["value"]) for r in csv.DictReader(f) if r["indicator"] == "water_consumption"]


def finite(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


series = {
    "dongsi-pm25-monthly": monthly("Dongsi", "PM2.5"),
    "dongsi-no2-monthly": monthly("Dongsi", "NO2"),
    "aotizhongxin-pm25-monthly": monthly("Aotizhongxin", "PM2.5"),
    "nyc-water-yearly": nyc_water(),
}
gappy = list(series["dongsi-no2-monthly"])
gappy[17] = float("nan")
series["dongsi-no2-monthly-gap"] = gappy

cases = []
for name, values in series.items():
    x = np.array(values, dtype=float)
    case = {"name": name, "values": [finite(v) for v in values]}
    if name.endswith("monthly") or name.endswith("gap"):
        r = mk.seasonal_test(x, period=12)
        case["seasonal"] = {"period": 12, "s": float(r.s), "varS": float(r.var_s), "z": float(r.z),
                            "p": float(r.p), "tau": float(r.Tau), "slope": float(r.slope)}
    if not np.isnan(x).any():
        for lag in (None, 3):
            r = mk.hamed_rao_modification_test(x, lag=lag)
            case["hamedRao" if lag is None else "hamedRaoLag3"] = {
                "s": float(r.s), "varS": float(r.var_s), "z": float(r.z), "p": float(r.p)}
        r = mk.original_test(x)
        case["original"] = {"s": float(r.s), "varS": float(r.var_s), "z": float(r.z), "p": float(r.p)}
    cases.append(case)

meta = {"generator": "make_fixtures.py", "pymannkendall": mk.__version__, "numpy": np.__version__,
        "scipy": scipy.__version__}
with open(os.path.join(here, "mann_kendall_fixtures.json"), "w") as f:
    json.dump({"meta": meta, "cases": cases}, f, indent=1)
    f.write("\n")
print("wrote", len(cases), "cases")
