#!/usr/bin/env python3
"""Regenerate engine/data/assets/digits.bin and digits.LICENSE.md from scikit-learn's copy of the UCI
"Optical Recognition of Handwritten Digits" test set (1797 images of 8x8 pixels, values 0..16).

Run from the repository root with the system Python (Debian: apt-get install python3-sklearn):
    /usr/bin/python3 scripts/data/make-digits.py
The site never runs Python; the generated binary is committed.

Binary layout (little-endian):
    bytes 0..7    magic b"LDDIGIT1"
    bytes 8..11   uint32 count (1797)
    bytes 12..13  uint16 rows (8)
    bytes 14..15  uint16 cols (8)
    then count bytes of labels (0..9)
    then count*rows*cols bytes of pixel values (0..16), image by image, row-major
"""
import hashlib
import os
import struct
import sys

from sklearn.datasets import load_digits

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ASSETS = os.path.join(ROOT, "engine", "data", "assets")


def main() -> int:
    d = load_digits()
    images = d.images  # (1797, 8, 8) float64 with integer values 0..16
    labels = d.target
    n, rows, cols = images.shape
    assert (n, rows, cols) == (1797, 8, 8), images.shape
    pix = images.reshape(n, rows * cols)
    assert (pix == pix.round()).all() and pix.min() >= 0 and pix.max() <= 16
    assert labels.min() >= 0 and labels.max() <= 9
    out = bytearray(b"LDDIGIT1")
    out += struct.pack("<IHH", n, rows, cols)
    out += bytes(int(v) for v in labels)
    out += bytes(int(v) for v in pix.reshape(-1))
    os.makedirs(ASSETS, exist_ok=True)
    path = os.path.join(ASSETS, "digits.bin")
    with open(path, "wb") as f:
        f.write(out)
    sha = hashlib.sha256(out).hexdigest()
    import sklearn

    with open(os.path.join(ASSETS, "digits.LICENSE.md"), "w", encoding="utf-8") as f:
        f.write(LICENSE.format(n=n, sha=sha, size=len(out), version=sklearn.__version__))
    print(f"wrote {path}: {len(out)} bytes, sha256 {sha}")
    return 0


LICENSE = """# digits.bin: 8x8 handwritten digits

`digits.bin` holds {n} grey-scale images of handwritten digits, 8x8 pixels with integer values 0 to 16,
and their labels 0 to 9 ({size} bytes, SHA-256 `{sha}`). The site uses it as a small stand-in for MNIST.

## Origin

- **Dataset:** "Optical Recognition of Handwritten Digits", E. Alpaydin and C. Kaynak, UCI Machine Learning
  Repository (July 1998), https://archive.ics.uci.edu/ml/datasets/Optical+Recognition+of+Handwritten+Digits
  (the address given in scikit-learn's description of its copy). Bitmaps of 32x32 pixels, written by 43
  people, were divided into non-overlapping 4x4 blocks and the "on" pixels counted in each block, giving
  8x8 images with values 0..16.
  The UCI repository distributes the dataset under the Creative Commons Attribution 4.0 International
  licence (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/.
- **This copy:** the 1797 images shipped with scikit-learn (`sklearn.datasets.load_digits`, scikit-learn
  {version}, file `sklearn/datasets/data/digits.csv.gz`, the test part of the UCI data). scikit-learn is
  distributed under the BSD 3-Clause licence, https://github.com/scikit-learn/scikit-learn/blob/main/COPYING.

## What we changed

Only the encoding: the images and labels are written unchanged as bytes in the layout described in
`scripts/data/make-digits.py`, which regenerates this file and `digits.bin`.

## Attribution

Alpaydin, E. and Kaynak, C. (1998). Optical Recognition of Handwritten Digits [Dataset]. UCI Machine
Learning Repository. Licensed under CC BY 4.0.
"""

if __name__ == "__main__":
    sys.exit(main())
