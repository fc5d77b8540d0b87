/**
 * Textbook random-matrix laws used as overlays for products of random N×N matrices (large-N limits).
 * None of these is in Saxe et al. (2014); they are this site's additions [ours], from the literature:
 * - Marchenko–Pastur with ratio 1 for σ² of one N(0, 1/N) matrix: p(x) = √(x(4 − x))/(2πx) on [0, 4];
 *   for σ itself p_σ(σ) = 2σ p(σ²) = √(4 − σ²)/π on [0, 2] (the quarter-circle law).
 * - The circular law (Ginibre): eigenvalues uniform on the unit disk, so P(|λ| ≤ r) = r².
 * - Products of M independent such matrices (Burda, Janik & Waclaw 2010): eigenvalue density
 *   |z|^{2/M − 2}/(Mπ) on the unit disk, so P(|λ| ≤ r) = r^{2/M}; σ² follows the Fuss–Catalan law
 *   with moments E[σ^{2k}] = C((M+1)k, k)/(Mk + 1): mean 1 and second moment M + 1.
 */

/** Quarter-circle density of singular values of one N(0, 1/N) square matrix: √(4 − σ²)/π on [0, 2]. */
export function quarterCircleDensity(sigma: number): number {
  return sigma < 0 || sigma > 2 ? 0 : Math.sqrt(4 - sigma * sigma) / Math.PI;
}

/** Its CDF: (σ√(4 − σ²)/2 + 2 arcsin(σ/2))/π. */
export function quarterCircleCdf(sigma: number): number {
  if (sigma <= 0) return 0;
  if (sigma >= 2) return 1;
  return ((sigma * Math.sqrt(4 - sigma * sigma)) / 2 + 2 * Math.asin(sigma / 2)) / Math.PI;
}

/** Marchenko–Pastur density (ratio 1) of x = σ². */
export function marchenkoPastur(x: number): number {
  return x <= 0 || x >= 4 ? 0 : Math.sqrt(x * (4 - x)) / (2 * Math.PI * x);
}

/** P(|λ| ≤ r) for the eigenvalues of a product of M Ginibre matrices (M = 1: the circular law, r²). */
export function productRadialCdf(r: number, M: number): number {
  if (r <= 0) return 0;
  if (r >= 1) return 1;
  return r ** (2 / M);
}

/** Fuss–Catalan moment E[σ^{2k}] of a product of M matrices: C((M+1)k, k)/(Mk + 1). */
export function fussCatalanMoment(M: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * ((M + 1) * k - k + i)) / i;
  return c / (M * k + 1);
}

/** Kolmogorov–Smirnov distance between a sample and a continuous CDF. */
export function ksDistance(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(sample).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  }
  return d;
}
