#!/usr/bin/python3
"""Writes examples/data/ratings.csv: a synthetic, deterministic user-item ratings set for examples/recommend.ps1.

Each user u and item i has a bias (b_u, b_i) and a 3-dimensional latent factor (p_u, q_i); a rating is
round(3.6 + b_u + b_i + p_u . q_i + noise) clipped to 1..5, with noise ~ N(0, 0.6). Users rate between 15 and 70
items, chosen with a skew towards popular items; each rating gets a time in 2025. Fixed seed: the same file on every
run (numpy's PCG64 default_rng). Nothing is copied from MovieLens or any other real ratings set.

    /usr/bin/python3 examples/data/generate_ratings.py
"""
import datetime as dt
import pathlib

import numpy as np

USERS, ITEMS, FACTORS, SEED = 300, 200, 3, 20250101


def main() -> None:
    rng = np.random.default_rng(SEED)
    user_bias = rng.normal(0, 0.5, USERS)
    item_bias = rng.normal(0, 0.6, ITEMS)
    p = rng.normal(0, 0.55, (USERS, FACTORS))
    q = rng.normal(0, 0.55, (ITEMS, FACTORS))
    popularity = rng.pareto(1.5, ITEMS) + 0.2
    popularity /= popularity.sum()
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    rows = []
    for u in range(USERS):
        n = int(rng.integers(15, 71))
        items = rng.choice(ITEMS, size=n, replace=False, p=popularity)
        seconds = np.sort(rng.integers(0, 365 * 86400, n))
        for i, s in zip(items, seconds):
            raw = 3.6 + user_bias[u] + item_bias[i] + p[u] @ q[i] + rng.normal(0, 0.6)
            rating = int(min(5, max(1, round(raw))))
            when = (start + dt.timedelta(seconds=int(s))).strftime('%Y-%m-%dT%H:%M:%SZ')
            rows.append((when, f'u{u + 1:03d}', f'i{i + 1:03d}', rating))
    rows.sort()
    path = pathlib.Path(__file__).with_name('ratings.csv')
    with path.open('w', newline='\n') as f:
        f.write('user,item,timestamp,rating\n')
        for when, user, item, rating in rows:
            f.write(f'{user},{item},{when},{rating}\n')
    print(f'{path}: {len(rows)} ratings')


if __name__ == '__main__':
    main()
