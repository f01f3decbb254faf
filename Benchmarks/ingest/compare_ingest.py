#!/usr/bin/env python3
"""Ingest speed of `urbancast validate` against pandas and polars `read_csv`, in one run.

    swift build -c release --product urbancast
    python3 Benchmarks/ingest/make_long.py            # /tmp/ingest_long.csv, 67 MB
    python3 Benchmarks/ingest/compare_ingest.py [FILE] [--binary PATH] [--baseline PATH] [--repetitions 3]

`--baseline` adds another urbancast binary (for example a release build of the commit before a
change) as its own row.

Each tool runs in its own process, `--repetitions` times, alternating tools so that a change of
machine load hits all of them alike; the table gives medians. For every run it records:
- wall: the whole process (start-up, reading, and for urbancast gridding every series and
  printing the validation table), measured by this script;
- read: for pandas and polars the `read_csv` call alone, timed inside the process (their
  interpreter and import start-up, 0.3-0.6 s, is left out); for urbancast the same as wall;
- CPU: user + system time of the process (`wait4`), which load from other processes on a
  shared machine inflates less than wall time;
- peak RSS: the process's maximum resident set (`ru_maxrss`).
MB/s is the file size (10^6 bytes) over the read time. The machine's load average is printed
before and after, since the machine may be shared.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

PANDAS = """
import sys, time
import pandas as pd
t = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
print(time.perf_counter() - t, len(frame))
"""

PANDAS_ARROW = """
import sys, time
import pandas as pd
t = time.perf_counter()
frame = pd.read_csv(sys.argv[1], engine="pyarrow")
print(time.perf_counter() - t, len(frame))
"""

POLARS = """
import sys, time
import polars as pl
t = time.perf_counter()
frame = pl.read_csv(sys.argv[1])
print(time.perf_counter() - t, frame.height)
"""


def measured(command):
    """Runs `command` with stdout captured and stderr discarded: wall seconds, stdout, CPU
    seconds (user + system) and peak RSS in MB of the child, from `wait4`."""
    start = time.perf_counter()
    read_fd, write_fd = os.pipe()
    child = os.fork()
    if child == 0:
        os.dup2(write_fd, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(read_fd)
        os.execvp(command[0], command)
    os.close(write_fd)
    chunks = []
    while True:
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_fd)
    _, status, usage = os.wait4(child, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{command[0]} failed with status {status}")
    return wall, b"".join(chunks), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default="/tmp/ingest_long.csv")
    parser.add_argument("--binary", default=".build/release/urbancast")
    parser.add_argument("--baseline", help="another urbancast binary to measure beside --binary")
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(args.file):
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "make_long.py"), args.file], check=True)
    size_mb = os.path.getsize(args.file) / 1e6

    tools = {"urbancast validate": ([args.binary, "validate", args.file], False)}
    if args.baseline:
        tools["urbancast validate (baseline)"] = ([args.baseline, "validate", args.file], False)
    tools |= {
        "pandas read_csv (C engine)": ([sys.executable, "-c", PANDAS, args.file], True),
        "pandas read_csv (pyarrow engine)": ([sys.executable, "-c", PANDAS_ARROW, args.file], True),
        "polars read_csv": ([sys.executable, "-c", POLARS, args.file], True),
    }
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        del tools["pandas read_csv (pyarrow engine)"]

    print(f"load average before: {os.getloadavg()}", file=sys.stderr)
    results = {name: [] for name in tools}
    for _ in range(args.repetitions):
        for name, (command, reports_read) in tools.items():
            wall, out, cpu, rss = measured(command)
            read = float(out.split()[0]) if reports_read else wall
            results[name].append((wall, read, cpu, rss))
    print(f"load average after: {os.getloadavg()}", file=sys.stderr)

    versions = [f"Python {platform.python_version()}"]
    for module in ("pandas", "polars", "pyarrow"):
        try:
            versions.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            pass
    print(f"File: {args.file}, {size_mb:.1f} MB; {args.repetitions} runs each, medians; {', '.join(versions)}")
    print()
    print("| tool | wall (s) | read (s) | MB/s (read) | CPU (s) | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, runs in results.items():
        wall, read, cpu, rss = (statistics.median(column) for column in zip(*runs))
        print(f"| {name} | {wall:.2f} | {read:.2f} | {size_mb / read:.0f} | {cpu:.2f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
