#!/usr/bin/python3
"""Checks that the cmdlets' and pandas' pipeline outputs hold the same data; prints one JSON line.

Reads both exported CSVs (not timed) and compares them cell by cell: the same header and row count, every
non-numeric column equal as text, and for every numeric column the largest absolute difference between the two
files and the difference of the column means. `agree` is true when all text is equal and every numeric difference
is at most --tolerance (default 1e-9). Run with Debian's python3 (/usr/bin/python3, package python3-pandas).

    /usr/bin/python3 bench/compare_pipeline_outputs.py bench/work/pipeline-pwsh.csv bench/work/pipeline-pandas.csv
"""
import argparse
import json
import sys

import pandas as pd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cmdlet_csv")
    parser.add_argument("pandas_csv")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()

    # Everything as text first, so that a column one side wrote differently (e.g. a date format) shows up.
    left = pd.read_csv(args.cmdlet_csv, dtype=str, keep_default_na=False)
    right = pd.read_csv(args.pandas_csv, dtype=str, keep_default_na=False)
    result = {"rows": [len(left), len(right)], "sameHeader": list(left.columns) == list(right.columns),
              "textColumnsDiffering": [], "numeric": {}}
    agree = result["sameHeader"] and len(left) == len(right)
    if agree:
        for name in left.columns:
            a = pd.to_numeric(left[name], errors="coerce")
            b = pd.to_numeric(right[name], errors="coerce")
            if a.notna().all() and b.notna().all():
                max_abs = float((a - b).abs().max())
                mean_diff = float(abs(a.mean() - b.mean()))
                result["numeric"][name] = {"maxAbsDiff": max_abs, "meanDiff": mean_diff, "mean": float(b.mean())}
                agree = agree and max_abs <= args.tolerance and mean_diff <= args.tolerance
            elif not left[name].equals(right[name]):
                result["textColumnsDiffering"].append(name)
                agree = False
    result["tolerance"] = args.tolerance
    result["agree"] = bool(agree)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
