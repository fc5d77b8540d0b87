/**
 * The empirical NTK Gram matrix JJᵀ of the two-layer ReLU network of mlp.ts, f(x) = Σⱼ aⱼ relu(hⱼ) + c with
 * hⱼ = wⱼᵀx + bⱼ (a = w₂, c = b₂), in closed form, for the feature-response figure (Pezeshki et al. 2021, Fig. 2):
 *   ∂f/∂aⱼ = relu(hⱼ), ∂f/∂wⱼ = aⱼ 1[hⱼ > 0] x, ∂f/∂bⱼ = aⱼ 1[hⱼ > 0], ∂f/∂c = 1, so
 *   (JJᵀ)ₖₗ = Σⱼ relu(hₖⱼ) relu(hₗⱼ) + Σⱼ aⱼ² 1[hₖⱼ > 0] 1[hₗⱼ > 0] (xₖᵀxₗ + 1) + 1.
 * Both sums are products of N×H matrices (relu values; a²-weighted gates against 0/1 gates), computed for the lower
 * triangle without branches.
 */
import { offsets, type Mlp } from './mlp.ts';

/** JJᵀ (N × N, row-major) of the network's output on the N inputs X (N×D row-major). */
export function ntkGram(net: Mlp, X: ArrayLike<number>, N: number): Float64Array {
  const { D, H, p } = net;
  const o = offsets(D, H);
  const relu = new Float64Array(N * H);
  const weighted = new Float64Array(N * H);
  const gate = new Float64Array(N * H);
  for (let k = 0; k < N; k++)
    for (let j = 0; j < H; j++) {
      let s = p[o.b1 + j];
      for (let d = 0; d < D; d++) s += p[j * D + d] * X[k * D + d];
      const q = Number(s > 0);
      const a = p[o.w2 + j];
      relu[k * H + j] = s * q;
      weighted[k * H + j] = a * a * q;
      gate[k * H + j] = q;
    }
  const G = new Float64Array(N * N);
  for (let k = 0; k < N; k++) {
    const ok = k * H;
    for (let l = 0; l <= k; l++) {
      const ol = l * H;
      let rr = 0;
      let gg = 0;
      for (let j = 0; j < H; j++) {
        rr += relu[ok + j] * relu[ol + j];
        gg += weighted[ok + j] * gate[ol + j];
      }
      let xx = 1;
      for (let d = 0; d < D; d++) xx += X[k * D + d] * X[l * D + d];
      const v = rr + gg * xx + 1;
      G[k * N + l] = v;
      G[l * N + k] = v;
    }
  }
  return G;
}
