/**
 * Turn a frame into chart markup with Observable Plot. Runs in the browser and, with a DOM shim
 * (linkedom), in Node at build time and in the golden-SVG tests.
 */
import type { PlotOptions } from '@observablehq/plot';
import type { FigureMeta, Frame } from '../../engine/spec.ts';
import type { PlotLib } from './common.ts';
import { chartFor } from './index.ts';
import { collectLater } from './later.ts';
import { markGroup } from './mark-group.ts';

/**
 * The size the chart is drawn at. Every panel is drawn at its real on-screen size (never scaled by
 * CSS), so type set in px is that many CSS px on screen: tick labels, axis labels at any width.
 */
export interface ChartSize {
  /** The width available to the whole chart, in CSS px. */
  width: number;
  /** Fit the panels into this height too (presenter mode, video frames); otherwise they keep their aspect. */
  maxHeight?: number;
  /** Type size in px (tick and axis labels); margins and tick spacing grow with it. */
  fontSize?: number;
}

/** The width the build-time (no-JS) chart is drawn for: the figure's inner width on a desktop page. */
export const BUILD_WIDTH = 960;
export const BASE_FONT = 12;
/** Gap between panels in px: the same as `.ld-panels { gap }` in figure.css. */
export const PANEL_GAP = 8;
/** Narrower than this, panels stack in one column (their 12 px labels need the room). */
const MIN_PANEL_WIDTH = 360;

export interface PanelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where each panel goes and its size, given the panels' natural (design) sizes. Without `maxHeight`:
 * as many columns as fit at MIN_PANEL_WIDTH, each panel as wide as its column and keeping its aspect.
 * With `maxHeight`: the column count that gives the smallest panel the most room within width × height.
 * Square panels (equal-aspect planes) stay square.
 */
export function layoutPanels(natural: readonly { width: number; height: number }[], size: ChartSize): PanelBox[] {
  const n = natural.length;
  const W = Math.max(160, Math.floor(size.width));
  const attempt = (cols: number) => {
    const rows = Math.ceil(n / cols);
    const w = Math.floor((W - (cols - 1) * PANEL_GAP) / cols);
    const rowMax = size.maxHeight === undefined ? Infinity : Math.floor((size.maxHeight - (rows - 1) * PANEL_GAP) / rows);
    const sizes = natural.map((p) => {
      const square = p.width === p.height;
      // Narrow panels get a little more height than their aspect gives, so the plot area stays readable.
      let h = Math.round(Math.max((p.height * w) / p.width, Math.min(p.height, 240)));
      let pw = w;
      // Fitting a screen (presenter mode, video), wide panels may grow taller than their aspect to use the room.
      if (size.maxHeight !== undefined && !square) h = Math.max(h, Math.round(w * 0.75));
      if (h > rowMax) {
        h = Math.max(80, rowMax);
        if (square) pw = Math.min(w, h);
      }
      if (square) h = pw;
      return { width: pw, height: h };
    });
    return { cols, sizes, score: Math.min(...sizes.map((s) => s.width * s.height)) };
  };
  let best = attempt(1);
  if (size.maxHeight === undefined) {
    best = attempt(Math.max(1, Math.min(n, Math.floor((W + PANEL_GAP) / (MIN_PANEL_WIDTH + PANEL_GAP)))));
  } else {
    for (let c = 2; c <= n; c++) {
      const a = attempt(c);
      if (a.score > best.score) best = a;
    }
  }
  const boxes: PanelBox[] = [];
  let y = 0;
  for (let i = 0; i < n; i += best.cols) {
    const row = best.sizes.slice(i, i + best.cols);
    const rowWidth = row.reduce((t, s) => t + s.width, 0) + (row.length - 1) * PANEL_GAP;
    let x = Math.floor((W - rowWidth) / 2);
    for (const s of row) {
      boxes.push({ x, y, ...s });
      x += s.width + PANEL_GAP;
    }
    y += Math.max(...row.map((s) => s.height)) + PANEL_GAP;
  }
  return boxes;
}

/** Plot options for a panel drawn in `box` with `fontSize` type: margins and tick density scale with the type. */
function sized(options: PlotOptions, box: PanelBox, fontSize: number): PlotOptions {
  const k = fontSize / BASE_FONT;
  const o = options as PlotOptions & { x?: Record<string, unknown>; y?: Record<string, unknown> };
  const scaled = (v: unknown, d: number) => Math.round((typeof v === 'number' ? v : d) * k);
  // About one tick per 90 px across and per 56 px up at 12 px type, fewer for larger type.
  const axis = (a: Record<string, unknown> | undefined, length: number, per: number) =>
    a && a.ticks === undefined && a.type !== 'band' ? { ...a, ticks: Math.max(2, Math.floor(length / (k * per))) } : a;
  return {
    ...o,
    width: box.width,
    height: box.height,
    marginTop: scaled(o.marginTop, 20),
    marginRight: scaled(o.marginRight, 20),
    marginBottom: scaled(o.marginBottom, 30),
    marginLeft: scaled(o.marginLeft, 40),
    style: { ...(typeof o.style === 'object' && o.style ? o.style : {}), fontSize: `${fontSize}px` },
    // The x label sits in the bottom margin with room for its descenders at any type size.
    x: o.x && o.x.labelOffset === undefined ? { ...axis(o.x, box.width, 90), labelOffset: scaled(o.marginBottom, 30) - Math.round(fontSize * 0.35) } : axis(o.x, box.width, 90),
    y: axis(o.y, box.height, 56),
  } as PlotOptions;
}

/**
 * Returns one element holding one <svg> per panel, each labelled by its panel title, drawn at `size`
 * (default: the build-time width).
 */
export function renderChart(frame: Frame, spec: FigureMeta, Plot: PlotLib, doc: Document, size: ChartSize = { width: BUILD_WIDTH }): HTMLElement {
  return allSlices(renderChartSlices(frame, spec, Plot, doc, size));
}

/** Run a sliced computation to its end, at once; returns its result. */
export function allSlices<T>(slices: Iterator<unknown, T, undefined>): T {
  for (;;) {
    const r = slices.next();
    if (r.done) return r.value;
  }
}

/** The work a panel's marks leave for later (charts/later.ts) runs in slices of about this long (ms). */
export const SLICE_MS = 8;

/**
 * renderChart in slices: the generator yields between slices and returns the element. A slice is one panel's
 * Plot.plot, or the work its marks left for later (a dot cloud's paths), in slices of about SLICE_MS. A page
 * draws a live frame this way, one task per slice (components/playback.ts).
 */
export function* renderChartSlices(frame: Frame, spec: FigureMeta, Plot: PlotLib, doc: Document, size: ChartSize = { width: BUILD_WIDTH }): Generator<void, HTMLElement, undefined> {
  const panels = chartFor(spec.id)(frame, spec, Plot);
  const fontSize = size.fontSize ?? BASE_FONT;
  const boxes = layoutPanels(
    panels.map((p) => ({ width: Number(p.options.width ?? 640), height: Number(p.options.height ?? 360) })),
    size,
  );
  const wrap = doc.createElement('div');
  wrap.setAttribute('class', `ld-panels ld-panels-${panels.length}`);
  wrap.setAttribute('data-width', String(Math.floor(size.width)));
  wrap.setAttribute('data-boxes', boxes.map((b) => `${b.x},${b.y},${b.width},${b.height}`).join(' '));
  for (const [i, p] of panels.entries()) {
    if (i > 0) yield;
    const [plotted, work] = collectLater(() => Plot.plot({ ...sized(p.options, boxes[i], fontSize), document: doc, ariaLabel: p.title, ariaDescription: undefined }));
    const el = plotted as unknown as Element;
    yield* inSlices(work);
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

/** Run `work` in order, yielding before the first item and whenever a slice has run SLICE_MS. */
function* inSlices(work: readonly (() => void)[]): Generator<void, void, undefined> {
  let start = -Infinity;
  for (const w of work) {
    if (performance.now() - start >= SLICE_MS) {
      yield;
      start = performance.now();
    }
    w();
  }
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
    const own = markGroup(g);
    const cls = `${g.getAttribute('class') ?? ''} ${own === g ? '' : (own.getAttribute('class') ?? '')}`;
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
