import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { forward, initMlp, lossAndGrad, offsets, Optimizer } from './mlp.ts';

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
        const loss = lossAndGrad(net, X, y, N, { sd }, g, new Float64Array(N), new Float64Array(N * H));
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
