import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Vec2 } from '../analytic/decoupling.ts';
import { coupledToy, dualKernel, dualStep, dualTheta, entropy, fixedPoint, output, primalStep, responses } from '../analytic/decoupling.ts';
import { nodeTf } from '../tf-node.ts';
import { type CoupledToySummary, DUAL_LR, DUAL_START, familyOf, gsCoupledToy as spec } from './gs-coupled-toy.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const summary = (f: { summary: unknown }) => f.summary as CoupledToySummary;
const check = (f: { checks: { label: string; value: number; tolerance?: number }[] }, prefix: string) => {
  const c = f.checks.find((x) => x.label.startsWith(prefix));
  if (!c) throw new Error(`no check "${prefix}"`);
  return c;
};
const rel = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]) / Math.hypot(b[0], b[1]);

describe('gs-coupled-toy: the analytic layer', () => {
  it('Legendre identity: log(1 + e^−x) = max over α of H(α) − αx, attained at α = σ(−x)', () => {
    for (const x of [-6, -2, -0.5, 0, 0.3, 1, 2.5, 5, 9]) {
      const target = Math.log1p(Math.exp(-x));
      const star = 1 / (1 + Math.exp(x));
      expect(Math.abs(entropy(star) - star * x - target)).toBeLessThan(1e-12);
      // An independent search over α: no α does better (grid of 10⁵ points), and the best grid point is next to σ(−x).
      let best = -Infinity;
      let arg = 0;
      for (let i = 1; i < 100000; i++) {
        const a = i / 100000;
        const v = entropy(a) - a * x;
        if (v > best) [best, arg] = [v, a];
      }
      expect(best).toBeLessThanOrEqual(target + 1e-12);
      expect(target - best).toBeLessThan(1e-6);
      expect(Math.abs(arg - star)).toBeLessThan(2e-4);
    }
  });

  it('Newton’s fixed point of cross-entropy + ridge is where a long primal and a long dual run both end (tolerance fixedPointIdentity)', () => {
    const tol = spec.tolerances.fixedPointIdentity.value;
    for (const s1 of [2, 4, 6, 8]) {
      const toy = coupledToy(s1, 2, 30, 100);
      const zStar = fixedPoint(toy, 'ce');
      let theta: Vec2 = [0, 0];
      for (let t = 0; t < 100000; t++) theta = primalStep(toy, 'ce', theta, 0.02);
      expect(rel(responses(toy, output(toy, theta)), zStar)).toBeLessThan(tol);
      const K = dualKernel(toy);
      let alpha: Vec2 = [DUAL_START, DUAL_START];
      for (let t = 0; t < 400000; t++) alpha = dualStep(toy, K, alpha, DUAL_LR);
      expect(rel(responses(toy, output(toy, dualTheta(toy, alpha))), zStar)).toBeLessThan(tol);
    }
  });

  it('the fixed points: starvation under cross-entropy (independent NumPy values), none under SD or the squared loss', () => {
    // z₂* = 1.640, 1.467, 1.185, 0.915 for s₁ = 2, 4, 6, 8 (spec §5, an independent NumPy run), to 3 decimals.
    const z2 = [2, 4, 6, 8].map((s1) => fixedPoint(coupledToy(s1, 2, 30, 100), 'ce')[1]);
    [1.64, 1.467, 1.185, 0.915].forEach((v, i) => expect(Math.abs(z2[i] - v)).toBeLessThan(5e-4));
    // Squared: exactly Uᵀy = (cos 30° + sin 30°, cos 30° − sin 30°).
    const c = Math.cos(Math.PI / 6);
    for (const s1 of [1, 3, 8]) expect(fixedPoint(coupledToy(s1, 2, 30, 100), 'squared')).toEqual(responses(coupledToy(s1, 2, 30, 100), [1, 1]));
    expect(Math.abs(fixedPoint(coupledToy(5, 2, 30, 100), 'squared')[0] - (c + 0.5))).toBeLessThan(1e-15);
    expect(Math.abs(fixedPoint(coupledToy(5, 2, 30, 100), 'squared')[1] - (c - 0.5))).toBeLessThan(1e-15);
    // SD: the same z* for every s₁ and s₂ (bit for bit: Φ does not enter), ≈ (6.37, 1.70) as in the blog post.
    const sd = fixedPoint(coupledToy(2, 2, 30, 100), 'sd');
    for (const [s1, s2] of [[3, 2], [8, 2], [5, 0.5]]) expect(fixedPoint(coupledToy(s1, s2, 30, 100), 'sd')).toEqual(sd);
    expect(Math.abs(sd[0] - 6.37)).toBeLessThan(0.005);
    expect(Math.abs(sd[1] - 1.7)).toBeLessThan(0.01);
    // Without coupling (0°) cross-entropy's z₂ no longer depends on s₁.
    const z2free = [2, 5, 8].map((s1) => fixedPoint(coupledToy(s1, 2, 0, 100), 'ce')[1]);
    expect(Math.abs(z2free[0] - z2free[2])).toBeLessThan(1e-12);
    expect(Math.abs(z2free[1] - z2free[2])).toBeLessThan(1e-12);
  });
});

describe('gs-coupled-toy: the figure', () => {
  it('draws 2, 3, …, s₁', () => {
    expect(familyOf(6)).toEqual([2, 3, 4, 5, 6]);
    expect(familyOf(4.5)).toEqual([2, 3, 4, 4.5]);
    expect(familyOf(1.5)).toEqual([1.5]);
  });

  it('at the paper’s setting, s₁ = 2 … 8: the dual tracks the primal (dualPath), the runs end at their fixed points (ceFixedPoint, sdFixedPoint)', async () => {
    const { last } = await runToEnd(tf, spec, { s1: 8 });
    expect(last.status).toBe('done');
    const d = check(last, 'max distance of a dual path');
    expect(d.value).toBeLessThan(spec.tolerances.dualPath.value);
    expect(d.tolerance).toBe(spec.tolerances.dualPath.value);
    expect(check(last, 'max |z(end of run) − z*| / |z*|, cross-entropy').value).toBeLessThan(spec.tolerances.ceFixedPoint.value);
    const sd = check(last, 'max |z(end of run) − z*| / |z*|, spectral');
    expect(sd.value).toBeLessThan(spec.tolerances.sdFixedPoint.value);
    // SD's final responses do not depend on s₁ (within sdFixedPoint), cross-entropy's z₂ falls with s₁.
    const s = summary(last);
    const z2 = s.familyZ2CrossEntropy as number[];
    for (let i = 1; i < z2.length; i++) expect(z2[i]).toBeLessThan(z2[i - 1]);
    // The primal after 5000 steps (this site's own Float64 run): 1.640, 1.466, 1.180, 0.903 at s₁ = 2, 4, 6, 8.
    [1.64, 1.466, 1.18, 0.903].forEach((v, i) => expect(Math.abs(z2[2 * i] - v)).toBeLessThan(5e-4));
    const [a, b] = s.spectralDecoupling as number[];
    expect(rel([a, b], s.spectralDecouplingFixedPoint)).toBeLessThan(spec.tolerances.sdFixedPoint.value);
    // Out of the paper's setting the read-out shows no tolerance.
    const off = await runToEnd(tf, spec, { s1: 3, C: 200, steps: 1000 });
    expect(off.last.checks.every((c) => c.tolerance === undefined)).toBe(true);
  });

  it('squared loss ends at Uᵀy exactly for s₁ ≤ 6, and diverges for η s₁² > 2 with a note (squaredFixedPoint)', async () => {
    const { last } = await runToEnd(tf, spec, { s1: 8, compare: 'squared' });
    const s = summary(last);
    expect(s.squared).toEqual([null, null]);
    expect(last.notes.some((n) => /s₁ = 8 diverged .*η s₁² = 3.2 > 2/.test(n))).toBe(true);
    expect(last.status).toBe('done');
    expect(check(last, 'max |z(end of run) − z*| / |z*|, squared').value).toBeLessThan(spec.tolerances.squaredFixedPoint.value);
    const six = summary((await runToEnd(tf, spec, { s1: 6, compare: 'squared' })).last);
    expect(rel(six.squared as number[], six.squaredFixedPoint)).toBeLessThan(spec.tolerances.squaredFixedPoint.value);
  });

  it('the CLI summary reports the final responses per loss; frames stream and the last is the paper’s setting', async () => {
    const { frames, last } = await runToEnd(tf, spec, { s1: 6 });
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0].step).toBe(0);
    const s = summary(last);
    expect(s.crossEntropy.every((v) => typeof v === 'number')).toBe(true);
    expect(Math.abs((s.crossEntropy[1] as number) - 1.18)).toBeLessThan(5e-4);
    expect(rel(s.dual, s.crossEntropyFixedPoint)).toBeLessThan(1e-5);
    expect(spec.describe(last)).toMatch(/final \|z₂\| is 1\.64 at s₁ = 2, 1\.58 at s₁ = 3/);
  });
});
