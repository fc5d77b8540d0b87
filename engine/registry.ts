/** Every figure the engine can run, by id (ids are stable: URL fragments, file and test names). */
import type { FigureSpec } from './spec.ts';
import { saxeModeCurves } from './figures/saxe-mode-curves.ts';
import { saxeModeDelay } from './figures/saxe-mode-delay.ts';
import { saxePhasePortrait } from './figures/saxe-phase-portrait.ts';

export const figures: readonly FigureSpec[] = [saxePhasePortrait, saxeModeCurves, saxeModeDelay];

export const figureById: ReadonlyMap<string, FigureSpec> = new Map(figures.map((f) => [f.id, f]));
