/** Distances between sampled planar paths (ours): how far one trajectory strays from another, whatever their clocks. */

type P = readonly [number, number];

/** Distance from p to the segment [a, b]. */
export function segmentDistance(p: P, a: P, b: P): number {
  const vx = b[0] - a[0];
  const vy = b[1] - a[1];
  const L = vx * vx + vy * vy;
  const t = L === 0 ? 0 : Math.min(1, Math.max(0, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / L));
  return Math.hypot(p[0] - a[0] - t * vx, p[1] - a[1] - t * vy);
}

/** max over the points of `from` of their distance to the polyline `to` (a one-sided Hausdorff distance). */
export function pathDistance(from: readonly P[], to: readonly P[]): number {
  let worst = 0;
  for (const p of from) {
    let best = to.length === 1 ? Math.hypot(p[0] - to[0][0], p[1] - to[0][1]) : Infinity;
    for (let i = 0; i + 1 < to.length; i++) best = Math.min(best, segmentDistance(p, to[i], to[i + 1]));
    worst = Math.max(worst, best);
  }
  return worst;
}
