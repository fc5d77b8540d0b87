import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { forward, initMlp, lossAndGrad, offsets, Optimizer, Trainer, workspace } from './mlp.ts';

/** Loss by an independent forward pass (no gradient code): mean log(1 + e^{−y f}) + sd·mean f². */
function lossOnly(p: Float64Array, D: number, H: number, X: Float64Array, y: Float64Array, sd: number): number {
  const f = forward({ D, H, p }, X, y.length, new Float64Array(y.length));
  let s = 0;
  for (let n = 0; n < y.length; n++) s += Math.log(1 + Math.exp(-y[n] * f[n])) + sd * f[n] * f[n];
  return s / y.length;
}

describe('two-layer ReLU MLP with biases (engine/nn/mlp.ts)', () => {
  for (const D of [2, 5]) {
    it(`has the gradient of its loss (central finite differences, D = ${D}, with and without SD)`, () => {
      const H = 7;
      const N = 11;
      const rng = createRng(D);
      const net = initMlp(D, H, rng.fork('init'));
      const X = Float64Array.from({ length: N * D }, () => rng.normal());
      const y = Float64Array.from({ length: N }, () => (rng.uniform() < 0.5 ? -1 : 1));
      for (const sd of [0, 0.3]) {
        const g = new Float64Array(net.p.length);
        const loss = lossAndGrad(net, X, y, N, { sd }, g);
        expect(loss).toBeCloseTo(lossOnly(net.p, D, H, X, y, sd), 12);
        const e = 1e-6;
        for (let i = 0; i < net.p.length; i++) {
          const p = net.p.slice();
          p[i] += e;
          const up = lossOnly(p, D, H, X, y, sd);
          p[i] -= 2 * e;
          const down = lossOnly(p, D, H, X, y, sd);
          // Central differences: error O(e²) away from ReLU kinks (none within e here, checked by the tolerance).
          expect(Math.abs(g[i] - (up - down) / (2 * e))).toBeLessThan(1e-7);
        }
      }
    });
  }

  it('matches a plain per-input Float64 loop (the textbook backward pass) to rounding, on the unrolled two-input path and the general one', () => {
    // Reference: for each input, forward through the units, then back-propagate into the gradient, no algebra shared
    // with mlp.ts (which sums per unit and gets ∂w₂ from the other sums).
    const reference = (p: Float64Array, D: number, H: number, X: Float64Array, y: Float64Array, sd: number) => {
      const o = offsets(D, H);
      const g = new Float64Array(p.length);
      const N = y.length;
      for (let n = 0; n < N; n++) {
        const act = new Float64Array(H);
        let f = p[o.b2];
        for (let h = 0; h < H; h++) {
          let z = p[o.b1 + h];
          for (let d = 0; d < D; d++) z += p[h * D + d] * X[n * D + d];
          act[h] = Math.max(z, 0);
          f += p[o.w2 + h] * act[h];
        }
        const gf = (-y[n] / (1 + Math.exp(y[n] * f)) + 2 * sd * f) / N;
        g[o.b2] += gf;
        for (let h = 0; h < H; h++) {
          if (act[h] <= 0) continue;
          g[o.w2 + h] += gf * act[h];
          g[o.b1 + h] += gf * p[o.w2 + h];
          for (let d = 0; d < D; d++) g[h * D + d] += gf * p[o.w2 + h] * X[n * D + d];
        }
      }
      return g;
    };
    for (const [D, H] of [[2, 13], [2, 8], [3, 6]]) {
      const N = 57;
      const rng = createRng(10 * D + H);
      const net = initMlp(D, H, rng.fork('init'));
      const X = Float64Array.from({ length: N * D }, () => rng.normal());
      const y = Float64Array.from({ length: N }, () => (rng.uniform() < 0.5 ? -1 : 1));
      const g = new Float64Array(net.p.length);
      const ws = workspace(D, H, X, N);
      lossAndGrad(net, X, y, N, { sd: 0.3 }, g, ws);
      const ref = reference(net.p, D, H, X, y, 0.3);
      const scale = Math.max(...ref.map(Math.abs));
      for (let i = 0; i < g.length; i++) expect(Math.abs(g[i] - ref[i])).toBeLessThan(1e-14 * scale);
      // The outputs left in the workspace are forward()'s, bit for bit.
      expect(Array.from(ws.f)).toEqual(Array.from(forward(net, X, N, new Float64Array(N))));
    }
  });

  it('a Trainer step is the gradient at the current parameters, then the optimizer update; its outputs are at the parameters before the update', () => {
    const rng = createRng(5);
    const N = 20;
    const X = Float64Array.from({ length: 2 * N }, () => rng.normal());
    const y = Float64Array.from({ length: N }, () => (rng.uniform() < 0.5 ? -1 : 1));
    const opts = { kind: 'sgd' as const, lr: 0.1, momentum: 0.9, weightDecay: 0.01 };
    const a = new Trainer(initMlp(2, 6, createRng(1)), X, y, N, { sd: 0.01 }, opts);
    const b = initMlp(2, 6, createRng(1));
    const opt = new Optimizer(b.p.length, opts);
    for (let t = 0; t < 3; t++) {
      const before = forward(a.net, X, N, new Float64Array(N));
      const g = new Float64Array(b.p.length);
      const loss = lossAndGrad(b, X, y, N, { sd: 0.01 }, g);
      expect(a.step()).toBe(loss);
      expect(Array.from(a.current)).toEqual(Array.from(before));
      opt.step(b.p, g);
      expect(Array.from(a.net.p)).toEqual(Array.from(b.p));
    }
  });

  it('initialises like PyTorch nn.Linear: weights and biases uniform within ±1/√fan_in', () => {
    const net = initMlp(2, 500, createRng(3));
    const o = offsets(2, 500);
    const first = net.p.subarray(0, o.w2);
    const second = net.p.subarray(o.w2);
    expect(Math.max(...first.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(2));
    expect(Math.max(...first.map(Math.abs))).toBeGreaterThan(0.95 / Math.sqrt(2));
    expect(Math.max(...second.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(500));
    // Variance of U(−b, b) is b²/3: 1500 draws, relative standard error ≈ 0.04.
    const v = first.reduce((s, x) => s + x * x, 0) / first.length;
    expect(v / (0.5 / 3)).toBeGreaterThan(0.88);
    expect(v / (0.5 / 3)).toBeLessThan(1.12);
  });

  it('SGD with momentum and weight decay follows PyTorch’s recursion; Adam’s first step moves each parameter by lr', () => {
    // A constant gradient g: buf_t = Σ_{k<t} μ^k (g + wd·p_k) … with wd = 0, p_t = p_0 − lr·g·Σ_{s=1..t}(1 − μ^s)/(1 − μ).
    const p = new Float64Array([1, -2]);
    const opt = new Optimizer(2, { kind: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 });
    for (let t = 0; t < 5; t++) opt.step(p, new Float64Array([1, -1]));
    let c = 0;
    for (let s = 1; s <= 5; s++) c += (1 - 0.9 ** s) / 0.1;
    expect(p[0]).toBeCloseTo(1 - 0.1 * c, 12);
    expect(p[1]).toBeCloseTo(-2 + 0.1 * c, 12);
    // Weight decay alone (zero loss gradient, no momentum): p ← p(1 − lr·wd).
    const q = new Float64Array([3]);
    const wdOpt = new Optimizer(1, { kind: 'sgd', lr: 0.5, momentum: 0, weightDecay: 0.2 });
    wdOpt.step(q, new Float64Array([0]));
    expect(q[0]).toBeCloseTo(3 * 0.9, 12);
    // Adam's bias-corrected first step is lr·g/(|g| + ε): lr in the direction of −g, whatever |g|.
    const a = new Float64Array([0, 0]);
    new Optimizer(2, { kind: 'adam', lr: 0.01, momentum: 0, weightDecay: 0 }).step(a, new Float64Array([1e-3, -50]));
    expect(a[0]).toBeCloseTo(-0.01, 6);
    expect(a[1]).toBeCloseTo(0.01, 9);
  });
});
