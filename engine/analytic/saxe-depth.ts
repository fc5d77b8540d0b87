/**
 * Closed forms and quadratures of Saxe, McClelland & Ganguli (2014), §2, for one mode of an
 * N_l-layer linear network from decoupled initial conditions (N_l − 1 weight matrices, so the mode
 * is D = N_l − 1 scalars a_i). Time t counts iterations and τ = 1/λ.
 */

/** Saxe eq. (15): τ du/dt = (N_l − 1) u^{2 − 2/(N_l − 1)} (s − u), on the balanced manifold a_i = a. */
export function balancedRate(u: number, s: number, depth: number): number {
  const D = depth - 1;
  return D * Math.pow(u, 2 - 2 / D) * (s - u);
}

/** Composite Simpson intervals for the quadrature below (even); the integrand is smooth in the logit. */
const SIMPSON = 4000;

/**
 * The time to go from u0 to uf under eq. (15):
 *   t = τ ∫_{u0}^{uf} du / ((N_l − 1) u^{2 − 2/(N_l − 1)} (s − u)).
 * Evaluated in x = ln(u/(s − u)), where du = u(s − u)/s dx and the integrand becomes
 * u^{−1 + 2/D}/(D s), smooth and without endpoint singularities; composite Simpson in Float64
 * (relative error below 1e-10 for the parameters of the figures). For N_l = 3 the integrand is the
 * constant 1/(2s), so this is eq. (11) exactly. [ours: the substitution]
 */
export function learningTimeEq15(depth: number, s: number, u0: number, uf: number, tau: number): number {
  if (!(u0 > 0) || !(uf < s) || !(s > 0)) return NaN;
  if (uf <= u0) return 0;
  const D = depth - 1;
  const x0 = Math.log(u0 / (s - u0));
  const x1 = Math.log(uf / (s - uf));
  const p = -1 + 2 / D;
  const f = (x: number) => Math.pow(s / (1 + Math.exp(-x)), p);
  const n = SIMPSON;
  const h = (x1 - x0) / n;
  let acc = f(x0) + f(x1);
  for (let i = 1; i < n; i++) acc += (i % 2 ? 4 : 2) * f(x0 + i * h);
  return ((tau * acc * h) / 3) / (D * s);
}

/**
 * Saxe eq. (17), the exact integral of the infinite-depth equation (16), τ du/dt = N_l u² (s − u):
 *   t = (τ/N_l) [ s⁻² ln(uf (u0 − s) / (u0 (uf − s))) + 1/(s u0) − 1/(s uf) ].
 */
export function learningTimeEq17(depth: number, s: number, u0: number, uf: number, tau: number): number {
  if (!(u0 > 0) || !(uf < s) || !(s > 0)) return NaN;
  if (uf <= u0) return 0;
  return (tau / depth) * (Math.log((uf * (u0 - s)) / (u0 * (uf - s))) / (s * s) + 1 / (s * u0) - 1 / (s * uf));
}

/**
 * [ours] The largest eigenvalue of the Hessian of (s − Π a_i)²/2 at the balanced solution
 * a_i = s^{1/D}: the Hessian there is g gᵀ with g_i = Π_{j≠i} a_j = s^{1 − 1/D}, so its top
 * eigenvalue is |g|² = D s^{2 − 2/D}. Gradient descent settles into the solution only for
 * λ |g|² < 2, so λ_max = 2 / (D s^{2 − 2/D}) = O(1/(N_l s²)). (The paper's own estimate is in its
 * Appendix B, which this site does not restate.)
 */
export function stabilityLimit(depth: number, s: number): number {
  const D = depth - 1;
  return 2 / (D * Math.pow(s, 2 - 2 / D));
}

/**
 * max_{i,j} |x_i − x_j| = max x − min x. Applied to x_i = a_i² it is the largest conserved gap
 * |a_i² − a_j²|; applied to x_i = a_i²(t) − a_i²(0) it is the largest change of any a_i² − a_j².
 */
export function spread(x: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  return x.length ? hi - lo : 0;
}
