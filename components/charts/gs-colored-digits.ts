/** Colored digits (ours, after Pezeshki et al. 2021, Table 1): training (dashed) and test (solid) accuracy of plain training and of spectral decoupling; the oracle and chance in grey (kinds in the spec). */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, panel } from './common.ts';

export const gsColoredDigits: ChartBuilder = (frame, meta, Plot) => [
  panel(meta, 'main', { y: { domain: [0, 1.02] }, marks: allSeriesMarks(Plot, frame, meta, 'main') }),
];
