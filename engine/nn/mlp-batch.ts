/**
 * B independent two-layer ReLU networks with biases, f_b(x) = w₂·relu(W₁x + b₁) + b₂, trained as one tfjs
 * computation on the same data, each with its own spectral-decoupling coefficient, by full-batch Adam (PyTorch's
 * defaults: β = 0.9, 0.999, ε = 1e-8) on
 *   𝓛_b = mean_μ log(1 + e^{−y_μ f_b(x_μ)}) + c_b · mean_μ f_b(x_μ)².
 * The same model as engine/nn/mlp.ts (which is the Float64 reference this is tested against), for inputs too wide
 * for plain loops (the colored digits: 128 inputs). Explicit gradients, no tape.
 *
 * The B networks are stacked along the hidden axis, so that both wide products are single 2-D matMuls shared by
 * every network: pre = W₁ Xᵀ ((B·H)×N) and ∂W₁ = back X ((B·H)×D). Measured with the wasm backend in Node (tfjs
 * 4.22, B = 2, H = 16, D = 128, N = 1200): a batched (rank-3) matMul of these shapes takes 6–12 ms, the 2-D one
 * 0.2–0.3 ms; the batched kernel was most of the step. No transpose flags either (they fall back to a slow kernel in
 * the wasm backend, /work/shared/spec/stack.md): Xᵀ is made once.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { initMlp, offsets } from './mlp.ts';
import type { Rng } from '../rng.ts';

type T = TF.Tensor;

/** A type alias, not an interface, so that it is a tfjs TensorContainer (tf.tidy can return it). */
type Params = {
  W1: T; // (B·H)×D: rows b·H … b·H + H − 1 are network b's W₁
  b1: T; // (B·H)×1
  w2: T; // B×H×1
  b2: T; // B×1
};

export interface BatchMlp {
  B: number;
  H: number;
  D: number;
  p: Params;
  m: Params;
  v: Params;
  t: number;
}

export interface BatchData {
  /** N×D. */
  X: T;
  /** D×N. */
  Xt: T;
  /** 1×N labels ±1. */
  y: T;
  /** B×1 spectral-decoupling coefficients. */
  sd: T;
  N: number;
}

const KEYS = ['W1', 'b1', 'w2', 'b2'] as const;

/** B networks, each initialised exactly as `initMlp(D, H, rngs[b])` (PyTorch's nn.Linear default). */
export function batchMlp(tf: typeof TF, D: number, H: number, rngs: readonly Rng[]): BatchMlp {
  const B = rngs.length;
  const o = offsets(D, H);
  const flat = rngs.map((r) => initMlp(D, H, r).p);
  const part = (from: number, to: number) => {
    const out = new Float32Array(B * (to - from));
    flat.forEach((p, b) => out.set(p.subarray(from, to), b * (to - from)));
    return out;
  };
  const p: Params = {
    W1: tf.tensor2d(part(o.W1, o.b1), [B * H, D]),
    b1: tf.tensor2d(part(o.b1, o.w2), [B * H, 1]),
    w2: tf.tensor3d(part(o.w2, o.b2), [B, H, 1]),
    b2: tf.tensor2d(part(o.b2, o.size), [B, 1]),
  };
  const zeros = (): Params => ({ W1: tf.zerosLike(p.W1), b1: tf.zerosLike(p.b1), w2: tf.zerosLike(p.w2), b2: tf.zerosLike(p.b2) });
  return { B, H, D, p, m: zeros(), v: zeros(), t: 0 };
}

/** Data shared by the B networks: X is N×D row-major, y has N entries ±1; sd has one coefficient per network. */
export function batchData(tf: typeof TF, X: Float32Array, y: Float32Array, D: number, sd: readonly number[]): BatchData {
  const N = y.length;
  return tf.tidy(() => {
    const x = tf.tensor2d(X, [N, D]);
    return { X: x, Xt: tf.transpose(x), y: tf.tensor2d(y, [1, N]), sd: tf.tensor2d(Float32Array.from(sd), [sd.length, 1]), N };
  });
}

/** Inputs X (M×D row-major) made ready for `batchOutputs`: Xᵀ, D×M. */
export function batchInputs(tf: typeof TF, X: Float32Array, D: number): T {
  return tf.tidy(() => tf.transpose(tf.tensor2d(X, [X.length / D, D])));
}

export function disposeBatchData(tf: typeof TF, d: BatchData): void {
  tf.dispose([d.X, d.Xt, d.y, d.sd]);
}

export function disposeBatchMlp(tf: typeof TF, n: BatchMlp): void {
  for (const s of [n.p, n.m, n.v]) tf.dispose(KEYS.map((k) => s[k]));
}

/** Outputs on inputs Xt (D×M, transposed): pre-activations (B·H)×M, activations B×H×M, outputs B×M. Call inside tf.tidy. */
function outputs(tf: typeof TF, net: BatchMlp, Xt: T): { pre: T; act: T; f: T } {
  const { B, H, p } = net;
  const M = Xt.shape[1] as number;
  const pre = tf.add(tf.matMul(p.W1, Xt), p.b1);
  const act = tf.reshape(tf.relu(pre), [B, H, M]);
  return { pre, act, f: tf.add(tf.sum(tf.mul(act, p.w2), 1), p.b2) };
}

/** One Adam step of every network; returns the B losses (read back). Replaces the tensors in `net`. */
export function batchAdamStep(tf: typeof TF, net: BatchMlp, d: BatchData, lr: number): Float32Array {
  net.t++;
  const t = net.t;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  const res = tf.tidy(() => {
    const { B, H } = net;
    const { pre, act, f } = outputs(tf, net, d.Xt); // f: B×N
    const m = tf.mul(d.y, f);
    // log(1 + e^{−m}) = softplus(−m); slope −σ(−m).
    const loss = tf.add(tf.mean(tf.softplus(tf.neg(m)), 1, true), tf.mul(d.sd, tf.mean(tf.square(f), 1, true)));
    const gf = tf.div(tf.add(tf.neg(tf.mul(d.y, tf.sigmoid(tf.neg(m)))), tf.mul(tf.mul(d.sd, 2), f)), d.N); // B×N
    const gf3 = tf.reshape(gf, [B, 1, d.N]);
    const back = tf.mul(tf.reshape(tf.mul(net.p.w2, gf3), [B * H, d.N]), tf.step(pre)); // (B·H)×N
    const g: Params = {
      W1: tf.matMul(back, d.X),
      b1: tf.sum(back, 1, true),
      w2: tf.sum(tf.mul(act, gf3), 2, true),
      b2: tf.sum(gf, 1, true),
    };
    const p = {} as Params;
    const mm = {} as Params;
    const vv = {} as Params;
    for (const k of KEYS) {
      mm[k] = tf.add(tf.mul(net.m[k], b1), tf.mul(g[k], 1 - b1));
      vv[k] = tf.add(tf.mul(net.v[k], b2), tf.mul(tf.square(g[k]), 1 - b2));
      p[k] = tf.sub(net.p[k], tf.div(tf.mul(mm[k], lr / c1), tf.add(tf.sqrt(tf.div(vv[k], c2)), eps)));
    }
    return { p, m: mm, v: vv, loss };
  });
  disposeBatchMlp(tf, net);
  net.p = res.p;
  net.m = res.m;
  net.v = res.v;
  const out = res.loss.dataSync() as Float32Array;
  res.loss.dispose();
  return out.slice();
}

/** Outputs of the B networks on inputs Xt (D×M, transposed: `batchInputs`), read back: B arrays of M. */
export function batchOutputs(tf: typeof TF, net: BatchMlp, Xt: T): Float32Array[] {
  const f = tf.tidy(() => outputs(tf, net, Xt).f);
  const flat = f.dataSync() as Float32Array;
  f.dispose();
  const M = flat.length / net.B;
  return Array.from({ length: net.B }, (_, b) => flat.slice(b * M, (b + 1) * M));
}
