import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeTf } from '../tf-node.ts';
import { integrateStarvation } from '../analytic/tachet.ts';
import { type StarvationSummary, tachetStarvation as spec } from './tachet-starvation.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const summary = (f: { summary: unknown }) => f.summary as StarvationSummary;

describe('tachet-starvation', () => {
  it('linear model follows the RK4 flow of the two-feature model (tolerance flow)', async () => {
    for (const steps of [3000, 10000]) {
      const { last } = await runToEnd(tf, spec, { learningRate: 0.001, steps });
      expect(last.status).toBe('done');
      expect(last.checks.length).toBe(1);
      expect(last.checks[0].value).toBeLessThan(spec.tolerances.flow.value);
      expect(last.checks[0].tolerance).toBe(spec.tolerances.flow.value);
      expect(summary(last).flowWeights.every((w) => w !== null)).toBe(true);
    }
  });

  it('hinge: the flow stops at each kink and ends exactly at w1 = 1, w2 = 1/11, control 1 (tolerance hingeFlow)', async () => {
    const tol = spec.tolerances.hingeFlow.value;
    const { last } = await runToEnd(tf, spec, { loss: 'hinge' });
    const [w1, w2, c2] = summary(last).flowWeights as number[];
    expect(Math.abs(w1 - 1)).toBeLessThan(tol);
    expect(Math.abs(w2 - 1 / 11)).toBeLessThan(tol);
    expect(Math.abs(c2 - 1)).toBeLessThan(tol);
    // The series drawn as the overlay end there too.
    expect(last.series.find((s) => s.name === 'w2 (flow, RK4)')!.points.at(-1)![1]).toBe(w2);
    // The same exact end for other step sizes of the integrator, and the kinks at t = τ/55 (m_B = 1) and τ/55 + τ/495 (m_A = 1).
    const setup = { loss: 'hinge' as const, s1: 1, s2: 1, nA: 45, nB: 5, tau: 200 };
    for (const sub of [0.3, 1, 4, 7]) {
      const f = integrateStarvation(setup, [0, 0], 0, [200 / 55, 200 / 55 + 200 / 495, 1000], sub);
      expect(Math.abs(f.w1[0] - 10 / 11)).toBeLessThan(tol);
      expect(Math.abs(f.w2[0] - 1 / 11)).toBeLessThan(tol);
      expect(Math.abs(f.w1[1] - 1)).toBeLessThan(tol);
      expect(Math.abs(f.w1[2] - 1)).toBeLessThan(tol);
      expect(Math.abs(f.w2[2] - 1 / 11)).toBeLessThan(tol);
      expect(Math.abs(f.control[2] - 1)).toBeLessThan(tol);
    }
  });

  it('defaults: feature 2 is starved, the control learns it (tolerance starvation)', async () => {
    const { last } = await runToEnd(tf, spec, {});
    const s = summary(last);
    const gap = s.controlConfidence - s.confidence;
    expect(gap).toBeGreaterThan(spec.tolerances.starvation.value);
    expect(s.w2).toBeLessThan(0.2 * s.controlW2);
    expect(spec.describe(last)).toMatch(/confident, against 0\.9\d+ for the control/);
  });

  it('hinge freezes w2; squared drives it back towards 0; logistic keeps creeping up', async () => {
    const w2 = (s: { series: { name: string; points: [number, number][] }[] }) => s.series.find((x) => x.name.startsWith('w2, feature 2'))!.points;
    const hinge = w2((await runToEnd(tf, spec, { loss: 'hinge' })).last);
    expect(hinge.at(-1)![1]).toBe(hinge[Math.floor(hinge.length / 2)][1]);
    const sq = w2((await runToEnd(tf, spec, { loss: 'squared', learningRate: 0.002, steps: 3000 })).last);
    const peak = Math.max(...sq.map((p) => p[1]));
    expect(sq.at(-1)![1]).toBeLessThan(0.5 * peak);
    const lg = w2((await runToEnd(tf, spec, {})).last);
    expect(lg.at(-1)![1]).toBeGreaterThan(lg[Math.floor(lg.length / 2)][1]);
  });

  it('the two-layer ReLU network is starved too', async () => {
    const { last } = await runToEnd(tf, spec, { model: 'relu' });
    expect(summary(last).controlConfidence - summary(last).confidence).toBeGreaterThan(0.2);
    expect(last.series.some((s) => s.kind === 'flow')).toBe(false);
    expect(summary(last).flowWeights).toEqual([null, null, null]);
    expect(last.checks).toEqual([]);
  });
});
