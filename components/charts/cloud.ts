/**
 * Many dots drawn as a few SVG paths instead of one <circle> each: a render transform for Plot's dot mark.
 * Thousands of circles made every live frame of a dot cloud a long main-thread task (style, layout and paint per
 * element: saxe-mode-delay draws 100 seeds × 32 modes); a path per layer is one element for the browser.
 * The dots are dealt round-robin into LAYERS paths: within one path overlapping dots are painted once, across
 * paths they still darken, so a dense region reads as dense, as it does with separate translucent circles.
 * The mark's group keeps everything Plot gives it (class, colours, opacity, aria), so the legend and the
 * tests read it as before.
 *
 * Each dot is a disc, drawn as a subpath of zero length ("M x,y h0") that the path's round line caps make a disc
 * of the stroke width. A stroked dot is a disc of the ring's outer radius, r + w/2, in the stroke's colour, as the
 * legend's key for dots shows it; without a fill, at the opacity that puts the ring's ink on the disc. A filled
 * dot without a stroke is a disc of radius r in the fill's colour and opacity, as Plot draws it; a dot with both
 * gets its fill inside the ring (radius r − w/2), over the ring's disc: a translucent fill then shows the ring's
 * colour through it, not what lies under the dot, a small difference from Plot's circles.
 * Rings drawn as four arcs per dot cost the browser far more: Chromium turns every arc into curves when it lays
 * the path out, which was 71 ms of a 150 ms rendering task of a saxe-mode-delay frame at 4× CPU throttling (a
 * trace), and the path data was about 7 times longer (style recalculation parses it).
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

/** The lowest and highest finite values: what Plot's domain inference sees on a linear or symlog scale (inferDomain). */
function extent(points: readonly Point[], k: 0 | 1): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  let any = false;
  for (const p of points) {
    const v = p[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    any = true;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return any ? [lo, hi] : null;
}

/**
 * A dot mark of radius r over `points` drawn as a cloud: spread `options` into Plot.dot(data, …) with the x and y
 * accessors `d => d[0]` and `d => d[1]`. Plot itself sees only `data`, the cloud's extremes (two dots at most, never
 * drawn), so its linear or symlog scales get the domain the whole cloud would give them (not a log scale's, which
 * depends on the sign of the first value: give Plot all the points there); the render transform places every point
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
    // A dot is filled (in the group's fill) and stroked (in its stroke) as Plot would draw it: Plot writes fill="none"
    // for a dot without fill, and no stroke attribute for one without stroke (as eigenvalue dots).
    const stroke = own.getAttribute('stroke');
    const fill = own.getAttribute('fill');
    const stroked = stroke !== null && stroke !== 'none';
    const filled = fill !== 'none';
    const w = stroked ? Number(own.getAttribute('stroke-width') ?? 1.5) : 0;
    // The discs of a layer, widest first: each is a path of dots whose round caps are `width` across.
    const discs: { width: number; attrs: Record<string, string> }[] = [];
    const outer = r + w / 2;
    const inner = r - w / 2;
    const fillInside = filled && inner > 0;
    // An unfilled ring's ink is spread over its disc, so that a dense cloud stays as light as rings drew it and a line
    // over it stays readable: the stroke's opacity times the ring's share of the disc's area.
    const share = fillInside ? 1 : 1 - Math.max(0, inner) ** 2 / outer ** 2;
    const strokeOpacity = Number(own.getAttribute('stroke-opacity') ?? 1) * share;
    if (stroked) discs.push({ width: 2 * outer, attrs: share === 1 ? {} : { 'stroke-opacity': String(Math.round(strokeOpacity * 1000) / 1000) } });
    if (fillInside) discs.push({ width: 2 * inner, attrs: { stroke: fill ?? 'currentColor', 'stroke-opacity': own.getAttribute('fill-opacity') ?? '1' } });
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
    // Each layer is work for later (charts/later.ts): building a layer's path data is most of a cloud's script.
    for (let k = 0; k < LAYERS; k++) {
      later(() => {
        place();
        const parts: string[] = [];
        for (let j = k; j < xs.length; j += LAYERS) parts.push(`M${px(xs[j])},${px(ys[j])}h0`);
        if (!parts.length) return;
        const d = parts.join('');
        for (const disc of discs) {
          const path = context.document.createElementNS(SVG_NS, 'path');
          path.setAttribute('d', d);
          const attrs = { fill: 'none', 'stroke-width': px(disc.width), 'stroke-linecap': 'round', ...disc.attrs };
          for (const [name, value] of Object.entries(attrs)) path.setAttribute(name, value);
          own.append(path);
        }
      });
    }
    return g;
  };
}
