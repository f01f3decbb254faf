#!/usr/bin/env python3
"""Writes the ingest benchmark file: 20,000 monthly series x 120 points in long format.

    python3 Benchmarks/ingest/make_long.py [OUT] [--series N] [--points T]

Default OUT is /tmp/ingest_long.csv (about 67 MB; never commit it). The file is deterministic
(a fixed linear congruential generator, no numpy), sorted by series then date, with a
`series,date,value` header, monthly dates 2015-01 ... 2024-12 and values written with three
decimals (level, seasonality and noise, all positive), like a panel exported by pandas.
"""
import argparse
import math


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/ingest_long.csv")
    parser.add_argument("--series", type=int, default=20_000)
    parser.add_argument("--points", type=int, default=120)
    args = parser.parse_args()
    state = 20261208
    months = [f"{2015 + m // 12}-{m % 12 + 1:02d}" for m in range(args.points)]
    season = [math.sin(2 * math.pi * m / 12) for m in range(12)]
    with open(args.out, "w", newline="") as out:
        out.write("series,date,value\n")
        for s in range(args.series):
            state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            level = 100 + (state >> 40) % 9000
            amplitude = level * 0.1
            key = f"city_{s:05d}"
            lines = []
            for m, month in enumerate(months):
                state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
                noise = ((state >> 11) / float(1 << 53) - 0.5) * level * 0.05
                value = level + amplitude * season[m % 12] + noise
                lines.append(f"{key},{month},{value:.3f}\n")
            out.write("".join(lines))


if __name__ == "__main__":
    main()
