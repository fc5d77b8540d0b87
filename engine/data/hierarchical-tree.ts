/**
 * The hierarchical dataset of Saxe et al. (2014), Fig. 3 (after Saxe, McClelland & Ganguli 2013):
 * items are the leaves of a binary tree; each feature diffuses down the tree from a ±1 root value,
 * every child copying its parent and flipping with probability `flip`. Inputs are one-hot, so
 * Σ¹¹ = Σ_μ x^μ x^μᵀ = I, and Σ³¹ = Σ_μ y^μ x^μᵀ (sums, not means; Saxe §1) has the SVD of eq. (3).
 */
import type { Matrix, SVD } from '../linalg.ts';
import { identity, svd, zeros } from '../linalg.ts';
import type { Rng } from '../rng.ts';

export interface HierarchicalOptions {
  /** Levels below the root; the tree has 2^depth leaves (items). Paper: 5. */
  depth: number;
  /** Number of output features N3. Paper: 1000. */
  features: number;
  /** Probability that a child's feature value differs from its parent's. Paper: 0.1. */
  flip: number;
}

export interface HierarchicalData {
  /** Items P = N1 = 2^depth. */
  items: number;
  features: number;
  /** P × N1 one-hot inputs (the identity). */
  X: Matrix;
  /** P × N3 leaf feature values, each ±1. */
  Y: Matrix;
  /** Σ³¹ = Σ_μ y^μ x^μᵀ, N3 × N1. */
  sigma31: Matrix;
  /** Thin SVD of Σ³¹ (Saxe eq. (3)): U N3×k, s descending, V N1×k, k = min(N1, N3). */
  svd: SVD;
}

/** Leaf values of one feature: breadth-first diffusion down a complete binary tree. */
function diffuse(depth: number, flip: number, rng: Rng): Int8Array {
  let level = Int8Array.of(rng.uniform() < 0.5 ? -1 : 1);
  for (let d = 0; d < depth; d++) {
    const next = new Int8Array(level.length * 2);
    for (let i = 0; i < next.length; i++) {
      const parent = level[i >> 1];
      next[i] = rng.uniform() < flip ? -parent : parent;
    }
    level = next;
  }
  return level;
}

export function hierarchicalTree(opts: HierarchicalOptions, rng: Rng): HierarchicalData {
  const { depth, features, flip } = opts;
  const P = 2 ** depth;
  const Y = zeros(P, features);
  for (let f = 0; f < features; f++) {
    const leaves = diffuse(depth, flip, rng);
    for (let mu = 0; mu < P; mu++) Y.data[mu * features + f] = leaves[mu];
  }
  // With X = I, Σ³¹ = Yᵀ X = Yᵀ.
  const sigma31 = zeros(features, P);
  for (let mu = 0; mu < P; mu++) for (let f = 0; f < features; f++) sigma31.data[f * P + mu] = Y.data[mu * features + f];
  return { items: P, features, X: identity(P), Y, sigma31, svd: svd(sigma31) };
}
