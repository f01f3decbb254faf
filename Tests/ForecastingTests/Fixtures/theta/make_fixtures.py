#!/usr/bin/env python3
"""Reference fits of the optimised Theta family from statsforecast 2.1.1.

Series (all real): fourteen from R's datasets as Fixtures/r-forecast/ets/ets_fixtures.json holds
them (monthly, quarterly and yearly; long and short, down to 6 points; `nottem` shifted by −50
so that it has negative values and takes the additive decomposition), New York City's water
consumption per capita (yearly), the first 120 days of Aotizhongxin PM2.5 (daily, m = 7) and
the first two weeks of Tetouan zone 1 power (hourly, m = 24) from Datasets/.

For each series and each of AutoTheta (model=None), STM, OTM, DSTM, DOTM: the chosen model, the
estimated initial level, alpha, theta and criterion ("mse"), the point forecasts (h = 2m, or 10
for m = 1), the in-sample fitted values and the 80 % and 95 % bounds statsforecast reports (its
200 simulated paths). `mc` holds the same bounds from 1,000,000 paths of statsforecast's own
`compute_pi_samples` (seed 0), which estimate the quantiles of the paths' distribution to
within about 0.1 % of the 95 % interval's width. `forward` holds, where the series is long enough
(n − h ≥ 8), the forecasts of statsforecast's `forward`: the model fitted to all but the last h
values, then run with its parameters held through the whole series.

    pip install statsforecast==2.1.1 numpy pandas
    python3 Tests/ForecastingTests/Fixtures/theta/make_fixtures.py
"""
import csv
import functools
import json
import math
import os

import numpy as np
import statsforecast
import statsforecast.theta as sf_theta
from statsforecast.models import AutoTheta

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", "..", "..", ".."))
R_SERIES = ["AirPassengers", "USAccDeaths", "nottem", "lynx", "Nile", "WWWusage", "UKgas", "JohnsonJohnson",
            "airmiles", "uspop_8", "Nile_6", "AirPassengers_24", "JohnsonJohnson_12", "BJsales"]


def series():
    with open(os.path.join(here, "..", "r-forecast", "ets", "ets_fixtures.json")) as f:
        ets = {s["name"]: s for s in json.load(f)["series"]}
    out = []
    for name in R_SERIES:
        s = ets[name]
        out.append((name, int(s["frequency"]), [float(v) for v in s["values"]]))
    nottem = ets["nottem"]
    out.append(("nottem_minus_50", 12, [float(v) - 50 for v in nottem["values"]]))
    with open(os.path.join(root, "Datasets", "nyc_water_long.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["indicator"] == "water_per_capita"]
    out.append(("nyc_water_per_capita", 1, [float(r["value"]) for r in rows]))
    with open(os.path.join(root, "Datasets", "beijing_12sites_daily_long.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["station"] == "Aotizhongxin" and r["pollutant"] == "PM2.5"]
    out.append(("aotizhongxin_pm25_120d", 7, [float(r["value"]) for r in rows[:120]]))
    with open(os.path.join(root, "Datasets", "tetouan_power_hourly_long.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["series"] == "zone1"]
    out.append(("tetouan_zone1_336h", 24, [float(r["value"]) for r in rows[:336]]))
    return out


def clean(values):
    return [None if (v is None or math.isnan(v)) else float(v) for v in values]


def main():
    original = sf_theta.compute_pi_samples
    cases = []
    for name, m, y in series():
        assert all(math.isfinite(v) for v in y), name
        y = np.asarray(y, dtype=float)
        h = 2 * m if m > 1 else 10
        case = {"name": name, "m": m, "h": h, "y": y.tolist(), "fits": {}}
        for key, model in [("auto", None), ("stm", "STM"), ("otm", "OTM"), ("dstm", "DSTM"), ("dotm", "DOTM")]:
            fit = AutoTheta(season_length=m, model=model).fit(y)
            res = fit.predict(h=h, level=[80, 95])
            mod = fit.model_
            sf_theta.compute_pi_samples = functools.partial(original, n_samples=1_000_000)
            mc = sf_theta.forecast_theta(mod, h=h, level=[80, 95])
            sf_theta.compute_pi_samples = original
            entry = {
                "model": mod["modeltype"],
                "initial_smoothed": float(mod["par"]["initial_smoothed"]),
                "alpha": float(mod["par"]["alpha"]),
                "theta": float(mod["par"]["theta"]),
                "mse": float(mod["mse"]),
                "decomposition": mod["decomposition_type"] if mod.get("decompose", False) else "none",
                "mean": clean(res["mean"]),
                "fitted": clean(mod["fitted"]),
                "intervals": {k: clean(res[k]) for k in ["lo-80", "hi-80", "lo-95", "hi-95"]},
                "mc": {k: clean(mc[k]) for k in ["lo-80", "hi-80", "lo-95", "hi-95"]},
            }
            if len(y) - h >= 8:
                short = AutoTheta(season_length=m, model=model).fit(y[:-h])
                entry["forward"] = {"model": short.model_["modeltype"],
                                    "mean": clean(short.forward(y=y, h=h)["mean"])}
            case["fits"][key] = entry
        cases.append(case)
    with open(os.path.join(here, "theta.json"), "w") as out:
        json.dump({"statsforecast": statsforecast.__version__, "cases": cases}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
