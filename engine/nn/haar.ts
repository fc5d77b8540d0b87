/**
 * A fast seeded Haar-random orthogonal N×N matrix for the spectra figures (hundreds of matrices per run).
 * Same construction as nn/orthogonal.ts (Householder QR of a Gaussian matrix with the sign fix diag(R) > 0,
 * Mezzadri 2007), without the transposes: the Gaussian draws fill the columns of G one after another, which is the
 * layout engine/linalg/qr.ts factors in place, and the result is Qᵀ (the transpose of a Haar matrix is Haar-distributed).
 */
import { householderT, signFixedQT } from '../linalg.ts';
import type { Rng } from '../rng.ts';

export function haarOrthogonal(n: number, rng: Rng): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  return signFixedQT(householderT(a, n, n));
}
