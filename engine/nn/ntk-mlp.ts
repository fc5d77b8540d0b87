/**
 * A two-layer ReLU network f(x) = Σⱼ aⱼ relu(wⱼᵀx + bⱼ) + c in Float64 loops, with the pieces the feature-response
 * figure needs (Pezeshki et al. 2021, Fig. 2; ours): PyTorch's default initialisation, the loss of the authors' code
 * (mean logistic loss, plus SD · mean ŷ² for spectral decoupling), its exact gradient, SGD with momentum and coupled
 * weight decay as torch.optim.SGD applies them, and the empirical NTK Gram matrix JJᵀ in closed form:
 *   ∂f/∂aⱼ = relu(hⱼ), ∂f/∂wⱼ = aⱼ 1[hⱼ > 0] x, ∂f/∂bⱼ = aⱼ 1[hⱼ > 0], ∂f/∂c = 1, so
 *   (JJᵀ)ₖₗ = Σⱼ relu(hₖⱼ) relu(hₗⱼ) + Σⱼ aⱼ² 1[hₖⱼ > 0] 1[hₗⱼ > 0] (xₖᵀxₗ + 1) + 1.
 * A network of this size (2 inputs, a few hundred units) is dominated by call overheads on tensors; plain loops are
 * faster here and bit-reproducible across Node and browsers.
 */
import type { Rng } from '../rng.ts';

export interface Mlp {
  /** Input dimension and hidden units. */
  d: number;
  h: number;
  /** h × d, row-major: row j is wⱼ. */
  W: Float64Array;
  b: Float64Array;
  a: Float64Array;
  c: Float64Array;
}

export function parameterCount(d: number, h: number): number {
  return h * d + 2 * h + 1;
}

/** torch.nn.Linear's default: weights and biases uniform in ±1/√fan_in. */
export function initMlp(rng: Rng, d: number, h: number): Mlp {
  const u = (bound: number) => (2 * rng.uniform() - 1) * bound;
  const b1 = 1 / Math.sqrt(d);
  const b2 = 1 / Math.sqrt(h);
  const W = Float64Array.from({ length: h * d }, () => u(b1));
  const b = Float64Array.from({ length: h }, () => u(b1));
  const a = Float64Array.from({ length: h }, () => u(b2));
  const c = Float64Array.of(u(b2));
  return { d, h, W, b, a, c };
}

export function cloneMlp(m: Mlp): Mlp {
  return { d: m.d, h: m.h, W: m.W.slice(), b: m.b.slice(), a: m.a.slice(), c: m.c.slice() };
}

/** Pre-activations (n × h) and outputs (n) on the n × d inputs X. */
export function forward(m: Mlp, X: Float64Array, n: number): { pre: Float64Array; out: Float64Array } {
  const { d, h, W, b, a, c } = m;
  const pre = new Float64Array(n * h);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let f = c[0];
    for (let j = 0; j < h; j++) {
      let s = b[j];
      for (let i = 0; i < d; i++) s += W[j * d + i] * X[k * d + i];
      pre[k * h + j] = s;
      if (s > 0) f += a[j] * s;
    }
    out[k] = f;
  }
  return { pre, out };
}

const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * mean log(1 + e^{−y f}) + sd · mean f², its gradient (same shapes as the network) and the outputs. One pass per
 * example (forward, then backward with the example's h pre-activations); `into` reuses buffers across steps.
 */
export function lossAndGradient(m: Mlp, X: Float64Array, y: Float64Array, n: number, sd: number, into?: Mlp): { loss: number; out: Float64Array; grad: Mlp } {
  const { d, h, W, b, a, c } = m;
  const grad = into ?? zerosLike(m);
  grad.W.fill(0);
  grad.b.fill(0);
  grad.a.fill(0);
  grad.c[0] = 0;
  const gW = grad.W;
  const gb = grad.b;
  const ga = grad.a;
  const pre = new Float64Array(h);
  const out = new Float64Array(n);
  let loss = 0;
  for (let k = 0; k < n; k++) {
    let f = c[0];
    const xo = k * d;
    if (d === 2) {
      // The figure's case (two-dimensional inputs), unrolled: several times faster than the general loop.
      const x0 = X[xo];
      const x1 = X[xo + 1];
      for (let j = 0; j < h; j++) {
        const s = b[j] + W[2 * j] * x0 + W[2 * j + 1] * x1;
        pre[j] = s;
        if (s > 0) f += a[j] * s;
      }
    } else {
      for (let j = 0; j < h; j++) {
        let s = b[j];
        for (let i = 0; i < d; i++) s += W[j * d + i] * X[xo + i];
        pre[j] = s;
        if (s > 0) f += a[j] * s;
      }
    }
    out[k] = f;
    loss += softplus(-y[k] * f) + sd * f * f;
    // dL/df for this example (the mean's 1/n included).
    const g = (-y[k] * sigmoid(-y[k] * f) + 2 * sd * f) / n;
    grad.c[0] += g;
    for (let j = 0; j < h; j++) {
      const s = pre[j];
      if (s <= 0) continue;
      ga[j] += g * s;
      const gj = g * a[j];
      gb[j] += gj;
      if (d === 2) {
        gW[2 * j] += gj * X[xo];
        gW[2 * j + 1] += gj * X[xo + 1];
      } else for (let i = 0; i < d; i++) gW[j * d + i] += gj * X[xo + i];
    }
  }
  return { loss: loss / n, out, grad };
}

/** torch.optim.SGD: g ← g + wd·p; v ← μ v + g (v = g at the first step); p ← p − lr v. Updates m and v in place. */
export function sgdMomentumStep(m: Mlp, grad: Mlp, velocity: Mlp, lr: number, momentum: number, wd: number, first: boolean): void {
  const pairs: [Float64Array, Float64Array, Float64Array][] = [
    [m.W, grad.W, velocity.W],
    [m.b, grad.b, velocity.b],
    [m.a, grad.a, velocity.a],
    [m.c, grad.c, velocity.c],
  ];
  for (const [p, g, v] of pairs)
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] + wd * p[i];
      v[i] = first ? gi : momentum * v[i] + gi;
      p[i] -= lr * v[i];
    }
}

export function zerosLike(m: Mlp): Mlp {
  return { d: m.d, h: m.h, W: new Float64Array(m.W.length), b: new Float64Array(m.b.length), a: new Float64Array(m.a.length), c: new Float64Array(1) };
}

/** The empirical NTK Gram matrix JJᵀ (n × n, row-major) of the network's output on X, in closed form (see the header). */
export function ntkGram(m: Mlp, X: Float64Array, n: number): Float64Array {
  const { d, h, a } = m;
  const { pre } = forward(m, X, n);
  const relu = new Float64Array(n * h);
  const gate = new Float64Array(n * h);
  for (let k = 0; k < n * h; k++) {
    relu[k] = pre[k] > 0 ? pre[k] : 0;
    gate[k] = pre[k] > 0 ? a[k % h] * a[k % h] : 0;
  }
  const G = new Float64Array(n * n);
  for (let k = 0; k < n; k++)
    for (let l = 0; l <= k; l++) {
      let rr = 0;
      let gg = 0;
      const ok = k * h;
      const ol = l * h;
      for (let j = 0; j < h; j++) {
        rr += relu[ok + j] * relu[ol + j];
        if (gate[ok + j] !== 0 && pre[ol + j] > 0) gg += gate[ok + j];
      }
      let xx = 1;
      for (let i = 0; i < d; i++) xx += X[k * d + i] * X[l * d + i];
      const v = rr + gg * xx + 1;
      G[k * n + l] = v;
      G[l * n + k] = v;
    }
  return G;
}
