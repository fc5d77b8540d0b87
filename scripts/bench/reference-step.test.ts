/**
 * The engine's reference step (engine/nn/relu-logistic.ts) against the Float64 loops of the same step
 * (scripts/bench/step-f64.ts), on both tfjs backends in Node. The browser worker runs the same comparison in
 * e2e/reference-step.spec.ts, and `npm run bench` checks it on every run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeTf } from '../../engine/tf-node.ts';
import { reluLogisticNet } from '../../engine/nn/relu-logistic.ts';
import { makeF64Step } from './step-f64.ts';
import { makeEngineStep } from './step-engine.ts';
import { D, H, LEARNING_RATE, N, makeWorkload } from './workload.ts';

const STEPS = 35;
const w = makeWorkload();
const f64 = makeF64Step(w);
const f64Losses = Array.from({ length: STEPS }, () => f64.step());

function losses(step: () => number): number[] {
  return Array.from({ length: STEPS }, step);
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`engine reference step, tfjs ${backend}`, () => {
    beforeAll(async () => {
      await nodeTf(backend);
    });

    // The float32 loss itself (a mean of 1000 softplus values) wobbles by about 1e-6 relative from step to step, in
    // the op-for-op form as well (measured max 1.2e-6 over these 35 steps on wasm; the engine step 1.1e-6).
    it('the loss after 35 steps matches Float64 loops to 1e-6 relative, every earlier loss to 2e-6', () => {
      expect(tf.getBackend()).toBe(backend);
      const before = tf.memory().numTensors;
      const impl = makeEngineStep(tf, w);
      const got = losses(impl.step);
      impl.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const rel = got.map((g, t) => Math.abs(g - f64Losses[t]) / f64Losses[t]);
      expect(rel[STEPS - 1]).toBeLessThan(1e-6);
      expect(Math.max(...rel)).toBeLessThan(2e-6);
      // The loss must actually move, or matching it would prove little.
      expect(f64Losses[STEPS - 1]).toBeLessThan(0.5 * f64Losses[0]);
    });

    it('the weights after 35 steps match Float64 loops to 1e-5 of the largest weight (measured 3.3e-6 on wasm)', () => {
      const net = reluLogisticNet(tf, { ...w, n: N, d: D, h: H }, LEARNING_RATE);
      for (let t = 0; t < STEPS; t++) net.step().dispose();
      const got = net.weights();
      net.dispose();
      const ref = f64.weights();
      const pairs: [ArrayLike<number>, ArrayLike<number>][] = [[got.w1, ref.w1], [got.b1, ref.b1], [got.w2, ref.w2], [[got.b2], [ref.b2]]];
      for (const [g, r] of pairs) {
        expect(g.length).toBe(r.length);
        let scale = 0;
        let gap = 0;
        for (let i = 0; i < r.length; i++) {
          scale = Math.max(scale, Math.abs(r[i]));
          gap = Math.max(gap, Math.abs(g[i] - r[i]));
        }
        expect(gap / scale).toBeLessThan(1e-5);
      }
    });

    it('is deterministic: two runs give the same bits', () => {
      const a = makeEngineStep(tf, w);
      const b = makeEngineStep(tf, w);
      const la = losses(a.step);
      const lb = losses(b.step);
      a.dispose();
      b.dispose();
      expect(lb).toEqual(la);
    });
  });
}
