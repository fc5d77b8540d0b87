/**
 * Mean-field signal propagation in deep tanh networks x^{l+1} = g W φ(x^l) with random orthogonal W (Saxe et al. 2014,
 * eq. (20)–(21)). The variance recursion q^{l+1} = g² ∫Dz tanh²(√q^l z) and the per-layer Jacobian factor
 * χ(q) = g² ∫Dz tanh'(√q z)² are this site's additions [ours]: the standard large-N mean-field map, not checked against
 * the paper's Appendix G. Gaussian integrals ∫Dz f(z) use Gauss–Hermite quadrature (probabilists' weight e^{−z²/2}).
 */

export interface Quadrature {
  nodes: Float64Array;
  /** Weights for ∫Dz f(z) ≈ Σ w_i f(z_i) (they sum to 1). */
  weights: Float64Array;
}

/**
 * Gauss–Hermite nodes and weights for the physicists' weight e^{−x²} by Newton's method on the
 * orthonormal Hermite recurrence (after Numerical Recipes' gauher), rescaled to the standard normal
 * measure: z = √2 x, w = w_x / √π.
 */
export function gaussHermite(n: number): Quadrature {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const PIM4 = Math.PI ** -0.25;
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let its = 0; its < 100; its++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 3e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i];
  }
  const nodes = Float64Array.from(x, (v) => Math.SQRT2 * v);
  const weights = Float64Array.from(w, (v) => v / Math.sqrt(Math.PI));
  return { nodes, weights };
}

let cached: Quadrature | null = null;
function quad(): Quadrature {
  return (cached ??= gaussHermite(80));
}

/** ∫Dz f(z) for the standard normal measure. */
export function gaussianExpectation(f: (z: number) => number): number {
  const { nodes, weights } = quad();
  let s = 0;
  for (let i = 0; i < nodes.length; i++) s += weights[i] * f(nodes[i]);
  return s;
}

/** One step of the variance map: q ↦ g² ∫Dz tanh²(√q z). */
export function varianceMap(q: number, g: number): number {
  const r = Math.sqrt(Math.max(q, 0));
  return g * g * gaussianExpectation((z) => Math.tanh(r * z) ** 2);
}

/** Per-layer growth of the mean squared singular value of the Jacobian: χ = g² ∫Dz (1 − tanh²(√q z))². */
export function jacobianFactor(q: number, g: number): number {
  const r = Math.sqrt(Math.max(q, 0));
  return g * g * gaussianExpectation((z) => (1 - Math.tanh(r * z) ** 2) ** 2);
}

/** q^1 … q^L from q^1 = q. */
export function varianceRecursion(q1: number, g: number, layers: number): Float64Array {
  const q = new Float64Array(layers);
  q[0] = q1;
  for (let l = 1; l < layers; l++) q[l] = varianceMap(q[l - 1], g);
  return q;
}
