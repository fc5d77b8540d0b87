/**
 * B independent two-layer ReLU networks with biases, f_b(x) = w₂·relu(W₁x + b₁) + b₂, trained as one rank-3 tfjs
 * computation on the same data, each with its own spectral-decoupling coefficient, by full-batch Adam (PyTorch's
 * defaults: β = 0.9, 0.999, ε = 1e-8) on
 *   𝓛_b = mean_μ log(1 + e^{−y_μ f_b(x_μ)}) + c_b · mean_μ f_b(x_μ)².
 * The same model as engine/nn/mlp.ts (which is the Float64 reference this is tested against), for inputs too wide
 * for plain loops (the colored digits: 128 inputs). Explicit gradients, no tape; products without transpose flags
 * (they fall back to a slow kernel in the wasm backend, /work/shared/spec/stack.md).
 */
import type * as TF from '@tensorflow/tfjs-core';
import { initMlp, offsets } from './mlp.ts';
import type { Rng } from '../rng.ts';

type T = TF.Tensor;

/** A type alias, not an interface, so that it is a tfjs TensorContainer (tf.tidy can return it). */
type Params = {
  W1: T; // B×H×D
  b1: T; // B×H×1
  w2: T; // B×1×H
  b2: T; // B×1×1
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
  /** B×N×D (the same inputs tiled per network). */
  X: T;
  /** B×D×N. */
  Xt: T;
  /** B×1×N labels ±1. */
  y: T;
  /** B×1×1 spectral-decoupling coefficients. */
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
    W1: tf.tensor3d(part(o.W1, o.b1), [B, H, D]),
    b1: tf.tensor3d(part(o.b1, o.w2), [B, H, 1]),
    w2: tf.tensor3d(part(o.w2, o.b2), [B, 1, H]),
    b2: tf.tensor3d(part(o.b2, o.size), [B, 1, 1]),
  };
  const zeros = (): Params => ({ W1: tf.zerosLike(p.W1), b1: tf.zerosLike(p.b1), w2: tf.zerosLike(p.w2), b2: tf.zerosLike(p.b2) });
  return { B, H, D, p, m: zeros(), v: zeros(), t: 0 };
}

/** Data shared by the B networks: X is N×D row-major, y has N entries ±1; sd has one coefficient per network. */
export function batchData(tf: typeof TF, X: Float32Array, y: Float32Array, D: number, sd: readonly number[]): BatchData {
  const B = sd.length;
  const N = y.length;
  return tf.tidy(() => {
    const x = tf.tile(tf.tensor3d(X, [1, N, D]), [B, 1, 1]);
    return { X: x, Xt: tf.transpose(x, [0, 2, 1]), y: tf.tile(tf.tensor3d(y, [1, 1, N]), [B, 1, 1]), sd: tf.tensor3d(Float32Array.from(sd), [B, 1, 1]), N };
  });
}

export function disposeBatchData(tf: typeof TF, d: BatchData): void {
  tf.dispose([d.X, d.Xt, d.y, d.sd]);
}

export function disposeBatchMlp(tf: typeof TF, n: BatchMlp): void {
  for (const s of [n.p, n.m, n.v]) tf.dispose(KEYS.map((k) => s[k]));
}

/** Outputs on inputs Xt (B×D×M, transposed): B×1×M. Call inside tf.tidy. */
function outputs(tf: typeof TF, p: Params, Xt: T): { pre: T; act: T; f: T } {
  const pre = tf.add(tf.matMul(p.W1, Xt), p.b1);
  const act = tf.relu(pre);
  return { pre, act, f: tf.add(tf.matMul(p.w2, act), p.b2) };
}

/** One Adam step of every network; returns the B losses (read back). Replaces the tensors in `net`. */
export function batchAdamStep(tf: typeof TF, net: BatchMlp, d: BatchData, lr: number): Float32Array {
  net.t++;
  const t = net.t;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  const res = tf.tidy(() => {
    const { pre, act, f } = outputs(tf, net.p, d.Xt);
    const m = tf.mul(d.y, f);
    // log(1 + e^{−m}) = softplus(−m); slope −σ(−m).
    const loss = tf.add(tf.mean(tf.softplus(tf.neg(m)), 2, true), tf.mul(d.sd, tf.mean(tf.square(f), 2, true)));
    const gf = tf.div(tf.add(tf.neg(tf.mul(d.y, tf.sigmoid(tf.neg(m)))), tf.mul(tf.mul(d.sd, 2), f)), d.N); // B×1×N
    const [B, H] = [net.B, net.H];
    const back = tf.mul(tf.mul(tf.reshape(net.p.w2, [B, H, 1]), gf), tf.step(pre)); // B×H×N
    const g: Params = {
      W1: tf.matMul(back, d.X),
      b1: tf.sum(back, 2, true),
      w2: tf.reshape(tf.sum(tf.mul(act, gf), 2), [B, 1, H]),
      b2: tf.sum(gf, 2, true),
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

/** Outputs of the B networks on inputs Xt (B×D×M, transposed), read back: B arrays of M. */
export function batchOutputs(tf: typeof TF, net: BatchMlp, Xt: T): Float32Array[] {
  const f = tf.tidy(() => outputs(tf, net.p, Xt).f);
  const flat = f.dataSync() as Float32Array;
  f.dispose();
  const M = flat.length / net.B;
  return Array.from({ length: net.B }, (_, b) => flat.slice(b * M, (b + 1) * M));
}
