import { describe, expect, it } from 'vitest';
import { eigenvalues, fromRows, hypot, matmul, symEig, transpose, zeros } from './linalg.ts';
import { gaussianMatrix, orthogonal } from './nn/orthogonal.ts';
import { createRng } from './rng.ts';

/** Sort complex values by (re, im) for comparison. */
function sorted(re: ArrayLike<number>, im: ArrayLike<number>): [number, number][] {
  return Array.from(re, (r, i) => [r, im[i]] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function maxPairDist(a: [number, number][], b: [number, number][]): number {
  // Greedy matching (values are distinct in these tests).
  const left = b.slice();
  let worst = 0;
  for (const p of a) {
    let best = Infinity;
    let arg = -1;
    left.forEach((q, i) => {
      const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
      if (d < best) [best, arg] = [d, i];
    });
    left.splice(arg, 1);
    worst = Math.max(worst, best);
  }
  return worst;
}

describe('hypot', () => {
  it('is √(x² + y²) without overflow or underflow', () => {
    expect(hypot(3, -4)).toBe(5);
    expect(hypot(3e200, 4e200)).toBeCloseTo(5e200, -186);
    expect(hypot(3e-200, 4e-200) / 5e-200).toBeCloseTo(1, 14);
    expect(hypot(0, 0)).toBe(0);
    expect(hypot(Infinity, 1)).toBe(Infinity);
  });
});

describe('eigenvalues (Hessenberg + Francis double-shift QR)', () => {
  it('of diagonal and triangular matrices are the diagonal', () => {
    const m = fromRows([
      [4, 1, 2, 3],
      [0, -1, 5, 1],
      [0, 0, 2.5, 9],
      [0, 0, 0, 0.5],
    ]);
    const { re, im } = eigenvalues(m.data, 4);
    expect(sorted(re, im)).toEqual([
      [-1, 0],
      [0.5, 0],
      [2.5, 0],
      [4, 0],
    ]);
  });

  it('of a 2-D rotation by θ are e^{±iθ}', () => {
    const th = 0.7;
    const { re, im } = eigenvalues([Math.cos(th), -Math.sin(th), Math.sin(th), Math.cos(th)], 2);
    const got = sorted(re, im);
    expect(got[0][0]).toBeCloseTo(Math.cos(th), 14);
    expect(got[0][1]).toBeCloseTo(-Math.sin(th), 14);
    expect(got[1][1]).toBeCloseTo(Math.sin(th), 14);
  });

  it('of the companion matrix of a polynomial are its roots (to 1e-9)', () => {
    // (x − 1)(x + 2)(x − 3)(x² + 2x + 5): roots 1, −2, 3, −1 ± 2i.
    const roots: [number, number][] = [
      [1, 0],
      [-2, 0],
      [3, 0],
      [-1, 2],
      [-1, -2],
    ];
    // Expand the monic polynomial from its roots (complex arithmetic).
    let coef: [number, number][] = [[1, 0]];
    for (const [rr, ri] of roots) {
      const next: [number, number][] = Array.from({ length: coef.length + 1 }, () => [0, 0] as [number, number]);
      coef.forEach(([cr, ci], k) => {
        next[k + 1][0] += cr;
        next[k + 1][1] += ci;
        next[k][0] -= cr * rr - ci * ri;
        next[k][1] -= cr * ri + ci * rr;
      });
      coef = next;
    }
    // coef[k] multiplies x^k, coef[5] = 1. Companion: ones on the subdiagonal, −c_k in the last column.
    const n = 5;
    const c = zeros(n, n);
    for (let i = 1; i < n; i++) c.data[i * n + i - 1] = 1;
    for (let i = 0; i < n; i++) c.data[i * n + n - 1] = -coef[i][0];
    const { re, im } = eigenvalues(c.data, n);
    expect(maxPairDist(sorted(re, im), sorted(roots.map((r) => r[0]), roots.map((r) => r[1])))).toBeLessThan(1e-9);
  });

  it('of a random orthogonal matrix lie on the unit circle (|λ| − 1 < 1e-12), in conjugate pairs', () => {
    const q = orthogonal(100, 100, createRng(7));
    const { re, im } = eigenvalues(q.data, 100);
    for (let i = 0; i < 100; i++) expect(Math.abs(Math.hypot(re[i], im[i]) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(im.reduce((a, b) => a + b, 0))).toBeLessThan(1e-10);
  });

  it('of a symmetric matrix are real and agree with symEig; sum = trace and sum of squares = trace(A²) for a random matrix', () => {
    const rng = createRng(8);
    const g = gaussianMatrix(30, 30, rng);
    const s = matmul(g, transpose(g));
    const { re, im } = eigenvalues(s.data, 30);
    const sym = Array.from(symEig(s).values).reverse();
    const got = Array.from(re).sort((a, b) => a - b);
    for (let i = 0; i < 30; i++) {
      expect(Math.abs(im[i])).toBeLessThan(1e-9);
      expect(Math.abs(got[i] - sym[i])).toBeLessThan(1e-9 * sym[29]);
    }
    // Nonsymmetric: Σλ = trace and Σλ² = trace(A²).
    const a = gaussianMatrix(40, 40, rng);
    const e = eigenvalues(a.data, 40);
    let tr = 0;
    for (let i = 0; i < 40; i++) tr += a.data[i * 40 + i];
    const a2 = matmul(a, a);
    let tr2 = 0;
    for (let i = 0; i < 40; i++) tr2 += a2.data[i * 40 + i];
    let sr = 0,
      si = 0,
      s2r = 0,
      s2i = 0;
    for (let i = 0; i < 40; i++) {
      sr += e.re[i];
      si += e.im[i];
      s2r += e.re[i] ** 2 - e.im[i] ** 2;
      s2i += 2 * e.re[i] * e.im[i];
    }
    expect(Math.abs(sr - tr)).toBeLessThan(1e-10);
    expect(Math.abs(si)).toBeLessThan(1e-10);
    expect(Math.abs(s2r - tr2)).toBeLessThan(1e-9);
    expect(Math.abs(s2i)).toBeLessThan(1e-9);
  });

  it('handles 0×0, 1×1 and the zero matrix', () => {
    expect(eigenvalues([], 0).re.length).toBe(0);
    expect(Array.from(eigenvalues([2.5], 1).re)).toEqual([2.5]);
    const z = eigenvalues(new Float64Array(9), 3);
    expect(Array.from(z.re)).toEqual([0, 0, 0]);
  });
});
