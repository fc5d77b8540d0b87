/**
 * Build-time rendering: run a figure at its default state with the same engine (tfjs cpu backend
 * in Node) and draw it with Plot into static SVG, so the page reads without JavaScript and prints.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { nodeTf } from '../engine/tf-node.ts';
import { nodeAsset } from '../engine/assets-node.ts';
import { figureById } from '../engine/registry.ts';
import { defaults } from '../engine/params.ts';
import type { FigureMeta, FigureSpec, Frame, Params } from '../engine/spec.ts';
import { renderChart } from './charts/render.ts';

export function specFor(id: string): FigureSpec {
  const spec = figureById.get(id);
  if (!spec) throw new Error(`Unknown figure id "${id}" (known: ${[...figureById.keys()].join(', ')}).`);
  return spec;
}

/** Run a spec to completion and return its last frame. */
export async function runToEnd(spec: FigureSpec, params: Params): Promise<Frame> {
  // wasm: the readers' own backend, and several times faster than cpu on these small matrices.
  const tf = await nodeTf('wasm');
  let last: Frame | null = null;
  for await (const f of spec.run(params, { tf, cancelled: () => false, asset: nodeAsset })) last = f;
  if (!last) throw new Error(`${spec.id} produced no frame.`);
  return last.status === 'running' ? { ...last, status: 'done' } : last;
}

const cache = new Map<string, Promise<Frame>>();

/** The default frame of a figure, computed once per build even if the figure appears on several pages. */
export function defaultFrame(id: string): Promise<Frame> {
  let p = cache.get(id);
  if (!p) {
    const spec = specFor(id);
    p = runToEnd(spec, defaults(spec));
    cache.set(id, p);
  }
  return p;
}

export function chartSvg(frame: Frame, spec: FigureMeta): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return renderChart(frame, spec, Plot, document as unknown as Document).outerHTML;
}
