import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeTf } from '../tf-node.ts';
import { tachetStarvation as spec } from './tachet-starvation.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const num = (x: unknown) => x as number;

describe('tachet-starvation', () => {
  it('linear model follows the RK4 flow of the two-feature model (tolerance flow)', async () => {
    const { last } = await runToEnd(tf, spec, { learningRate: 0.001, steps: 3000 });
    expect(last.status).toBe('done');
    expect(num(last.summary['max |simulation − flow| / max(1, |w|)'])).toBeLessThan(spec.tolerances.flow.value);
  });

  it('defaults: feature 2 is starved, the control learns it (tolerance starvation)', async () => {
    const { last } = await runToEnd(tf, spec, {});
    const gap = num(last.summary['feature-2-only confidence, control']) - num(last.summary['feature-2-only confidence']);
    expect(gap).toBeGreaterThan(spec.tolerances.starvation.value);
    expect(num(last.summary['final w2'])).toBeLessThan(0.2 * num(last.summary['final w2, control']));
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
    expect(num(last.summary['feature-2-only confidence, control']) - num(last.summary['feature-2-only confidence'])).toBeGreaterThan(0.2);
    expect(last.series.some((s) => s.role === 'analytic')).toBe(false);
  });
});
