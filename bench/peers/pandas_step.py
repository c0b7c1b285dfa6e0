#!/usr/bin/python3
"""The pandas peer of bench/Measure-Peers.ps1: runs one named step on a file and prints 'BENCH-RESULT {json}'.

    /usr/bin/python3 bench/peers/pandas_step.py <step> <input> <output|->

Steps as in bench/peers/polars_step.mjs (bench/peers/README.md). Debian's pandas has no Parquet engine (no pyarrow or
fastparquet package in Debian 12), so parquet-read and parquet-write are not offered, and the steps that start from
data in memory read the CSV (untimed). The pipeline is bench/pipeline_pandas.py, run by the suite directly.
"""
import hashlib
import json
import sys
import time

import pandas as pd

TEXT = ["host", "region", "rack", "status"]
NUMERIC = ["cpu_pct", "mem_pct", "gpu_pct", "power_w", "temp_c", "disk_read_mbps", "disk_write_mbps", "net_rx_mbps", "net_tx_mbps"]


def read(path):
    if path.endswith(".jsonl"):
        return pd.read_json(path, lines=True, convert_dates=["timestamp"])
    return pd.read_csv(path, parse_dates=["timestamp"])


def digest(frame):
    """The digest every peer computes the same way (bench/peers/README.md)."""
    columns = {}
    for name in frame.columns:
        series = frame[name]
        key = name.lower()
        entry = {"nulls": int(series.isna().sum())}
        if key == "timestamp" or pd.api.types.is_datetime64_any_dtype(series):
            values = pd.to_datetime(series, utc=True)
            entry["kind"] = "timestamp"
            entry["sum"] = float((values.dropna().astype("int64") / 1e9).sum())
        elif pd.api.types.is_bool_dtype(series):
            entry["kind"] = "bool"
            entry["sum"] = float(series.sum())
        elif pd.api.types.is_numeric_dtype(series):
            entry["kind"] = "number"
            entry["sum"] = float(series.sum())
        else:
            entry["kind"] = "string"
            hashed = hashlib.sha256()  # value by value: no whole-column string in the peak memory
            for i, v in enumerate(series.tolist()):
                if i:
                    hashed.update(b"\n")
                hashed.update(b"\0" if v is None or v != v else str(v).encode("utf-8"))
            entry["hash"] = hashed.hexdigest()[:16]
        columns[key] = entry
    return {"rows": int(len(frame)), "columns": columns}


def main() -> int:
    step, path, output = sys.argv[1], sys.argv[2], sys.argv[3]
    result = {"tool": "pandas", "version": pd.__version__, "step": step}
    if step in ("csv-read", "jsonl-read"):
        started = time.perf_counter()
        frame = read(path)
        result["seconds"] = time.perf_counter() - started
    elif step == "jsonl-write":
        frame = read(path)
        started = time.perf_counter()
        frame.to_json(output, orient="records", lines=True, date_format="iso")
        result["seconds"] = time.perf_counter() - started
    elif step == "profile":
        frame = read(path)
        started = time.perf_counter()
        frame[NUMERIC].describe()
        distinct = frame.nunique()
        top = {c: frame[c].value_counts() for c in TEXT}
        result["seconds"] = time.perf_counter() - started
        result["check"] = {"column": "cpu_pct", "mean": float(frame["cpu_pct"].mean()), "std": float(frame["cpu_pct"].std()),
                           "distinctHost": int(distinct["host"]), "topStatus": str(top["status"].index[0]), "topStatusCount": int(top["status"].iloc[0])}
    elif step == "groupby":
        frame = read(path)
        started = time.perf_counter()
        keys = [frame["region"], frame["timestamp"].dt.hour.rename("hour")]
        grouped = frame.groupby(keys)[["cpu_pct", "power_w"]]
        groups = pd.concat({"mean": grouped.mean(), "std": grouped.std(), "p50": grouped.quantile(0.5), "p90": grouped.quantile(0.9)}, axis=1)
        result["seconds"] = time.perf_counter() - started
        result["check"] = {"groups": int(len(groups)), "cpu_pct_mean": float(groups[("mean", "cpu_pct")].sum()), "cpu_pct_std": float(groups[("std", "cpu_pct")].sum()),
                           "cpu_pct_p50": float(groups[("p50", "cpu_pct")].sum()), "cpu_pct_p90": float(groups[("p90", "cpu_pct")].sum()),
                           "power_w_mean": float(groups[("mean", "power_w")].sum())}
    else:
        print(f"pandas has no step '{step}' here (no Parquet engine in Debian's pandas).", file=sys.stderr)
        return 2
    result["digest"] = digest(frame)
    print("BENCH-RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
