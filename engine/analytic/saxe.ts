/**
 * Closed forms of Saxe, McClelland & Ganguli (2014), §1.3, for one connectivity mode of a
 * three-layer linear network from decoupled initial conditions. Time t counts iterations and
 * τ = 1/λ (Saxe §1).
 */
import { rk4Pair } from './ode.ts';

/**
 * Saxe eq. (12): the mode strength u(t) for a balanced start (a = b), u(0) = u0,
 *   u(t) = s e^{2st/τ} / (e^{2st/τ} − 1 + s/u0),
 * evaluated as s / (1 + (s/u0 − 1) e^{−2st/τ}), which is the same and never overflows.
 */
export function modeStrength(t: number, s: number, u0: number, tau: number): number {
  if (u0 === 0) return 0; // the origin is a fixed point
  if (s === 0) return u0 / (1 + (2 * u0 * t) / tau); // the s → 0 limit of (10): τ du/dt = −2u²
  return s / (1 + (s / u0 - 1) * Math.exp((-2 * s * t) / tau));
}

/** Saxe eq. (11): the time to go from u0 to uf, t = (τ / 2s) ln[uf (s − u0) / (u0 (s − uf))]. */
export function timeToLearn(s: number, u0: number, uf: number, tau: number): number {
  return (tau / (2 * s)) * Math.log((uf * (s - u0)) / (u0 * (s - uf)));
}

/** Eq. (11) with uf = s/2: the half-learning time (τ / 2s) ln(s/u0 − 1). */
export function halfLearningTime(s: number, u0: number, tau: number): number {
  return timeToLearn(s, u0, s / 2, tau);
}

/** Saxe eq. (8): (da/dt, db/dt) = (b (s − ab), a (s − ab)) / τ. */
export function vectorField(a: number, b: number, s: number, tau: number): [number, number] {
  const e = s - a * b;
  return [(b * e) / tau, (a * e) / tau];
}

/** Saxe eq. (9): E(a, b) = (s − ab)² / 2τ. */
export function energy(a: number, b: number, s: number, tau: number): number {
  return (s - a * b) ** 2 / (2 * tau);
}

/** The quantity that eq. (8) conserves (Noether, from the symmetry a → κa, b → b/κ): c = a² − b². */
export function conserved(a: number, b: number): number {
  return a * a - b * b;
}

/** Below this |c| a start counts as lying on the lines a = ±b (c = 0). */
export const C_ZERO = 1e-12;

/**
 * The exact orbit of eq. (8) through (a0, b0): the arc of the hyperbola a² − b² = c from the start
 * to where the flow ends: the fixed-point curve ab = s, or the origin for starts on the saddle's
 * stable manifold a = −b (c = 0, ab < 0). Along an orbit u = ab moves monotonically towards s,
 * since τ du/dt = (a² + b²)(s − u).
 * - c > 0: a keeps its sign σ; a = σ√c cosh θ, b = σ√c sinh θ, so ab = (c/2) sinh 2θ.
 * - c < 0: b keeps its sign; the same with a and b swapped.
 * - c = 0: the straight segment along a = ±b.
 * Starts with a0 b0 < 0 and c ≠ 0 cross an axis on the way; the parametrisation covers that.
 */
export function hyperbolaArc(a0: number, b0: number, s: number, n = 200): [number, number][] {
  const c = conserved(a0, b0);
  const pts: [number, number][] = [];
  if (Math.abs(c) <= C_ZERO) {
    const u0 = a0 * b0;
    let end: [number, number];
    if (u0 > 0) {
      const r = Math.sqrt(s);
      end = [Math.sign(a0) * r, Math.sign(b0) * r];
    } else end = [0, 0];
    for (let i = 0; i <= n; i++) {
      const f = i / n;
      pts.push([a0 + (end[0] - a0) * f, b0 + (end[1] - b0) * f]);
    }
    return pts;
  }
  const swap = c < 0;
  const p = swap ? b0 : a0; // the coordinate that keeps its sign
  const q = swap ? a0 : b0;
  const r = Math.sqrt(Math.abs(c));
  const sigma = p >= 0 ? 1 : -1;
  const theta0 = Math.asinh(q / (sigma * r));
  const thetaF = Math.asinh((2 * s) / Math.abs(c)) / 2;
  for (let i = 0; i <= n; i++) {
    const th = theta0 + ((thetaF - theta0) * i) / n;
    const P = sigma * r * Math.cosh(th);
    const Q = sigma * r * Math.sinh(th);
    pts.push(swap ? [Q, P] : [P, Q]);
  }
  return pts;
}

/**
 * First-order distance from (a, b) to the hyperbola a² − b² = c: |a² − b² − c| / |∇(a² − b²)|,
 * or the exact distance to the lines a = ±b when c = 0.
 */
export function distanceToHyperbola(a: number, b: number, c: number): number {
  if (Math.abs(c) <= C_ZERO) return Math.min(Math.abs(a - b), Math.abs(a + b)) / Math.SQRT2;
  const g = 2 * Math.hypot(a, b);
  const f = Math.abs(a * a - b * b - c);
  return g > 0 ? f / g : Math.sqrt(Math.abs(c));
}

/** One classical Runge–Kutta step of eq. (8). */
export function rk4Step(a: number, b: number, s: number, tau: number, dt: number): [number, number] {
  return rk4Pair((x, y) => vectorField(x, y, s, tau), a, b, dt);
}

/**
 * Eq. (8) integrated with RK4 (the Float64 reference for the continuous-time flow):
 * returns [t, a, b] at t = 0, dt, …, steps·dt.
 */
export function integrateRK4(
  a0: number,
  b0: number,
  s: number,
  tau: number,
  dt: number,
  steps: number,
): [number, number, number][] {
  const out: [number, number, number][] = [[0, a0, b0]];
  let a = a0;
  let b = b0;
  for (let i = 1; i <= steps; i++) {
    [a, b] = rk4Step(a, b, s, tau, dt);
    out.push([i * dt, a, b]);
  }
  return out;
}

/** Arrows of the vector field (8) on an n × n grid over [−range, range]², for drawing Fig. 2. */
export function fieldGrid(s: number, tau: number, range: number, n: number): { a: number; b: number; da: number; db: number }[] {
  const out: { a: number; b: number; da: number; db: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = -range + (2 * range * (i + 0.5)) / n;
      const b = -range + (2 * range * (j + 0.5)) / n;
      const [da, db] = vectorField(a, b, s, tau);
      out.push({ a, b, da, db });
    }
  }
  return out;
}
