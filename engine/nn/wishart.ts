/**
 * Sampling the Gram matrix of a tall Gaussian matrix without drawing the matrix: the Bartlett decomposition.
 * If G is n×p with i.i.d. N(0, 1) entries (n ≥ p), GᵀG ~ Wishart_p(n, I), and GᵀG has the law of CᵀC for C
 * upper triangular with C_ii = √χ²(n − i) (i = 0, …, p−1) and C_ij ~ N(0, 1) for j > i, all independent
 * (Bartlett 1933; e.g. Muirhead, Aspects of Multivariate Statistical Theory, Thm 3.2.14).
 */
import type { Matrix } from '../linalg.ts';
import { zeros } from '../linalg.ts';
import type { Rng } from '../rng.ts';

/** Gamma(shape, 1) for shape ≥ 1 (Marsaglia & Tsang 2000, "A simple method for generating gamma variables"). */
export function gamma(shape: number, rng: Rng): number {
  if (!(shape >= 1)) throw new Error(`gamma: shape ${shape} below 1 is not needed here`);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.uniform(); // (0, 1]
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** χ²(k) = 2·Gamma(k/2, 1), for k ≥ 2. */
export function chiSquared(k: number, rng: Rng): number {
  return 2 * gamma(k / 2, rng);
}

/** C (p×p, upper triangular) with CᵀC ~ Wishart_p(n, σ²I): the Gram matrix of an n×p matrix of i.i.d. N(0, σ²). */
export function bartlettFactor(p: number, n: number, sigma: number, rng: Rng): Matrix {
  if (n < p + 1) throw new Error(`bartlettFactor: needs n > p (n = ${n}, p = ${p})`);
  const C = zeros(p, p);
  for (let i = 0; i < p; i++) {
    C.data[i * p + i] = sigma * Math.sqrt(chiSquared(n - i, rng));
    for (let j = i + 1; j < p; j++) C.data[i * p + j] = sigma * rng.normal();
  }
  return C;
}
