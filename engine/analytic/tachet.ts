/**
 * Closed forms of this site's minimal model for Tachet des Combes et al. (2018) (spec tachet-2018.md §2; ours).
 * One mode: a cluster of n examples of norm r, an aligned unit (w = a e, output weight b, p = y b), margin m = p a r.
 * Gradient flow τ ȧ = n r g(m) p, τ ṗ = n r g(m) a with g = −ℓ′; on the balanced manifold a = p > 0:
 *   τ ṁ = 2 n r m g(m),
 * so time only enters as k t with k = 2 n r / τ.
 *   squared  (g = 1 − m):      m(t) = m0 e^{kt} / (1 − m0 + m0 e^{kt})
 *   hinge    (g = 1[m < 1]):   m(t) = m0 e^{kt} until t* = ln(1/m0)/k, then m = 1
 *   logistic (g = σ(−m)):      k t(m) = ln(m/m0) + Ei(m) − Ei(m0)   (inverted numerically)
 * Also: the two-feature starvation flow of §2.7 (RK4, Float64).
 */
import { rk4Pair, rk4Piecewise, rk4Scalar } from './ode.ts';
import { ei } from './expint.ts';

export type MarginLoss = 'logistic' | 'hinge' | 'squared';

/** g(m) = −ℓ′(m) for the three losses. */
export function lossSlope(loss: MarginLoss, m: number): number {
  if (loss === 'logistic') return 1 / (1 + Math.exp(m));
  if (loss === 'hinge') return m < 1 ? 1 : 0;
  return 1 - m;
}

/** The rate k = 2 n r / τ of a balanced mode (per unit of time t). */
export function modeRate(nr: number, tau: number): number {
  return (2 * nr) / tau;
}

/** Hinge: the time at which the margin reaches 1 and learning stops, t* = τ/(2nr) ln(1/m0). */
export function hingeStopTime(nr: number, m0: number, tau: number): number {
  return m0 >= 1 ? 0 : Math.log(1 / m0) / modeRate(nr, tau);
}

/** k·t needed to go from m0 to m (the dimensionless learning time F(m; m0)); Infinity if never reached. */
export function scaledTimeToMargin(loss: MarginLoss, m: number, m0: number): number {
  if (!(m0 > 0)) throw new Error('scaledTimeToMargin: m0 must be positive');
  if (m <= m0) return 0;
  if (loss === 'hinge') return m > 1 ? Infinity : Math.log(m / m0);
  if (loss === 'squared') {
    if (m0 >= 1) return 0;
    return m >= 1 ? Infinity : Math.log((m * (1 - m0)) / (m0 * (1 - m)));
  }
  return Math.log(m / m0) + ei(m) - ei(m0);
}

/** Time (in units of τ = 1/η, i.e. gradient steps) for a balanced mode to go from m0 to m. */
export function timeToMargin(loss: MarginLoss, m: number, m0: number, nr: number, tau: number): number {
  return scaledTimeToMargin(loss, m, m0) / modeRate(nr, tau);
}

/** Logistic loss: the margin at time t, inverting k t = ln(m/m0) + Ei(m) − Ei(m0) (Newton in ln m, bracketed). */
export function logisticMargin(t: number, nr: number, m0: number, tau: number): number {
  const target = modeRate(nr, tau) * t;
  if (target <= 0) return m0;
  const F = (m: number) => scaledTimeToMargin('logistic', m, m0) - target;
  // Bracket in u = ln m.
  let lo = Math.log(m0);
  let hi = lo + 1;
  while (F(Math.exp(hi)) < 0) hi += Math.max(1, hi - lo);
  // Bisection to 1e-6 in ln m (F grows like e^m/m, so plain Newton from the right is slow), then Newton.
  while (hi - lo > 1e-6) {
    const mid = 0.5 * (lo + hi);
    if (F(Math.exp(mid)) < 0) lo = mid;
    else hi = mid;
  }
  let u = 0.5 * (lo + hi);
  for (let i = 0; i < 8; i++) {
    const m = Math.exp(u);
    // dF/du = m · (1 + e^m)/m = 1 + e^m.
    const next = u - F(m) / (1 + Math.exp(m));
    if (!(next >= lo && next <= hi)) break;
    const done = Math.abs(next - u) <= 1e-16 * Math.max(1, Math.abs(u));
    u = next;
    if (done) break;
  }
  return Math.exp(u);
}

/** Margin of a balanced mode at time t under each loss (continuous flow). */
export function marginAt(loss: MarginLoss, t: number, nr: number, m0: number, tau: number): number {
  const kt = modeRate(nr, tau) * t;
  if (loss === 'squared') {
    const e = Math.exp(kt);
    return Number.isFinite(e) ? (m0 * e) / (1 - m0 + m0 * e) : 1;
  }
  if (loss === 'hinge') return m0 >= 1 ? m0 : Math.min(1, m0 * Math.exp(kt));
  return logisticMargin(t, nr, m0, tau);
}

/** Norm of the mode's parameters √(a² + b²) on the balanced manifold a = |b|: √(2 m / r). */
export function balancedWeightNorm(m: number, r: number): number {
  return Math.sqrt((2 * m) / r);
}

// ---------------------------------------------------------------------------------------------
// Gradient starvation, §2.7: linear model f = w·x, x_μ = y_μ(s1 e1 + s2 e2 1[μ ∈ B]), |B| = p N.
// Summed loss; margins m_A = s1 w1 (feature 1 only), m_B = s1 w1 + s2 w2 (both features):
//   τ ẇ1 = s1 [nA g(m_A) + nB g(m_B)],   τ ẇ2 = s2 nB g(m_B).
// The control trained on the nB examples of B with feature 1 removed: τ ẇ2 = s2 nB g(s2 w2).
// ---------------------------------------------------------------------------------------------

export interface StarvationSetup {
  loss: MarginLoss;
  s1: number;
  s2: number;
  /** Examples with feature 1 only. */
  nA: number;
  /** Examples with both features. */
  nB: number;
  tau: number;
}

export function starvationRhs(c: StarvationSetup, w1: number, w2: number): [number, number] {
  const gA = lossSlope(c.loss, c.s1 * w1);
  const gB = lossSlope(c.loss, c.s1 * w1 + c.s2 * w2);
  return [(c.s1 * (c.nA * gA + c.nB * gB)) / c.tau, (c.s2 * c.nB * gB) / c.tau];
}

export function controlRhs(c: StarvationSetup, w2: number): number {
  return (c.s2 * c.nB * lossSlope(c.loss, c.s2 * w2)) / c.tau;
}

/** g on a known side of the hinge's kink at m = 1 (`past`: m ≥ 1); the smooth losses ignore the side. */
function slopeOnSide(loss: MarginLoss, m: number, past: boolean): number {
  return loss === 'hinge' ? (past ? 0 : 1) : lossSlope(loss, m);
}

/**
 * RK4 integration of the starvation flow (and of the control) from w = (w1, w2), returning the state at
 * each of `times` (ascending, from 0). `sub` RK4 substeps per unit of time. Under the hinge loss the field
 * jumps where a margin reaches 1; each substep stops there (rk4Piecewise) and goes on with the field past
 * the kink, so the flow is exact (a fixed step across the kink would overshoot, e.g. w1 = 1.021 for 1).
 */
export function integrateStarvation(
  c: StarvationSetup,
  w0: [number, number],
  control0: number,
  times: readonly number[],
  sub = 4,
): { w1: number[]; w2: number[]; control: number[] } {
  let w: [number, number] = [w0[0], w0[1]];
  let v = control0;
  let t = 0;
  const kinked = c.loss === 'hinge';
  // Pieces: bit 0 set once m_A = s1 w1 ≥ 1, bit 1 once m_B = s1 w1 + s2 w2 ≥ 1 (always 0 for smooth losses).
  const pieceOf = ([x1, x2]: [number, number]) => (kinked ? (c.s1 * x1 >= 1 ? 1 : 0) | (c.s1 * x1 + c.s2 * x2 >= 1 ? 2 : 0) : 0);
  const step = ([a, b]: [number, number], h: number, piece: number) =>
    rk4Pair(
      (x1, x2) => {
        const gA = slopeOnSide(c.loss, c.s1 * x1, (piece & 1) !== 0);
        const gB = slopeOnSide(c.loss, c.s1 * x1 + c.s2 * x2, (piece & 2) !== 0);
        return [(c.s1 * (c.nA * gA + c.nB * gB)) / c.tau, (c.s2 * c.nB * gB) / c.tau];
      },
      a,
      b,
      h,
    );
  const controlPiece = (x: number) => kinked && c.s2 * x >= 1;
  const controlStep = (x: number, h: number, past: boolean) => rk4Scalar((y) => (c.s2 * c.nB * slopeOnSide(c.loss, c.s2 * y, past)) / c.tau, x, h);
  const out = { w1: [] as number[], w2: [] as number[], control: [] as number[] };
  for (const target of times) {
    const n = Math.max(1, Math.ceil((target - t) * sub));
    const h = (target - t) / n;
    for (let i = 0; i < n && h > 0; i++) {
      w = rk4Piecewise(step, pieceOf, w, h);
      v = rk4Piecewise(controlStep, controlPiece, v, h);
    }
    const [w1, w2] = w;
    t = target;
    out.w1.push(w1);
    out.w2.push(w2);
    out.control.push(v);
  }
  return out;
}

/** Logistic confidence σ(m) that a margin m gives to the correct class. */
export function confidence(m: number): number {
  return m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
}

// ---------------------------------------------------------------------------------------------
// Classification (C1, C2) and failed training (C3), chapters `classification` and `failure` (ours).
// ---------------------------------------------------------------------------------------------

/**
 * One aligned mode of depth L ≥ 2: L − 1 input-side weights a_i, all starting at a0 > 0, and the signed
 * output weight p (= label × output weight), margin m = r p Π a_i. The flow τ ȧ_i = n g m / a_i,
 * τ ṗ = n g m / p conserves a_i² − p² =: c, so with all a_i equal
 *   m = r p (p² + c)^{(L−1)/2},   τ ṗ = n r g(m) (p² + c)^{(L−1)/2}.          (classification page, eq. (S6))
 * On the balanced manifold (c = 0, p > 0) this is §2.5: τ ṁ = L n r^{2/L} m^{2−2/L} g(m).
 * For L = 2 it is τ ṁ = n r g(m) √(4m² + r²c²) (eq. (S7) with C = r²c²).
 */
export interface AlignedMode {
  loss: MarginLoss;
  n: number;
  r: number;
  depth: number;
  /** Initial input-side weight (every layer). */
  a0: number;
  /** Initial signed output weight. */
  p0: number;
  tau: number;
}

export function alignedMargin(mode: Pick<AlignedMode, 'r' | 'depth'>, p: number, c: number): number {
  return mode.r * p * Math.max(0, p * p + c) ** ((mode.depth - 1) / 2);
}

/** RK4 of eq. S6 sampled at `times` (ascending, from 0): the margin of an aligned mode. */
export function alignedModeMargins(mode: AlignedMode, times: readonly number[]): number[] {
  const { loss, n, r, depth, tau } = mode;
  const c = mode.a0 * mode.a0 - mode.p0 * mode.p0;
  const e = (depth - 1) / 2;
  const rhs = (p: number) => {
    const q = p * p + c;
    if (q <= 0) return 0; // the input-side weights reached 0: a ReLU unit is dead, the mode frozen
    const s = q ** e;
    return (n * r * lossSlope(loss, r * p * s) * s) / tau;
  };
  let p = mode.p0;
  let t = 0;
  const out: number[] = [];
  for (const target of times) {
    while (t < target) {
      const scale = (n * r * depth * (1 + Math.abs(p * p + c)) ** e) / tau;
      const h = Math.min(target - t, 0.02 / scale);
      p = rk4Scalar(rhs, p, h);
      t += h;
    }
    out.push(alignedMargin(mode, p, c));
  }
  return out;
}

/**
 * Two-layer mode with a vector of hidden units (a: input-side weights of the units active on the cluster,
 * p: their signed output weights), as if no other cluster shared them: τ ȧ = n r g p, τ ṗ = n r g a give
 * m = r a·p, A = |a|² + |p|², τ ṁ = n r² g A, τ Ȧ = 4 n g m, so C = r²A² − 4m² ≥ 0 is conserved and
 *   τ ṁ = n r g(m) √(4m² + C).                                                  (classification page, eq. (S7))
 * C = 0 is the balanced case (τ ṁ = 2 n r |m| g); one aligned unit has C = r²(a² − p²)².
 * RK4 sampled at `times`.
 */
export function independentModeMargins(loss: MarginLoss, n: number, r: number, m0: number, C: number, tau: number, times: readonly number[]): number[] {
  const rhs = (m: number) => (n * r * lossSlope(loss, m) * Math.sqrt(4 * m * m + Math.max(0, C))) / tau;
  let m = m0;
  let t = 0;
  const out: number[] = [];
  for (const target of times) {
    while (t < target) {
      const scale = (n * r * (2 + Math.sqrt(4 * m * m + Math.max(0, C)))) / tau;
      const h = Math.min(target - t, 0.02 / scale);
      m = rk4Scalar(rhs, m, h);
      t += h;
    }
    out.push(m);
  }
  return out;
}

/**
 * Hinge loss, one aligned two-layer mode started with the wrong sign (p0 < 0 < a0, a0 > |p0|): with
 * a = √c cosh θ, p = √c sinh θ the flow is τ θ̇ = n r g(m), and g = 1 while m < 1, so the margin crosses 0 at
 * t = τ artanh(|p0|/a0) / (n r) exactly. Returns NaN when the mode never crosses (a0 ≤ |p0|).
 */
export function hingeCrossingTime(n: number, r: number, a0: number, p0: number, tau: number): number {
  if (p0 >= 0) return 0;
  if (a0 <= -p0) return NaN;
  return (tau * Math.atanh(-p0 / a0)) / (n * r);
}

/** The time a sampled curve first reaches m > 0 (linear interpolation between samples), NaN if never. */
export function firstPositive(ts: readonly number[], ms: readonly number[]): number {
  for (let i = 0; i < ms.length; i++) {
    if (ms[i] > 0) {
      if (i === 0) return ts[0];
      const f = -ms[i - 1] / (ms[i] - ms[i - 1]);
      return ts[i - 1] + f * (ts[i] - ts[i - 1]);
    }
  }
  return NaN;
}

// ----- §2.6: one ReLU unit on one cluster, y = a r (pre-activation), z = p (signed output weight) -----

export type PhaseOutcome = 'success' | 'failure';

/**
 * The flow τ ż = n g(m) ReLU(y), τ ẏ = n g(m) z r² 1[y > 0], m = z ReLU(y) (linear: m = z y, no gate).
 * Failure condition (ReLU): y0 ≤ 0, or z0 < 0 and y0 ≤ −r z0 (the separatrix y = −rz itself flows into the
 * saddle at the origin and never learns). Linear network: only the separatrix line y = −rz fails.
 */
export function predictedOutcome(z0: number, y0: number, r: number, linear = false): PhaseOutcome {
  if (linear) return y0 === -r * z0 ? 'failure' : 'success';
  if (y0 <= 0) return 'failure';
  if (z0 < 0 && y0 <= -r * z0) return 'failure';
  return 'success';
}

/** The margin of the unit at (z, y). */
export function unitMargin(z: number, y: number, linear = false): number {
  const m = linear ? z * y : z * Math.max(0, y);
  return m === 0 ? 0 : m; // never −0 (a dead unit has margin 0)
}

/** One step of gradient descent at learning rate η on n ℓ(m) (the simultaneous update). */
export function phaseStep(loss: MarginLoss, z: number, y: number, r: number, n: number, lr: number, linear = false): [number, number] {
  const g = lossSlope(loss, unitMargin(z, y, linear));
  const act = linear ? y : Math.max(0, y);
  const gate = linear || y > 0 ? 1 : 0;
  return [z + lr * n * g * act, y + lr * n * g * z * r * r * gate];
}

/** RK4 of the flow (τ = 1/η), sampled at `times`; a ReLU unit that reaches y ≤ 0 stays there. */
export function phaseFlow(
  loss: MarginLoss,
  z0: number,
  y0: number,
  r: number,
  n: number,
  tau: number,
  times: readonly number[],
  linear = false,
): [number, number][] {
  const rhs = (z: number, y: number): [number, number] => {
    const g = lossSlope(loss, unitMargin(z, y, linear));
    if (!linear && y <= 0) return [0, 0];
    return [(n * g * y) / tau, (n * g * z * r * r) / tau];
  };
  let z = z0;
  let y = y0;
  let t = 0;
  const out: [number, number][] = [];
  for (const target of times) {
    while (t < target) {
      const h = Math.min(target - t, (0.02 * tau) / (n * Math.max(1, r * r) * (1 + Math.abs(z) + Math.abs(y))));
      const [zn, yn] = rk4Pair(rhs, z, y, h);
      if (!linear && y > 0 && yn <= 0) {
        // The unit dies between two substeps: stop at y = 0 (z keeps its value there, on the hyperbola).
        const c = y * y - r * r * z * z;
        z = c < 0 ? Math.sign(zn) * Math.sqrt(-c) / r : zn;
        y = 0;
      } else {
        z = zn;
        y = yn;
      }
      t += h;
    }
    out.push([z, y]);
  }
  return out;
}

/**
 * The orbit through (z0, y0) while the unit is active: the branch of y² − r²z² = c through the start, for
 * y ≥ 0 inside the box |z| ≤ zMax, 0 ≤ y ≤ yMax (ReLU), or the whole branch (linear).
 */
export function phaseOrbit(z0: number, y0: number, r: number, zMax: number, yMax: number, n = 160, linear = false): [number, number][] {
  const c = y0 * y0 - r * r * z0 * z0;
  const pts: [number, number][] = [];
  if (Math.abs(c) < 1e-12) {
    // On a separatrix line: y = ±r z.
    const s = Math.sign(y0 * z0) || 1;
    for (let i = 0; i <= n; i++) {
      const z = -zMax + (2 * zMax * i) / n;
      const y = s * r * z;
      if ((linear || y >= 0) && Math.abs(y) <= yMax) pts.push([z, y]);
    }
    return pts;
  }
  if (c > 0) {
    // y = sign(y0) √(c + r² z²), one branch over z.
    const s = Math.sign(y0);
    if (!linear && s < 0) return [[z0, y0]];
    for (let i = 0; i <= n; i++) {
      const z = -zMax + (2 * zMax * i) / n;
      pts.push([z, s * Math.sqrt(c + r * r * z * z)]);
    }
    return pts.filter(([, y]) => Math.abs(y) <= yMax * 1.5);
  }
  // c < 0: z = sign(z0) √((y² − c)) / r, over y (ReLU: y ≥ 0).
  const s = Math.sign(z0);
  const lo = linear ? -yMax : 0;
  for (let i = 0; i <= n; i++) {
    const y = lo + ((yMax - lo) * i) / n;
    pts.push([(s * Math.sqrt(y * y - c)) / r, y]);
  }
  return pts;
}

/**
 * Random initialisation of one ReLU unit on one cluster (label +1 w.l.o.g.): input weight w ~ N(0, σ_w²)
 * along the cluster's direction (so y0 = r w), output weight v ~ N(0, σ_v²) (z0 = v). The unit succeeds iff
 * y0 > 0 and y0 > −r z0, i.e. w > 0 and w > −v: r cancels. With U = w/σ_w, V = v/σ_v standard normal and
 * κ = σ_w/σ_v this is the wedge U > 0, V > −κU of the isotropic plane, of angle π/2 + arctan κ, so
 *   P(unit fails) = q(κ) = 3/4 − arctan(κ)/(2π),  from 3/4 (κ → 0) through 5/8 (κ = 1) to 1/2 (κ → ∞).
 * A network of H such units on one cluster fails (ends with margin ≤ 0) iff every unit fails:
 *   P(network fails) = q(κ)^H.                                                   (failure page, eq. (S3))
 */
export function unitFailureProbability(kappa: number): number {
  return 0.75 - Math.atan(kappa) / (2 * Math.PI);
}

export function networkFailureProbability(kappa: number, width: number): number {
  return unitFailureProbability(kappa) ** width;
}
