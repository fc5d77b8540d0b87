#!/usr/bin/env python3
"""Regenerate engine/wasm/gemm-fixtures.json: test products for the WebAssembly SIMD kernel (engine/wasm/gemm.ts),
with references from NumPy's float64 matmul (BLAS dgemm).

Run from the repository root (needs numpy; a second):
    python3 scripts/data/make-gemm-fixtures.py
The site never runs Python; the generated JSON is committed.

Each case: float32 A (m×k), B (k×n), C0 (m×n), row-major, little-endian, base64 (exact bits); alpha; and the
reference C0 + alpha·A·B formed in float64 from those float32 values, float64 little-endian base64 (exact bits).
The shapes cover every tile of the kernel (4×8, 4×4, 4×1, 1×8, 1×4, 1×1) and Saxe Fig. 3's products (32, 64).
"""
import base64
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "engine", "wasm", "gemm-fixtures.json")
SHAPES = [(1, 1, 1), (3, 5, 2), (4, 8, 7), (9, 13, 11), (32, 64, 32), (37, 45, 29)]


def b64(x, dtype="<f4"):
    return base64.b64encode(np.ascontiguousarray(x, dtype=dtype).tobytes()).decode()


def main():
    rng = np.random.default_rng(20261128)
    cases = []
    for m, n, k in SHAPES:
        A = rng.standard_normal((m, k)).astype(np.float32)
        B = rng.standard_normal((k, n)).astype(np.float32)
        C0 = rng.standard_normal((m, n)).astype(np.float32)
        alpha = float(np.float32(rng.uniform(0.1, 2.0)))
        ref = C0.astype(np.float64) + alpha * (A.astype(np.float64) @ B.astype(np.float64))
        cases.append({"m": m, "n": n, "k": k, "alpha": alpha, "A": b64(A), "B": b64(B), "C0": b64(C0), "C": b64(ref, "<f8")})
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/data/make-gemm-fixtures.py", "numpy": np.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
