#!/usr/bin/python3
"""The scikit-learn side of bench/Measure-Training.ps1: the same data and split as Start-ModelTraining.

    /usr/bin/python3 bench/train_sklearn.py telemetry bench/work/telemetry.csv [--rf-rows 100000] [--seed 1]
    /usr/bin/python3 bench/train_sklearn.py sentiment examples/data/sentiment_labelled_combined.csv [--seed 1]

telemetry: power_w from the eight numeric metrics. The file is in time order (ties in file order), so the first 80%
of the rows is exactly Split-Dataset -TimeColumn timestamp -TrainFraction 0.8's training part; rows without power_w
are then left out of each part, as Start-ModelTraining does. HistGradientBoostingRegressor (defaults: 31 leaves,
learning rate 0.1, 100 iterations, like the LightGbm trainer) takes the missing cells natively;
RandomForestRegressor(n_estimators=100, n_jobs=-1) cannot in scikit-learn 1.2, so a median SimpleImputer goes first.
RF is fitted on the first --rf-rows training rows only (0: all of them) and its seconds are also scaled linearly to
the whole training part.

sentiment: 5-fold cross-validation (StratifiedKFold, shuffled, seeded) of TfidfVectorizer + LogisticRegression.

Prints one JSON line. Seconds are fit times (time.perf_counter), without reading the file or importing modules.
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline

FEATURES = ["cpu_pct", "mem_pct", "gpu_pct", "temp_c", "disk_read_mbps", "disk_write_mbps", "net_rx_mbps", "net_tx_mbps"]


def fit_timed(model, x, y):
    started = time.perf_counter()
    model.fit(x, y)
    return time.perf_counter() - started


def scores(model, x, y):
    predicted = model.predict(x)
    return {"r2": r2_score(y, predicted), "rmse": float(np.sqrt(mean_squared_error(y, predicted)))}


def telemetry(args):
    df = pd.read_csv(args.path, usecols=FEATURES + ["power_w"])
    cut = round(0.8 * len(df))
    train, test = df.iloc[:cut].dropna(subset=["power_w"]), df.iloc[cut:].dropna(subset=["power_w"])
    x_train, y_train, x_test, y_test = train[FEATURES], train["power_w"], test[FEATURES], test["power_w"]

    hgb = HistGradientBoostingRegressor(random_state=args.seed)
    hgb_seconds = fit_timed(hgb, x_train, y_train)

    rf_rows = len(train) if args.rf_rows <= 0 else min(args.rf_rows, len(train))
    rf = make_pipeline(SimpleImputer(strategy="median"),
                       RandomForestRegressor(n_estimators=100, n_jobs=-1, random_state=args.seed))
    rf_seconds = fit_timed(rf, x_train.iloc[:rf_rows], y_train.iloc[:rf_rows])
    return {
        "rows": len(df), "trainRows": len(train), "testRows": len(test),
        "hgb": {"seconds": hgb_seconds, **scores(hgb, x_test, y_test)},
        "rf": {"seconds": rf_seconds, "rows": rf_rows, "secondsScaled": rf_seconds * len(train) / rf_rows,
               **scores(rf, x_test, y_test)},
    }


def sentiment(args):
    df = pd.read_csv(args.path)
    pipeline = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    started = time.perf_counter()
    cv = cross_validate(pipeline, df["sentence"], df["label"], cv=folds, scoring=["accuracy", "f1"])
    seconds = time.perf_counter() - started
    return {
        "rows": len(df), "seconds": seconds,
        "accuracy": float(cv["test_accuracy"].mean()), "accuracyStd": float(cv["test_accuracy"].std(ddof=1)),
        "f1": float(cv["test_f1"].mean()), "f1Std": float(cv["test_f1"].std(ddof=1)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=["telemetry", "sentiment"])
    parser.add_argument("path")
    parser.add_argument("--rf-rows", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = telemetry(args) if args.task == "telemetry" else sentiment(args)
    result.update({"sklearn": sklearn.__version__, "python": sys.version.split()[0]})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
