/**
 * Householder QR, the one implementation behind the seeded orthogonal initialisers (engine/nn/orthogonal.ts,
 * engine/nn/haar.ts), `qr` and the products of many factors (./product.ts). The matrix is held transposed, one
 * column per row, so that every loop runs along contiguous memory.
 */
import { transposeInto } from './kernels.ts';
import type { Matrix } from './matrix.ts';
import { zeros } from './matrix.ts';

/** The reflectors H_k = I − 2 v_k v_kᵀ of A = H_0 ⋯ H_{n−1} R for an m×n matrix A, m ≥ n. */
export interface Reflectors {
  m: number;
  n: number;
  /** n×m: row k holds the unit vector v_k in entries k..m−1 (zeros before). */
  v: Float64Array;
  /** The diagonal of R. */
  diag: Float64Array;
}

/**
 * Householder QR of the m×n matrix A (m ≥ n) given as its transpose `at` (n×m: row j is column j of A), in place.
 * Afterwards entry k of row j > k of `at` is R_kj; the diagonal of R is in the result. R_kk = −sign(A_kk)‖x‖ for
 * the column x being reduced, the choice that avoids cancellation in v = x − R_kk e_k.
 */
export function householderT(at: Float64Array, m: number, n: number): Reflectors {
  if (m < n) throw new Error(`householderT: expected rows ≥ cols, got ${m}×${n}`);
  const v = new Float64Array(n * m);
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ko = k * m;
    let nrm = 0;
    for (let i = k; i < m; i++) nrm += at[ko + i] * at[ko + i];
    nrm = Math.sqrt(nrm);
    const alpha = at[ko + k] > 0 ? -nrm : nrm;
    diag[k] = alpha;
    let vn = 0;
    for (let i = k; i < m; i++) {
      const x = at[ko + i] - (i === k ? alpha : 0);
      v[ko + i] = x;
      vn += x * x;
    }
    vn = Math.sqrt(vn);
    if (vn > 0) for (let i = k; i < m; i++) v[ko + i] /= vn;
    for (let j = k + 1; j < n; j++) {
      const jo = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[ko + i] * at[jo + i];
      dot *= 2;
      for (let i = k; i < m; i++) at[jo + i] -= dot * v[ko + i];
    }
  }
  return { m, n, v, diag };
}

/** x ← (I − 2vvᵀ) x for reflector k of `h`, on the row of `xs` that starts at `co` (v is zero before index k). */
function reflect(h: Reflectors, k: number, xs: Float64Array, co: number): void {
  const { m, v } = h;
  const ko = k * m;
  let dot = 0;
  for (let i = k; i < m; i++) dot += v[ko + i] * xs[co + i];
  if (dot === 0) return;
  dot *= 2;
  for (let i = k; i < m; i++) xs[co + i] -= dot * v[ko + i];
}

/** x ← Q x = H_0 ⋯ H_{n−1} x for each of the `count` rows x (length m) of `xs`. */
export function applyQ(h: Reflectors, xs: Float64Array, count: number): Float64Array {
  for (let c = 0; c < count; c++) for (let k = h.n - 1; k >= 0; k--) reflect(h, k, xs, c * h.m);
  return xs;
}

/** x ← Qᵀ x = H_{n−1} ⋯ H_0 x for each of the `count` rows x (length m) of `xs`; for rows of W, W ← W Q. */
export function applyQT(h: Reflectors, xs: Float64Array, count: number): Float64Array {
  for (let c = 0; c < count; c++) for (let k = 0; k < h.n; k++) reflect(h, k, xs, c * h.m);
  return xs;
}

/**
 * The first n columns of Q = H_0 ⋯ H_{n−1} as the rows of an n×m array, each multiplied by the sign of R_kk:
 * Q diag(sign R_kk) is the Q of the factorisation whose R has a non-negative diagonal, which for a Gaussian A is
 * Haar-distributed (Mezzadri 2007).
 */
export function signFixedQT(h: Reflectors): Float64Array {
  const { m, n, diag } = h;
  const t = new Float64Array(n * m);
  for (let c = 0; c < n; c++) t[c * m + c] = 1;
  applyQ(h, t, n);
  for (let c = 0; c < n; c++) if (diag[c] < 0) for (let i = 0; i < m; i++) t[c * m + i] = -t[c * m + i];
  return t;
}

/**
 * Thin QR of a tall matrix (rows ≥ cols): A = Q R, Q rows × cols with orthonormal columns, R upper triangular with
 * a non-negative diagonal (so Q is Haar-distributed when A is Gaussian).
 */
export function qr(a: Matrix): { Q: Matrix; R: Matrix } {
  const { rows: m, cols: n } = a;
  if (m < n) throw new Error('qr: expected rows ≥ cols');
  const at = transposeInto(a.data, m, n, new Float64Array(m * n));
  const h = householderT(at, m, n);
  const Q = { rows: m, cols: n, data: transposeInto(signFixedQT(h), n, m, new Float64Array(m * n)) };
  const R = zeros(n, n);
  for (let i = 0; i < n; i++) {
    const sign = h.diag[i] < 0 ? -1 : 1;
    R.data[i * n + i] = sign * h.diag[i];
    for (let j = i + 1; j < n; j++) R.data[i * n + j] = sign * at[j * m + i];
  }
  return { Q, R };
}
