import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { nodeAsset } from '../assets-node.ts';
import { initDeepLinear, product, step } from '../nn/deep-linear.ts';
import { sanitize } from '../params.ts';
import { createRng } from '../rng.ts';
import type { Frame } from '../spec.ts';
import type { InitDepthSummary } from './saxe-init-depth.ts';
import { SYNTHETIC_SPECTRUM, digitsTask, saxeInitDepth as spec, syntheticTask } from './saxe-init-depth.ts';

const T = spec.tolerances;

const at = (xs: readonly (number | null)[], i: number): number => {
  const v = xs[i];
  if (v === null || v === undefined) throw new Error(`no value at ${i}`);
  return v;
};

async function run(raw: Record<string, unknown>): Promise<Frame<InitDepthSummary>[]> {
  const { params } = sanitize(spec, raw);
  const frames: Frame<InitDepthSummary>[] = [];
  for await (const f of spec.run(params, { tf, cancelled: () => false, asset: nodeAsset })) frames.push(f);
  return frames;
}

describe('deep linear network (engine/nn/deep-linear.ts)', () => {
  it('one step equals λ times minus the gradient of ½‖Σ³¹ − W_tot‖² (central differences, 1e-6 relative)', () => {
    const dims = [4, 5, 3, 2];
    const rng = createRng(1);
    const sigma = Float64Array.from({ length: 8 }, () => rng.normal());
    const W0 = initDeepLinear('gaussian', dims, rng.fork('w'));
    const loss = (W: Float64Array[]) => {
      const p = product({ dims, W, lr: 0 });
      return 0.5 * p.reduce((a, v, i) => a + (sigma[i] - v) ** 2, 0);
    };
    const lr = 1e-3;
    const net = { dims, W: W0.map((w) => w.slice()), lr };
    step(net, sigma);
    for (let l = 0; l < W0.length; l++) {
      for (let i = 0; i < W0[l].length; i++) {
        const h = 1e-6;
        const plus = W0.map((w) => w.slice());
        const minus = W0.map((w) => w.slice());
        plus[l][i] += h;
        minus[l][i] -= h;
        const grad = (loss(plus) - loss(minus)) / (2 * h);
        const delta = (net.W[l][i] - W0[l][i]) / lr;
        expect(Math.abs(delta + grad)).toBeLessThan(1e-6 * Math.max(1, Math.abs(grad)));
      }
    }
  });
});

describe('saxe-init-depth', () => {
  it('the whitened digits task: 9 modes, Σ³¹ of rank 9 (one-hot targets of centred inputs)', async () => {
    const task = digitsTask(await nodeAsset('digits'), 16);
    expect(task.rank).toBe(9);
    expect(task.s[0]).toBeGreaterThan(task.s[8]);
    expect(task.s[0]).toBeLessThan(Math.sqrt(183)); // s_α ≤ √(largest class count) when Σ¹¹ = I
  });

  it('defaults: decoupled = eq. (14); orthogonal near it; scaled Gaussian grows with depth (decoupledVsTheory, orthogonalFlat, gaussianGrows)', async () => {
    const frames = await run({});
    expect(frames.map((f) => f.step)).toEqual([3, 5, 9, 17]);
    const last = frames[frames.length - 1];
    const s = last.summary;
    expect(s.depths).toEqual([3, 5, 9, 17]);
    const t = (Nl: number, xs: (number | null)[]) => at(xs, s.depths.indexOf(Nl));
    for (const Nl of [3, 5, 9, 17]) {
      expect(Math.abs(t(Nl, s.timeDecoupled) - t(Nl, s.timeTheory))).toBeLessThanOrEqual(T.decoupledVsTheory.value);
    }
    expect(last.checks).toHaveLength(1);
    expect(last.checks[0].value).toBeLessThanOrEqual(T.decoupledVsTheory.value);
    expect(last.checks[0].tolerance).toBe(T.decoupledVsTheory.value);
    expect(t(17, s.timeOrthogonal)).toBeLessThan(T.orthogonalFlat.value * t(17, s.timeTheory) * 1.0001);
    expect(t(17, s.timeGaussian)).toBeGreaterThanOrEqual(T.gaussianGrows.value * t(3, s.timeGaussian));
    for (const Nl of [9, 17]) expect(t(Nl, s.timeGaussian)).toBeGreaterThan(t(Nl, s.timeOrthogonal));
    expect(spec.describe(last)).toMatch(/^Learning time from Nₗ = 3 to 17 layers: scaled Gaussian 5 steps → 187 steps/);
  }, 30_000);

  it('the synthetic task: nine modes with the requested spectrum, singular vectors from the seed', () => {
    const a = syntheticTask(16, createRng(1).fork('data'));
    const b = syntheticTask(16, createRng(2).fork('data'));
    expect(a.rank).toBe(9);
    for (let i = 0; i < 9; i++) expect(Math.abs(a.s[i] - SYNTHETIC_SPECTRUM[i])).toBeLessThan(1e-10);
    expect(Array.from(b.sigma31)).not.toEqual(Array.from(a.sigma31));
  });

  it('synthetic task, other parameters at their defaults, no asset loader: decoupled = eq. (14); scaled Gaussian slower than orthogonal at N_l = 17', async () => {
    const { params } = sanitize(spec, { dataset: 'synthetic' });
    const frames: Frame<InitDepthSummary>[] = [];
    for await (const f of spec.run(params, { tf, cancelled: () => false })) frames.push(f);
    expect(frames.map((f) => f.step)).toEqual([3, 5, 9, 17]);
    const last = frames[frames.length - 1];
    expect(last.status).toBe('done');
    const s = last.summary;
    const t = (Nl: number, xs: (number | null)[]) => at(xs, s.depths.indexOf(Nl));
    for (const Nl of [3, 5, 9, 17]) {
      expect(Math.abs(t(Nl, s.timeDecoupled) - t(Nl, s.timeTheory))).toBeLessThanOrEqual(T.decoupledVsTheory.value);
    }
    expect(t(17, s.timeGaussian)).toBeGreaterThan(t(17, s.timeOrthogonal));
    expect(last.notes[0]).toMatch(/^Synthetic task \(ours\)/);
    expect(spec.describe(last)).toMatch(/^On the synthetic task, learning time from Nₗ = 3 to 17 layers/);
  }, 30_000);

  it('reports depths whose runs do not reach the threshold within the budget', async () => {
    const frames = await run({ depths: '3,5,9,17', width: 10, components: 10, maxSteps: 200, threshold: 0.001 });
    const last = frames[frames.length - 1];
    expect(last.status).toBe('done');
    expect(last.notes.join(' ')).toMatch(/Not reached within 200 steps: .*scaled Gaussian at Nₗ = 17/);
    expect(last.summary.timeGaussian[3]).toBeNull();
    expect(last.summary.rateGaussian[3]).toBeNull();
    expect(spec.describe(last)).toMatch(/scaled Gaussian \d+ steps → not reached/);
  });
});
