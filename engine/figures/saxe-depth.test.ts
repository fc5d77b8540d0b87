import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { timeToLearn } from '../analytic/saxe.ts';
import { balancedRate, learningTimeEq15, learningTimeEq17, stabilityLimit } from '../analytic/saxe-depth.ts';
import { chainBatch, chainProduct, chainStep } from '../nn/deep-chain.ts';
import { depthGrid, saxeDepth as spec } from './saxe-depth.ts';
import { runToEnd } from './test-util.ts';

const tol = spec.tolerances;
/** A summary entry that must be a number (a learning time that was reached). */
const num = (x: number | null | undefined): number => {
  if (typeof x !== 'number') throw new Error(`expected a number, got ${String(x)}`);
  return x;
};

describe('saxe-depth: theory', () => {
  it('eq. (15) at N_l = 3 is eq. (11) (tolerance eq15AtThree)', () => {
    for (const s of [0.5, 1, 2])
      for (const u0 of [1e-3, 0.1]) {
        const a = learningTimeEq15(3, s, u0, 0.99 * s, 7);
        const b = timeToLearn(s, u0, 0.99 * s, 7);
        expect(Math.abs(a - b) / b).toBeLessThan(tol.eq15AtThree.value);
      }
    // and the right-hand side of (15) at N_l = 3 is that of eq. (10), 2u(s − u)
    expect(balancedRate(0.3, 1, 3)).toBeCloseTo(2 * 0.3 * 0.7, 14);
  });

  it('eq. (15) follows from eq. (14) on the balanced manifold: τ du/dt = D a^{D−1}·a^{D−1}(s − u)', () => {
    for (const depth of [4, 10, 50]) {
      const D = depth - 1;
      const a = 0.9;
      const u = a ** D;
      expect(balancedRate(u, 1.3, depth)).toBeCloseTo(D * a ** (2 * D - 2) * (1.3 - u), 12);
    }
  });

  it('eq. (17) approaches eq. (15) like 1/N_l (tolerance eq17VsEq15)', () => {
    let prev = Infinity;
    for (const depth of [100, 1000, 10000]) {
      const t15 = learningTimeEq15(depth, 1, 1e-3, 0.99, 1);
      const t17 = learningTimeEq17(depth, 1, 1e-3, 0.99, 1);
      const rel = Math.abs(t17 - t15) / t15;
      expect(depth * rel).toBeLessThan(tol.eq17VsEq15.value);
      expect(rel).toBeLessThan(prev);
      prev = rel;
    }
  });

  it('the quadrature is additive over subintervals to 1e-10 (a convergence check without a second integrator)', () => {
    // Additivity over [u0, um] + [um, uf] checks the quadrature without another integrator.
    for (const depth of [5, 30]) {
      const whole = learningTimeEq15(depth, 1, 1e-3, 0.99, 1);
      const parts = learningTimeEq15(depth, 1, 1e-3, 0.2, 1) + learningTimeEq15(depth, 1, 0.2, 0.99, 1);
      expect(Math.abs(whole - parts) / whole).toBeLessThan(1e-10);
    }
  });

  it('gradient descent on eq. (14) at a small rate follows eq. (15) along the way (N_l = 10, λ = 1e-3: u within 1 % at the eq. (15) times of u = 0.1, 0.5, 0.9)', () => {
    const lr = 1e-3;
    const b = chainBatch([{ D: 9, lr, s: 1, a0: Math.pow(1e-3, 1 / 9) }]);
    let t = 0;
    for (const target of [0.1, 0.5, 0.9]) {
      const when = Math.round(learningTimeEq15(10, 1, 1e-3, target, 1 / lr));
      while (t < when) {
        chainStep(b, 0);
        t++;
      }
      expect(Math.abs(chainProduct(b, 0) - target) / target).toBeLessThan(0.01);
    }
    // A balanced start stays balanced (to rounding).
    const a = b.a;
    for (let i = 1; i < 9; i++) expect(Math.abs(a[i] - a[0])).toBeLessThan(1e-12);
  });
});

describe('saxe-depth: figure', () => {
  it('simulated learning times match eq. (15) at a small fixed rate (tolerance simVsEq15)', async () => {
    const { last } = await runToEnd(tf, spec, { rule: 'fixed', learningRate: 1e-3, minDepth: 3, maxDepth: 30, depthCount: 4 });
    expect(last.status).toBe('done');
    expect(depthGrid(3, 30, 4)).toEqual([3, 6, 14, 30]);
    expect(last.summary.depths).toEqual([3, 6, 14, 30]);
    for (let i = 0; i < 4; i++) {
      const sim = num(last.summary.fixedTime[i]);
      const theory = num(last.summary.fixedEq15[i]);
      expect(Math.abs(sim - theory) / theory).toBeLessThan(tol.simVsEq15.value);
    }
    // Only the fixed rule was run: the others' entries are null.
    expect(last.summary.scaledTime).toEqual([null, null, null, null]);
    expect(last.summary.bestRate).toEqual([null, null, null, null]);
    expect(last.checks.map((c) => c.label)).toEqual(['max over depths of |t − t(eq. 15)| / t(eq. 15), fixed rate']);
    const check = last.checks[0];
    expect(check.value).toBeLessThan(tol.simVsEq15.value);
    expect(check.tolerance).toBe(tol.simVsEq15.value);
    expect(check.against).toBe('eq. (15) integrated, at λ₀');
  });

  it('with the rate ∝ 1/N_l the learning time saturates; with a fixed rate it falls (tolerance saturation)', async () => {
    const { last } = await runToEnd(tf, spec, { rule: 'all', minDepth: 30, maxDepth: 50, depthCount: 2, sweepRates: 4, sweepMin: 0.01, sweepMax: 0.1 });
    expect(last.summary.depths).toEqual([30, 50]);
    const [sc30, sc50] = last.summary.scaledTime.map(num);
    expect((sc50 - sc30) / sc30).toBeGreaterThan(0);
    expect((sc50 - sc30) / sc30).toBeLessThan(tol.saturation.value);
    const [fx30, fx50] = last.summary.fixedTime.map(num);
    expect((fx30 - fx50) / fx30).toBeGreaterThan(0.2);
    // The asymptote eq. (17) for the scaled rule is one constant, above every finite depth.
    const a30 = num(last.summary.scaledEq17[0]);
    expect(num(last.summary.scaledEq17[1])).toBeCloseTo(a30, 6);
    expect(sc50).toBeLessThan(a30);
    // Not the tested setting of simVsEq15: no tolerance on the read-out.
    for (const c of last.checks) expect(c.tolerance).toBeUndefined();
    expect(last.checks.map((c) => c.label.split(', ').at(-1))).toEqual(['fixed rate', 'rate ∝ 1/Nₗ', 'best rate (sweep)']);
  });

  it('the sweep finds a best rate ∝ 1/N_l, below the stability limit, and the batch streams frames', async () => {
    const { frames, last } = await runToEnd(tf, spec, { rule: 'sweep', minDepth: 5, maxDepth: 80, depthCount: 5 });
    const depths = last.summary.depths;
    const best = last.summary.bestRate.map(num);
    expect(last.summary.stabilityLimit).toEqual(depths.map((d) => stabilityLimit(d, 1)));
    for (const [i, d] of depths.entries()) {
      expect(best[i]).toBeLessThan(stabilityLimit(d, 1) * 1.05);
      // within one grid step (×1.44) of the limit
      expect(best[i]).toBeGreaterThan(stabilityLimit(d, 1) / 1.44 / 1.44);
    }
    for (let i = 1; i < best.length; i++) expect(best[i]).toBeLessThanOrEqual(best[i - 1]);
    const ratio = (best[0] * depths[0]) / (best.at(-1)! * depths.at(-1)!);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    // First frame: theory only, at once; later frames add points; progress never goes back.
    expect(frames[0].series.filter((s) => s.kind === 'sim').every((s) => s.points.length === 0)).toBe(true);
    // Every series has a declared kind: eq. (17) (dotted) is one of them, in the legend.
    expect(spec.kinds.eq17.style).toBe('dotted');
    expect(frames.length).toBeGreaterThan(3);
    for (let i = 1; i < frames.length; i++) expect(frames[i].progress).toBeGreaterThanOrEqual(frames[i - 1].progress);
    expect(spec.describe(last)).toMatch(/best rate of the sweep falls from/);
  });

  it('marks the depths where a fixed rate is unstable, with a note', async () => {
    const { last } = await runToEnd(tf, spec, { rule: 'fixed', learningRate: 0.5, minDepth: 3, maxDepth: 40, depthCount: 4 });
    expect(last.summary.depths.at(-1)).toBe(40);
    expect(last.summary.fixedTime.at(-1)).toBeNull();
    expect(last.summary.fixedDiverged).toContain(40);
    expect(typeof last.summary.fixedTime[0]).toBe('number');
    expect(last.notes.join(' ')).toMatch(/fixed rate: diverged at Nₗ = .*40/);
  });
});
