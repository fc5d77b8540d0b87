/**
 * The coupled two-feature toy of Pezeshki et al. (2021), Fig. 6 (settings read from the authors' code,
 * spec gradient-starvation-2021.md §4), in Float64. A linearised model ŷ = Φθ with Φ = U diag(s₁, s₂) Vᵀ,
 * targets y = (1, 1), feature responses z = Uᵀ(Y ŷ) with Y = diag(y).
 *
 * V drops out (ours): with θ₀ = 0 and V orthogonal, φ = Vᵀθ follows the same gradient descent as θ does
 * with V = I, and ‖θ‖ = ‖φ‖; so the toy takes V = I and nothing in it is random.
 *
 * Losses (summed over the two examples):
 *   cross-entropy + ridge   L = Σ log(1 + e^{−yᵢŷᵢ}) + (λ/2)‖θ‖²,  λ = 1/C
 *   spectral decoupling     L = Σ log(1 + e^{−yᵢŷᵢ}) + (0.1/C) Σ ŷᵢ²   (the code's coefficient)
 *   squared                 L = ½ ‖ŷ − y‖²   (no penalty: its fixed point is z = Uᵀy exactly)
 * Dual (the code's toy_fig_6.py; the identity log(1 + e^{−x}) = max_{α∈[0,1]} [H(α) − αx]):
 *   minimise (C/2) αᵀKα − Σ H(αᵢ) over α ∈ (0, 1)², K = (YΦ)(YΦ)ᵀ, θ = C (YΦ)ᵀα.
 */

export type Vec2 = [number, number];
/** Row-major 2×2 matrix [a, b, c, d] = [[a, b], [c, d]]. */
export type Mat2 = [number, number, number, number];
export type ToyLoss = 'ce' | 'sd' | 'squared';

/** The targets of the toy (both examples in class +1, as in the authors' code). */
export const TARGETS: Vec2 = [1, 1];
/** The SD penalty is SD_FACTOR/C · Σ ŷ² in the authors' code. */
export const SD_FACTOR = 0.1;
/** The dual's iterates are kept in [ALPHA_MIN, 1 − ALPHA_MIN] (the code clips to (0, 1); its start is 1e-8). */
export const ALPHA_MIN = 1e-8;

export interface Toy {
  U: Mat2;
  Phi: Mat2;
  C: number;
  y: Vec2;
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const mul = (A: Mat2, v: Vec2): Vec2 => [A[0] * v[0] + A[1] * v[1], A[2] * v[0] + A[3] * v[1]];
const mulT = (A: Mat2, v: Vec2): Vec2 => [A[0] * v[0] + A[2] * v[1], A[1] * v[0] + A[3] * v[1]];

/** U = rotation by `angleDeg` (the coupling), Φ = U diag(s₁, s₂). */
export function coupledToy(s1: number, s2: number, angleDeg: number, C: number, y: Vec2 = TARGETS): Toy {
  const a = (angleDeg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const U: Mat2 = [c, -s, s, c];
  return { U, Phi: [c * s1, -s * s2, s * s1, c * s2], C, y };
}

/** Feature responses z = Uᵀ(Y ŷ) of the output ŷ. */
export function responses(toy: Toy, yHat: Vec2): Vec2 {
  return mulT(toy.U, [toy.y[0] * yHat[0], toy.y[1] * yHat[1]]);
}

export function output(toy: Toy, theta: Vec2): Vec2 {
  return mul(toy.Phi, theta);
}

/** ∂L/∂ŷ without the ridge term (which acts on θ). */
function outputGradient(toy: Toy, loss: ToyLoss, yHat: Vec2): Vec2 {
  const g: Vec2 = [0, 0];
  for (let i = 0; i < 2; i++) {
    const yi = toy.y[i];
    if (loss === 'squared') g[i] = yHat[i] - yi;
    else {
      g[i] = -yi * sigmoid(-yi * yHat[i]);
      if (loss === 'sd') g[i] += ((2 * SD_FACTOR) / toy.C) * yHat[i];
    }
  }
  return g;
}

/** One step of full-batch gradient descent on θ (the primal). */
export function primalStep(toy: Toy, loss: ToyLoss, theta: Vec2, lr: number): Vec2 {
  const g = mulT(toy.Phi, outputGradient(toy, loss, output(toy, theta)));
  const ridge = loss === 'ce' ? 1 / toy.C : 0;
  return [theta[0] - lr * (g[0] + ridge * theta[0]), theta[1] - lr * (g[1] + ridge * theta[1])];
}

/** Binary entropy H(α) = −α log α − (1 − α) log(1 − α). */
export function entropy(a: number): number {
  const t = (p: number) => (p > 0 ? p * Math.log(p) : 0);
  return -t(a) - t(1 - a);
}

/** K = (YΦ)(YΦ)ᵀ. */
export function dualKernel(toy: Toy): Mat2 {
  const [y0, y1] = toy.y;
  const P = toy.Phi;
  const r0: Vec2 = [y0 * P[0], y0 * P[1]];
  const r1: Vec2 = [y1 * P[2], y1 * P[3]];
  const dot = (a: Vec2, b: Vec2) => a[0] * b[0] + a[1] * b[1];
  return [dot(r0, r0), dot(r0, r1), dot(r1, r0), dot(r1, r1)];
}

/** One step of gradient descent on the dual (C/2)αᵀKα − ΣH(α), clipped to (0, 1) as in the code. */
export function dualStep(toy: Toy, K: Mat2, alpha: Vec2, lr: number): Vec2 {
  const Ka = mul(K, alpha);
  const next = (i: number) => {
    const grad = toy.C * Ka[i] - Math.log((1 - alpha[i]) / alpha[i]);
    return Math.min(1 - ALPHA_MIN, Math.max(ALPHA_MIN, alpha[i] - lr * grad));
  };
  return [next(0), next(1)];
}

/** The primal weights of a dual point, θ = C (YΦ)ᵀα. */
export function dualTheta(toy: Toy, alpha: Vec2): Vec2 {
  return mulT(toy.Phi, [toy.C * toy.y[0] * alpha[0], toy.C * toy.y[1] * alpha[1]]);
}

/**
 * The fixed point of each loss, as feature responses z*, by Newton's method on ŷ in Float64 (ours).
 * Cross-entropy + ridge: θ = C Φᵀ Y σ(−Yŷ), so ŷ = C ΦΦᵀ Y σ(−Yŷ): both responses couple through ΦΦᵀ.
 * SD: ∂L/∂ŷᵢ = 0 alone, −yᵢσ(−yᵢŷᵢ) + (2·0.1/C) ŷᵢ = 0, one scalar equation per example: Φ drops out.
 * Squared: ŷ = y, z = Uᵀ y.
 */
export function fixedPoint(toy: Toy, loss: ToyLoss): Vec2 {
  const { y, C } = toy;
  if (loss === 'squared') return responses(toy, [y[0], y[1]]);
  if (loss === 'sd') {
    // Margin m = yŷ solves σ(−m) = (0.2/C) m (monotone: bisection).
    const k = (2 * SD_FACTOR) / C;
    let lo = 0;
    let hi = 1;
    while (sigmoid(-hi) > k * hi) hi *= 2;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (sigmoid(-mid) > k * mid) lo = mid;
      else hi = mid;
    }
    const m = (lo + hi) / 2;
    return responses(toy, [y[0] * m, y[1] * m]);
  }
  const P = toy.Phi;
  const K: Mat2 = [P[0] * P[0] + P[1] * P[1], P[0] * P[2] + P[1] * P[3], P[2] * P[0] + P[3] * P[1], P[2] * P[2] + P[3] * P[3]];
  // Work with margins m = Yŷ: m = C (YKY) σ(−m); F(m) = m − C K̃ σ(−m), F′ = I + C K̃ diag(σ(1 − σ)).
  const Kt: Mat2 = [K[0], y[0] * y[1] * K[1], y[0] * y[1] * K[2], K[3]];
  const residual = (v: Vec2): Vec2 => {
    const f = mul(Kt, [sigmoid(-v[0]), sigmoid(-v[1])]);
    return [v[0] - C * f[0], v[1] - C * f[1]];
  };
  const size = (v: Vec2) => Math.hypot(v[0], v[1]);
  let m: Vec2 = [0, 0];
  let F = residual(m);
  for (let it = 0; it < 200 && size(F) > 1e-13 * (1 + size(m)); it++) {
    const sg: Vec2 = [sigmoid(-m[0]), sigmoid(-m[1])];
    const d: Vec2 = [sg[0] * (1 - sg[0]), sg[1] * (1 - sg[1])];
    const J: Mat2 = [1 + C * Kt[0] * d[0], C * Kt[1] * d[1], C * Kt[2] * d[0], 1 + C * Kt[3] * d[1]];
    const det = J[0] * J[3] - J[1] * J[2];
    const step: Vec2 = [(J[3] * F[0] - J[1] * F[1]) / det, (-J[2] * F[0] + J[0] * F[1]) / det];
    // Backtracking: σ saturates, so a full Newton step can overshoot far from the root.
    let t = 1;
    let next: Vec2 = [m[0] - step[0], m[1] - step[1]];
    let Fn = residual(next);
    while (t > 1e-8 && !(size(Fn) < size(F))) {
      t /= 2;
      next = [m[0] - t * step[0], m[1] - t * step[1]];
      Fn = residual(next);
    }
    m = next;
    F = Fn;
  }
  return mulT(toy.U, m);
}
