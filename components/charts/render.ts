/**
 * Turn a frame into chart markup with Observable Plot. Runs in the browser and, with a DOM shim
 * (linkedom), in Node at build time and in the golden-SVG tests.
 */
import type { FigureMeta, Frame } from '../../engine/spec.ts';
import type { PlotLib } from './common.ts';
import { chartFor } from './index.ts';

/** Returns one element holding one <svg> per panel, each labelled by its panel title. */
export function renderChart(frame: Frame, spec: FigureMeta, Plot: PlotLib, doc: Document): HTMLElement {
  const panels = chartFor(spec.id)(frame, spec, Plot);
  const wrap = doc.createElement('div');
  wrap.setAttribute('class', `ld-panels ld-panels-${panels.length}`);
  for (const p of panels) {
    const el = Plot.plot({ ...p.options, document: doc, ariaLabel: p.title, ariaDescription: undefined }) as unknown as Element;
    el.setAttribute('data-panel', p.name);
    // Plot labels its <g> elements with aria-label but no role, which ARIA prohibits; the chart as a
    // whole is described by the wrapper (role="img" + generated text), so drop the inner labels.
    for (const g of el.querySelectorAll('[aria-label], [aria-description]')) {
      if (g === el) continue;
      g.removeAttribute('aria-label');
      g.removeAttribute('aria-description');
    }
    wrap.appendChild(el);
  }
  return wrap;
}
