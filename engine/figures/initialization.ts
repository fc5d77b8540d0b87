/** Shared helpers for the figures of chapter `initialization` (histograms, empirical CDFs, shown depths). */

/**
 * A histogram as a density (integrates to the fraction of the sample inside [lo, hi]) drawn as steps:
 * points at each bin's left edge with that bin's density, and a last point at `hi` repeating the last bin.
 */
export function histogramSteps(values: ArrayLike<number>, lo: number, hi: number, bins: number): [number, number][] {
  const counts = new Float64Array(bins);
  const w = (hi - lo) / bins;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / w))]++;
  }
  const pts: [number, number][] = [];
  for (let b = 0; b < bins; b++) pts.push([lo + b * w, n ? counts[b] / (n * w) : 0]);
  pts.push([hi, pts.length ? pts[pts.length - 1][1] : 0]);
  return pts;
}

/** Empirical CDF of a sample at about `points` evenly spaced ranks: [x, fraction ≤ x]. */
export function empiricalCdf(values: ArrayLike<number>, points = 120): [number, number][] {
  const xs = Float64Array.from(values).sort();
  const n = xs.length;
  if (!n) return [];
  const out: [number, number][] = [[xs[0], 0]];
  const stride = Math.max(1, Math.floor(n / points));
  for (let i = stride - 1; i < n; i += stride) out.push([xs[i], (i + 1) / n]);
  if (out[out.length - 1][1] !== 1) out.push([xs[n - 1], 1]);
  return out;
}

export function mean(xs: ArrayLike<number>, f: (x: number) => number = (x) => x): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += f(xs[i]);
  return xs.length ? s / xs.length : NaN;
}

export function fractionWhere(xs: ArrayLike<number>, pred: (x: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (pred(xs[i])) c++;
  return xs.length ? c / xs.length : NaN;
}

/** The depths a spectra figure shows: 1, the geometric middle, and the deepest (distinct, ascending). */
export function shownDepths(depth: number): number[] {
  const mid = Math.round(Math.sqrt(depth));
  return [...new Set([1, mid, depth])].sort((a, b) => a - b);
}

/** Every `k`-th element so that at most `max` remain (for drawing; statistics use all). */
export function thin<T>(xs: readonly T[], max: number): T[] {
  if (xs.length <= max) return xs.slice();
  const k = Math.ceil(xs.length / max);
  return xs.filter((_, i) => i % k === 0);
}
