/** Every figure the engine can run, by id (ids are stable: URL fragments, file and test names). */
import type { FigureSpec } from './spec.ts';
import { saxeModeCurves } from './figures/saxe-mode-curves.ts';
import { saxeModeDelay } from './figures/saxe-mode-delay.ts';
import { saxePhasePortrait } from './figures/saxe-phase-portrait.ts';
import { saxeDepth } from './figures/saxe-depth.ts';
import { saxeDepthBalance } from './figures/saxe-depth-balance.ts';
import { saxeRandomSpectra } from './figures/saxe-random-spectra.ts';
import { saxeEdgeOfChaos } from './figures/saxe-edge-of-chaos.ts';
import { saxeInitDepth } from './figures/saxe-init-depth.ts';
import { saxePretraining } from './figures/saxe-pretraining.ts';
import { tachetLosses } from './figures/tachet-losses.ts';
import { tachetSpeed } from './figures/tachet-speed.ts';
import { tachetStarvation } from './figures/tachet-starvation.ts';
import { tachetPhaseDiagram } from './figures/tachet-phase-diagram.ts';
import { tachetModes } from './figures/tachet-modes.ts';
import { tachetFailureRate } from './figures/tachet-failure-rate.ts';
import { tachetStarvationDigits } from './figures/tachet-starvation-digits.ts';
import { gsCoupledToy } from './figures/gs-coupled-toy.ts';
import { gsTwoMoons } from './figures/gs-two-moons.ts';
import { gsFeatureResponses } from './figures/gs-feature-responses.ts';
import { gsColoredDigits } from './figures/gs-colored-digits.ts';

export const figures: readonly FigureSpec[] = [saxePhasePortrait, saxeModeCurves, saxeModeDelay, saxeDepth, saxeDepthBalance, saxeRandomSpectra, tachetLosses, tachetSpeed, tachetStarvation, saxeEdgeOfChaos, tachetPhaseDiagram, tachetModes, tachetFailureRate, tachetStarvationDigits, saxeInitDepth, saxePretraining, gsCoupledToy, gsTwoMoons, gsFeatureResponses, gsColoredDigits];

export const figureById: ReadonlyMap<string, FigureSpec> = new Map(figures.map((f) => [f.id, f]));
