/**
 * The exponential integral Ei(x) = −PV∫_{−x}^{∞} e^{−u}/u du = γ + ln|x| + Σ_{k≥1} x^k/(k·k!) for real x ≠ 0,
 * and E1(x) = −Ei(−x) for x > 0, in Float64.
 *   x > 0: the power series (all terms positive, no cancellation) up to x = 40, the asymptotic series
 *          e^x/x Σ k!/x^k (truncated at its smallest term) beyond;
 *   x < 0: Ei(x) = −E1(−x), with the power series for −x ≤ 1 and the continued fraction
 *          E1(z) = e^{−z}/(z + 1 − 1/(z + 3 − 4/(z + 5 − …))) (modified Lentz) for z > 1.
 * Checked against reference values to a relative 1e-12 (expint.test.ts).
 */

export const EULER_GAMMA = 0.5772156649015329;

const EPS = 1e-17;
const MAX_TERMS = 2000;

function seriesTail(x: number): number {
  // Σ_{k≥1} x^k/(k·k!)
  let term = 1;
  let sum = 0;
  for (let k = 1; k < MAX_TERMS; k++) {
    term *= x / k;
    const add = term / k;
    sum += add;
    if (Math.abs(add) <= EPS * Math.abs(sum)) break;
  }
  return sum;
}

/** E1(z) = ∫_z^∞ e^{−u}/u du for z > 0. */
export function e1(z: number): number {
  if (!(z > 0)) throw new Error(`e1: argument must be positive, got ${z}`);
  if (z <= 1) return -EULER_GAMMA - Math.log(z) - seriesTail(-z);
  // Continued fraction (Numerical Recipes, expint with n = 1), modified Lentz.
  const tiny = 1e-300;
  let b = z + 1;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * i;
    b += 2;
    d = 1 / (an * d + b);
    c = b + an / c;
    const del = c * d;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h * Math.exp(-z);
}

/** Ei(x) for real x ≠ 0 (−∞ at 0). */
export function ei(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return -Infinity;
  if (x < 0) return -e1(-x);
  if (x <= 40) return EULER_GAMMA + Math.log(x) + seriesTail(x);
  if (x > 709) return Infinity;
  // Asymptotic: e^x/x (1 + 1/x + 2/x² + …), stopped at the smallest term.
  let term = 1;
  let sum = 1;
  for (let k = 1; k < x; k++) {
    const next = (term * k) / x;
    if (next >= term) break;
    term = next;
    sum += term;
    if (term < EPS * sum) break;
  }
  return (Math.exp(x) / x) * sum;
}
