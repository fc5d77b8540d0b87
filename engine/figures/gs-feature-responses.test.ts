import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { twoMoons } from '../data/two-moons.ts';
import { symEigT } from '../linalg/sym-eig.ts';
import { forward, initMlp, lossAndGrad, Optimizer, workspace } from '../nn/mlp.ts';
import { ntkGram } from '../nn/ntk.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { type FeatureResponsesSummary, gsFeatureResponses as spec, initialFeatures } from './gs-feature-responses.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const N = 20;
const H = 8;
const small = () => {
  const data = twoMoons({ n: N, noise: 0.1, margin: 0.1, seed: 4 });
  return { data, net: initMlp(2, H, createRng(4).fork('init')) };
};
const out = (net: ReturnType<typeof initMlp>, x: Float64Array) => forward(net, x, N, new Float64Array(N));
const maxAbs = (xs: ArrayLike<number>) => Math.max(...Array.from(xs, Math.abs));

describe('gs-feature-responses: the network', () => {
  it('the closed-form NTK Gram matrix equals JJᵀ from a Jacobian by central differences (tolerance gram)', () => {
    const { data, net } = small();
    const P = net.p.length;
    const J = new Float64Array(N * P);
    const eps = 1e-6;
    for (let p = 0; p < P; p++) {
      const keep = net.p[p];
      net.p[p] = keep + eps;
      const up = out(net, data.x);
      net.p[p] = keep - eps;
      const down = out(net, data.x);
      net.p[p] = keep;
      for (let k = 0; k < N; k++) J[k * P + p] = (up[k] - down[k]) / (2 * eps);
    }
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
    const loss = () => lossAndGrad(net, data.x, data.y, N, { sd }, new Float64Array(net.p.length));
    const analytic = new Float64Array(net.p.length);
    lossAndGrad(net, data.x, data.y, N, { sd }, analytic);
    const eps = 1e-6;
    const numeric = Array.from(net.p, (keep, p) => {
      net.p[p] = keep + eps;
      const up = loss();
      net.p[p] = keep - eps;
      const down = loss();
      net.p[p] = keep;
      return (up - down) / (2 * eps);
    });
    const err = Math.max(...Array.from(analytic, (g, p) => Math.abs(g - numeric[p])));
    expect(err / maxAbs(analytic)).toBeLessThan(spec.tolerances.gradient.value);
    // The reused-workspace path gives the same bits.
    const into = new Float64Array(net.p.length);
    const ws = workspace(2, H, data.x, N);
    lossAndGrad(net, data.x, data.y, N, { sd }, into, ws);
    lossAndGrad(net, data.x, data.y, N, { sd }, into, ws);
    expect(Array.from(into)).toEqual(Array.from(analytic));
  });

  it('SGD follows torch.optim.SGD: v₁ = g + wd·p, then v ← μv + g + wd·p, p ← p − lr·v', () => {
    const { data, net } = small();
    const opt = new Optimizer(net.p.length, { kind: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 2e-4 });
    const i = 2 * H + 3; // a₃, a second-layer weight
    const g1 = new Float64Array(net.p.length);
    lossAndGrad(net, data.x, data.y, N, { sd: 0 }, g1);
    const p0 = net.p[i];
    const v1 = g1[i] + 2e-4 * p0;
    opt.step(net.p, g1);
    expect(net.p[i]).toBeCloseTo(p0 - 0.01 * v1, 15);
    const g2 = new Float64Array(net.p.length);
    lossAndGrad(net, data.x, data.y, N, { sd: 0 }, g2);
    const p1 = net.p[i];
    const g2i = g2[i];
    opt.step(net.p, g2);
    expect(net.p[i]).toBeCloseTo(p1 - 0.01 * (0.9 * v1 + g2i + 2e-4 * p1), 15);
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

describe('gs-feature-responses: the kept eigendecompositions', () => {
  it('computes each key once while it is among the last three used, then again', () => {
    let calls = 0;
    const compute = () => {
      calls++;
      return { values: new Float64Array(1), vt: new Float64Array(1) };
    };
    const a = initialFeatures('test a', compute);
    expect(initialFeatures('test a', compute)).toBe(a);
    initialFeatures('test b', compute);
    initialFeatures('test c', compute);
    expect(initialFeatures('test a', compute)).toBe(a); // still kept (the most recent three: b, c, a)
    expect(calls).toBe(3);
    initialFeatures('test d', compute); // drops b, the least recently used
    initialFeatures('test b', compute);
    expect(calls).toBe(5);
  });

  it('a rerun with another SD coefficient reports the spectrum of a fresh computation, bit for bit', async () => {
    const small = { hidden: 50, steps: 500, seed: 7 };
    const first = (await runToEnd(tf, spec, small)).frames[0];
    const again = (await runToEnd(tf, spec, { ...small, sd: 0.01 })).frames[0];
    const data = twoMoons({ n: 300, noise: 0.1, margin: 0.1, seed: 7 });
    const { values } = symEigT(ntkGram(initMlp(2, 50, createRng(7).fork('init')), data.x, 300), 300);
    const s = [values[299], values[294]].map((v) => Math.sqrt(Math.max(0, v)));
    expect((first.summary as FeatureResponsesSummary).singularValues).toEqual(s);
    expect((again.summary as FeatureResponsesSummary).singularValues).toEqual(s);
  });
});
