import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { timeToLearn } from '../analytic/saxe.ts';
import { balancedRate, learningTimeEq15, learningTimeEq17, stabilityLimit } from '../analytic/saxe-depth.ts';
import { chainBatch, chainProduct, chainStep } from '../nn/deep-chain.ts';
import { depthGrid, saxeDepth as spec } from './saxe-depth.ts';
import { runToEnd } from './test-util.ts';

const num = (x: unknown) => x as number;
const tol = spec.tolerances;

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
    for (const d of [3, 6, 14, 30]) {
      const sim = num(last.summary[`N_l = ${d}: fixed rate, learning time`]);
      const theory = num(last.summary[`N_l = ${d}: fixed rate, eq. (15)`]);
      expect(Math.abs(sim - theory) / theory).toBeLessThan(tol.simVsEq15.value);
    }
    expect(num(last.summary['fixed rate: max |simulation − eq. (15)| / eq. (15)'])).toBeLessThan(tol.simVsEq15.value);
  });

  it('with the rate ∝ 1/N_l the learning time saturates; with a fixed rate it falls (tolerance saturation)', async () => {
    const { last } = await runToEnd(tf, spec, { rule: 'all', minDepth: 30, maxDepth: 50, depthCount: 2, sweepRates: 4, sweepMin: 0.01, sweepMax: 0.1 });
    const sc30 = num(last.summary['N_l = 30: rate ∝ 1/N_l, learning time']);
    const sc50 = num(last.summary['N_l = 50: rate ∝ 1/N_l, learning time']);
    expect((sc50 - sc30) / sc30).toBeGreaterThan(0);
    expect((sc50 - sc30) / sc30).toBeLessThan(tol.saturation.value);
    const fx30 = num(last.summary['N_l = 30: fixed rate, learning time']);
    const fx50 = num(last.summary['N_l = 50: fixed rate, learning time']);
    expect((fx30 - fx50) / fx30).toBeGreaterThan(0.2);
    // The asymptote eq. (17) for the scaled rule is one constant, above every finite depth.
    const a30 = num(last.summary['N_l = 30: rate ∝ 1/N_l, eq. (17)']);
    expect(num(last.summary['N_l = 50: rate ∝ 1/N_l, eq. (17)'])).toBeCloseTo(a30, 6);
    expect(sc50).toBeLessThan(a30);
  });

  it('the sweep finds a best rate ∝ 1/N_l, below the stability limit, and the batch streams frames', async () => {
    const { frames, last } = await runToEnd(tf, spec, { rule: 'sweep', minDepth: 5, maxDepth: 80, depthCount: 5 });
    const depths = String(last.summary['depths']).split(', ').map(Number);
    const best = depths.map((d) => num(last.summary[`N_l = ${d}: best rate`]));
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
    expect(frames[0].series.filter((s) => s.role === 'simulation').every((s) => s.points.length === 0)).toBe(true);
    expect(frames.length).toBeGreaterThan(3);
    for (let i = 1; i < frames.length; i++) expect(frames[i].progress).toBeGreaterThanOrEqual(frames[i - 1].progress);
    expect(spec.describe(last)).toMatch(/best rate of the sweep falls from/);
  });

  it('marks the depths where a fixed rate is unstable, with a note', async () => {
    const { last } = await runToEnd(tf, spec, { rule: 'fixed', learningRate: 0.5, minDepth: 3, maxDepth: 40, depthCount: 4 });
    expect(last.summary['N_l = 40: fixed rate, learning time']).toBe('diverged');
    expect(typeof last.summary['N_l = 3: fixed rate, learning time']).toBe('number');
    expect(last.notes.join(' ')).toMatch(/fixed rate: diverged at N_l = .*40/);
  });
});
