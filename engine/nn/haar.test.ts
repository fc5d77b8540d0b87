import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { haarOrthogonal } from './haar.ts';

describe('haarOrthogonal', () => {
  it('is orthogonal to 1e-13 (WᵀW = WWᵀ = I) and deterministic in the seed', () => {
    for (const n of [1, 2, 7, 60]) {
      const w = haarOrthogonal(n, createRng(1).fork(String(n)));
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let r = 0,
            c = 0;
          for (let k = 0; k < n; k++) {
            r += w[i * n + k] * w[j * n + k];
            c += w[k * n + i] * w[k * n + j];
          }
          expect(Math.abs(r - (i === j ? 1 : 0))).toBeLessThan(1e-13);
          expect(Math.abs(c - (i === j ? 1 : 0))).toBeLessThan(1e-13);
        }
      expect(haarOrthogonal(n, createRng(1).fork(String(n)))).toEqual(w);
    }
  });

  it('has Haar moments over 400 draws of 10×10: E[W_ij] = 0, E[W_ij²] = 1/n, E[tr W] = 0 (3 standard errors)', () => {
    const n = 10;
    const draws = 400;
    let m1 = 0,
      m2 = 0,
      tr = 0,
      tr2 = 0;
    for (let d = 0; d < draws; d++) {
      const w = haarOrthogonal(n, createRng(2).fork(String(d)));
      m1 += w[3 * n + 5];
      m2 += w[0] * w[0];
      let t = 0;
      for (let i = 0; i < n; i++) t += w[i * n + i];
      tr += t;
      tr2 += t * t;
    }
    // Var W_ij = 1/n; E[tr W] = 0 with Var = 1 for Haar O(n).
    expect(Math.abs(m1 / draws)).toBeLessThan(3 * Math.sqrt(1 / n / draws));
    expect(Math.abs(m2 / draws - 1 / n)).toBeLessThan(0.03);
    expect(Math.abs(tr / draws)).toBeLessThan(3 / Math.sqrt(draws));
    expect(Math.abs(tr2 / draws - 1)).toBeLessThan(0.25);
  });
});
