/**
 * Initial weights for the three-layer network (Float64, converted to tensors by the caller).
 */
import type { Matrix } from '../linalg.ts';
import { columns, usvt } from '../linalg.ts';
import type { Rng } from '../rng.ts';
import { gaussianMatrix, orthogonal } from './orthogonal.ts';

/**
 * Decoupled initial conditions (Saxe §1.3): W³² = U D_a Rᵀ and W²¹ = R D_b Vᵀ with R a seeded random
 * orthogonal N2×N2 matrix and D_a = D_b = √u0 on the first min(N2, k) modes (balanced, a = b), so
 * every mode starts at strength u0 and evolves independently by eq. (8).
 * U: N3×k and V: N1×k are the singular vectors of Σ³¹.
 */
export function decoupledInit(
  U: Matrix,
  V: Matrix,
  hidden: number,
  u0: number,
  rng: Rng,
): { W21: Matrix; W32: Matrix } {
  const k = Math.min(hidden, U.cols);
  const R = columns(orthogonal(hidden, hidden, rng), 0, k); // N2×k, orthonormal columns r^α
  const d = new Float64Array(k).fill(Math.sqrt(u0));
  const W32 = usvt(columns(U, 0, k), d, R); // N3×N2
  const W21 = usvt(R, d, columns(V, 0, k)); // N2×N1
  return { W21, W32 };
}

/**
 * Small i.i.d. Gaussian weights, std σ, both layers. Linearising eq. (5) around zero, the mode-α
 * components a, b ∈ R^{N2} grow as (a + b) e^{s t/τ}, so u = a·b ≈ |a0 + b0|²/4 · e^{2st/τ}:
 * an effective initial strength E[u0] = N2 σ²/2 for eq. (12). [ours]
 */
export function gaussianInit(
  inputs: number,
  hidden: number,
  outputs: number,
  std: number,
  rng: Rng,
): { W21: Matrix; W32: Matrix } {
  const W21 = gaussianMatrix(hidden, inputs, rng.fork('W21'), std);
  const W32 = gaussianMatrix(outputs, hidden, rng.fork('W32'), std);
  return { W21, W32 };
}

/** The std σ for which small random weights start modes at strength u0 on average: σ = √(2 u0 / N2). */
export function stdForModeStrength(u0: number, hidden: number): number {
  return Math.sqrt((2 * u0) / hidden);
}

/** The inverse: effective initial mode strength u0 = N2 σ² / 2 of i.i.d. N(0, σ²) weights. */
export function modeStrengthForStd(std: number, hidden: number): number {
  return (hidden * std * std) / 2;
}
