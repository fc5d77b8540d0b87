import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkFailureProbability, predictedOutcome, unitFailureProbability } from '../analytic/tachet.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { tachetFailureRate as spec } from './tachet-failure-rate.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
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
    expect(last.summary['runs whose outcome matches the failure condition'] as number).toBeGreaterThanOrEqual(spec.tolerances.perRun.value);
    expect(last.summary['largest deviation from q(κ)^H, in binomial standard errors'] as number).toBeLessThan(spec.tolerances.closedForm.value);
    expect(last.summary['diverged runs']).toBe(0);
  });

  it('streams one frame per chunk of seeds, with cumulative counts', async () => {
    const { frames, last } = await runToEnd(tf, spec, { seeds: 150, maxWidth: 1, steps: 60 });
    expect(frames.length).toBe(3);
    expect(frames.map((f) => f.summary['runs so far'])).toEqual([450, 900, 1350]);
    expect(last.status).toBe('done');
  });

  it('finite training time: from a tiny scale and few steps, runs the flow would win still count as failed', async () => {
    const { last } = await runToEnd(tf, spec, { seeds: 25, maxWidth: 1, initScale: 0.02, steps: 40, learningRate: 0.02 });
    expect(last.summary['runs whose outcome matches the failure condition'] as number).toBeLessThan(0.99);
  });
});
