"""Deterministic generator of crowd labels for bench/Measure-Labeling.ps1.

Writes a long-form CSV (item,annotator,label): every one of --items items is labelled by each of 10
annotators whose accuracies are known (0.95 down to 0.50). An item's true class is drawn from
fixed priors over 5 classes; an annotator gives it with their accuracy, else one of the 4 other
classes uniformly. Also writes <csv>.truth.json with the accuracies, priors, and each annotator's
realised accuracy on the generated rows. numpy's PCG64 with a fixed seed: same bytes every run.
"""
import argparse
import json

import numpy as np

ACCURACIES = [0.95, 0.90, 0.85, 0.80, 0.75, 0.70, 0.65, 0.60, 0.55, 0.50]
PRIORS = [0.35, 0.25, 0.20, 0.12, 0.08]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    rng = np.random.Generator(np.random.PCG64(args.seed))
    k, annotators = len(PRIORS), len(ACCURACIES)
    truth = rng.choice(k, size=args.items, p=PRIORS)
    correct = rng.random((args.items, annotators)) < np.array(ACCURACIES)
    # A wrong label is one of the k-1 other classes: truth + 1..k-1, modulo k.
    offset = rng.integers(1, k, size=(args.items, annotators))
    labels = np.where(correct, truth[:, None], (truth[:, None] + offset) % k)
    names = [f"a{a + 1:02d}" for a in range(annotators)]
    with open(args.path, "w", encoding="utf-8", newline="\n") as out:
        out.write("item,annotator,label\n")
        for i in range(args.items):
            item = f"t{i + 1:06d}"
            out.write("".join(f"{item},{names[a]},c{labels[i, a]}\n" for a in range(annotators)))
    realised = correct.mean(axis=0)
    with open(args.path + ".truth.json", "w", encoding="utf-8") as out:
        json.dump({"items": args.items, "seed": args.seed, "priors": PRIORS,
                   "annotators": {names[a]: {"accuracy": ACCURACIES[a], "realised": float(realised[a])} for a in range(annotators)}},
                  out, indent=1)


if __name__ == "__main__":
    main()
