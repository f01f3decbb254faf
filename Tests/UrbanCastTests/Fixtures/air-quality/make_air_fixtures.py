#!/usr/bin/env python3
"""Independent reference values for UrbanCast's air-quality localisation and standards report.

Run from the repository root (needs pandas and numpy; CI does not run this script):

    python3 Tests/UrbanCastTests/Fixtures/air-quality/make_air_fixtures.py

Writes air_fixtures.json beside this file. Everything is computed here with pandas from the
bundled CSV files, following the rules written in Models/air-quality/README.md, not with UrbanCast:

- station: Dongsi, hourly, Datasets/beijing_dongsi_hourly_wide.csv, every pollutant, year 2014.
  A day is valid with at least 18 of its 24 hours; negative readings would be dropped (there are
  none). For each pollutant: validDays, the annual mean of the valid daily means, the 99th
  percentile of the valid daily means (numpy's default "linear" = type 7), and the number of
  valid days whose mean exceeds (strictly) each WHO 2021 24-hour level in µg/m³ (CO in µg/m³:
  4 mg/m³ = 4000). For O3, the daily maximum 8-hour mean (running means of 8 hours starting in
  the day, each needing at least 6 hours; a day needs 18 of its 24 running means) and its 99th
  percentile and exceedances of 100/120/160, and the peak-season mean (the highest of the
  six-consecutive-month running means of the monthly means of the daily maximum 8-hour means,
  over the seasons ending in the year, August of the year before to December; a month counts
  with valid values on at least 75 % of its days).
- city: Beijing, the 12 stations of Datasets/beijing_12sites_daily_long.csv, PM2.5: a city day
  is the mean of the stations with a value that day, valid with at least 9 of 12 stations; the
  2014 annual mean is the mean of the valid city days, with the count of valid city days.
- AQI day counts for Dongsi PM2.5 2014 from the daily means, by the US EPA 2024 breakpoints
  (daily mean truncated to 0.1 µg/m³) and China HJ 633-2012 (IAQI rounded up).
"""
import json
import math
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
WHO_24H = {
    "PM2.5": [15, 25, 37.5, 50, 75],
    "PM10": [45, 50, 75, 100, 150],
    "NO2": [25, 50, 120],
    "SO2": [40, 50, 125],
    "CO": [4000, 7000],
}


def dongsi():
    frame = pd.read_csv(os.path.join(ROOT, "Datasets", "beijing_dongsi_hourly_wide.csv"))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.set_index("date")


def daily_means(hourly):
    assert (hourly.dropna() >= 0).all()
    grouped = hourly.groupby(hourly.index.floor("D"))
    counts = grouped.count()
    means = grouped.mean()
    return means[counts >= 18]


def daily_max_8h(hourly):
    full = hourly.asfreq("h")
    # The 8-hour mean starting at hour h covers h..h+7 and needs 6 valid hours.
    forward = full[::-1].rolling(8, min_periods=6).mean()[::-1]
    complete = full[::-1].rolling(8, min_periods=1).count()[::-1] >= 6
    forward = forward.where(complete)
    grouped = forward.groupby(forward.index.floor("D"))
    counts = grouped.count()
    return grouped.max()[counts >= 18]


def station_results(frame, year):
    results = {}
    for pollutant in ["PM2.5", "PM10", "NO2", "SO2", "CO", "O3"]:
        daily = daily_means(frame[pollutant])
        daily = daily[daily.index.year == year]
        entry = {
            "validDays": int(daily.count()),
            "annualMean": float(daily.mean()),
            "dailyP99": float(np.percentile(daily.values, 99)),
            "exceedanceDays": {str(t): int((daily > t).sum()) for t in WHO_24H.get(pollutant, [])},
        }
        if pollutant == "O3":
            m8 = daily_max_8h(frame[pollutant])
            m8_year = m8[m8.index.year == year]
            entry["max8hValidDays"] = int(m8_year.count())
            entry["max8hP99"] = float(np.percentile(m8_year.values, 99))
            entry["max8hExceedanceDays"] = {str(t): int((m8_year > t).sum()) for t in [100, 120, 160]}
            # Seasons ending in the year: months August of year - 1 ... December of year.
            months = pd.period_range(f"{year - 1}-08", f"{year}-12", freq="M")
            m8_span = m8[(m8.index >= months[0].start_time) & (m8.index <= months[-1].end_time)]
            grouped = m8_span.groupby(m8_span.index.to_period("M"))
            counts = grouped.count()
            valid = counts.values >= 0.75 * np.array([p.days_in_month for p in counts.index])
            monthly = grouped.mean()[valid]
            running = [monthly.loc[list(months[i:i + 6])].mean() for i in range(12)
                       if all(p in monthly.index for p in months[i:i + 6])]
            entry["peakSeasonMean"] = float(max(running))
        results[pollutant] = entry
    return results


def us_pm25_category(c):
    c = math.floor(c * 10 + 1e-9) / 10
    for high, name in [(9.0, "Good"), (35.4, "Moderate"), (55.4, "Unhealthy for Sensitive Groups"),
                       (125.4, "Unhealthy"), (225.4, "Very Unhealthy")]:
        if c <= high:
            return name
    return "Hazardous"


def china_pm25_category(c):
    bp = [0, 35, 75, 115, 150, 250, 350, 500]
    ia = [0, 50, 100, 150, 200, 300, 400, 500]
    if c >= 500:
        iaqi = 500
    else:
        k = max(i for i in range(7) if bp[i] <= c)
        iaqi = math.ceil((ia[k + 1] - ia[k]) / (bp[k + 1] - bp[k]) * (c - bp[k]) + ia[k] - 1e-9)
    for high, name in [(50, "Excellent"), (100, "Good"), (150, "Lightly polluted"), (200, "Moderately polluted"),
                       (300, "Heavily polluted")]:
        if iaqi <= high:
            return name
    return "Severely polluted"


def city_pm25(year):
    frame = pd.read_csv(os.path.join(ROOT, "Datasets", "beijing_12sites_daily_long.csv"))
    frame = frame[frame["pollutant"] == "PM2.5"]
    table = frame.pivot(index="date", columns="station", values="value")
    counts = table.count(axis=1)
    city = table.mean(axis=1)[counts >= 9]
    city.index = pd.to_datetime(city.index)
    city_year = city[city.index.year == year]
    return {"validDays": int(city_year.count()), "annualMean": float(city_year.mean()),
            "stations": int(table.shape[1])}


def main():
    frame = dongsi()
    daily = daily_means(frame["PM2.5"])
    daily = daily[daily.index.year == 2014]
    fixture = {
        "station": "Dongsi", "year": 2014,
        "dongsi": station_results(frame, 2014),
        "aqiPM25": {
            "us-epa-2024": pd.Series([us_pm25_category(v) for v in daily]).value_counts().to_dict(),
            "china-hj633-2012": pd.Series([china_pm25_category(v) for v in daily]).value_counts().to_dict(),
        },
        "cityPM25": city_pm25(2014),
    }
    fixture["aqiPM25"] = {k: {a: int(b) for a, b in v.items()} for k, v in fixture["aqiPM25"].items()}
    with open(os.path.join(HERE, "air_fixtures.json"), "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
