/**
 * Measures of a decision function sampled on a square grid [ours]: where its zero contour lies, how far that
 * contour is from a straight line, and the signed distance of labelled points to it.
 *
 * Grid layout: G×G values, row r at x₂ = lo + r·h, column c at x₁ = lo + c·h (h = (hi − lo)/(G − 1)).
 */

/** The square the figure samples, [LO, HI]² (the paper's heatmap extent); here so the chart can import it without the spec. */
export const LO = -2;
export const HI = 2;

export interface Grid {
  G: number;
  lo: number;
  hi: number;
  /** G×G, row-major: values[r·G + c] = f(x₁ = lo + c·h, x₂ = lo + r·h). */
  values: Float64Array;
}

export const gridCoord = (g: Grid, i: number) => g.lo + (i * (g.hi - g.lo)) / (g.G - 1);

/** Points of the zero contour: linear interpolation on every grid edge whose ends differ in sign. */
export function zeroCrossings(g: Grid): [number, number][] {
  const { G, values: v } = g;
  const out: [number, number][] = [];
  for (let r = 0; r < G; r++) {
    for (let c = 0; c < G; c++) {
      const a = v[r * G + c];
      if (c + 1 < G) {
        const b = v[r * G + c + 1];
        if ((a < 0) !== (b < 0)) {
          const t = a / (a - b);
          out.push([gridCoord(g, c) + t * (gridCoord(g, c + 1) - gridCoord(g, c)), gridCoord(g, r)]);
        }
      }
      if (r + 1 < G) {
        const b = v[(r + 1) * G + c];
        if ((a < 0) !== (b < 0)) {
          const t = a / (a - b);
          out.push([gridCoord(g, c), gridCoord(g, r) + t * (gridCoord(g, r + 1) - gridCoord(g, r))]);
        }
      }
    }
  }
  return out;
}

/**
 * Non-linearity of the boundary: along each grid row with |x₂| ≤ `extent`, the crossing x₁ = b(x₂) nearest to
 * x₁ = 0; then the root-mean-square distance (perpendicular) of those points from their total-least-squares line.
 * 0 for a straight boundary; NaN when fewer than three rows cross.
 */
export function boundaryCurvature(g: Grid, extent: number): number {
  const { G, values: v } = g;
  const pts: [number, number][] = [];
  for (let r = 0; r < G; r++) {
    const x2 = gridCoord(g, r);
    if (Math.abs(x2) > extent) continue;
    let best = NaN;
    for (let c = 0; c + 1 < G; c++) {
      const a = v[r * G + c];
      const b = v[r * G + c + 1];
      if ((a < 0) === (b < 0)) continue;
      const x1 = gridCoord(g, c) + (a / (a - b)) * (gridCoord(g, c + 1) - gridCoord(g, c));
      if (!(Math.abs(x1) >= Math.abs(best))) best = x1;
    }
    if (Number.isFinite(best)) pts.push([best, x2]);
  }
  if (pts.length < 3) return NaN;
  // Total least squares: the smallest eigenvalue of the 2×2 covariance is the mean squared perpendicular distance.
  const n = pts.length;
  let mx = 0;
  let my = 0;
  for (const [a, b] of pts) {
    mx += a / n;
    my += b / n;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const [a, b] of pts) {
    sxx += (a - mx) ** 2 / n;
    syy += (b - my) ** 2 / n;
    sxy += ((a - mx) * (b - my)) / n;
  }
  const tr = sxx + syy;
  const det = sxx * syy - sxy * sxy;
  const lmin = tr / 2 - Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  return Math.sqrt(Math.max(0, lmin));
}

/**
 * Signed distances of labelled points to the zero contour: the distance to the nearest crossing point, positive
 * when the point is on its own side (sign of y·f at the point, `f` given per point). Infinity when there is no
 * contour in the grid (then every point is on one side).
 */
export function signedDistances(crossings: readonly [number, number][], x: ArrayLike<number>, y: ArrayLike<number>, f: ArrayLike<number>): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let d2 = Infinity;
    const px = x[2 * i];
    const py = x[2 * i + 1];
    for (const [cx, cy] of crossings) {
      const e = (cx - px) ** 2 + (cy - py) ** 2;
      if (e < d2) d2 = e;
    }
    out[i] = (y[i] * f[i] > 0 ? 1 : -1) * Math.sqrt(d2);
  }
  return out;
}
