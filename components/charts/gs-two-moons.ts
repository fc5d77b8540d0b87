/**
 * Pezeshki et al. (2021), Figs. 1 and 3: the seed-averaged decision function as filled contour bands (as the
 * paper's contourf, ten levels), its zero contour, the training points and the edges of the gap; next to it, the
 * boundary's non-linearity and the test margin over training (kinds in the spec).
 */
import { contours } from 'd3-contour';
import { HI, LO } from '../../engine/figures/gs-two-moons-boundary.ts';
import type { FigureMeta, Frame } from '../../engine/spec.ts';
import type { ChartBuilder, PlotLib } from './common.ts';
import { allSeriesMarks, groupColours, kindClass, panel, seriesOf } from './common.ts';

/**
 * Filled bands and the zero contour of the heat rows (row i at x₂ = LO + i·h, points [x₁, f̄] at the same spacing).
 * The bands are d3-contour's (what Plot's contour mark runs, without its raster machinery: in Node the mark took
 * 4–12 ms per frame, d3-contour and Plot.geo about 2) drawn as geometry in the x and y scales; the zero line is one
 * path per style (Plot.geo's round caps and joins close its segments), not one element per grid cell.
 */
function boundaryMarks(Plot: PlotLib, frame: Frame, meta: FigureMeta, m: number) {
  const rows = seriesOf(frame, meta, 'boundary').filter((s) => s.kind === 'heat');
  if (rows.length < 2) return [];
  const width = rows[0].points.length;
  const hx = (HI - LO) / (width - 1);
  const hy = (HI - LO) / (rows.length - 1);
  const values = rows.flatMap((s) => s.points.map((p) => p[1]));
  const levels = Array.from({ length: 9 }, (_, i) => -m + (2 * m * (i + 1)) / 10);
  const { contour } = contours().size([width, rows.length]);
  // d3-contour puts sample (c, r) at (c + ½, r + ½) in its grid units: shift by half a step so it sits on its grid point.
  const bands = levels.map((t) => {
    const band = contour(values, t);
    for (const ring of band.coordinates.flat()) {
      for (const p of ring) {
        p[0] = LO + (p[0] - 0.5) * hx;
        p[1] = LO + (p[1] - 0.5) * hy;
      }
    }
    return band;
  });
  const zero = { type: 'MultiLineString', coordinates: zeroSegments(values, width, rows.length, hx, hy) };
  return [
    Plot.geo(bands, { fill: (d: { value: number }) => d.value, stroke: 'none', fillOpacity: 0.85, clip: true, className: kindClass(meta, 'heat', 'ld-g-cells') }),
    // A halo in the page's background colour under the line keeps it visible on the pale middle band in both themes.
    ...[
      { stroke: 'var(--ld-bg)', strokeWidth: 5 },
      { stroke: 'currentColor', strokeWidth: 2 },
    ].map((style) => Plot.geo([zero], { ...style, className: kindClass(meta, 'boundary') })),
  ];
}

type Segment = [[number, number], [number, number]];

/**
 * The zero contour as line segments (marching squares with linear interpolation on the cell edges): a contour band
 * outlines a region, grid edges included, so the boundary line itself is drawn from its crossings.
 * A saddle cell (four crossings) is split by the value at its centre.
 */
function zeroSegments(v: readonly number[], W: number, Hh: number, hx: number, hy: number): Segment[] {
  const out: Segment[] = [];
  const X = (c: number) => LO + c * hx;
  const Y = (r: number) => LO + r * hy;
  const cross = (a: number, b: number) => a / (a - b);
  for (let r = 0; r + 1 < Hh; r++) {
    for (let c = 0; c + 1 < W; c++) {
      const f00 = v[r * W + c];
      const f10 = v[r * W + c + 1];
      const f01 = v[(r + 1) * W + c];
      const f11 = v[(r + 1) * W + c + 1];
      const pts: [number, number][] = [];
      if (f00 < 0 !== f10 < 0) pts.push([X(c) + cross(f00, f10) * hx, Y(r)]);
      if (f10 < 0 !== f11 < 0) pts.push([X(c + 1), Y(r) + cross(f10, f11) * hy]);
      if (f11 < 0 !== f01 < 0) pts.push([X(c + 1) - cross(f11, f01) * hx, Y(r + 1)]);
      if (f01 < 0 !== f00 < 0) pts.push([X(c), Y(r + 1) - cross(f01, f00) * hy]);
      if (pts.length === 2) out.push([pts[0], pts[1]]);
      else if (pts.length === 4) {
        // Edges in order bottom, right, top, left: pair each crossing with its neighbour on the side of the centre's sign.
        const centre = (f00 + f10 + f01 + f11) / 4;
        const [a, b, c2, d] = pts;
        const pairs: [number, number][][] = (centre < 0) === (f00 < 0) ? [[a, b], [c2, d]] : [[a, d], [b, c2]];
        for (const [p, q] of pairs) out.push([p, q]);
      }
    }
  }
  return out;
}

export const gsTwoMoons: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  let m = 1e-9;
  for (const s of seriesOf(frame, meta, 'boundary')) if (s.kind === 'heat') for (const [, v] of s.points) m = Math.max(m, Math.abs(v));
  const others = { ...frame, series: frame.series.filter((s) => s.kind !== 'heat') };
  return [
    panel(meta, 'boundary', {
      width: 420,
      height: 420,
      x: { domain: [LO, HI] },
      y: { domain: [LO, HI] },
      color: { type: 'linear', scheme: 'rdbu', domain: [-m, m], legend: false },
      marks: [...boundaryMarks(Plot, frame, meta, m), ...allSeriesMarks(Plot, others, meta, 'boundary', colours)],
    }),
    panel(meta, 'measures', { marks: allSeriesMarks(Plot, frame, meta, 'measures', colours) }),
  ];
};
