/** The reference step in plain TypeScript loops over Float64Array (no library). */
import { D, H, LEARNING_RATE, N, type StepImpl, type Workload } from './workload.ts';

export function makeF64Step(
  w: Workload,
  lr = LEARNING_RATE,
): StepImpl & { weights(): { w1: Float64Array; b1: Float64Array; w2: Float64Array; b2: number } } {
  const { x, y } = w;
  const w1 = w.w1.slice();
  const b1 = w.b1.slice();
  const w2 = w.w2.slice();
  let b2 = w.b2;
  const z = new Float64Array(N * H);
  const gz = new Float64Array(N * H);
  const gf = new Float64Array(N);
  const gw1 = new Float64Array(D * H);
  const gw2 = new Float64Array(H);
  const gb1 = new Float64Array(H);

  function step(): number {
    // Forward: Z = X W1 + b1, f = relu(Z) w2 + b2; loss = mean softplus(-y f).
    let loss = 0;
    for (let i = 0; i < N; i++) {
      const zi = i * H;
      for (let j = 0; j < H; j++) z[zi + j] = b1[j];
      for (let k = 0; k < D; k++) {
        const xik = x[i * D + k];
        const wk = k * H;
        for (let j = 0; j < H; j++) z[zi + j] += xik * w1[wk + j];
      }
      let f = b2;
      for (let j = 0; j < H; j++) if (z[zi + j] > 0) f += z[zi + j] * w2[j];
      const m = -y[i] * f;
      loss += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
      // d loss / d f = -y σ(-y f) / N
      gf[i] = (-y[i] / (1 + Math.exp(-m))) / N;
    }
    // Backward: gw2 = relu(Z)ᵀ gf, gZ = (gf w2ᵀ) ⊙ [Z > 0], gW1 = Xᵀ gZ, gb1 = Σ_i gZ.
    gw2.fill(0);
    gb1.fill(0);
    gw1.fill(0);
    let gb2 = 0;
    for (let i = 0; i < N; i++) {
      const zi = i * H;
      const g = gf[i];
      gb2 += g;
      for (let j = 0; j < H; j++) {
        const on = z[zi + j] > 0;
        if (on) gw2[j] += z[zi + j] * g;
        const gzij = on ? g * w2[j] : 0;
        gz[zi + j] = gzij;
        gb1[j] += gzij;
      }
      for (let k = 0; k < D; k++) {
        const xik = x[i * D + k];
        const wk = k * H;
        for (let j = 0; j < H; j++) gw1[wk + j] += xik * gz[zi + j];
      }
    }
    for (let t = 0; t < D * H; t++) w1[t] -= lr * gw1[t];
    for (let j = 0; j < H; j++) {
      b1[j] -= lr * gb1[j];
      w2[j] -= lr * gw2[j];
    }
    b2 -= lr * gb2;
    return loss / N;
  }

  return { step, dispose() {}, weights: () => ({ w1, b1, w2, b2 }) };
}
