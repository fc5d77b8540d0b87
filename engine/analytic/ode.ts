/**
 * One classical Runge–Kutta (RK4) step, the Float64 reference integrator for every continuous-time flow
 * the figures draw as theory. Written once, for a scalar and for a pair, in the same order of operations,
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
