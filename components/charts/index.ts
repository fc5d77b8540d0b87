/**
 * The chart builders, keyed by figure id: components/charts/<figure-id>.ts exports one ChartBuilder.
 * Found by file name, so a new figure needs no line here; a test checks one builder per registered figure.
 */
import type { ChartBuilder } from './common.ts';

// Every file but the tests and the helpers (a helper with one exported function would pass for a builder).
const modules = import.meta.glob<Record<string, unknown>>(
  ['./*.ts', '!./*.test.ts', '!./common.ts', '!./index.ts', '!./render.ts', '!./cloud.ts', '!./mark-group.ts', '!./later.ts'],
  { eager: true },
);

export const charts: Readonly<Record<string, ChartBuilder>> = Object.fromEntries(
  Object.entries(modules).map(([path, mod]) => {
    const id = path.slice(2, -3);
    const builders = Object.values(mod).filter((v): v is ChartBuilder => typeof v === 'function');
    if (builders.length !== 1) throw new Error(`components/charts/${id}.ts should export exactly one chart builder (found ${builders.length}).`);
    return [id, builders[0]];
  }),
);

export function chartFor(id: string): ChartBuilder {
  const c = charts[id];
  if (!c) throw new Error(`No chart builder for figure "${id}" (add components/charts/${id}.ts).`);
  return c;
}
