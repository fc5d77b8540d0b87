/**
 * The Bartlett factor against drawing the Gaussian matrix itself: moments of the Gram matrix over many draws
 * (Wishart_p(n, σ²I): E[S_ij] = nσ²δ_ij, Var S_ii = 2nσ⁴, Var S_ij = nσ⁴ for i ≠ j), and the gamma sampler's
 * mean and variance. Tolerances: 5 standard errors of each estimate (fixed seeds, so the test is deterministic).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { bartlettFactor, chiSquared, gamma } from './wishart.ts';

function meanVar(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) };
}

describe('Wishart sampling by the Bartlett decomposition', () => {
  it.each([1, 1.5, 16, 484])('Gamma(%s, 1): mean and variance equal the shape (5 standard errors)', (shape) => {
    const rng = createRng(7);
    const N = 20_000;
    const { mean, variance } = meanVar(Array.from({ length: N }, () => gamma(shape, rng)));
    expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
    // Var of the sample variance ≈ (μ4 − σ⁴)/N with μ4 = 3k² + 6k for Gamma(k, 1).
    expect(Math.abs(variance - shape)).toBeLessThan(5 * Math.sqrt((3 * shape ** 2 + 6 * shape - shape ** 2) / N));
  });

  it('χ²(k) has mean k and variance 2k', () => {
    const rng = createRng(8);
    const { mean, variance } = meanVar(Array.from({ length: 20_000 }, () => chiSquared(968, rng)));
    expect(Math.abs(mean - 968)).toBeLessThan(5 * Math.sqrt(2 * 968 / 20_000));
    expect(Math.abs(variance / (2 * 968) - 1)).toBeLessThan(0.05);
  });

  it('CᵀC has the moments of GᵀG for G n×p i.i.d. N(0, σ²) (p = 4, n = 30, σ = 0.5), as a direct draw does', () => {
    const p = 4;
    const n = 30;
    const sigma = 0.5;
    const N = 20_000;
    const rng = createRng(9);
    const direct = createRng(10);
    const entries = (S: (i: number, j: number) => number) => [S(0, 0), S(p - 1, p - 1), S(0, 1), S(1, p - 1)];
    const fromC: number[][] = [];
    const fromG: number[][] = [];
    for (let t = 0; t < N; t++) {
      const C = bartlettFactor(p, n, sigma, rng);
      fromC.push(entries((i, j) => {
        let s = 0;
        for (let k = 0; k < p; k++) s += C.data[k * p + i] * C.data[k * p + j];
        return s;
      }));
      const G = Array.from({ length: n * p }, () => sigma * direct.normal());
      fromG.push(entries((i, j) => {
        let s = 0;
        for (let k = 0; k < n; k++) s += G[k * p + i] * G[k * p + j];
        return s;
      }));
    }
    const s2 = sigma ** 2;
    const want = [
      { mean: n * s2, variance: 2 * n * s2 ** 2 },
      { mean: n * s2, variance: 2 * n * s2 ** 2 },
      { mean: 0, variance: n * s2 ** 2 },
      { mean: 0, variance: n * s2 ** 2 },
    ];
    for (const sample of [fromC, fromG]) {
      want.forEach((w, e) => {
        const { mean, variance } = meanVar(sample.map((row) => row[e]));
        expect(Math.abs(mean - w.mean)).toBeLessThan(5 * Math.sqrt(w.variance / N));
        expect(Math.abs(variance / w.variance - 1)).toBeLessThan(0.06);
      });
    }
  });

  it('refuses n ≤ p (a singular Wishart has no such factor: draw the coordinates instead)', () => {
    expect(() => bartlettFactor(4, 4, 1, createRng(1))).toThrow(/needs n > p/);
  });
});
