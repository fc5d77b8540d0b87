/**
 * Many dots drawn as a few SVG paths instead of one <circle> each: a render transform for Plot's dot mark.
 * Thousands of circles made every live frame of a dot cloud a long main-thread task (style, layout and paint per
 * element: saxe-mode-delay draws 100 seeds × 32 modes); a path per layer is one element for the browser.
 * The dots are dealt round-robin into LAYERS paths: within one path overlapping dots are painted once, across
 * paths they still darken, so a dense region reads as dense, as it does with separate translucent circles.
 * The mark's group keeps everything Plot gives it (class, colours, opacity, aria), so the legend and the
 * tests read it as before.
 */
import type * as PlotNS from '@observablehq/plot';

/** Dot marks with more points than this are drawn as a cloud. */
export const CLOUD_MIN = 200;
const LAYERS = 8;
const SVG_NS = 'http://www.w3.org/2000/svg';
const px = (v: number) => String(Math.round(v * 10) / 10);

/** Plot options for a dot mark of radius r drawn as a cloud (a `render` transform). */
export function cloud(r: number): { r: number; render: PlotNS.RenderFunction } {
  return {
    r,
    render(index, scales, values, dimensions, context, next) {
      // The mark's own group with no dots in it: its class, colours, opacity, aria description and offset.
      const g = next!([], scales, values, dimensions, context)!;
      const X = values.x as ArrayLike<number> | undefined;
      const Y = values.y as ArrayLike<number> | undefined;
      if (!X || !Y) throw new Error('cloud: the dot mark needs x and y channels');
      const arc = `a${px(r)},${px(r)} 0 1,0 ${px(2 * r)},0a${px(r)},${px(r)} 0 1,0 ${px(-2 * r)},0`;
      const layers: string[][] = Array.from({ length: LAYERS }, () => []);
      let n = 0;
      for (const i of index) {
        const x = X[i];
        const y = Y[i];
        if (Number.isFinite(x) && Number.isFinite(y)) layers[n++ % LAYERS].push(`M${px(x - r)},${px(y)}${arc}`);
      }
      for (const parts of layers) {
        if (!parts.length) continue;
        const path = context.document.createElementNS(SVG_NS, 'path');
        path.setAttribute('d', parts.join(''));
        g.append(path);
      }
      return g;
    },
  };
}
