/** Saxe Fig. 3 left: mode strengths over time; linear network solid, tanh dotted, eq. (12) dashed (kinds in the spec). */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, panel } from './common.ts';

export const saxeModeCurves: ChartBuilder = (frame, meta, Plot) => [
  panel(meta, 'main', { marks: [axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'main')] }),
];
