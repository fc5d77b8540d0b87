/** The registry of chart builders, keyed by figure id (the same id as the engine spec). */
import type { ChartBuilder } from './common.ts';
import { saxePhasePortrait } from './saxe-phase-portrait.ts';
import { saxeModeCurves } from './saxe-mode-curves.ts';
import { saxeModeDelay } from './saxe-mode-delay.ts';
import { saxeDepth } from './saxe-depth.ts';
import { saxeDepthBalance } from './saxe-depth-balance.ts';
import { saxeRandomSpectra } from './saxe-random-spectra.ts';
import { saxeEdgeOfChaos } from './saxe-edge-of-chaos.ts';
import { saxeInitDepth } from './saxe-init-depth.ts';
import { saxePretraining } from './saxe-pretraining.ts';
import { tachetLosses } from './tachet-losses.ts';
import { tachetSpeed } from './tachet-speed.ts';
import { tachetStarvation } from './tachet-starvation.ts';
import { tachetPhaseDiagram } from './tachet-phase-diagram.ts';
import { tachetModes } from './tachet-modes.ts';
import { tachetFailureRate } from './tachet-failure-rate.ts';
import { tachetStarvationDigits } from './tachet-starvation-digits.ts';

export const charts: Readonly<Record<string, ChartBuilder>> = {
  'saxe-phase-portrait': saxePhasePortrait,
  'saxe-mode-curves': saxeModeCurves,
  'saxe-mode-delay': saxeModeDelay,
  'saxe-depth': saxeDepth,
  'saxe-depth-balance': saxeDepthBalance,
  'saxe-random-spectra': saxeRandomSpectra,
  'saxe-edge-of-chaos': saxeEdgeOfChaos,
  'saxe-init-depth': saxeInitDepth,
  'saxe-pretraining': saxePretraining,
  'tachet-losses': tachetLosses,
  'tachet-speed': tachetSpeed,
  'tachet-starvation': tachetStarvation,
  'tachet-phase-diagram': tachetPhaseDiagram,
  'tachet-modes': tachetModes,
  'tachet-failure-rate': tachetFailureRate,
  'tachet-starvation-digits': tachetStarvationDigits,
};

export function chartFor(id: string): ChartBuilder {
  const c = charts[id];
  if (!c) throw new Error(`No chart builder for figure "${id}".`);
  return c;
}
