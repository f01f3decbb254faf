#!/usr/bin/env python3
"""statsforecast peer for Benchmarks/compare/compare.py.

    python3 statsforecast_peer.py INPUT.csv HORIZON SEASON_LENGTH MODELS OUT_FORECASTS.csv OUT_TIMES.csv

INPUT is the long format (series,date,value; each series' rows contiguous and in date order).
MODELS is a comma-separated subset of AutoARIMA,AutoETS,AutoTheta,SeasonalNaive,Theta,
OptimizedTheta,DynamicTheta,DynamicOptimizedTheta,AutoCES,Ensemble (urbancast's `auto` from
statsforecast's own models, below), CrostonClassic,CrostonSBA,CrostonOptimized,TSB,ADIDA,IMAPA,
ConformalDOTM (conformal intervals, 5 windows, as urbancast's) and MSTL. Every series is
fitted and forecast with the model's own `forecast(y, h, level=[80, 95])` (what StatsForecast runs
per series), one model at a time, in this single-threaded process. The fit and the forecast are
timed together with time.perf_counter() (wall clock, as `urbancast bench` and the R peer).
Before the timed loop each model is run untimed on the first three series, so one-off costs
(imports, compiled-kernel loading, any JIT compilation) are not charged to the series.
"""
import csv
import sys
import time

import numpy as np


def load(path):
    order, values = [], {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = row["series"]
            if key not in values:
                order.append(key)
                values[key] = []
            values[key].append(float(row["value"]) if row["value"] not in ("", "NA", "NaN") else np.nan)
    return order, {k: np.asarray(v, dtype=np.float64) for k, v in values.items()}


class Ensemble:
    """urbancast's `auto` built from statsforecast's own models, for timing side by side: AutoETS,
    AutoARIMA, DynamicOptimizedTheta and DynamicTheta fitted to the series, point forecasts
    combined by their mean (m > 1) or median (m = 1), bounds by the mean of the members' bounds
    (statsforecast has no pooled-path mixture; the bounds are only for completeness)."""

    def __init__(self, m):
        self.m = m

    def forecast(self, y, h, level):
        import numpy as np
        outs = [make(name, self.m).forecast(y=y, h=h, level=level)
                for name in ("AutoETS", "AutoARIMA", "DynamicOptimizedTheta", "DynamicTheta")]
        combine = np.mean if self.m > 1 else np.median
        res = {"mean": combine(np.stack([o["mean"] for o in outs]), axis=0)}
        for lv in level:
            for side in ("lo", "hi"):
                res[f"{side}-{lv}"] = np.mean(np.stack([o[f"{side}-{lv}"] for o in outs]), axis=0)
        return res


def make(name, m, h=None):
    from statsforecast.models import (ADIDA, IMAPA, MSTL, TSB, AutoARIMA, AutoCES, AutoETS, AutoTheta, CrostonClassic,
                                      CrostonOptimized, CrostonSBA, DynamicOptimizedTheta, DynamicTheta,
                                      OptimizedTheta, SeasonalNaive, Theta)
    from statsforecast.utils import ConformalIntervals

    def conformal():
        # urbancast's default for conformal(...) and the intermittent methods: 5 windows.
        return ConformalIntervals(h=h, n_windows=5)

    return {
        "AutoARIMA": lambda: AutoARIMA(season_length=m),
        "AutoETS": lambda: AutoETS(season_length=m),
        "AutoTheta": lambda: AutoTheta(season_length=m),
        "SeasonalNaive": lambda: SeasonalNaive(season_length=m),
        "Theta": lambda: Theta(season_length=m),
        "OptimizedTheta": lambda: OptimizedTheta(season_length=m),
        "DynamicTheta": lambda: DynamicTheta(season_length=m),
        "DynamicOptimizedTheta": lambda: DynamicOptimizedTheta(season_length=m),
        "AutoCES": lambda: AutoCES(season_length=m),
        "Ensemble": lambda: Ensemble(m),
        # Intermittent demand and conformal intervals (issue 17 items 3-4): urbancast's intervals for
        # these are conformal with 5 windows, so statsforecast's are asked for the same way.
        "CrostonClassic": lambda: CrostonClassic(prediction_intervals=conformal()),
        "CrostonSBA": lambda: CrostonSBA(prediction_intervals=conformal()),
        "CrostonOptimized": lambda: CrostonOptimized(prediction_intervals=conformal()),
        "TSB": lambda: TSB(alpha_d=0.1, alpha_p=0.05, prediction_intervals=conformal()),
        "ADIDA": lambda: ADIDA(prediction_intervals=conformal()),
        "IMAPA": lambda: IMAPA(prediction_intervals=conformal()),
        "ConformalDOTM": lambda: DynamicOptimizedTheta(season_length=m, prediction_intervals=conformal()),
        # urbancast's mstl: MSTL with the day and week of hourly data and ETS (no season) on the
        # adjusted series, R's stlf on an msts.
        "MSTL": lambda: MSTL(season_length=[m, 7 * m] if m == 24 else [m], trend_forecaster=AutoETS(model="ZZN")),
    }[name]()


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    path, h, m, models, out_fc, out_times = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(","), sys.argv[5], sys.argv[6]
    order, series = load(path)
    with open(out_fc, "w", newline="") as ffc, open(out_times, "w", newline="") as ft:
        fc = csv.writer(ffc)
        fc.writerow(["series", "model", "step", "mean", "lo80", "hi80", "lo95", "hi95"])
        tw = csv.writer(ft)
        tw.writerow(["series", "model", "seconds", "error"])
        for name in models:
            for key in order[:3]:
                make(name, m, h).forecast(y=series[key], h=h, level=[80, 95])
            for key in order:
                y = series[key]
                t0 = time.perf_counter()
                try:
                    out = make(name, m, h).forecast(y=y, h=h, level=[80, 95])
                    error = ""
                except Exception as e:  # a failed series is reported, not fatal
                    out, error = None, str(e).replace("\n", " ")
                seconds = time.perf_counter() - t0
                tw.writerow([key, name, repr(seconds), error])
                if out is not None:
                    for i in range(h):
                        fc.writerow([key, name, i + 1, repr(float(out["mean"][i])),
                                     repr(float(out["lo-80"][i])), repr(float(out["hi-80"][i])),
                                     repr(float(out["lo-95"][i])), repr(float(out["hi-95"][i]))])


if __name__ == "__main__":
    main()
