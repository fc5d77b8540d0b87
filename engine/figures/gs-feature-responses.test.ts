import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { twoMoons } from '../data/two-moons.ts';
import { symEigT } from '../linalg/sym-eig.ts';
import type { Mlp } from '../nn/ntk-mlp.ts';
import { cloneMlp, forward, initMlp, lossAndGradient, ntkGram, parameterCount, sgdMomentumStep, zerosLike } from '../nn/ntk-mlp.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { type FeatureResponsesSummary, gsFeatureResponses as spec } from './gs-feature-responses.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const N = 20;
const H = 8;
const small = () => {
  const data = twoMoons({ n: N, noise: 0.1, margin: 0.1, seed: 4 });
  return { data, net: initMlp(createRng(4).fork('init'), 2, H) };
};
/** The parameters of a network as one flat list of (array, index), in a fixed order. */
const slots = (m: Mlp): [Float64Array, number][] => [m.W, m.b, m.a, m.c].flatMap((arr) => Array.from(arr, (_, i) => [arr, i] as [Float64Array, number]));
const maxAbs = (xs: ArrayLike<number>) => Math.max(...Array.from(xs, Math.abs));

describe('gs-feature-responses: the network', () => {
  it('the closed-form NTK Gram matrix equals JJᵀ from a Jacobian by central differences (tolerance gram)', () => {
    const { data, net } = small();
    const P = parameterCount(2, H);
    const J = new Float64Array(N * P);
    const eps = 1e-6;
    slots(net).forEach(([arr, i], p) => {
      const keep = arr[i];
      arr[i] = keep + eps;
      const up = forward(net, data.x, N).out;
      arr[i] = keep - eps;
      const down = forward(net, data.x, N).out;
      arr[i] = keep;
      for (let k = 0; k < N; k++) J[k * P + p] = (up[k] - down[k]) / (2 * eps);
    });
    const G = ntkGram(net, data.x, N);
    let worst = 0;
    for (let k = 0; k < N; k++)
      for (let l = 0; l < N; l++) {
        let s = 0;
        for (let p = 0; p < P; p++) s += J[k * P + p] * J[l * P + p];
        worst = Math.max(worst, Math.abs(s - G[k * N + l]));
      }
    expect(worst / maxAbs(G)).toBeLessThan(spec.tolerances.gram.value);
  });

  it('the loss gradient with SD equals central differences of the loss (tolerance gradient)', () => {
    const { data, net } = small();
    const sd = 0.003;
    const { grad } = lossAndGradient(net, data.x, data.y, N, sd);
    const analytic = slots(grad).map(([arr, i]) => arr[i]);
    const eps = 1e-6;
    const numeric = slots(net).map(([arr, i]) => {
      const keep = arr[i];
      arr[i] = keep + eps;
      const up = lossAndGradient(net, data.x, data.y, N, sd).loss;
      arr[i] = keep - eps;
      const down = lossAndGradient(net, data.x, data.y, N, sd).loss;
      arr[i] = keep;
      return (up - down) / (2 * eps);
    });
    const err = Math.max(...analytic.map((g, p) => Math.abs(g - numeric[p])));
    expect(err / maxAbs(analytic)).toBeLessThan(spec.tolerances.gradient.value);
    // The reused-buffer path gives the same bits.
    const into = zerosLike(net);
    lossAndGradient(net, data.x, data.y, N, sd, into);
    lossAndGradient(net, data.x, data.y, N, sd, into);
    expect(slots(into).map(([arr, i]) => arr[i])).toEqual(analytic);
  });

  it('SGD follows torch.optim.SGD: v₁ = g + wd·p, then v ← μv + g + wd·p, p ← p − lr·v', () => {
    const { data, net } = small();
    const m = cloneMlp(net);
    const v = zerosLike(m);
    const g1 = lossAndGradient(m, data.x, data.y, N, 0).grad;
    const p0 = m.a[3];
    sgdMomentumStep(m, g1, v, 0.01, 0.9, 2e-4, true);
    expect(m.a[3]).toBeCloseTo(p0 - 0.01 * (g1.a[3] + 2e-4 * p0), 15);
    const g2 = lossAndGradient(m, data.x, data.y, N, 0).grad;
    const p1 = m.a[3];
    const v1 = g1.a[3] + 2e-4 * p0;
    sgdMomentumStep(m, g2, v, 0.01, 0.9, 2e-4, false);
    expect(m.a[3]).toBeCloseTo(p1 - 0.01 * (0.9 * v1 + g2.a[3] + 2e-4 * p1), 15);
  });

  it('U from the Gram matrix is orthonormal and reconstructs it', () => {
    const { data, net } = small();
    const G = ntkGram(net, data.x, N);
    const { values, vt } = symEigT(G, N);
    let worst = 0;
    for (let k = 0; k < N; k++)
      for (let l = 0; l < N; l++) {
        let s = 0;
        let o = 0;
        for (let r = 0; r < N; r++) {
          s += vt[r * N + k] * values[r] * vt[r * N + l];
          o += vt[k * N + r] * vt[l * N + r];
        }
        worst = Math.max(worst, Math.abs(s - G[k * N + l]) / maxAbs(G), Math.abs(o - (k === l ? 1 : 0)));
      }
    expect(worst).toBeLessThan(1e-10);
    expect(Math.min(...values)).toBeGreaterThan(-1e-9 * maxAbs(values));
  });
});

describe('gs-feature-responses: the figure', () => {
  it('streams, keeps Parseval (tolerance parseval), and spectral decoupling feeds the starved feature (tolerance decoupling)', async () => {
    const { frames, last } = await runToEnd(tf, spec, {});
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0].step).toBe(0);
    expect(last.status).toBe('done');
    expect(last.checks[0].value).toBeLessThan(spec.tolerances.parseval.value);
    const s = last.summary as FeatureResponsesSummary;
    expect(s.indices).toEqual([1, 6]);
    expect(s.singularValues[0]).toBeGreaterThan(s.singularValues[1]);
    // Both runs fit the separable moons; without SD feature 1 dominates, with SD feature 6 gets more.
    expect(s.accuracy).toEqual([1, 1]);
    expect(s.decoupled[1]).toBeGreaterThan(spec.tolerances.decoupling.value * s.plain[1]);
    expect(s.decoupled[0]).toBeLessThan(s.plain[0]);
    // At step 0 both runs start from the same network.
    const first = frames[0].summary as FeatureResponsesSummary;
    expect(first.plain).toEqual(first.decoupled);
  }, 300_000);
});
