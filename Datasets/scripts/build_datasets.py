#!/usr/bin/env python3
"""Build the bundled UrbanCast datasets (Datasets/*.csv) from the source extracts.

Usage:
    python3 Datasets/scripts/build_datasets.py SOURCE_DIR [--out OUT_DIR]

SOURCE_DIR holds the six source extracts described in Datasets/README.md
(beijing_12sites_daily_2013_2017.csv, beijing_dongsi_hourly_2013_2017.csv,
nyc_water_consumption_1979_2022.csv, tetouan_power_hourly_2017.csv,
un_wup2018_30_largest_agglomerations.csv, what_a_waste_cities.csv).
OUT_DIR defaults to the Datasets/ folder that contains this script.

Standard library only. The output is deterministic: UTF-8 without BOM, LF line
endings, RFC 4180 quoting only where needed, rows in a fixed order, and numbers
rewritten exactly (decimal arithmetic, never binary floats): trailing zeros are
dropped ("7102100.0" -> "7102100", "0.0" -> "0"), nothing is rounded except the
one documented derived column (msw_kg_per_capita_day, 4 decimals).
Missing values are written as empty cells.

The script checks the source headers and row counts it expects and stops with
an error if a source file differs, so a changed extract cannot silently produce
different bundled data. Run Datasets/scripts/verify_datasets.py afterwards.
"""

import argparse
import csv
import hashlib
import os
import sys
from decimal import Decimal, ROUND_HALF_EVEN

SOURCES = {
    "beijing_daily": "beijing_12sites_daily_2013_2017.csv",
    "beijing_hourly": "beijing_dongsi_hourly_2013_2017.csv",
    "nyc": "nyc_water_consumption_1979_2022.csv",
    "tetouan": "tetouan_power_hourly_2017.csv",
    "wup": "un_wup2018_30_largest_agglomerations.csv",
    "waste": "what_a_waste_cities.csv",
}

POLLUTANTS = ["PM2.5", "PM10", "SO2", "NO2", "CO", "O3"]
UG_M3 = "\u00b5g/m\u00b3"  # µg/m³
WUP_LAST_ESTIMATE_YEAR = 2015  # WUP 2018 F11b: 1950-2015 estimates, 2020-2035 projections


class SourceError(Exception):
    pass


def num(text, where):
    """Exact canonical rendering of a numeric cell; '' for a missing value."""
    s = text.strip()
    if s == "" or s.upper() in ("NA", "NAN"):
        return ""
    try:
        d = Decimal(s)
    except Exception:
        raise SourceError(f"{where}: not a number: {text!r}")
    if not d.is_finite():
        raise SourceError(f"{where}: not a finite number: {text!r}")
    if d == 0:
        return "0"
    out = format(d.normalize(), "f")
    return out


def read_source(path, expected_header, expected_rows):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [r for r in reader]
    name = os.path.basename(path)
    if header != expected_header:
        raise SourceError(f"{name}: header {header} != expected {expected_header}")
    if len(rows) != expected_rows:
        raise SourceError(f"{name}: {len(rows)} data rows, expected {expected_rows}")
    for i, r in enumerate(rows, start=2):
        if len(r) != len(header):
            raise SourceError(f"{name}:{i}: {len(r)} cells, expected {len(header)}")
    return [dict(zip(header, r)) for r in rows], name


def write_csv(out_dir, filename, header, rows):
    path = os.path.join(out_dir, filename)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            if len(r) != len(header):
                raise AssertionError(f"{filename}: row width {len(r)} != {len(header)}")
            w.writerow(r)
    os.replace(tmp, path)  # nothing half-written
    return filename, len(rows)


# --------------------------------------------------------------------------- NYC water

def build_nyc(src_dir, out_dir):
    rows, name = read_source(
        os.path.join(src_dir, SOURCES["nyc"]),
        ["year", "population", "consumption_mgd", "per_capita_gpcd"], 44)
    rows.sort(key=lambda r: int(r["year"]))
    wide = []
    for i, r in enumerate(rows, start=2):
        wide.append([r["year"].strip()] + [num(r[c], f"{name}:{i}:{c}")
                                           for c in ("population", "consumption_mgd", "per_capita_gpcd")])
    out = [write_csv(out_dir, "nyc_water_wide.csv",
                     ["year", "population", "consumption_mgd", "per_capita_gpcd"], wide)]
    indicators = [
        ("population", 1, "persons"),
        ("water_consumption", 2, "million gallons per day"),
        ("water_per_capita", 3, "gallons per person per day"),
    ]
    long_rows = []
    for ind, col, unit in indicators:
        for w in wide:
            long_rows.append(["New York", ind, w[0], w[col], unit])
    out.append(write_csv(out_dir, "nyc_water_long.csv",
                         ["city", "indicator", "date", "value", "unit"], long_rows))
    return out


# --------------------------------------------------------------------------- Beijing daily

def build_beijing_daily(src_dir, out_dir):
    header = ["station", "date"] + POLLUTANTS + ["TEMP", "PRES", "DEWP", "WSPM", "RAIN_sum", "n_hours_pm25"]
    rows, name = read_source(os.path.join(src_dir, SOURCES["beijing_daily"]), header, 17532)
    rows.sort(key=lambda r: (r["station"], r["date"]))
    wide = []
    for i, r in enumerate(rows, start=2):
        wide.append([r["station"], r["date"]] + [num(r[c], f"{name}:{c}") for c in header[2:]])
    out = [write_csv(out_dir, "beijing_12sites_daily_wide.csv", header, wide)]
    long_rows = []
    stations = sorted({w[0] for w in wide})
    by_station = {s: [w for w in wide if w[0] == s] for s in stations}
    for s in stations:
        for p in POLLUTANTS:
            j = header.index(p)
            for w in by_station[s]:
                long_rows.append(["Beijing", s, p, w[1], w[j], UG_M3])
    out.append(write_csv(out_dir, "beijing_12sites_daily_long.csv",
                         ["city", "station", "pollutant", "date", "value", "unit"], long_rows))
    return out


# --------------------------------------------------------------------------- Beijing Dongsi hourly

def build_beijing_hourly(src_dir, out_dir):
    src_header = ["datetime"] + POLLUTANTS + ["TEMP", "PRES", "DEWP", "RAIN", "wd", "WSPM", "station"]
    rows, name = read_source(os.path.join(src_dir, SOURCES["beijing_hourly"]), src_header, 35064)
    rows.sort(key=lambda r: r["datetime"])
    out_header = ["station", "date"] + POLLUTANTS + ["TEMP", "PRES", "DEWP", "RAIN", "wd", "WSPM"]
    wide = []
    for r in rows:
        cells = [r["station"], r["datetime"]]
        for c in out_header[2:]:
            cells.append(r[c].strip() if c == "wd" else num(r[c], f"{name}:{c}"))
        wide.append(cells)
    out = [write_csv(out_dir, "beijing_dongsi_hourly_wide.csv", out_header, wide)]
    # Long form of PM2.5 only: all six pollutants in long form would be ~8 MB.
    j = out_header.index("PM2.5")
    long_rows = [["Beijing", w[0], "PM2.5", w[1], w[j], UG_M3] for w in wide]
    out.append(write_csv(out_dir, "beijing_dongsi_hourly_pm25_long.csv",
                         ["city", "station", "pollutant", "date", "value", "unit"], long_rows))
    return out


# --------------------------------------------------------------------------- Tetouan

def build_tetouan(src_dir, out_dir):
    src_header = ["datetime", "Temperature", "Humidity", "Wind Speed", "general diffuse flows",
                  "diffuse flows", "zone1_power", "zone2_power", "zone3_power"]
    rows, name = read_source(os.path.join(src_dir, SOURCES["tetouan"]), src_header, 8736)
    rows.sort(key=lambda r: r["datetime"])
    rename = [("Temperature", "temperature_c"), ("Humidity", "humidity_pct"),
              ("Wind Speed", "wind_speed"), ("general diffuse flows", "general_diffuse_flows"),
              ("diffuse flows", "diffuse_flows"), ("zone1_power", "zone1_power"),
              ("zone2_power", "zone2_power"), ("zone3_power", "zone3_power")]
    wide = []
    for r in rows:
        wide.append([r["datetime"]] + [num(r[s], f"{name}:{s}") for s, _ in rename])
    out = [write_csv(out_dir, "tetouan_power_hourly_wide.csv",
                     ["date"] + [t for _, t in rename], wide)]
    long_rows = []
    for z in (1, 2, 3):
        j = 1 + [t for _, t in rename].index(f"zone{z}_power")
        for w in wide:
            long_rows.append(["Tetouan", f"zone{z}", "power_consumption", w[0], w[j]])
    # No unit column: the source does not give the unit of the zone power values.
    out.append(write_csv(out_dir, "tetouan_power_hourly_long.csv",
                         ["city", "series", "indicator", "date", "value"], long_rows))
    return out


# --------------------------------------------------------------------------- UN WUP 2018

def build_wup(src_dir, out_dir):
    src_header = ["index", "year", "rank_order", "country_code", "country_or_area", "city_code",
                  "urban_agglomeration", "note", "population_millions", "lon", "lat"]
    rows, name = read_source(os.path.join(src_dir, SOURCES["wup"]), src_header, 540)
    rows.sort(key=lambda r: (r["urban_agglomeration"], int(r["year"])))
    out_header = ["city", "country", "country_code", "city_code", "year", "rank_order",
                  "population_millions", "status", "note", "lon", "lat"]
    wide = []
    for r in rows:
        year = int(r["year"])
        note = num(r["note"], f"{name}:note")
        wide.append([
            r["urban_agglomeration"], r["country_or_area"], r["country_code"].strip(),
            r["city_code"].strip(), str(year), r["rank_order"].strip(),
            num(r["population_millions"], f"{name}:population_millions"),
            "estimate" if year <= WUP_LAST_ESTIMATE_YEAR else "projection",
            note, num(r["lon"], f"{name}:lon"), num(r["lat"], f"{name}:lat"),
        ])
    out = [write_csv(out_dir, "un_wup2018_largest_agglomerations_wide.csv", out_header, wide)]
    long_rows = [[w[0], "population", w[4], w[6], "million persons"] for w in wide]
    out.append(write_csv(out_dir, "un_wup2018_largest_agglomerations_long.csv",
                         ["city", "indicator", "date", "value", "unit"], long_rows))
    return out


# --------------------------------------------------------------------------- What a Waste

def build_waste(src_dir, out_dir):
    src_header = ["iso3", "region", "country", "income_group", "city", "population",
                  "msw_tons_per_year", "food_organic_pct", "plastic_pct", "paper_pct",
                  "collection_coverage_pct"]
    rows, name = read_source(os.path.join(src_dir, SOURCES["waste"]), src_header, 367)
    rows.sort(key=lambda r: (r["iso3"], r["city"]))
    out_header = src_header + ["msw_kg_per_capita_day"]
    wide = []
    for r in rows:
        cells = [r[c].strip() for c in src_header[:5]]
        cells += [num(r[c], f"{name}:{c}") for c in src_header[5:]]
        pop, msw = cells[5], cells[6]
        if pop != "" and msw != "" and Decimal(pop) > 0:
            per_cap = (Decimal(msw) * 1000 / (Decimal(pop) * 365)).quantize(
                Decimal("0.0001"), rounding=ROUND_HALF_EVEN)
            cells.append(format(per_cap, "f"))
        else:
            cells.append("")
        wide.append(cells)
    return [write_csv(out_dir, "what_a_waste_cities_wide.csv", out_header, wide)]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source_dir", help="folder with the six source extracts")
    ap.add_argument("--out", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="output folder (default: the Datasets/ folder containing this script)")
    args = ap.parse_args(argv)
    for f in SOURCES.values():
        if not os.path.isfile(os.path.join(args.source_dir, f)):
            print(f"build_datasets: missing source file {os.path.join(args.source_dir, f)}", file=sys.stderr)
            return 1
    os.makedirs(args.out, exist_ok=True)
    written = []
    try:
        for build in (build_nyc, build_beijing_daily, build_beijing_hourly, build_tetouan,
                      build_wup, build_waste):
            written += build(args.source_dir, args.out)
    except SourceError as e:
        print(f"build_datasets: {e}", file=sys.stderr)
        return 1
    print("source sha256:")
    for f in sorted(SOURCES.values()):
        print(f"  {sha256(os.path.join(args.source_dir, f))}  {f}")
    print("written:")
    for f, n in written:
        p = os.path.join(args.out, f)
        print(f"  {f}: {n} rows, {os.path.getsize(p)} bytes, sha256 {sha256(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
