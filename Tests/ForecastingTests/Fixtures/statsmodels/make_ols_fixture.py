#!/usr/bin/env python3
"""statsmodels cross-check fixture for linear regression (OLS and WLS) on real data.

Data: Datasets/beijing_12sites_daily_wide.csv (UCI #501, CC BY 4.0),
      daily means at the Dongsi station, 2013-03-01 .. 2017-02-28.
Model: PM2.5 ~ const + TEMP + PRES + DEWP + WSPM + RAIN_sum
Rows:  station == "Dongsi" and PM2.5 not missing (no other column has missing cells
       for this station; the script checks that), in file order (ascending date).
WLS:   same rows and design, weights = n_hours_pm25 (hours behind the daily mean of
       PM2.5; the variance of a mean of n hourly values is ~ 1/n).

Writes, beside this script:
  ols_design.csv    date, y and x columns of exactly the rows used, plus the WLS
                    weight, numbers as Python repr(float) (shortest round-trip)
  ols_fixture.json  model description and statsmodels results (see README.md)

Usage (from anywhere):  python make_ols_fixture.py
Needs statsmodels (and numpy, scipy, pandas, which it pulls in).
"""

import csv
import hashlib
import json
import os
import platform
import sys

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import variance_inflation_factor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
DATASET = "Datasets/beijing_12sites_daily_wide.csv"
STATION = "Dongsi"
Y = "PM2.5"
XS = ["TEMP", "PRES", "DEWP", "WSPM", "RAIN_sum"]
WEIGHT = "n_hours_pm25"
ALPHA = 0.05
# New rows for prediction (without the constant; the constant 1 is prepended).
NEW_ROWS = [
    {"label": "cold dry windy winter day", "TEMP": -2.0, "PRES": 1032.0, "DEWP": -22.0, "WSPM": 4.0, "RAIN_sum": 0.0},
    {"label": "stagnant humid winter day", "TEMP": 2.0, "PRES": 1022.0, "DEWP": -3.0, "WSPM": 0.8, "RAIN_sum": 0.0},
    {"label": "warm wet summer day", "TEMP": 27.0, "PRES": 1002.0, "DEWP": 21.0, "WSPM": 1.6, "RAIN_sum": 12.5},
]


def f(x):
    """A JSON-safe Python float (json writes repr, i.e. full precision)."""
    return float(x)


def vec(a):
    return [f(v) for v in np.asarray(a).ravel()]


def named(names, a):
    return {n: f(v) for n, v in zip(names, np.asarray(a).ravel())}


def load_rows():
    path = os.path.join(ROOT, DATASET)
    raw = open(path, "rb").read()
    sha = hashlib.sha256(raw).hexdigest()
    reader = csv.DictReader(raw.decode("utf-8").splitlines())
    rows, n_station, n_dropped = [], 0, 0
    for r in reader:
        if r["station"] != STATION:
            continue
        n_station += 1
        if r[Y] == "":
            n_dropped += 1
            continue
        for c in XS + [WEIGHT]:
            if r[c] == "":
                raise SystemExit(f"unexpected missing {c} on {r['date']}: the row filter would change")
        rows.append(r)
    dates = [r["date"] for r in rows]
    if dates != sorted(dates):
        raise SystemExit("rows are not in ascending date order")
    return rows, sha, n_station, n_dropped


def main():
    rows, sha, n_station, n_dropped = load_rows()
    y = np.array([float(r[Y]) for r in rows])
    x = np.array([[float(r[c]) for c in XS] for r in rows])
    w = np.array([float(r[WEIGHT]) for r in rows])
    X = sm.add_constant(x, prepend=True, has_constant="raise")
    names = ["const"] + XS

    # Design rows, exactly as used.
    with open(os.path.join(HERE, "ols_design.csv"), "w", newline="", encoding="utf-8") as fh:
        wr = csv.writer(fh, lineterminator="\n")
        wr.writerow(["date", Y] + XS + [WEIGHT])
        for r, yi, xi, wi in zip(rows, y, x, w):
            wr.writerow([r["date"], repr(float(yi))] + [repr(float(v)) for v in xi] + [repr(float(wi))])

    ols = sm.OLS(y, X).fit()  # nonrobust covariance
    ci = ols.conf_int(alpha=ALPHA)
    vif = {XS[i - 1]: f(variance_inflation_factor(X, i)) for i in range(1, X.shape[1])}

    Xnew = np.array([[1.0] + [row[c] for c in XS] for row in NEW_ROWS])
    frame = ols.get_prediction(Xnew).summary_frame(alpha=ALPHA)
    predictions = []
    for row, (_, p) in zip(NEW_ROWS, frame.iterrows()):
        predictions.append({
            "label": row["label"],
            "x": {c: f(row[c]) for c in XS},
            "mean": f(p["mean"]),
            "mean_se": f(p["mean_se"]),
            "mean_ci": [f(p["mean_ci_lower"]), f(p["mean_ci_upper"])],
            "obs_ci": [f(p["obs_ci_lower"]), f(p["obs_ci_upper"])],
        })

    wls = sm.WLS(y, X, weights=w).fit()
    wls_ci = wls.conf_int(alpha=ALPHA)

    fixture = {
        "description": "statsmodels OLS/WLS cross-check: Beijing Dongsi daily PM2.5 on meteorology",
        "dataset": {
            "file": DATASET,
            "sha256": sha,
            "row_filter": f"station == \"{STATION}\" and {Y} is not missing (empty cell); "
                          "no other used column is missing on those rows; file order (ascending date)",
            "rows_for_station": n_station,
            "rows_dropped_missing_y": n_dropped,
            "transform": "none: raw values as in the CSV",
            "design_csv": "ols_design.csv",
            "design_csv_columns": ["date", Y] + XS + [WEIGHT],
            "first_date": rows[0]["date"],
            "last_date": rows[-1]["date"],
        },
        "y": Y,
        "x": XS,
        "intercept": True,
        "param_names": names,
        "nobs": int(ols.nobs),
        "df_model": f(ols.df_model),
        "df_resid": f(ols.df_resid),
        "alpha": ALPHA,
        "ols": {
            "params": named(names, ols.params),
            "bse": named(names, ols.bse),
            "HC0_se": named(names, ols.HC0_se),
            "HC1_se": named(names, ols.HC1_se),
            "HC2_se": named(names, ols.HC2_se),
            "HC3_se": named(names, ols.HC3_se),
            "tvalues": named(names, ols.tvalues),
            "pvalues": named(names, ols.pvalues),
            "conf_int": {n: [f(lo), f(hi)] for n, (lo, hi) in zip(names, np.asarray(ci))},
            "rsquared": f(ols.rsquared),
            "rsquared_adj": f(ols.rsquared_adj),
            "fvalue": f(ols.fvalue),
            "f_pvalue": f(ols.f_pvalue),
            "llf": f(ols.llf),
            "aic": f(ols.aic),
            "bic": f(ols.bic),
            "scale": f(ols.scale),
            "ssr": f(ols.ssr),
            "centered_tss": f(ols.centered_tss),
            "condition_number": f(ols.condition_number),
            "cond_2norm_design_numpy": f(np.linalg.cond(X)),
            "vif": vif,
            "vif_note": "variance_inflation_factor(exog, i) on the design WITH the constant column, "
                        "i = 1..k (the predictors; the constant's own VIF is not reported)",
        },
        "prediction": {
            "method": "ols.get_prediction(exog_new).summary_frame(alpha=0.05); exog_new has the constant 1 first",
            "rows": predictions,
        },
        "wls": {
            "weights": f"column {WEIGHT} of the same rows (also in ols_design.csv)",
            "params": named(names, wls.params),
            "bse": named(names, wls.bse),
            "conf_int": {n: [f(lo), f(hi)] for n, (lo, hi) in zip(names, np.asarray(wls_ci))},
            "rsquared": f(wls.rsquared),
            "scale": f(wls.scale),
            "llf": f(wls.llf),
        },
        "versions": {
            "python": platform.python_version(),
            "statsmodels": statsmodels.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "script": "Tests/ForecastingTests/Fixtures/statsmodels/make_ols_fixture.py",
    }
    with open(os.path.join(HERE, "ols_fixture.json"), "w", encoding="utf-8") as fh:
        json.dump(fixture, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    print(f"n={int(ols.nobs)}  R2={ols.rsquared:.6f}  cond={ols.condition_number:.6g}  "
          f"VIF={ {k: round(v, 3) for k, v in vif.items()} }")
    return 0


if __name__ == "__main__":
    sys.exit(main())
