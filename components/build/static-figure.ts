/**
 * Build-time rendering (Node only: never imported by browser modules). Runs a figure at its default
 * state with the same engine (tfjs wasm backend in Node) and draws it with Plot into static SVG and
 * legend markup, so the page reads without JavaScript and prints.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { nodeTf } from '../../engine/tf-node.ts';
import { nodeAsset } from '../../engine/assets-node.ts';
import { runToCompletion } from '../../engine/run.ts';
import { figureById } from '../../engine/registry.ts';
import { defaults } from '../../engine/params.ts';
import type { FigureMeta, FigureSpec, Frame } from '../../engine/spec.ts';
import { renderChart } from '../charts/render.ts';
import { legendItems, legendNodes, type LegendItems } from '../legend.ts';
import { tableNodes } from '../data-table.ts';

export function specFor(id: string): FigureSpec {
  const spec = figureById.get(id);
  if (!spec) throw new Error(`Unknown figure id "${id}" (known: ${[...figureById.keys()].join(', ')}).`);
  return spec;
}

const cache = new Map<string, Promise<Frame>>();

/** The default frame of a figure, computed once per build even if the figure appears on several pages. */
export function defaultFrame(id: string): Promise<Frame> {
  let p = cache.get(id);
  if (!p) {
    const spec = specFor(id);
    // wasm: the readers' own backend, and several times faster than cpu on these small matrices.
    p = nodeTf('wasm').then((tf) => runToCompletion(spec, defaults(spec), { tf, cancelled: () => false, asset: nodeAsset }));
    cache.set(id, p);
  }
  return p;
}

export interface StaticChart {
  svg: string;
  legend: string;
  items: LegendItems;
  /** Plot marks drawn without a kind (must be none). */
  untagged: string[];
}

export function staticChart(frame: Frame, meta: FigureMeta): StaticChart {
  const document = buildDocument();
  const el = renderChart(frame, meta, Plot, document as unknown as Document);
  const items = legendItems(el, frame, meta);
  const untagged = [...el.querySelectorAll('[data-untagged]')].map((e) => e.getAttribute('data-untagged') ?? '');
  return { svg: el.outerHTML, legend: legendNodes(document, items).map((n) => n.outerHTML).join(''), items, untagged };
}

const buildDocument = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

/** The data table's markup at build time (the page builds the same nodes with components/data-table.ts). */
export function staticTableHtml(frame: Frame, meta: FigureMeta): string {
  return tableNodes(buildDocument(), frame, meta)
    .map((n) => n.outerHTML)
    .join('');
}

/**
 * The default frame as JSON for the page (6 significant digits: the same picture at any size), so the
 * browser can redraw the build-time chart at its real on-screen width before any run.
 */
export function frameJson(frame: Frame): string {
  return JSON.stringify(frame, (_k, v: unknown) => (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v)).replace(/</g, '\\u003c');
}
