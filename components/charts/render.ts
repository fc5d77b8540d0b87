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
    scopeIds(el, `${spec.id}-${p.name}`);
    const untagged = untaggedMarks(el);
    if (untagged.length) el.setAttribute('data-untagged', untagged.join(' '));
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

/** Plot's aria-labels of the parts of a plot that are not marks. */
const NOT_A_MARK = /axis|grid|frame|tip/;

/**
 * Marks drawn without a kind (charts/common.ts tags every mark it draws): the legend could not list
 * them. The golden tests fail on any; the page still draws them.
 */
export function untaggedMarks(svg: Element): string[] {
  const out: string[] = [];
  for (const g of svg.querySelectorAll('g[aria-label]')) {
    const label = g.getAttribute('aria-label') ?? '';
    if (NOT_A_MARK.test(label)) continue;
    // A clipped mark (the `clip` option) is a <g clip-path> wrapper holding the mark's own tagged <g>.
    const inner = g.hasAttribute('clip-path') && g.children.length === 1 ? g.children[0] : null;
    const cls = `${g.getAttribute('class') ?? ''} ${inner?.getAttribute('class') ?? ''}`;
    if (!/(^|\s)(ld-k-\S+|ld-axis|ld-note)(\s|$)/.test(cls)) out.push(label);
  }
  return out;
}

/**
 * Plot numbers its clip paths from a counter that is global to the JavaScript realm, so ids from the
 * build (Node) and from the browser would collide between figures on one page, and would depend on
 * render order. Rename them after the figure and panel instead: unique on the page and deterministic.
 */
function scopeIds(root: Element, prefix: string) {
  const renamed = new Map<string, string>();
  for (const el of root.querySelectorAll('[id]')) {
    const id = el.getAttribute('id')!;
    const next = `${prefix}-${renamed.size + 1}`;
    renamed.set(id, next);
    el.setAttribute('id', next);
  }
  if (!renamed.size) return;
  for (const el of root.querySelectorAll('*')) {
    for (const attr of ['clip-path', 'mask', 'fill', 'stroke', 'href', 'marker-start', 'marker-mid', 'marker-end']) {
      const v = el.getAttribute(attr);
      if (!v || !v.includes('#')) continue;
      el.setAttribute(attr, v.replace(/#([\w-]+)/g, (m, id: string) => (renamed.has(id) ? `#${renamed.get(id)}` : m)));
    }
  }
}
