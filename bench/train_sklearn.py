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

    /usr/bin/python3 bench/train_sklearn.py textfolds examples/data/sentiment_labelled_combined.csv --source imdb --folds-out F.csv
    /usr/bin/python3 bench/train_sklearn.py movielens /work/shared/data/movielens/ml-latest-small/ratings.csv --folds-out F.csv

textfolds: the sentences (all, or one --source) get seeded StratifiedKFold(5) folds, written to --folds-out (source,
sentence,label,fold) so Start-ModelTraining -FoldColumn fold trains on exactly the same folds; then
TfidfVectorizer(ngram_range=(1,2)) + LogisticRegression(C=10) is cross-validated on those folds (PredefinedSplit).

movielens: ratings.csv (userId,movieId,rating,timestamp) or ml-100k's u.data (tab-separated, no header) get seeded
KFold(5) folds, written to --folds-out (userId,movieId,rating,timestamp,fold). Then, as the seed's own code does, one
RandomForestRegressor(n_estimators=100, n_jobs=-1) is fitted on userId, movieId, timestamp of the rows outside fold 0
(80%) and scored on fold 0; the training-mean baseline is scored on every fold; and a popularity recommender (the most
rated training items a user has not rated) gets NDCG@10 by the same definitions as Start-ModelTraining's (relevant: a
held-out rating of at least 4, or with -Implicit every held-out pair; users with no relevant held-out item left out).

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
from sklearn.model_selection import KFold, PredefinedSplit, StratifiedKFold, cross_validate
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


def textfolds(args):
    df = pd.read_csv(args.path)
    if args.source:
        df = df[df["source"] == args.source].reset_index(drop=True)
    fold = np.zeros(len(df), dtype=int)
    for f, (_, test) in enumerate(StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed).split(df["sentence"], df["label"])):
        fold[test] = f
    df = df.assign(fold=fold)
    df.to_csv(args.folds_out, index=False)
    pipeline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(C=10))
    started = time.perf_counter()
    cv = cross_validate(pipeline, df["sentence"], df["label"], cv=PredefinedSplit(fold), scoring=["accuracy", "f1"])
    seconds = time.perf_counter() - started
    return {
        "rows": len(df), "seconds": seconds,
        "accuracy": float(cv["test_accuracy"].mean()), "accuracyStd": float(cv["test_accuracy"].std(ddof=1)),
        "f1": float(cv["test_f1"].mean()), "f1Std": float(cv["test_f1"].std(ddof=1)),
    }


def ndcg_popularity(train, test, k=10, relevant=4.0):
    """NDCG@k of ranking the training items by their training count, without the items the user rated in training."""
    counts = train["movieId"].value_counts()
    ranked = counts.index.to_numpy()
    seen = train.groupby("userId")["movieId"].agg(set)
    kept = test["movieId"].isin(counts.index) & test["userId"].isin(seen.index)
    if relevant is not None:
        kept &= test["rating"] >= relevant
    relevant_items = test[kept]
    total = 0.0
    users = 0
    for user, items in relevant_items.groupby("userId")["movieId"]:
        rel = set(items)
        mine = seen[user]
        top = []
        for item in ranked:
            if item not in mine:
                top.append(item)
                if len(top) == k:
                    break
        dcg = sum(1 / np.log2(i + 2) for i, item in enumerate(top) if item in rel)
        ideal = sum(1 / np.log2(i + 2) for i in range(min(k, len(rel))))
        total += dcg / ideal
        users += 1
    return total / users


def movielens(args):
    if args.path.endswith("u.data"):
        df = pd.read_csv(args.path, sep="\t", header=None, names=["userId", "movieId", "rating", "timestamp"])
    else:
        df = pd.read_csv(args.path)
    fold = np.zeros(len(df), dtype=int)
    for f, (_, test) in enumerate(KFold(n_splits=5, shuffle=True, random_state=args.seed).split(df)):
        fold[test] = f
    df = df.assign(fold=fold)
    df.to_csv(args.folds_out, index=False)
    features = ["userId", "movieId", "timestamp"]
    train, test = df[df["fold"] != 0], df[df["fold"] == 0]
    rf = RandomForestRegressor(n_estimators=100, n_jobs=-1, random_state=args.seed)
    rf_seconds = fit_timed(rf, train[features], train["rating"])
    rf_scores = scores(rf, test[features], test["rating"])
    baseline, popularity, popularity_all = [], [], []
    for f in range(5):
        tr, te = df[df["fold"] != f], df[df["fold"] == f]
        baseline.append(float(np.sqrt(((te["rating"] - tr["rating"].mean()) ** 2).mean())))
        popularity.append(ndcg_popularity(tr, te))
        popularity_all.append(ndcg_popularity(tr, te, relevant=None))
    return {
        "rows": len(df), "users": int(df["userId"].nunique()), "items": int(df["movieId"].nunique()),
        "rf": {"seconds": rf_seconds, "trainRows": len(train), **rf_scores},
        "baselineRmse": float(np.mean(baseline)), "popularityNdcg": float(np.mean(popularity)),
        "popularityNdcgAll": float(np.mean(popularity_all)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=["telemetry", "sentiment", "textfolds", "movielens"])
    parser.add_argument("path")
    parser.add_argument("--rf-rows", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", default=None)
    parser.add_argument("--folds-out", default=None)
    args = parser.parse_args()
    result = {"telemetry": telemetry, "sentiment": sentiment, "textfolds": textfolds, "movielens": movielens}[args.task](args)
    result.update({"sklearn": sklearn.__version__, "python": sys.version.split()[0]})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
