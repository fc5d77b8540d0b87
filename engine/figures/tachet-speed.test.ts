import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sanitize } from '../params.ts';
import { nodeTf } from '../tf-node.ts';
import { makeClusters, tachetSpeed as spec } from './tachet-speed.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const num = (x: unknown) => x as number;
const LAW = { clusters: 4, maxCount: 3, normSpread: 2, m0: 0.01, level: 0.5, learningRate: 0.0015, seed: 3 };

describe('tachet-speed', () => {
  for (const loss of ['hinge', 'squared', 'logistic']) {
    it(`${loss}: learning time = τF/(2nr) per cluster, so time × n r is constant (tolerance law)`, async () => {
      const { last } = await runToEnd(tf, spec, { ...LAW, loss });
      expect(last.status).toBe('done');
      expect(num(last.summary['max |measured − predicted| / predicted'])).toBeLessThan(spec.tolerances.law.value);
      expect(num(last.summary['measured t × n r: max/min − 1'])).toBeLessThan(spec.tolerances.law.value);
      // The clusters really differ in strength.
      const { params } = sanitize(spec, { ...LAW, loss });
      const nr = makeClusters(params).map((c) => c.n * c.r);
      expect(Math.max(...nr) / Math.min(...nr)).toBeGreaterThan(2);
    }, 20_000);
  }

  it('equal weights: the log dependence on m0 = a0² r is in the prediction (tolerance logShift)', async () => {
    const { last } = await runToEnd(tf, spec, { ...LAW, loss: 'hinge', init: 'weights' });
    expect(num(last.summary['max |measured − predicted| / predicted'])).toBeLessThan(spec.tolerances.logShift.value);
    // Without the log term the law would be off: t × n r now varies by more than the tolerance.
    expect(num(last.summary['measured t × n r: max/min − 1'])).toBeGreaterThan(0.05);
  });

  it('defaults: eight clusters, all learned, stronger clusters first', async () => {
    const { last } = await runToEnd(tf, spec, {});
    const { params } = sanitize(spec, {});
    const cl = makeClusters(params);
    const times = cl.map((_, k) => num(last.summary[`cluster ${k + 1}: measured time`]));
    for (const t of times) expect(Number.isFinite(t)).toBe(true);
    const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    expect(order(times)).toEqual(order(cl.map((c) => 1 / (c.n * c.r))));
    expect(num(last.summary['max |measured − predicted| / predicted'])).toBeLessThan(0.02);
    expect(spec.describe(last)).toMatch(/^Eight of 8 clusters have reached margin 0\.5/);
  });
});
