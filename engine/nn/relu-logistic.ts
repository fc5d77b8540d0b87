/**
 * The engine's reference step (issue 10): one full-batch gradient-descent step of a two-layer ReLU network
 * f(x) = w₂·relu(W₁ᵀx + b₁) + b₂ with the mean logistic loss (1/N) Σ_μ log(1 + e^(−y_μ f(x_μ))), explicit
 * gradients, no autodiff tape. `npm run bench` times it against the same step written op for op (the
 * textbook form, scripts/bench/step-tf.ts) and against Float64 loops.
 *
 * Written for the wasm backend, where (measured, Node 22, X 1000×100, hidden 100) an untransposed 1000×100·100×100
 * product takes ≈ 1.0 ms, the same product with transposeA ≈ 8.6 ms, `gf w₂ᵀ` with transposeB ≈ 0.75 ms, and
 * every element-wise pass over N×H values ≈ 0.3 ms. So:
 *   - Xᵀ is made once per run; no product uses a transpose flag;
 *   - Z = XW₁ + b₁ and relu in one fused product (and f = relu(Z)w₂ + b₂ in another); the ReLU mask
 *     S = [Z > 0] = step(relu(Z)); the learning rate is folded into the loss derivative q;
 *   - with q = ∂𝓛/∂f (N), ∂𝓛/∂Z = S ⊙ (q w₂ᵀ), so ∂𝓛/∂W₁ = Xᵀ(S ⊙ q w₂ᵀ) = ((Xᵀ ⊙ qᵀ) S) ⊙ w₂ᵀ and
 *     ∂𝓛/∂b₁ = (qᵀ S) ⊙ w₂ᵀ: one element-wise pass (Xᵀ ⊙ qᵀ) and one product instead of an outer product, a
 *     mask multiply and a transposed product;
 *   - ∂𝓛/∂w₂ = (qᵀ relu(Z))ᵀ as a 1×N·N×H product, reshaped (free) to w₂'s column.
 * The loss returned is the one at the weights the step started from (read back once per call of `loss`).
 */
import type * as TF from '@tensorflow/tfjs-core';

export interface ReluLogisticInit {
  /** N×D row-major inputs. */
  x: ArrayLike<number>;
  /** N labels ±1. */
  y: ArrayLike<number>;
  /** D×H row-major. */
  w1: ArrayLike<number>;
  b1: ArrayLike<number>;
  /** H. */
  w2: ArrayLike<number>;
  b2: number;
  n: number;
  d: number;
  h: number;
}

export interface ReluLogisticNet {
  /** One step; returns the scalar loss tensor at the old weights (the caller reads or disposes it). */
  step(): TF.Scalar;
  /** The current weights, read back (w1 D×H row-major, b1, w2, b2). */
  weights(): { w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: number };
  dispose(): void;
}

export function reluLogisticNet(tf: typeof TF, init: ReluLogisticInit, learningRate: number): ReluLogisticNet {
  const { n, d, h } = init;
  const f32 = (a: ArrayLike<number>) => Float32Array.from(a);
  const X = tf.tensor2d(f32(init.x), [n, d]);
  const Xt = tf.tidy(() => tf.transpose(X)) as TF.Tensor2D;
  const negY = tf.tensor2d(f32(init.y).map((v) => -v), [n, 1]);
  // λq with q = ∂𝓛/∂f = −(y/N) σ(−y f): the learning rate is folded into q, so the gradients come out scaled.
  const negYLrOverN = tf.tensor2d(f32(init.y).map((v) => (-v * learningRate) / n), [n, 1]);
  let w1: TF.Tensor = tf.tensor2d(f32(init.w1), [d, h]);
  let b1: TF.Tensor = tf.tensor1d(f32(init.b1));
  let w2: TF.Tensor = tf.tensor2d(f32(init.w2), [h, 1]);
  let b2: TF.Tensor = tf.tensor1d([init.b2]); // rank 1: the fused product takes no scalar bias

  function step(): TF.Scalar {
    const next = tf.tidy(() => {
      const A = tf.fused.matMul({ a: X, b: w1, bias: b1, activation: 'relu' }); // N×H: relu(Z)
      const negMargin = tf.mul(negY, tf.fused.matMul({ a: A, b: w2, bias: b2 })); // N×1: −y f
      const loss = tf.mean(tf.softplus(negMargin)) as TF.Scalar;
      const q = tf.reshape(tf.mul(negYLrOverN, tf.sigmoid(negMargin)), [1, n]); // 1×N: λq
      const S = tf.step(A); // N×H: [Z > 0]
      const w2row = tf.reshape(w2, [1, h]);
      const gw2 = tf.reshape(tf.matMul(q, A), [h, 1]); // λ(qᵀ relu(Z))ᵀ
      const gW1 = tf.mul(tf.matMul(tf.mul(Xt, q), S), w2row); // D×H
      const gb1 = tf.reshape(tf.mul(tf.matMul(q, S), w2row), [h]);
      return { loss, w1: tf.sub(w1, gW1), b1: tf.sub(b1, gb1), w2: tf.sub(w2, gw2), b2: tf.sub(b2, tf.sum(q, 1)) };
    });
    tf.dispose([w1, b1, w2, b2]);
    ({ w1, b1, w2, b2 } = next);
    return next.loss;
  }

  return {
    step,
    weights: () => ({
      w1: w1.dataSync() as Float32Array,
      b1: b1.dataSync() as Float32Array,
      w2: w2.dataSync() as Float32Array,
      b2: b2.dataSync()[0],
    }),
    dispose() {
      tf.dispose([X, Xt, negY, negYLrOverN, w1, b1, w2, b2]);
    },
  };
}
