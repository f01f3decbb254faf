#!/usr/bin/env python3
"""Reference conformal prediction intervals from statsforecast's ConformalIntervals.

For each series and model, statsforecast refits the model at n_windows rolling origins at the
end of the series, takes the absolute errors of the h steps after each as conformity scores and
turns them into bounds at 80 and 95 % by its two methods, conformal_distribution (its default)
and conformal_error. Models: those whose point forecasts UrbanCast reproduces exactly (Naive,
SeasonalNaive, HistoricAverage, RandomWalkWithDrift and the intermittent-demand methods), so
the comparison is of the intervals' calibration alone. Series: seeded synthetic series, regular
and intermittent, with lengths that make the window count the cap (W) or the series (⌊(n−1)/h⌋).

    pip install statsforecast==2.1.1 numpy
    python3 Tests/ForecastingTests/Fixtures/conformal/make_fixtures.py
"""
import json
import os
import warnings

import numpy as np
import statsforecast
from statsforecast.models import (ADIDA, IMAPA, TSB, CrostonClassic, CrostonOptimized, CrostonSBA,
                                  HistoricAverage, Naive, RandomWalkWithDrift, SeasonalNaive)
from statsforecast.utils import ConformalIntervals

here = os.path.dirname(os.path.abspath(__file__))


def series():
    rng = np.random.default_rng(20261208)
    out = {}
    t = np.arange(60)
    out["seasonal-60"] = np.round(50 + 0.4 * t + 8 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 2, 60), 3)
    out["trend-25"] = np.round(100 + 2.5 * np.arange(25) + rng.normal(0, 4, 25), 3)
    out["noise-13"] = np.round(20 + rng.normal(0, 3, 13), 3)
    occurs = rng.random(80) < 0.3
    out["intermittent-80"] = np.where(occurs, np.round(rng.gamma(2.0, 5.0, 80), 3), 0.0)
    occurs = rng.random(40) < 0.5
    out["intermittent-40"] = np.where(occurs, rng.poisson(3.0, 40) + 1.0, 0.0)
    return out


def models(season):
    return {
        "naive": lambda pi: Naive(prediction_intervals=pi),
        "snaive": lambda pi: SeasonalNaive(season_length=season, prediction_intervals=pi),
        "mean": lambda pi: HistoricAverage(prediction_intervals=pi),
        "drift": lambda pi: RandomWalkWithDrift(prediction_intervals=pi),
        "croston": lambda pi: CrostonClassic(prediction_intervals=pi),
        "croston-sba": lambda pi: CrostonSBA(prediction_intervals=pi),
        "croston-opt": lambda pi: CrostonOptimized(prediction_intervals=pi),
        "tsb[0.3,0.1]": lambda pi: TSB(alpha_d=0.3, alpha_p=0.1, prediction_intervals=pi),
        "adida": lambda pi: ADIDA(prediction_intervals=pi),
        "imapa": lambda pi: IMAPA(prediction_intervals=pi),
    }


def main():
    levels = [80, 95]
    cases = []
    for name, y in series().items():
        intermittent = name.startswith("intermittent")
        for key, make in models(12 if name == "seasonal-60" else 4).items():
            if intermittent != (key not in ("naive", "snaive", "mean", "drift")):
                continue
            for h, windows in [(1, 5), (3, 5), (4, 2), (6, 10)]:
                used = min(windows, (len(y) - 1) // h)
                # UrbanCast's models, as R's, need two observations (a residual variance), so the
                # first window must hold at least two; statsforecast forecasts from one.
                if used < 2 or len(y) - used * h < 2:
                    continue
                for method in ("conformal_distribution", "conformal_error"):
                    pi = ConformalIntervals(h=h, n_windows=windows, method=method)
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        result = make(pi).forecast(y=y.astype(float), h=h, level=levels)
                    # A window too short for the model (a seasonal naive with less than a season,
                    # a drift from one value) gives statsforecast NaN bounds and UrbanCast an error.
                    if any(np.isnan(result[f"{side}-{lv}"]).any() for side in ("lo", "hi") for lv in levels):
                        continue
                    cases.append({
                        "series": name, "model": key, "horizon": h, "windows": windows,
                        "method": "distribution" if method == "conformal_distribution" else "error",
                        "mean": result["mean"].tolist(),
                        "lower": [result[f"lo-{lv}"].tolist() for lv in levels],
                        "upper": [result[f"hi-{lv}"].tolist() for lv in levels],
                    })
    data = {name: y.tolist() for name, y in series().items()}
    with open(os.path.join(here, "conformal.json"), "w") as out:
        json.dump({"statsforecast": statsforecast.__version__, "levels": levels, "series": data, "cases": cases},
                  out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
