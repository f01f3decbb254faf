#!/usr/bin/env python3
"""Read back every bundled dataset and check it against its source extract.

Usage:
    python3 Datasets/scripts/verify_datasets.py SOURCE_DIR [--datasets DATASETS_DIR]

Standard library only. Checks, for every CSV in Datasets/:
  * UTF-8 without BOM, LF line endings, a header, every row as wide as the header;
  * the file is listed in the `| file | description |` table of Datasets/README.md
    (and every file in that table exists);
  * long files (`date,value` plus key columns): dates follow the UrbanCast grammar,
    no duplicate (key, date) pair, dates strictly increasing within each series,
    regular spacing within each series (no gaps), values empty or finite numbers;
  * every value equals the corresponding source cell (compared as floats; missing
    stays missing), and row / series counts equal those implied by the source.
Prints a summary per file and exits non-zero on the first class of failure.
"""

import argparse
import csv
import math
import os
import re
import sys
from datetime import date, datetime, timedelta

KEY_COLUMNS = ["series", "city", "indicator", "station", "pollutant", "scenario"]
DATE_RE = re.compile(r"^\d{4}(-Q[1-4]|-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?$")
POLLUTANTS = ["PM2.5", "PM10", "SO2", "NO2", "CO", "O3"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def read_csv(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{path}: has a BOM")
    if b"\r" in raw:
        fail(f"{path}: has CR characters")
    text = raw.decode("utf-8")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    for i, r in enumerate(body, start=2):
        if len(r) != len(header):
            fail(f"{path}:{i}: {len(r)} cells, header has {len(header)}")
    return header, body


def read_source(src_dir, name):
    with open(os.path.join(src_dir, name), newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def fval(s):
    s = s.strip()
    if s == "" or s.upper() in ("NA", "NAN"):
        return None
    v = float(s)
    if not math.isfinite(v):
        raise ValueError(s)
    return v


def same(a, b):
    return fval(a) == fval(b)


def parse_date(s):
    if re.fullmatch(r"\d{4}", s):
        return ("Y", int(s))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return ("D", date.fromisoformat(s))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", s):
        return ("H", datetime.fromisoformat(s))
    raise ValueError(f"unsupported date in bundled data: {s}")


def check_long(path, header, body):
    """Contract checks on a long file; returns {key tuple: [(date, value)]}."""
    if "date" not in header or "value" not in header:
        fail(f"{path}: long file without date/value")
        return {}
    keys = [c for c in header if c in KEY_COLUMNS]
    allowed = set(KEY_COLUMNS) | {"date", "value", "unit"}
    extra = [c for c in header if c not in allowed]
    if extra:
        fail(f"{path}: columns outside the series contract: {extra}")
    di, vi = header.index("date"), header.index("value")
    ki = [header.index(k) for k in keys]
    series = {}
    for n, r in enumerate(body, start=2):
        if not DATE_RE.match(r[di]):
            fail(f"{path}:{n}: date {r[di]!r} outside the grammar")
        try:
            fval(r[vi])
        except ValueError:
            fail(f"{path}:{n}: value {r[vi]!r} is not a number")
        series.setdefault(tuple(r[i] for i in ki), []).append((r[di], r[vi]))
    for k, pts in series.items():
        ds = [parse_date(d) for d, _ in pts]
        kinds = {d[0] for d in ds}
        if len(kinds) != 1:
            fail(f"{path}: series {k} mixes date kinds {kinds}")
            continue
        vals = [d[1] for d in ds]
        if len(set(vals)) != len(vals):
            fail(f"{path}: series {k} has duplicate dates")
        if any(b <= a for a, b in zip(vals, vals[1:])):
            fail(f"{path}: series {k} dates not strictly increasing")
        steps = {(b - a) for a, b in zip(vals, vals[1:])}
        if len(steps) > 1:
            fail(f"{path}: series {k} has irregular spacing {sorted(map(str, steps))[:5]}")
    return series


def summary(path, body, series=None):
    size = os.path.getsize(path)
    extra = f", {len(series)} series" if series is not None else ""
    print(f"ok-checked {os.path.basename(path)}: {len(body)} rows{extra}, {size} bytes")


def verify(src_dir, ds):
    P = lambda f: os.path.join(ds, f)

    # NYC ------------------------------------------------------------------
    sh, src = read_source(src_dir, "nyc_water_consumption_1979_2022.csv")
    h, b = read_csv(P("nyc_water_wide.csv"))
    assert h == ["year", "population", "consumption_mgd", "per_capita_gpcd"]
    if len(b) != len(src):
        fail("nyc wide: row count")
    bysrc = {r["year"]: r for r in src}
    for r in b:
        s = bysrc[r[0]]
        for c, v in zip(h[1:], r[1:]):
            if not same(v, s[c]):
                fail(f"nyc wide {r[0]} {c}: {v} != {s[c]}")
    summary(P("nyc_water_wide.csv"), b)
    h, b = read_csv(P("nyc_water_long.csv"))
    ser = check_long("nyc long", h, b)
    col = {"population": "population", "water_consumption": "consumption_mgd",
           "water_per_capita": "per_capita_gpcd"}
    if len(ser) != 3 or len(b) != 3 * len(src):
        fail("nyc long: counts")
    for (city, ind), pts in ser.items():
        for d, v in pts:
            if not same(v, bysrc[d][col[ind]]):
                fail(f"nyc long {ind} {d}")
    summary(P("nyc_water_long.csv"), b, ser)

    # Beijing daily --------------------------------------------------------
    sh, src = read_source(src_dir, "beijing_12sites_daily_2013_2017.csv")
    bysrc = {(r["station"], r["date"]): r for r in src}
    h, b = read_csv(P("beijing_12sites_daily_wide.csv"))
    if h != sh or len(b) != len(src):
        fail("beijing daily wide: header/rows")
    for r in b:
        s = bysrc[(r[0], r[1])]
        for c, v in zip(h[2:], r[2:]):
            if not same(v, s[c]):
                fail(f"beijing daily wide {r[0]} {r[1]} {c}")
    if len({(r[0], r[1]) for r in b}) != len(b):
        fail("beijing daily wide: duplicate station,date")
    summary(P("beijing_12sites_daily_wide.csv"), b)
    h, b = read_csv(P("beijing_12sites_daily_long.csv"))
    ser = check_long("beijing daily long", h, b)
    stations = {r["station"] for r in src}
    if len(ser) != len(stations) * 6 or len(b) != len(src) * 6:
        fail("beijing daily long: counts")
    si, pi = h.index("station"), h.index("pollutant")
    miss = {}
    for r in b:
        s = bysrc[(r[si], r[h.index("date")])]
        v = r[h.index("value")]
        if not same(v, s[r[pi]]):
            fail(f"beijing daily long {r[si]} {r[pi]} {r[h.index('date')]}")
        miss[r[pi]] = miss.get(r[pi], 0) + (v == "")
    print("   missing share by pollutant (daily, all stations):",
          {p: f"{100 * miss[p] / len(src):.2f}%" for p in POLLUTANTS})
    summary(P("beijing_12sites_daily_long.csv"), b, ser)

    # Beijing hourly -------------------------------------------------------
    sh, src = read_source(src_dir, "beijing_dongsi_hourly_2013_2017.csv")
    bysrc = {r["datetime"]: r for r in src}
    h, b = read_csv(P("beijing_dongsi_hourly_wide.csv"))
    if len(b) != len(src) or sorted(h) != sorted(["date" if c == "datetime" else c for c in sh]):
        fail("beijing hourly wide: header/rows")
    dates = [r[1] for r in b]
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        fail("beijing hourly wide: dates not sorted/unique")
    for r in b:
        s = bysrc[r[1]]
        for c, v in zip(h, r):
            if c == "date":
                continue
            if c in ("wd", "station"):
                if v != s[c]:
                    fail(f"beijing hourly wide {r[1]} {c}")
            elif not same(v, s[c]):
                fail(f"beijing hourly wide {r[1]} {c}")
    summary(P("beijing_dongsi_hourly_wide.csv"), b)
    h, b = read_csv(P("beijing_dongsi_hourly_pm25_long.csv"))
    ser = check_long("beijing hourly pm25 long", h, b)
    if len(ser) != 1 or len(b) != len(src):
        fail("beijing hourly long: counts")
    for r in b:
        if not same(r[h.index("value")], bysrc[r[h.index("date")]]["PM2.5"]):
            fail(f"beijing hourly long {r}")
    summary(P("beijing_dongsi_hourly_pm25_long.csv"), b, ser)

    # Tetouan --------------------------------------------------------------
    sh, src = read_source(src_dir, "tetouan_power_hourly_2017.csv")
    bysrc = {r["datetime"]: r for r in src}
    h, b = read_csv(P("tetouan_power_hourly_wide.csv"))
    m = dict(zip(h, ["datetime"] + sh[1:]))
    if len(b) != len(src) or len(h) != len(sh):
        fail("tetouan wide: header/rows")
    for r in b:
        s = bysrc[r[0]]
        for c, v in zip(h[1:], r[1:]):
            if not same(v, s[m[c]]):
                fail(f"tetouan wide {r[0]} {c}")
    summary(P("tetouan_power_hourly_wide.csv"), b)
    h, b = read_csv(P("tetouan_power_hourly_long.csv"))
    ser = check_long("tetouan long", h, b)
    if len(ser) != 3 or len(b) != 3 * len(src):
        fail("tetouan long: counts")
    for r in b:
        if not same(r[h.index("value")], bysrc[r[h.index("date")]][r[h.index("series")] + "_power"]):
            fail(f"tetouan long {r}")
    summary(P("tetouan_power_hourly_long.csv"), b, ser)

    # UN WUP ---------------------------------------------------------------
    sh, src = read_source(src_dir, "un_wup2018_30_largest_agglomerations.csv")
    bysrc = {(r["urban_agglomeration"], r["year"]): r for r in src}
    h, b = read_csv(P("un_wup2018_largest_agglomerations_wide.csv"))
    ren = {"city": "urban_agglomeration", "country": "country_or_area"}
    if len(b) != len(src):
        fail("wup wide: rows")
    for r in b:
        s = bysrc[(r[0], r[4])]
        for c, v in zip(h, r):
            if c == "status":
                want = "estimate" if int(r[4]) <= 2015 else "projection"
                if v != want:
                    fail(f"wup wide status {r[0]} {r[4]}")
            elif c in ("city", "country"):
                if v != s[ren[c]]:
                    fail(f"wup wide {c}")
            elif not same(v, s[c]):
                fail(f"wup wide {r[0]} {r[4]} {c}")
    summary(P("un_wup2018_largest_agglomerations_wide.csv"), b)
    h, b = read_csv(P("un_wup2018_largest_agglomerations_long.csv"))
    ser = check_long("wup long", h, b)
    if len(ser) != 30 or len(b) != len(src):
        fail("wup long: counts")
    for r in b:
        if not same(r[h.index("value")], bysrc[(r[0], r[h.index("date")])]["population_millions"]):
            fail(f"wup long {r}")
    summary(P("un_wup2018_largest_agglomerations_long.csv"), b, ser)

    # What a Waste ---------------------------------------------------------
    sh, src = read_source(src_dir, "what_a_waste_cities.csv")
    bysrc = {(r["iso3"], r["city"]): r for r in src}
    h, b = read_csv(P("what_a_waste_cities_wide.csv"))
    if h[:-1] != sh or len(b) != len(src) or len(bysrc) != len(src):
        fail("waste wide: header/rows/keys")
    nmiss = [0] * len(h)
    for r in b:
        s = bysrc[(r[0], r[4])]
        for j, (c, v) in enumerate(zip(h, r)):
            nmiss[j] += v == ""
            if c in sh[:5]:
                if v != s[c]:
                    fail(f"waste wide {c}")
            elif c == "msw_kg_per_capita_day":
                pop, msw = fval(s["population"]), fval(s["msw_tons_per_year"])
                if (pop is None or msw is None) != (v == ""):
                    fail(f"waste wide per-capita presence {r[4]}")
                elif v != "" and abs(float(v) - msw * 1000 / pop / 365) > 0.00005 + 1e-12:
                    fail(f"waste wide per-capita value {r[4]}")
            elif not same(v, s[c]):
                fail(f"waste wide {r[4]} {c}")
    print("   missing share by column:",
          {c: f"{100 * n / len(b):.1f}%" for c, n in zip(h, nmiss) if n})
    summary(P("what_a_waste_cities_wide.csv"), b)

    # README table ---------------------------------------------------------
    listed = []
    readme = os.path.join(ds, "README.md")
    if not os.path.isfile(readme):
        fail("Datasets/README.md missing")
    else:
        lines = open(readme, encoding="utf-8").read().splitlines()
        try:
            start = lines.index("| file | description |")
        except ValueError:
            fail("README.md: no '| file | description |' table")
            start = None
        if start is not None:
            for line in lines[start + 2:]:
                if not line.startswith("|"):
                    break
                cells = [c.strip() for c in line.strip("|").split("|")]
                listed.append(cells[0].strip("`"))
        on_disk = sorted(f for f in os.listdir(ds) if f.endswith(".csv"))
        if sorted(listed) != on_disk:
            fail(f"README table {sorted(listed)} != files {on_disk}")
    total = sum(os.path.getsize(P(f)) for f in os.listdir(ds) if f.endswith(".csv"))
    print(f"total CSV size: {total} bytes ({total / 1e6:.2f} MB)")
    if total > 15_000_000:
        fail("Datasets/ CSVs exceed 15 MB")


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("source_dir")
    ap.add_argument("--datasets", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    a = ap.parse_args(argv)
    verify(a.source_dir, a.datasets)
    print("FAILED" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
