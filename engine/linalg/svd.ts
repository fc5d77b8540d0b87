/**
 * Singular value decomposition of the matrix itself (never of its Gram matrix): Householder bidiagonalisation and the
 * implicit-shift QR iteration of Golub, Kahan and Reinsch, after JAMA's public-domain port of LINPACK dsvdc, with
 * JAMA's deflation thresholds (ε relative plus an absolute 2^−966) and a cap on the total number of QR sweeps.
 * Backward stable: each singular value is exact for a matrix within a small multiple of ε‖A‖₂ of A, so values down to
 * about 1e-13 σ_max keep several digits, and on graded matrices such as the triangular factor of ./product.ts far
 * smaller ones come out to high relative accuracy (engine/linalg-fixtures.test.ts measures both against LAPACK).
 * A is held transposed (one column per row), as are U and V while they are built, so inner loops run along rows.
 */
import { hypot } from './matrix.ts';

const EPS = 2 ** -52;
const TINY = 2 ** -966;
/**
 * QR sweeps allowed per singular value, counted over the whole iteration. Most values take one or two; on the strongly
 * graded triangular factors of ./product.ts the first (smallest) one takes up to about 0.3 n, because the sweep always
 * runs from the top of the block down (LAPACK's dbdsqr would pick the direction from the grading).
 */
const SWEEPS_PER_VALUE = 30;

export interface RawSvd {
  /** Singular values, descending, length n. */
  s: Float64Array;
  /** n×m: row j is the left singular vector u_j (present when asked for). */
  ut?: Float64Array;
  /** n×n: row j is the right singular vector v_j (present when asked for). */
  vt?: Float64Array;
}

/**
 * Thin SVD of the m×n matrix A (m ≥ n) given as its transpose `at` (n×m, row j = column j of A; overwritten).
 * Non-finite entries are refused.
 */
export function svdT(at: Float64Array, m: number, n: number, wantu: boolean, wantv: boolean): RawSvd {
  if (m < n) throw new Error(`svd: expected rows ≥ cols, got ${m}×${n}`);
  for (let i = 0; i < at.length; i++) if (!Number.isFinite(at[i])) throw new Error(`svd: entry ${at[i]} is not finite`);
  const A = (i: number, j: number) => j * m + i;
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  const work = new Float64Array(m);
  const ut = new Float64Array(wantu ? n * m : 0);
  const vt = new Float64Array(wantv ? n * n : 0);
  const nct = Math.min(m - 1, n);
  const nrt = Math.max(0, Math.min(n - 2, m));
  /** Whether column reflector k (row reflector k) is a reflection rather than the identity. */
  const colRef = new Uint8Array(n);
  const rowRef = new Uint8Array(n);
  // Reduce to bidiagonal form: diagonal in s, superdiagonal in e.
  for (let k = 0; k < Math.max(nct, nrt); k++) {
    const ko = k * m;
    if (k < nct) {
      // Column k becomes the reflector u (‖u‖² = 2u_k) and s[k] the diagonal entry.
      s[k] = -householder(at, ko + k, ko + m);
      colRef[k] = at[ko + k] !== 0 ? 1 : 0;
    }
    for (let j = k + 1; j < n; j++) {
      const jo = j * m;
      if (colRef[k]) {
        let t = 0;
        for (let i = k; i < m; i++) t += at[ko + i] * at[jo + i];
        t = -t / at[ko + k];
        for (let i = k; i < m; i++) at[jo + i] += t * at[ko + i];
      }
      e[j] = at[jo + k];
    }
    if (wantu && k < nct) for (let i = k; i < m; i++) ut[ko + i] = at[ko + i];
    if (k < nrt) {
      e[k] = -householder(e, k + 1, n);
      rowRef[k] = e[k + 1] !== 0 ? 1 : 0;
      if (k + 1 < m && rowRef[k]) {
        work.fill(0, k + 1, m);
        for (let j = k + 1; j < n; j++) for (let i = k + 1; i < m; i++) work[i] += e[j] * at[A(i, j)];
        for (let j = k + 1; j < n; j++) {
          const t = -e[j] / e[k + 1];
          const jo = j * m;
          for (let i = k + 1; i < m; i++) at[jo + i] += t * work[i];
        }
      }
      if (wantv) for (let i = k + 1; i < n; i++) vt[k * n + i] = e[i];
    }
  }
  let p = n;
  if (nct < n) s[nct] = at[A(nct, nct)];
  if (nrt + 1 < p) e[nrt] = at[A(nrt, p - 1)];
  e[p - 1] = 0;
  if (wantu) accumulateU(ut, colRef, m, n, nct);
  if (wantv) accumulateV(vt, rowRef, n, nrt);

  const pp = p - 1;
  let sweeps = 0;
  while (p > 0) {
    // Find the largest k with a negligible e[k] (k = −1: none), then classify.
    let k: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]) <= TINY + EPS * (Math.abs(s[k]) + Math.abs(s[k + 1]))) {
        e[k] = 0;
        break;
      }
    }
    let kase: number;
    if (k === p - 2) {
      kase = 4; // s[p−1] has converged
    } else {
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(s[ks]) <= TINY + EPS * t) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else {
        kase = 2;
        k = ks;
      }
    }
    k++;
    if (kase === 1) {
      // Deflate a negligible s[p−1] by rotations from the right.
      let f = e[p - 2];
      e[p - 2] = 0;
      for (let j = p - 2; j >= k; j--) {
        const t = hypot(s[j], f);
        const cs = s[j] / t;
        const sn = f / t;
        s[j] = t;
        if (j !== k) {
          f = -sn * e[j - 1];
          e[j - 1] = cs * e[j - 1];
        }
        if (wantv) rotate(vt, n, j, p - 1, cs, sn);
      }
    } else if (kase === 2) {
      // Split at a negligible s[k−1] by rotations from the left.
      let f = e[k - 1];
      e[k - 1] = 0;
      for (let j = k; j < p; j++) {
        const t = hypot(s[j], f);
        const cs = s[j] / t;
        const sn = f / t;
        s[j] = t;
        f = -sn * e[j];
        e[j] = cs * e[j];
        if (wantu) rotate(ut, m, j, k - 1, cs, sn);
      }
    } else if (kase === 3) {
      if (++sweeps > SWEEPS_PER_VALUE * n + 100) throw new Error('svd: no convergence in the QR iteration');
      qrSweep(s, e, k, p, ut, vt, m, n);
    } else {
      // Convergence: make s[k] non-negative and move it into place.
      if (s[k] <= 0) {
        s[k] = s[k] < 0 ? -s[k] : 0;
        if (wantv) for (let i = 0; i <= pp; i++) vt[k * n + i] = -vt[k * n + i];
      }
      while (k < pp && s[k] < s[k + 1]) {
        const t = s[k];
        s[k] = s[k + 1];
        s[k + 1] = t;
        if (wantv) swapRows(vt, n, k, k + 1);
        if (wantu) swapRows(ut, m, k, k + 1);
        k++;
      }
      p--;
    }
  }
  return { s, ...(wantu ? { ut } : {}), ...(wantv ? { vt } : {}) };
}

/** One implicit QR step with a Wilkinson-type shift on the bidiagonal block k..p−1, chasing the bulge down. */
function qrSweep(s: Float64Array, e: Float64Array, k: number, p: number, ut: Float64Array, vt: Float64Array, m: number, n: number): void {
  const scale = Math.max(Math.abs(s[p - 1]), Math.abs(s[p - 2]), Math.abs(e[p - 2]), Math.abs(s[k]), Math.abs(e[k]));
  const sp = s[p - 1] / scale;
  const spm1 = s[p - 2] / scale;
  const epm1 = e[p - 2] / scale;
  const sk = s[k] / scale;
  const ek = e[k] / scale;
  const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
  const c = sp * epm1 * (sp * epm1);
  let shift = 0;
  if (b !== 0 || c !== 0) {
    shift = Math.sqrt(b * b + c);
    if (b < 0) shift = -shift;
    shift = c / (b + shift);
  }
  let f = (sk + sp) * (sk - sp) + shift;
  let g = sk * ek;
  for (let j = k; j < p - 1; j++) {
    let t = hypot(f, g);
    let cs = f / t;
    let sn = g / t;
    if (j !== k) e[j - 1] = t;
    f = cs * s[j] + sn * e[j];
    e[j] = cs * e[j] - sn * s[j];
    g = sn * s[j + 1];
    s[j + 1] = cs * s[j + 1];
    if (vt.length) rotate(vt, n, j, j + 1, cs, sn);
    t = hypot(f, g);
    cs = f / t;
    sn = g / t;
    s[j] = t;
    f = cs * e[j] + sn * s[j + 1];
    s[j + 1] = -sn * e[j] + cs * s[j + 1];
    g = sn * e[j + 1];
    e[j + 1] = cs * e[j + 1];
    if (ut.length && j < m - 1) rotate(ut, m, j, j + 1, cs, sn);
  }
  e[p - 2] = f;
}

/**
 * The reflector of LINPACK's form for x = v[from..to−1], in place: v becomes u = x/(σ‖x‖) + e_1 with σ = sign(x_1),
 * so that (I − u uᵀ/u_1) x = −σ‖x‖ e_1; returns σ‖x‖ (0, leaving x = 0, when x = 0). x is first divided by its
 * largest entry: without that, a column whose entries have underflowed towards the subnormal range (the cascade of
 * ever smaller values below a rank deficiency) gives a norm with too few bits and a reflector that is not orthogonal.
 */
function householder(v: Float64Array, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(v[i]));
  if (scale === 0) return 0;
  let nrm = 0;
  for (let i = from; i < to; i++) {
    v[i] /= scale;
    nrm = hypot(nrm, v[i]);
  }
  if (v[from] < 0) nrm = -nrm;
  for (let i = from; i < to; i++) v[i] /= nrm;
  v[from] += 1;
  return nrm * scale;
}

/** Rows a and b of a (·×len) array ← (cs·a + sn·b, −sn·a + cs·b). */
function rotate(x: Float64Array, len: number, a: number, b: number, cs: number, sn: number): void {
  const ao = a * len;
  const bo = b * len;
  for (let i = 0; i < len; i++) {
    const t = cs * x[ao + i] + sn * x[bo + i];
    x[bo + i] = -sn * x[ao + i] + cs * x[bo + i];
    x[ao + i] = t;
  }
}

function swapRows(x: Float64Array, len: number, a: number, b: number): void {
  for (let i = 0; i < len; i++) {
    const t = x[a * len + i];
    x[a * len + i] = x[b * len + i];
    x[b * len + i] = t;
  }
}

/** U = H_0 ⋯ H_{nct−1} applied to the first n unit vectors, from the stored left reflectors (rows of ut). */
function accumulateU(ut: Float64Array, colRef: Uint8Array, m: number, n: number, nct: number): void {
  for (let j = nct; j < n; j++) {
    ut.fill(0, j * m, (j + 1) * m);
    ut[j * m + j] = 1;
  }
  for (let k = nct - 1; k >= 0; k--) {
    const ko = k * m;
    if (colRef[k]) {
      for (let j = k + 1; j < n; j++) {
        const jo = j * m;
        let t = 0;
        for (let i = k; i < m; i++) t += ut[ko + i] * ut[jo + i];
        t = -t / ut[ko + k];
        for (let i = k; i < m; i++) ut[jo + i] += t * ut[ko + i];
      }
      for (let i = k; i < m; i++) ut[ko + i] = -ut[ko + i];
      ut[ko + k] = 1 + ut[ko + k];
      ut.fill(0, ko, ko + k);
    } else {
      ut.fill(0, ko, ko + m);
      ut[ko + k] = 1;
    }
  }
}

/** V from the stored right reflectors (rows of vt, entries k+1..n−1). */
function accumulateV(vt: Float64Array, rowRef: Uint8Array, n: number, nrt: number): void {
  for (let k = n - 1; k >= 0; k--) {
    const ko = k * n;
    if (k < nrt && rowRef[k]) {
      for (let j = k + 1; j < n; j++) {
        const jo = j * n;
        let t = 0;
        for (let i = k + 1; i < n; i++) t += vt[ko + i] * vt[jo + i];
        t = -t / vt[ko + k + 1];
        for (let i = k + 1; i < n; i++) vt[jo + i] += t * vt[ko + i];
      }
    }
    vt.fill(0, ko, ko + n);
    vt[ko + k] = 1;
  }
}
