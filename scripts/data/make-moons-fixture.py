#!/usr/bin/env python3
"""Regenerate engine/data/two-moons-fixture.json: scikit-learn's make_moons and the transform of Pezeshki et al.
(2021, code Figure_1..3/moon_fig_*.py, `two_moons_dataset`), for engine/data/two-moons.test.ts.

Run from the repository root (needs numpy and scikit-learn, e.g. Debian's python3-sklearn, which is on the system
Python, not on a pyenv one; a second):
    /usr/bin/python3 scripts/data/make-moons-fixture.py
The site never runs Python; the generated JSON is committed.

Our rng is not numpy's Mersenne Twister, so the TypeScript generator cannot reproduce a seeded sample. The fixture
therefore holds (a) make_moons without noise and without shuffling, whose points are deterministic, for several n
(odd n included: the inner moon gets the extra point); and (b) noisy shuffled samples (seed 0, n = 300, noise 0.1,
as in the paper) with the transform applied in Python for several margins and rotations, so that the test can feed
the same sklearn points through our transform. Floats are written with repr(), which round-trips float64 exactly.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_moons

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "engine", "data", "two-moons-fixture.json")


def two_moons_transform(X, y, margin=0.0, rotation=0.0):
    """The authors' two_moons_dataset after make_moons, verbatim in its arithmetic (n taken from X)."""
    n_samples = X.shape[0]
    y_pm1 = (2.0 * y - 1.0)[:, None]
    move_along_x = 0.5 * np.ones((n_samples, 1))
    move_along_y = y_pm1 * 0.3
    X = X - np.concatenate([move_along_x, move_along_y], 1)
    X[:, 1] = X[:, 1] - X[:, 1].mean()
    alter_sign = np.sign(-X[:, 1] * y_pm1[:, 0])
    X[:, 1] = X[:, 1] * alter_sign
    X[:, 1] = X[:, 1] - y_pm1[:, 0] * margin
    X = X[:, ::-1].copy()
    if rotation != 0.0:
        theta = np.radians(rotation)
        c, s = np.cos(theta), np.sin(theta)
        R = np.array(((c, -s), (s, c)))
        X = np.dot(X, R)
    return X, y_pm1[:, 0]


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def main():
    plain = []
    for n in (2, 3, 7, 100, 300, 301):
        X, y = make_moons(n_samples=n, noise=None, shuffle=False)
        plain.append({"n": n, "x": flat(X), "y": flat(y)})
    transformed = []
    for seed in (0, 1):
        X, y = make_moons(n_samples=300, noise=0.1, random_state=seed)
        cases = []
        for margin, rotation in ((0.1, 0.0), (-0.1, 0.0), (0.0, 0.0), (0.1, 45.0)):
            Xt, yt = two_moons_transform(X.copy(), y.copy(), margin=margin, rotation=rotation)
            cases.append({"margin": margin, "rotate": rotation, "x": flat(Xt), "y": flat(yt)})
        transformed.append({"seed": seed, "n": 300, "noise": 0.1, "x": flat(X), "y": flat(y), "cases": cases})
    doc = {
        "generator": f"scripts/data/make-moons-fixture.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "plain": plain,
        "transformed": transformed,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
