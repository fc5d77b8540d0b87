/**
 * The networks of this site's minimal model for Tachet des Combes et al. (2018) (spec tachet-2018.md §2; ours),
 * trained by full-batch gradient descent on a summed margin loss with explicit gradients (no autodiff tape).
 *
 * A batch of B independent networks trains as one rank-3 computation. Each network has its own data
 * (X: B×N×D, labels y: B×1×N in ±1, example weights c: B×1×N, 0 to leave an example out) and its own loss.
 *   'single':     f(x) = w·x                      (w: B×1×D)
 *   'two-layer':  f(x) = Σ_j v_j φ(w_j·x)         (W: B×H×D, v: B×1×H), φ = identity or ReLU, no biases
 * Loss 𝓛 = Σ_μ c_μ ℓ(y_μ f(x_μ)); with g = −ℓ′ and q_μ = c_μ g(m_μ) y_μ (= −∂𝓛/∂f_μ):
 *   single:     Δw = η Σ_μ q_μ x_μ
 *   two-layer:  Δv_j = η Σ_μ q_μ φ(h_jμ),   Δw_j = η Σ_μ q_μ v_j φ′(h_jμ) x_μ,   h = W x.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { MarginLoss } from '../analytic/tachet.ts';

type T = TF.Tensor;

export type TachetArch = 'single' | 'two-layer';
export type TachetActivation = 'linear' | 'relu';

export interface TachetNet {
  arch: TachetArch;
  activation: TachetActivation;
  /** single: B×1×D; two-layer: B×H×D. */
  W: T;
  /** two-layer only: B×1×H. */
  v: T | null;
}

export interface TachetData {
  /** B×N×D (each network its own inputs). */
  X: T;
  /** B×D×N, the same inputs transposed (saves a transposed product per step). */
  Xt: T;
  /** B×1×N labels ±1. */
  y: T;
  /** B×1×N example weights (counts, or 0 to leave an example out). */
  c: T;
  /** One loss per network (B entries). */
  losses: readonly MarginLoss[];
  /** B×1×1 one-hot loss selectors, only when the networks use different losses. */
  mix: Partial<Record<MarginLoss, T>>;
}

function pack(tf: typeof TF, rows: readonly (Float32Array | number[])[], shape: [number, number, number]): T {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  let o = 0;
  for (const r of rows) {
    data.set(r as ArrayLike<number>, o);
    o += r.length;
  }
  if (o !== data.length) throw new Error(`tachet-model: expected ${data.length} values, got ${o}`);
  return tf.tensor3d(data, shape, 'float32');
}

/**
 * Data for B networks: X[b] is N×D row-major, y[b] and c[b] have N entries each.
 */
export function tachetData(
  tf: typeof TF,
  X: readonly (Float32Array | number[])[],
  y: readonly (Float32Array | number[])[],
  c: readonly (Float32Array | number[])[],
  losses: readonly MarginLoss[],
  D: number,
): TachetData {
  const B = X.length;
  const N = y[0].length;
  const mix: Partial<Record<MarginLoss, T>> = {};
  if (new Set(losses).size > 1) {
    for (const l of new Set(losses)) mix[l] = tf.tensor3d(losses.map((x) => (x === l ? 1 : 0)), [B, 1, 1], 'float32');
  }
  const Xb = pack(tf, X, [B, N, D]);
  const Xt = tf.tidy(() => tf.transpose(Xb, [0, 2, 1]));
  return { X: Xb, Xt, y: pack(tf, y, [B, 1, N]), c: pack(tf, c, [B, 1, N]), losses, mix };
}

export function disposeTachetData(tf: typeof TF, d: TachetData): void {
  tf.dispose([d.X, d.Xt, d.y, d.c, ...Object.values(d.mix)]);
}

/** Networks from Float64/Float32 weights: W as B blocks of (H×D) row-major, v as B blocks of H. */
export function tachetNet(
  tf: typeof TF,
  arch: TachetArch,
  activation: TachetActivation,
  W: readonly (Float32Array | number[])[],
  v: readonly (Float32Array | number[])[] | null,
  H: number,
  D: number,
): TachetNet {
  const B = W.length;
  if (arch === 'single') return { arch, activation: 'linear', W: pack(tf, W, [B, 1, D]), v: null };
  return { arch, activation, W: pack(tf, W, [B, H, D]), v: pack(tf, v!, [B, 1, H]) };
}

export function disposeTachetNet(tf: typeof TF, n: TachetNet): void {
  tf.dispose(n.v ? [n.W, n.v] : [n.W]);
}

function slope(tf: typeof TF, loss: MarginLoss, m: T): T {
  if (loss === 'logistic') return tf.sigmoid(tf.neg(m));
  if (loss === 'hinge') return tf.step(tf.sub(1, m));
  return tf.sub(1, m);
}

/** g(m) per network. Call inside tf.tidy. */
function slopes(tf: typeof TF, d: TachetData, m: T): T {
  const kinds = Object.keys(d.mix) as MarginLoss[];
  if (kinds.length === 0) return slope(tf, d.losses[0], m);
  return kinds.map((l) => tf.mul(d.mix[l]!, slope(tf, l, m))).reduce((a, b) => tf.add(a, b));
}

/** Outputs f on inputs X (B×N×D): B×1×N. Call inside tf.tidy. */
export function forward(tf: typeof TF, net: TachetNet, X: T): T {
  if (net.arch === 'single') return tf.matMul(net.W, X, false, true);
  const pre = tf.matMul(net.W, X, false, true);
  const act = net.activation === 'relu' ? tf.relu(pre) : pre;
  return tf.matMul(net.v!, act);
}

/** One full-batch gradient-descent step; returns new tensors (the caller disposes the old net). */
export function tachetStep(tf: typeof TF, net: TachetNet, d: TachetData, lr: TF.Scalar): TachetNet {
  const out = tf.tidy((): { W: T; v?: T } => {
    if (net.arch === 'single') {
      const f = tf.matMul(net.W, d.Xt);
      const q = tf.mul(tf.mul(slopes(tf, d, tf.mul(f, d.y)), d.c), d.y);
      const gW = tf.matMul(q, d.X);
      return { W: tf.add(net.W, tf.mul(lr, gW)) };
    }
    const pre = tf.matMul(net.W, d.Xt); // B×H×N
    const relu = net.activation === 'relu';
    const act = relu ? tf.relu(pre) : pre;
    const f = tf.matMul(net.v!, act); // B×1×N
    const q = tf.mul(tf.mul(slopes(tf, d, tf.mul(f, d.y)), d.c), d.y);
    const gv = tf.matMul(q, act, false, true); // B×1×H
    const [B, , H] = net.v!.shape;
    let back = tf.mul(tf.reshape(net.v!, [B, H, 1]), q); // B×H×N (outer product by broadcasting)
    if (relu) back = tf.mul(back, tf.step(pre));
    const gW = tf.matMul(back, d.X); // B×H×D
    return { W: tf.add(net.W, tf.mul(lr, gW)), v: tf.add(net.v!, tf.mul(lr, gv)) };
  });
  return { arch: net.arch, activation: net.activation, W: out.W, v: out.v ?? null };
}

/** Margins y f on the training inputs, read back: B arrays of N. */
export function readMargins(tf: typeof TF, net: TachetNet, d: TachetData): Float32Array[] {
  const t = tf.tidy(() => tf.mul(forward(tf, net, d.X), d.y));
  const flat = t.dataSync() as Float32Array;
  t.dispose();
  return splitRows(flat, d.y.shape[0]);
}

/** Outputs on probe inputs P (B×M×D): B arrays of M. */
export function readOutputs(tf: typeof TF, net: TachetNet, P: T): Float32Array[] {
  const t = tf.tidy(() => forward(tf, net, P));
  const flat = t.dataSync() as Float32Array;
  t.dispose();
  return splitRows(flat, P.shape[0]);
}

/** The weights read back: W as B blocks of H×D, v as B blocks of H. */
export function readWeights(net: TachetNet): { W: Float32Array[]; v: Float32Array[] | null } {
  const B = net.W.shape[0];
  return { W: splitRows(net.W.dataSync() as Float32Array, B), v: net.v ? splitRows(net.v.dataSync() as Float32Array, B) : null };
}

function splitRows(flat: Float32Array, B: number): Float32Array[] {
  const n = flat.length / B;
  return Array.from({ length: B }, (_, b) => flat.slice(b * n, (b + 1) * n));
}

// ---------------------------------------------------------------------------------------------
// Chapters `classification` and `failure` (ours): a deeper network, and many one-cluster networks
// in the (z, y) coordinates of the phase diagram.
// ---------------------------------------------------------------------------------------------

/**
 * Depth-L network (L ≥ 2 weight layers, no biases): h_1 = φ(W_1 x), h_i = φ(W_i h_{i−1}), f = v·h_{L−1},
 * W_1: B×H×D, W_i: B×H×H, v: B×1×H. Same data and summed loss as `tachetStep`; backpropagation by hand:
 *   q = c g(m) y (= −∂𝓛/∂f),  δ_{L−1} = (vᵀ q) ⊙ φ′(pre_{L−1}),  δ_{i−1} = (W_iᵀ δ_i) ⊙ φ′(pre_{i−1}),
 *   Δv = η q h_{L−1}ᵀ,  ΔW_i = η δ_i h_{i−1}ᵀ (h_0 = x),  with φ′(0) = 0 for ReLU.
 * For L = 2 this is exactly `tachetStep` (two-layer).
 */
export interface TachetDeepNet {
  activation: TachetActivation;
  /** W_1 (B×H×D), then W_2 … W_{L−1} (B×H×H). */
  Ws: T[];
  v: T;
}

function deepSlope(tf: typeof TF, d: TachetData, m: T): T {
  const one = (loss: MarginLoss): T => (loss === 'logistic' ? tf.sigmoid(tf.neg(m)) : loss === 'hinge' ? tf.step(tf.sub(1, m)) : tf.sub(1, m));
  const kinds = Object.keys(d.mix) as MarginLoss[];
  if (kinds.length === 0) return one(d.losses[0]);
  return kinds.map((l) => tf.mul(d.mix[l]!, one(l))).reduce((a, b) => tf.add(a, b));
}

function deepForward(tf: typeof TF, net: TachetDeepNet, X: T): { pres: T[]; acts: T[]; f: T } {
  const relu = net.activation === 'relu';
  const pres: T[] = [];
  const acts: T[] = [];
  let h: T | null = null;
  for (const [i, W] of net.Ws.entries()) {
    const pre: T = i === 0 ? tf.matMul(W, X, false, true) : tf.matMul(W, h as T); // B×H×N
    pres.push(pre);
    h = relu ? tf.relu(pre) : pre;
    acts.push(h);
  }
  return { pres, acts, f: tf.matMul(net.v, h as T) };
}

export function tachetDeepNet(tf: typeof TF, activation: TachetActivation, Ws: readonly Float32Array[][], v: readonly Float32Array[], H: number, D: number): TachetDeepNet {
  // Ws[layer][b]: weights of network b at that layer, row-major.
  return {
    activation,
    Ws: Ws.map((layer, i) => pack(tf, layer, [layer.length, H, i === 0 ? D : H])),
    v: pack(tf, v, [v.length, 1, H]),
  };
}

export function disposeTachetDeepNet(tf: typeof TF, n: TachetDeepNet): void {
  tf.dispose([...n.Ws, n.v]);
}

/** One full-batch gradient-descent step of the depth-L network; returns new tensors. */
export function tachetDeepStep(tf: typeof TF, net: TachetDeepNet, d: TachetData, lr: TF.Scalar): TachetDeepNet {
  const out = tf.tidy(() => {
    const relu = net.activation === 'relu';
    const { pres, acts, f } = deepForward(tf, net, d.X);
    const q = tf.mul(tf.mul(deepSlope(tf, d, tf.mul(f, d.y)), d.c), d.y); // B×1×N
    const L1 = net.Ws.length;
    const gv = tf.matMul(q, acts[L1 - 1], false, true); // B×1×H
    let delta = tf.matMul(net.v, q, true, false); // B×H×N
    const newWs: T[] = new Array(L1);
    for (let i = L1 - 1; i >= 0; i--) {
      if (relu) delta = tf.mul(delta, tf.step(pres[i]));
      const grad = i === 0 ? tf.matMul(delta, d.X) : tf.matMul(delta, acts[i - 1], false, true);
      const next = i > 0 ? tf.matMul(net.Ws[i], delta, true, false) : null;
      newWs[i] = tf.add(net.Ws[i], tf.mul(lr, grad));
      if (next) delta = next;
    }
    return { Ws: newWs, v: tf.add(net.v, tf.mul(lr, gv)) };
  });
  return { activation: net.activation, Ws: out.Ws, v: out.v };
}

/** Margins y f of the depth-L network on its training inputs: B arrays of N. */
export function readDeepMargins(tf: typeof TF, net: TachetDeepNet, d: TachetData): Float32Array[] {
  const t = tf.tidy(() => tf.mul(deepForward(tf, net, d.X).f, d.y));
  const flat = t.dataSync() as Float32Array;
  t.dispose();
  return splitRows(flat, d.y.shape[0]);
}

/**
 * B networks of H ReLU (or linear) units on one cluster of n examples of norm r, label +1, in the phase-diagram
 * coordinates of each unit: y = r w (pre-activation), z = v (output weight). Z, Y: B×H. Zero units stay zero.
 * One gradient-descent step on n ℓ(m), m = Σ_j z_j φ(y_j):
 *   z ← z + η n g(m) φ(y),   y ← y + η n g(m) r² z φ′(y).
 */
export interface UnitsState {
  Z: T;
  Y: T;
}

export function unitsStep(tf: typeof TF, s: UnitsState, loss: MarginLoss, r: number, n: number, lr: number, linear: boolean): UnitsState {
  return tf.tidy(() => {
    const act = linear ? s.Y : tf.relu(s.Y);
    const m = tf.sum(tf.mul(s.Z, act), 1, true); // B×1
    const g = loss === 'logistic' ? tf.sigmoid(tf.neg(m)) : loss === 'hinge' ? tf.step(tf.sub(1, m)) : tf.sub(1, m);
    const k = tf.mul(g, lr * n);
    const dY = tf.mul(tf.mul(k, s.Z), r * r);
    return { Z: tf.add(s.Z, tf.mul(k, act)), Y: tf.add(s.Y, linear ? dY : tf.mul(dY, tf.step(s.Y))) };
  });
}

/** The margins m = Σ_j z_j φ(y_j) of the B networks, read back. */
export function unitsMargins(tf: typeof TF, s: UnitsState, linear: boolean): Float32Array {
  const t = tf.tidy(() => tf.sum(tf.mul(s.Z, linear ? s.Y : tf.relu(s.Y)), 1));
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return out.slice();
}
