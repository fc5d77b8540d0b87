/** Saxe Fig. 3 right: relative delay of the half-learning time, one dot per seed, the mean, and the zero line (kinds in the spec). */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, panel } from './common.ts';

export const saxeModeDelay: ChartBuilder = (frame, meta, Plot) => [panel(meta, 'main', { marks: allSeriesMarks(Plot, frame, meta, 'main') })];
