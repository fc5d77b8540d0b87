/**
 * A seeded orthogonal initialiser (tfjs's own takes no seed): QR of a Gaussian matrix with the
 * sign fix diag(R) ≥ 0, which makes Q Haar-distributed (Mezzadri 2007). Any rectangular shape:
 * a tall result has orthonormal columns (QᵀQ = I), a wide one orthonormal rows (QQᵀ = I).
 */
import type { Matrix } from '../linalg.ts';
import { qr, transpose, zeros } from '../linalg.ts';
import type { Rng } from '../rng.ts';

export function gaussianMatrix(rows: number, cols: number, rng: Rng, std = 1): Matrix {
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = std * rng.normal();
  return m;
}

export function orthogonal(rows: number, cols: number, rng: Rng, gain = 1): Matrix {
  const tall = rows >= cols;
  const { Q } = qr(gaussianMatrix(tall ? rows : cols, tall ? cols : rows, rng));
  const out = tall ? Q : transpose(Q);
  if (gain !== 1) for (let i = 0; i < out.data.length; i++) out.data[i] *= gain;
  return out;
}
