#!/usr/bin/env python3
"""Held-out skill of a random forest on the features of `urbancast air normalize`, for comparison.

Run from the repository root (needs numpy, pandas and scikit-learn; not part of the test suite):

    python3 Benchmarks/compare/air_normalization_rf.py [POLLUTANT ...]

For Beijing Dongsi hourly data (Datasets/beijing_dongsi_hourly_wide.csv) it builds the same
features and the same contiguous held-out blocks as UrbanCast's WeatherNormalization: rows where
the pollutant, TEMP, PRES, DEWP, RAIN, WSPM and wd are present; wd as degrees (16-point compass);
hour, weekday (0 = Monday), day of year, and trend (days since the first row); 5 contiguous blocks
of equal size in time order. It fits rmweather's default forest (300 trees, mtry = 3 of the
features as sklearn's max_features, min_samples_leaf = 5, seed 1) on the concentration and
reports pooled R² and RMSE of the out-of-block predictions, per-block R², and the fitting time.
Compare with `urbancast air normalize ... --format json` ("heldOut"), whose time can be taken
with `time`. Results are written to Benchmarks/compare/results/air_normalization_rf.txt.
"""
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COMPASS = {name: i * 22.5 for i, name in enumerate(
    ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"])}


def features(frame, pollutant):
    data = frame.copy()
    data["wd"] = data["wd"].map(COMPASS)
    date = pd.to_datetime(data["date"])
    data["hour"] = date.dt.hour
    data["weekday"] = date.dt.weekday
    data["dayOfYear"] = (date - pd.to_datetime(date.dt.year.astype(str) + "-01-01")).dt.total_seconds() / 86400
    data["trend"] = (date - date.min()).dt.total_seconds() / 86400
    columns = ["TEMP", "PRES", "DEWP", "RAIN", "WSPM", "wd", "hour", "weekday", "dayOfYear", "trend"]
    data = data.dropna(subset=[pollutant] + columns)
    data = data[data[pollutant] > -1]
    return data[columns].to_numpy(), data[pollutant].to_numpy()


def blocked(X, y, folds=5):
    n = len(y)
    observed, predicted, per_block = [], [], []
    start = time.perf_counter()
    for k in range(folds):
        lower, upper = k * n // folds, (k + 1) * n // folds
        train = np.r_[0:lower, upper:n]
        forest = RandomForestRegressor(n_estimators=300, max_features=3, min_samples_leaf=5, random_state=1, n_jobs=1)
        forest.fit(X[train], y[train])
        p = forest.predict(X[lower:upper])
        a = y[lower:upper]
        per_block.append(1 - ((a - p) ** 2).sum() / ((a - a.mean()) ** 2).sum())
        observed.append(a)
        predicted.append(p)
    elapsed = time.perf_counter() - start
    a, p = np.concatenate(observed), np.concatenate(predicted)
    r2 = 1 - ((a - p) ** 2).sum() / ((a - a.mean()) ** 2).sum()
    rmse = float(np.sqrt(((a - p) ** 2).mean()))
    return r2, rmse, per_block, elapsed


def main():
    pollutants = sys.argv[1:] or ["PM2.5", "NO2", "O3"]
    frame = pd.read_csv(os.path.join(ROOT, "Datasets", "beijing_dongsi_hourly_wide.csv"))
    lines = []
    for pollutant in pollutants:
        X, y = features(frame, pollutant)
        r2, rmse, per_block, elapsed = blocked(X, y)
        line = (f"{pollutant}: rows {len(y)}, random forest held-out R² {r2:.3f}, RMSE {rmse:.2f}, "
                f"blocks {' '.join(f'{b:.3f}' for b in per_block)}, fit time {elapsed:.1f} s (5 forests)")
        print(line)
        lines.append(line)
    os.makedirs(os.path.join(ROOT, "Benchmarks", "compare", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "Benchmarks", "compare", "results", "air_normalization_rf.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
