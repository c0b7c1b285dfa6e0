#!/usr/bin/python3
"""The preprocessing pipeline of Measure-PwshPipeline.ps1, in pandas; prints one JSON line.

Steps, each timed with time.perf_counter, and their total (interpreter start-up and `import pandas` excluded):
  read    pandas.read_csv(path) with pandas' defaults
  clean   on every numeric column, in the order Invoke-DataCleaning uses (outliers, then fill):
          IQR clip to [Q1 - 1.5*IQR, Q3 + 1.5*IQR] with pandas' linear quantiles (NaN skipped), then fillna with the
          median of the clipped column
  scale   z-score: (x - mean) / std(ddof=0), the population std of sklearn's StandardScaler
  export  DataFrame.to_csv(out, index=False)
The output also carries each cleaned column's mean and population std, which Invoke-Benchmarks.ps1 compares with
the cmdlets' fitted scaler. Run with Debian's python3 (/usr/bin/python3, package python3-pandas).

    /usr/bin/python3 bench/pipeline_pandas.py bench/work/telemetry.csv bench/work/pipeline-pandas.csv
"""
import argparse
import json
import sys
import time

import pandas as pd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path")
    parser.add_argument("out_path")
    args = parser.parse_args()

    steps = {}
    total_started = time.perf_counter()

    started = time.perf_counter()
    df = pd.read_csv(args.path)
    steps["read"] = time.perf_counter() - started

    # Whole-frame operations, the idiomatic and fastest way in pandas (one quantile call for all columns).
    started = time.perf_counter()
    numeric = list(df.select_dtypes("number").columns)
    quartiles = df[numeric].quantile([0.25, 0.75])
    q1, q3 = quartiles.loc[0.25], quartiles.loc[0.75]
    iqr = q3 - q1
    clipped = df[numeric].clip(lower=q1 - 1.5 * iqr, upper=q3 + 1.5 * iqr, axis=1)
    df[numeric] = clipped.fillna(clipped.median())
    steps["clean"] = time.perf_counter() - started

    started = time.perf_counter()
    means = df[numeric].mean()
    stds = df[numeric].std(ddof=0)
    df[numeric] = (df[numeric] - means) / stds
    steps["scale"] = time.perf_counter() - started

    started = time.perf_counter()
    df.to_csv(args.out_path, index=False)
    steps["export"] = time.perf_counter() - started

    seconds = time.perf_counter() - total_started
    print(json.dumps({
        "tool": "pandas",
        "rows": int(len(df)),
        "numericColumns": numeric,
        "steps": steps,
        "seconds": seconds,
        "pandas": pd.__version__,
        "python": sys.version.split()[0],
        "checks": {name: {"cleanMean": float(means[name]), "cleanStd": float(stds[name]),
                          "missingAfter": int(df[name].isna().sum())} for name in numeric},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
