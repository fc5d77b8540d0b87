/** The registry of chart builders, keyed by figure id (the same id as the engine spec). */
import type { ChartBuilder } from './common.ts';
import { saxePhasePortrait } from './saxe-phase-portrait.ts';
import { saxeModeCurves } from './saxe-mode-curves.ts';
import { saxeModeDelay } from './saxe-mode-delay.ts';

export const charts: Readonly<Record<string, ChartBuilder>> = {
  'saxe-phase-portrait': saxePhasePortrait,
  'saxe-mode-curves': saxeModeCurves,
  'saxe-mode-delay': saxeModeDelay,
};

export function chartFor(id: string): ChartBuilder {
  const c = charts[id];
  if (!c) throw new Error(`No chart builder for figure "${id}".`);
  return c;
}
