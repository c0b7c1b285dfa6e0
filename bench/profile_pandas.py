#!/usr/bin/python3
"""Profiles columns of a CSV with pandas and prints one JSON line: rows, read seconds, profile seconds.

The peer of Get-DataDistribution in bench/Measure-Distribution.ps1. The profile is, on the same columns:
describe() + skew() + kurt() of the numeric columns, nunique() of every profiled column and value_counts() of the
categorical ones. pandas.read_csv and the profile are timed apart (time.perf_counter), so interpreter start-up and
`import pandas` are excluded. Run with Debian's python3 (/usr/bin/python3 and the python3-pandas package).

    /usr/bin/python3 bench/profile_pandas.py bench/work/telemetry.csv --numeric cpu_pct,power_w --categorical status
"""
import argparse
import json
import sys
import time

import pandas as pd


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--numeric", required=True, help="comma-separated numeric columns")
    parser.add_argument("--categorical", required=True, help="comma-separated categorical columns")
    args = parser.parse_args()
    numeric = args.numeric.split(",")
    categorical = args.categorical.split(",")

    start = time.perf_counter()
    frame = pd.read_csv(args.csv)
    read = time.perf_counter() - start

    start = time.perf_counter()
    described = frame[numeric].describe()
    skew = frame[numeric].skew()
    kurt = frame[numeric].kurt()
    distinct = frame[numeric + categorical].nunique()
    counts = {column: frame[column].value_counts() for column in categorical}
    profile = time.perf_counter() - start

    # Figures the caller checks against Get-DataDistribution (outside the timing).
    first = numeric[0]
    json.dump({
        "rows": len(frame),
        "read": read,
        "profile": profile,
        "check_column": first,
        "mean": float(described.loc["mean", first]),
        "std": float(described.loc["std", first]),
        "skew": float(skew[first]),
        "kurt": float(kurt[first]),
        "top": str(counts[categorical[0]].index[0]),
        "top_count": int(counts[categorical[0]].iloc[0]),
        "distinct": int(distinct[categorical[0]]),
    }, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
