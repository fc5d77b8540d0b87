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
 * Gradients are explicit (no tape); mlp.test.ts checks them against finite differences and a textbook per-input loop.
 * The one Float64 MLP of the engine: gs-two-moons and gs-feature-responses train it (engine/nn/ntk.ts gives its NTK
 * Gram matrix), and it is the reference the batched tfjs version (mlp-batch.ts, gs-colored-digits) is tested against.
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

/** Scratch for `lossAndGrad` on one data set: outputs, dL/df, the ReLU gates, and (D = 2) the inputs by coordinate. */
export interface Workspace {
  /** Outputs f on the N inputs at the parameters of the last `lossAndGrad` call. */
  f: Float64Array;
  /** ∂𝓛/∂f per input (the mean's 1/N included). */
  gf: Float64Array;
  /** 1[hidden unit j is active on input n] at [j·N + n], as 0 or 1. */
  gate: Float64Array;
  /** For D = 2: x₁ and x₂ of the N inputs, each contiguous. */
  x0: Float64Array;
  x1: Float64Array;
}

export function workspace(D: number, H: number, X: ArrayLike<number>, N: number): Workspace {
  const two = D === 2;
  const x0 = new Float64Array(two ? N : 0);
  const x1 = new Float64Array(two ? N : 0);
  for (let n = 0; two && n < N; n++) {
    x0[n] = X[2 * n];
    x1[n] = X[2 * n + 1];
  }
  return { f: new Float64Array(N), gf: new Float64Array(N), gate: new Float64Array(N * H), x0, x1 };
}

/**
 * Loss and its gradient (into `grad`, overwritten) at the current parameters; the outputs are left in `ws.f`.
 * With a = w₂, b = b₁, m_nj the gate of unit j on input n and g_n = ∂𝓛/∂f_n:
 *   ∂/∂b₁ⱼ = aⱼ Σ_n g_n m_nj,  ∂/∂W₁ⱼ = aⱼ Σ_n g_n m_nj x_n,  ∂/∂w₂ⱼ = Σ_n g_n relu(h_nj) = b₁ⱼ Σ_n g_n m_nj + W₁ⱼ·Σ_n g_n m_nj x_n,
 * so one pass per unit over the inputs (sums in registers) gives all four. Each output f_n sums the units in order
 * j = 0 … H − 1 whatever the path, and the two paths below compute the same sums in the same order.
 */
export function lossAndGrad(net: Mlp, X: ArrayLike<number>, y: ArrayLike<number>, N: number, opts: LossOptions, grad: Float64Array, ws: Workspace = workspace(net.D, net.H, X, N)): number {
  const { D, H, p } = net;
  const o = offsets(D, H);
  const { f, gf, gate } = ws;
  f.fill(p[o.b2]);
  if (D === 2) forward2(p, H, ws, N);
  else
    for (let j = 0; j < H; j++) {
      const b = p[o.b1 + j];
      const a = p[o.w2 + j];
      const wo = j * D;
      const go = j * N;
      for (let n = 0; n < N; n++) {
        let s = b;
        const xo = n * D;
        for (let d = 0; d < D; d++) s += p[wo + d] * X[xo + d];
        const q = Number(s > 0);
        gate[go + n] = q;
        f[n] += a * (s * q);
      }
    }
  let loss = 0;
  let gc = 0;
  for (let n = 0; n < N; n++) {
    const fn = f[n];
    const m = y[n] * fn;
    // log(1 + e^{−m}) and its slope −σ(−m), computed stably for either sign of m from one exponential.
    const e = Math.exp(-Math.abs(m));
    loss += m > 0 ? Math.log1p(e) : -m + Math.log1p(e);
    const s = m > 0 ? e / (1 + e) : 1 / (1 + e);
    loss += opts.sd * fn * fn;
    const g = (-y[n] * s + 2 * opts.sd * fn) / N;
    gf[n] = g;
    gc += g;
  }
  grad[o.b2] = gc;
  if (D === 2) backward2(p, H, ws, N, grad);
  else
    for (let j = 0; j < H; j++) {
      const wo = j * D;
      const go = j * N;
      for (let d = 0; d < D; d++) grad[wo + d] = 0;
      let gb = 0;
      for (let n = 0; n < N; n++) {
        const h = gf[n] * gate[go + n];
        if (h === 0) continue;
        gb += h;
        const xo = n * D;
        for (let d = 0; d < D; d++) grad[wo + d] += h * X[xo + d];
      }
      const a = p[o.w2 + j];
      let ga = p[o.b1 + j] * gb;
      for (let d = 0; d < D; d++) ga += p[wo + d] * grad[wo + d];
      grad[o.w2 + j] = ga;
      grad[o.b1 + j] = a * gb;
      for (let d = 0; d < D; d++) grad[wo + d] *= a;
    }
  return loss / N;
}

/*
 * The two-input case (the two-moons figures), four units per pass over the inputs so that each input is loaded once
 * per four units and the sums stay in registers; gates by comparison, not branches (a branch on the sign of a
 * pre-activation is mispredicted about half the time). Measured in Node on this machine (300 inputs, 500 units, one
 * loss-and-gradient): 0.39 ms, against 0.83 ms for the per-input loop with branches this replaced.
 */
function forward2(p: Float64Array, H: number, ws: Workspace, N: number): void {
  const { f, gate, x0, x1 } = ws;
  const B1 = 2 * H;
  const W2 = 3 * H;
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    // Plain locals, not array destructuring: this runs 125 times per step at 500 units.
    const u0 = p[2 * j];
    const v0 = p[2 * j + 1];
    const u1 = p[2 * j + 2];
    const v1 = p[2 * j + 3];
    const u2 = p[2 * j + 4];
    const v2 = p[2 * j + 5];
    const u3 = p[2 * j + 6];
    const v3 = p[2 * j + 7];
    const c0 = p[B1 + j];
    const c1 = p[B1 + j + 1];
    const c2 = p[B1 + j + 2];
    const c3 = p[B1 + j + 3];
    const a0 = p[W2 + j];
    const a1 = p[W2 + j + 1];
    const a2 = p[W2 + j + 2];
    const a3 = p[W2 + j + 3];
    const g0 = j * N;
    const g1 = g0 + N;
    const g2 = g1 + N;
    const g3 = g2 + N;
    for (let n = 0; n < N; n++) {
      const xa = x0[n];
      const xb = x1[n];
      const s0 = c0 + u0 * xa + v0 * xb;
      const s1 = c1 + u1 * xa + v1 * xb;
      const s2 = c2 + u2 * xa + v2 * xb;
      const s3 = c3 + u3 * xa + v3 * xb;
      const q0 = Number(s0 > 0);
      const q1 = Number(s1 > 0);
      const q2 = Number(s2 > 0);
      const q3 = Number(s3 > 0);
      gate[g0 + n] = q0;
      gate[g1 + n] = q1;
      gate[g2 + n] = q2;
      gate[g3 + n] = q3;
      let fn = f[n];
      fn += a0 * (s0 * q0);
      fn += a1 * (s1 * q1);
      fn += a2 * (s2 * q2);
      fn += a3 * (s3 * q3);
      f[n] = fn;
    }
  }
  for (; j < H; j++) {
    const u = p[2 * j];
    const v = p[2 * j + 1];
    const c = p[B1 + j];
    const a = p[W2 + j];
    const go = j * N;
    for (let n = 0; n < N; n++) {
      const s = c + u * x0[n] + v * x1[n];
      const q = Number(s > 0);
      gate[go + n] = q;
      f[n] += a * (s * q);
    }
  }
}

function backward2(p: Float64Array, H: number, ws: Workspace, N: number, grad: Float64Array): void {
  const { gf, gate, x0, x1 } = ws;
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    const o0 = j * N;
    const o1 = o0 + N;
    const o2 = o1 + N;
    const o3 = o2 + N;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (let n = 0; n < N; n++) {
      const g = gf[n];
      const xa = x0[n];
      const xb = x1[n];
      const h0 = g * gate[o0 + n];
      const h1 = g * gate[o1 + n];
      const h2 = g * gate[o2 + n];
      const h3 = g * gate[o3 + n];
      b0 += h0;
      s0 += h0 * xa;
      t0 += h0 * xb;
      b1 += h1;
      s1 += h1 * xa;
      t1 += h1 * xb;
      b2 += h2;
      s2 += h2 * xa;
      t2 += h2 * xb;
      b3 += h3;
      s3 += h3 * xa;
      t3 += h3 * xb;
    }
    put(p, H, grad, j, b0, s0, t0);
    put(p, H, grad, j + 1, b1, s1, t1);
    put(p, H, grad, j + 2, b2, s2, t2);
    put(p, H, grad, j + 3, b3, s3, t3);
  }
  for (; j < H; j++) {
    const go = j * N;
    let gb = 0;
    let g0 = 0;
    let g1 = 0;
    for (let n = 0; n < N; n++) {
      const h = gf[n] * gate[go + n];
      gb += h;
      g0 += h * x0[n];
      g1 += h * x1[n];
    }
    put(p, H, grad, j, gb, g0, g1);
  }
}

/** The gradient of unit j from its sums over the inputs: Σ g m, Σ g m x₁, Σ g m x₂ (see lossAndGrad). */
function put(p: Float64Array, H: number, grad: Float64Array, j: number, gb: number, g0: number, g1: number): void {
  const a = p[3 * H + j];
  grad[3 * H + j] = p[2 * H + j] * gb + p[2 * j] * g0 + p[2 * j + 1] * g1;
  grad[2 * H + j] = a * gb;
  grad[2 * j] = a * g0;
  grad[2 * j + 1] = a * g1;
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
  private readonly ws: Workspace;
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
    this.ws = workspace(net.D, net.H, X, N);
    this.opt = new Optimizer(net.p.length, optimizer);
  }

  /** One step: `gradient()`, then `update()`; returns the loss before the step. */
  step(): number {
    this.gradient();
    this.update();
    return this.loss;
  }

  /** Loss and gradient at the current parameters (the outputs are then `current`). */
  gradient(): number {
    this.loss = lossAndGrad(this.net, this.X, this.y, this.N, this.loss_, this.grad, this.ws);
    return this.loss;
  }

  /** Moves the parameters by the gradient of the last `gradient()` call. */
  update(): void {
    this.opt.step(this.net.p, this.grad);
  }

  /** Outputs on the training inputs at the parameters of the last `gradient()` call (a view: copy to keep). */
  get current(): Float64Array {
    return this.ws.f;
  }

  /** Outputs on the training inputs at the current parameters (a fresh array). */
  outputs(): Float64Array {
    return forward(this.net, this.X, this.N, new Float64Array(this.N));
  }
}
