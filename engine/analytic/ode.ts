/**
 * One classical Runge–Kutta (RK4) step, the Float64 reference integrator for every continuous-time flow
 * the figures draw as theory. Written once, for a scalar, a pair and a vector, in the same order of operations,
 * so results are identical wherever it is used.
 */

export function rk4Scalar(f: (y: number) => number, y: number, h: number): number {
  const k1 = f(y);
  const k2 = f(y + 0.5 * h * k1);
  const k3 = f(y + 0.5 * h * k2);
  const k4 = f(y + h * k3);
  return y + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
}

export function rk4Pair(f: (a: number, b: number) => [number, number], a: number, b: number, h: number): [number, number] {
  const [k1a, k1b] = f(a, b);
  const [k2a, k2b] = f(a + 0.5 * h * k1a, b + 0.5 * h * k1b);
  const [k3a, k3b] = f(a + 0.5 * h * k2a, b + 0.5 * h * k2b);
  const [k4a, k4b] = f(a + h * k3a, b + h * k3b);
  return [a + (h / 6) * (k1a + 2 * k2a + 2 * k3a + k4a), b + (h / 6) * (k1b + 2 * k2b + 2 * k3b + k4b)];
}

/**
 * The same step for a vector y of length n, in place and without allocating: returns a stepper (y, h) with its own
 * scratch, for a field f(y, out) that writes dy/dt into out. Each component follows rk4Scalar's order of operations.
 */
export function rk4Vector(n: number, f: (y: Float64Array, out: Float64Array) => void): (y: Float64Array, h: number) => void {
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const z = new Float64Array(n);
  return (y, h) => {
    f(y, k1);
    for (let i = 0; i < n; i++) z[i] = y[i] + 0.5 * h * k1[i];
    f(z, k2);
    for (let i = 0; i < n; i++) z[i] = y[i] + 0.5 * h * k2[i];
    f(z, k3);
    for (let i = 0; i < n; i++) z[i] = y[i] + h * k3[i];
    f(z, k4);
    for (let i = 0; i < n; i++) y[i] = y[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  };
}

/**
 * Advances y by h over a vector field that is smooth on each side of a few kinks (the hinge loss's slope
 * jumps at m = 1): `step(y, h, piece)` is one RK4 step with the field of `piece`, and `pieceOf(y)` names the
 * piece y lies in. When a step would end in another piece, the time of the crossing is located by bisection
 * on the step size (the RK4 step from y serving as dense output, to rounding), the state is taken just past
 * it, and the rest of the step continues with the field of the new piece: the flow is never stepped across
 * a kink. Assumes a step crosses into a new piece at most once and does not come back (no sliding); at most
 * `maxSwitches` crossings per call.
 */
export function rk4Piecewise<Y, P>(step: (y: Y, h: number, piece: P) => Y, pieceOf: (y: Y) => P, y: Y, h: number, maxSwitches = 8): Y {
  let left = h;
  for (let k = 0; left > 0; k++) {
    const piece = pieceOf(y);
    const full = step(y, left, piece);
    if (pieceOf(full) === piece || k >= maxSwitches) return full;
    let lo = 0;
    let hi = left;
    for (let i = 0; i < 200 && hi - lo > 4 * Number.EPSILON * left; i++) {
      const mid = 0.5 * (lo + hi);
      if (pieceOf(step(y, mid, piece)) === piece) lo = mid;
      else hi = mid;
    }
    y = step(y, hi, piece);
    left -= hi;
  }
  return y;
}
