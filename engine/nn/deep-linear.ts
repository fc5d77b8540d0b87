/**
 * Deep linear networks W_tot = W^D ⋯ W^1 trained by full-batch gradient descent on whitened inputs (Σ¹¹ = I), where the
 * squared error is ½‖Σ³¹ − W_tot‖²_F + const, so eq. (13) of Saxe et al. (2014) needs only Σ³¹:
 *   ΔW^l = λ (W^D ⋯ W^{l+1})ᵀ (Σ³¹ − W_tot) (W^{l−1} ⋯ W^1)ᵀ.
 * Float64 typed arrays, row-major; all layers are updated from the same old weights (simultaneous update).
 * Layer sizes dims[0] = input, dims[D] = output; W^l is dims[l] × dims[l−1].
 * The matrices here are tiny (tens of units), so plain loops beat tensor-op overhead: the in-place kernels of
 * engine/linalg.ts, into preallocated or fresh typed arrays.
 */
import { addMulTransBInto, columns, mulInto, mulTransAInto, usvt } from '../linalg.ts';
import type { Matrix } from '../linalg.ts';
import type { Rng } from '../rng.ts';
import { gaussianMatrix, orthogonal } from './orthogonal.ts';

export interface DeepLinear {
  dims: number[];
  /** W[l-1] is W^l, dims[l] × dims[l−1]. */
  W: Float64Array[];
  lr: number;
}

/** The end-to-end map W_tot (dims[D] × dims[0]). */
export function product(net: DeepLinear): Float64Array {
  const { dims, W } = net;
  let P: Float64Array = W[0].slice();
  for (let l = 2; l < dims.length; l++) P = mulInto(W[l - 1], P, dims[l], dims[l - 1], dims[0], new Float64Array(dims[l] * dims[0]));
  return P;
}

/**
 * One gradient-descent step in place. Returns ‖Σ³¹ − W_tot‖²_F before the step.
 * Prefixes P_l = W^l ⋯ W^1 (P_0 = I), back-propagated errors B_l = (W^D ⋯ W^{l+1})ᵀ E, ΔW^l = λ B_l P_{l−1}ᵀ.
 */
export function step(net: DeepLinear, sigma31: Float64Array): number {
  const { dims, W, lr } = net;
  const D = dims.length - 1;
  const k = dims[0];
  const pre: Float64Array[] = [W[0]];
  for (let l = 2; l <= D; l++) pre.push(mulInto(W[l - 1], pre[l - 2], dims[l], dims[l - 1], k, new Float64Array(dims[l] * k)));
  const tot = pre[D - 1];
  const E = new Float64Array(dims[D] * k);
  let err = 0;
  for (let i = 0; i < E.length; i++) {
    E[i] = sigma31[i] - tot[i];
    err += E[i] * E[i];
  }
  // B_D = E; B_{l−1} = W^{lᵀ} B_l. Gradients use the old weights, so compute every B first.
  const B: Float64Array[] = new Array(D + 1);
  B[D] = E;
  for (let l = D; l >= 2; l--) B[l - 1] = mulTransAInto(W[l - 1], B[l], dims[l], dims[l - 1], k, new Float64Array(dims[l - 1] * k));
  // Top layer first: pre[0] is W^1 itself, so W^1 must be the last to change.
  for (let l = D; l >= 1; l--) {
    const w = W[l - 1];
    const rows = dims[l];
    const cols = dims[l - 1];
    const b = B[l];
    if (l === 1) {
      for (let i = 0; i < w.length; i++) w[i] += lr * b[i];
      continue;
    }
    addMulTransBInto(lr, b, pre[l - 2], rows, k, cols, w); // ΔW^l = λ B_l P_{l−1}ᵀ, P_{l−1}: cols × k
  }
  return err;
}

export type InitKind = 'gaussian' | 'orthogonal' | 'decoupled';

/**
 * Initial weights.
 * - gaussian: i.i.d. N(0, 1/fan_in) (the paper's scaled Gaussian, std 1/√N, which preserves norms on average);
 * - orthogonal: random (semi-)orthogonal W^l with orthonormal rows or columns (Haar, seeded);
 * - decoupled: W^l = R_{l} a0 R_{l−1}ᵀ on the r = rank(Σ³¹) modes, with R_0 = V (input singular vectors of Σ³¹),
 *   R_D = U and random orthogonal R_l in between (§2), so every mode starts at u0 = a0^D and evolves by eq. (14).
 */
export function initDeepLinear(
  kind: InitKind,
  dims: number[],
  rng: Rng,
  task?: { U: Matrix; V: Matrix; rank: number; a0: number },
): Float64Array[] {
  const D = dims.length - 1;
  const W: Float64Array[] = [];
  if (kind === 'decoupled') {
    if (!task) throw new Error('initDeepLinear: decoupled initial conditions need the SVD of Σ³¹.');
    const r = task.rank;
    for (const d of dims) if (d < r) throw new Error(`initDeepLinear: layer of ${d} units cannot hold ${r} modes.`);
    const R: Matrix[] = [columns(task.V, 0, r)];
    for (let l = 1; l < D; l++) R.push(columns(orthogonal(dims[l], dims[l], rng.fork(`R${l}`)), 0, r));
    R.push(columns(task.U, 0, r));
    const a0 = new Float64Array(r).fill(task.a0);
    for (let l = 1; l <= D; l++) W.push(usvt(R[l], a0, R[l - 1]).data);
    return W;
  }
  for (let l = 1; l <= D; l++) {
    const r = rng.fork(`W${l}`);
    const m = kind === 'gaussian' ? gaussianMatrix(dims[l], dims[l - 1], r, 1 / Math.sqrt(dims[l - 1])) : orthogonal(dims[l], dims[l - 1], r);
    W.push(m.data);
  }
  return W;
}

/**
 * One gradient-descent step for general (non-white) inputs, eq. (13): E = Σ³¹ − W_tot Σ¹¹ (out × in), then
 * ΔW^l = λ (W^D ⋯ W^{l+1})ᵀ E (W^{l−1} ⋯ W^1)ᵀ, all layers from the same old weights. In place.
 */
export function stepGeneral(net: DeepLinear, sigma31: Float64Array, sigma11: Float64Array): void {
  const { dims, W, lr } = net;
  const D = dims.length - 1;
  const k = dims[0];
  const pre: Float64Array[] = [W[0]];
  for (let l = 2; l <= D; l++) pre.push(mulInto(W[l - 1], pre[l - 2], dims[l], dims[l - 1], k, new Float64Array(dims[l] * k)));
  const WS = mulInto(pre[D - 1], sigma11, dims[D], k, k, new Float64Array(dims[D] * k));
  const E = new Float64Array(dims[D] * k);
  for (let i = 0; i < E.length; i++) E[i] = sigma31[i] - WS[i];
  const B: Float64Array[] = new Array(D + 1);
  B[D] = E;
  for (let l = D; l >= 2; l--) B[l - 1] = mulTransAInto(W[l - 1], B[l], dims[l], dims[l - 1], k, new Float64Array(dims[l - 1] * k));
  for (let l = D; l >= 1; l--) {
    const w = W[l - 1];
    const rows = dims[l];
    const cols = dims[l - 1];
    const b = B[l];
    if (l === 1) {
      for (let i = 0; i < w.length; i++) w[i] += lr * b[i];
      continue;
    }
    addMulTransBInto(lr, b, pre[l - 2], rows, k, cols, w);
  }
}

/** Excess squared error ½ tr((W − W*) Σ¹¹ (W − W*)ᵀ) of a linear map W (out × in) against the least-squares W*. */
export function excessError(W: Float64Array, Wstar: Float64Array, sigma11: Float64Array, out: number, k: number): number {
  const Dm = new Float64Array(out * k);
  for (let i = 0; i < Dm.length; i++) Dm[i] = W[i] - Wstar[i];
  const DS = mulInto(Dm, sigma11, out, k, k, new Float64Array(out * k));
  let s = 0;
  for (let i = 0; i < Dm.length; i++) s += Dm[i] * DS[i];
  return s / 2;
}
