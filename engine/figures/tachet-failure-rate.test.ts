import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkFailureProbability, predictedOutcome, unitFailureProbability } from '../analytic/tachet.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { jointZ, normalQuantile, tachetFailureRate as spec, wilsonInterval } from './tachet-failure-rate.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('wasm');
});

describe('tachet-failure-rate', () => {
  it('q(κ) = 3/4 − arctan(κ)/2π matches a Float64 Monte-Carlo of the failure condition (tolerance monteCarlo)', () => {
    const rng = createRng(7).fork('mc');
    for (const r of [0.5, 2]) {
      for (const kappa of [0.1, 1, 10]) {
        let fails = 0;
        const M = 200_000;
        for (let i = 0; i < M; i++) {
          const y = r * Math.sqrt(kappa) * rng.normal();
          const z = rng.normal() / Math.sqrt(kappa);
          if (predictedOutcome(z, y, r) === 'failure') fails++;
        }
        expect(Math.abs(fails / M - unitFailureProbability(kappa)), `r=${r} κ=${kappa}`).toBeLessThan(spec.tolerances.monteCarlo.value);
      }
    }
    expect(unitFailureProbability(1)).toBeCloseTo(5 / 8, 15);
    expect(networkFailureProbability(1, 3)).toBeCloseTo(125 / 512, 15);
  });

  it('every run ends as the failure condition predicts, and the rates agree with q(κ)^H (tolerances perRun, closedForm)', async () => {
    const { frames, last } = await runToEnd(tf, spec, { seeds: 50, maxWidth: 4 });
    expect(frames.length).toBe(1);
    expect(1 - last.summary.fractionMatchingCondition).toBeLessThanOrEqual(spec.tolerances.perRun.value);
    expect(last.summary.largestDeviationInStandardErrors).toBeLessThan(spec.tolerances.closedForm.value);
    expect(last.summary.divergedRuns).toBe(0);
    expect(last.checks.slice(0, 2).map((c) => c.tolerance)).toEqual([spec.tolerances.perRun.value, spec.tolerances.closedForm.value]);
    expect(last.checks[0].value).toBeLessThanOrEqual(spec.tolerances.perRun.value);
  });

  it('defaults: the measured failure fraction at κ = 1 lies within its binomial interval around the prediction, at every width', async () => {
    const { last } = await runToEnd(tf, spec, {});
    const s = last.summary;
    expect(s.runsPerPoint).toBe(2000);
    expect(s.widths).toEqual([1, 2, 4, 8]);
    // Width 4, κ = 1: (5/8)^4 = 15.3% (an independent 20,000-run check gave 15.7%).
    expect(s.predictedAtKappa1[2]).toBeCloseTo(0.152587890625, 12);
    s.widths.forEach((w, i) => {
      const p = s.predictedAtKappa1[i];
      const f = s.failedFractionAtKappa1[i];
      // The binomial interval of the prediction, p ± z√(p(1−p)/n), at the figure's joint 95% quantile…
      expect(Math.abs(f - p), `width ${w}`).toBeLessThan(s.intervalZ * Math.sqrt((p * (1 - p)) / s.runsPerPoint));
      // …and the prediction inside the measured point's Wilson interval (the bar drawn).
      expect(p).toBeGreaterThanOrEqual(s.intervalLowAtKappa1[i]);
      expect(p).toBeLessThanOrEqual(s.intervalHighAtKappa1[i]);
    });
    expect(s.pointsOutsideInterval).toBe(0);
    expect(s.fractionMatchingCondition).toBe(1);
    expect(spec.describe(last)).toMatch(/16\.\d+% at width 4 \(interval 1\d\.\d+%–1\d\.\d+%; predicted 15\.3%\)/);
  }, 60_000);

  it('intervals: Φ⁻¹ and the Wilson score interval', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(jointZ(36)).toBeCloseTo(3.19695, 4);
    expect(jointZ(1)).toBeCloseTo(1.959964, 5);
    // Wilson (1927): 0 of 10 at 95% gives [0, 0.2775]; 5 of 10 gives [0.2366, 0.7634].
    const [a, b] = wilsonInterval(0, 10, normalQuantile(0.975));
    expect(a).toBe(0);
    expect(b).toBeCloseTo(0.27753, 4);
    const [c, d] = wilsonInterval(5, 10, normalQuantile(0.975));
    expect(c).toBeCloseTo(0.23659, 4);
    expect(d).toBeCloseTo(0.76341, 4);
  });

  it('states the range of the run-count control in its doc', () => {
    const d = spec.params.find((p) => p.name === 'seeds')!;
    if (d.kind !== 'number') throw new Error('seeds is a number control');
    expect(d.doc).toContain(`${d.min} to ${d.max} in steps of ${d.step}`);
    expect(d.default).toBe(2000);
  });

  it('streams one frame per chunk of seeds, with cumulative counts', async () => {
    const { frames, last } = await runToEnd(tf, spec, { seeds: 300, maxWidth: 1, steps: 60 });
    expect(frames.length).toBe(3);
    expect(frames.map((f) => f.summary.runs)).toEqual([900, 1800, 2700]);
    expect(frames.map((f) => f.summary.runsPerPoint)).toEqual([100, 200, 300]);
    expect(last.status).toBe('done');
  });

  it('finite training time: from a tiny scale and few steps, runs the flow would win still count as failed', async () => {
    const { last } = await runToEnd(tf, spec, { seeds: 50, maxWidth: 1, initScale: 0.02, steps: 40, learningRate: 0.02 });
    expect(last.summary.fractionMatchingCondition).toBeLessThan(0.99);
  });
});
