import { describe, expect, it } from 'vitest';
import { factoredProduct, householderT, mul, mulTransAInto, singularValues, symEig, transposeOf } from './linalg.ts';
import { gaussianMatrix, orthogonal } from './nn/orthogonal.ts';
import { createRng } from './rng.ts';

/** Factor d of ensemble member m of figure saxe-random-spectra (Gaussian kind): N×N with entries N(0, 1/N). */
function figureFactor(seed: number, m: number, d: number, N: number): Float64Array {
  return gaussianMatrix(N, N, createRng(seed).fork(`member ${m}`).fork(`factor ${d}`), 1 / Math.sqrt(N)).data;
}

function multipliedOut(factors: Float64Array[], n: number): Float64Array {
  let p = factors[0];
  for (const w of factors.slice(1)) p = mul(w, p, n, n, n);
  return p;
}

describe('factoredProduct (P = W_d ⋯ W_1 kept as Q·T)', () => {
  it('multiplies out to the plain product, and a few well-conditioned factors give its singular values', () => {
    const n = 20;
    const factors = [1, 2, 3].map((d) => figureFactor(5, 0, d, n));
    const P = factoredProduct(n);
    expect(Array.from(P.product())).toEqual(Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0)));
    for (const w of factors) P.push(w);
    expect(P.count).toBe(3);
    const plain = multipliedOut(factors, n);
    const q = P.product();
    for (let i = 0; i < n * n; i++) expect(Math.abs(q[i] - plain[i])).toBeLessThan(1e-14);
    const a = P.singularValues();
    const b = singularValues(plain, n);
    for (let i = 0; i < n; i++) expect(Math.abs(a[i] - b[i]) / b[i]).toBeLessThan(1e-11);
  });

  it('of random orthogonal factors has every singular value 1 to 1e-13', () => {
    const P = factoredProduct(60);
    for (let d = 0; d < 8; d++) P.push(orthogonal(60, 60, createRng(6).fork(String(d))).data);
    for (const v of P.singularValues()) expect(Math.abs(v - 1)).toBeLessThan(1e-13);
  });

  // Σ_k log σ_k = log |det P| = Σ_d log |det W_d|, and |det W_d| = Π_i |R_ii| of its QR. The sum weighs every σ_k
  // alike, so it checks the smallest ones, which the multiplied-out product loses.
  const logDet = (factors: Float64Array[], N: number) =>
    factors.reduce((acc, w) => acc + householderT(transposeOf(w, N, N), N, N).diag.reduce((a, r) => a + Math.log(Math.abs(r)), 0), 0);
  const sumLog = (xs: Float64Array) => xs.reduce((acc, v) => acc + Math.log(v), 0);

  it('keeps all singular values of 16 Gaussian 100×100 factors (the figure default): Π σ_k = Π |det W_d| to 1e-12', () => {
    const N = 100;
    const factors = Array.from({ length: 16 }, (_, d) => figureFactor(1, 0, d + 1, N));
    const P = factoredProduct(N);
    for (const w of factors) P.push(w);
    const s = P.singularValues();
    const exact = logDet(factors, N);
    expect(s[N - 1] / s[0]).toBeLessThan(1e-16);
    expect(Math.abs(sumLog(s) - exact)).toBeLessThan(1e-12 * Math.abs(exact));
    expect(Math.abs(sumLog(singularValues(multipliedOut(factors, N), N)) - exact)).toBeGreaterThan(0.1);
  });

  it('converges at the figure’s largest size, 500×500 (its smallest σ, near 1e-27 σ_max, takes about 100 QR sweeps)', () => {
    const N = 500;
    const factors = Array.from({ length: 16 }, (_, d) => figureFactor(1, 0, d + 1, N));
    const P = factoredProduct(N);
    for (const w of factors) P.push(w);
    const s = P.singularValues();
    const exact = logDet(factors, N);
    expect(s[N - 1] / s[0]).toBeLessThan(1e-24);
    expect(Math.abs(sumLog(s) - exact)).toBeLessThan(1e-12 * Math.abs(exact));
  });
});

describe('the eigenvalue problem on which the old implicit QL stalled', () => {
  it('converges for PᵀP of the saxe-random-spectra product at N = 300, 14 factors (seed 1, first member)', () => {
    // The old purely relative deflation test (|e_m| ≤ ε(|d_m| + |d_{m+1}|)) never held inside the cluster of
    // eigenvalues of PᵀP at the rounding level ε σ_max², and the iteration gave up ("no convergence"). tql2 compares
    // with the largest |d| + |e| met so far. The SVD works on P itself and needs no Gram matrix at all.
    const N = 300;
    const P = multipliedOut(
      Array.from({ length: 14 }, (_, d) => figureFactor(1, 0, d + 1, N)),
      N,
    );
    const s = singularValues(P, N);
    const G = mulTransAInto(P, P, N, N, N, new Float64Array(N * N));
    const ev = symEig({ rows: N, cols: N, data: G }).values;
    const s1 = s[0];
    expect(s[N - 1] / s1).toBeLessThan(1e-16);
    for (let k = 0; k < N; k++) {
      // Both are backward stable: eigenvalues of the Gram matrix carry absolute errors of order ε σ_max².
      expect(Math.abs(ev[k] - s[k] * s[k])).toBeLessThan(1e-13 * s1 * s1);
      if (s[k] > 1e-4 * s1) expect(Math.abs(Math.sqrt(ev[k]) - s[k]) / s[k]).toBeLessThan(1e-6);
    }
  });
});
