#!/usr/bin/env python3
"""Reference reconciled forecasts from hierarchicalforecast.

Two structures:
- Beijing: the 12 stations of Datasets/beijing_12sites_daily_long.csv (monthly means of the daily
  values, 2013-03 to 2017-02) summing to the city, for PM2.5 and for NO2: 13 series, a strict
  hierarchy.
- A synthetic grouped structure: 6 bottom series (2 districts x 3 sectors) with the total, the
  districts and the sectors as aggregates: 12 series, not a hierarchy (two crossing groupings).

Base forecasts (h = 12) and in-sample fitted values are statsforecast's AutoETS (season 12);
they enter the fixture as they are, so the Swift test reconciles the same numbers and checks the
reconciliation alone. Reconciliation by hierarchicalforecast's BottomUp, TopDown
(forecast_proportions, strict hierarchy only) and MinTrace (ols, wls_struct, wls_var,
mint_shrink, mint_cov).

    pip install hierarchicalforecast==1.5.3 statsforecast==2.1.1 pandas numpy
    python3 Tests/ForecastingTests/Fixtures/hierarchy/make_fixtures.py   (from the repository root)
"""
import json
import os
import warnings

import hierarchicalforecast
import numpy as np
import pandas as pd
import statsforecast
from hierarchicalforecast.methods import BottomUp, MinTrace, TopDown
from statsforecast.models import AutoETS

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "../../../.."))
H = 12


def base(y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = AutoETS(season_length=12).forecast(y=y, h=H, fitted=True)
    return result["mean"], result["fitted"]


def reconcile(name, S, Y, tags, strict):
    y_hat, fitted = zip(*(base(y) for y in Y))
    y_hat, fitted = np.array(y_hat), np.array(fitted)
    methods = {"bottom-up": BottomUp(), "ols": MinTrace("ols"), "wls-struct": MinTrace("wls_struct"),
               "wls-var": MinTrace("wls_var"), "mint-shrink": MinTrace("mint_shrink"), "mint-cov": MinTrace("mint_cov")}
    if strict:
        methods["top-down"] = TopDown("forecast_proportions")
    out = {}
    for key, method in methods.items():
        result = method.fit_predict(S=S, y_hat=y_hat, y_insample=Y, y_hat_insample=fitted, tags=tags)
        out[key] = result["mean"].tolist()
    return {"name": name, "summing": S.tolist(), "levels": [v.tolist() for v in tags.values()], "history": Y.tolist(),
            "forecasts": y_hat.tolist(), "fitted": fitted.tolist(), "reconciled": out}


def beijing(pollutant):
    df = pd.read_csv(os.path.join(root, "Datasets/beijing_12sites_daily_long.csv"))
    df = df[df.pollutant == pollutant]
    df["month"] = df.date.str[:7]
    monthly = df.groupby(["station", "month"]).value.mean().unstack("month")
    bottom = monthly.to_numpy()
    assert not np.isnan(bottom).any()
    Y = np.vstack([bottom.sum(axis=0), bottom])
    S = np.vstack([np.ones((1, 12)), np.eye(12)])
    tags = {"city": np.array([0]), "city/station": np.arange(1, 13)}
    return reconcile(f"beijing {pollutant}", S, Y, tags, strict=True)


def grouped():
    rng = np.random.default_rng(20261208)
    t = np.arange(60)
    bottom = np.array([np.round(20 + 5 * d + 3 * s + 0.1 * (d + 1) * t + (2 + s) * np.sin(2 * np.pi * t / 12 + d)
                                + rng.normal(0, 1 + 0.5 * s, 60), 3)
                       for d in range(2) for s in range(3)])
    districts = np.kron(np.eye(2), np.ones((1, 3)))
    sectors = np.tile(np.eye(3), (1, 2))
    S = np.vstack([np.ones((1, 6)), districts, sectors, np.eye(6)])
    Y = S @ bottom
    tags = {"total": np.array([0]), "district": np.arange(1, 3), "sector": np.arange(3, 6), "bottom": np.arange(6, 12)}
    return reconcile("grouped districts x sectors", S, Y, tags, strict=False)


def main():
    cases = [beijing("PM2.5"), beijing("NO2"), grouped()]
    with open(os.path.join(here, "hierarchy.json"), "w") as out:
        json.dump({"hierarchicalforecast": hierarchicalforecast.__version__, "statsforecast": statsforecast.__version__,
                   "cases": cases}, out)
        out.write("\n")


if __name__ == "__main__":
    main()
