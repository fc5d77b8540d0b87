/**
 * Build-time rendering: run a figure at its default state with the same engine (tfjs wasm backend
 * in Node) and draw it with Plot into static SVG, so the page reads without JavaScript and prints.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { nodeTf } from '../engine/tf-node.ts';
import { nodeAsset } from '../engine/assets-node.ts';
import { runToCompletion } from '../engine/run.ts';
import { figureById } from '../engine/registry.ts';
import { defaults } from '../engine/params.ts';
import type { FigureMeta, FigureSpec, Frame } from '../engine/spec.ts';
import { renderChart } from './charts/render.ts';

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

export function chartSvg(frame: Frame, spec: FigureMeta): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return renderChart(frame, spec, Plot, document as unknown as Document).outerHTML;
}
