/**
 * The worker's lazy view of the registry: each figure's code is its own chunk, fetched the first time
 * the page runs that figure, so the worker stays small however many figures the site has.
 * Convention (checked by engine/figure-loader.test.ts): figure `<id>` is exported by engine/figures/<id>.ts.
 * Vite-only (import.meta.glob); Node uses engine/registry.ts directly.
 */
import type { FigureSpec } from './spec.ts';

// Test helpers are not figures (and would pull test-only code into the bundle).
const modules = import.meta.glob<Record<string, unknown>>(['./figures/*.ts', '!./figures/*.test.ts', '!./figures/test-util.ts']);

export function isSpec(x: unknown, id: string): x is FigureSpec {
  return typeof x === 'object' && x !== null && (x as FigureSpec).id === id && typeof (x as FigureSpec).run === 'function';
}

export async function loadFigure(id: string): Promise<FigureSpec | undefined> {
  if (!/^[a-z0-9-]+$/.test(id)) return undefined;
  const load = modules[`./figures/${id}.ts`];
  if (!load) return undefined;
  const mod = await load();
  return Object.values(mod).find((x): x is FigureSpec => isSpec(x, id));
}
