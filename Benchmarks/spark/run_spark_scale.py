#!/usr/bin/env python3
"""Series per second of `urbancast forecast` single-process against the same forecasts through
Spark local mode with urbancast_spark (Integrations/spark), on monthly series made by
`urbancast simulate`.

    python3 Benchmarks/spark/run_spark_scale.py --binary .build/release/urbancast --sizes 10000,100000

For each size N: N monthly series of --length points (ETS(A,N,A), seed 1) are written once; then
  - single: `urbancast forecast FILE --model M --horizon H --format csv > out` (wall clock and
    peak resident memory from /usr/bin/time -v);
  - spark: `spark.read.csv(FILE)` -> urbancast_spark.forecast(..., typed=False) -> write CSV, in a
    SparkSession on local[K] started before the clock (its start-up is reported apart);
    the output's sorted lines are checked equal to the single run's;
and, with --per-series-baseline S, the first S series through Spark with one urbancast process
per series (groupBy(key).applyInPandas), the design urbancast_spark does not use.

Prints a Markdown table and writes it, with the machine's load and versions, to --out.
"""

import argparse
import datetime
import glob
import os
import platform
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Integrations", "spark"))


def simulate(binary, n, length, path):
    if os.path.exists(path):
        return
    subprocess.run([binary, "simulate", "--model", "ets(ANA)", "--param", "alpha=0.3,gamma=0.1,sigma=5",
                    "--n", str(n), "--length", str(length), "--seed", "1", "--output", path, "--force",
                    "--progress", "never"], check=True)


def single(binary, path, model, horizon, out):
    command = ["/usr/bin/time", "-v", binary, "forecast", path, "--model", model, "--horizon", str(horizon),
               "--format", "csv", "--progress", "never"]
    start = time.perf_counter()
    with open(out, "wb") as sink:
        done = subprocess.run(command, stdout=sink, stderr=subprocess.PIPE, check=True)
    seconds = time.perf_counter() - start
    peak = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return seconds, (int(peak.group(1)) / 1024 if peak else float("nan"))


def timed_wrapper(binary, work):
    """A script that runs the binary under /usr/bin/time, appending each process's peak resident
    kilobytes and wall seconds to a log: what each Spark partition's urbancast used."""
    log = os.path.join(work, "partition_processes.log")
    wrapper = os.path.join(work, "urbancast-timed")
    with open(wrapper, "w") as out:
        out.write(f'#!/bin/sh\nexec /usr/bin/time -a -o "{log}" -f "%M %e" "{binary}" "$@"\n')
    os.chmod(wrapper, 0o755)
    return wrapper, log


def partition_processes(log):
    """(processes, largest peak MB, total seconds) from the wrapper's log, which is then emptied."""
    if not os.path.exists(log):
        return 0, float("nan"), float("nan")
    entries = [line.split() for line in open(log) if re.match(r"^\d+ [\d.]+$", line.strip())]
    os.remove(log)
    if not entries:
        return 0, float("nan"), float("nan")
    return len(entries), max(int(k) for k, _ in entries) / 1024, sum(float(s) for _, s in entries)


def sorted_lines(paths):
    lines = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            rows = handle.read().splitlines()
        lines.extend(rows[1:])
    return sorted(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "urbancast"))
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--length", type=int, default=120)
    parser.add_argument("--model", default="theta")
    parser.add_argument("--horizon", type=int, default=12)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=None, help="urbancast_spark partitions (default 2 x cores)")
    parser.add_argument("--per-series-baseline", type=int, default=500)
    parser.add_argument("--pandas-buckets", action="store_true",
                        help="also time the first size through groupBy(bucket).applyInPandas with pandas CSV I/O")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "spark-bench"))
    parser.add_argument("--out", default=os.path.join(HERE, "results", "spark_scale_latest.md"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    os.environ["PYTHONPATH"] = os.path.join(ROOT, "Integrations", "spark") + os.pathsep + os.environ.get("PYTHONPATH", "")

    load_before = os.getloadavg()
    started = time.perf_counter()
    from pyspark.sql import SparkSession
    import pyspark
    import urbancast_spark as us

    spark = (SparkSession.builder.master(args.master).appName("urbancast_spark scale")
             .config("spark.ui.enabled", "false").config("spark.driver.memory", "3g")
             .config("spark.sql.shuffle.partitions", "8").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark.range(1).count()  # the JVM and a first job, outside every clock below
    startup = time.perf_counter() - started

    wrapper, process_log = timed_wrapper(binary, args.work)
    partition_processes(process_log)
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        path = os.path.join(args.work, f"monthly_{n}x{args.length}.csv")
        simulate(binary, n, args.length, path)
        megabytes = os.path.getsize(path) / 1e6
        single_out = os.path.join(args.work, f"single_{n}.csv")
        single_seconds, single_peak = single(binary, path, args.model, args.horizon, single_out)
        spark_out = os.path.join(args.work, f"spark_{n}")
        start = time.perf_counter()
        frame = spark.read.csv(path, header=True, inferSchema=False)
        result = us.forecast(frame, ["series"], "date", "value", model=args.model, horizon=args.horizon,
                             binary=wrapper, partitions=args.partitions, typed=False)
        result.write.mode("overwrite").option("header", True).csv(spark_out)
        spark_seconds = time.perf_counter() - start
        processes, process_peak, process_seconds = partition_processes(process_log)
        same = sorted_lines(glob.glob(os.path.join(spark_out, "part-*.csv"))) == sorted_lines([single_out])
        rows.append((n, megabytes, single_seconds, single_peak, spark_seconds, same, processes, process_peak,
                     process_seconds))
        print(f"\n{n} series: single {single_seconds:.2f} s ({n / single_seconds:,.0f}/s, {single_peak:.0f} MB), "
              f"spark {spark_seconds:.2f} s ({n / spark_seconds:,.0f}/s), {processes} urbancast processes "
              f"(largest {process_peak:.0f} MB, {process_seconds:.1f} s in all), equal: {same}", flush=True)

    baseline = None
    if args.per_series_baseline > 0:
        import pandas as pd
        from pyspark.sql import functions as F

        count = args.per_series_baseline
        path = os.path.join(args.work, f"monthly_{rows[0][0] if rows else 10000}x{args.length}.csv")
        frame = spark.read.csv(path, header=True).where(F.col("series") <= f"sim{count:0{len(str(rows[0][0]))}d}")
        schema = "series string, date string, model string, mean string, lo80 string, hi80 string, lo95 string, hi95 string"
        model, horizon = args.model, args.horizon

        def one_process_per_series(pdf):
            data = pdf[["series", "date", "value"]].sort_values("date").to_csv(index=False).encode()
            done = subprocess.run([binary, "forecast", "-", "--model", model, "--horizon", str(horizon), "--format", "csv",
                                   "--progress", "never"], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode())
            import io
            return pd.read_csv(io.BytesIO(done.stdout), dtype=str)

        start = time.perf_counter()
        got = frame.groupBy("series").applyInPandas(one_process_per_series, schema).count()
        seconds = time.perf_counter() - start
        baseline = (count, seconds, got)
        print(f"\none process per series: {count} series in {seconds:.2f} s ({count / seconds:,.0f}/s)", flush=True)

    pandas_run = None
    if args.pandas_buckets and rows:
        import io

        import pandas as pd
        from pyspark.sql import functions as F

        n = rows[0][0]
        path = os.path.join(args.work, f"monthly_{n}x{args.length}.csv")
        buckets = args.partitions or 2 * spark.sparkContext.defaultParallelism
        schema = "series string, date string, model string, mean string, lo80 string, hi80 string, lo95 string, hi95 string"
        model, horizon = args.model, args.horizon

        def one_process_per_bucket(pdf):
            data = pdf[["series", "date", "value"]].sort_values(["series", "date"]).to_csv(index=False).encode()
            done = subprocess.run([binary, "forecast", "-", "--model", model, "--horizon", str(horizon), "--format", "csv",
                                   "--progress", "never"], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode())
            return pd.read_csv(io.BytesIO(done.stdout), dtype=str, keep_default_na=False)

        out = os.path.join(args.work, f"spark_pandas_{n}")
        start = time.perf_counter()
        frame = spark.read.csv(path, header=True).withColumn("bucket", F.expr(f"pmod(hash(series), {buckets})"))
        (frame.groupBy("bucket").applyInPandas(one_process_per_bucket, schema)
         .write.mode("overwrite").option("header", True).csv(out))
        seconds = time.perf_counter() - start
        same = sorted_lines(glob.glob(os.path.join(out, "part-*.csv"))) == sorted_lines([os.path.join(args.work, f"single_{n}.csv")])
        pandas_run = (n, buckets, seconds, same)
        print(f"\napplyInPandas over {buckets} buckets: {n} series in {seconds:.2f} s ({n / seconds:,.0f}/s), equal: {same}",
              flush=True)

    spark.stop()
    load_after = os.getloadavg()
    lines = [
        f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {platform.node()} "
        f"({os.cpu_count()} logical cores), {platform.platform()}; Python {platform.python_version()}, "
        f"pyspark {pyspark.__version__}; `{binary}`; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after.",
        f"Model {args.model}, horizon {args.horizon}, {args.length} monthly points per series; Spark {args.master}, "
        f"{args.partitions or 'default'} partitions; Spark session start-up {startup:.1f} s (not in the times).",
        "",
        "| series | file MB | single-process s | series/s | peak MB | Spark s | series/s | Spark / single "
        "| urbancast processes in Spark | their largest peak MB | their seconds, summed | Spark output equal |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, megabytes, single_seconds, single_peak, spark_seconds, same, processes, peak, seconds in rows:
        lines.append(f"| {n:,} | {megabytes:.0f} | {single_seconds:.2f} | {n / single_seconds:,.0f} | {single_peak:.0f} | "
                     f"{spark_seconds:.2f} | {n / spark_seconds:,.0f} | {spark_seconds / single_seconds:.1f}x | "
                     f"{processes} | {peak:.0f} | {seconds:.1f} | {same} |")
    if baseline:
        count, seconds, got = baseline
        lines.append("")
        lines.append(f"One urbancast process per series (groupBy(series).applyInPandas), first {count} series: "
                     f"{seconds:.2f} s, {count / seconds:,.0f} series/s ({got} rows).")
    if pandas_run:
        n, buckets, seconds, same = pandas_run
        lines.append("")
        lines.append(f"groupBy(bucket).applyInPandas with pandas CSV I/O, {buckets} buckets, {n:,} series: {seconds:.2f} s, "
                     f"{n / seconds:,.0f} series/s (output equal: {same}).")
    text = "\n".join(lines) + "\n"
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main()
