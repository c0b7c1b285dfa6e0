#!/usr/bin/python3
"""Independent oracle for the k-anonymity tests on examples/data/adult/adult_sample.csv (UCI Adult, first 1,000 rows).

Brute force over the whole generalization lattice with pandas, with the rules the module documents:
numbers in ranges 5, 10, 20, 40... wide aligned at 0 (top level: the first width that holds every value in one
range), text with values of different lengths: as is or "*", native-country: the levels of
examples/data/adult/adult_hierarchy_native-country.csv. A node qualifies when the rows in classes smaller than k are at
most floor(max_suppression * rows). The winner has the least mean relative generalization height; ties: fewer
suppressed rows, lower discernibility, lower sum of levels, then the levels in order.

Run: /usr/bin/python3 tests/oracles/adult_kanonymity.py  (Debian's python3-pandas)
"""
import itertools
import math
import os
import sys

import pandas as pd

root = os.path.join(os.path.dirname(__file__), "..", "..")
data = pd.read_csv(os.path.join(root, "examples/data/adult/adult_sample.csv"), dtype=str, keep_default_na=False)
data["age"] = data["age"].astype(int)
hierarchy = {}
with open(os.path.join(root, "examples/data/adult/adult_hierarchy_native-country.csv"), encoding="utf-8") as f:
    for line in f:
        fields = line.rstrip("\n").split(";")
        hierarchy[fields[0]] = fields


def number_levels(values):
    lo, hi = min(values), max(values)
    level = 1
    while math.floor(lo / (5 * 2 ** (level - 1))) != math.floor(hi / (5 * 2 ** (level - 1))):
        level += 1
    return level


def generalize(column, level):
    values = data[column]
    if level == 0:
        return values.astype(str)
    if column == "age":
        width = 5 * 2 ** (level - 1)
        low = (values // width) * width
        return low.astype(str) + "-" + (low + width - 1).astype(str)
    if column == "native-country":
        return values.map(lambda v: hierarchy[v][level] if level < len(hierarchy[v]) else "*")
    return values.map(lambda v: "*")


def solve(quasi, k, max_suppression):
    tops = [number_levels(data["age"]) if q == "age" else (3 if q == "native-country" else 1) for q in quasi]
    n = len(data)
    allowed = math.floor(max_suppression * n)
    best = None
    for levels in itertools.product(*[range(t + 1) for t in tops]):
        frame = pd.DataFrame({q: generalize(q, l) for q, l in zip(quasi, levels)})
        sizes = frame.groupby(list(quasi), sort=False).size()
        below = int(sizes[sizes < k].sum())
        if below > allowed or below == n:
            continue
        loss = sum(l / t for l, t in zip(levels, tops)) / len(quasi)
        dm = float((sizes[sizes >= k] ** 2).sum() + sizes[sizes < k].sum() * n)
        key = (round(loss, 9), below, dm, sum(levels), levels)
        if best is None or key < best[0]:
            best = (key, int(sizes[sizes >= k].min()))
    (loss, below, dm, _, levels), achieved = best
    print(f"quasi={','.join(quasi)} k={k} max_suppression={max_suppression}: levels={list(levels)} tops={tops} "
          f"suppressed={below} achieved_k={achieved} loss={loss:.6f} discernibility={dm:.0f}")


# The command of issue 13, then two smaller sets the tests in AdultKAnonymityTests.cs check.
solve(["age", "sex", "race", "native-country", "education", "marital-status"], 5, 0.05)
solve(["age", "sex", "native-country"], 5, 0.05)
solve(["age", "sex", "race"], 5, 0.05)
