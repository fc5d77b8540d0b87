/**
 * The reference workload: a 2-layer ReLU network, X 1000×100, hidden 100, logistic loss, full batch.
 * One step = forward + explicit backward + gradient-descent update (≈ 41 MFLOP, two 1000×100×100 products).
 * Data and initialisation come from a seeded generator, so every implementation starts from the same numbers.
 */
export const N = 1000;
export const D = 100;
export const H = 100;
export const LEARNING_RATE = 0.5;
/** 2·N·D·H for X·W1, the same for Xᵀ·gZ, plus the small products and element-wise work. */
export const FLOP_PER_STEP = 4 * N * D * H + 8 * N * H;

export interface Workload {
  /** N×D, row-major. */
  x: Float64Array;
  /** Labels ±1, length N. */
  y: Float64Array;
  /** D×H, row-major; b1 length H; w2 length H; b2 a scalar. */
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: number;
}

/** mulberry32: small, fast, good enough for benchmark data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gaussian inputs, labels from a random linear teacher, He-scaled first layer, small second layer. */
export function makeWorkload(seed = 1): Workload {
  const normal = gaussian(mulberry32(seed));
  const x = Float64Array.from({ length: N * D }, normal);
  const teacher = Float64Array.from({ length: D }, normal);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = 0; k < D; k++) s += x[i * D + k] * teacher[k];
    y[i] = s >= 0 ? 1 : -1;
  }
  const w1 = Float64Array.from({ length: D * H }, () => normal() * Math.sqrt(2 / D));
  const w2 = Float64Array.from({ length: H }, () => normal() * Math.sqrt(1 / H));
  return { x, y, w1, b1: new Float64Array(H), w2, b2: 0 };
}

/** A training step that returns the loss at the parameters it started from. */
export type Step = () => number;

export interface StepImpl {
  step: Step;
  dispose(): void;
}
