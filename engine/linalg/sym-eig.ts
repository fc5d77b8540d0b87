/**
 * Eigen-decomposition of a symmetric matrix: Householder tridiagonalisation and the implicit QL iteration, after
 * JAMA's public-domain port of EISPACK tred2/tql2. The deflation test compares each off-diagonal entry with the
 * largest |d_l| + |e_l| met so far (an absolute scale), so it also converges on clusters of eigenvalues at the rounding
 * level near zero — Gram matrices WᵀW of deep products — where a purely relative test (|e_m| ≤ ε(|d_m| + |d_{m+1}|))
 * can stall for ever. The eigenvector matrix V is held transposed (row j = v_j) so that the rotations run along rows.
 */
import { hypot } from './matrix.ts';

const EPS = 2 ** -52;
/** QL sweeps allowed for one eigenvalue; two or three suffice in practice. */
const MAX_SWEEPS = 75;

/**
 * Eigenvalues (ascending) and eigenvectors (row j of `vt` belongs to values[j]) of the symmetric n×n matrix `a`
 * (row-major; its lower triangle is read). Non-finite entries are refused.
 */
export function symEigT(a: ArrayLike<number>, n: number): { values: Float64Array; vt: Float64Array } {
  if (a.length !== n * n) throw new Error(`symEig: expected ${n * n} entries, got ${a.length}`);
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = a[i * n + j];
      if (!Number.isFinite(x)) throw new Error(`symEig: entry (${i}, ${j}) is ${x}`);
      w[j * n + i] = x;
    }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tred2(w, d, e, n);
    tql2(w, d, e, n);
  }
  return { values: d, vt: w };
}

/** Householder reduction to tridiagonal form (diagonal d, subdiagonal e[1..]), accumulating the transformation in w = Vᵀ. */
function tred2(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  const V = (r: number, c: number) => c * n + r;
  for (let j = 0; j < n; j++) d[j] = w[V(n - 1, j)];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = w[V(i - 1, j)];
        w[V(i, j)] = 0;
        w[V(j, i)] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      e.fill(0, 0, i);
      for (let j = 0; j < i; j++) {
        const jo = j * n;
        f = d[j];
        w[V(j, i)] = f;
        g = e[j] + w[jo + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += w[jo + k] * d[k];
          e[k] += w[jo + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        const jo = j * n;
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) w[jo + k] -= f * e[k] + g * d[k];
        d[j] = w[V(i - 1, j)];
        w[V(i, j)] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    const io = i * n;
    const i1 = (i + 1) * n;
    w[V(n - 1, i)] = w[io + i];
    w[io + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[i1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const jo = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[i1 + k] * w[jo + k];
        for (let k = 0; k <= i; k++) w[jo + k] -= g * d[k];
      }
    }
    w.fill(0, i1, i1 + i + 1);
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[V(n - 1, j)];
    w[V(n - 1, j)] = 0;
  }
  w[V(n - 1, n - 1)] = 1;
  e[0] = 0;
}

/** Implicit QL with shifts on the tridiagonal (d, e); eigenvalues into d (sorted ascending), vectors into w's rows. */
function tql2(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) m++;
    if (m > l) {
      let sweeps = 0;
      do {
        if (++sweeps > MAX_SWEEPS) throw new Error('symEig: no convergence in the QL iteration');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const io = i * n;
          const i1 = io + n;
          for (let k = 0; k < n; k++) {
            h = w[i1 + k];
            w[i1 + k] = s * w[io + k] + c * h;
            w[io + k] = c * w[io + k] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPS * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) if (d[j] < p) [k, p] = [j, d[j]];
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = w[i * n + j];
        w[i * n + j] = w[k * n + j];
        w[k * n + j] = t;
      }
    }
  }
}
