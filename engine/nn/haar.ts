/**
 * A fast seeded Haar-random orthogonal N×N matrix for the spectra figures (hundreds of matrices per run).
 * Same construction as nn/orthogonal.ts (Householder QR of a Gaussian matrix with the sign fix diag(R) > 0,
 * Mezzadri 2007), but every loop runs along contiguous rows: the Gaussian's columns are stored as rows, and
 * the result is Qᵀ (the transpose of a Haar matrix is Haar-distributed).
 */
import type { Rng } from '../rng.ts';

export function haarOrthogonal(n: number, rng: Rng): Float64Array {
  // a[j*n + i] = G[i][j]: row j of `a` is column j of the Gaussian matrix G.
  const a = new Float64Array(n * n);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  const vs = new Float64Array(n * n); // reflector k in row k, entries k..n-1
  const sign = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ko = k * n;
    let nrm = 0;
    for (let i = k; i < n; i++) nrm += a[ko + i] * a[ko + i];
    nrm = Math.sqrt(nrm);
    const alpha = a[ko + k] > 0 ? -nrm : nrm; // R_kk
    sign[k] = alpha < 0 ? -1 : 1;
    let vn = 0;
    for (let i = k; i < n; i++) {
      const v = a[ko + i] - (i === k ? alpha : 0);
      vs[ko + i] = v;
      vn += v * v;
    }
    vn = Math.sqrt(vn);
    if (vn > 0) for (let i = k; i < n; i++) vs[ko + i] /= vn;
    for (let j = k + 1; j < n; j++) {
      const jo = j * n;
      let dot = 0;
      for (let i = k; i < n; i++) dot += vs[ko + i] * a[jo + i];
      dot *= 2;
      for (let i = k; i < n; i++) a[jo + i] -= dot * vs[ko + i];
    }
  }
  // Rows of t are the columns of Q = H_0 ⋯ H_{n-1}: apply H_{n-1} first to each unit vector.
  const t = new Float64Array(n * n);
  for (let c = 0; c < n; c++) t[c * n + c] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const ko = k * n;
    for (let c = 0; c < n; c++) {
      const co = c * n;
      let dot = 0;
      for (let i = k; i < n; i++) dot += vs[ko + i] * t[co + i];
      if (dot === 0) continue;
      dot *= 2;
      for (let i = k; i < n; i++) t[co + i] -= dot * vs[ko + i];
    }
  }
  // Q diag(sign) has Haar distribution; return its transpose, whose row c is sign_c times column c of Q.
  for (let c = 0; c < n; c++) if (sign[c] < 0) for (let i = 0; i < n; i++) t[c * n + i] = -t[c * n + i];
  return t;
}
