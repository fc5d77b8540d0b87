/**
 * A two-layer ReLU network with biases, f(x) = w₂·relu(W₁x + b₁) + b₂ (PyTorch's nn.Linear layout and default
 * initialisation: every weight and bias uniform in ±1/√fan_in), trained full batch on the mean logistic loss
 *   𝓛 = mean_μ log(1 + e^{−y_μ f(x_μ)}) + c_SD · mean_μ f(x_μ)²     (labels ±1; c_SD > 0: spectral decoupling)
 * with PyTorch's SGD (momentum, weight decay on every parameter) or Adam (β = 0.9, 0.999, ε = 1e-8), as the code of
 * Pezeshki et al. (2021) trains its two-moons and Colored-MNIST networks.
 *
 * Plain Float64 loops, not tfjs: with 2-D inputs every tfjs op would materialise an N×H array (several per step),
 * while the fused loops below touch each hidden activation twice; measured in Node (scripts/bench is the reference)
 * this is several times faster at the figures' sizes, and it is exactly reproducible on every engine.
 * Gradients are explicit (no tape); mlp.test.ts checks them against finite differences.
 */
import type { Rng } from '../rng.ts';

export interface Mlp {
  /** Input dimension. */
  D: number;
  /** Hidden units. */
  H: number;
  /** All parameters in one vector: W₁ (H×D, row-major), b₁ (H), w₂ (H), b₂ (1). */
  p: Float64Array;
}

export const offsets = (D: number, H: number) => ({ W1: 0, b1: H * D, w2: H * D + H, b2: H * D + 2 * H, size: H * D + 2 * H + 1 });

/** PyTorch's default nn.Linear initialisation: U(−1/√fan_in, 1/√fan_in) for weights and biases. */
export function initMlp(D: number, H: number, rng: Rng): Mlp {
  if (!(Number.isInteger(D) && D >= 1 && Number.isInteger(H) && H >= 1)) throw new Error(`initMlp: D = ${D} and H = ${H} must be positive integers.`);
  const o = offsets(D, H);
  const p = new Float64Array(o.size);
  const u = (bound: number) => bound * (2 * rng.uniform() - 1);
  for (let i = 0; i < o.b1 + H; i++) p[i] = u(1 / Math.sqrt(D));
  for (let i = o.w2; i < o.size; i++) p[i] = u(1 / Math.sqrt(H));
  return { D, H, p };
}

/** Outputs f on N inputs X (N×D row-major) into `out`; hidden activations into `act` (N×H) when given. */
export function forward(net: Mlp, X: ArrayLike<number>, N: number, out: Float64Array, act?: Float64Array): Float64Array {
  const { D, H, p } = net;
  const o = offsets(D, H);
  const b2 = p[o.b2];
  for (let n = 0; n < N; n++) {
    let f = b2;
    const xo = n * D;
    if (D === 2) {
      const x0 = X[xo];
      const x1 = X[xo + 1];
      for (let h = 0; h < H; h++) {
        const z = p[o.b1 + h] + p[2 * h] * x0 + p[2 * h + 1] * x1;
        const a = z > 0 ? z : 0;
        if (act) act[n * H + h] = a;
        f += p[o.w2 + h] * a;
      }
      out[n] = f;
      continue;
    }
    for (let h = 0; h < H; h++) {
      let z = p[o.b1 + h];
      const wo = h * D;
      for (let d = 0; d < D; d++) z += p[wo + d] * X[xo + d];
      const a = z > 0 ? z : 0;
      if (act) act[n * H + h] = a;
      f += p[o.w2 + h] * a;
    }
    out[n] = f;
  }
  return out;
}

export interface LossOptions {
  /** Spectral-decoupling coefficient on mean f² (0: none). */
  sd: number;
}

/**
 * Loss and its gradient (into `grad`, overwritten) at the current parameters.
 * Scratch buffers: `f` (N) and `act` (N×H).
 */
export function lossAndGrad(net: Mlp, X: ArrayLike<number>, y: ArrayLike<number>, N: number, opts: LossOptions, grad: Float64Array, f: Float64Array, act: Float64Array): number {
  const { D, H, p } = net;
  const o = offsets(D, H);
  forward(net, X, N, f, act);
  grad.fill(0);
  let loss = 0;
  for (let n = 0; n < N; n++) {
    const m = y[n] * f[n];
    // log(1 + e^{−m}) and its slope −σ(−m), computed stably for either sign of m.
    loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
    const s = m > 0 ? Math.exp(-m) / (1 + Math.exp(-m)) : 1 / (1 + Math.exp(m));
    loss += opts.sd * f[n] * f[n];
    const gf = (-y[n] * s + 2 * opts.sd * f[n]) / N;
    grad[o.b2] += gf;
    const ao = n * H;
    const xo = n * D;
    if (D === 2) {
      // The two-moons case, unrolled (about twice as fast as the general loop).
      const x0 = X[xo];
      const x1 = X[xo + 1];
      for (let h = 0; h < H; h++) {
        const a = act[ao + h];
        if (a <= 0) continue;
        grad[o.w2 + h] += gf * a;
        const dl = gf * p[o.w2 + h];
        grad[o.b1 + h] += dl;
        grad[2 * h] += dl * x0;
        grad[2 * h + 1] += dl * x1;
      }
      continue;
    }
    for (let h = 0; h < H; h++) {
      const a = act[ao + h];
      if (a <= 0) continue;
      grad[o.w2 + h] += gf * a;
      const dl = gf * p[o.w2 + h];
      grad[o.b1 + h] += dl;
      const wo = h * D;
      for (let d = 0; d < D; d++) grad[wo + d] += dl * X[xo + d];
    }
  }
  return loss / N;
}

export type OptimizerKind = 'sgd' | 'adam';

export interface OptimizerOptions {
  kind: OptimizerKind;
  lr: number;
  /** SGD momentum (PyTorch convention: buf ← μ·buf + g, p ← p − lr·buf). */
  momentum: number;
  /** L2 weight decay added to the gradient of every parameter (PyTorch `weight_decay`). */
  weightDecay: number;
}

/** Optimizer state for one network (PyTorch's SGD with momentum, or Adam). */
export class Optimizer {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(
    size: number,
    private readonly opts: OptimizerOptions,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(opts.kind === 'adam' ? size : 0);
  }

  /** One update of `p` from `grad` (the weight decay is added to `grad` in place). */
  step(p: Float64Array, grad: Float64Array): void {
    const { lr, weightDecay: wd } = this.opts;
    this.t++;
    if (wd) for (let i = 0; i < p.length; i++) grad[i] += wd * p[i];
    if (this.opts.kind === 'sgd') {
      const mu = this.opts.momentum;
      for (let i = 0; i < p.length; i++) {
        const b = (this.m[i] = mu * this.m[i] + grad[i]);
        p[i] -= lr * b;
      }
      return;
    }
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (let i = 0; i < p.length; i++) {
      const g = grad[i];
      this.m[i] = b1 * this.m[i] + (1 - b1) * g;
      this.v[i] = b2 * this.v[i] + (1 - b2) * g * g;
      p[i] -= (lr * (this.m[i] / c1)) / (Math.sqrt(this.v[i] / c2) + 1e-8);
    }
  }
}

/** A network with its optimizer and scratch buffers, trained one full-batch step at a time. */
export class Trainer {
  readonly grad: Float64Array;
  private readonly f: Float64Array;
  private readonly act: Float64Array;
  private readonly opt: Optimizer;
  loss = NaN;
  constructor(
    readonly net: Mlp,
    private readonly X: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    readonly N: number,
    private readonly loss_: LossOptions,
    optimizer: OptimizerOptions,
  ) {
    this.grad = new Float64Array(net.p.length);
    this.f = new Float64Array(N);
    this.act = new Float64Array(N * net.H);
    this.opt = new Optimizer(net.p.length, optimizer);
  }

  step(): number {
    this.loss = lossAndGrad(this.net, this.X, this.y, this.N, this.loss_, this.grad, this.f, this.act);
    this.opt.step(this.net.p, this.grad);
    return this.loss;
  }

  /** Outputs on the training inputs at the current parameters (a fresh array). */
  outputs(): Float64Array {
    return forward(this.net, this.X, this.N, new Float64Array(this.N));
  }
}
