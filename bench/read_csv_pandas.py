#!/usr/bin/python3
"""Reads a CSV with pandas.read_csv and prints one JSON line: rows, columns and seconds.

Only the read_csv call is timed (time.perf_counter around it), so interpreter start-up and
`import pandas` are excluded; the caller measures the process's peak RSS with /usr/bin/time.
Run with Debian's python3 (/usr/bin/python3 and the python3-pandas package).

    /usr/bin/python3 bench/read_csv_pandas.py bench/work/telemetry.csv [--parse-dates timestamp]
"""
import argparse
import json
import sys
import time

import pandas as pd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--parse-dates", default=None,
                        help="comma-separated columns to parse as datetimes (default: none, pandas' default)")
    args = parser.parse_args()
    kwargs = {}
    if args.parse_dates:
        kwargs["parse_dates"] = args.parse_dates.split(",")

    started = time.perf_counter()
    df = pd.read_csv(args.path, **kwargs)
    seconds = time.perf_counter() - started

    print(json.dumps({
        "tool": "pandas.read_csv",
        "rows": int(len(df)),
        "columns": int(df.shape[1]),
        "seconds": seconds,
        "pandas": pd.__version__,
        "python": sys.version.split()[0],
        "dtypes": {str(k): str(v) for k, v in df.dtypes.items()},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
