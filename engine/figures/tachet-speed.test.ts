import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sanitize } from '../params.ts';
import { nodeTf } from '../tf-node.ts';
import { makeClusters, tachetSpeed as spec } from './tachet-speed.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const LAW = { clusters: 4, maxCount: 3, normSpread: 2, m0: 0.01, level: 0.5, learningRate: 0.0015, seed: 3 };

describe('tachet-speed', () => {
  for (const loss of ['hinge', 'squared', 'logistic']) {
    it(`${loss}: learning time = τF/(2nr) per cluster, so time × n r is constant (tolerance law)`, async () => {
      const { last } = await runToEnd(tf, spec, { ...LAW, loss });
      expect(last.status).toBe('done');
      expect(last.summary.maxRelativeError).toBeLessThan(spec.tolerances.law.value);
      expect(last.summary.timeTimesNrSpread!).toBeLessThan(spec.tolerances.law.value);
      expect(last.checks.map((c) => c.tolerance)).toEqual([spec.tolerances.law.value, spec.tolerances.law.value]);
      expect(last.checks[0].value).toBe(last.summary.maxRelativeError);
      // The clusters really differ in strength.
      const { params } = sanitize(spec, { ...LAW, loss });
      const nr = makeClusters(params).map((c) => c.n * c.r);
      expect(Math.max(...nr) / Math.min(...nr)).toBeGreaterThan(2);
    }, 20_000);
  }

  it('equal weights: the log dependence on m0 = a0² r is in the prediction (tolerance logShift)', async () => {
    const { last } = await runToEnd(tf, spec, { ...LAW, loss: 'hinge', init: 'weights' });
    expect(last.summary.maxRelativeError).toBeLessThan(spec.tolerances.logShift.value);
    expect(last.checks.map((c) => c.tolerance)).toEqual([spec.tolerances.logShift.value]);
    // Without the log term the law would be off: t × n r now varies by more than the tolerance.
    expect(last.summary.timeTimesNrSpread!).toBeGreaterThan(0.05);
  });

  it('defaults: eight clusters, all learned, stronger clusters first', async () => {
    const { last } = await runToEnd(tf, spec, {});
    const { params } = sanitize(spec, {});
    const cl = makeClusters(params);
    const times = last.summary.measuredTime.map((t) => t ?? NaN);
    expect(times.length).toBe(8);
    for (const t of times) expect(Number.isFinite(t)).toBe(true);
    expect(last.summary.counts).toEqual(cl.map((c) => c.n));
    const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    expect(order(times)).toEqual(order(cl.map((c) => 1 / (c.n * c.r))));
    expect(last.summary.maxRelativeError).toBeLessThan(0.02);
    expect(last.checks[0].tolerance).toBeUndefined();
    // One colour per cluster: each cluster's margin, measured and predicted time share it.
    expect(new Set(last.series.filter((s) => s.kind !== 'law' && s.kind !== 'level').map((s) => s.group)).size).toBe(8);
    expect(spec.describe(last)).toMatch(/^Eight of 8 clusters have reached margin 0\.5/);
  });
});
