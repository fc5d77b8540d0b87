import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chainBatch, chainStep } from '../nn/deep-chain.ts';
import { saxeDepthBalance as spec, unbalancedStart } from './saxe-depth-balance.ts';
import { runToEnd } from './test-util.ts';

const tol = spec.tolerances;

describe('saxe-depth-balance', () => {
  it('one gradient-descent step multiplies each gap a_i² − a_j² by 1 − λ²(s − u)² Π_{m≠i,j} a_m² (tolerance stepIdentity)', () => {
    const D = 7;
    const lr = 0.05;
    const s = 1.5;
    const start = unbalancedStart(D, 0.05, 0.4, 3);
    const b = chainBatch([{ D, lr, s, a0: 0 }]);
    b.a.set(start);
    const u = start.reduce((x, y) => x * y, 1);
    chainStep(b, 0);
    for (let i = 0; i < D; i++)
      for (let j = i + 1; j < D; j++) {
        let P = 1;
        for (let m = 0; m < D; m++) if (m !== i && m !== j) P *= start[m] ** 2;
        const c0 = start[i] ** 2 - start[j] ** 2;
        const c1 = b.a[i] ** 2 - b.a[j] ** 2;
        const predicted = c0 * (1 - lr * lr * (s - u) ** 2 * P);
        expect(Math.abs(c1 - predicted) / Math.abs(c0)).toBeLessThan(tol.stepIdentity.value);
      }
  });

  it('the flow conserves the gaps; gradient descent drifts within the bound, O(λ) per unit time (tolerances flowConserves, driftScaling)', async () => {
    const a = (await runToEnd(tf, spec, {})).last;
    const b = (await runToEnd(tf, spec, { learningRate: 0.01, steps: 4000 })).last;
    expect(a.status).toBe('done');
    expect(a.summary.driftFlow).toBeLessThan(tol.flowConserves.value);
    const da = a.summary.driftDescent;
    const db = b.summary.driftDescent;
    expect(da).toBeGreaterThan(1e3 * tol.flowConserves.value);
    expect(da).toBeLessThanOrEqual(a.summary.driftBound);
    expect(Math.abs(da / db - 2) / 2).toBeLessThan(tol.driftScaling.value);
    // Both learn the mode: u → s.
    expect(a.summary.finalUDescent).toBeCloseTo(1, 6);
    expect(a.summary.finalUFlow).toBeCloseTo(1, 6);
    // The read-out: the flow against the conservation law (tested at the defaults), gradient descent against the bound.
    const [flow, descent] = a.checks;
    expect(flow.label).toBe('max |Δ(aᵢ² − aⱼ²)|, gradient flow (RK4)');
    expect(flow.value).toBe(a.summary.driftFlow);
    expect(flow.against).toMatch(/conservation law of eq\. \(14\)/);
    expect(flow.tolerance).toBe(tol.flowConserves.value);
    expect(descent.value).toBeCloseTo(da / a.summary.driftBound, 12);
    expect(descent.value).toBeLessThanOrEqual(1);
    expect(descent.against).toMatch(/our bound/);
    expect(descent.tolerance).toBe(1);
    // The start's imbalance is reported, but it is not a gap to theory.
    expect(a.summary.initialGap).toBeGreaterThan(0);
    for (const c of a.checks) expect(c.value).not.toBe(a.summary.initialGap);
    // Away from the tested defaults the flow check carries no tolerance.
    expect(b.checks[0].tolerance).toBeUndefined();
    // The bound holds at every recorded step.
    const gd = a.series.find((s) => s.name.startsWith('gradient descent: max'))!.points;
    const bound = new Map(a.series.find((s) => s.name.startsWith('bound'))!.points.map(([t, y]) => [t, y]));
    for (const [t, y] of gd) expect(y).toBeLessThanOrEqual(bound.get(t)! * (1 + 1e-9));
  });

  it('gradient descent stays within the bound at other rates and depths too', async () => {
    for (const set of [{ learningRate: 0.1 }, { learningRate: 0.01, steps: 4000 }, { depth: 5, learningRate: 0.2, steps: 500 }]) {
      const { last } = await runToEnd(tf, spec, set);
      expect(last.status).toBe('done');
      expect(last.summary.driftDescent).toBeLessThanOrEqual(last.summary.driftBound * (1 + 1e-9));
    }
  });

  it('a balanced start stays balanced and the unbalanced start has product u0', () => {
    const z = unbalancedStart(19, 1e-3, 0.3, 1);
    expect(z.reduce((x, y) => x * y, 1)).toBeCloseTo(1e-3, 15);
    const flat = unbalancedStart(19, 1e-3, 0, 1);
    for (const x of flat) expect(x).toBeCloseTo(Math.pow(1e-3, 1 / 19), 14);
  });
});
