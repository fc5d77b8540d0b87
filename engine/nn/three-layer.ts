/**
 * The three-layer network of Saxe §1, y = W³² φ(W²¹ x), trained by full-batch gradient descent with
 * the explicit gradients of Saxe eq. (1) (no autodiff tape):
 *   ΔW²¹ = λ Σ_μ [W³²ᵀ (y^μ − ŷ^μ) ⊙ φ′(h^μ)] x^μᵀ,   ΔW³² = λ Σ_μ (y^μ − ŷ^μ) φ(h^μ)ᵀ,
 * with h^μ = W²¹ x^μ. For φ = identity this is eq. (1) exactly; for φ = tanh it is the gradient of
 * the same squared error (the factor 2 absorbed into λ, as in the paper).
 *
 * Layout: W³² is stored transposed (W32t = W³²ᵀ, N2×N3) and hidden activations are kept as columns,
 * which leaves two transposed products per step (see `mm`). A single network has W21: N2×N1,
 * W32t: N2×N3; a batch of B independent networks has W21: B×N2×N1, W32t: B×N2×N3 and trains as
 * one rank-3 computation.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { Matrix } from '../linalg.ts';
import { transpose } from '../linalg.ts';
import { toTensor2d, toTensor3d } from './tensors.ts';

export type Activation = 'linear' | 'tanh';

type T = TF.Tensor;

export interface Weights<W extends T = T> {
  /** W²¹: N2×N1 (B×N2×N1 for a batch). */
  W21: W;
  /** W³²ᵀ: N2×N3 (B×N2×N3 for a batch). */
  W32t: W;
}

/** The training set as tensors, prepared once per run. Rows are examples: X holds x^μᵀ in row μ. */
export interface TrainingData {
  /** P×N1. */
  X: T;
  /** N1×P. */
  Xt: T;
  /** P×N3, or B×P×N3 for a batch (tiled: broadcasting is slow on the cpu backend). */
  Y: T;
  /** One-hot inputs (X = I, Saxe Fig. 3): the products with X are skipped, which changes nothing. */
  identity: boolean;
  batch: number | null;
}

function isIdentity(m: Matrix): boolean {
  if (m.rows !== m.cols) return false;
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) if (m.data[i * m.cols + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/**
 * `Y` is one target matrix (tiled `batch` times for a batch), or one per network of a batch (each network in its
 * own output basis, engine/nn/output-basis.ts).
 */
export function trainingData(tf: typeof TF, X: Matrix, Y: Matrix | readonly Matrix[], batch: number | null = null): TrainingData {
  const base = { X: toTensor2d(tf, X), Xt: toTensor2d(tf, transpose(X)), identity: isIdentity(X) };
  if (!('rows' in Y)) return { ...base, Y: toTensor3d(tf, Y), batch: Y.length };
  const Yt = toTensor2d(tf, Y);
  let Yb: T = Yt;
  if (batch !== null) {
    Yb = tf.tidy(() => tf.tile(tf.expandDims(Yt, 0), [batch, 1, 1]));
    Yt.dispose();
  }
  return { ...base, Y: Yb, batch };
}

export function disposeData(tf: typeof TF, d: TrainingData): void {
  tf.dispose([d.X, d.Xt, d.Y]);
}

/** Float64 weights (W²¹ and W³², in the paper's orientation) to tensors in this module's layout. */
export function toWeights(tf: typeof TF, w: { W21: Matrix; W32: Matrix }): Weights<TF.Tensor2D> {
  return { W21: toTensor2d(tf, w.W21), W32t: toTensor2d(tf, transpose(w.W32)) };
}

export function toBatchWeights(tf: typeof TF, ws: readonly { W21: Matrix; W32: Matrix }[]): Weights<TF.Tensor3D> {
  return { W21: toTensor3d(tf, ws.map((w) => w.W21)), W32t: toTensor3d(tf, ws.map((w) => transpose(w.W32))) };
}

function act(tf: typeof TF, h: T, activation: Activation): T {
  return activation === 'tanh' ? tf.tanh(h) : h;
}

/** Hidden activations φ(h^μ) as columns: N2×P (B×N2×P). Call inside tf.tidy. */
function hiddenColumns(tf: typeof TF, w: Weights, d: TrainingData, activation: Activation): T {
  return act(tf, d.identity ? w.W21 : tf.matMul(w.W21, d.Xt), activation);
}

function swapLast(tf: typeof TF, x: T): T {
  return tf.transpose(x, x.rank === 3 ? [0, 2, 1] : [1, 0]);
}

/**
 * matMul with optional transposes. The wasm backend multiplies untransposed operands several times
 * faster, so there the transposes are materialised first; the cpu backend transposes slowly, so
 * there the flags are passed on. Same product either way (each backend stays deterministic).
 */
function mm(tf: typeof TF, a: T, b: T, ta = false, tb = false): T {
  if (!(ta || tb) || tf.getBackend() !== 'wasm') return tf.matMul(a, b, ta, tb);
  return tf.matMul(ta ? swapLast(tf, a) : a, tb ? swapLast(tf, b) : b);
}

/** Network outputs Ŷ (rows ŷ^μᵀ): P×N3, or B×P×N3 for a batch. Call inside tf.tidy. */
export function forward(tf: typeof TF, w: Weights, d: TrainingData, activation: Activation): T {
  return mm(tf, hiddenColumns(tf, w, d, activation), w.W32t, true);
}

/**
 * One gradient-descent step of eq. (1). Returns new weight tensors; the caller disposes the old.
 * `learningRate` may be a scalar tensor made once per run (saves a tensor per step).
 */
export function trainStep<W extends T>(
  tf: typeof TF,
  w: Weights<W>,
  d: TrainingData,
  learningRate: number | TF.Scalar,
  activation: Activation,
): Weights<W> {
  return tf.tidy(() => {
    const HT = hiddenColumns(tf, w, d, activation); // N2×P: φ(h^μ) in columns
    const E = tf.mul(tf.sub(d.Y, mm(tf, HT, w.W32t, true)), learningRate); // P×N3: λ (y^μ − ŷ^μ) in rows
    const dW32t = tf.matMul(HT, E); // N2×N3: (ΔW³²)ᵀ = λ Σ_μ φ(h^μ)(y^μ − ŷ^μ)ᵀ
    let GT = mm(tf, w.W32t, E, false, true); // N2×P: λ W³²ᵀ (y^μ − ŷ^μ) in columns
    if (activation === 'tanh') GT = tf.mul(GT, tf.sub(1, tf.square(HT))); // tanh′ = 1 − tanh²
    const dW21 = d.identity ? GT : tf.matMul(GT, d.X); // N2×N1: Σ_μ g^μ x^μᵀ
    return { W21: tf.add(w.W21, dW21) as W, W32t: tf.add(w.W32t, dW32t) as W };
  });
}

/**
 * Mode strengths and loss, read back to JS (the only synchronisation point).
 * Mode strength α = u_αᵀ Σ³¹_net v_α with Σ³¹_net = Σ_μ ŷ^μ x^μᵀ (Saxe Fig. 3: the diagonal of
 * U³³ᵀ Σ³¹_tanh V¹¹); for a linear net with Σ¹¹ = I this is u_αᵀ W³² W²¹ v_α.
 * `U` (N3×K, or B×N3×K with one per network) and `V` (N1×K) hold the chosen singular vectors. Returns K strengths per network
 * (B·K values, network-major, for a batch) and the loss ½ Σ_μ ‖y^μ − ŷ^μ‖² per network.
 */
export function readModes(
  tf: typeof TF,
  w: Weights,
  d: TrainingData,
  U: T,
  V: T,
  activation: Activation,
): { strengths: Float32Array; loss: Float32Array } {
  const batched = w.W21.rank === 3;
  const B = batched ? w.W21.shape[0] : 1;
  const K = U.shape[U.rank - 1] as number; // U is N3×K, or B×N3×K with one per network
  const flat = tf.tidy(() => {
    const Yhat = forward(tf, w, d, activation);
    const A = tf.matMul(Yhat, U); // P×K: ŷ^μ · u_α
    const XV = d.identity ? V : tf.matMul(d.X, V); // P×K: x^μ · v_α
    const strengths = tf.sum(tf.mul(A, XV), -2); // K (or B×K)
    const loss = tf.mul(tf.sum(tf.square(tf.sub(d.Y, Yhat)), batched ? [1, 2] : undefined), 0.5);
    return tf.concat([tf.reshape(strengths, [-1]), tf.reshape(loss, [-1])]);
  });
  const data = flat.dataSync() as Float32Array;
  flat.dispose();
  return { strengths: data.slice(0, B * K), loss: data.slice(B * K) };
}
