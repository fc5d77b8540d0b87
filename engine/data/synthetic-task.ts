/**
 * A synthetic whitened regression task [ours], for figures whose theory needs Σ¹¹ = I but not the digits:
 * P examples x^μ ∈ R^k whose input correlation Σ¹¹ = Σ_μ x^μ x^μᵀ is the identity (the columns of a k × P matrix
 * with orthonormal rows, Haar-random from the seed), and targets y^μ = W* x^μ from a map W* = U S Vᵀ with a chosen
 * singular-value spectrum S = diag(s_1, …, s_r) and Haar-random orthonormal singular vectors U (out × r), V (k × r).
 * Then Σ³¹ = Σ_μ y^μ x^μᵀ = W* Σ¹¹ = W*, whose singular values are exactly the requested spectrum (up to rounding).
 * Needs no data asset.
 */
import { addMulTransBInto, mulInto, usvtInto } from '../linalg.ts';
import { orthogonal } from '../nn/orthogonal.ts';
import type { Rng } from '../rng.ts';

export interface SyntheticTask {
  /** Input dimension. */
  k: number;
  /** Output dimension. */
  out: number;
  /** Number of examples P. */
  examples: number;
  /** k × P, row-major: column μ is the input x^μ. */
  inputs: Float64Array;
  /** out × P, row-major: column μ is the target y^μ = W* x^μ. */
  targets: Float64Array;
  /** Σ¹¹ = Σ_μ x^μ x^μᵀ (k × k), computed from the examples: the identity up to rounding. */
  sigma11: Float64Array;
  /** Σ³¹ = Σ_μ y^μ x^μᵀ (out × k), computed from the examples. */
  sigma31: Float64Array;
  /** The requested singular values s_α of Σ³¹ (r of them). */
  spectrum: Float64Array;
  /** out × r and k × r, row-major: the singular vectors of W* (orthonormal columns). */
  U: Float64Array;
  V: Float64Array;
}

/** r values from `first` down to `last`, geometrically spaced: s_α = first·(last/first)^{(α−1)/(r−1)}. */
export function geometricSpectrum(r: number, first: number, last: number): Float64Array {
  if (!(Number.isInteger(r) && r >= 1)) throw new Error(`geometricSpectrum: r = ${r} must be a positive integer.`);
  if (!(first > 0 && last > 0)) throw new Error(`geometricSpectrum: the end values ${first} and ${last} must be positive.`);
  return Float64Array.from({ length: r }, (_, a) => (r === 1 ? first : first * (last / first) ** (a / (r - 1))));
}

export interface SyntheticTaskOptions {
  k: number;
  out: number;
  /** Singular values of Σ³¹, nonnegative; at most min(out, k) of them. */
  spectrum: ArrayLike<number>;
  rng: Rng;
  /** Number of examples P ≥ k (default 200, or k if larger). */
  examples?: number;
}

export function syntheticWhitenedTask(opts: SyntheticTaskOptions): SyntheticTask {
  const { k, out, rng } = opts;
  const spectrum = Float64Array.from(opts.spectrum);
  const r = spectrum.length;
  const P = opts.examples ?? Math.max(200, k);
  if (!(Number.isInteger(k) && k >= 1 && Number.isInteger(out) && out >= 1)) throw new Error(`syntheticWhitenedTask: k = ${k} and out = ${out} must be positive integers.`);
  if (r < 1 || r > Math.min(k, out)) throw new Error(`syntheticWhitenedTask: ${r} singular values do not fit a ${out} × ${k} map (at most ${Math.min(k, out)}).`);
  for (const s of spectrum) if (!(s >= 0 && Number.isFinite(s))) throw new Error(`syntheticWhitenedTask: singular value ${s} must be finite and nonnegative.`);
  if (!(Number.isInteger(P) && P >= k)) throw new Error(`syntheticWhitenedTask: ${P} examples cannot have a full-rank ${k} × ${k} input correlation.`);

  // Inputs: a wide k × P matrix with orthonormal rows, so X Xᵀ = I exactly up to rounding.
  const X = orthogonal(k, P, rng.fork('inputs')).data;
  const U = orthogonal(out, r, rng.fork('U')).data;
  const V = orthogonal(k, r, rng.fork('V')).data;
  const W = usvtInto(U, spectrum, V, out, k, new Float64Array(out * k)); // W* = U S Vᵀ (out × k)
  // Targets y^μ = W* x^μ: Y = W* X (out × P).
  const Y = mulInto(W, X, out, k, P, new Float64Array(out * P));
  // Correlations as sums over the examples (the paper's convention): Σ¹¹ = X Xᵀ, Σ³¹ = Y Xᵀ.
  const sigma11 = addMulTransBInto(1, X, X, k, P, k, new Float64Array(k * k));
  const sigma31 = addMulTransBInto(1, Y, X, out, P, k, new Float64Array(out * k));
  return { k, out, examples: P, inputs: X, targets: Y, sigma11, sigma31, spectrum, U, V };
}
