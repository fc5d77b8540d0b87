import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { modeStrength } from '../analytic/saxe.ts';
import { nodeTf } from '../tf-node.ts';
import { saxePhasePortrait as spec } from './saxe-phase-portrait.ts';
import { runToEnd, series } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

describe('saxe-phase-portrait', () => {
  it('draws the series the page expects, on the right panels', async () => {
    const { last } = await runToEnd(tf, spec);
    const byPanel = (p: string) => last.series.filter((s) => s.panel === p).map((s) => s.name);
    expect(byPanel('phase')).toEqual([
      'trajectory 1 (gradient descent)',
      'trajectory 1: hyperbola a²−b² = c (exact)',
      'trajectory 2 (gradient descent)',
      'trajectory 2: hyperbola a²−b² = c (exact)',
      'fixed points ab = s (a>0)',
      'fixed points ab = s (a<0)',
      "saddle's stable manifold a = −b",
    ]);
    expect(byPanel('time').at(-1)).toBe('fixed point u = s');
    expect(byPanel('time')).toEqual([
      'trajectory 1: u = ab (gradient descent)',
      'trajectory 1: u(t), eq. (12)', // the default start 1 is balanced
      'trajectory 2: u = ab (gradient descent)',
      'trajectory 2: u(t), eq. (8) integrated (RK4)',
      'fixed point u = s',
    ]);
    for (const s of last.series) expect(s.group).toBe(spec.kinds[s.kind].role === 'guide' ? 'reference' : s.name.slice(0, 12));
    expect(last.series.filter((s) => s.panel === 'time').map((s) => s.kind)).toEqual(['descent', 'eq12', 'descent', 'rk4', 'target']);
    for (const name of ['fixed points ab = s (a>0)', 'fixed points ab = s (a<0)']) {
      for (const [a, b] of series(last, name).points) expect(a * b).toBeCloseTo(1, 12);
    }
    // Both default trajectories reach ab ≈ s, the first after a plateau.
    expect(last.summary.finalAb[0]).toBeCloseTo(1, 4);
    expect(last.summary.finalAb[1]).toBeCloseTo(1, 4);
    expect(last.summary.stepsTo90[0]).toBeGreaterThan(60);
    expect(last.summary.stepsTo90[1]).toBeLessThan(40);
    expect(spec.handles?.map((h) => [h.panel, h.x, h.y, h.label])).toEqual([
      ['phase', 'a1', 'b1', 'start 1'],
      ['phase', 'a2', 'b2', 'start 2'],
    ]);
  });

  it('gradient descent drifts off a² − b² only at O(λ²): |c(t) − c(0)| ≤ |c(0)| λ² Σ e² (tolerance gdDriftBound)', async () => {
    for (const lr of [0.02, 0.05, 0.2]) {
      const { last } = await runToEnd(tf, spec, { learningRate: lr, steps: 300 });
      for (const [k, a0, b0] of [
        [1, 0.02, 0.02],
        [2, 1.5, -0.4],
      ]) {
        const c0 = a0 * a0 - b0 * b0;
        // c ← c (1 − λ² e²) per step, e = s − ab (ab recorded at every step here).
        const us = series(last, `trajectory ${k}: u = ab (gradient descent)`).points.map((p) => p[1]);
        let sumE2 = 0;
        for (let i = 0; i < us.length - 1; i++) sumE2 += (1 - us[i]) ** 2;
        const drift = last.summary.drift[k - 1];
        expect(drift).toBeLessThanOrEqual(Math.abs(c0) * lr * lr * sumE2 * (1 + 1e-9) + 1e-15);
        // The summary's bound is the same sum, accumulated in the run.
        expect(last.summary.driftBound[k - 1]).toBeCloseTo(Math.abs(c0) * lr * lr * sumE2, 12);
        const check = last.checks.find((c) => c.label === `max |Δ(a² − b²)| / bound, trajectory ${k}`)!;
        expect(check.value).toBeLessThanOrEqual(spec.tolerances.gdDriftBound.value * (1 + 1e-9));
        expect(check.tolerance).toBe(spec.tolerances.gdDriftBound.value);
        if (c0 === 0) expect(drift).toBe(0);
      }
    }
    // Tolerance gdDriftDefaults: at the defaults the unbalanced trajectory keeps c to within 5 %.
    const { last } = await runToEnd(tf, spec);
    expect(last.summary.c[1]).toBeCloseTo(2.09, 12);
    expect(last.summary.drift[1] / 2.09).toBeLessThan(spec.tolerances.gdDriftDefaults.value);
    expect(last.summary.distanceFromHyperbola[1]).toBeLessThan(0.03);
  });

  it('a balanced start follows eq. (12) with τ = 1/λ at small λ (tolerance gdVsEq12)', async () => {
    const { last } = await runToEnd(tf, spec, { a1: 0.02, b1: 0.02, learningRate: 0.01, steps: 2000 });
    const sim = series(last, 'trajectory 1: u = ab (gradient descent)').points;
    const theory = series(last, 'trajectory 1: u(t), eq. (12)').points;
    expect(theory.length).toBe(sim.length);
    let worst = 0;
    for (const [t, u] of sim) worst = Math.max(worst, Math.abs(u - modeStrength(t, 1, 4e-4, 100)));
    expect(worst).toBeLessThan(spec.tolerances.gdVsEq12.value);
    expect(worst).toBeGreaterThan(0); // discrete steps are not the flow
    // The read-out's check is the same gap, over the recorded steps.
    const gap = last.checks.find((c) => c.label === 'max |ab − u(t)| / s, trajectory 1')!;
    expect(gap.against).toBe('eq. (12)');
    expect(gap.value).toBeCloseTo(worst, 12);
  });

  it('the RK4 overlay of an unbalanced start stays on its hyperbola and reaches ab = s', async () => {
    const { last } = await runToEnd(tf, spec, { learningRate: 0.01, steps: 1000 });
    const flow = series(last, 'trajectory 2: u(t), eq. (8) integrated (RK4)').points;
    const sim = series(last, 'trajectory 2: u = ab (gradient descent)').points;
    expect(flow[flow.length - 1][1]).toBeCloseTo(1, 6);
    let worst = 0;
    for (let i = 0; i < sim.length; i++) worst = Math.max(worst, Math.abs(sim[i][1] - flow[i][1]));
    expect(worst).toBeLessThan(0.01); // GD at λ = 0.01 against the flow (measured 0.005)
  });

  it('stops with status diverged and a plain-language note when λ is too large, never yielding NaN', async () => {
    const { last } = await runToEnd(tf, spec, { s: 3, learningRate: 1, a1: 1, b1: 1 });
    expect(last.status).toBe('diverged');
    expect(last.notes.join(' ')).toMatch(/Diverged at step \d+ \(trajectory \d\): the learning rate 1 is too large/);
    for (const s of last.series) for (const [x, y] of s.points) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    expect(spec.describe(last)).toMatch(/diverged/);
  });

  it('handles starts on the stable manifold (into the saddle) and at the origin', async () => {
    const { last } = await runToEnd(tf, spec, { a1: 0.5, b1: -0.5, a2: 0, b2: 0, steps: 500 });
    expect(last.status).toBe('done');
    expect(Math.abs(last.summary.finalAb[0])).toBeLessThan(1e-3);
    expect(last.summary.stepsTo90[0]).toBeNull();
    expect(last.summary.finalAb[1]).toBe(0);
    expect(spec.describe(last)).toMatch(/line a = −b/);
  });
});
