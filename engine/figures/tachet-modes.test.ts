import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hingeCrossingTime, marginAt } from '../analytic/tachet.ts';
import type { Frame, Series } from '../spec.ts';
import type { ModesSummary } from './tachet-modes.ts';
import { nodeTf } from '../tf-node.ts';
import { makeModeClusters, tachetModes as spec } from './tachet-modes.ts';
import { runToEnd } from './test-util.ts';
import { sanitize } from '../params.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const sims = (f: Frame<ModesSummary>) => f.series.filter((s) => s.panel === 'margins' && s.kind === 'simulation');
const theories = (f: Frame<ModesSummary>) => f.series.filter((s) => s.panel === 'margins' && s.kind === 'prediction');

function worstRelative(a: Series[], b: Series[]): number {
  let worst = 0;
  a.forEach((s, k) => {
    expect(b[k].points.length).toBe(s.points.length);
    s.points.forEach(([t, m], i) => {
      expect(b[k].points[i][0]).toBe(t);
      worst = Math.max(worst, Math.abs(m - b[k].points[i][1]) / Math.max(1, Math.abs(m)));
    });
  });
  return worst;
}

describe('tachet-modes', () => {
  it('balanced aligned start: each closed form of §2.3 matches the simulation (tolerance closedForms)', async () => {
    for (const loss of ['squared', 'hinge', 'logistic']) {
      const raw = { clusters: 4, init: 'balanced', initScale: 0.3, learningRate: 0.002, steps: 1500, loss };
      const { last } = await runToEnd(tf, spec, raw);
      const th = theories(last);
      expect(th[0].name).toMatch(/\(S[345]\)/);
      // The overlay is the closed form itself (checked against analytic/tachet.ts at the recorded times).
      const clusters = makeModeClusters(sanitize(spec, raw).params);
      th.forEach((s, k) => {
        for (const [t, m] of s.points) expect(m).toBeCloseTo(marginAt(loss as 'hinge', t, clusters[k].n * clusters[k].r, clusters[k].r * 0.09, 500), 10);
      });
      expect(worstRelative(sims(last), th), loss).toBeLessThan(spec.tolerances.closedForms.value);
      expect(last.checks[0].value).toBeCloseTo(worstRelative(sims(last), th), 12);
      expect(last.checks[0].tolerance).toBe(spec.tolerances.closedForms.value);
      if (loss === 'hinge') for (const s of sims(last)) expect(s.points.at(-1)![1]).toBeGreaterThanOrEqual(1);
      if (loss === 'squared') for (const s of sims(last)) expect(Math.abs(s.points.at(-1)![1] - 1)).toBeLessThan(1e-3);
    }
  }, 30_000);

  it('aligned start with wrong signs: margins follow the mode flow and cross zero when predicted (tolerance alignedFlow)', async () => {
    const { last } = await runToEnd(tf, spec, { learningRate: 0.002, steps: 2000 });
    expect(worstRelative(sims(last), theories(last))).toBeLessThan(spec.tolerances.alignedFlow.value);
    const fit = last.checks.find((c) => c.label.startsWith('max |m − m(prediction)|'))!;
    expect(fit.value).toBeLessThan(spec.tolerances.alignedFlow.value);
    expect(fit.tolerance).toBe(spec.tolerances.alignedFlow.value);
    let crossings = 0;
    const s = last.summary;
    s.crossingStepSimulation.forEach((v, k) => {
      if (s.initialMargin[k] > 0) {
        expect(v).toBeNull();
        return;
      }
      const pred = s.crossingStepPredicted[k];
      expect(v, `cluster ${k + 1}`).not.toBeNull();
      expect(pred, `cluster ${k + 1}`).not.toBeNull();
      expect(Math.abs(v! - pred!)).toBeLessThan(Math.max(3, 0.03 * pred!));
      crossings++;
    });
    expect(crossings).toBeGreaterThan(1);
    expect(s.errorStart).toBeGreaterThan(0.2);
    expect(s.errorEndSimulation).toBe(0);
  });

  it('the hinge crossing time is τ artanh(|p0|/a0)/(n r) exactly (flow) and the simulation hits it', async () => {
    const { last } = await runToEnd(tf, spec, { loss: 'hinge', learningRate: 0.002, steps: 1500, clusters: 6 });
    const clusters = makeModeClusters(sanitize(spec, { loss: 'hinge', clusters: 6 }).params);
    let crossings = 0;
    last.summary.crossingStepPredicted.forEach((v, k) => {
      if (v === null) return;
      const m0 = last.summary.initialMargin[k];
      const nr = last.summary.strengths[k];
      // m0 = r σ² u with σ = 0.1 → u = m0/(r σ²).
      const c = clusters[k];
      expect(c.n * c.r).toBeCloseTo(nr, 5);
      expect(last.summary.counts[k]).toBe(c.n);
      const u = m0 / (c.r * 0.01);
      const exact = hingeCrossingTime(c.n, c.r, 0.1, 0.1 * u, 500);
      expect(Math.abs(v - exact) / exact).toBeLessThan(0.02); // RK4 sampled every 10 steps, linear interpolation
      crossings++;
    });
    expect(crossings).toBeGreaterThan(0);
  });

  it('depth 3: the balanced start follows the §2.5 flow (tolerance depthFlow) and has the longer plateau', async () => {
    const raw = { clusters: 3, init: 'balanced', depth: 3, initScale: 0.5, learningRate: 0.002, steps: 2000 };
    const { last } = await runToEnd(tf, spec, raw);
    expect(theories(last)[0].name).toMatch(/\(S6\)/);
    expect(worstRelative(sims(last), theories(last))).toBeLessThan(spec.tolerances.depthFlow.value);
    expect(last.checks[0].tolerance).toBe(spec.tolerances.depthFlow.value);
  });

  it('classification error: simulated equals predicted except near crossings (tolerance errorCurve); soft error decreases', async () => {
    const { last } = await runToEnd(tf, spec);
    const e = last.series.find((s) => s.name === 'classification error, simulation')!.points;
    const p = last.series.find((s) => s.name === 'classification error, predicted')!.points;
    let worst = 0;
    e.forEach(([, v], i) => (worst = Math.max(worst, Math.abs(v - p[i][1]))));
    expect(worst).toBeLessThanOrEqual(spec.tolerances.errorCurve.value);
    const check = last.checks.find((c) => c.label === 'max |classification error − predicted|')!;
    expect(check.value).toBe(worst);
    expect(check.tolerance).toBe(spec.tolerances.errorCurve.value);
    const soft = last.series.find((s) => s.name === 'soft error, simulation')!.points;
    for (let i = 1; i < soft.length; i++) expect(soft[i][1]).toBeLessThanOrEqual(soft[i - 1][1] + 1e-7);
  });

  it('linear network: the aligned modes are coupled (departs from the independent-mode flow); random ReLU start is close', async () => {
    const lin = (await runToEnd(tf, spec, { activation: 'linear', steps: 200 })).last;
    expect(lin.summary.maxMarginGap!).toBeGreaterThan(0.3);
    const relu = (await runToEnd(tf, spec, { steps: 200 })).last;
    expect(relu.summary.maxMarginGap!).toBeLessThan(0.1);
    const rnd = (await runToEnd(tf, spec, { init: 'random', steps: 200 })).last;
    expect(rnd.status).toBe('done');
    expect(theories(rnd).length).toBeGreaterThan(0);
    const deep = (await runToEnd(tf, spec, { init: 'random', depth: 3, steps: 40 })).last;
    expect(deep.summary.prediction).toBe('none');
    expect(deep.summary.maxMarginGap).toBeUndefined();
    expect(deep.checks).toEqual([]);
    expect(spec.describe(deep)).toMatch(/No per-cluster prediction/);
  });

  it('gives every group its own colour at the defaults: ten clusters, the classification error and the soft error', async () => {
    const { last } = await runToEnd(tf, spec, { steps: 20 });
    const groups = [...new Set(last.series.map((s) => s.group))];
    expect(groups).toEqual([...Array.from({ length: 10 }, (_, k) => `cluster ${k + 1}`), 'classification error', 'soft error']);
  });
});
