/**
 * The SVD and the symmetric eigen-decomposition on the engine's Matrix type, with the conventions the figures rely
 * on: values sorted descending, vectors as columns, each column of V (or of the eigenvectors) with its largest entry
 * positive. The numerical work is in ./svd.ts and ./sym-eig.ts.
 */
import { transposeInto } from './kernels.ts';
import type { Matrix } from './matrix.ts';
import { fixColumnSigns, zeros } from './matrix.ts';
import { svdT } from './svd.ts';
import { symEigT } from './sym-eig.ts';

/** Singular values of the rows×cols matrix `a` (row-major), descending; min(rows, cols) of them. */
export function singularValues(a: ArrayLike<number>, rows: number, cols = rows): Float64Array {
  if (a.length !== rows * cols) throw new Error(`singularValues: expected ${rows * cols} entries, got ${a.length}`);
  // The routine factors a tall matrix held transposed; Aᵀ has the same singular values, so a wide A is passed as is.
  const copy = Float64Array.from(a);
  if (rows >= cols) return svdT(transposeInto(copy, rows, cols, new Float64Array(copy.length)), rows, cols, false, false).s;
  return svdT(copy, cols, rows, false, false).s;
}

export interface SVD {
  /** rows × k, orthonormal columns (k = min(rows, cols)). */
  U: Matrix;
  /** Singular values, descending, length k. */
  s: Float64Array;
  /** cols × k, orthonormal columns. */
  V: Matrix;
}

/**
 * Thin SVD A = U diag(s) Vᵀ. Columns of U and V that belong to zero singular values still complete orthonormal
 * sets. Signs: each column of V has its largest entry positive (U's columns follow).
 */
export function svd(a: Matrix): SVD {
  const { rows, cols } = a;
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const k = tall ? cols : rows;
  // Factor the tall one of A and Aᵀ (held transposed); for Aᵀ = U' S V'ᵀ, A = V' S U'ᵀ.
  const held = tall ? transposeInto(a.data, rows, cols, new Float64Array(rows * cols)) : Float64Array.from(a.data);
  const r = svdT(held, m, k, true, true);
  const left = { rows: m, cols: k, data: transposeInto(r.ut!, k, m, new Float64Array(m * k)) };
  const right = { rows: k, cols: k, data: transposeInto(r.vt!, k, k, new Float64Array(k * k)) };
  const U = tall ? left : right;
  const V = tall ? right : left;
  fixColumnSigns(V, U);
  return { U, s: r.s, V };
}

export interface Eigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as columns, in the same order, sign-fixed (largest entry of each positive). */
  vectors: Matrix;
}

/** Eigen-decomposition of a symmetric matrix. */
export function symEig(m: Matrix): Eigen {
  const n = m.rows;
  if (m.cols !== n) throw new Error('symEig: matrix is not square');
  const { values: asc, vt } = symEigT(m.data, n);
  const values = new Float64Array(n);
  const vectors = zeros(n, n);
  for (let k = 0; k < n; k++) {
    values[k] = asc[n - 1 - k];
    for (let r = 0; r < n; r++) vectors.data[r * n + k] = vt[(n - 1 - k) * n + r];
  }
  fixColumnSigns(vectors);
  return { values, vectors };
}
