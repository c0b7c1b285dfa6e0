"""The peer for bench/Measure-Labeling.ps1: Fleiss' kappa with statsmodels on a long-form label CSV.

Times, inside the process (interpreter start and imports excluded):
  read:      pandas.read_csv of the item,annotator,label file
  agreement: pivot to an items x annotators table, statsmodels.stats.inter_rater.aggregate_raters
             (items x categories counts) and fleiss_kappa
Prints one JSON line: {"read": s, "agreement": s, "kappa": repr, "items": n, "rows": n}.
"""
import json
import sys
import time

import pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa


def main():
    path = sys.argv[1]
    started = time.perf_counter()
    frame = pd.read_csv(path)
    read = time.perf_counter() - started
    started = time.perf_counter()
    table = frame.pivot(index="item", columns="annotator", values="label").to_numpy()
    counts, _ = aggregate_raters(table)
    kappa = fleiss_kappa(counts, method="fleiss")
    agreement = time.perf_counter() - started
    print(json.dumps({"read": read, "agreement": agreement, "kappa": repr(float(kappa)), "items": int(counts.shape[0]), "rows": int(len(frame))}))


if __name__ == "__main__":
    main()
