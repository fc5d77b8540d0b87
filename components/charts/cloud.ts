/**
 * Many dots drawn as a few SVG paths instead of one <circle> each: a render transform for Plot's dot mark.
 * Thousands of circles made every live frame of a dot cloud a long main-thread task (style, layout and paint per
 * element: saxe-mode-delay draws 100 seeds × 32 modes); a path per layer is one element for the browser.
 * The dots are dealt round-robin into LAYERS paths: within one path overlapping dots are painted once, across
 * paths they still darken, so a dense region reads as dense, as it does with separate translucent circles.
 * The mark's group keeps everything Plot gives it (class, colours, opacity, aria), so the legend and the
 * tests read it as before.
 *
 * A stroked dot's ring is filled, not stroked: an outer circle of radius r + w/2 and an inner one of r − w/2 drawn
 * the other way round, under the nonzero rule, which covers exactly what a stroke of width w covers (and overlapping
 * rings of one path once, as a stroke does). A dot's fill is a disc of radius r in a path of its own, under the
 * ring. The browser rasterises a fill about 2.5× faster than a stroke of many small arcs (a Chromium trace of
 * saxe-mode-delay: 46 ms of raster per frame stroked, 18 filled, on a core the engine's workers need).
 */
import type * as PlotNS from '@observablehq/plot';
import { later } from './later.ts';
import { markGroup } from './mark-group.ts';

/** Dot marks with more points than this are drawn as a cloud. */
export const CLOUD_MIN = 200;
const LAYERS = 8;
const SVG_NS = 'http://www.w3.org/2000/svg';
const px = (v: number) => String(Math.round(v * 10) / 10);

type Point = readonly [number, number];

/** The lowest and highest of the values d3.extent would see (it skips null, undefined and NaN). */
function extent(points: readonly Point[], k: 0 | 1): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  let any = false;
  for (const p of points) {
    const v = p[k];
    if (v == null || !(v >= v)) continue;
    any = true;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return any ? [lo, hi] : null;
}

/**
 * A dot mark of radius r over `points` drawn as a cloud: spread `options` into Plot.dot(data, …) with the x and y
 * accessors `d => d[0]` and `d => d[1]`. Plot itself sees only `data`, the cloud's extremes (two dots at most, never
 * drawn), so its scales get the domain the whole cloud would give them; the render transform places every point
 * with those scales, in work left for later (charts/later.ts). Plot's own work per dot (reading, filtering and
 * scaling each channel value) was most of a live frame's Plot.plot for saxe-mode-delay's 3200 dots, in one task.
 */
export function cloud(r: number, points: readonly Point[]): { data: Point[]; options: { r: number; render: PlotNS.RenderFunction } } {
  const ex = extent(points, 0);
  const ey = extent(points, 1);
  // Two dots whose x and y channels span the cloud's: Plot's extent over them is the extent over all the points.
  const data: Point[] = ex && ey ? [[ex[0], ey[0]], [ex[1], ey[1]]] : ex ? [[ex[0], NaN], [ex[1], NaN]] : ey ? [[NaN, ey[0]], [NaN, ey[1]]] : [];
  return { data, options: { r, render: cloudRender(r, points) } };
}

function cloudRender(r: number, points: readonly Point[]): PlotNS.RenderFunction {
  return function render(_index, scales, values, dimensions, context, next) {
    // The mark's own group with no dots in it: its class, colours, opacity, aria description and offset.
    const g = next!([], scales, values, dimensions, context)!;
    const own = markGroup(g);
    const sx = scales.x;
    const sy = scales.y;
    if (!sx || !sy) throw new Error('cloud: the dot mark needs x and y scales');
    // A dot is filled (its disc, in the group's fill) and stroked (its ring) as Plot would draw it: Plot writes
    // fill="none" for a dot without fill, and no stroke attribute for one without stroke (as eigenvalue dots).
    const stroke = own.getAttribute('stroke');
    const stroked = stroke !== null && stroke !== 'none';
    const filled = own.getAttribute('fill') !== 'none';
    const w = Number(own.getAttribute('stroke-width') ?? 1.5);
    // Radii to 0.1 px, so that each half arc's chord (2q, written to 0.1 px) is exactly its diameter.
    const q = (v: number) => Number(px(v));
    // A circle of radius q through (x − q, y): two half arcs, clockwise on screen (sweep 1) or not (sweep 0).
    const circle = (c: number, sweep: 0 | 1) => `a${px(c)},${px(c)} 0 1,${sweep} ${px(2 * c)},0a${px(c)},${px(c)} 0 1,${sweep} ${px(-2 * c)},0`;
    const radius = q(r);
    const outer = q(r + w / 2);
    const inner = q(r - w / 2);
    // The inner circle starts (outer − inner) to the right of where the outer one ends: a relative move.
    const ring = circle(outer, 0) + (inner > 0 ? `m${px(outer - inner)},0${circle(inner, 1)}` : '');
    const disc = circle(radius, 0);
    // The dots in drawing order (finite ones only), placed by Plot's scales as Plot would place its circles; done
    // once, by the first layer's work. Layer k gets every LAYERS-th, from the k-th.
    const xs: number[] = [];
    const ys: number[] = [];
    let placed = false;
    const place = () => {
      if (placed) return;
      placed = true;
      for (const [u, v] of points) {
        const x = u == null ? NaN : sx(u);
        const y = v == null ? NaN : sy(v);
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        xs.push(x);
        ys.push(y);
      }
    };
    const add = (parts: string[], attrs: Record<string, string>) => {
      if (!parts.length) return;
      const path = context.document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', parts.join(''));
      for (const [k, v] of Object.entries(attrs)) path.setAttribute(k, v);
      own.append(path);
    };
    // Layer by layer, each layer's discs under its rings, as one path with a fill and a stroke paints them. Discs
    // take the group's fill and fill opacity; rings are filled with the stroke's colour and opacity. Each layer is
    // work for later (charts/later.ts): building and parsing a layer's path data is most of a cloud's cost.
    const ringStyle = { fill: stroke ?? 'none', 'fill-opacity': own.getAttribute('stroke-opacity') ?? '1', stroke: 'none' };
    for (let k = 0; k < LAYERS; k++) {
      later(() => {
        place();
        const discs: string[] = [];
        const rings: string[] = [];
        for (let j = k; j < xs.length; j += LAYERS) {
          if (filled) discs.push(`M${px(xs[j] - radius)},${px(ys[j])}${disc}`);
          if (stroked) rings.push(`M${px(xs[j] - outer)},${px(ys[j])}${ring}`);
        }
        add(discs, { stroke: 'none' });
        add(rings, ringStyle);
      });
    }
    return g;
  };
}
