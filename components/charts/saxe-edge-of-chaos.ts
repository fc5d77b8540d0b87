/** Saxe Fig. 7: the Jacobian's singular values (density over log10 σ) and the activity variance qˡ across layers. */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, panel } from './common.ts';

export const saxeEdgeOfChaos: ChartBuilder = (frame, meta, Plot) => [
  // The line at log10 σ = 0 marks σ = 1: isometry puts the spectrum there.
  panel(meta, 'spectrum', { marks: [axisRule(Plot, 'x'), axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'spectrum')] }),
  panel(meta, 'variance', { height: 300, marks: allSeriesMarks(Plot, frame, meta, 'variance') }),
];
