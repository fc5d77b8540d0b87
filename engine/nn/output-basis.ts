/**
 * An exact reduction of a wide output layer, for the three-layer network of Saxe eq. (1) (engine/nn/three-layer.ts).
 *
 * Gradient descent changes W³² (N3×N2) by ΔW³² = λ Σ_μ (y^μ − ŷ^μ) φ(h^μ)ᵀ, and ŷ^μ = W³² φ(h^μ) lies in the column
 * space of W³². So the columns of W³²(t) stay, at every step, in the span S of the targets y^μ and the columns of
 * W³²(0): a space of dimension r ≤ P + N2. With Q (N3×r) an orthonormal basis of a space that contains S,
 * W³² = Q W̃ (W̃ = QᵀW³², r×N2) and y^μ = Q ỹ^μ (ỹ^μ = Qᵀy^μ); as QᵀQ = I, the error backpropagated to W²¹ is
 * W³²ᵀ(y − ŷ) = W̃ᵀ(ỹ − ŷ̃), the loss ½Σ‖y − ŷ‖² = ½Σ‖ỹ − ŷ̃‖², and a mode strength u_αᵀ Σ³¹_net v_α =
 * (Qᵀu_α)ᵀ Σ̃³¹_net v_α. Training the network N1 → N2 → r on the targets ỹ therefore follows exactly the same W²¹
 * and QᵀW³² as the full one (in exact arithmetic; float32 rounding differs), at r/N3 of the cost of every product
 * with the outputs: 64/1000 for Saxe's Fig. 3 setting (P = 32 items, N2 = 32, N3 = 1000). This is the same
 * computation, not an approximation, so it is no departure from the paper (ours).
 */
import type { Matrix } from '../linalg.ts';
import { matmul, qr, transpose, zeros } from '../linalg.ts';
import type { Rng } from '../rng.ts';
import { gaussianMatrix } from './orthogonal.ts';
import { bartlettFactor } from './wishart.ts';

/**
 * Q (N3×r, r = P + N2, orthonormal columns) spanning the targets Y (P×N3, one row per example) and the columns
 * of the initial W³² (N3×N2); null when r is not well below N3, where the reduction would not pay.
 */
export function outputBasis(Y: Matrix, W32: Matrix): Matrix | null {
  const { rows: P, cols: N3 } = Y;
  const N2 = W32.cols;
  const r = P + N2;
  if (W32.rows !== N3) throw new Error('outputBasis: W32 must have N3 rows');
  if (2 * r > N3) return null;
  const A = zeros(N3, r);
  for (let k = 0; k < N3; k++) {
    for (let mu = 0; mu < P; mu++) A.data[k * r + mu] = Y.data[mu * N3 + k];
    for (let j = 0; j < N2; j++) A.data[k * r + P + j] = W32.data[k * N2 + j];
  }
  // Householder QR: Q is orthonormal even where A is rank-deficient (a decoupled start lies inside span(Y)).
  return qr(A).Q;
}

/** The problem in the basis Q: targets Y Q (P×r), W̃³² = QᵀW³² (r×N2), output singular vectors QᵀU (r×K). */
export function reduceOutputs(Q: Matrix, Y: Matrix, W32: Matrix, U: Matrix): { Y: Matrix; W32: Matrix; U: Matrix } {
  const Qt = transpose(Q);
  return { Y: matmul(Y, Q), W32: matmul(Qt, W32), U: matmul(Qt, U) };
}

/**
 * A network with i.i.d. N(0, σ²) output weights W³² (N3×N2), drawn directly in a reduced output space: the same
 * law of training runs as drawing all N3·N2 weights and reducing them as above, at O(N2²) cost instead of
 * O(N3·N2·(P + N2)) per network (ours). Uy (N3×p, orthonormal columns) spans the targets; YU = Y Uy (P×p).
 * In an orthonormal basis [Uy, Q₂] of a space that holds the targets and W³²(0):
 * - Uyᵀ W³² (p×N2) has i.i.d. N(0, σ²) entries, independent of the rest (a Gaussian matrix's law is unchanged by
 *   an orthogonal change of basis);
 * - the rest, R = (I − Uy Uyᵀ) W³², has no target in its rows' space, so training reaches it only through RᵀR:
 *   replacing Q₂ᵀW³² by O Q₂ᵀW³² (O orthogonal) rotates those coordinates of the run and changes no weight in W²¹,
 *   no mode strength and no loss. Any C with CᵀC = RᵀR therefore gives the same run. RᵀR ~ Wishart_N2(N3 − p, σ²I),
 *   so C is its Bartlett factor (engine/nn/wishart.ts) when N3 − p > N2; otherwise the N3 − p coordinates of R
 *   themselves, i.i.d. N(0, σ²).
 * Returns the reduced targets [YU, 0] (P×r) and W̃³² = [Uyᵀ W³²; C] (r×N2), r = p + min(N2, N3 − p). The output
 * singular vectors u_α (columns of Uy) are the unit vectors e_α there (`unitColumns`).
 */
export function randomReducedOutputs(YU: Matrix, N3: number, N2: number, sigma: number, rng: Rng): { Y: Matrix; W32: Matrix } {
  const { rows: P, cols: p } = YU;
  const rest = N3 - p;
  const A = gaussianMatrix(p, N2, rng.fork('along-targets'), sigma);
  const C = rest > N2 ? bartlettFactor(N2, rest, sigma, rng.fork('rest')) : gaussianMatrix(rest, N2, rng.fork('rest'), sigma);
  const r = p + C.rows;
  const W32 = zeros(r, N2);
  W32.data.set(A.data);
  W32.data.set(C.data, p * N2);
  const Y = zeros(P, r);
  for (let mu = 0; mu < P; mu++) for (let j = 0; j < p; j++) Y.data[mu * r + j] = YU.data[mu * p + j];
  return { Y, W32 };
}

/** The r×K matrix whose k-th column is the unit vector e_{idx[k]}: the reduced u_α for α = idx[k] + 1. */
export function unitColumns(r: number, idx: readonly number[]): Matrix {
  const U = zeros(r, idx.length);
  idx.forEach((i, k) => (U.data[i * idx.length + k] = 1));
  return U;
}
